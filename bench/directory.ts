// `npm run bench:directory`: directory search over 10k services and referral lists over 1M referrals on
// PostgreSQL, at a fixed request rate, against the same SQL run directly in the same run (same
// transaction set-up, same row-level security, same pool size).
//
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                        a database braid_bench_directory_<random> is created and dropped.
//   BENCH_SERVICES       default 10000       BENCH_REFERRALS   default 1000000
//   BENCH_RATE           requests per second, default 50        BENCH_SECONDS   per measurement, default 20
//   BENCH_ONLY           run only the cases whose title contains this (e.g. "referrals")
//   BENCH_KEEP=1         keep the database afterwards; BENCH_DB=<name> measures a kept one without loading it
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/server/db/types.ts';
import { type SearchFilter, searchServiceIds, serviceEntries } from '../src/server/modules/directory/directory.queries.ts';
import { listReferralIds, type ReferralFilter, referralsByIds } from '../src/server/modules/referrals/referrals.queries.ts';
import { REFERRAL_COUNT_CAP } from '../src/shared/schemas/referrals.ts';
import { createDatabase, databaseUrl, dropDatabase, fixedRate, fmt, machineLine, pct, serveBraid } from './lib.ts';

const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 1_000_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = 3413;
const PASSWORD = 'care-pathways-2026';

const KINDS = [
  'Job Training',
  'Childcare',
  'Transportation',
  'Housing Help',
  'Legal Aid',
  'Financial Coaching',
  'Food Pantry',
  'Counseling',
];
const PLACES = ['Cleveland', 'Lakewood', 'Parma', 'Euclid', 'Mentor', 'Painesville', 'Elyria', 'Lorain', 'Akron', 'Westlake'];
const WORDS = ['evening', 'bilingual', 'youth', 'reentry', 'veterans', 'family', 'walk-in', 'online', 'certified', 'emergency'];

async function main() {
  // BENCH_DB=<name> measures a database kept by an earlier run (BENCH_KEEP=1) without loading it again.
  const reuse = process.env.BENCH_DB;
  const { name, url } = reuse ? { name: reuse, url: databaseUrl(ADMIN, reuse) } : await createDatabase(ADMIN, 'braid_bench_directory');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-bench-'));
  let braid: ChildProcess | null = null;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    console.log(machineLine());
    braid = await serveBraid(url, PORT, dataDir);

    // Bulk data, written as the database owner (outside row-level security), in the demo tenant, set-based.
    const t0 = Date.now();
    const { rows: tenants } = await pool.query(`SELECT tenant_id FROM hsds_service LIMIT 1`);
    const tenantId = tenants[0].tenant_id as string;
    const { rows: orgRows } = await pool.query(
      `SELECT DISTINCT organization_id AS id FROM hsds_service WHERE tenant_id = $1 ORDER BY organization_id`,
      [tenantId],
    );
    const orgs = orgRows.map((o) => o.id as string);
    const { rows: eastside } = await pool.query(`SELECT id FROM organization WHERE name = 'Eastside Neighborhood Opportunity Center'`);
    const eastsideId = eastside[0].id as string;
    if (!orgs.includes(eastsideId)) orgs.push(eastsideId);
    if (!reuse) {
      const { rows: terms } = await pool.query(`SELECT id FROM hsds_taxonomy_term WHERE tenant_id = $1 ORDER BY code, id`, [tenantId]);
      await pool.query(
        `INSERT INTO hsds_service (id, tenant_id, organization_id, name, description, status, minimum_age, maximum_age, populations,
         verified_at, open_slots, self_referral, doc)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])],
         ($3::text[])[1 + g % 8] || ' ' || ($4::text[])[1 + (g / 8) % 10] || ' ' || g,
         'Bench ' || lower(($3::text[])[1 + g % 8]) || ' service in ' || ($4::text[])[1 + (g / 8) % 10] || ', ' ||
           ($5::text[])[1 + g % 10] || ' and ' || ($5::text[])[1 + (g / 10) % 10] || ' hours.',
         'active', CASE WHEN g % 4 = 0 THEN 16 END, CASE WHEN g % 5 = 0 THEN 64 END,
         CASE WHEN g % 3 = 0 THEN ARRAY['youth'] ELSE '{}' END,
         now() - ((g % 400) || ' days')::interval, g % 7, g % 2 = 0, '{}'::jsonb
       FROM generate_series(1, $6::int) g`,
        [tenantId, orgs, KINDS, PLACES, WORDS, SERVICES],
      );
      // Each bench service: a doc like an import writes, a language, a schedule, a taxonomy term, and
      // (one in two) a service area naming a county.
      await pool.query(
        `UPDATE hsds_service SET doc = jsonb_build_object('id', id, 'name', name, 'description', description, 'status', status)
       WHERE description LIKE 'Bench %'`,
      );
      const bench = `(SELECT id, row_number() OVER (ORDER BY id) AS g FROM hsds_service WHERE description LIKE 'Bench %')`;
      await pool.query(
        `INSERT INTO hsds_language (tenant_id, owner_type, owner_id, id, position, doc)
       SELECT $1, 'service', s.id, gen_random_uuid(), 0,
         CASE WHEN s.g % 3 = 0 THEN '{"name":"Spanish","code":"es"}'::jsonb ELSE '{"name":"English","code":"en"}'::jsonb END
       FROM ${bench} s`,
        [tenantId],
      );
      await pool.query(
        `INSERT INTO hsds_schedule (tenant_id, owner_type, owner_id, id, position, doc)
       SELECT $1, 'service', s.id, gen_random_uuid(), 0,
         jsonb_build_object('byday', CASE WHEN s.g % 2 = 0 THEN 'MO,TU,WE,TH,FR' ELSE 'SA' END, 'opens_at', '09:00', 'closes_at', '17:00')
       FROM ${bench} s`,
        [tenantId],
      );
      if (terms.length > 0)
        await pool.query(
          `INSERT INTO hsds_attribute (tenant_id, owner_type, owner_id, id, position, ref_id, doc)
         SELECT $1, 'service', s.id, gen_random_uuid(), 0, ($2::uuid[])[1 + s.g % cardinality($2::uuid[])], '{}'::jsonb
         FROM ${bench} s`,
          [tenantId, terms.map((t) => t.id)],
        );
      await pool.query(
        `INSERT INTO hsds_service_area (tenant_id, owner_type, owner_id, id, position, doc)
       SELECT $1, 'service', s.id, gen_random_uuid(), 0,
         jsonb_build_object('name', (ARRAY['Cuyahoga County','Lake County','Lorain County'])[1 + s.g % 3])
       FROM ${bench} s WHERE s.g % 2 = 0`,
        [tenantId],
      );
      // 1M referrals: to bench services, sent by the demo organizations, over three years, mixed statuses.
      const { rows: participants } = await pool.query(`SELECT id FROM participant WHERE tenant_id = $1 ORDER BY id LIMIT 500`, [tenantId]);
      await pool.query(
        `INSERT INTO referral (id, tenant_id, participant_id, service_id, sender_organization_id, receiving_organization_id, categories,
         status, urgency, reason, due_on, sent_at, accepted_at)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])], s.id, ($3::uuid[])[1 + (g / 7) % cardinality($3::uuid[])],
         s.organization_id, ARRAY['contact'],
         (ARRAY['sent','accepted','in_progress','completed','completed','declined','not_completed'])[1 + g % 7],
         (ARRAY['routine','routine','soon','urgent'])[1 + g % 4], 'Bench referral',
         DATE '2024-01-01' + (g % 1000), TIMESTAMPTZ '2024-01-01' + ((g % 1000) || ' days')::interval + ((g % 86400) || ' seconds')::interval,
         CASE WHEN g % 7 IN (1, 2, 3, 4) THEN TIMESTAMPTZ '2024-01-02' + ((g % 1000) || ' days')::interval END
       FROM generate_series(1, $4::int) g
       JOIN (SELECT id, organization_id, row_number() OVER (ORDER BY id) - 1 AS k FROM hsds_service) s
         ON s.k = (g::bigint * 7919) % (SELECT count(*) FROM hsds_service)`,
        [tenantId, participants.map((p) => p.id), orgs, REFERRALS],
      );
      // As autovacuum would leave a table of this age: statistics, and the visibility map that lets a
      // capped count read the inbox index alone (without it: a heap visit per counted referral).
      await pool.query('VACUUM ANALYZE');
    }
    const { rows: counts } = await pool.query(
      `SELECT (SELECT count(*) FROM hsds_service) AS services, (SELECT count(*) FROM referral) AS referrals,
         (SELECT count(*) FROM referral WHERE receiving_organization_id = $1) AS eastside_inbox`,
      [eastsideId],
    );
    console.log(
      `data: ${counts[0].services} services, ${counts[0].referrals} referrals (${counts[0].eastside_inbox} to Eastside), loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    const signIn = async (email: string) => {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
      return (res.headers.getSetCookie()[0] as string).split(';')[0] as string;
    };
    const navigator = await signIn('navigator@demo.braid.test');
    const director = await signIn('director@demo.braid.test');
    const partner = await signIn('partner@demo.braid.test');

    const compiler = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    // The statements Braid runs for a page: paginate() adds the total and the cut to the ids query, then
    // the page's rows are read by id.
    type Exec = (q: CompiledQuery) => Promise<{ id: string }[]>;
    const cut = <Q extends { select: unknown }>(q: Q) =>
      (q as unknown as ReturnType<typeof searchServiceIds>)
        .select(sql<number>`count(*) over ()`.as('__total'))
        .limit(25)
        .offset(0)
        .compile();
    const directSearch = (f: SearchFilter) => async (exec: Exec) => {
      // staleBefore reads the settings first, as the service does.
      await exec(compiler.selectFrom('directory_settings').select(['stale_after_days']).compile() as CompiledQuery);
      const ids = await exec(cut(searchServiceIds(compiler, f)));
      await exec(
        serviceEntries(
          compiler,
          ids.map((r) => r.id),
        ).compile(),
      );
    };
    // Referral lists as paginateBounded() runs them: the page of ids without a window count, then (the
    // page being full) a count of at most REFERRAL_COUNT_CAP + 1 matches, then the page's rows by id.
    const directReferrals = (f: ReferralFilter) => async (exec: Exec) => {
      const ids = await exec(listReferralIds(compiler, f).limit(25).offset(0).compile());
      if (ids.length === 25) {
        const capped = listReferralIds(compiler, f)
          .clearSelect()
          .clearOrderBy()
          .select(sql<number>`1`.as('one'))
          .limit(REFERRAL_COUNT_CAP + 1);
        await exec(sql`SELECT count(*) AS n FROM (${capped}) AS matching`.compile(compiler) as CompiledQuery<{ id: string }>);
      }
      await exec(
        referralsByIds(
          compiler,
          ids.map((r) => r.id),
        ).compile(),
      );
    };

    async function direct(run: (exec: Exec) => Promise<void>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('role', 'braid_app', true), set_config('braid.tenant_id', $1, true)`, [tenantId]);
        await run(async (c) => (await client.query(c.sql, c.parameters as unknown[])).rows);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }

    async function http(url: string, cookie: string) {
      await autocannon({ url, connections: 10, amount: 100, headers: { cookie } });
      const r = await autocannon({ url, connections: 50, overallRate: RATE, duration: SECONDS, headers: { cookie } });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`non-2xx ${r.non2xx}, errors ${r.errors} for ${url}`);
      return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average };
    }

    const base = `http://127.0.0.1:${PORT}/api`;
    const cases: [string, string, string, ReturnType<typeof directSearch>][] = [
      ['directory: all services, page 1', `${base}/directory/services?pageSize=25`, navigator, directSearch({})],
      [
        'directory: search "job training"',
        `${base}/directory/services?pageSize=25&q=job%20training`,
        navigator,
        directSearch({ q: 'job training' }),
      ],
      [
        'directory: Spanish, age 30, Lake',
        `${base}/directory/services?pageSize=25&language=es&age=30&countyFips=39085`,
        navigator,
        directSearch({ language: 'es', age: 30, countyName: 'Lake County' }),
      ],
      ['referrals: all, page 1 (director)', `${base}/referrals?box=all&pageSize=25`, director, directReferrals({})],
      [
        'referrals: Eastside inbox, sent',
        `${base}/referrals?box=inbox&status=sent&pageSize=25`,
        partner,
        directReferrals({ inboxOrgs: [eastsideId], status: 'sent' }),
      ],
      ['referrals: Eastside inbox, all', `${base}/referrals?box=inbox&pageSize=25`, partner, directReferrals({ inboxOrgs: [eastsideId] })],
    ];
    for (const [title, u, cookie, stmts] of cases.filter(([title]) => title.includes(process.env.BENCH_ONLY ?? ''))) {
      const res = await fetch(u, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${title}: ${res.status} ${await res.text()}`);
      const first = (await res.json()) as { total: number; totalCapped?: boolean };
      for (let i = 0; i < 20; i++) await direct(stmts);
      const d = await fixedRate(RATE, SECONDS, () => direct(stmts));
      const h = await http(u, cookie);
      console.log(
        `${title.padEnd(36)} HTTP p50 ${fmt(h.p50)} p99 ${fmt(h.p99)} (${h.rps.toFixed(0)} req/s)   direct SQL p50 ${fmt(pct(d, 50))} p99 ${fmt(pct(d, 99))}   ratio p50 ${(h.p50 / pct(d, 50)).toFixed(1)}× p99 ${(h.p99 / pct(d, 99)).toFixed(1)}×   (${first.total}${first.totalCapped ? '+' : ''} matching)`,
      );
    }
    console.log(`fixed rate ${RATE} req/s for ${SECONDS} s per measurement; pool of 10 connections on both sides`);
    await compiler.destroy();
  } finally {
    braid?.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await pool.end().catch(() => {});
    if (process.env.BENCH_KEEP || reuse) {
      console.log(`kept database ${name}`);
    } else {
      await dropDatabase(ADMIN, name);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
