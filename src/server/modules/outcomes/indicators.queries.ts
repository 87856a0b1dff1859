import { sql } from 'kysely';
import { EXIT_REASONS } from '../../../shared/schemas/casework.ts';
import type { Executor } from '../../db/tenant.ts';

// Braid's own indicators (docs/indicators.md), each counted in the database: Node receives one row of
// counts and medians, and one row per training program and provider for the credential rate.

/** Exit reasons that take a period out of every indicator (PIRL 923 = 1-4), as for WIOA. */
const EXCLUDED_EXITS = sql.raw(
  `(${Object.entries(EXIT_REASONS)
    .filter(([, code]) => ['1', '2', '3', '4'].includes(code))
    .map(([key]) => `'${key}'`)
    .join(', ')})`,
);
/** A placement counts when the job starts between program entry and 90 days after exit. */
const PLACEMENT_DAYS = 90;
/** The household whose living wage a starting wage is held against: one adult, no children (MIT 1A0C). */
export const LIVING_WAGE_HOUSEHOLD = '1A0C';

export interface CaseCounts {
  exiters: number;
  placed: number;
  wage_count: number;
  wage_median_cents: number | null;
  health: number;
  lw_num: number;
  lw_den: number;
  gain_count: number;
  before_median_cents: number | null;
  after_median_cents: number | null;
  gain_median_cents: number | null;
}

export async function caseCounts(
  db: Executor,
  p: { tenantId: string; from: string; to: string; wageThrough: number | null },
): Promise<CaseCounts> {
  const { rows } = await sql<Record<keyof CaseCounts, string | number | null>>`
    WITH ex AS MATERIALIZED (
      SELECT pp.id, pp.participant_id, pp.entry_date, pp.exit_date, pa.county_fips,
        coalesce(ps.pirl_id, pp.participant_id::text) AS pkey,
        extract(year FROM pp.entry_date)::int * 4 + extract(quarter FROM pp.entry_date)::int - 1 AS eq,
        extract(year FROM pp.exit_date)::int * 4 + extract(quarter FROM pp.exit_date)::int - 1 AS xq
      FROM program_participation pp
      JOIN participant pa ON pa.id = pp.participant_id AND pa.status <> 'merged'
      LEFT JOIN pirl_person ps ON ps.participant_id = pp.participant_id
      WHERE pp.tenant_id = ${p.tenantId} AND pp.exit_date BETWEEN ${p.from}::date AND ${p.to}::date
        AND coalesce(pp.exit_reason, '') NOT IN ${EXCLUDED_EXITS}
    ),
    -- The first job of each period: its wage and benefits are the starting ones. The living wage is
    -- that of the county the person lives in, for one adult without children (as job-quality scores).
    pl AS (
      SELECT DISTINCT ON (ex.id) ex.id, e.hourly_wage_cents, 'health_insurance' = ANY(e.benefits) AS health,
        (SELECT lw.hourly_cents FROM living_wage lw WHERE lw.tenant_id = ${p.tenantId} AND lw.county_fips = ex.county_fips
          AND lw.household_type = ${LIVING_WAGE_HOUSEHOLD}) AS lw_cents
      FROM ex JOIN employment e ON e.participant_id = ex.participant_id
        AND e.start_date BETWEEN ex.entry_date AND ex.exit_date + ${PLACEMENT_DAYS}::int
      ORDER BY ex.id, e.start_date, e.id
    ),
    -- Quarterly earnings before (mean of the four quarters before entry) and after (quarter 2 after
    -- exit), for people the UI wage records know, once quarter 2 after exit is within the wage data.
    wg AS (
      SELECT ex.id,
        coalesce(sum(w.wages_cents) FILTER (WHERE w.q BETWEEN ex.eq - 4 AND ex.eq - 1), 0) / 4.0 AS before,
        coalesce(sum(w.wages_cents) FILTER (WHERE w.q = ex.xq + 2), 0) AS after
      FROM ex
      LEFT JOIN LATERAL (
        SELECT r.wages_cents, r.year * 4 + r.quarter - 1 AS q FROM wage_record r
        WHERE r.tenant_id = ${p.tenantId} AND r.person_key = ex.pkey AND r.year BETWEEN (ex.eq - 4) / 4 AND (ex.xq + 2) / 4
      ) w ON true
      WHERE ex.xq + 2 <= ${p.wageThrough}::int
        AND EXISTS (SELECT 1 FROM wage_record k WHERE k.tenant_id = ${p.tenantId} AND k.person_key = ex.pkey)
      GROUP BY ex.id
    )
    SELECT
      (SELECT count(*) FROM ex) AS exiters,
      (SELECT count(*) FROM pl) AS placed,
      (SELECT count(hourly_wage_cents) FROM pl) AS wage_count,
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hourly_wage_cents))::bigint FROM pl WHERE hourly_wage_cents IS NOT NULL)
        AS wage_median_cents,
      (SELECT count(*) FILTER (WHERE health) FROM pl) AS health,
      (SELECT count(*) FILTER (WHERE hourly_wage_cents >= lw_cents) FROM pl) AS lw_num,
      (SELECT count(*) FILTER (WHERE hourly_wage_cents IS NOT NULL AND lw_cents IS NOT NULL) FROM pl) AS lw_den,
      (SELECT count(*) FROM wg) AS gain_count,
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY before))::bigint FROM wg) AS before_median_cents,
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY after))::bigint FROM wg) AS after_median_cents,
      (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY after - before))::bigint FROM wg) AS gain_median_cents`.execute(db);
  const r = rows[0];
  const n = (v: unknown) => Number(v ?? 0);
  const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    exiters: n(r.exiters),
    placed: n(r.placed),
    wage_count: n(r.wage_count),
    wage_median_cents: maybe(r.wage_median_cents),
    health: n(r.health),
    lw_num: n(r.lw_num),
    lw_den: n(r.lw_den),
    gain_count: n(r.gain_count),
    before_median_cents: maybe(r.before_median_cents),
    after_median_cents: maybe(r.after_median_cents),
    gain_median_cents: maybe(r.gain_median_cents),
  };
}

export interface CredentialCount {
  /** 'total', 'program' or 'provider'. */
  kind: 'total' | 'program' | 'provider';
  key: string;
  label: string | null;
  num: number;
  den: number;
}

/**
 * Training enrollments that ended (completed or withdrew) in the window, and how many led to a
 * credential: one recorded against the enrollment, or any the person attained from enrollment to a year
 * after it ended. Totals, per training program and per provider in one pass (GROUPING SETS).
 */
export async function credentialCounts(db: Executor, p: { tenantId: string; from: string; to: string }): Promise<CredentialCount[]> {
  const { rows } = await sql<{ kind: string; key: string | null; label: string | null; num: string; den: string }>`
    WITH en AS (
      SELECT e.id, e.participant_id, e.enrolled_on, coalesce(e.completed_on, e.withdrawn_on) AS ended,
        tp.id AS program_id, tp.name AS program_name, o.id AS provider_id, o.name AS provider_name
      FROM training_enrollment e
      JOIN training_program tp ON tp.id = e.training_program_id
      JOIN organization o ON o.id = tp.provider_organization_id
      WHERE e.tenant_id = ${p.tenantId} AND e.status IN ('completed', 'withdrawn')
        AND coalesce(e.completed_on, e.withdrawn_on) BETWEEN ${p.from}::date AND ${p.to}::date
    ),
    c AS (
      SELECT en.*, EXISTS (
        SELECT 1 FROM credential c WHERE c.participant_id = en.participant_id
          AND (c.training_enrollment_id = en.id
            OR (c.training_enrollment_id IS NULL AND c.attained_on BETWEEN en.enrolled_on AND (en.ended + interval '1 year')::date))
      ) AS earned
      FROM en
    )
    SELECT CASE WHEN GROUPING(program_id, program_name) = 0 THEN 'program'
                WHEN GROUPING(provider_id, provider_name) = 0 THEN 'provider' ELSE 'total' END AS kind,
      coalesce(program_id, provider_id)::text AS key, coalesce(program_name, provider_name) AS label,
      count(*) FILTER (WHERE earned) AS num, count(*) AS den
    FROM c
    GROUP BY GROUPING SETS ((), (program_id, program_name), (provider_id, provider_name))
    ORDER BY kind, label`.execute(db);
  const out: CredentialCount[] = rows.map((r) => ({
    kind: r.kind as CredentialCount['kind'],
    key: r.key ?? '',
    label: r.label,
    num: Number(r.num),
    den: Number(r.den),
  }));
  if (!out.some((r) => r.kind === 'total')) out.push({ kind: 'total', key: '', label: null, num: 0, den: 0 });
  return out;
}

/**
 * Employers served in the window: those with a participant starting a job (an employer is its organization,
 * else its FEIN, else its name) or receiving an employer service (recruitment event, customized training…).
 * Repeat business customers are those of them also served in the three years before the window.
 */
export async function employerCounts(
  db: Executor,
  p: { tenantId: string; from: string; to: string },
): Promise<{ served: number; repeat: number }> {
  const { rows } = await sql<{ served: string; repeat: string }>`
    WITH s AS (
      SELECT coalesce(employer_organization_id::text, employer_fein, lower(btrim(employer_name))) AS k, start_date AS d
      FROM employment
      WHERE tenant_id = ${p.tenantId} AND start_date <= ${p.to}::date
        AND start_date >= (${p.from}::date - interval '3 years')::date
      UNION ALL
      SELECT organization_id::text, service_date FROM employer_service
      WHERE tenant_id = ${p.tenantId} AND service_date <= ${p.to}::date
        AND service_date >= (${p.from}::date - interval '3 years')::date
    ),
    e AS (
      SELECT k, bool_or(d >= ${p.from}::date) AS now, bool_or(d < ${p.from}::date) AS before FROM s GROUP BY k
    )
    SELECT count(*) FILTER (WHERE now) AS served, count(*) FILTER (WHERE now AND before) AS repeat FROM e`.execute(db);
  return { served: Number(rows[0]?.served ?? 0), repeat: Number(rows[0]?.repeat ?? 0) };
}

/** The establishments of the region (the sum over its counties), and how many counties are recorded. */
export async function regionEstablishments(db: Executor, tenantId: string): Promise<{ establishments: number; counties: number }> {
  const row = await db
    .selectFrom('region_establishment')
    .select([sql<string>`coalesce(sum(establishments), 0)`.as('n'), sql<string>`count(*)`.as('c')])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return { establishments: Number(row?.n ?? 0), counties: Number(row?.c ?? 0) };
}

export function establishmentRows(db: Executor, tenantId: string) {
  return db
    .selectFrom('region_establishment')
    .select(['county_fips', 'establishments', 'reference_year', 'source', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('county_fips')
    .execute();
}

export async function upsertEstablishments(
  db: Executor,
  r: {
    tenant_id: string;
    county_fips: string;
    establishments: number;
    reference_year: number;
    source: string | null;
    updated_by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('region_establishment')
    .values(r)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'county_fips']).doUpdateSet({
        establishments: r.establishments,
        reference_year: r.reference_year,
        source: r.source,
        updated_by: r.updated_by,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function deleteEstablishments(db: Executor, tenantId: string, countyFips: string): Promise<boolean> {
  const r = await db
    .deleteFrom('region_establishment')
    .where('tenant_id', '=', tenantId)
    .where('county_fips', '=', countyFips)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Referrals closed in the window (completed, not completed, or declined by the receiver), and how many
 * of them were completed. A closed date is a UTC date, like every date Braid reports.
 */
export async function referralCounts(
  db: Executor,
  p: { tenantId: string; from: string; to: string },
): Promise<{ completed: number; closed: number }> {
  const { rows } = await sql<{ completed: string; closed: string }>`
    SELECT count(*) FILTER (WHERE status = 'completed') AS completed, count(*) AS closed
    FROM referral
    WHERE tenant_id = ${p.tenantId} AND status IN ('completed', 'not_completed', 'declined')
      AND closed_at >= (${p.from}::date)::timestamp AT TIME ZONE 'UTC'
      AND closed_at < (${p.to}::date + 1)::timestamp AT TIME ZONE 'UTC'`.execute(db);
  return { completed: Number(rows[0]?.completed ?? 0), closed: Number(rows[0]?.closed ?? 0) };
}
