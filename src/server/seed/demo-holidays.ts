import { randomUUID } from 'node:crypto';
import { insertHoliday } from '../modules/holidays/holidays.queries.ts';
import { usFederalHolidays } from '../modules/holidays/us-federal.ts';
import type { DemoContext } from './demo.ts';

// The demo partnership keeps the US federal holidays, from last year (the year of referrals the demo holds)
// to next year (deadlines still ahead). Before the referrals, so their deadlines skip these days too.
export const holidaysDemoStep = {
  name: 'holidays: US federal holidays, last year to next year',
  async run(ctx: DemoContext) {
    const year = new Date().getUTCFullYear();
    for (const y of [year - 1, year, year + 1]) {
      for (const h of usFederalHolidays(y)) await insertHoliday(ctx.tx, { id: randomUUID(), tenant_id: ctx.tenantId, ...h });
    }
  },
};
