import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIRL_ELEMENTS } from '../../src/shared/schemas/outcomes.ts';
import { dropDatabaseByUrl, freshDatabase, type TestDatabase, testEngine } from '../support/db.ts';

// `braid import pirl|wages`, `braid export pirl` and `braid report wioa`, run as an operator would:
// a new tenant from the command line, the state's files, the report, on PGlite or PostgreSQL.
const run = promisify(execFile);
const BIN = path.resolve('bin/braid.js');
let dir: string;
let pg: TestDatabase | null = null;

async function braid(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, BRAID_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: pg?.url ?? '', BRAID_LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-outcomes-cli-'));
  if (testEngine() === 'postgres') {
    pg = await freshDatabase('postgres');
    await pg.database.close();
  }
});
afterAll(async () => {
  if (pg) await dropDatabaseByUrl(pg.url as string);
  fs.rmSync(dir, { recursive: true, force: true });
});

const row = (v: Record<string, string>) => PIRL_ELEMENTS.map((el) => v[el] ?? '').join(',');

describe('braid outcomes commands', () => {
  it('imports PIRL and wages into a new tenant, reports the indicators and exports what it imported', async () => {
    expect((await braid(['tenant', 'create', 'metro-it', '--name', 'Metro IT Partnership'])).code).toBe(0);
    const pirl = path.join(dir, 'pirl.csv');
    fs.writeFileSync(
      pirl,
      `${[
        PIRL_ELEMENTS.join(','),
        row({
          '100': 'K1',
          '200': '19920304',
          '201': '1',
          '900': '20230105',
          '901': '20231010',
          '903': '1',
          '1811': '20230110',
          '1800': '6',
          '1801': '20231001',
        }),
        row({ '100': 'K2', '201': '2', '900': '20230105', '901': '20231010', '904': '2', '1602': '3', '1704': '4200.25' }),
        row({ '100': 'K3', '900': '20230105', '901': '20231010', '905': '1', '923': '5' }),
      ].join('\n')}\n`,
    );
    const first = await braid(['import', 'pirl', pirl]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('3 row(s) · 3 imported or changed · 0 unchanged · 0 rejected');
    const again = await braid(['import', 'pirl', pirl, '--tenant', 'metro-it']);
    expect(again.out).toContain('3 row(s) · 0 imported or changed · 3 unchanged · 0 rejected');

    const wages = path.join(dir, 'wages.csv');
    fs.writeFileSync(
      wages,
      'person_id,employer_fein,year,quarter,wages\nK1,12-3456789,2024,2,6000\nK1,12-3456789,2024,4,6100.5\nK9,1,2024,7,1\n',
    );
    const w = await braid(['import', 'wages', wages]);
    expect(w.code).toBe(2);
    expect(w.out).toContain('3 row(s) · 2 imported or changed · 0 unchanged · 1 rejected');
    expect(w.out).toMatch(/line 4 {2}quarter {2}"7" is not a quarter/);
    expect(w.err).toMatch(/rows read/);

    const json = await braid(['report', 'wioa', '--program-year', '2024', '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(Object.keys(report)).toEqual(['programYear', 'program', 'wageDataThrough', 'indicators']);
    expect(Object.keys(report.indicators)).toEqual([
      'employment_q2',
      'employment_q4',
      'median_earnings_q2',
      'credential_attainment',
      'measurable_skill_gains',
      'retention_same_employer',
    ]);
    expect(report).toMatchObject({ programYear: 2024, program: 'all', wageDataThrough: '2024Q4' });
    // K3 is a youth who left for foster care (923 = 5): excluded. K1 by wages, K2 by code 3 (military).
    expect(report.indicators.employment_q2).toEqual({
      numerator: 2,
      denominator: 2,
      rate: 100,
      rateRounded: 100,
      cohort: { from: '2023-07-01', to: '2024-06-30' },
    });
    expect(report.indicators.median_earnings_q2).toEqual({ count: 2, median: 5100.13, cohort: { from: '2023-07-01', to: '2024-06-30' } });
    expect(report.indicators.credential_attainment).toMatchObject({ numerator: 1, denominator: 1 });
    // K2 was employed in Q2 (code 3) and Q4 is in the wage data with no record from the same employer.
    expect(report.indicators.retention_same_employer).toMatchObject({ numerator: 1, denominator: 2 });

    const table = await braid(['report', 'wioa', '--program-year', '2024', '--program', 'dw', '--wage-data-through', '2024Q1']);
    expect(table.out).toMatch(/program dw · wage data through 2024Q1/);
    expect(table.out).toMatch(/employment_q2\s+1\s+1\s+100\s+100\s+2023-07-01 – 2024-06-30/);
    expect((await braid(['report', 'wioa', '--program-year', 'soon'])).code).toBe(1);

    const out = path.join(dir, 'export.csv');
    const exp = await braid(['export', 'pirl', '--out', out]);
    expect(exp.out).toContain('Wrote 3 period(s)');
    const exported = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(exported.sort()).toEqual(fs.readFileSync(pirl, 'utf8').trimEnd().split('\n').sort());
  }, 300_000);

  it('rejects a bad PIRL file as a whole, listing every row', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `100,900,901\nZ1,20230105,20220101\nZ2,20230105,\nZ3,2023,\n`);
    const r = await braid(['import', 'pirl', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/line 2 {2}901 {2}The exit date is before the entry date/);
    expect(r.out).toMatch(/line 4 {2}900 {2}"2023" is not a date/);
    expect(r.out).toContain('Nothing was imported');
    const partial = await braid(['import', 'pirl', bad, '--skip-rejected']);
    expect(partial.out).toContain('3 row(s) · 1 imported or changed · 0 unchanged · 2 rejected');
  }, 120_000);
});
