import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type {
  InitiativeDocumentTable,
  InitiativePartnerTable,
  InitiativeTable,
  JurisdictionTable,
  PartnerCommitmentTable,
} from '../../db/types.ts';
import { likePattern } from '../../platform/pagination.ts';
import { STORED_FILE_META } from '../../platform/uploads.ts';

export const INITIATIVE_COLUMNS = [
  'initiative.id',
  'initiative.name',
  'initiative.sector',
  'initiative.naics_codes',
  'initiative.description',
  'initiative.goals',
  'initiative.starts_on',
  'initiative.ends_on',
  'initiative.status',
  'initiative.created_at',
  'initiative.updated_at',
] as const;

export const JURISDICTION_COLUMNS = [
  'jurisdiction.id',
  'jurisdiction.kind',
  'jurisdiction.code',
  'jurisdiction.name',
  'jurisdiction.state_code',
  'jurisdiction.county_fips',
] as const;

function initiatives(db: Executor) {
  return db
    .selectFrom('initiative')
    .select(INITIATIVE_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('initiative_partner')
        .select(sql<number>`count(DISTINCT initiative_partner.organization_id)`.as('n'))
        .whereRef('initiative_partner.initiative_id', '=', 'initiative.id')
        .as('partner_count'),
    );
}

export interface InitiativeFilter {
  q?: string;
  status?: string;
  naics?: string;
  county?: { fips: string; state: string | null };
}

export function listInitiatives(db: Executor, f: InitiativeFilter) {
  let q = initiatives(db);
  if (f.q)
    q = q.where((eb) => eb.or([eb('initiative.name', 'ilike', likePattern(f.q!)), eb('initiative.sector', 'ilike', likePattern(f.q!))]));
  if (f.status) q = q.where('initiative.status', '=', f.status);
  if (f.naics) {
    // A sector code matches a query code when either is a prefix of the other (62 ↔ 622110).
    const code = f.naics;
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(initiative.naics_codes) c WHERE c LIKE ${`${code}%`} OR ${code} LIKE c || '%')`);
  }
  if (f.county) {
    const { fips, state } = f.county;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM region_jurisdiction rj JOIN jurisdiction j ON j.id = rj.jurisdiction_id
        WHERE rj.initiative_id = initiative.id AND (
          (j.kind = 'county' AND j.code = ${fips})
          OR (j.kind = 'workforce_area' AND ${fips} = ANY (j.county_fips))
          OR (j.kind = 'state' AND j.code = ${state ?? ''})))`,
    );
  }
  return q.orderBy('initiative.name').orderBy('initiative.id');
}

export function findInitiative(db: Executor, id: string) {
  return initiatives(db).where('initiative.id', '=', id).executeTakeFirst();
}

export async function initiativeExists(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('initiative').select('id').where('id', '=', id).executeTakeFirst();
  return !!row;
}

export function regionsOf(db: Executor, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('region_jurisdiction')
    .innerJoin('jurisdiction', 'jurisdiction.id', 'region_jurisdiction.jurisdiction_id')
    .select(['region_jurisdiction.initiative_id', ...JURISDICTION_COLUMNS])
    .where('region_jurisdiction.initiative_id', 'in', initiativeIds)
    .orderBy('jurisdiction.kind')
    .orderBy('jurisdiction.name')
    .execute();
}

export async function insertInitiative(db: Executor, row: Insertable<InitiativeTable>) {
  await db.insertInto('initiative').values(row).execute();
}

export async function updateInitiative(db: Executor, id: string, patch: Partial<Insertable<InitiativeTable>>) {
  await db
    .updateTable('initiative')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceRegion(db: Executor, tenantId: string, initiativeId: string, jurisdictionIds: string[]) {
  await db.deleteFrom('region_jurisdiction').where('initiative_id', '=', initiativeId).execute();
  if (jurisdictionIds.length === 0) return;
  await db
    .insertInto('region_jurisdiction')
    .values(jurisdictionIds.map((jurisdiction_id) => ({ initiative_id: initiativeId, jurisdiction_id, tenant_id: tenantId })))
    .execute();
}

// ---- jurisdictions

export function findJurisdictionsByCode(db: Executor, kind: 'county' | 'state' | 'workforce_area', codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('jurisdiction').select(JURISDICTION_COLUMNS).where('kind', '=', kind).where('code', 'in', codes).execute();
}

/** Counties and states are created on first use; a concurrent creator's row is kept. */
export async function insertJurisdictions(db: Executor, rows: Insertable<JurisdictionTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('jurisdiction')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'code']).doNothing())
    .execute();
}

export function listJurisdictions(db: Executor, f: { q?: string; kind?: string; initiativeId?: string }) {
  let q = db.selectFrom('jurisdiction').select(JURISDICTION_COLUMNS);
  if (f.kind) q = q.where('jurisdiction.kind', '=', f.kind as 'county');
  // FIPS codes match from their start (39 is Ohio); a workforce area's own code anywhere in it, in any
  // case, since people remember "LWDA 4" rather than the state prefix the code starts with.
  if (f.q) {
    const anywhere = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('jurisdiction.name', 'ilike', anywhere),
        eb('jurisdiction.code', 'like', `${anywhere.slice(1)}`),
        eb.and([eb('jurisdiction.kind', '=', 'workforce_area'), eb('jurisdiction.code', 'ilike', anywhere)]),
      ]),
    );
  }
  if (f.initiativeId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('region_jurisdiction')
          .select('region_jurisdiction.jurisdiction_id')
          .whereRef('region_jurisdiction.jurisdiction_id', '=', 'jurisdiction.id')
          .where('region_jurisdiction.initiative_id', '=', f.initiativeId!),
      ),
    );
  }
  return q.orderBy('jurisdiction.kind').orderBy('jurisdiction.name').orderBy('jurisdiction.id');
}

export function findJurisdiction(db: Executor, id: string) {
  return db.selectFrom('jurisdiction').select(JURISDICTION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function updateJurisdiction(db: Executor, id: string, patch: Partial<Insertable<JurisdictionTable>>) {
  await db
    .updateTable('jurisdiction')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- partners and commitments

export const PARTNER_COLUMNS = [
  'initiative_partner.id',
  'initiative_partner.initiative_id',
  'initiative_partner.organization_id',
  'initiative_partner.role',
  'initiative_partner.agreement_signed_on',
  'initiative_partner.agreement_starts_on',
  'initiative_partner.agreement_ends_on',
  'initiative_partner.notes',
] as const;

function partners(db: Executor) {
  return db
    .selectFrom('initiative_partner')
    .innerJoin('organization', 'organization.id', 'initiative_partner.organization_id')
    .select(PARTNER_COLUMNS)
    .select(['organization.name as organization_name', 'organization.kind as organization_kind'])
    .select((eb) =>
      eb
        .selectFrom('initiative_document')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('initiative_document.initiative_partner_id', '=', 'initiative_partner.id')
        .as('document_count'),
    );
}

export function listPartners(db: Executor, initiativeId: string, f: { role?: string; q?: string }) {
  let q = partners(db).where('initiative_partner.initiative_id', '=', initiativeId);
  if (f.role) q = q.where('initiative_partner.role', '=', f.role);
  if (f.q) q = q.where('organization.name', 'ilike', likePattern(f.q));
  return q.orderBy('initiative_partner.role').orderBy('organization.name').orderBy('initiative_partner.id');
}

export function findPartner(db: Executor, initiativeId: string, partnerId: string) {
  return partners(db)
    .where('initiative_partner.initiative_id', '=', initiativeId)
    .where('initiative_partner.id', '=', partnerId)
    .executeTakeFirst();
}

export function findPartnerByRole(db: Executor, initiativeId: string, organizationId: string, role: string) {
  return db
    .selectFrom('initiative_partner')
    .select('id')
    .where('initiative_id', '=', initiativeId)
    .where('organization_id', '=', organizationId)
    .where('role', '=', role)
    .executeTakeFirst();
}

export async function insertPartner(db: Executor, row: Insertable<InitiativePartnerTable>) {
  await db.insertInto('initiative_partner').values(row).execute();
}

export async function updatePartner(db: Executor, id: string, patch: Partial<Insertable<InitiativePartnerTable>>) {
  await db
    .updateTable('initiative_partner')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deletePartner(db: Executor, id: string) {
  await db.deleteFrom('initiative_partner').where('id', '=', id).execute();
}

export const COMMITMENT_COLUMNS = [
  'partner_commitment.id',
  'partner_commitment.initiative_partner_id',
  'partner_commitment.kind',
  'partner_commitment.description',
  'partner_commitment.quantity',
  'partner_commitment.amount_cents',
  'partner_commitment.due_on',
  'partner_commitment.status',
] as const;

export function commitmentsOf(db: Executor, partnerIds: string[]) {
  if (partnerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner_commitment')
    .select(COMMITMENT_COLUMNS)
    .where('initiative_partner_id', 'in', partnerIds)
    .orderBy('partner_commitment.due_on')
    .orderBy('partner_commitment.id')
    .execute();
}

export function findCommitment(db: Executor, initiativeId: string, commitmentId: string) {
  return db
    .selectFrom('partner_commitment')
    .innerJoin('initiative_partner', 'initiative_partner.id', 'partner_commitment.initiative_partner_id')
    .select(COMMITMENT_COLUMNS)
    .where('initiative_partner.initiative_id', '=', initiativeId)
    .where('partner_commitment.id', '=', commitmentId)
    .executeTakeFirst();
}

export async function insertCommitment(db: Executor, row: Insertable<PartnerCommitmentTable>) {
  await db.insertInto('partner_commitment').values(row).execute();
}

export async function updateCommitment(db: Executor, id: string, patch: Partial<Insertable<PartnerCommitmentTable>>) {
  await db
    .updateTable('partner_commitment')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- documents

function documents(db: Executor) {
  return db
    .selectFrom('initiative_document')
    .innerJoin('stored_file', 'stored_file.id', 'initiative_document.file_id')
    .leftJoin('user', 'user.id', 'initiative_document.created_by')
    .select([
      'initiative_document.id',
      'initiative_document.initiative_id',
      'initiative_document.initiative_partner_id',
      'initiative_document.title',
      'initiative_document.kind',
      'initiative_document.file_id',
      'initiative_document.created_at',
      'user.name as created_by_name',
      ...STORED_FILE_META,
    ]);
}

export function listDocuments(db: Executor, initiativeId: string, f: { partnerId?: string; q?: string }) {
  let q = documents(db).where('initiative_document.initiative_id', '=', initiativeId);
  if (f.partnerId) q = q.where('initiative_document.initiative_partner_id', '=', f.partnerId);
  if (f.q) q = q.where('initiative_document.title', 'ilike', likePattern(f.q));
  return q.orderBy('initiative_document.created_at', 'desc').orderBy('initiative_document.id');
}

export function findDocument(db: Executor, initiativeId: string, documentId: string) {
  return documents(db)
    .where('initiative_document.initiative_id', '=', initiativeId)
    .where('initiative_document.id', '=', documentId)
    .executeTakeFirst();
}

export async function insertDocument(db: Executor, row: Insertable<InitiativeDocumentTable>) {
  await db.insertInto('initiative_document').values(row).execute();
}

export async function deleteDocument(db: Executor, id: string) {
  await db.deleteFrom('initiative_document').where('id', '=', id).execute();
}

// ---- look-ups other parts of the workspace share

/** The subset of ids that name organizations of this tenant (row-level security does the tenant part). */
export async function existingOrganizations(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

export async function existingUsers(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('user').select(['id', 'name', 'status']).where('id', 'in', ids).execute();
}
