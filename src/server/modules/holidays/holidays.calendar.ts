import type { Executor } from '../../db/tenant.ts';
import { holidayDays } from './holidays.queries.ts';

// Business days: Monday to Friday, minus the tenant's holidays. Every business-day count in Braid goes
// through here (referral deadlines and escalation); referral reports count the same days in SQL
// (referrals.reports.queries.ts).

export type Holidays = ReadonlySet<string>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The date `days` business days after `from` (its UTC calendar day), skipping weekends and `holidays`. */
export function addBusinessDays(from: Date, days: number, holidays: Holidays = new Set()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(isoDay(d))) left -= 1;
  }
  return isoDay(d);
}

/** How many business days lie after `from` up to and including `to` (ISO days): addBusinessDays' inverse. */
export function businessDaysBetween(from: string, to: string, holidays: Holidays = new Set()): number {
  const d = new Date(`${from}T00:00:00Z`);
  let n = 0;
  for (d.setUTCDate(d.getUTCDate() + 1); isoDay(d) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(isoDay(d))) n += 1;
  }
  return n;
}

/** The tenant's holidays after `from` (or all), for addBusinessDays. */
export async function holidaysAfter(db: Executor, from?: Date): Promise<Holidays> {
  return new Set(await holidayDays(db, from ? isoDay(from) : undefined));
}

/** `days` business days after `from`, by the tenant's calendar. */
export async function businessDaysAfter(db: Executor, from: Date, days: number): Promise<string> {
  return addBusinessDays(from, days, await holidaysAfter(db, from));
}
