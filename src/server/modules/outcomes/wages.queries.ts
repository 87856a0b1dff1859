import { CompiledQuery, sql } from 'kysely';
import type pg from 'pg';
import type { Executor, Tx } from '../../db/tenant.ts';

// UI wage records. A record is keyed by (person, employer, year, quarter): loading it again replaces
// its wages, and within one file the later line wins. wage_record has a partition per tenant and quarter
// (migration 20261215T0900): every writer first opens its quarters (openQuarters). Two write paths with
// one rule, each one transaction per file:
// - PGlite: the parsed batches are upserted in file order inside the caller's transaction;
// - PostgreSQL: the file is COPYed into a load table of the import; new quarters become partitions, loaded
//   ones are upserted (below).

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

/**
 * The upsert of a source of rows (person_key, employer_fein, year, quarter, wages_cents, at), where `at`
 * orders a record's lines in the file (the last one wins), counting what it added and what it replaced.
 * The counts come from the records as they were before the statement (every part of one statement sees
 * the same snapshot): RETURNING cannot tell an insert from an update on a partitioned table.
 */
function upsertFrom(source: string): string {
  return `
    WITH src AS (SELECT DISTINCT ON (person_key, year, quarter, employer_fein) person_key, year, quarter, employer_fein, wages_cents
      FROM (${source}) s ORDER BY person_key, year, quarter, employer_fein, at DESC),
    old AS (SELECT s.wages_cents, w.wages_cents AS was FROM src s LEFT JOIN wage_record w ON w.tenant_id = $1::uuid
      AND w.person_key = s.person_key AND w.year = s.year AND w.quarter = s.quarter AND w.employer_fein = s.employer_fein),
    up AS (INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
      SELECT $1::uuid, person_key, year, quarter, employer_fein, wages_cents FROM src
      ON CONFLICT (tenant_id, person_key, year, quarter, employer_fein) DO UPDATE SET wages_cents = EXCLUDED.wages_cents
      WHERE wage_record.wages_cents IS DISTINCT FROM EXCLUDED.wages_cents)
    SELECT count(*) FILTER (WHERE was IS NULL)::int AS inserted, count(*) FILTER (WHERE was <> wages_cents)::int AS replaced FROM old`;
}

/** One batch, in file order (PGlite path). */
export async function upsertWageBatch(tx: Tx, tenantId: string, rows: WageRow[]): Promise<WageChanges> {
  if (rows.length === 0) return { inserted: 0, replaced: 0 };
  const r = await tx.executeQuery<WageChanges>(
    CompiledQuery.raw(
      upsertFrom(`SELECT x.*, x.n AS at FROM jsonb_to_recordset($2::jsonb)
        AS x(person_key text, employer_fein text, year smallint, quarter smallint, wages_cents bigint, n bigint)`),
      [tenantId, JSON.stringify(rows.map((r, n) => ({ ...r, n })))],
    ),
  );
  return r.rows[0];
}

/**
 * Makes ready to write the tenant's records of these quarters: their partitions of wage_record (created if
 * missing) and their wage_quarter rows. Every writer calls it before writing; in the writer's transaction.
 */
export async function openQuarters(tx: Executor, tenantId: string, quarters: { year: number; quarter: number }[]): Promise<void> {
  if (quarters.length === 0) return;
  const years = quarters.map((q) => q.year);
  const qs = quarters.map((q) => q.quarter);
  await sql`SELECT braid_wage_partition(y, q) FROM unnest(${years}::int[], ${qs}::int[]) AS x(y, q)`.execute(tx);
  await sql`INSERT INTO wage_quarter (tenant_id, year, quarter) SELECT ${tenantId}::uuid, y, q FROM unnest(${years}::int[], ${qs}::int[]) AS x(y, q)
    ON CONFLICT (tenant_id, year, quarter) DO NOTHING`.execute(tx);
}

export function countWageRecords(db: Executor, tenantId: string) {
  return db
    .selectFrom('wage_record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
}

// ---- PostgreSQL: the import's own session and transaction (COPY and the load table belong to one connection)
//
// wage_record has a partition per tenant and quarter (migration 20261215T0900). The file is COPYed into a
// load table of the import, partitioned the same way, with a partition per quarter of the file made as the
// reader meets it. A quarter that has no partition in wage_record yet (a state sending a new quarter, or a
// tenant's first load) is loaded straight into what becomes its partition: unindexed while loading, its key
// built once at the end, then attached. A quarter already loaded is merged into its partition by the
// upsert, under row-level security. All of it is one transaction: a failure leaves no partition, no record.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = '(tenant_id, person_key, year, quarter, employer_fein)';

/** The COPY of valid rows, in COPY's text format (the load table fills tenant_id itself). */
export const COPY_LOAD = (table: string) => `COPY ${table} (person_key, employer_fein, year, quarter, wages_cents) FROM STDIN`;

/** A partition's bounds: one quarter of one tenant. Values are checked, since DDL takes no parameters. */
function bounds(tenantId: string, year: number, quarter: number): string {
  if (!UUID.test(tenantId) || !Number.isInteger(year) || !Number.isInteger(quarter)) throw new Error('Bad wage partition bounds.');
  const next = quarter === 4 ? [year + 1, 1] : [year, quarter + 1];
  return `FROM ('${tenantId}', ${year}, ${quarter}) TO ('${tenantId}', ${next[0]}, ${next[1]})`;
}

/** The same bounds as a CHECK constraint: it lets ATTACH PARTITION skip checking every row against them. */
function boundsCheck(tenantId: string, year: number, quarter: number): string {
  bounds(tenantId, year, quarter);
  return `CONSTRAINT partition_bounds CHECK (tenant_id = '${tenantId}' AND year = ${year} AND quarter = ${quarter})`;
}

/**
 * Starts the import's transaction on its session and creates the load table. One import of a tenant's
 * wages at a time (an advisory lock to the end of the transaction), so which quarters are new is decided
 * once for the whole file.
 */
export async function beginLoad(client: pg.Client, tenantId: string, runId: string): Promise<string> {
  if (!UUID.test(tenantId)) throw new Error('Bad tenant id.');
  const table = `wage_load_${runId.replace(/-/g, '').slice(0, 20)}`;
  await client.query(`SELECT set_config('braid.tenant_id', $1, false)`, [tenantId]);
  await client.query('BEGIN');
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('wage_import:' || $1))`, [tenantId]);
  // Memory for building a quarter's key in one sort, and for the upsert's de-duplicating sort.
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`SET LOCAL work_mem = '128MB'`);
  await client.query(`CREATE TABLE ${table} (LIKE wage_record INCLUDING CONSTRAINTS) PARTITION BY RANGE (tenant_id, year, quarter)`);
  await client.query(`ALTER TABLE ${table} ALTER tenant_id SET DEFAULT '${tenantId}'`);
  return table;
}

/** A quarter of the file: where its rows are loaded, and whether it is new to the tenant. */
export interface LoadQuarter {
  year: number;
  quarter: number;
  table: string;
  fresh: boolean;
}

/** Makes the load table's partitions for quarters first met in the file (between two COPYs). */
export async function addLoadQuarters(
  client: pg.Client,
  load: string,
  tenantId: string,
  met: { year: number; quarter: number }[],
): Promise<LoadQuarter[]> {
  const named = await client.query<{ name: string }>(
    `SELECT braid_wage_partition_name($1, y, q) AS name FROM unnest($2::int[], $3::int[]) WITH ORDINALITY AS x(y, q, n) ORDER BY n`,
    [tenantId, met.map((m) => m.year), met.map((m) => m.quarter)],
  );
  const names = named.rows.map((r) => r.name);
  // The lock braid_wage_partition takes (in one order, so two sessions cannot deadlock on them): a writer of
  // the same quarter waits for this import's end.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('wage_part.' || n)) FROM (SELECT unnest($1::text[]) AS n ORDER BY 1) x`, [
    names,
  ]);
  const checked = await client.query<{ fresh: boolean }>(
    `SELECT to_regclass('wage_part.' || n) IS NULL AS fresh FROM unnest($1::text[]) WITH ORDINALITY AS x(n, i) ORDER BY i`,
    [names],
  );
  const quarters = met.map((m, i) => {
    const fresh = checked.rows[i].fresh;
    return { ...m, fresh, table: fresh ? `wage_part.${names[i]}` : `${load}_${m.year}q${m.quarter}` };
  });
  // One round trip for all of them. A new quarter's table carries its bounds as a CHECK from the start (so
  // attaching it to wage_record needs no scan of its rows); the merge of a loaded quarter reads it as braid_app.
  await client.query(
    quarters
      .map((q) =>
        q.fresh
          ? `CREATE TABLE ${q.table} (LIKE ${load} INCLUDING CONSTRAINTS, ${boundsCheck(tenantId, q.year, q.quarter)});
             ALTER TABLE ${load} ATTACH PARTITION ${q.table} FOR VALUES ${bounds(tenantId, q.year, q.quarter)};`
          : `CREATE TABLE ${q.table} PARTITION OF ${load} FOR VALUES ${bounds(tenantId, q.year, q.quarter)};
             GRANT SELECT ON ${q.table} TO braid_app;`,
      )
      .join('\n'),
  );
  return quarters;
}

/**
 * Turns a new quarter's load partition into wage_record's partition: detached from the load table, keyed
 * (a record repeated in the file keeps its last line), attached. Returns the records it removed as repeats.
 */
export async function attachLoadQuarter(client: pg.Client, load: string, tenantId: string, q: LoadQuarter): Promise<number> {
  await client.query(`ALTER TABLE ${load} DETACH PARTITION ${q.table}`);
  await client.query(`ALTER TABLE ${q.table} ALTER tenant_id DROP DEFAULT`);
  let repeats = 0;
  await client.query('SAVEPOINT wage_key');
  try {
    await client.query(`ALTER TABLE ${q.table} ADD PRIMARY KEY ${KEY}`);
    await client.query('RELEASE SAVEPOINT wage_key');
  } catch (err) {
    // 23505: a key met twice, a record repeated in the file. Rows are in file order: the last one stays.
    if ((err as { code?: string }).code !== '23505') throw err;
    await client.query('ROLLBACK TO SAVEPOINT wage_key');
    const d = await client.query(
      `DELETE FROM ${q.table} a USING (SELECT ctid AS at, row_number() OVER (PARTITION BY person_key, employer_fein ORDER BY ctid DESC) AS n
       FROM ${q.table}) d WHERE a.ctid = d.at AND d.n > 1`,
    );
    repeats = d.rowCount ?? 0;
    await client.query(`ALTER TABLE ${q.table} ADD PRIMARY KEY ${KEY}`);
  }
  // Its CHECK (enforced on every row COPYed in) matches the bounds: the partition holds this tenant's rows only.
  await client.query(`ALTER TABLE wage_record ATTACH PARTITION ${q.table} FOR VALUES ${bounds(tenantId, q.year, q.quarter)}`);
  return repeats;
}

/** Merges a loaded quarter's rows into wage_record as braid_app (row-level security applies). */
export async function mergeLoadQuarter(client: pg.Client, tenantId: string, q: LoadQuarter): Promise<WageChanges> {
  await client.query('SET ROLE braid_app');
  const r = await client.query<WageChanges>(upsertFrom(`SELECT *, ctid AS at FROM ${q.table}`), [tenantId]);
  await client.query('RESET ROLE');
  return r.rows[0];
}

/** Drops the load table (what is left of it: the loaded quarters' partitions), before the commit. */
export async function dropLoad(client: pg.Client, load: string): Promise<void> {
  await client.query(`DROP TABLE ${load}`);
}

/** The quarters a file held, on the session (same transaction as the records). */
export async function markLoadedQuarters(client: pg.Client, tenantId: string, quarters: { year: number; quarter: number }[]) {
  if (quarters.length === 0) return;
  await client.query(
    `INSERT INTO wage_quarter (tenant_id, year, quarter) SELECT $1::uuid, y, q FROM unnest($2::int[], $3::int[]) AS x(y, q)
     ON CONFLICT (tenant_id, year, quarter) DO NOTHING`,
    [tenantId, quarters.map((q) => q.year), quarters.map((q) => q.quarter)],
  );
}
