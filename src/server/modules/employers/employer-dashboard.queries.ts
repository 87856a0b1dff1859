import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { organizationInInitiative, participantInInitiative } from '../../platform/initiative-scope.ts';

// The employer dashboard, grouped in SQL. Definitions (documented in docs/matching.md, "Employer
// dashboard"): a job order counts once posted (open, filled or closed; not draft or cancelled). A hire
// fills a position; the hire that fills an order is its n-th hire by hire date (candidate_referral.closed_on)
// where n is its openings, so a hire withdrawn before then fills nothing and a later one takes its place.

export interface DashboardScope {
  from: string;
  to: string;
  initiativeId: string | undefined;
}

const POSTED = sql`j.status IN ('open', 'filled', 'closed')`;
const inInitiative = (column: string, initiativeId: string | undefined): RawBuilder<boolean> =>
  initiativeId ? organizationInInitiative(column, initiativeId) : sql<boolean>`true`;
/**
 * The job orders (aliased `j`) a dashboard figure about job orders counts: posted, opened in the window,
 * of an employer that partners in the initiative. The one rule for the flows and for their job quality,
 * so the two always speak of the same orders.
 */
const ordersInScope = (s: DashboardScope) =>
  sql<boolean>`${POSTED} AND j.opens_on BETWEEN ${s.from}::date AND ${s.to}::date
    AND ${inInitiative('j.organization_id', s.initiativeId)}`;

interface FlowRow {
  organization_id: string | null;
  name: string | null;
  soc_code: string | null;
  grouped_by: number;
  job_orders: number;
  openings: number;
  referrals: number;
  hires: number;
  filled: number;
  open: number;
  fill_rate: number | null;
}

/** Job orders posted in the window and what has come of them to date, by employer, by occupation and in all. */
export async function orderFlows(db: Executor, s: DashboardScope) {
  const { rows } = await sql<FlowRow>`
    WITH orders AS (
      SELECT j.id, j.organization_id, j.soc_code, j.openings, j.status
      FROM job_order j
      WHERE ${ordersInScope(s)}
    ), counted AS (
      SELECT o.*, coalesce(r.referrals, 0) AS referrals, coalesce(r.hires, 0) AS hires,
        least(coalesce(r.hires, 0), o.openings) AS filled
      FROM orders o
      LEFT JOIN (
        SELECT job_order_id, count(*) AS referrals, count(*) FILTER (WHERE status = 'hired') AS hires
        FROM candidate_referral WHERE job_order_id IN (SELECT id FROM orders) GROUP BY job_order_id
      ) r ON r.job_order_id = o.id
    )
    SELECT c.organization_id, org.name, c.soc_code, GROUPING(c.organization_id, c.soc_code) AS grouped_by,
      count(*)::int AS job_orders,
      coalesce(sum(c.openings), 0)::int AS openings,
      coalesce(sum(c.referrals), 0)::int AS referrals,
      coalesce(sum(c.hires), 0)::int AS hires,
      coalesce(sum(c.filled), 0)::int AS filled,
      coalesce(sum(c.openings - c.filled) FILTER (WHERE c.status = 'open'), 0)::int AS open,
      round(100.0 * sum(c.filled) / nullif(sum(c.openings), 0), 1)::float8 AS fill_rate
    FROM counted c JOIN organization org ON org.id = c.organization_id
    -- One pass: a row per employer (GROUPING 1), per occupation (2), and the total (3).
    GROUP BY GROUPING SETS ((c.organization_id, org.name), (c.soc_code), ())
    ORDER BY openings DESC, org.name, c.soc_code, c.organization_id`.execute(db);
  const flow = (r: FlowRow) => ({
    jobOrders: r.job_orders,
    openings: r.openings,
    referrals: r.referrals,
    hires: r.hires,
    filled: r.filled,
    open: r.open,
    unfilled: r.openings - r.filled - r.open,
    fillRate: r.fill_rate,
  });
  // The empty grouping set gives the total row even when no job order was posted.
  const total = rows.find((r) => r.grouped_by === 3) as FlowRow;
  return {
    byEmployer: rows
      .filter((r) => r.grouped_by === 1)
      .map((r) => ({ id: r.organization_id as string, name: r.name as string, ...flow(r) })),
    byOccupation: rows.filter((r) => r.grouped_by === 2).map((r) => ({ socCode: r.soc_code as string, ...flow(r) })),
    totals: flow(total),
  };
}

/**
 * Quarter by quarter from `from` (a quarter's first day) to `to` (the last one's first day): positions posted
 * and how many of them hires have filled to date; job orders whose filling hire fell in the quarter and the
 * median days from their opening to that hire.
 */
export async function fillTrend(db: Executor, s: DashboardScope) {
  const { rows } = await sql<{
    quarter: string;
    posted: number;
    filled: number;
    fill_rate: number | null;
    orders_filled: number;
    median_days: number | null;
  }>`
    WITH orders AS (
      SELECT j.id, j.openings, j.opens_on FROM job_order j
      WHERE ${POSTED} AND ${inInitiative('j.organization_id', s.initiativeId)}
    ), hires AS (
      SELECT r.job_order_id, r.closed_on,
        row_number() OVER (PARTITION BY r.job_order_id ORDER BY r.closed_on NULLS LAST, r.created_at, r.id) AS n
      FROM candidate_referral r JOIN orders o ON o.id = r.job_order_id
      WHERE r.status = 'hired'
    ), posted AS (
      SELECT date_trunc('quarter', o.opens_on::timestamp)::date AS q,
        sum(o.openings) AS posted, sum(least(o.openings, coalesce(h.hires, 0))) AS filled
      FROM orders o LEFT JOIN (SELECT job_order_id, count(*) AS hires FROM hires GROUP BY job_order_id) h ON h.job_order_id = o.id
      WHERE o.opens_on >= ${s.from}::date
      GROUP BY 1
    ), fills AS (
      SELECT date_trunc('quarter', h.closed_on::timestamp)::date AS q, count(*) AS orders_filled,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY h.closed_on - o.opens_on) AS median_days
      FROM hires h JOIN orders o ON o.id = h.job_order_id
      WHERE h.n = o.openings AND h.closed_on >= ${s.from}::date
      GROUP BY 1
    )
    SELECT to_char(q.q, 'YYYY"-Q"Q') AS quarter,
      coalesce(p.posted, 0)::int AS posted,
      coalesce(p.filled, 0)::int AS filled,
      round(100.0 * p.filled / nullif(p.posted, 0), 1)::float8 AS fill_rate,
      coalesce(f.orders_filled, 0)::int AS orders_filled,
      f.median_days::float8 AS median_days
    FROM generate_series(${s.from}::date, ${s.to}::date, interval '3 months') AS q(q)
    LEFT JOIN posted p ON p.q = q.q::date
    LEFT JOIN fills f ON f.q = q.q::date
    ORDER BY q.q`.execute(db);
  return rows.map((r) => ({
    quarter: r.quarter,
    posted: r.posted,
    filled: r.filled,
    fillRate: r.fill_rate,
    ordersFilled: r.orders_filled,
    medianDaysToFill: r.median_days,
  }));
}

/**
 * Employers served in the quarter, and employers served in two or more of the four quarters ending with it:
 * a service delivered, a job order opened (a draft is not yet one) or a candidate referred.
 */
export async function servedAndRepeat(db: Executor, quarterStart: string, quarterEnd: string, initiativeId: string | undefined) {
  const { rows } = await sql<{ served: number; repeat: number }>`
    WITH touched AS (
      SELECT organization_id, service_date AS on_date FROM employer_service
      UNION ALL SELECT organization_id, opens_on FROM job_order WHERE status <> 'draft'
      UNION ALL SELECT organization_id, referred_on FROM candidate_referral
    ), scoped AS (
      SELECT * FROM touched WHERE ${inInitiative('touched.organization_id', initiativeId)}
    )
    SELECT
      (SELECT count(DISTINCT organization_id) FROM scoped WHERE on_date BETWEEN ${quarterStart}::date AND ${quarterEnd}::date)::int AS served,
      (SELECT count(*) FROM (
        SELECT organization_id FROM scoped
        WHERE on_date > ${quarterEnd}::date - interval '1 year' AND on_date <= ${quarterEnd}::date
        GROUP BY organization_id HAVING count(DISTINCT date_trunc('quarter', on_date::timestamp)) > 1) r)::int AS repeat`.execute(db);
  return { served: rows[0]?.served ?? 0, repeat: rows[0]?.repeat ?? 0 };
}

/**
 * Jobs that started in the window (participants' employment records), grouped by what the job-quality
 * score reads, with how many share each combination; the score itself is rules code (job-quality.rules.ts).
 * With an initiative: the jobs of people who took part in it.
 */
export function placementGroups(db: Executor, s: DashboardScope) {
  let q = db
    .selectFrom('employment')
    .leftJoin('candidate_referral', 'candidate_referral.employment_id', 'employment.id')
    .leftJoin('job_order', 'job_order.id', 'candidate_referral.job_order_id')
    .leftJoin('participant', 'participant.id', 'employment.participant_id')
    .where('employment.start_date', '>=', s.from)
    .where('employment.start_date', '<=', s.to);
  if (s.initiativeId) q = q.where(participantInInitiative('employment.participant_id', s.initiativeId));
  const county = sql<string | null>`coalesce(job_order.county_fips, participant.county_fips)`;
  return q
    .select([
      'employment.hourly_wage_cents',
      'employment.hours_per_week',
      'employment.benefits',
      'job_order.schedule',
      'job_order.advancement_pathway',
      county.as('county_fips'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy([
      'employment.hourly_wage_cents',
      'employment.hours_per_week',
      'employment.benefits',
      'job_order.schedule',
      'job_order.advancement_pathway',
      county,
    ])
    .execute();
}

/**
 * The job orders orderFlows counts, grouped by employer, occupation and what the job-quality score reads
 * (the bottom of the wage range), with how many orders and positions share each combination; the score
 * itself is rules code (job-quality.rules.ts).
 */
export function orderQualityGroups(db: Executor, s: DashboardScope) {
  const columns = [
    'j.organization_id',
    'org.name',
    'j.soc_code',
    'j.wage_min_cents',
    'j.hours_per_week',
    'j.benefits',
    'j.schedule',
    'j.advancement_pathway',
    'j.county_fips',
  ] as const;
  return db
    .selectFrom('job_order as j')
    .innerJoin('organization as org', 'org.id', 'j.organization_id')
    .where(ordersInScope(s))
    .select(columns)
    .select([sql<number>`count(*)::int`.as('orders'), sql<number>`sum(j.openings)::int`.as('openings')])
    .groupBy(columns)
    .execute();
}
