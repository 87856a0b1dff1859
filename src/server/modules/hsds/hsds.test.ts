import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { DEMO_TENANT } from '../../seed/demo-partnership.ts';
import { apiResponseValidator, HSDS_DIR, validateRecord } from './hsds.schemas.ts';

// HSDS 3.0: the specification's own examples go in, come out of the export and the HSDS API with the
// same content, and every response validates against the official schemas and openapi.json.

type Doc = Record<string, unknown>;
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(HSDS_DIR, 'examples', `${name}.json`), 'utf8')) as Doc;
const slug = DEMO_TENANT.slug;

/** Empty arrays and nulls say nothing; drop them so "same content" compares what is there. */
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

let t: TestApp;
let admin: Caller;
let token: string;
const api = (url: string, auth = true) => t.fetch(`/hsds/${slug}${url}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} });

async function apiJson(url: string, openapiPath: string): Promise<Doc> {
  const res = await api(url);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text) as Doc;
  const validate = apiResponseValidator(openapiPath);
  expect(validate(body) ? [] : validate.errors, `${url} against openapi ${openapiPath}`).toEqual([]);
  return body;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const created = await (await admin.request('POST', '/api/account/tokens', { name: 'hsds test' })).json();
  token = created.token;
  rememberSecret(token);
});
afterAll(() => t?.close());

describe('HSDS import and export', () => {
  it('round-trips the specification examples: what comes out validates and carries the same content', async () => {
    // The examples share ids but not always values (one says opens_at "10:00", another "10:00:00"), so
    // each is compared right after its own import.
    const cases: [string, string, (d: Doc) => string, string][] = [
      ['service', 'service_full', (d) => `/services/${d.id}`, '/services/{id}'],
      ['organization', 'organization_full', (d) => `/organizations/${d.id}?full_service=true`, '/organizations/{id}'],
      ['service_at_location', 'service_at_location_full', (d) => `/service_at_locations/${d.id}`, '/service_at_locations/{id}'],
      ['taxonomy_term', 'taxonomy_term', (d) => `/taxonomy_terms/${d.id}`, '/taxonomy_terms/{id}'],
      ['taxonomy', 'taxonomy', (d) => `/taxonomies/${d.id}`, '/taxonomies/{id}'],
    ];
    for (const [type, name, url, openapiPath] of cases) {
      const doc = example(name);
      const res = await admin.request('POST', `/api/directory/hsds/import?type=${type}`, doc);
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
      expect(normalize(await apiJson(url(doc), openapiPath)), name).toEqual(normalize(doc));
    }
    // List documents (HSDS pages) import too, and their records read back with the same fields.
    const lists: [string, string, (d: Doc) => string, string][] = [
      ['service', 'service_list', (d) => `/services?search=${encodeURIComponent(String(d.name))}`, '/services'],
      ['organization', 'organization_list', () => '/organizations', '/organizations'],
      ['taxonomy', 'taxonomy_list', () => '/taxonomies', '/taxonomies'],
      ['taxonomy_term', 'taxonomy_term_list', () => '/taxonomy_terms', '/taxonomy_terms'],
      ['service_at_location', 'service_at_location_list', () => '/service_at_locations', '/service_at_locations'],
    ];
    for (const [type, name, url, openapiPath] of lists) {
      const page = example(name);
      const res = await admin.request('POST', `/api/directory/hsds/import?type=${type}`, page);
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
      for (const item of page.contents as Doc[]) {
        const listed = (await apiJson(url(item), openapiPath)).contents as Doc[];
        const found = listed.find((d) => d.id === item.id);
        expect(found, name).toBeDefined();
        // A list shows one-to-one fields, and a service at location its location and service.
        for (const [k, v] of Object.entries(item))
          if (!Array.isArray(v) && typeof v !== 'object') expect(found?.[k], `${name}.${k}`).toEqual(v);
      }
    }
    const service = example('service_full');
    await admin.request('POST', '/api/directory/hsds/import?type=service', service);

    // The bulk export is a list document that validates record by record and imports again unchanged.
    const exported = await (await admin.request('GET', '/api/directory/hsds/export?type=service')).json();
    expect(exported.total_items).toBeGreaterThan(0);
    for (const [i, doc] of exported.contents.entries()) expect(validateRecord('service', doc, `contents[${i}]`)).toEqual([]);
    const exportedExample = exported.contents.find((d: Doc) => d.id === service.id);
    expect(normalize(exportedExample)).toEqual(normalize(service));
    const again = await admin.request('POST', '/api/directory/hsds/import?type=service', exported);
    expect(again.status).toBe(200);
    expect(normalize(await apiJson(`/services/${service.id}`, '/services/{id}'))).toEqual(normalize(service));
  });

  it('is idempotent: the same ids update instead of duplicating', async () => {
    const count = async () => {
      const { rows } = await sql<{ s: number; p: number; c: number }>`SELECT
          (SELECT count(*) FROM hsds_service)::int AS s, (SELECT count(*) FROM hsds_phone)::int AS p,
          (SELECT count(*) FROM hsds_contact)::int AS c`.execute(t.db.database.db);
      return rows[0];
    };
    const service = example('service_full');
    await admin.request('POST', '/api/directory/hsds/import?type=service', service);
    const before = await count();
    const renamed = { ...service, name: 'Community Counselling (renamed)', phones: [] };
    expect((await admin.request('POST', '/api/directory/hsds/import?type=service', renamed)).status).toBe(200);
    const after = await count();
    expect(after.s).toBe(before.s);
    expect(after.p).toBe(before.p - 1);
    const out = await apiJson(`/services/${service.id}`, '/services/{id}');
    expect(out.name).toBe('Community Counselling (renamed)');
    expect(out.phones).toBeUndefined();
    await admin.request('POST', '/api/directory/hsds/import?type=service', service);
    expect(await count()).toEqual(before);
  });

  it('reports every schema error with its path and writes nothing of a list with one bad record', async () => {
    const good = { ...example('service_full'), id: '11111111-1111-4111-8111-111111111111', name: 'Should not exist' };
    const bad = {
      id: 'not-a-uuid',
      status: 'active',
      organization_id: (example('organization_full') as Doc).id,
      phones: [{ id: '22222222-2222-4222-8222-222222222222', number: 5 }],
      contacts: [{ email: 'not an email' }],
    };
    const res = await admin.request('POST', '/api/directory/hsds/import?type=service', { contents: [good, bad] });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => `${e.field} ${e.code}`).sort()).toEqual([
      'body.contents[1].contacts[0].email format',
      'body.contents[1].contacts[0].id required',
      'body.contents[1].id format',
      'body.contents[1].name required',
      'body.contents[1].phones[0].number type',
    ]);
    expect((await api(`/services/${good.id}`)).status).toBe(404);
  });

  it('refuses a service whose organization is neither in the document nor in Braid', async () => {
    const res = await admin.request('POST', '/api/directory/hsds/import?type=service', {
      id: '33333333-3333-4333-8333-333333333333',
      name: 'Orphan',
      status: 'active',
      organization_id: '44444444-4444-4444-8444-444444444444',
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ code: 'unknown_reference' });
  });

  it('lets only curators import', async () => {
    const navigator = await t.as('navigator');
    await expectProblem(await navigator.request('POST', '/api/directory/hsds/import?type=taxonomy', example('taxonomy')), 403, 'forbidden');
  });
});

describe('HSDS API', () => {
  it('answers every endpoint in the shape openapi.json gives it, with the Page fields', async () => {
    const service = example('service_full');
    const root = await apiJson('', '/');
    expect(root.version).toMatch(/^3\.0/);
    const services = await apiJson('/services?per_page=2', '/services');
    expect(services).toMatchObject({ page_number: 1, first_page: true, empty: false });
    expect((services.contents as Doc[]).length).toBeLessThanOrEqual(2);
    expect(services.total_pages).toBe(Math.ceil((services.total_items as number) / 2));
    await apiJson('/services?full=true', '/services');
    await apiJson('/services?minimal=true', '/services');
    const searched = await apiJson('/services?search=counselling', '/services');
    expect((searched.contents as Doc[]).map((s) => s.id)).toContain(service.id);
    const byTerm = await apiJson('/services?taxonomy_term_id=3f7b145d-84af-42d7-8fae-eaca714b02b2', '/services');
    expect((byTerm.contents as Doc[]).map((s) => s.id)).toEqual([service.id]);
    const byTaxonomy = await apiJson('/services?taxonomy_id=5c4d79d7-cc55-470e-9f1f-8cad074e4892', '/services');
    expect((byTaxonomy.contents as Doc[]).map((s) => s.id)).toEqual([service.id]);
    const orgId = (example('organization_full') as Doc).id;
    const byOrg = await apiJson(`/services?organization_id=${orgId}`, '/services');
    expect((byOrg.contents as Doc[]).map((s) => s.id)).toEqual([service.id]);
    const future = await apiJson('/services?modified_after=2999-01-01T00:00:00Z', '/services');
    expect(future).toMatchObject({ total_items: 0, empty: true, contents: [] });

    const orgs = await apiJson('/organizations?search=Example', '/organizations');
    expect((orgs.contents as Doc[]).map((o) => o.id)).toContain(orgId);
    await apiJson('/organizations?full=true', '/organizations');
    const orgFull = await apiJson(`/organizations/${orgId}`, '/organizations/{id}');
    expect((orgFull.services as Doc[])[0].phones).toBeUndefined();

    const sals = await apiJson('/service_at_locations', '/service_at_locations');
    expect((sals.contents as Doc[])[0]).toHaveProperty('location');
    await apiJson('/service_at_locations?full=true', '/service_at_locations');
    const near = await apiJson('/service_at_locations?postcode=ABC%201234', '/service_at_locations');
    expect(near.total_items).toBeGreaterThan(0);
    const far = await apiJson('/service_at_locations?postcode=99999', '/service_at_locations');
    expect(far.total_items).toBe(0);

    await apiJson('/taxonomies?search=name', '/taxonomies');
    const terms = await apiJson('/taxonomy_terms?taxonomy_id=5c4d79d7-cc55-470e-9f1f-8cad074e4892', '/taxonomy_terms');
    expect(terms.total_items).toBeGreaterThan(0);
    await apiJson('/taxonomy_terms?top_only=true', '/taxonomy_terms');
    await apiJson('/taxonomy_terms?parent_id=0bc248fa-dc27-4650-9ba4-8f1a24ef16a2', '/taxonomy_terms');
  });

  it('answers 404 for records that are not there, as problem documents', async () => {
    await expectProblem(await api('/services/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    await expectProblem(await api('/services/nope'), 404, 'not_found');
    await expectProblem(await t.fetch('/hsds/no-such-tenant/services'), 404, 'not_found');
  });

  it('needs an API token of the tenant unless the tenant publishes its directory', async () => {
    await expectProblem(await api('/services', false), 401, 'unauthenticated');
    const partner = await t.as('employer_user');
    const employerToken = (await (await partner.request('POST', '/api/account/tokens', { name: 'no directory' })).json()).token;
    rememberSecret(employerToken);
    const res = await t.fetch(`/hsds/${slug}/services`, { headers: { authorization: `Bearer ${employerToken}` } });
    await expectProblem(res, 403, 'forbidden');

    const director = await t.as('director');
    expect((await director.request('PATCH', '/api/directory/settings', { hsdsPublic: true })).status).toBe(200);
    expect((await api('/services', false)).status).toBe(200);
    expect((await director.request('PATCH', '/api/directory/settings', { hsdsPublic: false })).status).toBe(200);
    await expectProblem(await api('/services', false), 401, 'unauthenticated');
  });
});
