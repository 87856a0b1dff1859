import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { referralInInitiative } from './referrals.queries.ts';

// The SQL of referral reports. Everything is counted in the database: one CTE picks the referrals in
// the caller's scope and filters, and each part of the report groups it differently.

export interface ReportFilter {
  tenantId: string;
  from: string;
  to: string;
  /** Today (UTC), the day against which "overdue now" is judged, as the referral list does. */
  today: string;
  /** Null: every referral of the tenant (oversight); otherwise those these organizations sent or received. */
  orgs: string[] | null;
  organizationId?: string;
  serviceId?: string;
  initiativeId?: string;
}

const NONE = '00000000-0000-0000-0000-000000000000';
const inList = (ids: string[]) => sql.join((ids.length ? ids : [NONE]).map((id) => sql`${id}::uuid`));

/**
 * Whole business days from one date to a later one, as the acceptance deadline counts them
 * (holidays/holidays.calendar.ts): the weekdays after `start` up to `end`, less the tenant's holidays
 * among them.
 */
function businessDays(tenantId: string, start: RawBuilder<unknown>, end: RawBuilder<unknown>) {
  const span = sql`(${end} - ${start})`;
  return sql`((${span} / 7) * 5 + (SELECT count(*)::int FROM generate_series(1, ${span} % 7) AS g(n)
    WHERE extract(isodow FROM ${start} + (${span} / 7) * 7 + g.n) < 6)
    - (SELECT count(*)::int FROM tenant_holiday h WHERE h.tenant_id = ${tenantId}
      AND h.day > ${start} AND h.day <= ${end} AND extract(isodow FROM h.day) < 6))`;
}

function scoped(f: ReportFilter, withFilters: boolean) {
  const sent = sql`(r.sent_at AT TIME ZONE 'UTC')::date`;
  const accepted = sql`(r.accepted_at AT TIME ZONE 'UTC')::date`;
  const closed = sql`(r.closed_at AT TIME ZONE 'UTC')::date`;
  const where = [
    sql`r.tenant_id = ${f.tenantId}`,
    // Drafts awaiting review never reached the receiver; deleted referrals were mistakes.
    sql`r.status NOT IN ('deleted', 'pending_review')`,
    sql`${sent} >= ${f.from}::date`,
    sql`${sent} <= ${f.to}::date`,
  ];
  if (f.orgs) where.push(sql`(r.sender_organization_id IN (${inList(f.orgs)}) OR r.receiving_organization_id IN (${inList(f.orgs)}))`);
  if (withFilters && f.organizationId)
    where.push(sql`(r.sender_organization_id = ${f.organizationId} OR r.receiving_organization_id = ${f.organizationId})`);
  if (withFilters && f.serviceId) where.push(sql`r.service_id = ${f.serviceId}`);
  if (withFilters && f.initiativeId) where.push(referralInInitiative('r', f.initiativeId));
  return sql`WITH picked AS (
    SELECT r.id, r.service_id, r.sender_organization_id, r.receiving_organization_id, r.status,
      (r.accepted_at IS NOT NULL OR r.status IN ('accepted', 'in_progress', 'completed', 'not_completed')) AS reached_accept,
      r.status IN ('in_progress', 'completed', 'not_completed') AS reached_start,
      (r.status = 'sent' AND r.due_on < ${f.today}::date) AS overdue,
      CASE WHEN r.accepted_at IS NOT NULL THEN extract(epoch FROM r.accepted_at - r.sent_at) / 86400 END AS accept_days,
      CASE WHEN r.accepted_at IS NOT NULL THEN ${businessDays(f.tenantId, sent, accepted)} END AS accept_bdays,
      CASE WHEN r.status = 'completed' THEN extract(epoch FROM r.closed_at - r.sent_at) / 86400 END AS complete_days,
      CASE WHEN r.status = 'completed' THEN ${businessDays(f.tenantId, sent, closed)} END AS complete_bdays
    FROM referral r
    WHERE ${sql.join(where, sql` AND `)}
  )`;
}

// Columns of `picked p`, qualified: organizations and services have a status of their own.
const COUNTS = sql`count(*)::int AS referred,
  count(*) FILTER (WHERE p.reached_accept)::int AS accepted,
  count(*) FILTER (WHERE p.reached_start)::int AS started,
  count(*) FILTER (WHERE p.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE p.status = 'declined')::int AS declined,
  count(*) FILTER (WHERE p.status = 'not_completed')::int AS not_completed,
  count(*) FILTER (WHERE p.status = 'sent')::int AS awaiting,
  count(*) FILTER (WHERE p.overdue)::int AS overdue`;

const pct = (p: number, col: string) =>
  sql`round(percentile_cont(${sql.lit(p)}) WITHIN GROUP (ORDER BY ${sql.ref(`p.${col}`)})::numeric, 1)`;
const TIMES = sql`count(p.accept_days)::int AS accept_n,
  ${pct(0.5, 'accept_days')} AS accept_median, ${pct(0.9, 'accept_days')} AS accept_p90,
  ${pct(0.5, 'accept_bdays')} AS accept_bmedian, ${pct(0.9, 'accept_bdays')} AS accept_bp90,
  count(p.complete_days)::int AS complete_n,
  ${pct(0.5, 'complete_days')} AS complete_median, ${pct(0.9, 'complete_days')} AS complete_p90,
  ${pct(0.5, 'complete_bdays')} AS complete_bmedian, ${pct(0.9, 'complete_bdays')} AS complete_bp90`;

export interface CountsRow {
  referred: number;
  accepted: number;
  started: number;
  completed: number;
  declined: number;
  not_completed: number;
  awaiting: number;
  overdue: number;
}
type Num = string | number | null;
export interface TimesRow {
  accept_n: number;
  accept_median: Num;
  accept_p90: Num;
  accept_bmedian: Num;
  accept_bp90: Num;
  complete_n: number;
  complete_median: Num;
  complete_p90: Num;
  complete_bmedian: Num;
  complete_bp90: Num;
}

export async function totals(db: Executor, f: ReportFilter) {
  const { rows } = await sql<CountsRow & TimesRow>`${scoped(f, true)} SELECT ${COUNTS}, ${TIMES} FROM picked p`.execute(db);
  return rows[0];
}

export async function byService(db: Executor, f: ReportFilter) {
  const { rows } = await sql<CountsRow & { id: string; name: string; organization_name: string }>`${scoped(f, true)}
    SELECT s.id, s.name, o.name AS organization_name, ${COUNTS}
    FROM picked p JOIN hsds_service s ON s.id = p.service_id JOIN organization o ON o.id = s.organization_id
    GROUP BY s.id, s.name, o.name
    ORDER BY referred DESC, s.name`.execute(db);
  return rows;
}

export async function byReceiver(db: Executor, f: ReportFilter) {
  const { rows } = await sql<CountsRow & TimesRow & { id: string; name: string }>`${scoped(f, true)}
    SELECT o.id, o.name, ${COUNTS}, ${TIMES}
    FROM picked p JOIN organization o ON o.id = p.receiving_organization_id
    GROUP BY o.id, o.name
    ORDER BY referred DESC, o.name`.execute(db);
  return rows;
}

export async function flows(db: Executor, f: ReportFilter) {
  const { rows } = await sql<{
    from_id: string | null;
    from_name: string | null;
    to_id: string;
    to_name: string;
    count: number;
  }>`${scoped(f, true)}
    SELECT s.id AS from_id, s.name AS from_name, o.id AS to_id, o.name AS to_name, count(*)::int AS count
    FROM picked p JOIN organization o ON o.id = p.receiving_organization_id
      LEFT JOIN organization s ON s.id = p.sender_organization_id
    GROUP BY s.id, s.name, o.id, o.name
    ORDER BY count DESC, from_name, to_name`.execute(db);
  return rows;
}

/** Organizations and services that appear in the caller's scope and period, whatever the other filters. */
export async function options(db: Executor, f: ReportFilter) {
  const { rows } = await sql<{ kind: 'organization' | 'service'; id: string; name: string }>`${scoped(f, false)}
    SELECT DISTINCT 'organization' AS kind, o.id, o.name FROM picked p
      JOIN organization o ON o.id IN (p.sender_organization_id, p.receiving_organization_id)
    UNION
    SELECT DISTINCT 'service' AS kind, s.id, s.name FROM picked p JOIN hsds_service s ON s.id = p.service_id
    ORDER BY kind, name`.execute(db);
  return rows;
}

/** Whether any of these organizations is the intermediary itself (its staff oversee the whole network). */
export async function isIntermediary(db: Executor, orgs: string[]) {
  if (orgs.length === 0) return false;
  const row = await db
    .selectFrom('organization')
    .select('id')
    .where('id', 'in', orgs)
    .where('kind', '=', 'intermediary')
    .executeTakeFirst();
  return !!row;
}
