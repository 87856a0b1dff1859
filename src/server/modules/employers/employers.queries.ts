import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type {
  CommitmentTable,
  ContactTable,
  EmployerLocationTable,
  EmployerProfileTable,
  EmployerServiceTable,
  InteractionTable,
} from '../../db/types.demand.ts';
import { whereOrganizationInInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';

// Employers are organizations of kind employer; the profile row is optional until someone edits it.

export function employers(db: Executor, filter: { q?: string; partnershipRole?: string; ownerId?: string; initiativeId?: string }) {
  let q = db
    .selectFrom('organization')
    .leftJoin('employer_profile', 'employer_profile.organization_id', 'organization.id')
    .leftJoin('user as owner', 'owner.id', 'employer_profile.account_owner_user_id')
    .where('organization.kind', '=', 'employer')
    .select([
      'organization.id',
      'organization.name',
      'organization.naics',
      'organization.ein',
      'organization.county_fips',
      'employer_profile.size_band',
      'employer_profile.ui_account',
      'employer_profile.partnership_role',
      'employer_profile.notes',
      'employer_profile.account_owner_user_id',
      'owner.name as owner_name',
    ])
    .select([
      sql<number>`(SELECT count(*) FROM job_order j WHERE j.organization_id = organization.id AND j.status = 'open')`.as('open_job_orders'),
      sql<string | null>`(SELECT max(i.occurred_on)::text FROM interaction i WHERE i.organization_id = organization.id)`.as(
        'last_interaction_on',
      ),
    ]);
  if (filter.q) q = q.where('organization.name', 'ilike', likePattern(filter.q));
  q = whereOrganizationInInitiative(q, 'organization.id', filter.initiativeId);
  if (filter.partnershipRole) {
    q =
      filter.partnershipRole === 'prospect'
        ? q.where((eb) =>
            eb.or([eb('employer_profile.partnership_role', '=', 'prospect'), eb('employer_profile.partnership_role', 'is', null)]),
          )
        : q.where('employer_profile.partnership_role', '=', filter.partnershipRole);
  }
  if (filter.ownerId) q = q.where('employer_profile.account_owner_user_id', '=', filter.ownerId);
  return q.orderBy('organization.name').orderBy('organization.id');
}
export type EmployerRow = Awaited<ReturnType<ReturnType<typeof employers>['execute']>>[number];

export function findEmployer(db: Executor, id: string) {
  return employers(db, {}).where('organization.id', '=', id).executeTakeFirst();
}

export async function upsertProfile(db: Executor, row: Insertable<EmployerProfileTable>, patch: Updateable<EmployerProfileTable>) {
  await db
    .insertInto('employer_profile')
    .values(row)
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ ...patch, updated_at: new Date() }))
    .execute();
}

export async function updateOrganizationCodes(db: Executor, id: string, patch: { naics?: string | null; ein?: string | null }) {
  if (Object.keys(patch).length === 0) return;
  await db
    .updateTable('organization')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function userExists(db: Executor, id: string) {
  return db.selectFrom('user').select('id').where('id', '=', id).executeTakeFirst();
}

export function locationsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('employer_location')
    .select(['id', 'organization_id', 'name', 'address_line1', 'city', 'state_code', 'postal_code', 'county_fips'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
export async function insertLocation(db: Executor, row: Insertable<EmployerLocationTable>) {
  await db.insertInto('employer_location').values(row).execute();
}

export function findLocation(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('employer_location')
    .select(['id'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function updateLocation(db: Executor, id: string, patch: Updateable<EmployerLocationTable>) {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('employer_location').set(patch).where('id', '=', id).execute();
}
/** Job orders posted at a location: while any does, the location stays (they name it). */
export async function jobOrdersAtLocation(db: Executor, id: string): Promise<number> {
  const r = await db
    .selectFrom('job_order')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('location_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function deleteLocation(db: Executor, id: string) {
  await db.deleteFrom('employer_location').where('id', '=', id).execute();
}

export function contactsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('contact')
    .select(['id', 'organization_id', 'name', 'title', 'email', 'phone', 'roles', 'is_primary', 'active', 'preferred_language'])
    .where('organization_id', '=', organizationId)
    .orderBy('is_primary', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}
export type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number];
export function findContact(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('contact')
    .select(['id', 'organization_id', 'name', 'title', 'email', 'phone', 'roles', 'is_primary', 'active', 'preferred_language'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function insertContact(db: Executor, row: Insertable<ContactTable>) {
  await db.insertInto('contact').values(row).execute();
}
export async function updateContact(db: Executor, id: string, patch: Updateable<ContactTable>) {
  await db
    .updateTable('contact')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

function interactions(db: Executor) {
  return db
    .selectFrom('interaction')
    .leftJoin('contact', 'contact.id', 'interaction.contact_id')
    .leftJoin('user as staff', 'staff.id', 'interaction.staff_user_id')
    .select([
      'interaction.id',
      'interaction.organization_id',
      'interaction.contact_id',
      'contact.name as contact_name',
      'interaction.kind',
      'interaction.occurred_on',
      'interaction.summary',
      'interaction.staff_user_id',
      'staff.name as staff_name',
      'interaction.follow_up_on',
      'interaction.follow_up_note',
      'interaction.follow_up_done_at',
    ]);
}
export type InteractionRow = Awaited<ReturnType<ReturnType<typeof interactions>['execute']>>[number];
export function interactionsOf(db: Executor, organizationId: string, limit: number) {
  return interactions(db)
    .where('interaction.organization_id', '=', organizationId)
    .orderBy('interaction.occurred_on', 'desc')
    .orderBy('interaction.id')
    .limit(limit)
    .execute();
}
export function findInteraction(db: Executor, organizationId: string, id: string) {
  return interactions(db).where('interaction.organization_id', '=', organizationId).where('interaction.id', '=', id).executeTakeFirst();
}
export async function insertInteraction(db: Executor, row: Insertable<InteractionTable>) {
  await db.insertInto('interaction').values(row).execute();
}
export async function setFollowUpDone(db: Executor, id: string, done: boolean) {
  await db
    .updateTable('interaction')
    .set({ follow_up_done_at: done ? new Date() : null })
    .where('id', '=', id)
    .execute();
}

/** Open follow-ups owned by a user, due within the horizon (home page tasks). */
export function followUpsDue(db: Executor, userId: string, until: string) {
  return db
    .selectFrom('interaction')
    .innerJoin('organization', 'organization.id', 'interaction.organization_id')
    .select(['interaction.id', 'interaction.organization_id', 'organization.name', 'interaction.follow_up_on'])
    .where('interaction.staff_user_id', '=', userId)
    .where('interaction.follow_up_done_at', 'is', null)
    .where('interaction.follow_up_on', 'is not', null)
    .where('interaction.follow_up_on', '<=', until)
    .orderBy('interaction.follow_up_on')
    .orderBy('interaction.id')
    .limit(20)
    .execute();
}

export function servicesOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('employer_service')
    .leftJoin('user as staff', 'staff.id', 'employer_service.staff_user_id')
    .select([
      'employer_service.id',
      'employer_service.organization_id',
      'employer_service.kind',
      'employer_service.service_date',
      'employer_service.staff_user_id',
      'staff.name as staff_name',
      'employer_service.cost_cents',
      'employer_service.description',
    ])
    .where('employer_service.organization_id', '=', organizationId)
    .orderBy('employer_service.service_date', 'desc')
    .orderBy('employer_service.id')
    .execute();
}
export type ServiceRow = Awaited<ReturnType<typeof servicesOf>>[number];
export async function insertService(db: Executor, row: Insertable<EmployerServiceTable>) {
  await db.insertInto('employer_service').values(row).execute();
}

export function commitmentsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('commitment')
    .select(['id', 'organization_id', 'kind', 'description', 'target_quantity', 'due_on'])
    .select(
      sql<{ id: string; fulfilled_on: string; quantity: number; note: string | null }[]>`coalesce((
        SELECT json_agg(json_build_object('id', f.id, 'fulfilled_on', f.fulfilled_on, 'quantity', f.quantity, 'note', f.note)
          ORDER BY f.fulfilled_on, f.id)
        FROM commitment_fulfilment f WHERE f.commitment_id = commitment.id), '[]'::json)`.as('fulfilments'),
    )
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type CommitmentRow = Awaited<ReturnType<typeof commitmentsOf>>[number];
export function findCommitment(db: Executor, organizationId: string, id: string) {
  return db.selectFrom('commitment').select('id').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}
export async function insertCommitment(db: Executor, row: Insertable<CommitmentTable>) {
  await db.insertInto('commitment').values(row).execute();
}
export async function insertFulfilment(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    commitment_id: string;
    fulfilled_on: string;
    quantity: number;
    note: string | null;
    created_by: string;
  },
) {
  await db.insertInto('commitment_fulfilment').values(row).execute();
}

export function livingWages(db: Executor) {
  return db
    .selectFrom('living_wage')
    .select(['county_fips', 'household_type', 'hourly_cents', 'source', 'updated_at'])
    .orderBy('county_fips')
    .orderBy('household_type')
    .execute();
}
export async function upsertLivingWage(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    county_fips: string;
    household_type: string;
    hourly_cents: number;
    source: string | null;
    updated_by: string | null;
  },
) {
  await db
    .insertInto('living_wage')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'county_fips', 'household_type'])
        .doUpdateSet({ hourly_cents: row.hourly_cents, source: row.source, updated_by: row.updated_by, updated_at: new Date() }),
    )
    .execute();
}
/** The reference household's living wage by county. */
export async function livingWageMap(db: Executor, householdType: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('living_wage')
    .select(['county_fips', 'hourly_cents'])
    .where('household_type', '=', householdType)
    .execute();
  return new Map(rows.map((r) => [r.county_fips, r.hourly_cents]));
}
