// The US federal holidays (5 U.S.C. 6103) a year's calendar observes. A holiday on a Saturday is observed
// the Friday before, one on a Sunday the Monday after (Executive Order 11582), so New Year's Day of the
// next year can be observed on December 31: the list is of observed days that fall in the year asked for.

export interface Holiday {
  day: string;
  name: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The nth (1-based) weekday (0 Sunday … 6 Saturday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDate = new Date(Date.UTC(year, month, 0));
  const back = (lastDate.getUTCDay() - weekday + 7) % 7;
  return iso(year, month, lastDate.getUTCDate() - back);
}

/** A fixed-date holiday, moved off the weekend to the day it is observed. */
function observed(year: number, month: number, day: number, name: string): Holiday {
  const d = new Date(Date.UTC(year, month - 1, day));
  const wd = d.getUTCDay();
  if (wd === 6) d.setUTCDate(d.getUTCDate() - 1);
  if (wd === 0) d.setUTCDate(d.getUTCDate() + 1);
  return { day: d.toISOString().slice(0, 10), name: wd === 0 || wd === 6 ? `${name} (observed)` : name };
}

function ofHolidayYear(y: number): Holiday[] {
  return [
    observed(y, 1, 1, "New Year's Day"),
    { day: nthWeekday(y, 1, 1, 3), name: 'Birthday of Martin Luther King, Jr.' },
    { day: nthWeekday(y, 2, 1, 3), name: "Washington's Birthday" },
    { day: nthWeekday(y, 5, 1, -1), name: 'Memorial Day' },
    // Juneteenth National Independence Day became a federal holiday in 2021.
    ...(y >= 2021 ? [observed(y, 6, 19, 'Juneteenth National Independence Day')] : []),
    observed(y, 7, 4, 'Independence Day'),
    { day: nthWeekday(y, 9, 1, 1), name: 'Labor Day' },
    { day: nthWeekday(y, 10, 1, 2), name: 'Columbus Day' },
    observed(y, 11, 11, 'Veterans Day'),
    { day: nthWeekday(y, 11, 4, 4), name: 'Thanksgiving Day' },
    observed(y, 12, 25, 'Christmas Day'),
  ];
}

/** The observed US federal holidays falling in `year`, in date order. */
export function usFederalHolidays(year: number): Holiday[] {
  return [...ofHolidayYear(year), ...ofHolidayYear(year + 1)]
    .filter((h) => h.day.startsWith(`${year}-`))
    .sort((a, b) => a.day.localeCompare(b.day));
}
