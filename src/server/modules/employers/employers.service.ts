import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  Commitment,
  Contact,
  commitmentBody,
  contactBody,
  contactPatch,
  EmployerDetail,
  EmployerProfileBody,
  EmployerQuery,
  EmployerService,
  EmployerSummary,
  employerServiceBody,
  fulfilmentBody,
  Interaction,
  interactionBody,
  LivingWage,
  LivingWageBody,
  LocationBody,
  LocationPatch,
} from '../../../shared/schemas/employers.ts';
import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { countyName, naicsTitle } from '../codes/codes.service.ts';
import {
  type CommitmentRow,
  type ContactRow,
  commitmentsOf,
  contactsOf,
  deleteLocation,
  type EmployerRow,
  employers,
  findCommitment,
  findContact,
  findEmployer,
  findInteraction,
  findLocation,
  followUpsDue,
  type InteractionRow,
  insertCommitment,
  insertContact,
  insertFulfilment,
  insertInteraction,
  insertLocation,
  insertService,
  interactionsOf,
  jobOrdersAtLocation,
  livingWages,
  locationsOf,
  type ServiceRow,
  servicesOf,
  setFollowUpDone,
  updateContact,
  updateLocation,
  updateOrganizationCodes,
  upsertLivingWage,
  upsertProfile,
  userExists,
} from './employers.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (field: string, message: string, code = 'invalid') =>
  new AppError('validation_failed', message, [{ field, code, message }]);

function presentSummary(r: EmployerRow): EmployerSummary {
  return {
    id: r.id,
    name: r.name,
    naics: r.naics,
    naicsTitle: naicsTitle(r.naics),
    sizeBand: r.size_band as EmployerSummary['sizeBand'],
    partnershipRole: (r.partnership_role ?? 'prospect') as EmployerSummary['partnershipRole'],
    accountOwner: r.account_owner_user_id ? { id: r.account_owner_user_id, name: r.owner_name ?? '' } : null,
    openJobOrders: Number(r.open_job_orders),
    lastInteractionOn: r.last_interaction_on,
  };
}

export async function list(ctx: Context, query: EmployerQuery): Promise<Page<EmployerSummary>> {
  const page = await ctx.tx((tx) => paginate(employers(tx, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentSummary) };
}

async function mustEmployer(tx: Tx, id: string): Promise<EmployerRow> {
  const row = await findEmployer(tx, id);
  if (!row) throw notFound('employer');
  return row;
}

export async function detail(ctx: Context, id: string): Promise<EmployerDetail> {
  return ctx.tx(async (tx) => {
    const r = await mustEmployer(tx, id);
    const locations = await locationsOf(tx, id);
    return {
      ...presentSummary(r),
      fein: r.ein,
      uiAccount: r.ui_account,
      countyFips: r.county_fips,
      notes: r.notes,
      locations: locations.map((l) => ({
        id: l.id,
        name: l.name,
        addressLine1: l.address_line1,
        city: l.city,
        stateCode: l.state_code,
        postalCode: l.postal_code,
        countyFips: l.county_fips,
        countyName: countyName(l.county_fips),
      })),
    };
  });
}

export async function updateProfile(ctx: Context, id: string, b: EmployerProfileBody): Promise<EmployerDetail> {
  await ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (b.naics && !naicsTitle(b.naics)) throw invalid('body.naics', 'Unknown NAICS 2022 code.', 'unknown_code');
    if (b.accountOwnerId && !(await userExists(tx, b.accountOwnerId))) throw invalid('body.accountOwnerId', 'No such user.', 'not_found');
    const codes: { naics?: string | null; ein?: string | null } = {};
    if (b.naics !== undefined) codes.naics = b.naics;
    if (b.fein !== undefined) codes.ein = b.fein;
    await updateOrganizationCodes(tx, id, codes);
    const patch = {
      ...(b.sizeBand !== undefined ? { size_band: b.sizeBand } : {}),
      ...(b.uiAccount !== undefined ? { ui_account: b.uiAccount } : {}),
      ...(b.partnershipRole !== undefined ? { partnership_role: b.partnershipRole } : {}),
      ...(b.accountOwnerId !== undefined ? { account_owner_user_id: b.accountOwnerId } : {}),
      ...(b.notes !== undefined ? { notes: b.notes } : {}),
    };
    await upsertProfile(tx, { organization_id: id, tenant_id: ctx.tenantId, ...patch }, patch);
    await ctx.audit(tx, {
      action: 'employer.profile_updated',
      entityType: 'organization',
      entityId: id,
      details: { fields: Object.keys(b) },
    });
  });
  return detail(ctx, id);
}

export async function addLocation(ctx: Context, id: string, b: LocationBody): Promise<EmployerDetail> {
  await ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (!countyName(b.countyFips)) throw invalid('body.countyFips', 'Unknown county FIPS code.', 'unknown_code');
    const locationId = randomUUID();
    await insertLocation(tx, {
      id: locationId,
      tenant_id: ctx.tenantId,
      organization_id: id,
      name: b.name,
      address_line1: b.addressLine1 ?? null,
      city: b.city ?? null,
      state_code: b.stateCode ?? null,
      postal_code: b.postalCode ?? null,
      county_fips: b.countyFips,
    });
    await ctx.audit(tx, { action: 'employer.location_added', entityType: 'organization', entityId: id, details: { locationId } });
  });
  return detail(ctx, id);
}

export async function changeLocation(ctx: Context, id: string, locationId: string, b: LocationPatch): Promise<EmployerDetail> {
  await ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (!(await findLocation(tx, id, locationId))) throw notFound('location');
    if (b.countyFips !== undefined && !countyName(b.countyFips)) {
      throw invalid('body.countyFips', 'Unknown county FIPS code.', 'unknown_code');
    }
    const map = {
      name: 'name',
      addressLine1: 'address_line1',
      city: 'city',
      stateCode: 'state_code',
      postalCode: 'postal_code',
      countyFips: 'county_fips',
    } as const;
    const patch: Record<string, unknown> = {};
    for (const [k, column] of Object.entries(map)) {
      const v = b[k as keyof LocationPatch];
      if (v !== undefined) patch[column] = v;
    }
    await updateLocation(tx, locationId, patch);
    await ctx.audit(tx, {
      action: 'employer.location_changed',
      entityType: 'organization',
      entityId: id,
      details: { locationId, fields: Object.keys(b) },
    });
  });
  return detail(ctx, id);
}

export async function removeLocation(ctx: Context, id: string, locationId: string): Promise<EmployerDetail> {
  await ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (!(await findLocation(tx, id, locationId))) throw notFound('location');
    const jobs = await jobOrdersAtLocation(tx, locationId);
    if (jobs > 0) {
      const message = `${jobs} job order${jobs === 1 ? '' : 's'} name this location: move them to another location first.`;
      throw new AppError('conflict', message, [{ field: 'params.childId', code: 'location_in_use', message }]);
    }
    await deleteLocation(tx, locationId);
    await ctx.audit(tx, { action: 'employer.location_removed', entityType: 'organization', entityId: id, details: { locationId } });
  });
  return detail(ctx, id);
}

// ---- Contacts

const presentContact = (r: ContactRow): Contact => ({
  id: r.id,
  organizationId: r.organization_id,
  name: r.name,
  title: r.title,
  email: r.email,
  phone: r.phone,
  roles: r.roles as Contact['roles'],
  isPrimary: r.is_primary,
  active: r.active,
  preferredLanguage: r.preferred_language,
});

export async function contacts(ctx: Context, id: string): Promise<Contact[]> {
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    return (await contactsOf(tx, id)).map(presentContact);
  });
}

export async function addContact(ctx: Context, id: string, b: z.output<typeof contactBody>): Promise<Contact> {
  const contactId = randomUUID();
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    await insertContact(tx, {
      id: contactId,
      tenant_id: ctx.tenantId,
      organization_id: id,
      name: b.name,
      title: b.title ?? null,
      email: b.email ?? null,
      phone: b.phone ?? null,
      roles: b.roles,
      is_primary: b.isPrimary,
      preferred_language: b.preferredLanguage,
    });
    await ctx.audit(tx, { action: 'contact.created', entityType: 'contact', entityId: contactId, details: { organizationId: id } });
    return presentContact((await findContact(tx, id, contactId)) as ContactRow);
  });
}

export async function changeContact(ctx: Context, id: string, contactId: string, b: z.output<typeof contactPatch>): Promise<Contact> {
  return ctx.tx(async (tx) => {
    if (!(await findContact(tx, id, contactId))) throw notFound('contact');
    await updateContact(tx, contactId, {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.email !== undefined ? { email: b.email } : {}),
      ...(b.phone !== undefined ? { phone: b.phone } : {}),
      ...(b.roles !== undefined ? { roles: b.roles } : {}),
      ...(b.isPrimary !== undefined ? { is_primary: b.isPrimary } : {}),
      ...(b.active !== undefined ? { active: b.active } : {}),
      ...(b.preferredLanguage !== undefined ? { preferred_language: b.preferredLanguage } : {}),
    });
    await ctx.audit(tx, { action: 'contact.updated', entityType: 'contact', entityId: contactId, details: { fields: Object.keys(b) } });
    return presentContact((await findContact(tx, id, contactId)) as ContactRow);
  });
}

// ---- Interactions and their follow-ups

const presentInteraction = (r: InteractionRow): Interaction => ({
  id: r.id,
  organizationId: r.organization_id,
  contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? '' } : null,
  kind: r.kind,
  occurredOn: r.occurred_on,
  summary: r.summary,
  staff: r.staff_user_id ? { id: r.staff_user_id, name: r.staff_name ?? '' } : null,
  followUpOn: r.follow_up_on,
  followUpNote: r.follow_up_note,
  followUpDoneAt: r.follow_up_done_at ? iso(r.follow_up_done_at) : null,
});

export async function interactions(ctx: Context, id: string): Promise<Interaction[]> {
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    return (await interactionsOf(tx, id, 200)).map(presentInteraction);
  });
}

export async function logInteraction(ctx: Context, id: string, b: z.output<typeof interactionBody>): Promise<Interaction> {
  const interactionId = randomUUID();
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (b.contactId && !(await findContact(tx, id, b.contactId)))
      throw invalid('body.contactId', 'No such contact at this employer.', 'not_found');
    if (b.staffUserId && !(await userExists(tx, b.staffUserId))) throw invalid('body.staffUserId', 'No such user.', 'not_found');
    if (b.followUpOn && b.followUpOn < b.occurredOn) throw invalid('body.followUpOn', 'The follow-up is due before the interaction.');
    await insertInteraction(tx, {
      id: interactionId,
      tenant_id: ctx.tenantId,
      organization_id: id,
      contact_id: b.contactId ?? null,
      kind: b.kind,
      occurred_on: b.occurredOn,
      summary: b.summary,
      staff_user_id: b.staffUserId ?? ctx.principal.userId,
      follow_up_on: b.followUpOn ?? null,
      follow_up_note: b.followUpNote ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'interaction.logged',
      entityType: 'organization',
      entityId: id,
      details: { interactionId, kind: b.kind },
    });
    return presentInteraction((await findInteraction(tx, id, interactionId)) as InteractionRow);
  });
}

export async function markFollowUp(ctx: Context, id: string, interactionId: string, done: boolean): Promise<Interaction> {
  return ctx.tx(async (tx) => {
    if (!(await findInteraction(tx, id, interactionId))) throw notFound('interaction');
    await setFollowUpDone(tx, interactionId, done);
    await ctx.audit(tx, {
      action: 'interaction.follow_up_marked',
      entityType: 'organization',
      entityId: id,
      details: { interactionId, done },
    });
    return presentInteraction((await findInteraction(tx, id, interactionId)) as InteractionRow);
  });
}

/** Home page: follow-ups this person owns that are due within a week (or overdue). */
export async function employerTasks(tx: Tx, userId: string): Promise<HomeTask[]> {
  const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return (await followUpsDue(tx, userId, until)).map((f) => ({
    kind: 'employer_follow_up_due',
    subject: f.name,
    subjectId: f.organization_id,
    due: f.follow_up_on,
    href: `/employers/${f.organization_id}`,
  }));
}

// ---- Employer services

const presentService = (r: ServiceRow): EmployerService => ({
  id: r.id,
  organizationId: r.organization_id,
  kind: r.kind as EmployerService['kind'],
  serviceDate: r.service_date,
  staff: r.staff_user_id ? { id: r.staff_user_id, name: r.staff_name ?? '' } : null,
  costCents: r.cost_cents,
  description: r.description,
});

export async function services(ctx: Context, id: string): Promise<EmployerService[]> {
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    return (await servicesOf(tx, id)).map(presentService);
  });
}

export async function addService(ctx: Context, id: string, b: z.output<typeof employerServiceBody>): Promise<EmployerService> {
  const serviceId = randomUUID();
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    if (b.staffUserId && !(await userExists(tx, b.staffUserId))) throw invalid('body.staffUserId', 'No such user.', 'not_found');
    await insertService(tx, {
      id: serviceId,
      tenant_id: ctx.tenantId,
      organization_id: id,
      kind: b.kind,
      service_date: b.serviceDate,
      staff_user_id: b.staffUserId ?? ctx.principal.userId,
      cost_cents: b.costCents,
      description: b.description ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'employer_service.recorded',
      entityType: 'organization',
      entityId: id,
      details: { serviceId, kind: b.kind },
    });
    return presentService((await servicesOf(tx, id)).find((s) => s.id === serviceId) as ServiceRow);
  });
}

// ---- Commitments

function presentCommitment(r: CommitmentRow, today: string): Commitment {
  const fulfilled = r.fulfilments.reduce((s, f) => s + Number(f.quantity), 0);
  const status = fulfilled >= r.target_quantity ? 'fulfilled' : r.due_on && r.due_on < today ? 'overdue' : 'open';
  return {
    id: r.id,
    organizationId: r.organization_id,
    kind: r.kind as Commitment['kind'],
    description: r.description,
    targetQuantity: r.target_quantity,
    fulfilledQuantity: fulfilled,
    percentFulfilled: Math.min(100, Math.round((fulfilled / r.target_quantity) * 100)),
    dueOn: r.due_on,
    status,
    fulfilments: r.fulfilments.map((f) => ({ id: f.id, fulfilledOn: f.fulfilled_on, quantity: Number(f.quantity), note: f.note })),
  };
}

export async function commitments(ctx: Context, id: string): Promise<Commitment[]> {
  const today = new Date().toISOString().slice(0, 10);
  return ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    return (await commitmentsOf(tx, id)).map((r) => presentCommitment(r, today));
  });
}

export async function addCommitment(ctx: Context, id: string, b: z.output<typeof commitmentBody>): Promise<Commitment> {
  const commitmentId = randomUUID();
  await ctx.tx(async (tx) => {
    await mustEmployer(tx, id);
    await insertCommitment(tx, {
      id: commitmentId,
      tenant_id: ctx.tenantId,
      organization_id: id,
      kind: b.kind,
      description: b.description,
      target_quantity: b.targetQuantity,
      due_on: b.dueOn ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'commitment.created',
      entityType: 'organization',
      entityId: id,
      details: { commitmentId, kind: b.kind },
    });
  });
  return (await commitments(ctx, id)).find((c) => c.id === commitmentId) as Commitment;
}

export async function fulfil(ctx: Context, id: string, commitmentId: string, b: z.output<typeof fulfilmentBody>): Promise<Commitment> {
  await ctx.tx(async (tx) => {
    if (!(await findCommitment(tx, id, commitmentId))) throw notFound('commitment');
    await insertFulfilment(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      commitment_id: commitmentId,
      fulfilled_on: b.fulfilledOn,
      quantity: b.quantity,
      note: b.note ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'commitment.fulfilment_recorded',
      entityType: 'organization',
      entityId: id,
      details: { commitmentId, quantity: b.quantity },
    });
  });
  return (await commitments(ctx, id)).find((c) => c.id === commitmentId) as Commitment;
}

// ---- Living wages

export async function livingWageTable(ctx: Context): Promise<LivingWage[]> {
  const rows = await ctx.tx((tx) => livingWages(tx));
  return rows.map((r) => ({
    countyFips: r.county_fips,
    countyName: countyName(r.county_fips),
    householdType: r.household_type as LivingWage['householdType'],
    hourlyCents: r.hourly_cents,
    source: r.source,
    updatedAt: iso(r.updated_at),
  }));
}

export async function setLivingWage(ctx: Context, b: LivingWageBody): Promise<LivingWage[]> {
  if (!countyName(b.countyFips)) throw invalid('body.countyFips', 'Unknown county FIPS code.', 'unknown_code');
  await ctx.tx(async (tx) => {
    await upsertLivingWage(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      county_fips: b.countyFips,
      household_type: b.householdType,
      hourly_cents: b.hourlyCents,
      source: b.source ?? null,
      updated_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'living_wage.set',
      entityType: 'living_wage',
      details: { countyFips: b.countyFips, householdType: b.householdType, hourlyCents: b.hourlyCents },
    });
  });
  return livingWageTable(ctx);
}
