import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(() => t?.close());

describe('organizations', () => {
  it('creates an organization with kind, EIN, NAICS, address and county, and shows the code titles', async () => {
    const res = await admin.request('POST', '/api/organizations', {
      name: 'Cleveland Clinic of Nursing Careers',
      kind: 'training_provider',
      ein: '341234567',
      naics: '611519',
      addressLine1: '10 Public Square',
      city: 'Cleveland',
      stateCode: 'OH',
      postalCode: '44113',
      countyFips: '39035',
      email: '',
    });
    expect(res.status).toBe(201);
    const org = await res.json();
    expect(org).toMatchObject({ ein: '34-1234567', naics: '611519', countyName: 'Cuyahoga County, OH', email: null });
    expect(org.naicsTitle).toMatch(/Technical and Trade Schools/);
  });

  it('reports every invalid field with its name and writes nothing', async () => {
    const before = (await (await admin.request('GET', '/api/organizations')).json()).total;
    const res = await admin.request('POST', '/api/organizations', { name: '', kind: 'bakery', ein: '12', countyFips: 'abc' });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.countyFips', 'body.ein', 'body.kind', 'body.name']);
    const unknownCode = await admin.request('POST', '/api/organizations', { name: 'X', kind: 'employer', naics: '111111' });
    expect((await unknownCode.json()).errors[0]).toMatchObject({ field: 'body.naics', code: 'unknown_code' });
    expect((await (await admin.request('GET', '/api/organizations')).json()).total).toBe(before);
  });

  it('edits an organization and records what changed in its history', async () => {
    const list = await (await admin.request('GET', '/api/organizations?q=Lorain Valley')).json();
    const id = list.items[0].id;
    const res = await admin.request('PATCH', `/api/organizations/${id}`, { phone: '440-555-0199', city: 'Elyria' });
    expect((await res.json()).phone).toBe('440-555-0199');
    const history = await (await admin.request('GET', `/api/audit?entityType=organization&entityId=${id}`)).json();
    expect(history.items[0]).toMatchObject({
      action: 'organization.updated',
      details: { changes: { phone: { from: '440-555-0120', to: '440-555-0199' } } },
    });
    expect(history.items[0].details.changes.city).toBeUndefined();
  });

  it('searches by name, tolerating a misspelling, and filters by kind', async () => {
    const exact = await (await admin.request('GET', '/api/organizations?q=college')).json();
    expect(exact.items[0].name).toBe('Western Reserve Community College');
    const fuzzy = await (await admin.request('GET', '/api/organizations?q=Metrocar Helth')).json();
    expect(fuzzy.items[0]?.name).toBe('MetroCare Health System');
    const funders = await (await admin.request('GET', '/api/organizations?kind=funder')).json();
    expect(funders.items.map((o: { name: string }) => o.name)).toEqual([
      'Great Lakes Community Foundation',
      'Lakeshore Health Foundation',
      'Tri-County Workforce Development Board',
    ]);
  });

  it('lets a navigator read the directory but not change it', async () => {
    const navigator = await t.as('navigator');
    expect((await navigator.request('GET', '/api/organizations')).status).toBe(200);
    const res = await navigator.request('POST', '/api/organizations', { name: 'Nope', kind: 'employer' });
    expect(res.status).toBe(403);
  });

  it('answers 404 for an organization that does not exist', async () => {
    const res = await admin.request('GET', '/api/organizations/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('not_found');
  });

  it('offers NAICS, SOC and county typeahead', async () => {
    const naics = await (await admin.request('GET', '/api/codes/naics?q=general medical')).json();
    expect(naics.items.map((c: { code: string }) => c.code)).toContain('622110');
    const soc = await (await admin.request('GET', '/api/codes/soc?q=29-114')).json();
    expect(soc.items).toContainEqual({ code: '29-1141', title: 'Registered Nurses' });
    const counties = await (await admin.request('GET', '/api/codes/counties?q=lake&state=OH')).json();
    expect(counties.items).toEqual([{ code: '39085', title: 'Lake County, OH' }]);
  });
});
