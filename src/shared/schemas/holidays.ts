import { z } from 'zod';
import { uuid } from './common.ts';

// The tenant's holiday calendar: days business-day counts skip (referral deadlines, escalation, reports).

export const holiday = z.object({ id: uuid, day: z.string(), name: z.string() });
export type Holiday = z.infer<typeof holiday>;

export const holidayYear = z.coerce.number().int().min(2000).max(2100);

export const holidayListQuery = z.strictObject({ year: holidayYear.optional() });
export type HolidayListQuery = z.infer<typeof holidayListQuery>;

/**
 * Every change of the calendar says how many deadlines it moved: referrals still awaiting an answer whose
 * deadline window holds the changed day keep their number of business days.
 */
const moved = { deadlinesMoved: z.number().int() };

export const holidayAdded = holiday.extend(moved);
export type HolidayAdded = z.infer<typeof holidayAdded>;

export const holidayRemoved = z.object({ ok: z.literal(true), ...moved });
export type HolidayRemoved = z.infer<typeof holidayRemoved>;

export const holidayList = z.object({ year: z.number().int(), items: z.array(holiday) });
export type HolidayList = z.infer<typeof holidayList>;

export const holidayBody = z.strictObject({
  day: z.iso.date(),
  name: z.string().trim().min(1).max(200),
});
export type HolidayBody = z.infer<typeof holidayBody>;

/** Adds the observed US federal holidays of a year; days already in the calendar are kept as they are. */
export const usFederalHolidaysBody = z.strictObject({ year: holidayYear });
export const usFederalHolidaysResult = z.object({ added: z.number().int(), ...moved });
export type UsFederalHolidaysResult = z.infer<typeof usFederalHolidaysResult>;
