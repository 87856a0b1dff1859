// `npm run bench:matching`: rank 100k participants for one job order on PostgreSQL (matching.queries.ts,
// the query GET /api/job-orders/:id/candidates runs), against a baseline in the same run: the same
// consented participants listed by name with no scoring. Both run as the app does: in a transaction,
// as the braid_app role under row-level security, with the tenant set.
//
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
//                        a database braid_bench_matching_<random> is created and dropped.
//   BENCH_PARTICIPANTS   default 100000       BENCH_ROUNDS   default 30 (each round runs both queries)
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { withTenant } from '../src/server/db/tenant.ts';
import type { DB } from '../src/server/db/types.ts';
import { listConsented, rankCandidates } from '../src/server/modules/employers/matching.queries.ts';
import { createDatabase, dropDatabase, fmt, machineLine, pct, serveBraid } from './lib.ts';

const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
// BENCH_KEEP=1 keeps the database (to EXPLAIN the queries); drop it by hand afterwards.
const PORT = 3412;

async function main() {
  const { name, url } = await createDatabase(ADMIN, 'braid_bench_matching');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-bench-'));
  let braid: ChildProcess | null = null;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  try {
    console.log(machineLine());
    // Braid migrates the new database and loads the demo partnership, then is stopped.
    braid = await serveBraid(url, PORT, dataDir);
    braid.kill();
    braid = null;

    // Bulk data, written as the database owner (outside row-level security), in the demo tenant.
    const t0 = Date.now();
    const { rows: orgs } = await pool.query(
      `SELECT id, name, tenant_id FROM organization WHERE name IN ('Lakeshore Workforce Partners', 'MetroCare Health System') ORDER BY name`,
    );
    const tenantId = orgs[0].tenant_id as string;
    const lakeshore = orgs.find((o) => o.name === 'Lakeshore Workforce Partners').id as string;
    const metrocare = orgs.find((o) => o.name === 'MetroCare Health System').id as string;
    const socs = [
      '31-1131',
      '31-9092',
      '31-9097',
      '29-2052',
      '29-2061',
      '29-1141',
      '31-1122',
      '29-2031',
      '29-2072',
      '43-4051',
      '31-9093',
      '31-1121',
    ];
    const counties = ['39035', '39035', '39035', '39085', '39093', '39055', '39153', '39103', '39049', '39133'];
    const shifts = ['day', 'evening', 'night', 'rotating', 'weekend'];
    await pool.query(
      `INSERT INTO participant (id, tenant_id, owner_organization_id, status, first_name, last_name, county_fips, import_key)
       SELECT gen_random_uuid(), $1, $2, (ARRAY['applicant','enrolled','enrolled','exited'])[1 + g % 4],
         'Bench' || g, 'Participant' || lpad((g * 7919 % $4)::text, 6, '0'), ($3::text[])[1 + g % 10], 'bench:' || g
       FROM generate_series(1, $4::int) g`,
      [tenantId, lakeshore, counties, N],
    );
    const bench = `(SELECT id, (substring(import_key from 7))::int AS g FROM participant WHERE import_key LIKE 'bench:%')`;
    // 60% consent to share with employers (as a kind), 5% with MetroCare by name, the rest with community organizations.
    await pool.query(
      `INSERT INTO consent (id, tenant_id, participant_id, recipient_organization_ids, recipient_kinds, categories, purpose, method, given_at)
       SELECT gen_random_uuid(), $1, p.id,
         CASE WHEN p.g % 20 = 7 THEN ARRAY[$2::uuid] ELSE '{}' END,
         CASE WHEN p.g % 20 = 7 THEN '{}' WHEN p.g % 10 < 6 THEN ARRAY['employer'] ELSE ARRAY['community_org'] END,
         ARRAY['contact','education_training'], 'Job placement', 'paper', now() - interval '30 days'
       FROM ${bench} p`,
      [tenantId, metrocare],
    );
    await pool.query(
      `INSERT INTO job_preference (participant_id, tenant_id, soc_codes, shifts, min_hourly_wage_cents)
       SELECT p.id, $1, ARRAY[($2::text[])[1 + p.g % 12], ($2::text[])[1 + (p.g / 12) % 12]],
         ARRAY[($3::text[])[1 + p.g % 5]], CASE WHEN p.g % 3 = 0 THEN NULL ELSE 1500 + (p.g % 12) * 100 END
       FROM ${bench} p WHERE p.g % 10 < 7`,
      [tenantId, socs, shifts],
    );
    await pool.query(
      `INSERT INTO plan (id, tenant_id, participant_id, title, status)
       SELECT gen_random_uuid(), $1, p.id, 'Career plan', 'active' FROM ${bench} p WHERE p.g % 5 = 0`,
      [tenantId],
    );
    await pool.query(
      `INSERT INTO plan_goal (id, tenant_id, plan_id, participant_id, description, soc_code, status)
       SELECT gen_random_uuid(), $1, pl.id, pl.participant_id, 'Target job', ($2::text[])[1 + (p.g * 5) % 12], 'open'
       FROM plan pl JOIN ${bench} p ON p.id = pl.participant_id`,
      [tenantId, socs],
    );
    await pool.query(
      `INSERT INTO credential (id, tenant_id, participant_id, type, title, attained_on)
       SELECT gen_random_uuid(), $1, p.id, 'occupational_licensure',
         (ARRAY['Certified Phlebotomy Technician','BLS Provider','State Tested Nursing Assistant (STNA)','Certified Medical Assistant','Pharmacy Technician (CPhT)'])[1 + p.g % 5],
         DATE '2026-03-01'
       FROM ${bench} p WHERE p.g % 10 < 4`,
      [tenantId],
    );
    await pool.query(
      `INSERT INTO training_program (id, tenant_id, provider_organization_id, name, target_soc_codes, modality)
       SELECT gen_random_uuid(), $1, $2, 'Bench program ' || s, ARRAY[s], 'in_person' FROM unnest($3::text[]) s`,
      [tenantId, lakeshore, socs],
    );
    await pool.query(
      `INSERT INTO training_enrollment (id, tenant_id, participant_id, training_program_id, status, enrolled_on, completed_on)
       SELECT gen_random_uuid(), $1, p.id, tp.id, 'completed', DATE '2026-01-05', DATE '2026-05-01'
       FROM ${bench} p JOIN training_program tp ON tp.name = 'Bench program ' || ($2::text[])[1 + (p.g * 3) % 12]
       WHERE p.g % 10 < 3`,
      [tenantId, socs],
    );
    const { rows: job } = await pool.query(
      `INSERT INTO job_order (id, tenant_id, organization_id, soc_code, title, openings, wage_min_cents, wage_max_cents, hours_per_week,
         shift, schedule, benefits, advancement_pathway, required_credentials, county_fips, work_mode, opens_on, status)
       VALUES (gen_random_uuid(), $1, $2, '31-9097', 'Phlebotomist', 6, 1900, 2200, 36, 'evening', 'predictable',
         ARRAY['health_insurance','retirement'], true, ARRAY['Phlebotomy','BLS'], '39035', 'on_site', CURRENT_DATE, 'open')
       RETURNING id`,
      [tenantId, metrocare],
    );
    const jobId = job[0].id as string;
    await pool.query('ANALYZE');
    const counts = await pool.query(
      `SELECT (SELECT count(*) FROM participant) AS participants, (SELECT count(*) FROM consent) AS consents,
         (SELECT count(*) FROM job_preference) AS preferences, (SELECT count(*) FROM credential) AS credentials,
         (SELECT count(*) FROM training_enrollment) AS enrollments, (SELECT count(*) FROM plan_goal) AS goals`,
    );
    console.log(`data: ${JSON.stringify(counts.rows[0])} loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const time = async (fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      return performance.now() - s;
    };
    let considered = 0;
    let top: string[] = [];
    const rank = () =>
      withTenant(db, tenantId, async (tx) => {
        const rows = await rankCandidates(tx, jobId, 25);
        considered = Number(rows[0]?.considered ?? 0);
        top = rows.slice(0, 3).map((r) => `${r.score}`);
      });
    const baseline = () => withTenant(db, tenantId, (tx) => listConsented(tx, jobId, 25));
    // Warm both (plans, caches), then alternate so background load hits both alike.
    for (let i = 0; i < 3; i++) {
      await rank();
      await baseline();
    }
    const rankTimes: number[] = [];
    const baseTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rankTimes.push(await time(rank));
      baseTimes.push(await time(baseline));
    }
    const ratio = pct(rankTimes, 50) / pct(baseTimes, 50);
    console.log(`considered ${considered} consented participants; top scores ${top.join(', ')}`);
    console.log(
      `rank 25 of ${considered} (matching.queries.ts): p50 ${fmt(pct(rankTimes, 50))} p95 ${fmt(pct(rankTimes, 95))} max ${fmt(Math.max(...rankTimes))}`,
    );
    console.log(`baseline, same participants by name, no scoring: p50 ${fmt(pct(baseTimes, 50))} p95 ${fmt(pct(baseTimes, 95))}`);
    console.log(`ratio rank / baseline (p50): ${ratio.toFixed(2)}×; ${ROUNDS} rounds, alternating`);
  } finally {
    braid?.kill();
    await db.destroy().catch(() => {});
    await pool.end().catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.BENCH_KEEP) {
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
