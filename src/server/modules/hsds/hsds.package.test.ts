import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { importPackage } from './hsds.package.service.ts';
import { HSDS_DIR, validateRecord } from './hsds.schemas.ts';
import { exportAll } from './hsds.service.ts';

// The HSDS tabular data package: the specification's examples go in as JSON beside the demo directory,
// come out as a zip of CSVs, go into a fresh partnership from that zip, and its JSON export carries the
// same content. Bad packages are refused whole, each error naming file, line and column.

type Doc = Record<string, unknown>;
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(HSDS_DIR, 'examples', `${name}.json`), 'utf8')) as Doc;

// The tabular format names what a record belongs to in columns (a service's organization_id); the JSON
// documents of the examples say it by nesting. Compare what is there, without those link fields.
const LINKS = new Set(['organization_id', 'program_id', 'service_id', 'location_id', 'taxonomy_id', 'taxonomy_term_id']);
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || (Array.isArray(v) && v.length === 0) || LINKS.has(k)) continue;
      out[k] = normalize(v);
    }
    return out;
  }
  return value;
}

let t: TestApp;
let admin: Caller;

// HSDS ids are keyed per tenant, so the fresh partnership lives beside the first in the same database.
async function newTenant(): Promise<Ops> {
  const id = randomUUID();
  await createTenant(t.db.database.db, { id, slug: `h-${id.slice(0, 8)}`, name: 'Second partnership' });
  return makeOps(t.rt.services, id, { userId: null, label: 'test' }).ops;
}

async function download(who: Caller): Promise<Uint8Array> {
  const res = await who.request('GET', '/api/directory/hsds/package');
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="hsds-.*\.zip"/);
  return new Uint8Array(await res.arrayBuffer());
}

function upload(who: Caller, bytes: Uint8Array, name = 'hsds.zip') {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(bytes)], { type: 'application/zip' }), name);
  return fetch(`${t.baseUrl}/api/directory/hsds/package`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: form,
  });
}

const csvs = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(() => t?.close());

describe('HSDS tabular data package', () => {
  it('round-trips the specification examples and the demo directory through CSV into a fresh partnership', async () => {
    for (const [type, name] of [
      ['service', 'service_full'],
      ['organization', 'organization_full'],
      ['taxonomy', 'taxonomy'],
      ['taxonomy_term', 'taxonomy_term'],
    ]) {
      const res = await admin.request('POST', `/api/directory/hsds/import?type=${type}`, example(name));
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(200);
    }
    const zip = await download(admin);
    const files = csvs(zip);
    const pkg = JSON.parse(files['datapackage.json'] as string) as {
      resources: { path: string; schema: { fields: { name: string }[] } }[];
    };
    for (const f of [
      'organizations.csv',
      'services.csv',
      'locations.csv',
      'service_at_location.csv',
      'phones.csv',
      'addresses.csv',
      'schedules.csv',
      'taxonomy_terms.csv',
    ])
      expect(pkg.resources.map((r) => r.path)).toContain(f);
    // Each CSV's header is its resource's field list; the shared phone is one row naming each owner.
    for (const r of pkg.resources) expect((files[r.path] as string).split('\r\n')[0]).toBe(r.schema.fields.map((f) => f.name).join(','));
    const phone = (files['phones.csv'] as string).split('\r\n').find((l) => l.startsWith('1554f2e2-a373-45db-a3fa-9fc48a61c15e')) as string;
    expect(phone).toContain('ac148810-d857-441c-9679-408f346de14b');
    expect(phone).toContain('3a19ff88-4620-4d17-9830-ac1d859eb5d5');

    const a = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'test' }).ops;
    const b = await newTenant();
    const summary = await importPackage(b, zip);
    expect(summary.records.services).toBeGreaterThan(30);

    for (const kind of ['organization', 'service', 'taxonomy', 'taxonomy_term'] as const) {
      const [before, after] = [await exportAll(a, kind), await exportAll(b, kind)];
      expect(after.total_items, kind).toBe(before.total_items);
      expect(normalize(after.contents), kind).toEqual(normalize(before.contents));
      for (const [i, doc] of after.contents.entries()) expect(validateRecord(kind, doc, `${kind}[${i}]`)).toEqual([]);
    }
    const counterfeit = (after: Doc) => (after.contents as Doc[]).find((s) => s.id === 'ac148810-d857-441c-9679-408f346de14b') as Doc;
    // The service keeps its organization, program and the phone under its location's contact.
    const svc = counterfeit(await exportAll(b, 'service'));
    expect((svc.organization as Doc).id).toBe('d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610');
    expect((svc.program as Doc).id).toBe('e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42');

    // The fresh partnership exports the same tables, and importing the package again changes nothing.
    const again = csvs((await import('./hsds.package.service.ts').then((m) => m.exportPackage(b))).body);
    for (const r of pkg.resources) expect(again[r.path], r.path).toBe(files[r.path]);
    const second = await importPackage(b, zip);
    expect(second.records).toEqual(summary.records);
    expect(normalize((await exportAll(b, 'service')).contents)).toEqual(normalize((await exportAll(a, 'service')).contents));
  });

  it('refuses a package whole and names the file, line and column of every error', async () => {
    const zip = await download(admin);
    const files = csvs(zip);
    const services = (files['services.csv'] as string).split('\r\n');
    const header = (services[0] as string).split(',');
    const row = (services[1] as string).split(',');
    const at = (c: string) => header.indexOf(c);
    // Line 2: no name, an age in words; the phone on line 2 of phones.csv names a service not in the package.
    const bad = [...row];
    bad[at('name')] = '';
    bad[at('minimum_age')] = 'twelve';
    services[1] = bad.join(',');
    const phones = (files['phones.csv'] as string).split('\r\n');
    const ph = (phones[1] as string).split(',');
    ph[(phones[0] as string).split(',').indexOf('service_id')] = '00000000-0000-4000-8000-000000000000';
    phones[1] = ph.join(',');
    const broken = zipSync({
      ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])),
      'services.csv': strToU8(services.join('\r\n')),
    });
    const res = await upload(admin, broken);
    const problem = await expectProblem(res, 400, 'validation_failed');
    const fields = (problem.errors as { field: string; code: string }[]).map((e) => `${e.field} ${e.code}`);
    expect(fields).toContain('services.csv:2.name required');
    expect(fields).toContain('services.csv:2.minimum_age type');

    const dangling = zipSync({ 'phones.csv': strToU8(phones.join('\r\n')), 'services.csv': strToU8(files['services.csv'] as string) });
    const res2 = await upload(admin, dangling);
    const p2 = await expectProblem(res2, 400, 'validation_failed');
    expect((p2.errors as { field: string }[]).map((e) => e.field)).toContain('phones.csv:2.service_id');

    // The specification's own CSV example refers to records it does not carry (a contact's organization).
    const dir = path.join(HSDS_DIR, 'examples', 'csv');
    const spec = zipSync(
      Object.fromEntries(
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.csv'))
          .map((f) => [f, strToU8(fs.readFileSync(path.join(dir, f), 'utf8'))]),
      ),
    );
    const p3 = await expectProblem(await upload(admin, spec), 400, 'validation_failed');
    expect((p3.errors as { field: string }[]).map((e) => e.field)).toContain('contacts.csv:2.organization_id');

    // Nothing was written: the directory exports as before.
    expect(csvs(await download(admin))['services.csv']).toBe(files['services.csv']);
    await expectProblem(await upload(admin, strToU8('not a zip')), 400, 'validation_failed');
  });

  it('lets only the curators import; directory readers may export', async () => {
    const partner = await t.as('partner_staff');
    const zip = await download(admin);
    expect((await upload(partner, zip)).status).toBe(403);
    const navigator = await t.as('navigator');
    expect((await navigator.request('GET', '/api/directory/hsds/package')).status).toBe(200);
    expect((await upload(navigator, zip)).status).toBe(403);
  });
});
