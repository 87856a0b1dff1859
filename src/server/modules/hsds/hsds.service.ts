import { createHash } from 'node:crypto';
import type { FieldError } from '../../../shared/errors.ts';
import type { DirectorySettings, HSDS_IMPORT_KINDS } from '../../../shared/schemas/hsds.ts';
import type { Executor, Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { BACK_REFERENCES, CHILDREN, type EntityKind, isOwned, type Kind, OWNED_TABLES, type OwnedTable, scalars } from './hsds.model.ts';
import * as q from './hsds.queries.ts';
import { validateRecord } from './hsds.schemas.ts';

// HSDS 3.0 JSON import and export. An import is validated whole against the official schemas first
// (every error, with its path), then written in one transaction: all of it or none of it. Records are
// keyed by their HSDS ids within the tenant, so importing the same document again updates instead of
// duplicating, and another tenant importing the same document gets rows of its own.

export type ImportKind = (typeof HSDS_IMPORT_KINDS)[number];

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

interface Plan {
  taxonomies: Map<string, { doc: Doc }>;
  terms: Map<string, { doc: Doc; taxonomy_id: string | null; parent_id: string | null }>;
  organizations: Map<string, { doc: Doc }>;
  programs: Map<string, { doc: Doc; organization_id: string | null }>;
  locations: Map<string, { doc: Doc; organization_id: string | null }>;
  services: Map<string, { doc: Doc; organization_id: string | null; program_id: string | null }>;
  sals: Map<string, { doc: Doc; service_id: string | null; location_id: string | null }>;
  owned: Map<string, q.OwnedRow>;
  clear: Map<string, { table: OwnedTable; ownerType: string; ownerIds: Set<string> }>;
}

export interface ImportSummary {
  documents: number;
  records: Record<string, number>;
}

/** The documents of a body: one record, a list of them, or an HSDS Page ({ contents: [...] }). */
export function documentsOf(body: unknown): { docs: unknown[]; prefix: (i: number) => string } {
  if (Array.isArray(body)) return { docs: body, prefix: (i) => `body[${i}]` };
  if (isObject(body) && Array.isArray(body.contents) && !('id' in body))
    return { docs: body.contents, prefix: (i) => `body.contents[${i}]` };
  return { docs: [body], prefix: () => 'body' };
}

/** Checks documents against the schemas, nested services included; returns every error with its path. */
export function validateDocuments(kind: ImportKind, body: unknown): FieldError[] {
  const { docs, prefix } = documentsOf(body);
  const errors: FieldError[] = [];
  docs.forEach((doc, i) => {
    errors.push(...validateRecord(kind, doc, prefix(i)));
    // HSDS schemas leave the reverse nestings (organization.services, service_at_location.service) open.
    if (isObject(doc) && kind === 'organization' && Array.isArray(doc.services)) {
      doc.services.forEach((s, j) => {
        errors.push(...validateRecord('service', s, `${prefix(i)}.services[${j}]`));
      });
    }
    if (isObject(doc) && kind === 'service_at_location' && doc.service !== undefined) {
      errors.push(...validateRecord('service', doc.service, `${prefix(i)}.service`));
    }
  });
  return errors;
}

function plan(batches: [Kind, Doc[]][]): Plan {
  const p: Plan = {
    taxonomies: new Map(),
    terms: new Map(),
    organizations: new Map(),
    programs: new Map(),
    locations: new Map(),
    services: new Map(),
    sals: new Map(),
    owned: new Map(),
    clear: new Map(),
  };

  // Returns the id of the record walked.
  const walk = (k: Kind, doc: Doc, parent: { kind: Kind; id: string } | null, position: number): string => {
    const id = String(doc.id);
    const own = scalars(k, doc);
    const refs: Record<string, string> = {};
    for (const [prop, child] of Object.entries(CHILDREN[k])) {
      const value = doc[prop];
      if (child.many && Array.isArray(value)) {
        if (isOwned(child.kind)) {
          const table = OWNED_TABLES[child.kind];
          const key = `${table}|${k}`;
          const entry = p.clear.get(key) ?? { table, ownerType: k, ownerIds: new Set<string>() };
          entry.ownerIds.add(id);
          p.clear.set(key, entry);
        }
        value.forEach((v, i) => {
          if (isObject(v)) walk(child.kind, v, { kind: k, id }, i);
        });
      } else if (!child.many && isObject(value)) {
        refs[prop] = walk(child.kind, value, { kind: k, id }, 0);
      }
    }
    const from = (kindOf: Kind) => (parent?.kind === kindOf ? parent.id : null);
    switch (k) {
      case 'taxonomy':
        p.taxonomies.set(id, { doc: own });
        break;
      case 'taxonomy_term':
        p.terms.set(id, { doc: own, taxonomy_id: refs.taxonomy_detail ?? str(own.taxonomy_id), parent_id: str(own.parent_id) });
        break;
      case 'organization':
        p.organizations.set(id, { doc: own });
        break;
      case 'program':
        p.programs.set(id, {
          doc: own,
          organization_id: from('organization') ?? str(own.organization_id) ?? p.programs.get(id)?.organization_id ?? null,
        });
        break;
      case 'location':
        p.locations.set(id, {
          doc: own,
          organization_id: from('organization') ?? str(own.organization_id) ?? p.locations.get(id)?.organization_id ?? null,
        });
        break;
      case 'service':
        p.services.set(id, {
          doc: own,
          organization_id: refs.organization ?? from('organization') ?? str(own.organization_id),
          program_id: refs.program ?? str(own.program_id),
        });
        break;
      case 'service_at_location':
        p.sals.set(id, {
          doc: own,
          service_id: refs.service ?? from('service') ?? str(own.service_id),
          location_id: refs.location ?? str(own.location_id),
        });
        break;
      default: {
        if (!parent) break;
        const table = OWNED_TABLES[k];
        p.owned.set(`${table}|${parent.kind}|${parent.id}|${id}`, {
          tbl: table,
          owner_type: parent.kind,
          owner_id: parent.id,
          id,
          position,
          // The tabular format names an attribute's term by id instead of nesting it.
          ref_id: refs.taxonomy_term ?? (k === 'attribute' ? str(own.taxonomy_term_id) : null),
          doc: own,
        });
      }
    }
    return id;
  };
  for (const [kind, docs] of batches) for (const doc of docs) walk(kind, doc, null, 0);
  return p;
}

export async function importDocuments(ops: Ops, kind: ImportKind, body: unknown): Promise<ImportSummary> {
  return ops.tx((tx) => importIn(ops, tx, kind, body));
}

/** Writes validated documents inside the caller's transaction (the demo seed uses it directly). */
export async function importIn(ops: Ops, tx: Tx, kind: ImportKind, body: unknown): Promise<ImportSummary> {
  const errors = validateDocuments(kind, body);
  if (errors.length > 0) throw new AppError('validation_failed', 'The HSDS document does not match the HSDS 3.0 schema.', errors);
  const docs = documentsOf(body).docs as Doc[];
  const records = await writeBatches(tx, ops, [[kind, docs]]);
  await ops.audit(tx, { action: 'hsds.imported', entityType: 'hsds', entityId: null, details: { kind, documents: docs.length, records } });
  return { documents: docs.length, records };
}

/**
 * Writes already validated records of several kinds as one import (the tabular package carries each
 * table flat: taxonomies, terms, organizations, programs, locations, services, service at locations).
 */
export async function writeBatches(tx: Tx, ops: Ops, batches: [Kind, Doc[]][]): Promise<Record<string, number>> {
  const p = plan(batches);
  await write(ops, tx, p);
  return {
    organizations: p.organizations.size,
    services: p.services.size,
    locations: p.locations.size,
    service_at_locations: p.sals.size,
    programs: p.programs.size,
    taxonomies: p.taxonomies.size,
    taxonomy_terms: p.terms.size,
    other: p.owned.size,
  };
}

/**
 * Braid's id for an organization an import brings that this tenant does not know yet: derived from the
 * tenant and the HSDS id (a name-based UUID, RFC 9562 version 5), so it cannot collide with another
 * tenant's organization, reveals nothing of them, and two imports of the same document agree on it.
 */
export function newOrganizationId(tenantId: string, hsdsId: string): string {
  const h = createHash('sha1')
    .update(Buffer.from(tenantId.replace(/-/g, ''), 'hex'))
    .update(`hsds:organization:${hsdsId}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

async function write(ops: Ops, tx: Tx, p: Plan): Promise<void> {
  const t = ops.tenantId;
  // Organizations are named by HSDS id; each is one this tenant knows, or one the document brings.
  const named = new Set<string>(p.organizations.keys());
  for (const r of [...p.services.values(), ...p.programs.values(), ...p.locations.values()])
    if (r.organization_id) named.add(r.organization_id);
  const braidIds = await q.organizationsByHsdsId(tx, [...named]);
  for (const id of p.organizations.keys()) if (!braidIds.has(id)) braidIds.set(id, newOrganizationId(t, id));
  const missing: FieldError[] = [];
  const unknownOrganization = (what: string, id: string) =>
    missing.push({ field: `${what} ${id}.organization_id`, code: 'unknown_reference', message: 'No such organization in this directory.' });
  for (const [id, s] of p.services) {
    if (!s.organization_id)
      missing.push({ field: `service ${id}.organization_id`, code: 'required', message: 'A service needs its organization.' });
    else if (!braidIds.has(s.organization_id)) unknownOrganization('service', id);
  }
  for (const [id, r] of p.programs) if (r.organization_id && !braidIds.has(r.organization_id)) unknownOrganization('program', id);
  for (const [id, r] of p.locations) if (r.organization_id && !braidIds.has(r.organization_id)) unknownOrganization('location', id);
  const braidOf = (hsdsId: string | null) => (hsdsId ? (braidIds.get(hsdsId) as string) : null);
  for (const [id, s] of p.sals) {
    if (!s.service_id)
      missing.push({
        field: `service_at_location ${id}.service_id`,
        code: 'required',
        message: 'A service at location needs its service.',
      });
  }
  if (missing.length > 0) throw new AppError('validation_failed', 'The HSDS document refers to records it does not carry.', missing);

  for (const [id, r] of p.taxonomies) await q.upsertTaxonomy(tx, t, { id, doc: r.doc });
  for (const [id, r] of p.terms) {
    await q.upsertTaxonomyTerm(tx, t, { id, ...r, taxonomy_id: r.taxonomy_id && p.taxonomies.has(r.taxonomy_id) ? r.taxonomy_id : null });
  }
  for (const [id, r] of p.organizations) {
    const organizationId = braidOf(id) as string;
    await q.upsertOrganization(tx, t, {
      id: organizationId,
      name: String(r.doc.name),
      description: str(r.doc.description),
      email: str(r.doc.email),
      website: str(r.doc.website),
    });
    await q.upsertHsdsOrganization(tx, t, { organizationId, hsdsId: id, doc: r.doc });
  }
  for (const [id, r] of p.programs) await q.upsertProgram(tx, t, { id, doc: r.doc, organization_id: braidOf(r.organization_id) });
  for (const [id, r] of p.locations) await q.upsertLocation(tx, t, { id, doc: r.doc, organization_id: braidOf(r.organization_id) });
  for (const [id, r] of p.services) {
    const assured = str(r.doc.assured_date);
    await q.upsertService(tx, t, {
      id,
      doc: r.doc,
      organization_id: braidOf(r.organization_id) as string,
      program_id: r.program_id,
      // An imported entry counts as verified when its publisher last assured it, else now.
      verified_at: assured && !Number.isNaN(Date.parse(assured)) ? new Date(assured) : new Date(),
    });
  }
  for (const [id, r] of p.sals)
    await q.upsertServiceAtLocation(tx, t, { id, doc: r.doc, service_id: r.service_id as string, location_id: r.location_id });
  for (const c of p.clear.values()) await clearOwnedDeep(tx, c.table, c.ownerType, [...c.ownerIds]);
  await q.insertOwned(tx, t, [...p.owned.values()]);
}

/** Clears owned records and, below them, what they owned (a contact's phones, a phone's languages). */
async function clearOwnedDeep(tx: Tx, table: OwnedTable, ownerType: string, ownerIds: string[]): Promise<void> {
  const removed = await q.clearOwned(tx, table, ownerType, ownerIds);
  if (removed.length === 0) return;
  const kind = (Object.entries(OWNED_TABLES).find(([, v]) => v === table) as [Kind, OwnedTable])[0];
  for (const child of Object.values(CHILDREN[kind])) {
    if (isOwned(child.kind)) await clearOwnedDeep(tx, OWNED_TABLES[child.kind], kind, removed);
  }
}

// ---- export ----

/** `id` is the HSDS id; `key`, where it differs, the id Braid's own tables use (an organization's). */
type Row = { id: string; doc: Doc; key?: string };

/** Turns stored rows back into HSDS documents: the record's own fields, then its nestings in HSDS order. */
export class Assembler {
  constructor(private readonly db: Executor) {}

  serviceAtLocationRefs(ids: string[]) {
    return ids.length === 0 ? Promise.resolve([]) : q.serviceAtLocationRows(this.db, ids);
  }

  async one(kind: EntityKind, id: string, skip: string[] = []): Promise<Doc | null> {
    const docs = await this.many(kind, [id], skip);
    return docs[0] ?? null;
  }

  /** The records' one-to-one fields only, as HSDS lists show them. */
  async flat(kind: EntityKind, ids: string[], keep: string[] = []): Promise<Doc[]> {
    return this.many(
      kind,
      ids,
      Object.keys(CHILDREN[kind]).filter((p) => !keep.includes(p)),
    );
  }

  async many(kind: EntityKind, ids: string[], skip: string[] = []): Promise<Doc[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows(kind, ids);
    const byId = new Map(rows.map((r) => [r.row.id, r]));
    const out: Doc[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (r) out.push(await this.nest(kind, r.row, r.refs, skip));
    }
    return out;
  }

  private async rows(kind: EntityKind, ids: string[]): Promise<{ row: Row; refs: Record<string, string | null> }[]> {
    switch (kind) {
      case 'organization':
        return (await q.organizationRows(this.db, ids)).map((r) => ({
          row: { id: r.id, key: r.organization_id, doc: organizationDoc(r) },
          refs: {},
        }));
      case 'service':
        return (await q.serviceRows(this.db, ids)).map((r) => ({
          row: { id: r.id, doc: r.doc },
          refs: { organization: r.organization_id, program: r.program_id },
        }));
      case 'service_at_location':
        return (await q.serviceAtLocationRows(this.db, ids)).map((r) => ({
          row: { id: r.id, doc: r.doc },
          refs: { location: r.location_id, service: r.service_id },
        }));
      case 'location':
        return (await q.locationRows(this.db, ids)).map((r) => ({ row: { id: r.id, doc: r.doc }, refs: {} }));
      case 'program':
        return (await q.programRows(this.db, ids)).map((r) => ({ row: { id: r.id, doc: r.doc }, refs: {} }));
      case 'taxonomy':
        return (await q.taxonomyRows(this.db, ids)).map((r) => ({ row: { id: r.id, doc: r.doc }, refs: {} }));
      case 'taxonomy_term':
        return (await q.taxonomyTermRows(this.db, ids)).map((r) => ({
          row: { id: r.id, doc: r.doc },
          refs: { taxonomy_detail: r.taxonomy_id },
        }));
    }
  }

  private async entityChildren(kind: Kind, prop: string, id: string): Promise<string[]> {
    if (kind === 'organization' && prop === 'locations') return (await q.locationsOfOrganization(this.db, id)).map((r) => r.id);
    if (kind === 'organization' && prop === 'programs') return (await q.programsOfOrganization(this.db, id)).map((r) => r.id);
    if (kind === 'organization' && prop === 'services') return (await q.servicesOfOrganization(this.db, id)).map((r) => r.id);
    if (kind === 'service' && prop === 'service_at_locations') return (await q.serviceAtLocationsOfService(this.db, id)).map((r) => r.id);
    return [];
  }

  private async nest(kind: Kind, row: Row, refs: Record<string, string | null>, skip: string[], owned?: q.OwnedRow[]): Promise<Doc> {
    const out: Doc = { ...row.doc };
    const children = CHILDREN[kind];
    const wantsOwned = Object.entries(children).some(([prop, c]) => isOwned(c.kind) && !skip.includes(prop));
    const mine = owned ?? (wantsOwned ? await q.ownedOf(this.db, kind, [row.id]) : []);
    for (const [prop, child] of Object.entries(children)) {
      if (skip.includes(prop)) continue;
      const inner = BACK_REFERENCES[kind]?.[prop] ?? [];
      if (isOwned(child.kind)) {
        const table = OWNED_TABLES[child.kind];
        const rows = mine.filter((r) => r.tbl === table);
        if (!child.many) continue;
        const docs: Doc[] = [];
        for (const r of rows) docs.push(await this.nest(child.kind, r, {}, [], undefined));
        if (docs.length > 0) out[prop] = docs;
      } else if (child.many) {
        const ids = await this.entityChildren(kind, prop, row.key ?? row.id);
        const docs = await this.many(child.kind as EntityKind, ids, inner);
        if (docs.length > 0) out[prop] = docs;
      } else {
        const refId = kind === 'attribute' ? (row as q.OwnedRow).ref_id : refs[prop];
        if (!refId) continue;
        const doc = await this.one(child.kind as EntityKind, refId, inner);
        if (doc) out[prop] = doc;
      }
    }
    return out;
  }
}

type OrganizationRow = Awaited<ReturnType<typeof q.organizationRows>>[number];

/** Braid's own columns win over the stored HSDS copy, so edits made in Braid are what HSDS sees. */
export function organizationDoc(r: OrganizationRow): Doc {
  const doc: Doc = {
    ...(r.doc ?? {}),
    id: r.id,
    name: r.name,
    description: r.description ?? (r.doc?.description as string | undefined) ?? '',
  };
  if (r.email) doc.email = r.email;
  if (r.website) doc.website = /^[a-z][a-z0-9+.-]*:/i.test(r.website) ? r.website : `https://${r.website}`;
  return doc;
}

export async function exportOne(ops: Ops, kind: EntityKind, id: string): Promise<Doc> {
  const doc = await ops.tx((tx) => new Assembler(tx).one(kind, id));
  if (!doc) throw notFound(kind.replace(/_/g, ' '));
  return doc;
}

export async function exportAll(ops: Ops, kind: 'service' | 'organization' | 'taxonomy' | 'taxonomy_term') {
  return ops.tx(async (tx) => {
    const ids =
      kind === 'service'
        ? await q.serviceIds(tx, {}).execute()
        : kind === 'organization'
          ? await q.directoryOrganizationIds(tx, {}).execute()
          : kind === 'taxonomy'
            ? await q.taxonomyIds(tx, {}).execute()
            : await q.taxonomyTermIds(tx, {}).execute();
    const contents = await new Assembler(tx).many(
      kind,
      ids.map((r) => r.id),
    );
    await ops.audit(tx, { action: 'hsds.exported', entityType: 'hsds', entityId: null, details: { kind, records: contents.length } });
    return {
      total_items: contents.length,
      total_pages: 1,
      page_number: 1,
      size: contents.length,
      first_page: true,
      last_page: true,
      empty: contents.length === 0,
      contents,
    };
  });
}

export async function getSettings(ops: Ops): Promise<DirectorySettings> {
  const row = await ops.tx((tx) => q.directorySettings(tx));
  return {
    hsdsPublic: row?.hsds_public ?? false,
    staleAfterDays: row?.stale_after_days ?? 180,
    acceptWithinBusinessDays: row?.accept_within_business_days ?? 3,
    escalateAgainAfterBusinessDays: row?.escalate_again_after_business_days ?? null,
    reverifyReminderDays: row?.reverify_reminder_days ?? 30,
  };
}

export async function updateSettings(ops: Ops, patch: Partial<DirectorySettings>): Promise<DirectorySettings> {
  const columns = Object.fromEntries(
    Object.entries({
      hsds_public: patch.hsdsPublic,
      stale_after_days: patch.staleAfterDays,
      accept_within_business_days: patch.acceptWithinBusinessDays,
      escalate_again_after_business_days: patch.escalateAgainAfterBusinessDays,
      reverify_reminder_days: patch.reverifyReminderDays,
    }).filter(([, v]) => v !== undefined),
  );
  await ops.tx(async (tx) => {
    await q.saveDirectorySettings(tx, ops.tenantId, columns);
    await ops.audit(tx, {
      action: 'directory.settings_changed',
      entityType: 'directory_settings',
      entityId: null,
      details: { changes: patch },
    });
  });
  return getSettings(ops);
}
