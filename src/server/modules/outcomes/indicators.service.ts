import type {
  BraidIndicators,
  EstablishmentBody,
  IndicatorsQuery,
  MedianIndicator,
  RateIndicator,
  RegionEstablishments,
} from '../../../shared/schemas/outcomes.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { countyName } from '../codes/codes.service.ts';
import {
  caseCounts,
  credentialCounts,
  deleteEstablishments,
  employerCounts,
  establishmentRows,
  referralCounts,
  regionEstablishments,
  upsertEstablishments,
} from './indicators.queries.ts';
import { SMALL_CELL } from './outcomes.policy.ts';
import { latestWageQuarter } from './wioa.queries.ts';
import { cellsToSuppress, quarterIndex, quarterName, rateOf } from './wioa.service.ts';

// Braid's own indicators over a window of dates (docs/indicators.md). The counting is SQL
// (indicators.queries.ts); here the rates, the dollars and the suppression.

const dollars = (cents: number | null) => (cents === null ? null : cents / 100);

export async function braidIndicators(ops: Ops, q: IndicatorsQuery): Promise<BraidIndicators> {
  return ops.tx(async (tx) => {
    const through = q.wageDataThrough ? quarterIndex(q.wageDataThrough) : await latestWageQuarter(tx, ops.tenantId);
    const base = { tenantId: ops.tenantId, from: q.from, to: q.to };
    const [c, creds, employers, region, referrals, livingWages] = [
      await caseCounts(tx, { ...base, wageThrough: through }),
      await credentialCounts(tx, base),
      await employerCounts(tx, base),
      await regionEstablishments(tx, ops.tenantId),
      await referralCounts(tx, base),
      await tx.selectFrom('living_wage').select('county_fips').where('tenant_id', '=', ops.tenantId).limit(1).execute(),
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
        living_wage_share: rateOf(c.lw_num, c.lw_den, cohort),
        employers_served: { count: employers.served, cohort },
        repeat_employers: rateOf(employers.repeat, employers.served, cohort),
        employer_penetration: rateOf(employers.served, region.establishments, cohort),
        referral_completion: rateOf(referrals.completed, referrals.closed, cohort),
      },
      credentialBy: { program: groups('program'), provider: groups('provider') },
      // Listed so that no one mistakes missing reference data for a zero.
      pending: [...(livingWages.length === 0 ? ['living_wage_share'] : []), ...(region.counties === 0 ? ['employer_penetration'] : [])],
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
 * Employer counts (served, repeat, penetration) are about businesses and stay.
 */
export function suppressIndicators(r: BraidIndicators): BraidIndicators {
  const small = (n: number | null) => n !== null && n > 0 && n < SMALL_CELL;
  const i = { ...r.indicators };
  for (const key of ['placement_rate', 'health_benefits', 'credential_rate', 'living_wage_share', 'referral_completion'] as const) {
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

// ---- The region's establishments (employer penetration's denominator)

export async function establishmentTable(ops: Ops): Promise<RegionEstablishments> {
  const rows = await ops.tx((tx) => establishmentRows(tx, ops.tenantId));
  return {
    total: rows.reduce((sum, r) => sum + r.establishments, 0),
    items: rows.map((r) => ({
      countyFips: r.county_fips,
      countyName: countyName(r.county_fips),
      establishments: r.establishments,
      referenceYear: r.reference_year,
      source: r.source,
      updatedAt: r.updated_at.toISOString(),
    })),
  };
}

export async function setEstablishments(ops: Ops, b: EstablishmentBody): Promise<RegionEstablishments> {
  if (!countyName(b.countyFips))
    throw new AppError('validation_failed', 'Unknown county.', [
      { field: 'body.countyFips', code: 'unknown_code', message: 'Unknown county FIPS code.' },
    ]);
  await ops.tx(async (tx) => {
    await upsertEstablishments(tx, {
      tenant_id: ops.tenantId,
      county_fips: b.countyFips,
      establishments: b.establishments,
      reference_year: b.referenceYear,
      source: b.source || null,
      updated_by: ops.actor.userId,
    });
    await ops.audit(tx, {
      action: 'region_establishment.set',
      entityType: 'region_establishment',
      details: { countyFips: b.countyFips, establishments: b.establishments, referenceYear: b.referenceYear },
    });
  });
  return establishmentTable(ops);
}

export async function removeEstablishments(ops: Ops, countyFips: string): Promise<RegionEstablishments> {
  await ops.tx(async (tx) => {
    if (!(await deleteEstablishments(tx, ops.tenantId, countyFips)))
      throw new AppError('not_found', 'No establishment count for that county.');
    await ops.audit(tx, { action: 'region_establishment.removed', entityType: 'region_establishment', details: { countyFips } });
  });
  return establishmentTable(ops);
}
