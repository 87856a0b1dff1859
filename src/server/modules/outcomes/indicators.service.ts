import type { BraidIndicators, IndicatorsQuery, MedianIndicator, RateIndicator } from '../../../shared/schemas/outcomes.ts';
import type { Ops } from '../../platform/http.ts';
import { caseCounts, credentialCounts, employerCounts } from './indicators.queries.ts';
import { SMALL_CELL } from './outcomes.policy.ts';
import { latestWageQuarter } from './wioa.queries.ts';
import { cellsToSuppress, quarterIndex, quarterName, rateOf } from './wioa.service.ts';

// Braid's own indicators over a window of dates (docs/indicators.md). The counting is SQL
// (indicators.queries.ts); here the rates, the dollars and the suppression.

/** What issue 7 asks for that needs data from elsewhere: listed in every answer, so no one mistakes a gap for a zero. */
export const PENDING_INDICATORS = ['living_wage_share', 'referral_completion', 'employer_penetration'];

const dollars = (cents: number | null) => (cents === null ? null : cents / 100);

export async function braidIndicators(ops: Ops, q: IndicatorsQuery): Promise<BraidIndicators> {
  return ops.tx(async (tx) => {
    const through = q.wageDataThrough ? quarterIndex(q.wageDataThrough) : await latestWageQuarter(tx, ops.tenantId);
    const base = { tenantId: ops.tenantId, from: q.from, to: q.to };
    const [c, creds, employers] = [
      await caseCounts(tx, { ...base, wageThrough: through }),
      await credentialCounts(tx, base),
      await employerCounts(tx, base),
    ];
    const cohort = { from: q.from, to: q.to };
    const total = creds.find((r) => r.kind === 'total') ?? { num: 0, den: 0 };
    const groups = (kind: 'program' | 'provider') => {
      const rows = creds.filter((r) => r.kind === kind);
      const list = rows.map((r) => ({
        key: r.key,
        ...(r.label ? { label: r.label } : {}),
        indicator: rateOf(r.num, r.den, cohort),
      }));
      // Same rule as WIOA disaggregation: small cells and a complement, for every viewer.
      const hide = cellsToSuppress(
        rows.map((r) => r.den),
        total.den,
        SMALL_CELL,
      );
      for (const i of hide.cells) list[i].indicator = hiddenRate(cohort);
      return list;
    };
    return {
      from: q.from,
      to: q.to,
      wageDataThrough: through === null ? null : quarterName(through),
      indicators: {
        placement_rate: rateOf(c.placed, c.exiters, cohort),
        median_starting_wage: { count: c.wage_count, median: dollars(c.wage_median_cents), cohort },
        health_benefits: rateOf(c.health, c.placed, cohort),
        wage_gain: {
          count: c.gain_count,
          medianBefore: dollars(c.before_median_cents),
          medianAfter: dollars(c.after_median_cents),
          medianGain: dollars(c.gain_median_cents),
          cohort,
        },
        credential_rate: rateOf(total.num, total.den, cohort),
        employers_served: { count: employers.served, cohort },
        repeat_employers: rateOf(employers.repeat, employers.served, cohort),
      },
      credentialBy: { program: groups('program'), provider: groups('provider') },
      pending: PENDING_INDICATORS,
    };
  });
}

const hiddenRate = (cohort: RateIndicator['cohort']): RateIndicator => ({
  numerator: null,
  denominator: null,
  rate: null,
  rateRounded: null,
  cohort,
  suppressed: true,
});

/**
 * For an aggregate-only viewer: any indicator about people whose cohort is 1-9 shows no figures.
 * Employer counts are about businesses and stay.
 */
export function suppressIndicators(r: BraidIndicators): BraidIndicators {
  const small = (n: number | null) => n !== null && n > 0 && n < SMALL_CELL;
  const i = { ...r.indicators };
  for (const key of ['placement_rate', 'health_benefits', 'credential_rate'] as const) {
    if (small(i[key].denominator)) i[key] = hiddenRate(i[key].cohort);
  }
  if (small(i.median_starting_wage.count)) {
    const m: MedianIndicator = { count: null, median: null, cohort: i.median_starting_wage.cohort, suppressed: true };
    i.median_starting_wage = m;
  }
  if (small(i.wage_gain.count))
    i.wage_gain = { count: null, medianBefore: null, medianAfter: null, medianGain: null, cohort: i.wage_gain.cohort, suppressed: true };
  return { ...r, indicators: i };
}
