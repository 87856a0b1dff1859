import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { withTenant } from '../../db/tenant.ts';
import type { DB } from '../../db/types.ts';
import { makeOps } from '../../platform/http.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';
import { DEMO_PASSWORD, DEMO_TENANT } from '../../seed/demo-partnership.ts';
import { createIn as createOrganization } from '../organizations/organizations.service.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { createWithPassword } from '../users/users.service.ts';
import { apiResponseValidator, HSDS_DIR } from './hsds.schemas.ts';

// Two partnerships of one database import the same HSDS documents (the specification's examples, same
// ids): each gets rows of its own, a change in one leaves the other as it was, and each tenant's HSDS API
// answers with its own records under the document's ids.

type Doc = Record<string, unknown>;
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(HSDS_DIR, 'examples', `${name}.json`), 'utf8')) as Doc;
const EXAMPLES: [string, string][] = [
  ['service', 'service_full'],
  ['organization', 'organization_full'],
  ['service_at_location', 'service_at_location_full'],
  ['taxonomy', 'taxonomy'],
  ['taxonomy_term', 'taxonomy_term'],
];
const service = example('service_full');
const organization = example('organization_full');

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = normalize(v);
    }
    return out;
  }
  return value;
}

interface Side {
  tenantId: string;
  slug: string;
  admin: Caller;
  token: string;
}

let t: TestApp;
let db: Kysely<DB>;
let a: Side;
let b: Side;

async function tokenOf(caller: Caller): Promise<string> {
  const res = await caller.request('POST', '/api/account/tokens', { name: 'hsds tenants test' });
  expect(res.status).toBe(201);
  const token = ((await res.json()) as { token: string }).token;
  rememberSecret(token);
  return token;
}

async function hsdsApi(side: Side, url: string, openapiPath: string): Promise<Doc> {
  const res = await t.fetch(`/hsds/${side.slug}${url}`, { headers: { authorization: `Bearer ${side.token}` } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text) as Doc;
  const validate = apiResponseValidator(openapiPath);
  expect(validate(body) ? [] : validate.errors, `${side.slug}${url} against openapi ${openapiPath}`).toEqual([]);
  return body;
}

async function importJson(side: Side, type: string, doc: unknown) {
  const res = await side.admin.request('POST', `/api/directory/hsds/import?type=${type}`, doc);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** What the tenant's own transaction sees (row-level security applies). */
function countsOf(side: Side) {
  return withTenant(db, side.tenantId, async (tx) => {
    const { rows } = await sql<Record<string, number>>`SELECT
        (SELECT count(*) FROM hsds_service)::int AS services, (SELECT count(*) FROM hsds_phone)::int AS phones,
        (SELECT count(*) FROM hsds_location)::int AS locations, (SELECT count(*) FROM hsds_taxonomy_term)::int AS terms,
        (SELECT count(*) FROM hsds_organization)::int AS organizations`.execute(tx);
    return rows[0];
  });
}

async function download(side: Side): Promise<Record<string, string>> {
  const res = await side.admin.request('GET', '/api/directory/hsds/package');
  expect(res.status, await res.clone().text()).toBe(200);
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await res.arrayBuffer()))).map(([k, v]) => [k, strFromU8(v)]));
}

async function upload(side: Side, files: Record<string, string>) {
  const form = new FormData();
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  form.append('file', new Blob([Buffer.from(zip)], { type: 'application/zip' }), 'hsds.zip');
  const res = await fetch(`${t.baseUrl}/api/directory/hsds/package`, {
    method: 'POST',
    headers: { cookie: side.admin.cookie, 'x-csrf-token': side.admin.csrf },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.db.database.db;
  const tenantB = randomUUID();
  await createTenant(db, { id: tenantB, slug: 'bravo-partnership', name: 'Bravo Manufacturing Partnership' });
  const { ops, flush } = makeOps(t.rt.services, tenantB, { userId: null, label: 'test setup' });
  await ops.tx(async (tx) => {
    const org = await createOrganization(ops, tx, { name: 'Bravo Workforce Board', kind: 'intermediary' });
    await createWithPassword(ops, tx, {
      email: 'admin@bravo.test',
      name: 'Bea Bravo',
      password: DEMO_PASSWORD,
      organizationId: org,
      role: 'admin',
    });
  });
  await flush();
  const adminA = await t.as('admin');
  const adminB = await t.as('admin@bravo.test');
  a = { tenantId: t.tenantId, slug: DEMO_TENANT.slug, admin: adminA, token: await tokenOf(adminA) };
  b = { tenantId: tenantB, slug: 'bravo-partnership', admin: adminB, token: await tokenOf(adminB) };
});
afterAll(() => t?.close());

describe('the same HSDS document in two partnerships', () => {
  it('imports as JSON into each, and a change in one leaves the other unchanged', async () => {
    for (const side of [a, b]) for (const [type, name] of EXAMPLES) await importJson(side, type, example(name));
    const bBefore = await countsOf(b);
    expect(bBefore).toMatchObject({ services: 1, organizations: 1 });

    // Each HSDS API shows the example under its own ids, valid against openapi.json.
    for (const side of [a, b]) {
      expect(normalize(await hsdsApi(side, `/services/${service.id}`, '/services/{id}')), side.slug).toEqual(normalize(service));
      const org = await hsdsApi(side, `/organizations/${organization.id}`, '/organizations/{id}');
      expect(org.id).toBe(organization.id);
      const byOrg = await hsdsApi(side, `/services?organization_id=${organization.id}`, '/services');
      expect((byOrg.contents as Doc[]).map((s) => s.id)).toEqual([service.id]);
    }
    // One Braid organization per tenant behind the same HSDS id.
    const behind = await db
      .selectFrom('hsds_organization')
      .select(['tenant_id', 'organization_id'])
      .where('hsds_id', '=', String(organization.id))
      .execute();
    expect(behind.map((r) => r.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
    expect(new Set(behind.map((r) => r.organization_id)).size).toBe(2);

    // Partnership A renames the service, drops its phones and renames the organization, by HSDS import,
    // and edits the same service in Braid.
    await importJson(a, 'service', { ...service, name: 'Counselling in A', phones: [] });
    await importJson(a, 'organization', { ...organization, name: 'Example Organization in A', services: [] });
    const patched = await a.admin.request('PATCH', `/api/directory/services/${service.id}`, { description: 'Only in A' });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const inA = await hsdsApi(a, `/services/${service.id}`, '/services/{id}');
    expect(inA).toMatchObject({ name: 'Counselling in A', description: 'Only in A' });
    expect(inA.phones).toBeUndefined();
    expect((await hsdsApi(a, `/organizations/${organization.id}`, '/organizations/{id}')).name).toBe('Example Organization in A');

    // B is exactly as it was.
    expect(normalize(await hsdsApi(b, `/services/${service.id}`, '/services/{id}'))).toEqual(normalize(service));
    expect((await hsdsApi(b, `/organizations/${organization.id}`, '/organizations/{id}')).name).toBe(organization.name);
    expect(await countsOf(b)).toEqual(bBefore);
    const exportB = await (await b.admin.request('GET', '/api/directory/hsds/export?type=service')).json();
    expect(exportB.contents.map((s: Doc) => s.id)).toEqual([service.id]);
    expect(normalize(exportB.contents[0])).toEqual(normalize(service));
    const exportA = await (await a.admin.request('GET', '/api/directory/hsds/export?type=service')).json();
    expect(exportA.contents.find((s: Doc) => s.id === service.id)?.name).toBe('Counselling in A');

    // Importing again into B updates its rows and duplicates nothing.
    for (const [type, name] of EXAMPLES) await importJson(b, type, example(name));
    expect(await countsOf(b)).toEqual(bBefore);
    expect((await hsdsApi(a, `/services/${service.id}`, '/services/{id}')).name).toBe('Counselling in A');
  });

  it('keeps each partnership to its own records: the other one answers 404 and lists none of them', async () => {
    const demoService = demoServiceId('Mobile Food Pantry');
    expect((await hsdsApi(a, `/services/${demoService}`, '/services/{id}')).id).toBe(demoService);
    await expectProblem(
      await t.fetch(`/hsds/${b.slug}/services/${demoService}`, { headers: { authorization: `Bearer ${b.token}` } }),
      404,
      'not_found',
    );
    await expectProblem(await b.admin.request('GET', `/api/directory/services/${demoService}`), 404, 'not_found');
    await expectProblem(await b.admin.request('PATCH', `/api/directory/services/${demoService}`, { name: 'Taken over' }), 404, 'not_found');
    const listed = await hsdsApi(b, '/services?per_page=500', '/services');
    expect((listed.contents as Doc[]).map((s) => s.id)).toEqual([service.id]);
    // A token of one partnership does not open the other's HSDS API.
    await expectProblem(
      await t.fetch(`/hsds/${b.slug}/services`, { headers: { authorization: `Bearer ${a.token}` } }),
      401,
      'unauthenticated',
    );
    // B cannot hang a service on one of A's organizations by naming it.
    const orgsA = (await (await a.admin.request('GET', '/api/directory/hsds/export?type=organization')).json()).contents as Doc[];
    const partnerOfA = orgsA.find((o) => o.id !== organization.id) as Doc;
    const res = await b.admin.request('POST', '/api/directory/hsds/import?type=service', {
      id: '55555555-5555-4555-8555-555555555555',
      name: 'Hanging on A',
      status: 'active',
      organization_id: partnerOfA.id,
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({
      field: 'service 55555555-5555-4555-8555-555555555555.organization_id',
      code: 'unknown_reference',
    });
  });

  it('imports the same data package into each, and a change in one package leaves the other unchanged', async () => {
    const files = await download(a);
    await upload(b, files);
    // B's directory is now A's as the package carries it, under the same HSDS ids.
    const again = await download(b);
    for (const name of ['services.csv', 'organizations.csv', 'phones.csv', 'service_at_location.csv', 'taxonomy_terms.csv'])
      expect(again[name], name).toBe(files[name]);
    for (const side of [a, b]) {
      const found = await hsdsApi(side, `/services?search=${encodeURIComponent('Mobile Food Pantry')}`, '/services');
      expect((found.contents as Doc[]).map((s) => s.id)).toContain(demoServiceId('Mobile Food Pantry'));
    }

    // B renames a service in its copy of the package; A, which imports its own package again, keeps its name.
    const lines = (files['services.csv'] as string).split('\r\n');
    const header = (lines[0] as string).split(',');
    const at = lines.findIndex((l) => l.startsWith(`${demoServiceId('Mobile Food Pantry')},`));
    const row = (lines[at] as string).split(',');
    row[header.indexOf('name')] = 'Pantry renamed in B';
    lines[at] = row.join(',');
    const before = await countsOf(b);
    await upload(b, { ...files, 'services.csv': lines.join('\r\n') });
    await upload(a, files);
    expect(await countsOf(b)).toEqual(before);
    const pantry = `/services/${demoServiceId('Mobile Food Pantry')}`;
    expect((await hsdsApi(b, pantry, '/services/{id}')).name).toBe('Pantry renamed in B');
    expect((await hsdsApi(a, pantry, '/services/{id}')).name).toBe('Mobile Food Pantry');
    expect((await download(a))['services.csv']).toBe(files['services.csv']);
  });
});
