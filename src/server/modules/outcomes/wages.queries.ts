import { sql } from 'kysely';
import type pg from 'pg';
import type { Executor, Tx } from '../../db/tenant.ts';

// UI wage records. A record is keyed by (person, employer, year, quarter): loading it again replaces
// its wages, and within one file the later line wins. Two write paths with one rule:
// - PGlite: each parsed batch is upserted in its own transaction, in file order;
// - PostgreSQL: the file is COPYed into a session-local staging table, then merged in slices of the
//   table (by physical block, which is file order) so progress is committed as it goes.

export interface WageRow {
  person_key: string;
  employer_fein: string;
  year: number;
  quarter: number;
  wages_cents: number;
}

/** One batch, in file order (PGlite path). Returns the records inserted or changed. */
export async function upsertWageBatch(tx: Tx, tenantId: string, rows: WageRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
    SELECT DISTINCT ON (x.person_key, x.year, x.quarter, x.employer_fein) ${tenantId}::uuid, x.person_key, x.year, x.quarter,
      x.employer_fein, x.wages_cents
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((r, n) => ({ ...r, n })))}::jsonb)
      AS x(person_key text, employer_fein text, year smallint, quarter smallint, wages_cents bigint, n bigint)
    ORDER BY x.person_key, x.year, x.quarter, x.employer_fein, x.n DESC
    ON CONFLICT (tenant_id, person_key, year, quarter, employer_fein) DO UPDATE SET wages_cents = EXCLUDED.wages_cents
    WHERE wage_record.wages_cents IS DISTINCT FROM EXCLUDED.wages_cents`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export async function markQuarters(tx: Tx, tenantId: string, quarters: { year: number; quarter: number }[]): Promise<void> {
  if (quarters.length === 0) return;
  await tx
    .insertInto('wage_quarter')
    .values(quarters.map((q) => ({ tenant_id: tenantId, year: q.year, quarter: q.quarter })))
    .onConflict((oc) => oc.columns(['tenant_id', 'year', 'quarter']).doNothing())
    .execute();
}

export function countWageRecords(db: Executor, tenantId: string) {
  return db
    .selectFrom('wage_record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
}

// ---- PostgreSQL: a dedicated session (temporary tables and COPY belong to one connection)

/** Binds the session to the tenant as braid_app (RLS applies), and creates the staging table. */
export async function openStageSession(client: pg.Client, tenantId: string): Promise<void> {
  await client.query('SET ROLE braid_app');
  await client.query(`SELECT set_config('braid.tenant_id', $1, false)`, [tenantId]);
  // Unindexed and unlogged (temporary): loading it costs what a plain COPY costs.
  await client.query(`CREATE TEMP TABLE wage_stage (person_key text, employer_fein text, year smallint, quarter smallint,
    wages_cents bigint)`);
}

export const COPY_STAGE = 'COPY wage_stage (person_key, employer_fein, year, quarter, wages_cents) FROM STDIN';

export async function stageBlocks(client: pg.Client): Promise<number> {
  const r = await client.query<{ blocks: string }>(`SELECT pg_relation_size('wage_stage') / current_setting('block_size')::int AS blocks`);
  return Number(r.rows[0].blocks);
}

/**
 * Merges blocks [from, to) of the staging table in one transaction. Tries the plain upsert first;
 * only a slice that holds the same record twice pays for the de-duplicating sort.
 */
export async function mergeStageSlice(client: pg.Client, tenantId: string, from: number, to: number): Promise<number> {
  const range = `ctid >= '(${from},0)'::tid AND ctid < '(${to},0)'::tid`;
  const upsert = (distinct: boolean) => `
    INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
    SELECT ${distinct ? 'DISTINCT ON (person_key, year, quarter, employer_fein)' : ''} $1::uuid, person_key, year, quarter,
      employer_fein, wages_cents
    FROM wage_stage WHERE ${range}
    ${distinct ? 'ORDER BY person_key, year, quarter, employer_fein, ctid DESC' : ''}
    ON CONFLICT (tenant_id, person_key, year, quarter, employer_fein) DO UPDATE SET wages_cents = EXCLUDED.wages_cents
    WHERE wage_record.wages_cents IS DISTINCT FROM EXCLUDED.wages_cents`;
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL work_mem = '128MB'`);
    await client.query('SAVEPOINT plain');
    let r: pg.QueryResult;
    try {
      r = await client.query(upsert(false), [tenantId]);
    } catch (err) {
      // 21000: "ON CONFLICT DO UPDATE command cannot affect row a second time" — a record re-sent in the slice.
      if ((err as { code?: string }).code !== '21000') throw err;
      await client.query('ROLLBACK TO SAVEPOINT plain');
      r = await client.query(upsert(true), [tenantId]);
    }
    await client.query('COMMIT');
    return r.rowCount ?? 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
