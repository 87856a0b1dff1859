import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS, type WioaProgram } from '../../../shared/schemas/outcomes.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { importPirl } from './pirl.service.ts';
import { importWages } from './wages.service.ts';
import { cellsToSuppress, drilldown, rateOf, wioaReport, wioaReportBy } from './wioa.service.ts';

// Every clause of docs/wioa-indicators.md against hand-built fixtures. Each scenario gets its own
// tenant, so its counts are exactly the periods it builds. Program year 2024 unless said otherwise:
//   employment_q2 / median:  exits 2023-07-01 .. 2024-06-30
//   employment_q4 / credential / retention: exits 2023-01-01 .. 2023-12-31
//   measurable skill gains: 2024-07-01 .. 2025-06-30

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
});
afterAll(() => t?.close());

type Period = Partial<Record<(typeof PIRL_ELEMENTS)[number], string>>;

function pirlCsv(rows: Period[]): string {
  return `${PIRL_ELEMENTS.join(',')}\n${rows.map((r) => PIRL_ELEMENTS.map((el) => r[el] ?? '').join(',')).join('\n')}\n`;
}

async function tenantWith(periods: Period[], wages: [string, string, number, number, string][] = []): Promise<Ops> {
  const id = randomUUID();
  await createTenant(t.rt.services.database.db, { id, slug: `t-${id.slice(0, 8)}`, name: 'Fixture partnership' });
  const { ops } = makeOps(t.rt.services, id, { userId: null, label: 'test' });
  const imported = await importPirl(ops, Readable.from([pirlCsv(periods)]), { filename: 'fixture.csv' });
  expect(imported.errors).toEqual([]);
  expect(imported.status).toBe('completed');
  if (wages.length > 0) {
    const csv = `person_id,employer_fein,year,quarter,wages\n${wages.map((w) => w.join(',')).join('\n')}\n`;
    const w = await importWages(ops, () => Readable.from([csv]), { filename: 'wages.csv' });
    expect(w.errors).toEqual([]);
  }
  return ops;
}

const report = (ops: Ops, programYear = 2024, program: WioaProgram = 'all', wageDataThrough?: string) =>
  wioaReport(ops, { programYear, program, wageDataThrough });

/** An adult period: 100 = id, entered in 2022. */
const adult = (id: string, exit: string, more: Period = {}): Period => ({ '100': id, '900': '20220105', '901': exit, '903': '1', ...more });
const youth = (id: string, exit: string, more: Period = {}): Period => ({ '100': id, '900': '20220105', '901': exit, '905': '1', ...more });

describe('rates', () => {
  it('reports the unrounded percent and rounds half-up to 0.1 with exact arithmetic', () => {
    const c = { from: 'a', to: 'b' };
    expect(rateOf(2, 3, c)).toMatchObject({ rate: 66.66666666666667, rateRounded: 66.7 });
    expect(rateOf(1, 8, c)).toMatchObject({ rate: 12.5, rateRounded: 12.5 });
    // 1/16 = 6.25 → 6.3 (half-up, not half-even); 1/1600 = 0.0625 → 0.1; 3/40 = 7.5
    expect(rateOf(1, 16, c).rateRounded).toBe(6.3);
    expect(rateOf(1, 1600, c).rateRounded).toBe(0.1);
    expect(rateOf(1, 2000, c).rateRounded).toBe(0.1);
    expect(rateOf(1, 2001, c).rateRounded).toBe(0);
    expect(rateOf(0, 0, c)).toMatchObject({ numerator: 0, denominator: 0, rate: null, rateRounded: null });
  });
});

describe('WIOA indicators', () => {
  it('puts exits into the employment_q2 and employment_q4 cohorts by their year boundaries', async () => {
    const ops = await tenantWith(
      [
        adult('Q2OUT1', '20230630', { '1602': '1', '1606': '1' }),
        adult('Q2IN1', '20230701', { '1602': '1', '1606': '1' }),
        adult('Q2IN2', '20240630', { '1602': '1', '1606': '1' }),
        adult('Q2OUT2', '20240701', { '1602': '1', '1606': '1' }),
        adult('Q4OUT1', '20221231', { '1602': '1', '1606': '1' }),
        adult('Q4IN1', '20230101', { '1602': '1', '1606': '1' }),
      ],
      [['SOMEONE', '111111111', 2025, 4, '1']],
    );
    const r = await report(ops);
    expect(r.indicators.employment_q2).toMatchObject({ numerator: 2, denominator: 2, cohort: { from: '2023-07-01', to: '2024-06-30' } });
    // Q4 cohort = calendar 2023: Q4IN1, Q2OUT1 (2023-06-30), Q2IN1 (2023-07-01); not 2022-12-31 nor 2024-06-30.
    expect(r.indicators.employment_q4).toMatchObject({ numerator: 3, denominator: 3, cohort: { from: '2023-01-01', to: '2023-12-31' } });
    expect(r.indicators.measurable_skill_gains.cohort).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    expect(r.programYear).toBe(2024);
    expect(r.wageDataThrough).toBe('2025Q4');
  });

  it('leaves quarters with no data yet out of the denominator, and counts what is known', async () => {
    const ops = await tenantWith(
      [
        adult('KNOWN0', '20231215'), // Q2 after = 2024Q2: wage data is there, none for them → not employed
        adult('NYA', '20240201'), // Q2 after = 2024Q3: past 2024Q2, no record, no code → not yet available
        adult('NYA9', '20240301', { '1602': '9' }), // 9 = not yet available
        adult('CODE0', '20240315', { '1602': '0' }), // 0 = known not employed, even past the wage data
        adult('CODE1', '20240320', { '1602': '1' }), // 1 = employed
        adult('LATEWAGE', '20240401'), // Q2 after = 2024Q4: a record there counts even past the cut-off
      ],
      [
        ['LATEWAGE', '222222222', 2024, 4, '900.00'],
        ['OTHER', '333333333', 2024, 2, '10.00'],
      ],
    );
    const cut = await report(ops, 2024, 'all', '2024Q2');
    expect(cut.wageDataThrough).toBe('2024Q2');
    expect(cut.indicators.employment_q2).toMatchObject({ numerator: 2, denominator: 4 });
    // Default cut-off: the latest quarter with any record (2024Q4). 2024Q3 is then known for NYA and
    // NYA9 alike (a 9 only means "not yet available" past the wage data): both not employed.
    const latest = await report(ops);
    expect(latest.wageDataThrough).toBe('2024Q4');
    expect(latest.indicators.employment_q2).toMatchObject({ numerator: 2, denominator: 6 });
  });

  it('counts supplemental codes 1, 2 (apprenticeship) and 3 (military) as employed', async () => {
    const ops = await tenantWith([
      adult('S1', '20231001', { '1602': '1' }),
      adult('S2', '20231001', { '1602': '2' }),
      adult('S3', '20231001', { '1602': '3' }),
      adult('S0', '20231001', { '1602': '0' }),
    ]);
    expect((await report(ops)).indicators.employment_q2).toMatchObject({ numerator: 3, denominator: 4, rate: 75, rateRounded: 75 });
  });

  it('excludes 923 = 1-4 everywhere, 923 = 5 only under youth rules, and 904 = 4 from every indicator', async () => {
    const periods: Period[] = [];
    for (const code of ['1', '2', '3', '4', '5', '6', '7', '0', ''])
      periods.push(adult(`A923X${code || 'B'}`, '20231001', { '923': code, '1602': '1' }));
    periods.push(youth('Y923X5', '20231001', { '923': '5', '1602': '1' }));
    periods.push(youth('Y923X6', '20231001', { '923': '6', '1602': '1' }));
    periods.push(adult('IWT', '20231001', { '904': '4', '1602': '1' }));
    periods.push({ '100': 'IWTONLY', '900': '20220105', '901': '20231001', '904': '4', '1602': '1' });
    const ops = await tenantWith(periods);
    const all = await report(ops);
    // Adults kept: 923 = 5, 6, 7, 0, blank (5); youth kept: 923 = 6 (1).
    expect(all.indicators.employment_q2).toMatchObject({ numerator: 6, denominator: 6 });
    expect((await report(ops, 2024, 'youth')).indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 1 });
    expect((await report(ops, 2024, 'dw')).indicators.employment_q2).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });

  it('counts youth placed in education or training (1900/1901) even when employment is not yet known', async () => {
    const ops = await tenantWith(
      [
        youth('YPL2', '20240201', { '1900': '1' }), // Q2 not yet available, placed → numerator and denominator
        youth('YPL2NINE', '20240201', { '1900': '9' }), // not placed, not available → out
        adult('APL2', '20240201', { '1900': '1' }), // youth rules do not apply → out
        youth('YNOT', '20231001', { '1900': '0', '1602': '0' }), // known, not employed, not placed
        youth('YPL4', '20230301', { '1901': '2' }), // Q4 after = 2024Q1 (available): placed in postsecondary education
        youth('YQ4NO', '20230301', { '1901': '0' }),
      ],
      [['SOMEONE', '111111111', 2024, 2, '1']],
    );
    const r = await report(ops, 2024, 'all', '2024Q2');
    expect(r.indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 2 });
    expect(r.indicators.employment_q4).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('takes the median of known quarter-2 earnings; an even count averages the two middle values, to the cent', async () => {
    const ops = await tenantWith(
      [
        adult('M1', '20231001', { '1602': '1', '1704': '2500.50' }), // no wage record: 1704
        adult('M2', '20231001'), // two employers in Q2: 1000.00 + 2000.01
        adult('M3', '20231001', { '1704': '1.00' }), // a wage record wins over 1704
        adult('M4', '20231001'),
        adult('M5', '20231001', { '1602': '1' }), // employed, earnings unknown → left out
        adult('M6', '20231001', { '1602': '1', '1704': '999999.99' }), // all 9s: not available → left out
        adult('M7', '20231001', { '1602': '0', '1704': '8000' }), // not employed → left out
      ],
      [
        ['M2', '11-1111111', 2024, 2, '1000.00'],
        ['M2', '22-2222222', 2024, 2, '2000.01'],
        ['M3', '11-1111111', 2024, 2, '4000.00'],
        ['M4', '11-1111111', 2024, 2, '5000'],
        ['M4', '11-1111111', 2024, 1, '9000'],
      ],
    );
    const r = await report(ops);
    // 2500.50, 3000.01, 4000.00, 5000.00 → (3000.01 + 4000.00) / 2 = 3500.005 → 3500.01
    expect(r.indicators.median_earnings_q2).toEqual({ count: 4, median: 3500.01, cohort: { from: '2023-07-01', to: '2024-06-30' } });
    expect(r.indicators.employment_q2).toMatchObject({ numerator: 6, denominator: 7 });
  });

  it('measures a credential from 900 to one year after 901; a 29 February exit ends on 28 February', async () => {
    const base = { '900': '20230105', '903': '1', '1811': '20230110' };
    const ops = await tenantWith([
      { ...base, '100': 'C1', '901': '20240229', '1800': '5', '1801': '20250228' }, // in: 2025-02-28 is one year after
      { ...base, '100': 'C2', '901': '20240229', '1800': '5', '1801': '20250301' }, // out: a day late
      { ...base, '100': 'C3', '901': '20240229', '1800': '5', '1801': '20230104' }, // out: before entry
      { ...base, '100': 'C4', '901': '20240615', '1800': '1', '1801': '20240601', '1604': '1' }, // diploma + employed Q3
      { ...base, '100': 'C5', '901': '20240615', '1800': '1', '1801': '20240601' }, // diploma, never employed
      { ...base, '100': 'C6', '901': '20240615', '905': '1', '1800': '1', '1801': '20240601', '1901': '2' }, // youth placed
      { ...base, '100': 'C7', '901': '20240615', '1811': '20240616', '1800': '5', '1801': '20240601' }, // 1811 after exit: not in cohort
      { ...base, '100': 'C8', '901': '20240615', '1811': '', '1800': '5', '1801': '20240601' }, // no training: not in cohort
      { ...base, '100': 'C9', '901': '20241231', '1800': '7', '1801': '20241231' }, // cohort ends 2024-12-31
      { ...base, '100': 'C10', '901': '20250101', '1800': '7', '1801': '20250101' }, // next year's cohort
    ]);
    const r = await report(ops, 2025);
    expect(r.indicators.credential_attainment).toMatchObject({
      numerator: 4,
      denominator: 7,
      cohort: { from: '2024-01-01', to: '2024-12-31' },
    });
  });

  it('applies the measurable skill gain windows', async () => {
    const base = { '900': '20240101', '903': '1' };
    const ops = await tenantWith([
      { ...base, '100': 'G1', '1811': '20240801', '1809': '20240901' }, // in, gain
      { ...base, '100': 'G2', '1811': '20250701', '1809': '20250702' }, // training starts after the year: out
      { ...base, '100': 'G3', '1811': '20240201', '901': '20240630', '1806': '20240601' }, // exited before the year: out
      { ...base, '100': 'G4', '1811': '20240201', '1813': '20240630', '1807': '20240801' }, // completed before the year: out
      { ...base, '100': 'G5', '1811': '20240201', '1813': '20240701', '1807': '20240701' }, // completed on the first day: in, gain
      { ...base, '100': 'G6', '1811': '20240201', '1808': '20240630' }, // gain before the year: in, no gain
      { ...base, '100': 'G7', '1811': '20240801', '1810': '20240715' }, // gain before 1811: in, no gain
      { ...base, '100': 'G8', '1811': '20240801', '901': '20241001', '1810': '20241002' }, // gain after exit: in, no gain
      { ...base, '100': 'G9', '1811': '20240801', '901': '20241001', '1810': '20241001' }, // gain on the exit date: in, gain
      { ...base, '100': 'G10', '1811': '20250630', '1806': '20250630' }, // last day of the year: in, gain
    ]);
    const r = await report(ops);
    expect(r.indicators.measurable_skill_gains).toMatchObject({ numerator: 4, denominator: 7, rateRounded: 57.1 });
    expect(r.indicators.measurable_skill_gains.rate).toBeCloseTo(57.142857, 5);
  });

  it('finds retention with the same employer by FEIN in quarters 2 and 4, or by 1618', async () => {
    // Exits in 2023Q1 → Q2 after = 2023Q3, Q4 after = 2024Q1.
    const ops = await tenantWith(
      [
        adult('R1', '20230215'), // same FEIN (written two ways) in Q2 and Q4
        adult('R2', '20230215'), // different employers
        adult('R3', '20230215', { '1618': '1', '1602': '1' }), // 1618 = 1
        adult('R4', '20230215', { '1618': '0' }), // employed Q2 by wages, 1618 = 0, other employer in Q4
        adult('R5', '20230215'), // not employed in Q2 → out
        adult('R6', '20231115', { '1602': '1' }), // Q4 after = 2024Q3, past the wage data, no 1618 → out
        adult('R7', '20231115', { '1602': '1', '1618': '1' }), // … but 1618 given → in, retained
      ],
      [
        ['R1', '12-3456789', 2023, 3, '100'],
        ['R1', '123456789', 2024, 1, '100'],
        ['R2', '12-3456789', 2023, 3, '100'],
        ['R2', '98-7654321', 2024, 1, '100'],
        ['R4', '12-3456789', 2023, 3, '100'],
        ['R4', '98-7654321', 2024, 1, '100'],
        ['R5', '12-3456789', 2024, 1, '100'],
        ['X', '12-3456789', 2024, 2, '1'],
      ],
    );
    const r = await report(ops);
    expect(r.wageDataThrough).toBe('2024Q2');
    expect(r.indicators.retention_same_employer).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('counts a co-enrolled period once under all, and once in each program', async () => {
    const ops = await tenantWith([
      { '100': 'CO', '900': '20220105', '901': '20231001', '903': '1', '905': '2', '1602': '1' },
      { '100': 'DW', '900': '20220105', '901': '20231001', '904': '3', '1602': '0' },
      { '100': 'NONE', '900': '20220105', '901': '20231001', '903': '0', '1602': '1' },
    ]);
    expect((await report(ops, 2024, 'all')).indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await report(ops, 2024, 'adult')).indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 1 });
    expect((await report(ops, 2024, 'youth')).indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 1 });
    expect((await report(ops, 2024, 'dw')).indicators.employment_q2).toMatchObject({
      numerator: 0,
      denominator: 1,
      rate: 0,
      rateRounded: 0,
    });
  });

  it('counts each period separately, and wage records replace rather than add', async () => {
    const ops = await tenantWith(
      [adult('P', '20231001'), { '100': 'P', '900': '20231101', '901': '20231215', '903': '1' }],
      [['P', '111111111', 2024, 2, '100']],
    );
    // Both periods of P: Q2 after = 2024Q2 for both (exits in 2023Q4).
    expect((await report(ops)).indicators.employment_q2).toMatchObject({ numerator: 2, denominator: 2 });
    expect((await report(ops)).indicators.median_earnings_q2).toMatchObject({ count: 2, median: 100 });
    const again = await importWages(ops, () => Readable.from(['person_id,employer_fein,year,quarter,wages\nP,11-1111111,2024,2,250\n']), {
      filename: 'w.csv',
    });
    expect(again).toMatchObject({ importedRows: 1, unchangedRows: 0 });
    expect((await report(ops)).indicators.median_earnings_q2).toMatchObject({ count: 2, median: 250 });
    const zero = await importWages(ops, () => Readable.from(['person_id,employer_fein,year,quarter,wages\nP,111111111,2024,2,0\n']), {
      filename: 'w.csv',
    });
    expect(zero.importedRows).toBe(1);
    expect((await report(ops, 2024, 'all', '2024Q2')).indicators.employment_q2).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('computes the worked example of docs/wioa-indicators.md', async () => {
    const ops = await tenantWith(
      [
        { '100': 'P1', '903': '1', '900': '20230201', '901': '20230815', '1811': '20230301', '1800': '6', '1801': '20231201' },
        { '100': 'P2', '904': '1', '900': '20230110', '901': '20231130' },
        { '100': 'P3', '905': '1', '900': '20230501', '901': '20240229', '1811': '20230601', '1800': '1', '1801': '20250228', '1900': '2' },
        { '100': 'P4', '903': '1', '900': '20230901', '901': '20240520' },
        { '100': 'P5', '903': '1', '900': '20240115', '901': '20240610', '923': '3' },
        { '100': 'P6', '903': '1', '900': '20240301', '1811': '20240801', '1809': '20241115' },
        { '100': 'P7', '903': '1', '900': '20230701', '901': '20240430', '1602': '1', '1704': '4800.50' },
      ],
      [
        ['P1', '11-1111111', 2024, 1, '5200.00'],
        ['P1', '11-1111111', 2024, 3, '5600.00'],
        ['P2', '22-2222222', 2024, 2, '4100.00'],
        ['P2', '33-3333333', 2024, 4, '4300.00'],
      ],
    );
    const cy = { from: '2023-01-01', to: '2023-12-31' };
    expect(await report(ops)).toEqual({
      programYear: 2024,
      program: 'all',
      wageDataThrough: '2024Q4',
      indicators: {
        employment_q2: { numerator: 4, denominator: 5, rate: 80, rateRounded: 80, cohort: { from: '2023-07-01', to: '2024-06-30' } },
        employment_q4: { numerator: 2, denominator: 2, rate: 100, rateRounded: 100, cohort: cy },
        median_earnings_q2: { count: 3, median: 4800.5, cohort: { from: '2023-07-01', to: '2024-06-30' } },
        credential_attainment: { numerator: 1, denominator: 1, rate: 100, rateRounded: 100, cohort: cy },
        measurable_skill_gains: {
          numerator: 1,
          denominator: 1,
          rate: 100,
          rateRounded: 100,
          cohort: { from: '2024-07-01', to: '2025-06-30' },
        },
        retention_same_employer: { numerator: 1, denominator: 2, rate: 50, rateRounded: 50, cohort: cy },
      },
    });
    expect((await report(ops, 2024, 'all', '2024Q3')).indicators.employment_q2).toMatchObject({ numerator: 4, denominator: 4 });
    expect((await report(ops, 2025)).indicators.credential_attainment).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('disaggregation', () => {
  it('hides cells under the threshold and one more when a single hidden cell could be recovered from the total', () => {
    expect(cellsToSuppress([12, 3, 11], 26, 10)).toEqual({ cells: new Set([1, 2]), total: false });
    expect(cellsToSuppress([3, 4, 20], 27, 10)).toEqual({ cells: new Set([0, 1]), total: false });
    expect(cellsToSuppress([12, 0, 15], 27, 10)).toEqual({ cells: new Set(), total: false });
    expect(cellsToSuppress([3, 0], 3, 10)).toEqual({ cells: new Set([0]), total: true });
  });

  it('breaks the indicators down by sex with small-cell and complementary suppression', async () => {
    const periods: Period[] = [];
    for (let i = 0; i < 12; i++) periods.push(adult(`M${i}`, '20231001', { '201': '1', '1602': i < 9 ? '1' : '0' }));
    for (let i = 0; i < 3; i++) periods.push(adult(`F${i}`, '20231001', { '201': '2', '1602': '1' }));
    for (let i = 0; i < 11; i++) periods.push(adult(`N${i}`, '20231001', { '201': '9', '1602': '0' }));
    const ops = await tenantWith(periods);
    const r = await wioaReportBy(ops, { programYear: 2024, program: 'all', by: 'sex' });
    expect(r).toMatchObject({ by: 'sex', threshold: 10 });
    expect(r.total.employment_q2).toMatchObject({ numerator: 12, denominator: 26 });
    const group = (key: string) => r.groups.find((g) => g.key === key)?.indicators.employment_q2;
    expect(group('male')).toMatchObject({ numerator: 9, denominator: 12, rateRounded: 75 });
    expect(group('female')).toMatchObject({ numerator: null, denominator: null, suppressed: true });
    // 11 is enough on its own, but with only "female" hidden, 26 - 12 - 11 would give it away.
    expect(group('not_disclosed')).toMatchObject({ numerator: null, denominator: null, suppressed: true });
    expect(r.groups.map((g) => g.key)).toEqual(['female', 'male', 'not_disclosed']);
  });
});

describe('disaggregation by barrier, program and provider', () => {
  it('counts a period in each of its barriers and programs, suppresses small cells and names providers', async () => {
    const periods: Period[] = [];
    // 12 adults (9 employed), 11 of them also Dislocated Worker; 3 youth, all employed.
    for (let i = 0; i < 12; i++) periods.push(adult(`A${i}`, '20231001', { '1602': i < 9 ? '1' : '0', ...(i < 11 ? { '904': '1' } : {}) }));
    for (let i = 0; i < 3; i++) periods.push(youth(`Y${i}`, '20231001', { '1602': '1' }));
    const ops = await tenantWith(periods);
    const db = t.rt.services.database.db;
    // Barriers: 11 homeless (A0-A10), of whom 2 (A0, A1) are also ex-offenders; the rest have none.
    const people = await db.selectFrom('pirl_person').select(['participant_id', 'pirl_id']).where('tenant_id', '=', ops.tenantId).execute();
    expect(people).toHaveLength(15);
    const ids = (keys: string[]) => people.filter((p) => keys.includes(p.pirl_id)).map((p) => p.participant_id);
    const homeless = [...Array(11).keys()].map((i) => `A${i}`);
    await db
      .updateTable('participant')
      .set({ barriers: ['homeless'] })
      .where('id', 'in', ids(homeless))
      .execute();
    await db
      .updateTable('participant')
      .set({ barriers: ['homeless', 'ex_offender'] })
      .where('id', 'in', ids(['A0', 'A1']))
      .execute();

    const byBarrier = await wioaReportBy(ops, { programYear: 2024, program: 'all', by: 'barrier' });
    expect(byBarrier.overlapping).toBe(true);
    const barrier = (key: string) => byBarrier.groups.find((g) => g.key === key)?.indicators.employment_q2;
    expect(byBarrier.total.employment_q2).toMatchObject({ numerator: 12, denominator: 15 });
    expect(barrier('homeless')).toMatchObject({ numerator: 9, denominator: 11 });
    expect(barrier('ex_offender')).toMatchObject({ suppressed: true, numerator: null });
    // "none" (4: A11 and three youth) is small too, so no complement is needed.
    expect(barrier('none')).toMatchObject({ suppressed: true, denominator: null });

    const byProgram = await wioaReportBy(ops, { programYear: 2024, program: 'all', by: 'program' });
    const program = (key: string) => byProgram.groups.find((g) => g.key === key)?.indicators.employment_q2;
    expect(byProgram.groups.map((g) => g.key)).toEqual(['adult', 'dw', 'youth']);
    expect(program('adult')).toMatchObject({ numerator: 9, denominator: 12 });
    // Youth alone is 3: hidden, and with it the smallest other cell (dw, 11) as its complement.
    expect(program('youth')).toMatchObject({ suppressed: true, denominator: null });
    expect(program('dw')).toMatchObject({ suppressed: true, denominator: null });
    expect(byProgram.total.employment_q2).toMatchObject({ numerator: 12, denominator: 15 });

    const org = await db.selectFrom('organization').select(['id', 'name']).where('tenant_id', '=', ops.tenantId).executeTakeFirstOrThrow();
    const byProvider = await wioaReportBy(ops, { programYear: 2024, program: 'all', by: 'provider' });
    expect(byProvider.overlapping).toBe(false);
    expect(byProvider.groups).toEqual([expect.objectContaining({ key: org.id, label: org.name })]);
    expect(byProvider.groups[0].indicators.employment_q2).toMatchObject({ numerator: 12, denominator: 15 });
  });
});

describe('disaggregation by age band', () => {
  it('bands people by their age on the day they entered (PIRL 200 against 900), youngest first', async () => {
    const periods: Period[] = [];
    // Entry 2022-01-05. 12 aged 25-34; 11 aged 18-24, one of them 18 on the very day; 2 aged 17 (18 the
    // day after entry); 1 with no birth date.
    for (let i = 0; i < 12; i++) periods.push(adult(`O${i}`, '20231001', { '200': '19900601', '1602': i < 6 ? '1' : '0' }));
    for (let i = 0; i < 11; i++) periods.push(adult(`Y${i}`, '20231001', { '200': i === 0 ? '20040105' : '20010301', '1602': '1' }));
    for (let i = 0; i < 2; i++) periods.push(adult(`U${i}`, '20231001', { '200': '20040106', '1602': '1' }));
    periods.push(adult('X0', '20231001', { '1602': '0' }));
    const ops = await tenantWith(periods);
    const r = await wioaReportBy(ops, { programYear: 2024, program: 'all', by: 'age' });
    expect(r.overlapping).toBe(false);
    expect(r.groups.map((g) => g.key)).toEqual(['under_18', '18_24', '25_34', 'unknown']);
    const band = (key: string) => r.groups.find((g) => g.key === key)?.indicators.employment_q2;
    expect(band('18_24')).toMatchObject({ numerator: 11, denominator: 11, rateRounded: 100 });
    expect(band('25_34')).toMatchObject({ numerator: 6, denominator: 12, rateRounded: 50 });
    // Two small cells (2 and 1) hide each other: neither can be worked out from the total.
    expect(band('under_18')).toMatchObject({ suppressed: true, denominator: null });
    expect(band('unknown')).toMatchObject({ suppressed: true, denominator: null });
    expect(r.total.employment_q2).toMatchObject({ numerator: 19, denominator: 26 });

    // The drill-down behind one band lists exactly that band's people.
    const list = await drilldown(ops, {
      programYear: 2024,
      program: 'all',
      indicator: 'employment_q2',
      part: 'denominator',
      by: 'age',
      group: 'under_18',
      page: 1,
      pageSize: 25,
    });
    expect(list.total).toBe(2);
    expect(list.items.map((i) => i.name).sort()).toEqual(['PIRL U0', 'PIRL U1']);
  });
});
