import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../../shared/errors.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  Commitment,
  CommitmentBody,
  CommitmentPatch,
  Initiative,
  InitiativeBody,
  InitiativeDocument,
  InitiativePatch,
  Jurisdiction,
  Partner,
  PartnerBody,
  PartnerPatch,
  RegionCoverage,
  RegionItem,
  WorkforceAreaBody,
} from '../../../shared/schemas/initiatives.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { deleteFile, findFileContent, presentFile, storeFile, type Upload } from '../../platform/uploads.ts';
import { countyCodes, countyName, countyState, naicsTitle, stateName } from '../codes/codes.service.ts';
import {
  commitmentsOf,
  deleteDocument,
  deletePartner,
  existingOrganizations,
  existingUsers,
  findCommitment,
  findDocument,
  findInitiative,
  findJurisdiction,
  findJurisdictionsByCode,
  findPartner,
  findPartnerByRole,
  initiativeExists,
  insertCommitment,
  insertDocument,
  insertInitiative,
  insertJurisdictions,
  insertPartner,
  listDocuments,
  listInitiatives,
  listJurisdictions,
  listPartners,
  regionsOf,
  replaceRegion,
  updateCommitment,
  updateInitiative,
  updateJurisdiction,
  updatePartner,
} from './initiatives.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (errors: FieldError[]) => new AppError('validation_failed', errors[0]?.message ?? 'Some fields need attention.', errors);

// ---- references other modules check too (row-level security keeps them inside the tenant)

/** Throws a field error unless every id names an organization of this tenant. */
export async function requireOrganizations(tx: Tx, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  const found = await existingOrganizations(tx, unique);
  const missing = unique.filter((id) => !found.some((o) => o.id === id));
  if (missing.length > 0) {
    throw invalid(missing.map((id) => ({ field, code: 'unknown_organization', message: `No organization ${id}.` })));
  }
  return found;
}

/** Throws a field error unless every id names an active or invited user of this tenant. */
export async function requireUsers(tx: Tx, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  const found = (await existingUsers(tx, unique)).filter((u) => u.status !== 'disabled');
  const missing = unique.filter((id) => !found.some((u) => u.id === id));
  if (missing.length > 0) throw invalid(missing.map((id) => ({ field, code: 'unknown_user', message: `No active user ${id}.` })));
  return found;
}

export async function requireInitiative(tx: Tx, id: string | null | undefined, field = 'body.initiativeId') {
  if (!id) return;
  if (!(await initiativeExists(tx, id))) throw invalid([{ field, code: 'unknown_initiative', message: 'No such initiative.' }]);
}

// ---- jurisdictions and regions

type JurisdictionRow = Awaited<ReturnType<typeof findJurisdictionsByCode>>[number];

export function presentJurisdiction(r: JurisdictionRow): Jurisdiction {
  const countyFips = r.county_fips ?? [];
  return {
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    stateCode: r.state_code,
    countyFips,
    counties: countyFips.map((fips) => ({ fips, name: countyName(fips) ?? fips })),
  };
}

/** The jurisdiction ids for a region, creating county and state rows from the code lists on first use. */
async function resolveRegion(ops: Ops, tx: Tx, items: RegionItem[]): Promise<string[]> {
  const errors: FieldError[] = [];
  const byKind = { county: new Set<string>(), state: new Set<string>(), workforce_area: new Set<string>() };
  items.forEach((item, i) => {
    const field = `body.region.${i}.code`;
    if (item.kind === 'county' && !countyName(item.code))
      errors.push({ field, code: 'unknown_code', message: 'Unknown county FIPS code.' });
    if (item.kind === 'state' && !stateName(item.code)) errors.push({ field, code: 'unknown_code', message: 'Unknown state code.' });
    byKind[item.kind].add(item.code);
  });
  if (errors.length) throw invalid(errors);

  const counties = [...byKind.county];
  const states = [...byKind.state];
  await insertJurisdictions(tx, [
    ...counties.map((code) => ({
      id: randomUUID(),
      tenant_id: ops.tenantId,
      kind: 'county' as const,
      code,
      name: countyName(code) as string,
      state_code: countyState(code),
    })),
    ...states.map((code) => ({
      id: randomUUID(),
      tenant_id: ops.tenantId,
      kind: 'state' as const,
      code,
      name: stateName(code) as string,
      state_code: code,
    })),
  ]);
  const rows = [
    ...(await findJurisdictionsByCode(tx, 'county', counties)),
    ...(await findJurisdictionsByCode(tx, 'state', states)),
    ...(await findJurisdictionsByCode(tx, 'workforce_area', [...byKind.workforce_area])),
  ];
  items.forEach((item, i) => {
    if (item.kind === 'workforce_area' && !rows.some((r) => r.kind === 'workforce_area' && r.code === item.code)) {
      errors.push({
        field: `body.region.${i}.code`,
        code: 'unknown_code',
        message: `No workforce area with code ${item.code}; add it first.`,
      });
    }
  });
  if (errors.length) throw invalid(errors);
  return rows.map((r) => r.id);
}

export async function listJurisdictionPage(
  ops: Ops,
  query: { page: number; pageSize: number; q?: string; kind?: string; initiativeId?: string },
) {
  const page = await ops.tx((tx) => paginate(listJurisdictions(tx, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentJurisdiction) };
}

function checkAreaCounties(body: Partial<WorkforceAreaBody>, stateCode: string | null | undefined) {
  const errors: FieldError[] = [];
  (body.countyFips ?? []).forEach((fips, i) => {
    if (!countyName(fips)) errors.push({ field: `body.countyFips.${i}`, code: 'unknown_code', message: 'Unknown county FIPS code.' });
    else if (stateCode && countyState(fips) !== stateCode) {
      errors.push({ field: `body.countyFips.${i}`, code: 'other_state', message: `County ${fips} is not in ${stateCode}.` });
    }
  });
  if (body.stateCode && !stateName(body.stateCode))
    errors.push({ field: 'body.stateCode', code: 'unknown_code', message: 'Unknown state code.' });
  if (errors.length) throw invalid(errors);
}

export async function createWorkforceArea(ops: Ops, body: WorkforceAreaBody): Promise<Jurisdiction> {
  checkAreaCounties(body, body.stateCode);
  return ops.tx(async (tx) => {
    if ((await findJurisdictionsByCode(tx, 'workforce_area', [body.code])).length > 0) {
      throw new AppError('conflict', `A workforce area with code ${body.code} exists already.`, [
        { field: 'body.code', code: 'taken', message: 'This code is taken.' },
      ]);
    }
    const id = randomUUID();
    await insertJurisdictions(tx, [
      {
        id,
        tenant_id: ops.tenantId,
        kind: 'workforce_area',
        code: body.code,
        name: body.name,
        state_code: body.stateCode,
        county_fips: [...new Set(body.countyFips)],
      },
    ]);
    await ops.audit(tx, {
      action: 'jurisdiction.created',
      entityType: 'jurisdiction',
      entityId: id,
      details: { kind: 'workforce_area', code: body.code },
    });
    return presentJurisdiction((await findJurisdiction(tx, id))!);
  });
}

export async function updateWorkforceArea(ops: Ops, id: string, body: Partial<WorkforceAreaBody>): Promise<Jurisdiction> {
  return ops.tx(async (tx) => {
    const before = await findJurisdiction(tx, id);
    if (!before) throw notFound('jurisdiction');
    if (before.kind !== 'workforce_area')
      throw new AppError('conflict', 'Counties and states come from the code lists and cannot be changed.');
    checkAreaCounties(body, body.stateCode ?? before.state_code);
    const patch = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.stateCode !== undefined ? { state_code: body.stateCode } : {}),
      ...(body.countyFips !== undefined ? { county_fips: [...new Set(body.countyFips)] } : {}),
    };
    const changes = diff(before as unknown as Record<string, unknown>, patch);
    if (Object.keys(changes).length > 0) {
      await updateJurisdiction(tx, id, patch);
      await ops.audit(tx, { action: 'jurisdiction.updated', entityType: 'jurisdiction', entityId: id, details: { changes } });
    }
    return presentJurisdiction((await findJurisdiction(tx, id))!);
  });
}

// ---- initiatives

type InitiativeRow = NonNullable<Awaited<ReturnType<typeof findInitiative>>>;

async function presentInitiatives(tx: Tx, rows: InitiativeRow[]): Promise<Initiative[]> {
  const regions = await regionsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const region = regions.filter((j) => j.initiative_id === r.id).map(presentJurisdiction);
    const states = [...new Set(region.map((j) => j.stateCode).filter((s): s is string => !!s))].sort();
    return {
      id: r.id,
      name: r.name,
      sector: r.sector,
      naicsCodes: (r.naics_codes ?? []).map((code) => ({ code, title: naicsTitle(code) })),
      description: r.description,
      goals: r.goals ?? [],
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status as Initiative['status'],
      region,
      states,
      crossesStateLines: states.length > 1,
      partnerCount: Number(r.partner_count ?? 0),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    };
  });
}

function checkNaics(codes: string[] | undefined) {
  const errors: FieldError[] = [];
  (codes ?? []).forEach((code, i) => {
    if (!naicsTitle(code))
      errors.push({ field: `body.naicsCodes.${i}`, code: 'unknown_code', message: `Unknown NAICS 2022 code ${code}.` });
  });
  if (errors.length) throw invalid(errors);
}

export async function listInitiativePage(
  ops: Ops,
  query: { page: number; pageSize: number; q?: string; status?: string; naics?: string; county?: string },
): Promise<Page<Initiative>> {
  const county = query.county ? { fips: query.county, state: countyState(query.county) } : undefined;
  return ops.tx(async (tx) => {
    const page = await paginate(listInitiatives(tx, { ...query, county }), query.page, query.pageSize);
    return { ...page, items: await presentInitiatives(tx, page.items) };
  });
}

export async function getInitiative(ops: Ops, id: string): Promise<Initiative> {
  return ops.tx(async (tx) => {
    const row = await findInitiative(tx, id);
    if (!row) throw notFound('initiative');
    return (await presentInitiatives(tx, [row]))[0];
  });
}

/**
 * The union of counties an initiative covers. Counties inside a whole state of the region are not
 * listed one by one (the state says it), but are counted once in the total.
 */
export async function regionCoverageOf(ops: Ops, id: string): Promise<RegionCoverage> {
  const region = await ops.tx(async (tx) => {
    if (!(await findInitiative(tx, id))) throw notFound('initiative');
    return (await regionsOf(tx, [id])).map(presentJurisdiction);
  });
  const wholeStates = new Set(region.filter((j) => j.kind === 'state').map((j) => j.code));
  const listed = new Map<string, RegionCoverage['counties'][number]>();
  for (const j of region) {
    const fips = j.kind === 'county' ? [j.code] : j.kind === 'workforce_area' ? j.countyFips : [];
    for (const code of fips) {
      const state = countyState(code);
      if (state && wholeStates.has(state)) continue;
      const entry = listed.get(code) ?? { fips: code, name: countyName(code) ?? code, stateCode: state, via: [] };
      entry.via.push({ kind: j.kind, code: j.code, name: j.name });
      listed.set(code, entry);
    }
  }
  const states = [...wholeStates]
    .map((code) => ({ code, name: stateName(code) ?? code, countyCount: countyCodes().filter((c) => c.state === code).length }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const counties = [...listed.values()].sort(
    (a, b) => (a.stateCode ?? '').localeCompare(b.stateCode ?? '') || a.name.localeCompare(b.name),
  );
  return { counties, wholeStates: states, totalCounties: counties.length + states.reduce((n, s) => n + s.countyCount, 0) };
}

export async function createInitiativeIn(ops: Ops, tx: Tx, body: InitiativeBody): Promise<string> {
  checkNaics(body.naicsCodes);
  const id = randomUUID();
  await insertInitiative(tx, {
    id,
    tenant_id: ops.tenantId,
    name: body.name,
    sector: body.sector,
    naics_codes: [...new Set(body.naicsCodes)],
    description: body.description ?? null,
    goals: body.goals,
    starts_on: body.startsOn,
    ends_on: body.endsOn ?? null,
    status: body.status,
  });
  await replaceRegion(tx, ops.tenantId, id, await resolveRegion(ops, tx, body.region));
  await ops.audit(tx, {
    action: 'initiative.created',
    entityType: 'initiative',
    entityId: id,
    details: { name: body.name, region: body.region },
  });
  return id;
}

export async function createInitiative(ops: Ops, body: InitiativeBody): Promise<Initiative> {
  const id = await ops.tx((tx) => createInitiativeIn(ops, tx, body));
  return getInitiative(ops, id);
}

export async function updateInitiativeById(ops: Ops, id: string, body: InitiativePatch): Promise<Initiative> {
  checkNaics(body.naicsCodes);
  await ops.tx(async (tx) => {
    const before = await findInitiative(tx, id);
    if (!before) throw notFound('initiative');
    const startsOn = body.startsOn ?? before.starts_on;
    const endsOn = body.endsOn === undefined ? before.ends_on : body.endsOn;
    if (endsOn && endsOn < startsOn)
      throw invalid([{ field: 'body.endsOn', code: 'before_start', message: 'The end date is before the start date.' }]);
    const columns = Object.fromEntries(
      Object.entries({
        name: body.name,
        sector: body.sector,
        naics_codes: body.naicsCodes ? [...new Set(body.naicsCodes)] : undefined,
        description: body.description,
        goals: body.goals,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        status: body.status,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) await updateInitiative(tx, id, columns);
    if (body.region) {
      const before = (await regionsOf(tx, [id])).map((j) => `${j.kind}:${j.code}`).sort();
      await replaceRegion(tx, ops.tenantId, id, await resolveRegion(ops, tx, body.region));
      const after = body.region.map((r) => `${r.kind}:${r.code}`).sort();
      if (before.join() !== after.join()) changes.region = { from: before, to: [...new Set(after)] };
    }
    if (Object.keys(changes).length > 0) {
      await ops.audit(tx, { action: 'initiative.updated', entityType: 'initiative', entityId: id, details: { changes } });
    }
  });
  return getInitiative(ops, id);
}

async function mustFindInitiative(tx: Tx, id: string) {
  if (!(await initiativeExists(tx, id))) throw notFound('initiative');
}

// ---- partners and commitments

type PartnerRow = NonNullable<Awaited<ReturnType<typeof findPartner>>>;
type CommitmentRow = Awaited<ReturnType<typeof commitmentsOf>>[number];

function presentCommitment(c: CommitmentRow): Commitment {
  return {
    id: c.id,
    partnerId: c.initiative_partner_id,
    kind: c.kind as Commitment['kind'],
    description: c.description,
    quantity: c.quantity,
    amountCents: c.amount_cents === null ? null : Number(c.amount_cents),
    dueOn: c.due_on,
    status: c.status as Commitment['status'],
  };
}

async function presentPartners(tx: Tx, rows: PartnerRow[]): Promise<Partner[]> {
  const commitments = await commitmentsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    organization: { id: r.organization_id, name: r.organization_name, kind: r.organization_kind },
    role: r.role as Partner['role'],
    agreementSignedOn: r.agreement_signed_on,
    agreementStartsOn: r.agreement_starts_on,
    agreementEndsOn: r.agreement_ends_on,
    notes: r.notes,
    commitments: commitments.filter((c) => c.initiative_partner_id === r.id).map(presentCommitment),
    documentCount: Number(r.document_count ?? 0),
  }));
}

export async function listPartnerPage(
  ops: Ops,
  initiativeId: string,
  query: { page: number; pageSize: number; q?: string; role?: string },
): Promise<Page<Partner>> {
  return ops.tx(async (tx) => {
    await mustFindInitiative(tx, initiativeId);
    const page = await paginate(listPartners(tx, initiativeId, query), query.page, query.pageSize);
    return { ...page, items: await presentPartners(tx, page.items) };
  });
}

async function getPartnerIn(tx: Tx, initiativeId: string, partnerId: string): Promise<Partner> {
  const row = await findPartner(tx, initiativeId, partnerId);
  if (!row) throw notFound('partner');
  return (await presentPartners(tx, [row]))[0];
}

export async function getPartner(ops: Ops, initiativeId: string, partnerId: string): Promise<Partner> {
  return ops.tx((tx) => getPartnerIn(tx, initiativeId, partnerId));
}

export async function addPartnerIn(ops: Ops, tx: Tx, initiativeId: string, body: PartnerBody): Promise<string> {
  await mustFindInitiative(tx, initiativeId);
  await requireOrganizations(tx, [body.organizationId], 'body.organizationId');
  if (await findPartnerByRole(tx, initiativeId, body.organizationId, body.role)) {
    throw new AppError('conflict', 'This organization is already a partner in that role.');
  }
  const id = randomUUID();
  await insertPartner(tx, {
    id,
    tenant_id: ops.tenantId,
    initiative_id: initiativeId,
    organization_id: body.organizationId,
    role: body.role,
    agreement_signed_on: body.agreementSignedOn ?? null,
    agreement_starts_on: body.agreementStartsOn ?? null,
    agreement_ends_on: body.agreementEndsOn ?? null,
    notes: body.notes ?? null,
  });
  await ops.audit(tx, {
    action: 'initiative.partner_added',
    entityType: 'initiative',
    entityId: initiativeId,
    details: { partnerId: id, organizationId: body.organizationId, role: body.role },
  });
  return id;
}

export async function addPartner(ops: Ops, initiativeId: string, body: PartnerBody): Promise<Partner> {
  return ops.tx(async (tx) => getPartnerIn(tx, initiativeId, await addPartnerIn(ops, tx, initiativeId, body)));
}

export async function changePartner(ops: Ops, initiativeId: string, partnerId: string, body: PartnerPatch): Promise<Partner> {
  return ops.tx(async (tx) => {
    const before = await findPartner(tx, initiativeId, partnerId);
    if (!before) throw notFound('partner');
    const columns = Object.fromEntries(
      Object.entries({
        agreement_signed_on: body.agreementSignedOn,
        agreement_starts_on: body.agreementStartsOn,
        agreement_ends_on: body.agreementEndsOn,
        notes: body.notes,
      }).filter(([, v]) => v !== undefined),
    );
    const starts = columns.agreement_starts_on === undefined ? before.agreement_starts_on : columns.agreement_starts_on;
    const ends = columns.agreement_ends_on === undefined ? before.agreement_ends_on : columns.agreement_ends_on;
    if (starts && ends && ends < starts) {
      throw invalid([{ field: 'body.agreementEndsOn', code: 'before_start', message: 'The agreement ends before it starts.' }]);
    }
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updatePartner(tx, partnerId, columns);
      await ops.audit(tx, {
        action: 'initiative.partner_updated',
        entityType: 'initiative',
        entityId: initiativeId,
        details: { partnerId, changes },
      });
    }
    return getPartnerIn(tx, initiativeId, partnerId);
  });
}

export async function removePartner(ops: Ops, initiativeId: string, partnerId: string): Promise<void> {
  await ops.tx(async (tx) => {
    const before = await findPartner(tx, initiativeId, partnerId);
    if (!before) throw notFound('partner');
    await deletePartner(tx, partnerId);
    await ops.audit(tx, {
      action: 'initiative.partner_removed',
      entityType: 'initiative',
      entityId: initiativeId,
      details: { partnerId, organizationId: before.organization_id, role: before.role },
    });
  });
}

export async function addCommitment(ops: Ops, initiativeId: string, partnerId: string, body: CommitmentBody): Promise<Commitment> {
  return ops.tx(async (tx) => {
    if (!(await findPartner(tx, initiativeId, partnerId))) throw notFound('partner');
    const id = randomUUID();
    await insertCommitment(tx, {
      id,
      tenant_id: ops.tenantId,
      initiative_partner_id: partnerId,
      kind: body.kind,
      description: body.description,
      quantity: body.quantity ?? null,
      amount_cents: body.amountCents ?? null,
      due_on: body.dueOn ?? null,
      status: body.status,
    });
    await ops.audit(tx, {
      action: 'initiative.commitment_added',
      entityType: 'initiative',
      entityId: initiativeId,
      details: { partnerId, commitmentId: id, kind: body.kind },
    });
    return presentCommitment((await findCommitment(tx, initiativeId, id))!);
  });
}

export async function changeCommitment(ops: Ops, initiativeId: string, commitmentId: string, body: CommitmentPatch): Promise<Commitment> {
  return ops.tx(async (tx) => {
    const before = await findCommitment(tx, initiativeId, commitmentId);
    if (!before) throw notFound('commitment');
    const columns = Object.fromEntries(
      Object.entries({
        kind: body.kind,
        description: body.description,
        quantity: body.quantity,
        amount_cents: body.amountCents,
        due_on: body.dueOn,
        status: body.status,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateCommitment(tx, commitmentId, columns);
      await ops.audit(tx, {
        action: 'initiative.commitment_updated',
        entityType: 'initiative',
        entityId: initiativeId,
        details: { commitmentId, changes },
      });
    }
    return presentCommitment((await findCommitment(tx, initiativeId, commitmentId))!);
  });
}

// ---- documents

type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

function presentDocument(r: DocumentRow): InitiativeDocument {
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    partnerId: r.initiative_partner_id,
    title: r.title,
    kind: r.kind as InitiativeDocument['kind'],
    file: presentFile(r),
    createdBy: r.created_by_name,
    createdAt: iso(r.created_at),
  };
}

export async function listDocumentPage(
  ops: Ops,
  initiativeId: string,
  query: { page: number; pageSize: number; q?: string; partnerId?: string },
): Promise<Page<InitiativeDocument>> {
  return ops.tx(async (tx) => {
    await mustFindInitiative(tx, initiativeId);
    const page = await paginate(listDocuments(tx, initiativeId, query), query.page, query.pageSize);
    return { ...page, items: page.items.map(presentDocument) };
  });
}

export async function addDocument(
  ops: Ops,
  initiativeId: string,
  upload: Upload<{ title: string; kind: string; partnerId?: string }>,
): Promise<InitiativeDocument> {
  return ops.tx(async (tx) => {
    await mustFindInitiative(tx, initiativeId);
    const { partnerId } = upload.fields;
    if (partnerId && !(await findPartner(tx, initiativeId, partnerId))) {
      throw invalid([{ field: 'body.partnerId', code: 'unknown_partner', message: 'No such partner in this initiative.' }]);
    }
    const fileId = await storeFile(tx, ops.tenantId, ops.actor.userId, upload);
    const id = randomUUID();
    await insertDocument(tx, {
      id,
      tenant_id: ops.tenantId,
      initiative_id: initiativeId,
      initiative_partner_id: partnerId ?? null,
      title: upload.fields.title,
      kind: upload.fields.kind,
      file_id: fileId,
      created_by: ops.actor.userId,
    });
    await ops.audit(tx, {
      action: 'initiative.document_uploaded',
      entityType: 'initiative',
      entityId: initiativeId,
      details: { documentId: id, title: upload.fields.title, filename: upload.filename, byteSize: upload.content.length },
    });
    return presentDocument((await findDocument(tx, initiativeId, id))!);
  });
}

export async function documentContent(ops: Ops, initiativeId: string, documentId: string) {
  return ops.tx(async (tx) => {
    const doc = await findDocument(tx, initiativeId, documentId);
    if (!doc) throw notFound('document');
    const file = await findFileContent(tx, doc.file_id);
    if (!file) throw notFound('document');
    return file;
  });
}

export async function removeDocument(ops: Ops, initiativeId: string, documentId: string): Promise<void> {
  await ops.tx(async (tx) => {
    const doc = await findDocument(tx, initiativeId, documentId);
    if (!doc) throw notFound('document');
    await deleteDocument(tx, documentId);
    await deleteFile(tx, doc.file_id);
    await ops.audit(tx, {
      action: 'initiative.document_deleted',
      entityType: 'initiative',
      entityId: initiativeId,
      details: { documentId, title: doc.title, sha256: doc.sha256 },
    });
  });
}
