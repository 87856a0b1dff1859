import { type Tx, withTenant } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Services } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import type { EntityKind } from './hsds.model.ts';
import * as q from './hsds.queries.ts';
import { Assembler } from './hsds.service.ts';

// The HSDS 3.0 API (openapi.json of the specification), read-only, per tenant under /hsds/<slug>/.
// Open to anyone when the tenant publishes its directory; otherwise a Braid API token of one of the
// tenant's users with directory.read.

type Doc = Record<string, unknown>;

export interface HsdsPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Doc[];
}

export interface PageParams {
  page: number;
  per_page: number;
}

export async function openTenant(services: Services, slug: string, authorization: string | undefined): Promise<string> {
  const tenant = await q.tenantBySlug(services.database.db, slug);
  if (!tenant) throw notFound('directory');
  const settings = await withTenant(services.database.db, tenant.id, (tx) => q.directorySettings(tx));
  if (settings?.hsds_public) return tenant.id;
  const match = authorization ? /^Bearer\s+(\S{20,200})$/.exec(authorization) : null;
  if (!match) throw new AppError('unauthenticated', 'This directory needs an API token (Authorization: Bearer).');
  const principal = await services.principals.fromApiToken(match[1]);
  if (!principal || principal.tenantId !== tenant.id)
    throw new AppError('unauthenticated', 'The API token is not valid for this directory.');
  if (!principal.permissions.has('directory.read')) throw new AppError('forbidden', 'The API token may not read the directory.');
  return tenant.id;
}

export function run<T>(services: Services, tenantId: string, fn: (tx: Tx, a: Assembler) => Promise<T>): Promise<T> {
  return withTenant(services.database.db, tenantId, (tx) => fn(tx, new Assembler(tx)));
}

export function pageOf(total: number, params: PageParams, contents: Doc[]): HsdsPage {
  const totalPages = Math.max(1, Math.ceil(total / params.per_page));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: params.page,
    size: contents.length,
    first_page: params.page === 1,
    last_page: params.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export async function idsPage<O extends { id: string }>(
  query: Parameters<typeof paginate<never, never, O>>[0],
  params: PageParams,
): Promise<{ ids: string[]; total: number }> {
  const page = await paginate(query, params.page, params.per_page);
  return { ids: page.items.map((r) => r.id), total: page.total };
}

export async function record(a: Assembler, kind: EntityKind, id: string, skip: string[] = []): Promise<Doc> {
  const doc = await a.one(kind, id, skip);
  if (!doc) throw notFound(kind.replace(/_/g, ' '));
  return doc;
}

/** A service_at_location as the HSDS list shows it: its own fields, its location's and its service's. */
export async function flatServiceAtLocations(a: Assembler, ids: string[]): Promise<Doc[]> {
  const sals = await a.flat('service_at_location', ids);
  const rows = await a.serviceAtLocationRefs(ids);
  const locations = new Map(
    (await a.flat('location', [...new Set(rows.map((r) => r.location_id).filter((v): v is string => !!v))])).map((d) => [d.id, d]),
  );
  const services = new Map((await a.flat('service', [...new Set(rows.map((r) => r.service_id))])).map((d) => [d.id, d]));
  const refs = new Map(rows.map((r) => [r.id, r]));
  return sals.map((s) => {
    const r = refs.get(s.id as string);
    const out: Doc = { ...s };
    if (r?.location_id && locations.has(r.location_id)) out.location = locations.get(r.location_id);
    if (r && services.has(r.service_id)) out.service = services.get(r.service_id);
    return out;
  });
}
