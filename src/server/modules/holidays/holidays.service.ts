import { randomUUID } from 'node:crypto';
import type { HolidayAdded, HolidayBody, HolidayList, HolidayRemoved, UsFederalHolidaysResult } from '../../../shared/schemas/holidays.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { type HolidayChange, type MovedDeadline, tellDeadlinesMoved } from '../referrals/referrals.deadlines.ts';
import { awaitingAnswerAcross, setDueOn } from '../referrals/referrals.queries.ts';
import { addBusinessDays, businessDaysBetween, holidaysAfter } from './holidays.calendar.ts';
import * as q from './holidays.queries.ts';
import { usFederalHolidays } from './us-federal.ts';

// The tenant's holiday calendar: listed by year, a day added or removed at a time, or a year of US
// federal holidays at once. Every change moves the deadlines of the referrals still awaiting an answer
// whose window holds the day, in the same transaction, and is audited with the deadlines it moved; both
// sides of each moved referral see it on its timeline and by email (referrals.deadlines.ts).

export async function list(ctx: Context, year: number = new Date().getUTCFullYear()): Promise<HolidayList> {
  const items = await ctx.tx((tx) => q.holidaysOfYear(tx, year));
  return { year, items };
}

/**
 * After the calendar changed (already written, same transaction): each referral awaiting an answer whose
 * window holds a changed day keeps the number of business days it had under the old calendar, counted on
 * the new one. The audit details name each move; the referrals' timelines and both sides' email say it.
 */
async function followDeadlines(ctx: Context, tx: Tx, change: HolidayChange) {
  const added = change.added.map((h) => h.day);
  const removed = change.removed.map((h) => h.day);
  const hit = await awaitingAnswerAcross(tx, [...added, ...removed]);
  const moved: MovedDeadline[] = [];
  if (hit.length > 0) {
    const now = await holidaysAfter(tx);
    const before = new Set([...now].filter((d) => !added.includes(d)).concat(removed));
    for (const r of hit) {
      const due = addBusinessDays(new Date(`${r.started}T00:00:00Z`), businessDaysBetween(r.started, r.due_on, before), now);
      if (due === r.due_on) continue;
      await setDueOn(tx, r.id, due);
      moved.push({ referralId: r.id, started: r.started, from: r.due_on, to: due });
    }
  }
  await tellDeadlinesMoved(ctx, tx, moved, change);
  return { deadlinesMoved: moved.length, movedDeadlines: moved.map(({ referralId, from, to }) => ({ referralId, from, to })) };
}

export async function add(ctx: Context, body: HolidayBody): Promise<HolidayAdded> {
  return ctx.tx(async (tx) => {
    const id = randomUUID();
    if (!(await q.insertHoliday(tx, { id, tenant_id: ctx.tenantId, day: body.day, name: body.name }))) {
      throw new AppError('conflict', 'That day is already a holiday.', [
        { field: 'body.day', code: 'duplicate', message: 'That day is already in the calendar.' },
      ]);
    }
    const moved = await followDeadlines(ctx, tx, { added: [body], removed: [] });
    await ctx.audit(tx, { action: 'holiday.added', entityType: 'tenant_holiday', entityId: id, details: { ...body, ...moved } });
    return { id, day: body.day, name: body.name, deadlinesMoved: moved.deadlinesMoved };
  });
}

export async function addUsFederal(ctx: Context, year: number): Promise<UsFederalHolidaysResult> {
  return ctx.tx(async (tx) => {
    const days: { day: string; name: string }[] = [];
    for (const h of usFederalHolidays(year)) {
      if (await q.insertHoliday(tx, { id: randomUUID(), tenant_id: ctx.tenantId, ...h })) days.push(h);
    }
    const moved = await followDeadlines(ctx, tx, { added: days, removed: [] });
    await ctx.audit(tx, {
      action: 'holiday.us_federal_added',
      entityType: 'tenant',
      entityId: ctx.tenantId,
      details: { year, added: days.length, ...moved },
    });
    return { added: days.length, deadlinesMoved: moved.deadlinesMoved };
  });
}

export async function remove(ctx: Context, id: string): Promise<HolidayRemoved> {
  return ctx.tx(async (tx) => {
    const gone = await q.deleteHoliday(tx, id);
    if (!gone) throw notFound('holiday');
    const moved = await followDeadlines(ctx, tx, { added: [], removed: [gone] });
    await ctx.audit(tx, { action: 'holiday.removed', entityType: 'tenant_holiday', entityId: id, details: { ...gone, ...moved } });
    return { ok: true as const, deadlinesMoved: moved.deadlinesMoved };
  });
}
