// `npm run bench:participants`: the caseload list and participant search with 100k participants and
// 2M service records on PostgreSQL, at a fixed request rate, against the same SQL run directly in the
// same run (same transaction set-up, same row-level security, same pool size).
//
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                        a database braid_bench_participants_<random> is created and dropped.
//   BENCH_PARTICIPANTS   default 100000      BENCH_SERVICES_PER   default 20 (→ 2M services)
//   BENCH_RATE           requests per second, default 50        BENCH_SECONDS   per measurement, default 20
//   BENCH_KEEP=1         keep the database afterwards (for EXPLAIN ANALYZE); BENCH_DB=<name> reuses a kept one
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/server/db/types.ts';
import { caseloadPageQuery } from '../src/server/modules/participants/participants.queries.ts';
import { FIRST_F, FIRST_M, LAST, type Prng, prng } from '../src/server/seed/demo-participants.ts';
import { createDatabase, databaseUrl, dropDatabase, fixedRate, fmt, machineLine, pct, serveBraid } from './lib.ts';

const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const PER = Number(process.env.BENCH_SERVICES_PER ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = 3411;

// Synthetic names from the demo's lists (50 first names, 60 last names), made about as varied as a real
// caseload: a Zipf-like skew towards the common names, a blend of two list names (the first half of one and
// the second half of another, e.g. "Wilrez") for less common ones, hyphenated surnames, and some two-part first
// names. An earlier version used 30 × 45 fixed names (1,350 distinct), so every trigram
// matched thousands of rows and search was measured on data no partnership has.
const FIRSTS = [...FIRST_F, ...FIRST_M];
function blend(r: Prng, xs: readonly string[]) {
  const a = r.pick(xs);
  const b = r.pick(xs);
  const head = a.slice(0, Math.max(2, Math.ceil(a.length / 2)));
  const tail = b.slice(Math.floor(b.length / 2));
  return head + tail.toLowerCase();
}
/** Index skewed to the front of a list: a few names are common, most are rare. */
const zipf = (r: Prng, n: number) => Math.min(n - 1, Math.floor(n * r.next() ** 2.2));
export function syntheticNames(n: number, seed = 20261210) {
  const r = prng(seed);
  const first: string[] = [];
  const last: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = r.next();
    first.push(f < 0.7 ? FIRSTS[zipf(r, FIRSTS.length)] : f < 0.93 ? blend(r, FIRSTS) : `${r.pick(FIRSTS)} ${r.pick(FIRSTS)}`);
    const l = r.next();
    last.push(l < 0.45 ? LAST[zipf(r, LAST.length)] : l < 0.9 ? blend(r, LAST) : `${r.pick(LAST)}-${blend(r, LAST)}`);
  }
  return { first, last };
}
const SEARCHES = [
  'jasmin johnsen',
  'marcus willams',
  'guadalupe rodrigez',
  'kowalsky',
  'minh ngyen',
  'okafor',
  'fatima garcia',
  'tyler brwn',
];

async function main() {
  const reuse = process.env.BENCH_DB;
  const keep = Boolean(reuse) || process.env.BENCH_KEEP === '1';
  const { name, url } = reuse ? { name: reuse, url: databaseUrl(ADMIN, reuse) } : await createDatabase(ADMIN, 'braid_bench_participants');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-bench-'));
  let braid: ChildProcess | null = null;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Queries still queued when a saturated measurement ends are cut off by the final DROP DATABASE … WITH
  // (FORCE); that is expected, and must not crash the script after its figures are printed.
  pool.on('error', () => {});
  try {
    console.log(machineLine());
    braid = await serveBraid(url, PORT, dataDir);

    // Bulk data, written as the database owner (outside row-level security), in the demo tenant.
    const t0 = Date.now();
    const { rows: orgRows } = await pool.query(
      `SELECT o.id, o.name, o.tenant_id FROM organization o WHERE o.name IN ('Lakeshore Workforce Partners', 'Eastside Neighborhood Opportunity Center', 'Tri-County American Job Center') ORDER BY o.name`,
    );
    const tenantId = orgRows[0].tenant_id as string;
    const lakeshore = orgRows.find((o) => o.name === 'Lakeshore Workforce Partners').id as string;
    const { rows: navRows } = await pool.query(`SELECT id FROM "user" WHERE email = 'navigator@demo.braid.test'`);
    const orgs = orgRows.map((o) => o.id as string);
    if (!reuse) {
      const names = syntheticNames(N);
      await pool.query(
        `INSERT INTO participant (id, tenant_id, owner_organization_id, navigator_user_id, status, first_name, last_name, state_code, county_fips, import_key, intake_completed_at)
         SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + g % 3], CASE WHEN g % 3 = ${orgs.indexOf(lakeshore)} THEN $3::uuid END,
           (ARRAY['applicant','enrolled','enrolled','exited','exited','draft'])[1 + (g * 7) % 6],
           n.first, n.last, 'OH', (ARRAY['39035','39035','39085','39093'])[1 + g % 4], 'bench:' || g, now()
         FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS n(first, last, g)`,
        [tenantId, orgs, navRows[0].id, names.first, names.last],
      );
      await pool.query(
        `INSERT INTO program_participation (id, tenant_id, participant_id, entry_date, exit_date)
         SELECT gen_random_uuid(), $1, p.id, DATE '2023-07-01' + ((p.rn * 37) % 1100)::int,
           CASE WHEN p.status = 'exited' THEN DATE '2023-07-01' + ((p.rn * 37) % 1100)::int + 120 END
         FROM (SELECT id, status, row_number() OVER (ORDER BY id) AS rn FROM participant WHERE import_key LIKE 'bench:%' AND status <> 'draft') p`,
        [tenantId],
      );
      await pool.query(
        `INSERT INTO service_record (id, tenant_id, participant_id, activity, category, qualifying, service_date, status)
         SELECT gen_random_uuid(), $1, p.id, 'career_counseling', 'individualized_career', true, DATE '2023-07-01' + ((p.rn * 37 + s * 11) % 1200)::int, 'completed'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM participant WHERE import_key LIKE 'bench:%') p, generate_series(1, $2::int) s`,
        [tenantId, PER],
      );
    }
    await pool.query('ANALYZE');
    const { rows: counts } = await pool.query(
      'SELECT (SELECT count(*) FROM participant) AS p, (SELECT count(DISTINCT search_name) FROM participant) AS d, (SELECT count(*) FROM service_record) AS s',
    );
    console.log(
      `data: ${counts[0].p} participants (${counts[0].d} distinct names), ${counts[0].s} service records, loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    // The navigator's session, and the exact SQL Braid runs for the same requests.
    const signIn = await fetch(`http://127.0.0.1:${PORT}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'navigator@demo.braid.test', password: 'care-pathways-2026' }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
    const scope = { all: false, ownerOrgIds: [lakeshore], recipientOrgIds: [lakeshore] };
    const compiler = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    // The statement Braid runs for a page: the 25 rows, their dates and the (capped) total.
    const compiled = (q?: string) => [caseloadPageQuery(compiler, scope, q ? { q } : {}, { offset: 0, limit: 25 }).compile()];

    async function direct(q?: string) {
      const c = compiled(q);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('role', 'braid_app', true), set_config('braid.tenant_id', $1, true)`, [tenantId]);
        for (const stmt of c) await client.query(stmt.sql, stmt.parameters as unknown[]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }

    async function http(url: string) {
      // Warm-up, then the measured run at a fixed rate.
      await autocannon({ url, connections: 10, amount: 100, headers: { cookie } });
      const r = await autocannon({ url, connections: 50, overallRate: RATE, duration: SECONDS, headers: { cookie } });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`non-2xx ${r.non2xx}, errors ${r.errors} for ${url}`);
      return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average };
    }

    const results: string[] = [];
    for (const [title, url, q] of [
      ['caseload list (page 1 of 25)', `http://127.0.0.1:${PORT}/api/participants?pageSize=25`, undefined],
      ['search "marcus willams"', `http://127.0.0.1:${PORT}/api/participants?pageSize=25&q=marcus%20willams`, 'marcus willams'],
    ] as const) {
      const first = await (await fetch(url, { headers: { cookie } })).json();
      for (let i = 0; i < 50; i++) await direct(q);
      const d = await fixedRate(RATE, SECONDS, () => direct(q));
      const h = await http(url);
      const line = `${title.padEnd(30)} HTTP p50 ${fmt(h.p50)} p99 ${fmt(h.p99)} (${h.rps.toFixed(0)} req/s)   direct SQL p50 ${fmt(pct(d, 50))} p99 ${fmt(pct(d, 99))}   ratio p50 ${(h.p50 / pct(d, 50)).toFixed(1)}× p99 ${(h.p99 / pct(d, 99)).toFixed(1)}×   (${first.total}${first.totalCapped ? '+' : ''} matching)`;
      console.log(line);
      results.push(line);
    }
    // A few different misspelled names, to show search is not one lucky plan.
    const varied = await fixedRate(RATE, SECONDS, (i) => direct(SEARCHES[i % SEARCHES.length]));
    console.log(`search, ${SEARCHES.length} different names, direct SQL p50 ${fmt(pct(varied, 50))} p99 ${fmt(pct(varied, 99))}`);
    console.log(`fixed rate ${RATE} req/s for ${SECONDS} s per measurement; pool of 10 connections on both sides`);
    await compiler.destroy();
  } finally {
    braid?.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await pool.end().catch(() => {});
    if (keep) console.log(`kept database ${name}`);
    else {
      await dropDatabase(ADMIN, name);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
