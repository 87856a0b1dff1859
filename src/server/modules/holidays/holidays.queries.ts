import type { Executor } from '../../db/tenant.ts';

// The only SQL of the holiday calendar. RLS keeps every statement to the caller's tenant.

export function holidaysOfYear(db: Executor, year: number) {
  return db
    .selectFrom('tenant_holiday')
    .select(['id', 'day', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/** Every holiday after `after` (YYYY-MM-DD), or all of them: a calendar holds a dozen days a year. */
export async function holidayDays(db: Executor, after?: string): Promise<string[]> {
  let q = db.selectFrom('tenant_holiday').select('day');
  if (after) q = q.where('day', '>', after);
  return (await q.execute()).map((r) => r.day);
}

/** Adds a day off; false when the calendar already has that day. */
export async function insertHoliday(db: Executor, row: { id: string; tenant_id: string; day: string; name: string }): Promise<boolean> {
  const res = await db
    .insertInto('tenant_holiday')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function deleteHoliday(db: Executor, id: string) {
  return db.deleteFrom('tenant_holiday').where('id', '=', id).returning(['day', 'name']).executeTakeFirst();
}
