import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/server/db/types.ts';
import type { ErrorCode, Problem } from '../../src/shared/errors.ts';

// Assertions shared by the platform suites: problem documents, and "nothing was written".

/** Asserts an RFC 9457 problem document with the given status and code; returns it. */
export async function expectProblem(res: Response, status: number, code?: ErrorCode): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Problem;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^https?:\/\//), title: expect.any(String) });
  expect(problem.code).toEqual(expect.any(String));
  if (code) expect(problem.code).toBe(code);
  return problem;
}

/** Every base table of the public schema (the owner connection sees all tenants). */
export async function publicTables(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return rows.map((r) => r.name);
}

/** Tables that carry tenant_id: the ones row-level security must guard. */
export async function tenantTables(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.table_name AS name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`.execute(db);
  return rows.map((r) => r.name);
}

/** Row count of every public table (one round trip), to prove a refused request wrote nothing. */
export async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await publicTables(db);
  const parts = tables.map((table) => sql`SELECT ${table}::text AS t, count(*)::int AS n FROM ${sql.table(table)}`);
  const { rows } = await sql<{ t: string; n: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/** Polls until the check passes; the test's own timeout bounds the wait. */
export async function until<T>(check: () => Promise<T | null | undefined | false>, everyMs = 100): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
