import { randomUUID } from 'node:crypto';
import {
  DOLLAR_INDICATORS,
  type OutcomeTarget,
  type TargetBody,
  type TargetIndicator,
  type TargetScope,
} from '../../../shared/schemas/outcomes.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { findOrganization } from '../organizations/organizations.queries.ts';
import { caseCounts, credentialCounts } from './indicators.queries.ts';
import { SMALL_CELL } from './outcomes.policy.ts';
import { deleteTarget, findTarget, fundingStreamNames, initiativeNames, listTargets, upsertTarget } from './targets.queries.ts';
import {
  type GroupDimension,
  latestWageQuarter,
  organizationNames,
  type WioaCounts,
  type WioaWindows,
  wioaCountsBy,
} from './wioa.queries.ts';
import { cellsToSuppress, quarterName, windows } from './wioa.service.ts';

// Targets per program year with their status and a quarterly trend. Each quarter of the program year
// is measured as the state's quarterly reports do: over the four quarters ending then (the annual
// cohort windows moved back by 9, 6, 3 and 0 months). Quarters after the latest measured one have not
// ended, so they have no value yet. Status compares the latest measured quarter: met at or above the
// target, on track from 90% of it, at risk below.

/** On track: at least this share of the target. */
export const ON_TRACK = 0.9;

/** An ISO date moved back by whole months; a month end stays a month end. */
function monthsBack(iso: string, months: number, end: boolean): string {
  const [y, m] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  if (!end) return first.toISOString().slice(0, 10);
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

function shifted(w: WioaWindows, months: number): WioaWindows {
  const s = (d: string, end: boolean) => monthsBack(d, months, end);
  return {
    q2From: s(w.q2From, false),
    q2To: s(w.q2To, true),
    cyFrom: s(w.cyFrom, false),
    cyTo: s(w.cyTo, true),
    pyFrom: s(w.pyFrom, false),
    pyTo: s(w.pyTo, true),
  };
}

/** The value of one indicator from the counts, and the size of its cell (for suppression). */
function wioaValue(c: WioaCounts, indicator: TargetIndicator): { value: number | null; cell: number } {
  const rate = (num: number, den: number) => ({ value: den === 0 ? null : Math.round((num * 1000) / den) / 10, cell: den });
  switch (indicator) {
    case 'employment_q2':
      return rate(c.q2_num, c.q2_den);
    case 'employment_q4':
      return rate(c.q4_num, c.q4_den);
    case 'credential_attainment':
      return rate(c.cred_num, c.cred_den);
    case 'measurable_skill_gains':
      return rate(c.msg_num, c.msg_den);
    case 'retention_same_employer':
      return rate(c.ret_num, c.ret_den);
    default:
      return { value: c.med_cents === null ? null : c.med_cents / 100, cell: c.med_count };
  }
}

type Row = Awaited<ReturnType<typeof listTargets>>[number];
type Cell = { value: number | null; cell: number };

/** The dimension of the WIOA counts a scope is one group of (partnership: none, the whole). */
const DIMENSION: Record<Exclude<TargetScope, 'partnership'>, GroupDimension> = {
  program: 'program',
  provider: 'provider',
  initiative: 'initiative',
  funding_stream: 'funding_stream',
};

/**
 * The WIOA counts of one quarter of the year, whole or per group of a dimension, computed once per
 * listing: every target of the same dimension and quarter reads the same rows, and suppression needs
 * every group of the dimension, not only those with a target.
 */
function wioaQuarters(ops: Ops, tx: Tx, programYear: number, wageThrough: number | null) {
  const memo = new Map<string, Promise<(WioaCounts & { grp: string })[]>>();
  return (dim: GroupDimension | null, k: number) => {
    const key = `${dim}|${k}`;
    let rows = memo.get(key);
    if (!rows) {
      rows = wioaCountsBy(tx, {
        tenantId: ops.tenantId,
        program: 'all',
        wageThrough,
        w: shifted(windows(programYear), (3 - k) * 3),
        ...(dim ? { by: dim } : {}),
      });
      memo.set(key, rows);
    }
    return rows;
  };
}
type Quarters = ReturnType<typeof wioaQuarters>;

const BRAID_OWN: readonly TargetIndicator[] = [
  'placement_rate',
  'median_starting_wage',
  'health_benefits',
  'living_wage_share',
  'credential_rate',
];

async function measure(ops: Ops, tx: Tx, t: Row, wageThrough: number | null, quarters: Quarters, latest: number) {
  const indicator = t.indicator as TargetIndicator;
  const base = windows(t.program_year);
  const points: OutcomeTarget['trend'] = [];
  // Quarter k of PY N ends in N Q3, N Q4, N+1 Q1, N+1 Q2.
  for (let k = 0; k < 4; k++) {
    const back = (3 - k) * 3;
    const quarter = quarterName(t.program_year * 4 + 2 + k);
    if (k > latest) {
      points.push({ quarter, value: null, cell: 0, suppressed: false });
      continue;
    }
    let m: Cell;
    if (BRAID_OWN.includes(indicator)) {
      const from = monthsBack(base.pyFrom, back, false);
      const to = monthsBack(base.pyTo, back, true);
      if (indicator === 'credential_rate') {
        const total = (await credentialCounts(tx, { tenantId: ops.tenantId, from, to })).find((r) => r.kind === 'total');
        const den = total?.den ?? 0;
        m = { value: den === 0 ? null : Math.round(((total?.num ?? 0) * 1000) / den) / 10, cell: den };
      } else {
        const c = await caseCounts(tx, { tenantId: ops.tenantId, from, to, wageThrough });
        if (indicator === 'placement_rate')
          m = { value: c.exiters ? Math.round((c.placed * 1000) / c.exiters) / 10 : null, cell: c.exiters };
        else if (indicator === 'health_benefits')
          m = { value: c.placed ? Math.round((c.health * 1000) / c.placed) / 10 : null, cell: c.placed };
        else if (indicator === 'living_wage_share')
          m = { value: c.lw_den ? Math.round((c.lw_num * 1000) / c.lw_den) / 10 : null, cell: c.lw_den };
        else m = { value: c.wage_median_cents === null ? null : c.wage_median_cents / 100, cell: c.wage_count };
      }
    } else {
      const rows = await quarters(t.scope === 'partnership' ? null : DIMENSION[t.scope], k);
      const row = t.scope === 'partnership' ? rows[0] : rows.find((r) => r.grp === t.scope_key);
      m = row ? wioaValue(row, indicator) : { value: null, cell: 0 };
    }
    points.push({ quarter, value: m.value, cell: m.cell, suppressed: false });
  }
  return points;
}

/**
 * Whether a viewer without outcomes.read_detail may see a target's point: not when its cell is 1-9, nor
 * when it is the complement that disaggregation would hide (cellsToSuppress over every group of the
 * dimension against the partnership's cell), so that a hidden provider's (program's, initiative's,
 * stream's) value cannot be worked out from the partnership's and the other targets' values.
 */
async function hiddenForAggregateViewer(t: Row, k: number, cell: number | null, quarters: Quarters): Promise<boolean> {
  if (cell !== null && cell > 0 && cell < SMALL_CELL) return true;
  const indicator = t.indicator as TargetIndicator;
  // The partnership's cell is hidden as a complement only when it is the one non-empty group's, which
  // is then small itself: nothing more to check.
  if (BRAID_OWN.includes(indicator) || t.scope === 'partnership') return false;
  const [whole] = await quarters(null, k);
  const groups = await quarters(DIMENSION[t.scope], k);
  const hide = cellsToSuppress(
    groups.map((g) => wioaValue(g, indicator).cell),
    whole ? wioaValue(whole, indicator).cell : 0,
    SMALL_CELL,
  );
  return groups.some((g, i) => g.grp === t.scope_key && hide.cells.has(i));
}

/** The quarter of the program year that was measured last: the latest that has ended, else the first. */
function latestIndex(programYear: number, today: Date): number {
  const ends = [0, 1, 2, 3].map((k) => new Date(Date.UTC(programYear + (k >= 2 ? 1 : 0), [9, 12, 3, 6][k], 0)));
  let latest = 0;
  ends.forEach((end, k) => {
    if (end.getTime() <= today.getTime()) latest = k;
  });
  return latest;
}

function labelOf(r: Row, names: Record<'provider' | 'initiative' | 'funding_stream', Map<string, string>>): string | null {
  if (r.scope === 'partnership') return null;
  if (r.scope === 'program') return r.scope_key;
  return names[r.scope].get(r.scope_key) ?? null;
}

export function statusOf(actual: number | null, target: number): OutcomeTarget['status'] {
  if (actual === null) return 'no_data';
  if (actual >= target) return 'met';
  return actual >= target * ON_TRACK ? 'on_track' : 'at_risk';
}

export async function listWithStatus(
  ops: Ops,
  programYear: number,
  opts: { seesSmallCells: boolean; today?: Date },
): Promise<{ programYear: number; items: OutcomeTarget[] }> {
  return ops.tx(async (tx) => {
    const rows = await listTargets(tx, programYear);
    const wageThrough = await latestWageQuarter(tx, ops.tenantId);
    const keys = (scope: Row['scope']) => rows.filter((r) => r.scope === scope).map((r) => r.scope_key);
    const names = {
      provider: await organizationNames(tx, keys('provider')),
      initiative: await initiativeNames(tx, keys('initiative')),
      funding_stream: await fundingStreamNames(tx, keys('funding_stream')),
    };
    const latest = latestIndex(programYear, opts.today ?? new Date());
    const quarters = wioaQuarters(ops, tx, programYear, wageThrough);
    const items: OutcomeTarget[] = [];
    for (const r of rows) {
      const trend: OutcomeTarget['trend'] = [];
      for (const [k, p] of (await measure(ops, tx, r, wageThrough, quarters, latest)).entries())
        trend.push(
          !opts.seesSmallCells && (await hiddenForAggregateViewer(r, k, p.cell, quarters))
            ? { ...p, value: null, cell: null, suppressed: true }
            : p,
        );
      const target = Number(r.target);
      const actual = trend[latest].value;
      items.push({
        id: r.id,
        indicator: r.indicator as TargetIndicator,
        scope: r.scope,
        scopeKey: r.scope_key,
        scopeLabel: labelOf(r, names),
        programYear: r.program_year,
        target,
        actual,
        status: statusOf(actual, target),
        trend,
      });
    }
    return { programYear, items };
  });
}

export async function setTarget(ops: Ops, body: TargetBody): Promise<string> {
  return ops.tx(async (tx) => {
    if (body.scope === 'provider' && !(await findOrganization(tx, body.scopeKey ?? '')))
      throw new AppError('validation_failed', 'No such provider.', [
        { field: 'body.scopeKey', code: 'not_found', message: 'No such provider.' },
      ]);
    // Row-level security limits both lookups to the tenant: another tenant's id is "no such".
    if (body.scope === 'initiative' && !(await initiativeNames(tx, [body.scopeKey ?? ''])).size)
      throw new AppError('validation_failed', 'No such initiative.', [
        { field: 'body.scopeKey', code: 'not_found', message: 'No such initiative.' },
      ]);
    if (body.scope === 'funding_stream' && !(await fundingStreamNames(tx, [body.scopeKey ?? ''])).size)
      throw new AppError('validation_failed', 'No such funding stream.', [
        { field: 'body.scopeKey', code: 'not_found', message: 'No such funding stream.' },
      ]);
    const { id } = await upsertTarget(tx, {
      id: randomUUID(),
      tenant_id: ops.tenantId,
      indicator: body.indicator,
      scope: body.scope,
      scope_key: body.scope === 'partnership' ? '' : (body.scopeKey ?? ''),
      program_year: body.programYear,
      target: body.target,
      created_by: ops.actor.userId,
    });
    await ops.audit(tx, {
      action: 'outcomes.target_set',
      entityType: 'outcome_target',
      entityId: id,
      details: {
        indicator: body.indicator,
        scope: body.scope,
        programYear: body.programYear,
        target: body.target,
        dollars: DOLLAR_INDICATORS.includes(body.indicator),
      },
    });
    return id;
  });
}

export async function removeTarget(ops: Ops, id: string): Promise<void> {
  await ops.tx(async (tx) => {
    const row = await findTarget(tx, id);
    if (!row) throw new AppError('not_found', 'No such target.');
    await deleteTarget(tx, id);
    await ops.audit(tx, {
      action: 'outcomes.target_removed',
      entityType: 'outcome_target',
      entityId: id,
      details: { indicator: row.indicator },
    });
  });
}
