import type { DashboardWindow, EmployerDashboard, EmployerDashboardQuery, QualityAggregates } from '../../../shared/schemas/employers.ts';
import type { Ops } from '../../platform/http.ts';
import { socTitle } from '../codes/codes.service.ts';
import { fillTrend, orderFlows, orderQualityGroups, placementGroups, servedAndRepeat } from './employer-dashboard.queries.ts';
import { livingWageMap } from './employers.queries.ts';
import { jobQuality, REFERENCE_HOUSEHOLD } from './job-quality.rules.ts';

// Openings vs referrals vs hires by employer and occupation, a quarterly fill trend, employers served
// and placement quality (issue 4); the job quality of the same job orders by employer and occupation.
// The counting happens in employer-dashboard.queries.ts.

const TREND_QUARTERS = 8;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The first day of the quarter `back` quarters before the one `d` falls in. */
const quarterStart = (d: Date, back = 0) => new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 - back * 3, 1));
const monthEnd = (start: Date, months: number) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 0));

/** The dates a window covers as of `now` (UTC). A program year runs from 1 July to 30 June. */
export function dashboardWindow(key: DashboardWindow, now: Date): { from: string; to: string } {
  const q = quarterStart(now);
  if (key === 'this_quarter') return { from: day(q), to: day(monthEnd(q, 3)) };
  if (key === 'last_4_quarters') return { from: day(quarterStart(now, 3)), to: day(monthEnd(q, 3)) };
  const year = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { from: `${year}-07-01`, to: `${year + 1}-06-30` };
}

export async function dashboard(ops: Ops, query: EmployerDashboardQuery, now = new Date()): Promise<EmployerDashboard> {
  const { window: key, initiativeId } = query;
  const window = dashboardWindow(key, now);
  const quarter = dashboardWindow('this_quarter', now);
  const scope = { ...window, initiativeId };
  return ops.tx(async (tx) => {
    const flows = await orderFlows(tx, scope);
    const trend = await fillTrend(tx, { from: day(quarterStart(now, TREND_QUARTERS - 1)), to: quarter.from, initiativeId });
    const counts = await servedAndRepeat(tx, quarter.from, quarter.to, initiativeId);
    const lw = await livingWageMap(tx, REFERENCE_HOUSEHOLD);
    const placementQuality = { high: 0, moderate: 0, low: 0, unscored: 0 };
    for (const p of await placementGroups(tx, scope)) {
      if (p.hourly_wage_cents === null) {
        placementQuality.unscored += p.n;
        continue;
      }
      const q = jobQuality({
        hourlyWageCents: p.hourly_wage_cents,
        livingWageCents: p.county_fips ? (lw.get(p.county_fips) ?? null) : null,
        benefits: p.benefits,
        hoursPerWeek: p.hours_per_week === null ? null : Number(p.hours_per_week),
        schedule: p.schedule,
        advancementPathway: p.advancement_pathway,
      });
      placementQuality[q.band] += p.n;
    }
    return {
      window: { key, ...window },
      totals: flows.totals,
      byEmployer: flows.byEmployer,
      byOccupation: flows.byOccupation.map((r) => ({ ...r, title: socTitle(r.socCode) })),
      trend,
      servedThisQuarter: counts.served,
      repeatEmployers: counts.repeat,
      quarter: `${quarter.from.slice(0, 4)}-Q${Math.floor(Number(quarter.from.slice(5, 7)) / 3) + 1}`,
      placementQuality,
    };
  });
}

/**
 * The job quality of the job orders the dashboard counts for the same filters (those orderFlows counts), by
 * employer and by occupation: orders, positions, the average score of the orders and how many fall in each band.
 */
export async function qualityAggregates(ops: Ops, query: EmployerDashboardQuery, now = new Date()): Promise<QualityAggregates> {
  const window = dashboardWindow(query.window, now);
  return ops.tx(async (tx) => {
    const lw = await livingWageMap(tx, REFERENCE_HOUSEHOLD);
    const groups = { byEmployer: new Map<string, Agg>(), byOccupation: new Map<string, Agg>() };
    for (const r of await orderQualityGroups(tx, { ...window, initiativeId: query.initiativeId })) {
      const q = jobQuality({
        hourlyWageCents: r.wage_min_cents,
        livingWageCents: lw.get(r.county_fips) ?? null,
        benefits: r.benefits,
        hoursPerWeek: Number(r.hours_per_week),
        schedule: r.schedule,
        advancementPathway: r.advancement_pathway,
      });
      const counted = { score: q.score, band: q.band, orders: r.orders, openings: r.openings };
      add(groups.byEmployer, r.organization_id, r.name, counted);
      add(groups.byOccupation, r.soc_code, socTitle(r.soc_code), counted);
    }
    return { window: { key: query.window, ...window }, byEmployer: finish(groups.byEmployer), byOccupation: finish(groups.byOccupation) };
  });
}

interface Agg {
  key: string;
  label: string | null;
  jobOrders: number;
  openings: number;
  sum: number;
  high: number;
  moderate: number;
  low: number;
}
/** Adds `orders` job orders that share one score. */
function add(
  map: Map<string, Agg>,
  key: string,
  label: string | null,
  c: { score: number; band: 'high' | 'moderate' | 'low'; orders: number; openings: number },
) {
  let a = map.get(key);
  if (!a) {
    a = { key, label, jobOrders: 0, openings: 0, sum: 0, high: 0, moderate: 0, low: 0 };
    map.set(key, a);
  }
  a.jobOrders += c.orders;
  a.openings += c.openings;
  a.sum += c.score * c.orders;
  a[c.band] += c.orders;
}
const finish = (map: Map<string, Agg>) =>
  [...map.values()]
    .map(({ sum, ...a }) => ({ ...a, averageScore: a.jobOrders ? Math.round((sum / a.jobOrders) * 10) / 10 : null }))
    .sort((x, y) => (y.averageScore ?? 0) - (x.averageScore ?? 0) || x.key.localeCompare(y.key));
