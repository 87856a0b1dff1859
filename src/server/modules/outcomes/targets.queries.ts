import type { Insertable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { OutcomeTargetTable } from '../../db/types.ts';

const COLUMNS = ['id', 'indicator', 'scope', 'scope_key', 'program_year', 'target'] as const;

export function listTargets(db: Executor, programYear: number) {
  return db
    .selectFrom('outcome_target')
    .select(COLUMNS)
    .where('program_year', '=', programYear)
    .orderBy('indicator')
    .orderBy('scope')
    .orderBy('scope_key')
    .execute();
}

export function findTarget(db: Executor, id: string) {
  return db.selectFrom('outcome_target').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** One target per (year, indicator, scope): setting it again replaces the level. */
export function upsertTarget(db: Executor, row: Insertable<OutcomeTargetTable>) {
  return db
    .insertInto('outcome_target')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'program_year', 'indicator', 'scope', 'scope_key']).doUpdateSet((eb) => ({
        target: eb.ref('excluded.target'),
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function deleteTarget(db: Executor, id: string) {
  return db.deleteFrom('outcome_target').where('id', '=', id).executeTakeFirst();
}

/** Names of the tenant's initiatives among the ids (a target's label; an id not found is not the tenant's). */
export async function initiativeNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('initiative').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of the tenant's funding streams among the ids. */
export async function fundingStreamNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('funding_stream').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
