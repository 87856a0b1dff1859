import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { OWNED_TABLES, type OwnedTable } from './hsds.model.ts';

// The only SQL of the HSDS directory store. Records are keyed (tenant_id, HSDS id), so an import run twice
// updates, and two tenants may hold the same HSDS ids (migrations/20261212T1400_hsds_tenant_keys.ts).
// An organization is Braid's organization row; HSDS knows it by hsds_organization.hsds_id, or by its
// Braid id when it was made in Braid. The row functions below speak HSDS ids.

const json = (doc: Record<string, unknown>) => JSON.stringify(doc);

export interface OwnedRow {
  tbl: OwnedTable;
  owner_type: string;
  owner_id: string;
  id: string;
  position: number;
  ref_id: string | null;
  doc: Record<string, unknown>;
}

export async function upsertTaxonomy(db: Executor, tenantId: string, row: { id: string; doc: Record<string, unknown> }) {
  await db
    .insertInto('hsds_taxonomy')
    .values({ id: row.id, tenant_id: tenantId, name: String(row.doc.name ?? ''), doc: json(row.doc) })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'id'])
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), doc: eb.ref('excluded.doc'), updated_at: sql`now()` })),
    )
    .execute();
}

export async function upsertTaxonomyTerm(
  db: Executor,
  tenantId: string,
  row: { id: string; taxonomy_id: string | null; parent_id: string | null; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_taxonomy_term')
    .values({
      id: row.id,
      tenant_id: tenantId,
      taxonomy_id: row.taxonomy_id,
      parent_id: row.parent_id,
      code: (row.doc.code as string | undefined) ?? null,
      name: String(row.doc.name ?? ''),
      doc: json(row.doc),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        taxonomy_id: eb.ref('excluded.taxonomy_id'),
        parent_id: eb.ref('excluded.parent_id'),
        code: eb.ref('excluded.code'),
        name: eb.ref('excluded.name'),
        doc: eb.ref('excluded.doc'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

/** The HSDS id of an organization (given Braid's organization id column). */
const hsdsIdOf = (column: string) =>
  sql<string>`coalesce((SELECT ho.hsds_id FROM hsds_organization ho WHERE ho.organization_id = ${sql.ref(column)}), ${sql.ref(column)})`;

/** Organizations known to HSDS by these ids, in this tenant: HSDS id → Braid's organization id. */
export async function organizationsByHsdsId(db: Executor, hsdsIds: string[]): Promise<Map<string, string>> {
  if (hsdsIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('organization')
    .leftJoin('hsds_organization', 'hsds_organization.organization_id', 'organization.id')
    .select(['organization.id', 'hsds_organization.hsds_id'])
    .where((eb) =>
      eb.or([
        eb('hsds_organization.hsds_id', 'in', hsdsIds),
        eb.and([eb('hsds_organization.hsds_id', 'is', null), eb('organization.id', 'in', hsdsIds)]),
      ]),
    )
    .execute();
  // An HSDS id given at import wins over a Braid id that happens to be the same.
  const byId = new Map<string, string>();
  for (const r of rows) if (r.hsds_id) byId.set(r.hsds_id, r.id);
  for (const r of rows) if (!r.hsds_id && !byId.has(r.id)) byId.set(r.id, r.id);
  return byId;
}

/** A Braid organization for an HSDS organization (new ones are community organizations until curated). */
export async function upsertOrganization(
  db: Executor,
  tenantId: string,
  row: { id: string; name: string; description: string | null; email: string | null; website: string | null },
) {
  await db
    .insertInto('organization')
    .values({ ...row, tenant_id: tenantId, kind: 'community_org' })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        email: eb.ref('excluded.email'),
        website: eb.ref('excluded.website'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

export async function upsertHsdsOrganization(
  db: Executor,
  tenantId: string,
  row: { organizationId: string; hsdsId: string; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_organization')
    .values({ organization_id: row.organizationId, tenant_id: tenantId, hsds_id: row.hsdsId, doc: json(row.doc) })
    .onConflict((oc) =>
      oc
        .column('organization_id')
        .doUpdateSet((eb) => ({ hsds_id: eb.ref('excluded.hsds_id'), doc: eb.ref('excluded.doc'), updated_at: sql`now()` })),
    )
    .execute();
}

export async function upsertProgram(
  db: Executor,
  tenantId: string,
  row: { id: string; organization_id: string | null; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_program')
    .values({ id: row.id, tenant_id: tenantId, organization_id: row.organization_id, name: String(row.doc.name ?? ''), doc: json(row.doc) })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        organization_id: eb.ref('excluded.organization_id'),
        name: eb.ref('excluded.name'),
        doc: eb.ref('excluded.doc'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

export async function upsertLocation(
  db: Executor,
  tenantId: string,
  row: { id: string; organization_id: string | null; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_location')
    .values({
      id: row.id,
      tenant_id: tenantId,
      organization_id: row.organization_id,
      name: (row.doc.name as string | undefined) ?? null,
      doc: json(row.doc),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        organization_id: sql`coalesce(excluded.organization_id, hsds_location.organization_id)`,
        name: eb.ref('excluded.name'),
        doc: eb.ref('excluded.doc'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

export async function upsertService(
  db: Executor,
  tenantId: string,
  row: { id: string; organization_id: string; program_id: string | null; verified_at: Date; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_service')
    .values({
      id: row.id,
      tenant_id: tenantId,
      organization_id: row.organization_id,
      program_id: row.program_id,
      name: String(row.doc.name ?? ''),
      description: (row.doc.description as string | undefined) ?? null,
      status: String(row.doc.status ?? 'active'),
      minimum_age: num(row.doc.minimum_age),
      maximum_age: num(row.doc.maximum_age),
      verified_at: row.verified_at,
      doc: json(row.doc),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        organization_id: eb.ref('excluded.organization_id'),
        program_id: eb.ref('excluded.program_id'),
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        status: eb.ref('excluded.status'),
        minimum_age: eb.ref('excluded.minimum_age'),
        maximum_age: eb.ref('excluded.maximum_age'),
        verified_at: eb.ref('excluded.verified_at'),
        doc: eb.ref('excluded.doc'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

export async function upsertServiceAtLocation(
  db: Executor,
  tenantId: string,
  row: { id: string; service_id: string; location_id: string | null; doc: Record<string, unknown> },
) {
  await db
    .insertInto('hsds_service_at_location')
    .values({ id: row.id, tenant_id: tenantId, service_id: row.service_id, location_id: row.location_id, doc: json(row.doc) })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        service_id: eb.ref('excluded.service_id'),
        location_id: eb.ref('excluded.location_id'),
        doc: eb.ref('excluded.doc'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

/** Removes what an owner had of one kind (and what those records owned), before the document's copy is written. */
export async function clearOwned(db: Executor, table: OwnedTable, ownerType: string, ownerIds: string[]) {
  const removed = await db
    .deleteFrom(table)
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', ownerIds)
    .returning(['id'])
    .execute();
  return removed.map((r) => r.id);
}

export async function insertOwned(db: Executor, tenantId: string, rows: OwnedRow[]) {
  const byTable = new Map<OwnedTable, OwnedRow[]>();
  for (const r of rows) byTable.set(r.tbl, [...(byTable.get(r.tbl) ?? []), r]);
  for (const [table, list] of byTable) {
    await db
      .insertInto(table)
      .values(
        list.map((r) => ({
          tenant_id: tenantId,
          owner_type: r.owner_type,
          owner_id: r.owner_id,
          id: r.id,
          position: r.position,
          ref_id: r.ref_id,
          doc: json(r.doc),
        })),
      )
      .execute();
  }
}

/** Every owned record (phones, schedules, contacts…) of the given owners, in document order. */
export async function ownedOf(db: Executor, ownerType: string, ownerIds: string[]): Promise<OwnedRow[]> {
  if (ownerIds.length === 0) return [];
  const parts = Object.values(OWNED_TABLES).map(
    (t) =>
      sql`SELECT ${sql.lit(t)} AS tbl, owner_type, owner_id, id, position, ref_id, doc FROM ${sql.table(t)}
          WHERE owner_type = ${ownerType} AND owner_id = ANY(${ownerIds}::uuid[])`,
  );
  const { rows } = await sql<OwnedRow>`${sql.join(parts, sql` UNION ALL `)} ORDER BY position`.execute(db);
  return rows;
}

/** Organizations by HSDS id: `id` is the HSDS id, `organization_id` Braid's. */
export function organizationRows(db: Executor, ids: string[]) {
  return db
    .selectFrom('organization')
    .leftJoin('hsds_organization', 'hsds_organization.organization_id', 'organization.id')
    .select([
      sql<string>`coalesce(hsds_organization.hsds_id, organization.id)`.as('id'),
      'organization.id as organization_id',
      'organization.name',
      'organization.description',
      'organization.email',
      'organization.website',
      'organization.updated_at',
      'hsds_organization.doc',
    ])
    .where((eb) =>
      eb.or([
        eb('hsds_organization.hsds_id', 'in', ids),
        eb.and([eb('hsds_organization.hsds_id', 'is', null), eb('organization.id', 'in', ids)]),
      ]),
    )
    .execute();
}

export function serviceRows(db: Executor, ids: string[]) {
  return db
    .selectFrom('hsds_service')
    .select(['id', hsdsIdOf('hsds_service.organization_id').as('organization_id'), 'program_id', 'doc', 'updated_at'])
    .where('id', 'in', ids)
    .execute();
}

export function servicesOfOrganization(db: Executor, organizationId: string) {
  return db.selectFrom('hsds_service').select(['id']).where('organization_id', '=', organizationId).orderBy('name').orderBy('id').execute();
}

export function locationRows(db: Executor, ids: string[]) {
  return db
    .selectFrom('hsds_location')
    .select(['id', hsdsIdOf('hsds_location.organization_id').as('organization_id'), 'doc'])
    .where('id', 'in', ids)
    .execute();
}

export function locationsOfOrganization(db: Executor, organizationId: string) {
  return db
    .selectFrom('hsds_location')
    .select(['id'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function programRows(db: Executor, ids: string[]) {
  return db
    .selectFrom('hsds_program')
    .select(['id', hsdsIdOf('hsds_program.organization_id').as('organization_id'), 'doc'])
    .where('id', 'in', ids)
    .execute();
}

export function programsOfOrganization(db: Executor, organizationId: string) {
  return db.selectFrom('hsds_program').select(['id']).where('organization_id', '=', organizationId).orderBy('name').orderBy('id').execute();
}

export function serviceAtLocationRows(db: Executor, ids: string[]) {
  return db.selectFrom('hsds_service_at_location').select(['id', 'service_id', 'location_id', 'doc']).where('id', 'in', ids).execute();
}

export function serviceAtLocationsOfService(db: Executor, serviceId: string) {
  return db.selectFrom('hsds_service_at_location').select(['id']).where('service_id', '=', serviceId).orderBy('id').execute();
}

export function taxonomyRows(db: Executor, ids: string[]) {
  return db.selectFrom('hsds_taxonomy').select(['id', 'doc']).where('id', 'in', ids).execute();
}

export function taxonomyTermRows(db: Executor, ids: string[]) {
  return db.selectFrom('hsds_taxonomy_term').select(['id', 'taxonomy_id', 'doc']).where('id', 'in', ids).execute();
}

// ---- HSDS API lists: ids in a stable order, with the total ----

export interface ServiceFilter {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  postcode?: string;
}

function termFilter(ownerType: 'service', idColumn: string, f: ServiceFilter) {
  const parts: RawBuilder<boolean>[] = [];
  if (f.taxonomyTermId) {
    parts.push(sql<boolean>`EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.owner_type = ${ownerType} AND a.owner_id = ${sql.ref(idColumn)}
      AND a.ref_id = ${f.taxonomyTermId}::uuid)`);
  }
  if (f.taxonomyId) {
    parts.push(sql<boolean>`EXISTS (SELECT 1 FROM hsds_attribute a JOIN hsds_taxonomy_term tt ON tt.id = a.ref_id
      WHERE a.owner_type = ${ownerType} AND a.owner_id = ${sql.ref(idColumn)} AND tt.taxonomy_id = ${f.taxonomyId}::uuid)`);
  }
  return parts;
}

export function serviceIds(db: Executor, f: ServiceFilter) {
  let q = db.selectFrom('hsds_service').select(['hsds_service.id']);
  if (f.organizationId) q = q.where(hsdsIdOf('hsds_service.organization_id'), '=', f.organizationId);
  if (f.modifiedAfter) q = q.where('hsds_service.updated_at', '>=', f.modifiedAfter);
  for (const cond of termFilter('service', 'hsds_service.id', f)) q = q.where(cond);
  if (f.search) {
    const term = f.search;
    q = q
      .where(sql<boolean>`(hsds_service.search @@ websearch_to_tsquery('english', ${term}) OR hsds_service.name % ${term})`)
      .orderBy(
        sql`ts_rank(hsds_service.search, websearch_to_tsquery('english', ${term})) + similarity(hsds_service.name, ${term})`,
        'desc',
      );
  }
  return q.orderBy('hsds_service.name').orderBy('hsds_service.id');
}

export function serviceAtLocationIds(db: Executor, f: ServiceFilter) {
  let q = db
    .selectFrom('hsds_service_at_location as sal')
    .innerJoin('hsds_service', 'hsds_service.id', 'sal.service_id')
    .select(['sal.id']);
  if (f.organizationId) q = q.where(hsdsIdOf('hsds_service.organization_id'), '=', f.organizationId);
  if (f.modifiedAfter)
    q = q.where((eb) =>
      eb.or([eb('sal.updated_at', '>=', f.modifiedAfter as Date), eb('hsds_service.updated_at', '>=', f.modifiedAfter as Date)]),
    );
  for (const cond of termFilter('service', 'hsds_service.id', f)) q = q.where(cond);
  if (f.search) {
    q = q.where(sql<boolean>`(hsds_service.search @@ websearch_to_tsquery('english', ${f.search}) OR hsds_service.name % ${f.search})`);
  }
  if (f.postcode) {
    // Served there: the location's address has the postcode, or a service area names it.
    const code = f.postcode.trim().toUpperCase();
    q = q.where(sql<boolean>`(EXISTS (SELECT 1 FROM hsds_address ad WHERE ad.owner_type = 'location' AND ad.owner_id = sal.location_id
        AND upper(ad.doc->>'postal_code') = ${code})
      OR EXISTS (SELECT 1 FROM hsds_service_area sa WHERE sa.owner_type = 'service' AND sa.owner_id = hsds_service.id
        AND position(${code} IN upper(coalesce(sa.doc->>'name', '') || ' ' || coalesce(sa.doc->>'description', '') || ' ' || coalesce(sa.doc->>'extent', ''))) > 0))`);
  }
  return q.orderBy('hsds_service.name').orderBy('sal.id');
}

/** Organizations that publish in the directory (an HSDS record or at least one service), by HSDS id. */
export function directoryOrganizationIds(db: Executor, f: { search?: string; id?: string }) {
  const hsdsId = hsdsIdOf('organization.id');
  let q = db
    .selectFrom('organization')
    .select([hsdsId.as('id')])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('hsds_organization')
            .select('organization_id')
            .whereRef('hsds_organization.organization_id', '=', 'organization.id'),
        ),
        eb.exists(eb.selectFrom('hsds_service').select('hsds_service.id').whereRef('hsds_service.organization_id', '=', 'organization.id')),
      ]),
    );
  if (f.search)
    q = q.where(
      sql<boolean>`(organization.name ILIKE ${`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR organization.name % ${f.search})`,
    );
  if (f.id) q = q.where(hsdsId, '=', f.id);
  return q.orderBy('organization.name').orderBy(hsdsId);
}

export function taxonomyIds(db: Executor, f: { search?: string }) {
  let q = db.selectFrom('hsds_taxonomy').select(['id']);
  if (f.search) q = q.where('name', 'ilike', `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('name').orderBy('id');
}

export function taxonomyTermIds(db: Executor, f: { search?: string; taxonomyId?: string; topOnly?: boolean; parentId?: string }) {
  let q = db.selectFrom('hsds_taxonomy_term').select(['id']);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('code', 'ilike', like)]));
  }
  if (f.taxonomyId) q = q.where('taxonomy_id', '=', f.taxonomyId);
  if (f.topOnly) q = q.where('parent_id', 'is', null);
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  return q.orderBy('code').orderBy('name').orderBy('id');
}

export function directorySettings(db: Executor) {
  return db
    .selectFrom('directory_settings')
    .select([
      'hsds_public',
      'stale_after_days',
      'accept_within_business_days',
      'escalate_again_after_business_days',
      'reverify_reminder_days',
    ])
    .executeTakeFirst();
}

export async function saveDirectorySettings(
  db: Executor,
  tenantId: string,
  patch: Partial<{
    hsds_public: boolean;
    stale_after_days: number;
    accept_within_business_days: number;
    escalate_again_after_business_days: number | null;
    reverify_reminder_days: number;
  }>,
) {
  await db
    .insertInto('directory_settings')
    .values({ tenant_id: tenantId, ...patch })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...patch, updated_at: new Date() }))
    .execute();
}

export function tenantBySlug(db: Executor, slug: string) {
  return db.selectFrom('tenant').select(['id', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

// ---- the tabular data package: whole tables ----

/** Every id of one HSDS record table, in a stable order. */
export function tableIds(db: Executor, table: 'hsds_program' | 'hsds_location' | 'hsds_service_at_location') {
  return db.selectFrom(table).select(['id']).orderBy('id').execute();
}

/** Every owned record of one table, owner by owner in document order. */
export async function ownedRowsOf(db: Executor, table: OwnedTable): Promise<OwnedRow[]> {
  const { rows } = await sql<OwnedRow>`SELECT ${sql.lit(table)} AS tbl, owner_type, owner_id, id, position, ref_id, doc
    FROM ${sql.table(table)} ORDER BY position, owner_type, owner_id, id`.execute(db);
  return rows;
}
