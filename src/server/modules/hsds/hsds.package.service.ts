import type { FieldError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { CHILDREN, ENTITY_KINDS, type EntityKind, isOwned, type Kind, OWNED_TABLES, type OwnedKind, scalars } from './hsds.model.ts';
import * as q from './hsds.queries.ts';
import { validateRecord } from './hsds.schemas.ts';
import { organizationDoc, writeBatches } from './hsds.service.ts';
import { dataPackage, fromCsv, hsdsTables, type Table, tableOf, toCsv, typed, unzipPackage, zipPackage } from './hsds.tabular.ts';

// The HSDS 3.0 tabular data package (a zip of datapackage.json and one CSV per table), both ways.
// Import turns every row into the HSDS JSON record of its table, checks it against the official schema
// (errors name file, line and column), links the rows into nested documents and writes them through the
// JSON import's own path: one transaction, records keyed by HSDS id, so the same package twice changes
// nothing. Export writes what the JSON export would show, one row per record.

type Doc = Record<string, unknown>;

/** An unpacked package may not exceed this (a zip bomb is refused before it is inflated). */
export const PACKAGE_MAX_UNZIPPED = 200 * 1024 * 1024;

export interface PackageImportSummary {
  files: string[];
  rows: number;
  records: Record<string, number>;
}

// The columns by which an owned record names its owner; JSON says the same by nesting, so on import
// they become the nesting and are not kept in the record itself.
const ATTRIBUTE_LINK = 'link_id';
const METADATA_LINK = 'resource_id';

const isEntity = (k: string): k is EntityKind => (ENTITY_KINDS as readonly string[]).includes(k);

// ---- export ----

interface OutRow {
  core: Doc;
  links: Record<string, string>;
}

function canonical(doc: Doc): string {
  return (
    JSON.stringify(Object.keys(doc).sort(), null, 0) +
    JSON.stringify(
      Object.keys(doc)
        .sort()
        .map((k) => doc[k]),
    )
  );
}

/** Rows in the order of their ids (a query by ids returns them in whatever order the table holds them). */
function inOrder<R extends { id: string }>(ids: string[], rows: R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The zip of the tenant's whole directory: datapackage.json and every HSDS table. */
export async function exportPackage(ops: Ops): Promise<{ filename: string; body: Buffer; counts: Record<string, number> }> {
  return ops.tx(async (tx) => {
    const rows = new Map<string, Doc[]>();
    const put = (kind: string, doc: Doc) => rows.set(kind, [...(rows.get(kind) ?? []), doc]);
    const flat = (kind: Kind, doc: Doc) => scalars(kind, doc);

    const orgIds = (await q.directoryOrganizationIds(tx, {}).execute()).map((r) => r.id);
    for (const r of orgIds.length ? inOrder(orgIds, await q.organizationRows(tx, orgIds)) : [])
      put('organization', flat('organization', organizationDoc(r)));
    const programIds = (await q.tableIds(tx, 'hsds_program')).map((r) => r.id);
    for (const r of programIds.length ? inOrder(programIds, await q.programRows(tx, programIds)) : [])
      put('program', { ...flat('program', r.doc), organization_id: r.organization_id ?? r.doc.organization_id });
    const locationIds = (await q.tableIds(tx, 'hsds_location')).map((r) => r.id);
    for (const r of locationIds.length ? inOrder(locationIds, await q.locationRows(tx, locationIds)) : [])
      put('location', { ...flat('location', r.doc), organization_id: r.organization_id ?? r.doc.organization_id });
    const serviceIds = (await q.serviceIds(tx, {}).execute()).map((r) => r.id);
    for (const r of serviceIds.length ? inOrder(serviceIds, await q.serviceRows(tx, serviceIds)) : [])
      put('service', {
        ...flat('service', r.doc),
        organization_id: r.organization_id,
        program_id: r.program_id ?? r.doc.program_id,
      });
    const salIds = (await q.tableIds(tx, 'hsds_service_at_location')).map((r) => r.id);
    for (const r of salIds.length ? inOrder(salIds, await q.serviceAtLocationRows(tx, salIds)) : [])
      put('service_at_location', {
        ...flat('service_at_location', r.doc),
        service_id: r.service_id,
        location_id: r.location_id ?? r.doc.location_id,
      });
    const taxonomyIds = (await q.taxonomyIds(tx, {}).execute()).map((r) => r.id);
    for (const r of taxonomyIds.length ? inOrder(taxonomyIds, await q.taxonomyRows(tx, taxonomyIds)) : [])
      put('taxonomy', flat('taxonomy', r.doc));
    const termIds = (await q.taxonomyTermIds(tx, {}).execute()).map((r) => r.id);
    for (const r of termIds.length ? inOrder(termIds, await q.taxonomyTermRows(tx, termIds)) : [])
      put('taxonomy_term', { ...flat('taxonomy_term', r.doc), taxonomy_id: r.taxonomy_id ?? r.doc.taxonomy_id });

    // An owned record shared by several owners (the spec's examples give a service, its location and its
    // organization the same phone) is one row naming each owner, as in the specification's own CSVs.
    for (const [kind, table] of Object.entries(OWNED_TABLES) as [OwnedKind, (typeof OWNED_TABLES)[OwnedKind]][]) {
      const t = tableOf(kind);
      const byId = new Map<string, OutRow[]>();
      for (const r of await q.ownedRowsOf(tx, table)) {
        const core = flat(kind, r.doc);
        const links: Record<string, string> = {};
        if (kind === 'attribute') {
          links[ATTRIBUTE_LINK] = r.owner_id;
          core.link_entity ??= r.owner_type;
          if (r.ref_id) core.taxonomy_term_id ??= r.ref_id;
        } else if (kind === 'metadata') {
          links[METADATA_LINK] = r.owner_id;
          core.resource_type ??= r.owner_type;
        } else {
          const column = `${r.owner_type}_id`;
          if (!t.links[column]) continue;
          links[column] = r.owner_id;
          for (const c of Object.keys(t.links)) delete core[c];
        }
        delete core[ATTRIBUTE_LINK];
        delete core[METADATA_LINK];
        const same = byId.get(r.id) ?? [];
        const key = canonical(core);
        const into = same.find((o) => canonical(o.core) === key && Object.keys(links).every((c) => !(c in o.links)));
        if (into) Object.assign(into.links, links);
        else same.push({ core, links });
        byId.set(r.id, same);
      }
      for (const list of byId.values()) for (const o of list) put(kind, { ...o.core, ...o.links });
    }

    const files: Record<string, string> = {};
    const extra = new Map<string, string[]>();
    const counts: Record<string, number> = {};
    for (const t of hsdsTables()) {
      const list = rows.get(t.kind) ?? [];
      const known = new Set(t.fields.map((f) => f.name));
      // Fields beyond the specification (an HSDS profile's) travel as extra columns.
      const more = [...new Set(list.flatMap((d) => Object.keys(d).filter((k) => !known.has(k) && d[k] !== undefined)))].sort();
      extra.set(t.kind, more);
      files[t.path] = toCsv([...t.fields.map((f) => f.name), ...more], list);
      counts[t.kind] = list.length;
    }
    files['datapackage.json'] = `${JSON.stringify(dataPackage(extra), null, 2)}\n`;
    await ops.audit(tx, { action: 'hsds.exported', entityType: 'hsds', entityId: null, details: { format: 'tabular', records: counts } });
    return {
      filename: `hsds-${new Date().toISOString().slice(0, 10)}.zip`,
      body: Buffer.from(zipPackage(files)),
      counts,
    };
  });
}

// ---- import ----

interface Parsed {
  table: Table;
  file: string;
  line: number;
  doc: Doc;
}

/** Reads, checks and writes a package: every error of every file first, then all of it or none of it. */
export async function importPackage(ops: Ops, bytes: Uint8Array): Promise<PackageImportSummary> {
  const files = unzipPackage(bytes, PACKAGE_MAX_UNZIPPED);
  const errors: FieldError[] = [];
  const present = hsdsTables().filter((t) => files.has(t.path));
  if (present.length === 0) {
    throw new AppError('validation_failed', 'The zip holds no HSDS table.', [
      { field: 'file', code: 'required', message: 'An HSDS data package holds organizations.csv, services.csv and the other tables.' },
    ]);
  }
  const dp = files.get('datapackage.json');
  if (dp !== undefined) {
    try {
      JSON.parse(dp);
    } catch {
      errors.push({ field: 'datapackage.json', code: 'json', message: 'datapackage.json is not JSON.' });
    }
  }

  // 1. Every row as the HSDS record of its table, checked against the schema.
  const parsed: Parsed[] = [];
  const ids = new Map<string, Set<string>>();
  for (const t of present) {
    const csv = fromCsv(t.path, files.get(t.path) as string);
    errors.push(...csv.errors);
    if (csv.rows.length > 0 && !csv.columns.includes('id'))
      errors.push({ field: `${t.path}:1`, code: 'required', message: 'The table has no id column.' });
    const fields = new Map(t.fields.map((f) => [f.name, f]));
    const seen = new Set<string>();
    for (const row of csv.rows) {
      const where = `${t.path}:${row.line}`;
      const doc: Doc = {};
      for (const [c, v] of Object.entries(row.values)) if (c !== '' && v !== '') doc[c] = typed(fields.get(c), v);
      errors.push(...validateRecord(t.kind, doc, where));
      for (const c of t.tabularRequired)
        if (doc[c] === undefined) errors.push({ field: `${where}.${c}`, code: 'required', message: `must have required property '${c}'` });
      const id = typeof doc.id === 'string' ? doc.id : '';
      // Owned records may repeat an id, one row per owner; a record with an identity of its own may not.
      if (id && isEntity(t.kind) && seen.has(id))
        errors.push({ field: `${where}.id`, code: 'unique', message: 'Another row of this table has the same id.' });
      seen.add(id);
      ids.set(t.kind, (ids.get(t.kind) ?? new Set()).add(id));
      parsed.push({ table: t, file: t.path, line: row.line, doc });
    }
  }
  if (errors.length > 0) throw new AppError('validation_failed', 'The data package does not match the HSDS 3.0 schemas.', errors);

  // 2. Owned rows under their owners.
  const has = (kind: string, id: unknown) => typeof id === 'string' && (ids.get(kind)?.has(id) ?? false);
  const kindOf = (id: string, hint: unknown): string | null => {
    if (typeof hint === 'string' && has(hint, id)) return hint;
    return hsdsTables().find((t) => has(t.kind, id))?.kind ?? null;
  };
  const children = new Map<string, Parsed[]>(); // `${childKind}|${ownerKind}|${ownerId}` → rows
  const entityRefs: [string, string, string][] = []; // [where, kind, id] to check
  for (const p of parsed) {
    const { table: t, doc } = p;
    const where = `${p.file}:${p.line}`;
    if (isEntity(t.kind)) {
      if (t.kind === 'service' && typeof doc.program_id === 'string') entityRefs.push([`${where}.program_id`, 'program', doc.program_id]);
      if (t.kind === 'service_at_location') {
        entityRefs.push([`${where}.service_id`, 'service', String(doc.service_id)]);
        if (typeof doc.location_id === 'string') entityRefs.push([`${where}.location_id`, 'location', doc.location_id]);
      }
      continue;
    }
    if (t.kind === 'meta_table_description') continue;
    const owners: [string, string, string][] = [];
    if (t.kind === 'attribute' || t.kind === 'metadata') {
      const column = t.kind === 'attribute' ? ATTRIBUTE_LINK : METADATA_LINK;
      const id = String(doc[column]);
      const owner = kindOf(id, t.kind === 'attribute' ? doc.link_entity : doc.resource_type);
      if (owner) owners.push([column, owner, id]);
      else errors.push({ field: `${where}.${column}`, code: 'unknown_reference', message: 'No record of the package has this id.' });
    } else {
      for (const [column, kind] of Object.entries(t.links)) {
        if (typeof doc[column] !== 'string') continue;
        if (has(kind, doc[column])) owners.push([column, kind, doc[column] as string]);
        else
          errors.push({
            field: `${where}.${column}`,
            code: 'unknown_reference',
            message: `No ${kind.replace(/_/g, ' ')} of the package has this id.`,
          });
      }
      if (owners.length === 0 && Object.keys(t.links).every((c) => typeof doc[c] !== 'string'))
        errors.push({
          field: where,
          code: 'required',
          message: `Say which record this belongs to (${Object.keys(t.links).join(', ')}).`,
        });
    }
    for (const [, kind, id] of owners) {
      const key = `${t.kind}|${kind}|${id}`;
      children.set(key, [...(children.get(key) ?? []), p]);
    }
  }
  for (const [field, kind, id] of entityRefs)
    if (!has(kind, id))
      errors.push({ field, code: 'unknown_reference', message: `No ${kind.replace(/_/g, ' ')} of the package has this id.` });
  if (errors.length > 0) throw new AppError('validation_failed', 'The data package refers to records it does not carry.', errors);

  // 3. Nested HSDS documents, then the JSON import's writer. A table the package carries replaces what
  // its owners had (a phone left out is removed); a table it leaves out is left as it is.
  const presentKinds = new Set(present.map((t) => t.kind));
  const nest = (kind: Kind, doc: Doc, depth: number): Doc => {
    const out: Doc = { ...doc };
    if (isOwned(kind)) {
      for (const c of Object.keys(tableOf(kind).links)) delete out[c];
      delete out[ATTRIBUTE_LINK];
      delete out[METADATA_LINK];
    }
    for (const [prop, child] of Object.entries(CHILDREN[kind])) {
      if (!child.many || !isOwned(child.kind) || !presentKinds.has(child.kind) || depth > 4) continue;
      out[prop] = (children.get(`${child.kind}|${kind}|${String(doc.id)}`) ?? []).map((c) => nest(child.kind, c.doc, depth + 1));
    }
    return out;
  };
  const batches: [Kind, Doc[]][] = (
    ['taxonomy', 'taxonomy_term', 'organization', 'program', 'location', 'service', 'service_at_location'] as const
  ).map((kind) => [kind, parsed.filter((p) => p.table.kind === kind).map((p) => nest(kind, p.doc, 0))]);
  return ops.tx(async (tx: Tx) => {
    const records = await writeBatches(tx, ops, batches);
    const summary = { files: present.map((t) => t.path), rows: parsed.length, records };
    await ops.audit(tx, { action: 'hsds.imported', entityType: 'hsds', entityId: null, details: { format: 'tabular', ...summary } });
    return summary;
  });
}
