import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  acceptInvitationBody,
  invitationTokenQuery,
  passwordResetRequestBody,
  signInBody,
  tokenPasswordBody,
} from '../../src/shared/schemas/auth.ts';
import { organizationBody, organizationPatch } from '../../src/shared/schemas/organizations.ts';
import { type Caller, startTestApp, type TestApp } from '../support/app.ts';
import { expectProblem, rowCounts } from '../support/checks.ts';

// Whatever arrives, the API answers with a problem document, never a 5xx, and writes nothing.

let t: TestApp;
let director: Caller;
let admin: Caller;
let orgId: string;

beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  admin = await t.as('admin');
  const list = (await (await director.request('GET', '/api/organizations?pageSize=1')).json()) as { items: { id: string }[] };
  orgId = list.items[0].id;
});
afterAll(() => t?.close());

const counts = () => rowCounts(t.db.database.db);

/** Runs the requests and asserts that no table gained or lost a row. */
async function writesNothing(run: () => Promise<void>): Promise<void> {
  const before = await counts();
  await run();
  expect(await counts()).toEqual(before);
}

const fields = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field).sort();

function anonymous(method: string, url: string, body: string, contentType = 'application/json') {
  return t.fetch(url, { method, headers: { 'content-type': contentType }, body });
}

describe('bodies that are not what the route reads', () => {
  it('malformed JSON → 400 malformed_request', () =>
    writesNothing(async () => {
      for (const body of ['{"name": "Acme",', '{name: "Acme"}', "{'name':'Acme'}", '[1, 2', '{"a":1}{"b":2}', 'nul']) {
        await expectProblem(await director.request('POST', '/api/organizations', body), 400, 'malformed_request');
        await expectProblem(await director.request('PATCH', `/api/organizations/${orgId}`, body), 400, 'malformed_request');
        await expectProblem(await anonymous('POST', '/api/auth/sign-in', body), 400, 'malformed_request');
      }
      // Prototype pollution attempts are refused as unreadable, not merged into an object.
      await expectProblem(
        await director.request('POST', '/api/organizations', '{"__proto__": {"admin": true}, "name": "Acme", "kind": "employer"}'),
        400,
        'malformed_request',
      );
      await expectProblem(await director.request('POST', '/api/organizations', ''), 400, 'malformed_request');
    }));

  it('wrong types and unknown fields → 400 validation_failed naming each field', () =>
    writesNothing(async () => {
      const post = (body: unknown) => director.request('POST', '/api/organizations', body);
      let p = await expectProblem(await post({ name: 'Acme', kind: 5 }), 400, 'validation_failed');
      expect(fields(p)).toEqual(['body.kind']);
      p = await expectProblem(await post({ name: 'Acme', kind: 'employer', extra: 'x' }), 400, 'validation_failed');
      expect(p.errors).toEqual([expect.objectContaining({ field: 'body.extra', code: 'unknown_field' })]);
      p = await expectProblem(await post({ name: 42, kind: 'spaceship', naics: 622110 }), 400, 'validation_failed');
      expect(fields(p)).toEqual(['body.kind', 'body.naics', 'body.name']);
      p = await expectProblem(await post([{ name: 'Acme', kind: 'employer' }]), 400, 'validation_failed');
      expect(fields(p)).toEqual(['body']);
      p = await expectProblem(await post({ name: 'Acme', kind: 'employer', website: 'javascript:alert(1)' }), 400, 'validation_failed');
      expect(fields(p)).toEqual(['body.website']);
      p = await expectProblem(await director.request('PATCH', `/api/organizations/${orgId}`, { ein: 'abc', stateCode: 'ohio' }), 400);
      expect(fields(p)).toEqual(['body.ein', 'body.stateCode']);
      p = await expectProblem(
        await admin.request('POST', '/api/users/invitations', { email: 'not-an-email', name: '', organizationId: 'x', role: 'king' }),
        400,
        'validation_failed',
      );
      expect(fields(p)).toEqual(['body.email', 'body.name', 'body.organizationId', 'body.role']);
      p = await expectProblem(await anonymous('POST', '/api/auth/sign-in', JSON.stringify({ email: ['a'], password: null })), 400);
      expect(fields(p)).toEqual(['body.email', 'body.password']);
    }));

  it('text that PostgreSQL cannot store (NUL, unpaired surrogates) → 400 naming the field, not a 500', () =>
    writesNothing(async () => {
      let p = await expectProblem(await director.request('POST', '/api/organizations', { name: 'Ac\u0000me', kind: 'employer' }), 400);
      expect(p.errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'invalid_characters' })]);
      p = await expectProblem(await director.request('POST', '/api/organizations', '{"name": "Ac\\ud800me", "kind": "employer"}'), 400);
      expect(fields(p)).toEqual(['body.name']);
      p = await expectProblem(await director.request('GET', '/api/organizations?q=a%00b'), 400);
      expect(fields(p)).toEqual(['querystring.q']);
      p = await expectProblem(await admin.request('GET', '/api/users?q=a%00b'), 400);
      expect(fields(p)).toEqual(['querystring.q']);
      p = await expectProblem(
        await anonymous('POST', '/api/auth/sign-in', JSON.stringify({ email: 'a@b.co', password: 'pass\u0000word-long' })),
        400,
      );
      expect(fields(p)).toEqual(['body.password']);
    }));

  it('a body over 1 MiB → 413 payload_too_large', () =>
    writesNothing(async () => {
      const huge = JSON.stringify({ name: 'Acme', kind: 'employer', description: 'x'.repeat(1024 * 1024) });
      await expectProblem(await director.request('POST', '/api/organizations', huge), 413, 'payload_too_large');
      await expectProblem(await anonymous('POST', '/api/auth/sign-in', huge), 413, 'payload_too_large');
    }));

  it('text/plain and form-urlencoded bodies → 415 (a cross-site form cannot post here)', () =>
    writesNothing(async () => {
      const send = (contentType: string, body: string) =>
        t.fetch('/api/organizations', {
          method: 'POST',
          headers: { cookie: director.cookie, 'x-csrf-token': director.csrf, 'content-type': contentType },
          body,
        });
      await expectProblem(await send('text/plain', JSON.stringify({ name: 'Acme', kind: 'employer' })), 415, 'unsupported_media_type');
      await expectProblem(await send('application/x-www-form-urlencoded', 'name=Acme&kind=employer'), 415, 'unsupported_media_type');
      await expectProblem(await send('application/xml', '<organization/>'), 415, 'unsupported_media_type');
      await expectProblem(
        await anonymous('POST', '/api/auth/sign-in', 'email=admin%40demo.braid.test&password=x', 'application/x-www-form-urlencoded'),
        415,
        'unsupported_media_type',
      );
      await expectProblem(await anonymous('POST', '/api/auth/sign-in', '{"email":"a@b.co","password":"x"}', 'text/plain'), 415);
      // A multipart form is read, but is not the JSON the route expects.
      const form = new FormData();
      form.append('name', 'Acme');
      form.append('kind', 'employer');
      const multipart = await t.fetch('/api/organizations', {
        method: 'POST',
        headers: { cookie: director.cookie, 'x-csrf-token': director.csrf },
        body: form,
      });
      expect([400, 415]).toContain((await expectProblem(multipart, multipart.status)).status);
    }));
});

describe('paths and query strings', () => {
  it('a path parameter that is not a uuid → 400 naming it', () =>
    writesNothing(async () => {
      for (const bad of ['abc', '1', "1'%20OR%20'1'='1", '00000000-0000-0000-0000-00000000000g']) {
        const p = await expectProblem(await director.request('GET', `/api/organizations/${bad}`), 400, 'validation_failed');
        expect(fields(p)).toEqual(['params.id']);
      }
      expect(fields(await expectProblem(await director.request('PATCH', '/api/organizations/abc', { name: 'X' }), 400))).toEqual([
        'params.id',
      ]);
      expect(fields(await expectProblem(await admin.request('POST', '/api/users/abc/disable'), 400))).toEqual(['params.id']);
      expect(fields(await expectProblem(await admin.request('DELETE', `/api/users/${randomUUID()}/memberships/nope`), 400))).toEqual([
        'params.membershipId',
      ]);
    }));

  it('out-of-range, mistyped and unknown query parameters → 400 naming each', () =>
    writesNothing(async () => {
      const p = await expectProblem(await director.request('GET', '/api/organizations?page=0&pageSize=1000&kind=spaceship&sort=name'), 400);
      expect(fields(p)).toEqual(['querystring.kind', 'querystring.page', 'querystring.pageSize', 'querystring.sort']);
      expect(fields(await expectProblem(await director.request('GET', '/api/organizations?page=abc'), 400))).toEqual(['querystring.page']);
      expect(fields(await expectProblem(await director.request('GET', `/api/organizations?q=${'a'.repeat(201)}`), 400))).toEqual([
        'querystring.q',
      ]);
    }));
});

describe('SQL metacharacters', () => {
  const names = [
    `O'Brien & Sons; DROP TABLE organization; --`,
    `100% "Quoted" _under_ \\back\\slash`,
    `Robert'); DELETE FROM audit_event; --`,
    `$1 $$ :id ? \` {}`,
  ];

  it('are stored and returned literally in names', async () => {
    const before = await counts();
    for (const name of names) {
      const res = await director.request('POST', '/api/organizations', { name, kind: 'employer' });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; name: string };
      expect(created.name).toBe(name);
      expect(((await (await director.request('GET', `/api/organizations/${created.id}`)).json()) as { name: string }).name).toBe(name);
    }
    const after = await counts();
    expect(after.organization).toBe(before.organization + names.length);
    expect(after.audit_event).toBe(before.audit_event + names.length);
  });

  it('are searched literally: % and _ match only themselves, quotes break nothing', async () => {
    const search = async (who: Caller, url: string, q: string) => {
      const res = await who.request('GET', `${url}?pageSize=100&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return (await res.json()) as { total: number; items: { name: string }[] };
    };
    await writesNothing(async () => {
      const all = (await search(director, '/api/organizations', '')).total;
      expect((await search(director, '/api/organizations', '%')).items.map((o) => o.name)).toEqual([names[1]]);
      expect((await search(director, '/api/organizations', '_')).items.map((o) => o.name)).toEqual([names[1], names[2]]);
      expect((await search(director, '/api/organizations', '\\')).items.map((o) => o.name)).toEqual([names[1]]);
      expect((await search(director, '/api/organizations', `O'Brien`)).items.map((o) => o.name)).toContain(names[0]);
      for (const q of [`' OR '1'='1`, `'; DROP TABLE organization; --`, `") OR 1=1 --`, `$$`, `%'; --`]) {
        expect((await search(director, '/api/organizations', q)).total, q).toBeLessThan(all);
        expect((await search(admin, '/api/users', q)).items, q).toEqual([]);
      }
      expect((await search(admin, '/api/users', '%')).items).toEqual([]);
      const audit = await director.request(
        'GET',
        `/api/audit?action=${encodeURIComponent('%')}&entityType=${encodeURIComponent("' OR 1=1 --")}`,
      );
      expect(((await audit.json()) as { total: number }).total).toBe(0);
    });
  });
});

describe('credentials that are garbage', () => {
  it('a garbage, oversized or malformed session cookie → 401, not 500', () =>
    writesNothing(async () => {
      for (const cookie of [
        'braid_session=garbage',
        `braid_session=${'A'.repeat(4000)}`,
        'braid_session=%E0%A4%A',
        'braid_session=%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00',
        'braid_session',
        'braid_session=a; braid_session=b',
        `braid_session=${"'; DROP TABLE session; --".padEnd(40, 'x')}`,
      ]) {
        await expectProblem(await t.fetch('/api/me', { headers: { cookie } }), 401, 'unauthenticated');
        await expectProblem(
          await t.fetch('/api/organizations', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' }),
          401,
        );
      }
      for (const authorization of [
        'Basic YWRtaW46YWRtaW4=',
        'Bearer',
        `Bearer ${'x'.repeat(500)}`,
        'Bearer a b c d e f g h i j k l m n o p',
        'Bearer braid_\u00e9\u00e9',
      ]) {
        await expectProblem(await t.fetch('/api/me', { headers: { authorization } }), 401, 'unauthenticated');
      }
    }));
});

// ─── Property-based: arbitrary input to the doors that take text from strangers ───

const RUNS = 50;
// Text built from the characters that break things: quotes, wildcards, NUL, lone surrogates, emoji.
const tricky = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', '\u0000', '\ud800', '\udc00', "'", '"', '%', '_', '\\', '\n', '\u00e9', '\u{1F600}', '<'),
  maxLength: 24,
});
const anyValue = fc.oneof(
  fc.jsonValue(),
  tricky,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'a@b.co', 'x'.repeat(300), "' OR 1=1 --", 'javascript:alert(1)'),
);

interface Door {
  name: string;
  method: string;
  url: () => string;
  schema: z.ZodType;
  /** A body the route accepts; most generated bodies are this with one field changed. */
  valid: Record<string, unknown>;
  caller?: () => Caller;
}

/** Mostly near-valid bodies (one field replaced, dropped or added), plus wholly arbitrary JSON. */
function bodies(door: Door): fc.Arbitrary<unknown> {
  const keys = Object.keys(door.valid);
  const oneFieldChanged = fc
    .tuple(fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'), anyValue)
    .map(([key, value]) => Object.defineProperty({ ...door.valid }, key, { value, enumerable: true, configurable: true, writable: true }));
  const oneFieldDropped = fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(door.valid).filter(([k]) => k !== key)));
  const everyFieldArbitrary = fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 5, arbitrary: oneFieldChanged },
    { weight: 1, arbitrary: oneFieldDropped },
    { weight: 2, arbitrary: everyFieldArbitrary },
    { weight: 2, arbitrary: fc.jsonValue() },
  );
}

const token = 'k'.repeat(43);
const password = 'a long and careful passphrase';
const organization = {
  name: 'Acme Care Staffing',
  kind: 'employer',
  description: 'Staffing agency',
  ein: '34-1234567',
  naics: '622110',
  email: 'hr@acme.example',
  website: 'https://acme.example',
  phone: '216-555-0100',
  addressLine1: '1 Main Street',
  city: 'Cleveland',
  stateCode: 'OH',
  postalCode: '44115',
  countyFips: '39035',
};
const doors: Door[] = [
  { name: 'sign-in', method: 'POST', url: () => '/api/auth/sign-in', schema: signInBody, valid: { email: 'nobody@example.org', password } },
  {
    name: 'password reset request',
    method: 'POST',
    url: () => '/api/auth/password-reset/request',
    schema: passwordResetRequestBody,
    valid: { email: 'nobody@example.org' },
  },
  {
    name: 'password reset completion',
    method: 'POST',
    url: () => '/api/auth/password-reset/complete',
    schema: tokenPasswordBody,
    valid: { token, password },
  },
  { name: 'invitation lookup', method: 'POST', url: () => '/api/auth/invitation/lookup', schema: invitationTokenQuery, valid: { token } },
  {
    name: 'invitation acceptance',
    method: 'POST',
    url: () => '/api/auth/invitation/accept',
    schema: acceptInvitationBody,
    valid: { token, password, name: 'New Person' },
  },
  {
    name: 'create organization',
    method: 'POST',
    url: () => '/api/organizations',
    schema: organizationBody,
    valid: organization,
    caller: () => director,
  },
  {
    name: 'change organization',
    method: 'PATCH',
    url: () => `/api/organizations/${orgId}`,
    schema: organizationPatch,
    valid: organization,
    caller: () => director,
  },
];

/** Same rule as the server's: text PostgreSQL cannot store is refused before validation. */
function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || /\p{Cs}/u.test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => hasUnstorableText(k) || hasUnstorableText(v));
}

function send(door: Door, raw: string): Promise<Response> {
  const caller = door.caller?.();
  return caller ? caller.request(door.method, door.url(), raw) : anonymous(door.method, door.url(), raw);
}

/** Sends one body; invalid input must get a 400 problem and write nothing; nothing may ever 5xx. */
async function probe(door: Door, raw: string): Promise<void> {
  let parsed: { ok: true; value: unknown } | { ok: false };
  try {
    parsed = { ok: true, value: JSON.parse(raw) };
  } catch {
    parsed = { ok: false };
  }
  const valid = parsed.ok && door.schema.safeParse(parsed.value).success && !hasUnstorableText(parsed.value);
  const before = valid ? null : await counts();
  const res = await send(door, raw);
  expect(res.status, `${door.name}: ${raw.slice(0, 200)}`).toBeLessThan(500);
  if (!valid) {
    await expectProblem(res, 400);
    expect(await counts()).toEqual(before);
  } else {
    await res.arrayBuffer();
  }
}

describe.each(doors)('property: $name', (door) => {
  it('arbitrary JSON values never cause a 5xx; invalid ones get 400 and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(door), (body) => probe(door, JSON.stringify(body) ?? 'null')),
      { numRuns: RUNS },
    );
  });

  it('arbitrary strings as the body never cause a 5xx; invalid ones get 400 and write nothing', async () => {
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
      bodies(door).map((b) => `${JSON.stringify(b)} trailing`),
    );
    // What travels is UTF-8: a lone surrogate in a JS string arrives as U+FFFD, so judge what arrives.
    await fc.assert(
      fc.asyncProperty(raw, (s) => probe(door, Buffer.from(s, 'utf8').toString('utf8'))),
      { numRuns: RUNS },
    );
  });
});
