import type { ReferralCounts, ReferralDuration, ReferralReport, ReferralReportQuery } from '../../../shared/schemas/referral-reports.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Context } from '../../platform/http.ts';
import { orgsOf } from './referrals.policy.ts';
import { reportScope } from './referrals.reports.policy.ts';
import * as q from './referrals.reports.queries.ts';

// Referral reports: the funnel, times to accept and to complete, completion rates, overdue now and the
// flows between organizations, for the period and filters asked, in the caller's scope.

const todayIso = () => new Date().toISOString().slice(0, 10);
function yearBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const num = (v: string | number | null) => (v === null ? null : Number(v));

function counts(r: q.CountsRow): ReferralCounts {
  const closed = r.completed + r.not_completed + r.declined;
  return {
    referred: r.referred,
    accepted: r.accepted,
    started: r.started,
    completed: r.completed,
    declined: r.declined,
    notCompleted: r.not_completed,
    awaiting: r.awaiting,
    overdue: r.overdue,
    completionRate: closed === 0 ? null : Math.round((r.completed / closed) * 1000) / 10,
  };
}

function times(r: q.TimesRow): { toAccept: ReferralDuration; toComplete: ReferralDuration } {
  return {
    toAccept: {
      n: r.accept_n,
      medianDays: num(r.accept_median),
      p90Days: num(r.accept_p90),
      medianBusinessDays: num(r.accept_bmedian),
      p90BusinessDays: num(r.accept_bp90),
    },
    toComplete: {
      n: r.complete_n,
      medianDays: num(r.complete_median),
      p90Days: num(r.complete_p90),
      medianBusinessDays: num(r.complete_bmedian),
      p90BusinessDays: num(r.complete_bp90),
    },
  };
}

export async function report(ctx: Context, query: ReferralReportQuery): Promise<ReferralReport> {
  const to = query.to ?? todayIso();
  const from = query.from ?? yearBefore(to);
  return ctx.tx(async (tx) => {
    const own = orgsOf(ctx.principal);
    const orgs = reportScope(ctx.principal, await q.isIntermediary(tx, own));
    const f: q.ReportFilter = {
      tenantId: ctx.tenantId,
      from,
      to,
      today: todayIso(),
      orgs,
      organizationId: query.organizationId,
      serviceId: query.serviceId,
      initiativeId: query.initiativeId,
    };
    const total = await q.totals(tx, f);
    const services = await q.byService(tx, f);
    const receivers = await q.byReceiver(tx, f);
    const flows = await q.flows(tx, f);
    const options = await q.options(tx, f);
    return {
      scope: orgs === null ? 'all' : 'own',
      from,
      to,
      totals: counts(total),
      times: times(total),
      byService: services.map((s) => ({ id: s.id, name: s.name, organizationName: s.organization_name, ...counts(s) })),
      byOrganization: receivers.map((o) => ({ id: o.id, name: o.name, ...counts(o), ...times(o) })),
      flows: flows.map((l) => ({
        from: { id: l.from_id, name: l.from_name ?? 'Self-referral' },
        to: { id: l.to_id, name: l.to_name },
        count: l.count,
      })),
      options: {
        organizations: options.filter((o) => o.kind === 'organization').map(({ id, name }) => ({ id, name })),
        services: options.filter((o) => o.kind === 'service').map(({ id, name }) => ({ id, name })),
      },
    };
  });
}

const CSV_HEADER = [
  'organization',
  'referred',
  'accepted',
  'started',
  'completed',
  'declined',
  'not_completed',
  'awaiting',
  'overdue_now',
  'completion_rate_percent',
  'median_days_to_accept',
  'median_business_days_to_accept',
  'median_days_to_complete',
  'median_business_days_to_complete',
];

/** The completion-rate-by-organization table as CSV, for the same filters. */
export async function organizationsCsv(ctx: Context, query: ReferralReportQuery): Promise<{ filename: string; csv: string }> {
  const r = await report(ctx, query);
  const rows = r.byOrganization.map((o) => [
    o.name,
    o.referred,
    o.accepted,
    o.started,
    o.completed,
    o.declined,
    o.notCompleted,
    o.awaiting,
    o.overdue,
    o.completionRate,
    o.toAccept.medianDays,
    o.toAccept.medianBusinessDays,
    o.toComplete.medianDays,
    o.toComplete.medianBusinessDays,
  ]);
  return { filename: `referrals-by-organization-${r.from}-to-${r.to}.csv`, csv: toCsv(CSV_HEADER, rows) };
}
