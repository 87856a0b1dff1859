import { randomUUID } from 'node:crypto';
import type { OrganizationKind } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { Organization, OrganizationBody } from '../../../shared/schemas/organizations.ts';
import type { Tx } from '../../db/tenant.ts';
import type { OrganizationRow } from '../../db/types.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { countyName, naicsTitle } from '../codes/codes.service.ts';
import { findOrganization, insertOrganization, listOrganizations, updateOrganization } from './organizations.queries.ts';

type Row = Omit<OrganizationRow, 'tenant_id'> & { member_count: number | null };

export function presentOrganization(r: Row): Organization {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as OrganizationKind,
    description: r.description,
    ein: r.ein,
    naics: r.naics,
    naicsTitle: naicsTitle(r.naics),
    email: r.email,
    website: r.website,
    phone: r.phone,
    addressLine1: r.address_line1,
    city: r.city,
    stateCode: r.state_code,
    postalCode: r.postal_code,
    countyFips: r.county_fips,
    countyName: countyName(r.county_fips),
    memberCount: Number(r.member_count ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function toColumns(body: Partial<OrganizationBody>) {
  if (body.naics && !naicsTitle(body.naics)) {
    throw new AppError('validation_failed', 'Unknown NAICS 2022 code.', [
      { field: 'body.naics', code: 'unknown_code', message: 'Unknown NAICS 2022 code.' },
    ]);
  }
  if (body.countyFips && !countyName(body.countyFips)) {
    throw new AppError('validation_failed', 'Unknown county FIPS code.', [
      { field: 'body.countyFips', code: 'unknown_code', message: 'Unknown county FIPS code.' },
    ]);
  }
  const map = {
    name: body.name,
    kind: body.kind,
    description: body.description,
    ein: body.ein,
    naics: body.naics,
    email: body.email,
    website: body.website,
    phone: body.phone,
    address_line1: body.addressLine1,
    city: body.city,
    state_code: body.stateCode,
    postal_code: body.postalCode,
    county_fips: body.countyFips,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
}

export async function list(
  ops: Ops,
  query: { page: number; pageSize: number; q?: string; kind?: OrganizationKind; initiativeId?: string },
): Promise<Page<Organization>> {
  const page = await ops.tx((tx) => paginate(listOrganizations(tx, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentOrganization) };
}

export async function get(ops: Ops, id: string): Promise<Organization> {
  const row = await ops.tx((tx) => findOrganization(tx, id));
  if (!row) throw notFound('organization');
  return presentOrganization(row);
}

export async function createIn(ops: Ops, tx: Tx, body: OrganizationBody): Promise<string> {
  const id = randomUUID();
  const columns = toColumns(body);
  await insertOrganization(tx, { id, tenant_id: ops.tenantId, ...(columns as { name: string; kind: string }) });
  await ops.audit(tx, {
    action: 'organization.created',
    entityType: 'organization',
    entityId: id,
    details: { name: body.name, kind: body.kind },
  });
  return id;
}

export async function create(ops: Ops, body: OrganizationBody): Promise<Organization> {
  const id = await ops.tx((tx) => createIn(ops, tx, body));
  return get(ops, id);
}

export async function update(ops: Ops, id: string, body: Partial<OrganizationBody>): Promise<Organization> {
  await ops.tx(async (tx) => {
    const before = await findOrganization(tx, id);
    if (!before) throw notFound('organization');
    const columns = toColumns(body);
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length === 0) return;
    await updateOrganization(tx, id, columns);
    await ops.audit(tx, { action: 'organization.updated', entityType: 'organization', entityId: id, details: { changes } });
  });
  return get(ops, id);
}
