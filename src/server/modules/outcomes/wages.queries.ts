import { sql } from 'kysely';
import type pg from 'pg';
import type { Executor, Tx } from '../../db/tenant.ts';

// UI wage records. A record is keyed by (person, employer, year, quarter): loading it again replaces
// its wages, and within one file the later line wins. Two write paths with one rule, each one
// transaction per file:
// - PGlite: the parsed batches are upserted in file order inside the caller's transaction;
// - PostgreSQL: the file is COPYed into a session-local staging table, then merged in slices of the
//   table (by physical block, which is file order) inside one transaction on that session.

export interface WageRow {
  person_key: string;
  employer_fein: string;
  year: number;
  quarter: number;
  wages_cents: number;
}

/** Records a write added, and records whose earlier wages it replaced. */
export interface WageChanges {
  inserted: number;
  replaced: number;
}

// xmax is 0 on a row version an INSERT created, and set on one that ON CONFLICT DO UPDATE wrote.
const COUNT_CHANGES = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS replaced FROM up`;

/** One batch, in file order (PGlite path). */
export async function upsertWageBatch(tx: Tx, tenantId: string, rows: WageRow[]): Promise<WageChanges> {
  if (rows.length === 0) return { inserted: 0, replaced: 0 };
  const r = await sql<WageChanges>`
    WITH up AS (INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
    SELECT DISTINCT ON (x.person_key, x.year, x.quarter, x.employer_fein) ${tenantId}::uuid, x.person_key, x.year, x.quarter,
      x.employer_fein, x.wages_cents
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((r, n) => ({ ...r, n })))}::jsonb)
      AS x(person_key text, employer_fein text, year smallint, quarter smallint, wages_cents bigint, n bigint)
    ORDER BY x.person_key, x.year, x.quarter, x.employer_fein, x.n DESC
    ON CONFLICT (tenant_id, person_key, year, quarter, employer_fein) DO UPDATE SET wages_cents = EXCLUDED.wages_cents
    WHERE wage_record.wages_cents IS DISTINCT FROM EXCLUDED.wages_cents
    RETURNING (xmax = 0) AS inserted)
    ${sql.raw(COUNT_CHANGES)}`.execute(tx);
  return r.rows[0];
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
 * Merges blocks [from, to) of the staging table, inside the session's open transaction. Tries the plain
 * upsert first; only a slice that holds the same record twice pays for the de-duplicating sort.
 *
 * `fresh`: none of the file's quarters held a record of the tenant before this import (a state sending a
 * new quarter, the usual case). Then a plain INSERT is tried first: it costs half an upsert (measured at a
 * million rows: 2.1 s against 4.0 s, docs/benchmarks.md), and it fails, undone to the savepoint, on the
 * first key it meets twice (a record repeated in the file, or written by an earlier slice), when the
 * slice is merged again the usual way. Either way the slice ends as the upsert would leave it.
 */
export async function mergeStageSlice(client: pg.Client, tenantId: string, from: number, to: number, fresh = false): Promise<WageChanges> {
  const range = `ctid >= '(${from},0)'::tid AND ctid < '(${to},0)'::tid`;
  const upsert = (distinct: boolean) => `
    WITH up AS (INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
    SELECT ${distinct ? 'DISTINCT ON (person_key, year, quarter, employer_fein)' : ''} $1::uuid, person_key, year, quarter,
      employer_fein, wages_cents
    FROM wage_stage WHERE ${range}
    ${distinct ? 'ORDER BY person_key, year, quarter, employer_fein, ctid DESC' : ''}
    ON CONFLICT (tenant_id, person_key, year, quarter, employer_fein) DO UPDATE SET wages_cents = EXCLUDED.wages_cents
    WHERE wage_record.wages_cents IS DISTINCT FROM EXCLUDED.wages_cents
    RETURNING (xmax = 0) AS inserted)
    ${COUNT_CHANGES}`;
  if (fresh) {
    await client.query('SAVEPOINT fresh');
    try {
      const ins = await client.query(
        `INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
         SELECT $1::uuid, person_key, year, quarter, employer_fein, wages_cents FROM wage_stage WHERE ${range}`,
        [tenantId],
      );
      await client.query('RELEASE SAVEPOINT fresh');
      return { inserted: ins.rowCount ?? 0, replaced: 0 };
    } catch (err) {
      // 23505: a key met twice; merge the slice the usual way.
      if ((err as { code?: string }).code !== '23505') throw err;
      await client.query('ROLLBACK TO SAVEPOINT fresh');
      await client.query('RELEASE SAVEPOINT fresh');
    }
  }
  await client.query('SAVEPOINT plain');
  let r: pg.QueryResult<WageChanges>;
  try {
    r = await client.query<WageChanges>(upsert(false), [tenantId]);
  } catch (err) {
    // 21000: "ON CONFLICT DO UPDATE command cannot affect row a second time" — a record re-sent in the slice.
    if ((err as { code?: string }).code !== '21000') throw err;
    await client.query('ROLLBACK TO SAVEPOINT plain');
    r = await client.query<WageChanges>(upsert(true), [tenantId]);
  }
  await client.query('RELEASE SAVEPOINT plain');
  return r.rows[0];
}

/** Whether the tenant has any wage record in one of the quarters (wage_quarter lists the quarters loaded). */
export async function anyLoadedQuarter(client: pg.Client, tenantId: string, quarters: { year: number; quarter: number }[]) {
  if (quarters.length === 0) return false;
  const r = await client.query(
    `SELECT 1 FROM wage_quarter w JOIN unnest($2::int[], $3::int[]) AS x(y, q) ON w.year = x.y AND w.quarter = x.q
     WHERE w.tenant_id = $1::uuid LIMIT 1`,
    [tenantId, quarters.map((q) => q.year), quarters.map((q) => q.quarter)],
  );
  return r.rows.length > 0;
}

/** The quarters a file held, on the session (same transaction as the merge). */
export async function markStagedQuarters(client: pg.Client, tenantId: string, quarters: { year: number; quarter: number }[]) {
  if (quarters.length === 0) return;
  await client.query(
    `INSERT INTO wage_quarter (tenant_id, year, quarter) SELECT $1::uuid, y, q FROM unnest($2::int[], $3::int[]) AS x(y, q)
     ON CONFLICT (tenant_id, year, quarter) DO NOTHING`,
    [tenantId, quarters.map((q) => q.year), quarters.map((q) => q.quarter)],
  );
}
