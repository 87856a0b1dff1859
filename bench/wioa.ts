// The outcomes benchmark (issue 7). Every target is a ratio against a baseline measured in the same run.
//
//   PostgreSQL:  BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//                node --import tsx bench/wioa.ts --periods 1000000 --wages 10000000
//   PGlite:      node --import tsx bench/wioa.ts --engine pglite --periods 100000 --wages 1000000
//
// 1. generates (or reuses) synthetic PIRL and wage files in .bench-data/ (bench/wioa-data.ts);
// 2. creates a fresh database and tenant and loads the PIRL file with `braid import pirl`;
// 3. PostgreSQL: a plain COPY of the wage file into an unindexed table (the baseline), then
//    `braid import wages` on the same file: rows/s of each, the ratio (goal ≥ 0.3×) and the Braid
//    process's peak RSS (goal < 300 MB), sampled from /proc while it runs;
// 4. the WIOA report (all six indicators, program "all") against one hand-written SQL query computing
//    employment_q2 alone, alternating, median of the rounds (goal: report ≤ 3× the query); the two
//    must agree on employment_q2.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, openDatabase } from '../src/server/db/connect.ts';
import { withTenant } from '../src/server/db/tenant.ts';
import { wioaReport } from '../src/server/modules/outcomes/wioa.service.ts';
import type { Ops } from '../src/server/platform/http.ts';
import { generatePirl, generateWages } from './wioa-data.ts';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const engine = arg('engine', 'postgres') as 'postgres' | 'pglite';
const periods = Number(arg('periods', engine === 'postgres' ? '1000000' : '100000'));
const wages = Number(arg('wages', String(periods * 10)));
const rounds = Number(arg('rounds', '3'));
const programYear = Number(arg('program-year', '2024'));
const dataDir = path.join(root, '.bench-data');
const pirlFile = path.join(dataDir, `pirl-${periods}.csv`);
const wageFile = path.join(dataDir, `wages-${wages}.csv`);

const say = (line = '') => console.log(line);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ensureFiles() {
  fs.mkdirSync(dataDir, { recursive: true });
  const t0 = Date.now();
  if (!fs.existsSync(pirlFile)) await generatePirl(pirlFile, periods);
  if (!fs.existsSync(wageFile)) await generateWages(wageFile, wages, periods);
  say(
    `files: ${path.relative(root, pirlFile)} (${(fs.statSync(pirlFile).size / 1e6).toFixed(0)} MB), ${path.relative(root, wageFile)} (${(fs.statSync(wageFile).size / 1e6).toFixed(0)} MB)  [${secs(Date.now() - t0)}]`,
  );
  // Both contenders read the file from the page cache.
  for (const f of [pirlFile, wageFile]) await pipeline(fs.createReadStream(f), fs.createWriteStream('/dev/null'));
}

/** Runs the braid command line; returns its output, wall time and peak RSS (VmHWM, sampled). */
async function braid(args: string[], env: Record<string, string>): Promise<{ out: string; ms: number; peakMb: number; code: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/braid.js'), ...args], {
    cwd: root,
    env: { ...process.env, BRAID_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
  });
  child.stderr.on('data', (c) => {
    out += c;
  });
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited between samples
    }
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(sample);
  return { out, ms: Date.now() - t0, peakMb: peakKb / 1024, code };
}

/** The baseline: the same file, COPYed into a table with no index, no constraint, no RLS. */
async function plainCopy(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_wage_copy');
    await client.query('CREATE TABLE bench_wage_copy (person_id text, employer_fein text, year int, quarter int, wages numeric)');
    const t0 = Date.now();
    await pipeline(fs.createReadStream(wageFile), client.query(copyFrom('COPY bench_wage_copy FROM STDIN (FORMAT csv, HEADER true)')));
    const ms = Date.now() - t0;
    await client.query('DROP TABLE bench_wage_copy');
    return ms;
  } finally {
    await client.end();
  }
}

/** employment_q2 for program "all", written by hand as one query: the yardstick for the report. */
async function handWrittenQ2(db: Database, tenantId: string, through: number | null) {
  const from = `${programYear - 1}-07-01`;
  const to = `${programYear}-06-30`;
  return withTenant(db.db, tenantId, async (tx) => {
    const { rows } = await sql<{ num: number; den: number }>`
      SELECT count(*) FILTER (WHERE employed OR placed) AS num,
        count(*) FILTER (WHERE employed OR placed OR NOT (emp2 IN ('', '9') AND (${through}::int IS NULL OR q2 > ${through}::int))) AS den
      FROM (
        SELECT x.employed_q2 AS emp2, q.q2,
          x.employed_q2 IN ('1', '2', '3') OR EXISTS (
            SELECT 1 FROM wage_record w
            WHERE w.tenant_id = x.tenant_id AND w.person_key = x.pirl_id AND w.year = q.q2 / 4 AND w.quarter = q.q2 % 4 + 1
              AND w.wages_cents > 0) AS employed,
          x.youth IN ('1', '2', '3') AND x.placement_q2 IN ('1', '2', '3') AS placed
        FROM pirl_period x
        JOIN program_participation pp ON pp.id = x.participation_id
        CROSS JOIN LATERAL (SELECT extract(year FROM pp.exit_date)::int * 4 + extract(quarter FROM pp.exit_date)::int + 1 AS q2) q
        WHERE x.tenant_id = ${tenantId} AND pp.exit_date BETWEEN ${from}::date AND ${to}::date
          AND (x.adult IN ('1', '2', '3') OR x.dislocated_worker IN ('1', '2', '3') OR x.youth IN ('1', '2', '3'))
          AND x.dislocated_worker <> '4' AND x.other_exit_reason NOT IN ('1', '2', '3', '4')
          AND NOT (x.other_exit_reason = '5' AND x.youth IN ('1', '2', '3'))
      ) s`.execute(tx);
    return { num: Number(rows[0].num), den: Number(rows[0].den) };
  });
}

say(
  `WIOA benchmark · ${engine} · ${periods.toLocaleString('en')} periods · ${wages.toLocaleString('en')} wage records · program year ${programYear}`,
);
await ensureFiles();

let url: string | null = null;
let dbName: string | null = null;
const pgliteDir = path.join(dataDir, `pglite-${periods}-${randomBytes(3).toString('hex')}`);
if (engine === 'postgres') {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('Set BENCH_DATABASE_URL (a PostgreSQL server where a database may be created)');
  dbName = `wioa_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  url = u.toString();
}
const env = { DATABASE_URL: url ?? '', BRAID_DATA_DIR: pgliteDir };

try {
  const created = await braid(['tenant', 'create', 'bench', '--name', 'Benchmark partnership'], env);
  if (created.code !== 0) throw new Error(created.out);
  const tenantId = /\(([0-9a-f-]{36})\)/.exec(created.out)?.[1] as string;

  const p = await braid(['import', 'pirl', pirlFile, '--skip-rejected'], env);
  say(
    `braid import pirl     ${secs(p.ms).padStart(10)}  ${Math.round(periods / (p.ms / 1000)).toLocaleString('en')} rows/s  peak RSS ${p.peakMb.toFixed(0)} MB`,
  );
  say(`  ${p.out.split('\n')[0]}`);

  let copyMs: number | null = null;
  if (engine === 'postgres' && url) {
    copyMs = await plainCopy(url);
    say(`plain COPY (baseline) ${secs(copyMs).padStart(10)}  ${Math.round(wages / (copyMs / 1000)).toLocaleString('en')} rows/s`);
  }
  const w = await braid(['import', 'wages', wageFile], env);
  const importSeconds = Number(/over ([\d.]+) s/.exec(w.out)?.[1] ?? w.ms / 1000);
  say(
    `braid import wages    ${secs(importSeconds * 1000).padStart(10)}  ${Math.round(wages / importSeconds).toLocaleString('en')} rows/s  peak RSS ${w.peakMb.toFixed(0)} MB (process total ${secs(w.ms)})`,
  );
  say(`  ${w.out.split('\n').find((l) => l.startsWith('Wage records')) ?? w.out.slice(-300)}`);
  if (copyMs !== null && url) {
    // The machine is shared: COPY again after the import and compare with the mean of the two.
    const after = await plainCopy(url);
    say(`plain COPY (again)    ${secs(after).padStart(10)}  ${Math.round(wages / (after / 1000)).toLocaleString('en')} rows/s`);
    const mean = (copyMs + after) / 2;
    say(`  wage import vs plain COPY: ${(mean / 1000 / importSeconds).toFixed(2)}× (goal ≥ 0.3×)`);
  }
  say(`  peak RSS of the importing process: ${w.peakMb.toFixed(0)} MB (goal < 300 MB)`);

  const db = await openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir: pgliteDir });
  try {
    if (engine === 'postgres') await sql`ANALYZE`.execute(db.db);
    const ops = { tenantId, tx: (fn: never) => withTenant(db.db, tenantId, fn) } as unknown as Ops;
    const through = await withTenant(db.db, tenantId, async (tx) => {
      const r = await sql<{ q: number | null }>`SELECT max(year * 4 + quarter - 1) AS q FROM wage_quarter`.execute(tx);
      return r.rows[0].q === null ? null : Number(r.rows[0].q);
    });
    const reportMs: number[] = [];
    const queryMs: number[] = [];
    let last: Awaited<ReturnType<typeof wioaReport>> | null = null;
    let hand: { num: number; den: number } | null = null;
    for (let i = 0; i <= rounds; i++) {
      let t0 = Date.now();
      last = await wioaReport(ops, { programYear, program: 'all' });
      const r = Date.now() - t0;
      t0 = Date.now();
      hand = await handWrittenQ2(db, tenantId, through);
      const q = Date.now() - t0;
      // Round 0 warms the caches and is not counted.
      if (i > 0) {
        reportMs.push(r);
        queryMs.push(q);
      }
    }
    const rep = median(reportMs);
    const hq = median(queryMs);
    say(`WIOA report (6 indicators)      median ${secs(rep)}  rounds ${reportMs.map(secs).join(', ')}`);
    say(`hand-written employment_q2 SQL  median ${secs(hq)}  rounds ${queryMs.map(secs).join(', ')}`);
    say(`  report vs one query: ${(rep / hq).toFixed(2)}× (goal ≤ 3×)`);
    const q2 = last?.indicators.employment_q2;
    const agree = q2?.numerator === hand?.num && q2?.denominator === hand?.den;
    say(
      `  employment_q2: report ${q2?.numerator}/${q2?.denominator}, hand-written ${hand?.num}/${hand?.den}: ${agree ? 'agree' : 'DISAGREE'}`,
    );
    say(`  report: ${JSON.stringify(last?.indicators)}`);
    if (!agree) process.exitCode = 1;
  } finally {
    await db.close();
  }
} finally {
  if (dbName) {
    const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  }
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
