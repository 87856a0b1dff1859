import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import type { JobOrder, JobOrderQuery, jobOrderBody, jobOrderPatch } from '../../../shared/schemas/employers.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { countyName, socTitle } from '../codes/codes.service.ts';
import { employerScope } from './employers.policy.ts';
import { livingWageMap } from './employers.queries.ts';
import { syncFill } from './job-orders.fill.ts';
import {
  employerOrganization,
  findJobOrder,
  insertJobOrder,
  type JobOrderRow,
  jobOrders,
  locationOf,
  updateJobOrder,
} from './job-orders.queries.ts';
import { jobQuality, REFERENCE_HOUSEHOLD } from './job-quality.rules.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (field: string, message: string, code = 'invalid') =>
  new AppError('validation_failed', message, [{ field, code, message }]);

export function presentJobOrder(r: JobOrderRow, livingWages: Map<string, number>): JobOrder {
  const hours = Number(r.hours_per_week);
  return {
    id: r.id,
    employer: { id: r.organization_id, name: r.employer_name },
    socCode: r.soc_code,
    socTitle: socTitle(r.soc_code),
    title: r.title,
    description: r.description,
    openings: r.openings,
    wageMinCents: r.wage_min_cents,
    wageMaxCents: r.wage_max_cents,
    hoursPerWeek: hours,
    shift: r.shift as JobOrder['shift'],
    schedule: r.schedule as JobOrder['schedule'],
    benefits: r.benefits as JobOrder['benefits'],
    advancementPathway: r.advancement_pathway,
    requiredCredentials: r.required_credentials,
    requiredSkills: r.required_skills,
    locationId: r.location_id,
    countyFips: r.county_fips,
    countyName: countyName(r.county_fips),
    workMode: r.work_mode as JobOrder['workMode'],
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    status: r.status as JobOrder['status'],
    // The bottom of the range is what every hire is sure to earn, so it is what the score judges.
    quality: jobQuality({
      hourlyWageCents: r.wage_min_cents,
      livingWageCents: livingWages.get(r.county_fips) ?? null,
      benefits: r.benefits,
      hoursPerWeek: hours,
      schedule: r.schedule,
      advancementPathway: r.advancement_pathway,
    }),
    referrals: Number(r.referrals),
    hires: Number(r.hires),
    createdAt: iso(r.created_at),
  };
}

export async function list(ctx: Context, query: JobOrderQuery): Promise<Page<JobOrder>> {
  return ctx.tx(async (tx) => {
    const lw = await livingWageMap(tx, REFERENCE_HOUSEHOLD);
    const page = await paginate(jobOrders(tx, { scope: employerScope(ctx.principal), ...query }), query.page, query.pageSize);
    return { ...page, items: page.items.map((r) => presentJobOrder(r, lw)) };
  });
}

/** The job order if the caller may see it (employer users: their own organization's only), else 404. */
export async function mustSeeJobOrder(ctx: Context, tx: Tx, id: string): Promise<JobOrderRow> {
  const row = await findJobOrder(tx, employerScope(ctx.principal), id);
  if (!row) throw notFound('job order');
  return row;
}

export async function get(ctx: Context, id: string): Promise<JobOrder> {
  return ctx.tx(async (tx) => presentJobOrder(await mustSeeJobOrder(ctx, tx, id), await livingWageMap(tx, REFERENCE_HOUSEHOLD)));
}

async function checkLocation(tx: Tx, organizationId: string, locationId: string | null | undefined, countyFips: string | undefined) {
  if (countyFips && !countyName(countyFips)) throw invalid('body.countyFips', 'Unknown county FIPS code.', 'unknown_code');
  if (locationId && !(await locationOf(tx, organizationId, locationId))) {
    throw invalid('body.locationId', 'No such location of this employer.', 'not_found');
  }
}

export async function create(ctx: Context, b: z.output<typeof jobOrderBody>): Promise<JobOrder> {
  const scope = employerScope(ctx.principal);
  // An employer user posts for their own organization; staff name the employer.
  const employerId = b.employerId ?? (scope?.length === 1 ? scope[0] : undefined);
  if (!employerId) throw invalid('body.employerId', 'Choose the employer.', 'required');
  if (!socTitle(b.socCode)) throw invalid('body.socCode', 'Unknown SOC 2018 code.', 'unknown_code');
  const id = randomUUID();
  await ctx.tx(async (tx) => {
    if ((scope && !scope.includes(employerId)) || !(await employerOrganization(tx, employerId))) {
      throw invalid('body.employerId', 'No such employer.', 'not_found');
    }
    await checkLocation(tx, employerId, b.locationId, b.countyFips);
    await insertJobOrder(tx, {
      id,
      tenant_id: ctx.tenantId,
      organization_id: employerId,
      soc_code: b.socCode,
      title: b.title,
      description: b.description ?? null,
      openings: b.openings,
      wage_min_cents: b.wageMinCents,
      wage_max_cents: b.wageMaxCents,
      hours_per_week: b.hoursPerWeek,
      shift: b.shift,
      schedule: b.schedule,
      benefits: b.benefits,
      advancement_pathway: b.advancementPathway,
      required_credentials: b.requiredCredentials,
      required_skills: b.requiredSkills,
      location_id: b.locationId ?? null,
      county_fips: b.countyFips,
      work_mode: b.workMode,
      opens_on: b.opensOn,
      closes_on: b.closesOn ?? null,
      status: b.status,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'job_order.created',
      entityType: 'job_order',
      entityId: id,
      details: { employerId, socCode: b.socCode },
    });
  });
  return get(ctx, id);
}

export async function update(ctx: Context, id: string, b: z.output<typeof jobOrderPatch>): Promise<JobOrder> {
  await ctx.tx(async (tx) => {
    const current = await mustSeeJobOrder(ctx, tx, id);
    if (b.socCode && !socTitle(b.socCode)) throw invalid('body.socCode', 'Unknown SOC 2018 code.', 'unknown_code');
    await checkLocation(tx, current.organization_id, b.locationId, b.countyFips);
    const wageMin = b.wageMinCents ?? current.wage_min_cents;
    const wageMax = b.wageMaxCents ?? current.wage_max_cents;
    if (wageMax < wageMin) throw invalid('body.wageMaxCents', 'The top of the range is below its bottom.');
    const opens = b.opensOn ?? current.opens_on;
    const closes = b.closesOn === undefined ? current.closes_on : b.closesOn;
    if (closes && closes < opens) throw invalid('body.closesOn', 'The order closes before it opens.');
    const map: Record<string, string> = {
      socCode: 'soc_code',
      title: 'title',
      description: 'description',
      openings: 'openings',
      wageMinCents: 'wage_min_cents',
      wageMaxCents: 'wage_max_cents',
      hoursPerWeek: 'hours_per_week',
      shift: 'shift',
      schedule: 'schedule',
      benefits: 'benefits',
      advancementPathway: 'advancement_pathway',
      requiredCredentials: 'required_credentials',
      requiredSkills: 'required_skills',
      locationId: 'location_id',
      countyFips: 'county_fips',
      workMode: 'work_mode',
      opensOn: 'opens_on',
      closesOn: 'closes_on',
      status: 'status',
    };
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b)) if (v !== undefined && map[k]) patch[map[k]] = v;
    // A status someone sets is theirs: the sync never undoes it.
    if (b.status !== undefined) patch.status_set_by = 'user';
    await updateJobOrder(tx, id, patch);
    await ctx.audit(tx, { action: 'job_order.updated', entityType: 'job_order', entityId: id, details: { fields: Object.keys(b) } });
    // Fewer openings can fill an order, more can reopen one the hires filled.
    if (b.openings !== undefined && b.status === undefined) await syncFill(ctx, tx, id);
  });
  return get(ctx, id);
}
