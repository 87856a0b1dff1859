import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { JobOrderTable } from '../../db/types.demand.ts';
import { whereOrganizationInInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';

const COLUMNS = [
  'job_order.id',
  'job_order.organization_id',
  'job_order.soc_code',
  'job_order.title',
  'job_order.description',
  'job_order.openings',
  'job_order.wage_min_cents',
  'job_order.wage_max_cents',
  'job_order.hours_per_week',
  'job_order.shift',
  'job_order.schedule',
  'job_order.benefits',
  'job_order.advancement_pathway',
  'job_order.required_credentials',
  'job_order.required_skills',
  'job_order.location_id',
  'job_order.county_fips',
  'job_order.work_mode',
  'job_order.opens_on',
  'job_order.closes_on',
  'job_order.status',
  'job_order.created_at',
] as const;

export function jobOrders(
  db: Executor,
  filter: { scope: string[] | null; employerId?: string; status?: string; socCode?: string; q?: string; initiativeId?: string },
) {
  let q = db
    .selectFrom('job_order')
    .innerJoin('organization', 'organization.id', 'job_order.organization_id')
    .select(COLUMNS)
    .select('organization.name as employer_name')
    .select([
      sql<number>`(SELECT count(*) FROM candidate_referral r WHERE r.job_order_id = job_order.id)`.as('referrals'),
      sql<number>`(SELECT count(*) FROM candidate_referral r WHERE r.job_order_id = job_order.id AND r.status = 'hired')`.as('hires'),
    ]);
  if (filter.scope) {
    if (filter.scope.length === 0) return q.where(sql<boolean>`false`).orderBy('job_order.id');
    q = q.where('job_order.organization_id', 'in', filter.scope);
  }
  if (filter.employerId) q = q.where('job_order.organization_id', '=', filter.employerId);
  if (filter.status) q = q.where('job_order.status', '=', filter.status);
  if (filter.socCode) q = q.where('job_order.soc_code', '=', filter.socCode);
  q = whereOrganizationInInitiative(q, 'job_order.organization_id', filter.initiativeId);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        eb('job_order.title', 'ilike', likePattern(filter.q as string)),
        eb('organization.name', 'ilike', likePattern(filter.q as string)),
      ]),
    );
  return q.orderBy('job_order.opens_on', 'desc').orderBy('job_order.id');
}
export type JobOrderRow = Awaited<ReturnType<ReturnType<typeof jobOrders>['execute']>>[number];

export function findJobOrder(db: Executor, scope: string[] | null, id: string) {
  return jobOrders(db, { scope }).where('job_order.id', '=', id).executeTakeFirst();
}

export async function insertJobOrder(db: Executor, row: Insertable<JobOrderTable>) {
  await db.insertInto('job_order').values(row).execute();
}
export async function updateJobOrder(db: Executor, id: string, patch: Updateable<JobOrderTable>) {
  await db
    .updateTable('job_order')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function employerOrganization(db: Executor, id: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'ein', 'naics'])
    .where('id', '=', id)
    .where('kind', '=', 'employer')
    .executeTakeFirst();
}
export function locationOf(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('employer_location')
    .select(['id', 'county_fips'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What the fill sync needs: status, who set it, openings and hires so far. Locked against a racing hire. */
export function fillState(db: Executor, id: string) {
  return db
    .selectFrom('job_order')
    .select(['id', 'organization_id', 'status', 'status_set_by', 'openings', 'closes_on'])
    .select(sql<number>`(SELECT count(*) FROM candidate_referral r WHERE r.job_order_id = job_order.id AND r.status = 'hired')`.as('hires'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
export async function setStatus(db: Executor, id: string, status: string, setBy: 'user' | 'hires' | 'closing_date') {
  await db.updateTable('job_order').set({ status, status_set_by: setBy, updated_at: new Date() }).where('id', '=', id).execute();
}
/** Open job orders whose closing date is before `today`: the upkeep closes them. */
export async function closeExpired(db: Executor, today: string) {
  return db
    .updateTable('job_order')
    .set({ status: 'closed', status_set_by: 'closing_date', updated_at: new Date() })
    .where('status', '=', 'open')
    .where('closes_on', '<', today)
    .returning(['id', 'organization_id', 'closes_on'])
    .execute();
}
