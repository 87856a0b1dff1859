import { randomUUID } from 'node:crypto';
import type { HolidayBody, HolidayList } from '../../../shared/schemas/holidays.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import * as q from './holidays.queries.ts';
import { usFederalHolidays } from './us-federal.ts';

// The tenant's holiday calendar: listed by year, a day added or removed at a time, or a year of US
// federal holidays at once. Every change is audited: it moves referral deadlines.

export async function list(ctx: Context, year: number = new Date().getUTCFullYear()): Promise<HolidayList> {
  const items = await ctx.tx((tx) => q.holidaysOfYear(tx, year));
  return { year, items };
}

export async function add(ctx: Context, body: HolidayBody) {
  return ctx.tx(async (tx) => {
    const id = randomUUID();
    if (!(await q.insertHoliday(tx, { id, tenant_id: ctx.tenantId, day: body.day, name: body.name }))) {
      throw new AppError('conflict', 'That day is already a holiday.', [
        { field: 'body.day', code: 'duplicate', message: 'That day is already in the calendar.' },
      ]);
    }
    await ctx.audit(tx, { action: 'holiday.added', entityType: 'tenant_holiday', entityId: id, details: body });
    return { id, day: body.day, name: body.name };
  });
}

export async function addUsFederal(ctx: Context, year: number): Promise<{ added: number }> {
  return ctx.tx(async (tx) => {
    let added = 0;
    for (const h of usFederalHolidays(year)) {
      if (await q.insertHoliday(tx, { id: randomUUID(), tenant_id: ctx.tenantId, ...h })) added++;
    }
    await ctx.audit(tx, { action: 'holiday.us_federal_added', entityType: 'tenant', entityId: ctx.tenantId, details: { year, added } });
    return { added };
  });
}

export async function remove(ctx: Context, id: string): Promise<{ ok: true }> {
  return ctx.tx(async (tx) => {
    const gone = await q.deleteHoliday(tx, id);
    if (!gone) throw notFound('holiday');
    await ctx.audit(tx, { action: 'holiday.removed', entityType: 'tenant_holiday', entityId: id, details: gone });
    return { ok: true as const };
  });
}
