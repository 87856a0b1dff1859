import {
  AGE_BANDS,
  type DrilldownPage,
  type DrilldownQuery,
  type MedianIndicator,
  OVERLAPPING_DIMENSIONS,
  type RateIndicator,
  type WioaByQuery,
  type WioaByReport,
  type WioaDimension,
  type WioaProgram,
  type WioaReport,
} from '../../../shared/schemas/outcomes.ts';
import type { Executor } from '../../db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { type PeriodBands, periodAgeBands } from './age-bands.ts';
import { SMALL_CELL } from './outcomes.policy.ts';
import { initiativeNames } from './targets.queries.ts';
import {
  latestWageQuarter,
  organizationNames,
  type WioaCounts,
  type WioaWindows,
  wioaCounts,
  wioaCountsBy,
  wioaPeriods,
} from './wioa.queries.ts';

// The annual WIOA report for program year N (1 July N - 30 June N+1). Counting happens in SQL
// (wioa.queries.ts); here only the windows, the wage-data cut-off and the presentation of rates.

export function windows(programYear: number): WioaWindows {
  const n = programYear;
  return {
    q2From: `${n - 1}-07-01`,
    q2To: `${n}-06-30`,
    cyFrom: `${n - 1}-01-01`,
    cyTo: `${n - 1}-12-31`,
    pyFrom: `${n}-07-01`,
    pyTo: `${n + 1}-06-30`,
  };
}

/** "2024Q3" → 2024 * 4 + 2; the numbering wioa.queries.ts uses. */
export function quarterIndex(yq: string): number {
  const m = /^(\d{4})Q([1-4])$/.exec(yq);
  if (!m)
    throw new AppError('validation_failed', 'A quarter is written as 2024Q3.', [
      { field: 'wageDataThrough', code: 'invalid', message: 'As 2024Q3.' },
    ]);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

/** A report filtered to an initiative the tenant does not have would be a silent zero: refuse it. */
async function checkInitiative(tx: Executor, initiativeId: string | undefined): Promise<void> {
  if (initiativeId && !(await initiativeNames(tx, [initiativeId])).size)
    throw new AppError('validation_failed', 'No such initiative.', [
      { field: 'query.initiativeId', code: 'not_found', message: 'No such initiative.' },
    ]);
}

export const quarterName = (index: number) => `${Math.floor(index / 4)}Q${(index % 4) + 1}`;

/**
 * numerator / denominator as a percent: unrounded, and rounded half-up to 0.1 with integer arithmetic
 * (floor((2000 n + d) / 2d) tenths), so 2/3 = 66.666… → 66.7 and 1/8 = 12.5 → 12.5 exactly, never a
 * binary-float artefact. Both null when the denominator is 0.
 */
export function rateOf(numerator: number, denominator: number, cohort: { from: string; to: string }): RateIndicator {
  if (denominator === 0) return { numerator, denominator, rate: null, rateRounded: null, cohort };
  const tenths = Math.floor((2000 * numerator + denominator) / (2 * denominator));
  return { numerator, denominator, rate: (numerator * 100) / denominator, rateRounded: tenths / 10, cohort };
}

export async function wioaReport(
  ops: Ops,
  q: { programYear: number; program: WioaProgram; wageDataThrough?: string | null; initiativeId?: string },
): Promise<WioaReport> {
  const w = windows(q.programYear);
  return ops.tx(async (tx) => {
    await checkInitiative(tx, q.initiativeId);
    const through = q.wageDataThrough ? quarterIndex(q.wageDataThrough) : await latestWageQuarter(tx, ops.tenantId);
    const c = await wioaCounts(tx, { tenantId: ops.tenantId, program: q.program, wageThrough: through, w, initiativeId: q.initiativeId });
    return {
      programYear: q.programYear,
      program: q.program,
      wageDataThrough: through === null ? null : quarterName(through),
      indicators: present(c, w),
    };
  });
}

function present(c: WioaCounts, w: WioaWindows): WioaReport['indicators'] {
  const median: MedianIndicator = {
    count: c.med_count,
    median: c.med_cents === null ? null : c.med_cents / 100,
    cohort: { from: w.q2From, to: w.q2To },
  };
  return {
    employment_q2: rateOf(c.q2_num, c.q2_den, { from: w.q2From, to: w.q2To }),
    employment_q4: rateOf(c.q4_num, c.q4_den, { from: w.cyFrom, to: w.cyTo }),
    median_earnings_q2: median,
    credential_attainment: rateOf(c.cred_num, c.cred_den, { from: w.cyFrom, to: w.cyTo }),
    measurable_skill_gains: rateOf(c.msg_num, c.msg_den, { from: w.pyFrom, to: w.pyTo }),
    retention_same_employer: rateOf(c.ret_num, c.ret_den, { from: w.cyFrom, to: w.cyTo }),
  };
}

const RATE_KEYS = ['employment_q2', 'employment_q4', 'credential_attainment', 'measurable_skill_gains', 'retention_same_employer'] as const;

/**
 * Which cells of one indicator to hide: every cell from 1 to threshold - 1 and, when that leaves a
 * single hidden cell (which the total minus the others would reveal), the smallest other non-empty cell
 * too. When no other cell can be hidden, the total is hidden. Returns the hidden indexes and whether the
 * total must be hidden.
 */
export function cellsToSuppress(sizes: number[], total: number, threshold: number): { cells: Set<number>; total: boolean } {
  const small = (n: number) => n > 0 && n < threshold;
  const cells = new Set(sizes.flatMap((n, i) => (small(n) ? [i] : [])));
  let hideTotal = small(total);
  if (cells.size === 1) {
    let best = -1;
    sizes.forEach((n, i) => {
      if (n > 0 && !cells.has(i) && (best < 0 || n < sizes[best])) best = i;
    });
    if (best >= 0) cells.add(best);
    else hideTotal = true;
  }
  return { cells, total: hideTotal };
}

const bandRank = (key: string) => {
  const i = (AGE_BANDS as readonly string[]).indexOf(key);
  return i < 0 ? AGE_BANDS.length : i;
};

/** The age band of each period, only when the report is broken down by age (it means decrypting birth dates). */
async function ageBandsIf(ops: Ops, tx: Executor, by: WioaDimension | undefined, w: WioaWindows): Promise<PeriodBands | undefined> {
  if (by !== 'age') return undefined;
  // The earliest cohort of a program year starts on 1 January N-1 (cyFrom); skill gains count periods
  // still open or exiting later, which this includes.
  return periodAgeBands(tx, ops.services.keyring, { tenantId: ops.tenantId, since: w.cyFrom });
}

/** The indicators disaggregated by a partition of participants, always with small cells suppressed. */
export async function wioaReportBy(ops: Ops, q: WioaByQuery): Promise<WioaByReport> {
  const w = windows(q.programYear);
  return ops.tx(async (tx) => {
    await checkInitiative(tx, q.initiativeId);
    const through = q.wageDataThrough ? quarterIndex(q.wageDataThrough) : await latestWageQuarter(tx, ops.tenantId);
    const base = { tenantId: ops.tenantId, program: q.program, wageThrough: through, w, initiativeId: q.initiativeId };
    const total = present(await wioaCounts(tx, base), w);
    const counts = await wioaCountsBy(tx, { ...base, by: q.by, ageBands: await ageBandsIf(ops, tx, q.by, w) });
    // Age bands read youngest to oldest (then unknown), not in the alphabetical order of their codes.
    if (q.by === 'age') counts.sort((a, b) => bandRank(a.grp) - bandRank(b.grp));
    const names =
      q.by === 'provider'
        ? await organizationNames(
            tx,
            counts.map((g) => g.grp),
          )
        : new Map<string, string>();
    const groups: WioaByReport['groups'] = counts.map((g) => ({
      key: g.grp,
      ...(names.has(g.grp) ? { label: names.get(g.grp) } : {}),
      indicators: present(g, w),
    }));
    for (const key of RATE_KEYS) {
      const hide = cellsToSuppress(
        groups.map((g) => g.indicators[key].denominator ?? 0),
        total[key].denominator ?? 0,
        SMALL_CELL,
      );
      const hidden = (ind: RateIndicator): RateIndicator => ({
        numerator: null,
        denominator: null,
        rate: null,
        rateRounded: null,
        cohort: ind.cohort,
        suppressed: true,
      });
      for (const i of hide.cells) groups[i].indicators[key] = hidden(groups[i].indicators[key]);
      if (hide.total) total[key] = hidden(total[key]);
    }
    const med = cellsToSuppress(
      groups.map((g) => g.indicators.median_earnings_q2.count ?? 0),
      total.median_earnings_q2.count ?? 0,
      SMALL_CELL,
    );
    const hiddenMedian = (m: MedianIndicator): MedianIndicator => ({ count: null, median: null, cohort: m.cohort, suppressed: true });
    for (const i of med.cells) groups[i].indicators.median_earnings_q2 = hiddenMedian(groups[i].indicators.median_earnings_q2);
    if (med.total) total.median_earnings_q2 = hiddenMedian(total.median_earnings_q2);
    return {
      programYear: q.programYear,
      program: q.program,
      wageDataThrough: through === null ? null : quarterName(through),
      by: q.by,
      threshold: SMALL_CELL,
      overlapping: OVERLAPPING_DIMENSIONS.includes(q.by),
      total,
      groups,
    };
  });
}

/**
 * The report for an aggregate-only viewer: an indicator whose cohort (denominator, or count of
 * earnings) is 1-9 shows no figures. Indicators are not parts of one total, so no complementary
 * suppression is needed here.
 */
export function suppressSmallCells(r: WioaReport): WioaReport {
  const small = (n: number | null) => n !== null && n > 0 && n < SMALL_CELL;
  const indicators = { ...r.indicators };
  for (const key of [
    'employment_q2',
    'employment_q4',
    'credential_attainment',
    'measurable_skill_gains',
    'retention_same_employer',
  ] as const) {
    const ind = indicators[key];
    if (small(ind.denominator))
      indicators[key] = { numerator: null, denominator: null, rate: null, rateRounded: null, cohort: ind.cohort, suppressed: true };
  }
  const m = indicators.median_earnings_q2;
  if (small(m.count)) indicators.median_earnings_q2 = { count: null, median: null, cohort: m.cohort, suppressed: true };
  return { ...r, indicators };
}

/** The report as a plain-text table for the terminal. */
export function reportTable(r: WioaReport): string {
  const rows: string[][] = [['indicator', 'numerator', 'denominator', 'rate %', 'rounded %', 'cohort']];
  const pct = (v: number | null) => (v === null ? '-' : String(v));
  for (const [name, ind] of Object.entries(r.indicators)) {
    const cohort = `${ind.cohort.from} – ${ind.cohort.to}`;
    if ('median' in ind) {
      rows.push([name, `count ${ind.count}`, '', ind.median === null ? 'median -' : `median $${ind.median.toFixed(2)}`, '', cohort]);
    } else {
      rows.push([name, String(ind.numerator ?? '-'), String(ind.denominator ?? '-'), pct(ind.rate), pct(ind.rateRounded), cohort]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const head = `WIOA primary indicators · program year ${r.programYear} (${r.programYear}-07-01 – ${r.programYear + 1}-06-30) · program ${r.program} · wage data through ${r.wageDataThrough ?? 'none loaded'}`;
  return [
    head,
    '',
    ...rows.map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    ),
  ].join('\n');
}

/** The participants behind one number, a page at a time; audited as a read of personal data. */
export async function drilldown(ops: Ops, q: DrilldownQuery): Promise<DrilldownPage> {
  const w = windows(q.programYear);
  return ops.tx(async (tx) => {
    await checkInitiative(tx, q.initiativeId);
    const through = q.wageDataThrough ? quarterIndex(q.wageDataThrough) : await latestWageQuarter(tx, ops.tenantId);
    const { total, rows } = await wioaPeriods(tx, {
      tenantId: ops.tenantId,
      initiativeId: q.initiativeId,
      program: q.program,
      wageThrough: through,
      w,
      by: q.by,
      ageBands: await ageBandsIf(ops, tx, q.by, w),
      group: q.by ? q.group : undefined,
      indicator: q.indicator,
      part: q.part,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    await ops.audit(tx, {
      action: 'outcomes.drilldown_viewed',
      entityType: 'participant',
      personalData: true,
      details: {
        programYear: q.programYear,
        program: q.program,
        indicator: q.indicator,
        part: q.part,
        by: q.by ?? null,
        group: q.group ?? null,
        participants: rows.map((r) => r.participant_id),
      },
    });
    return {
      items: rows.map((r) => ({
        participantId: r.participant_id,
        participationId: r.participation_id,
        name: `${r.first_name} ${r.last_name}`.trim(),
        exitDate: r.exit,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  });
}
