import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/server/platform/http.ts';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../src/shared/roles.ts';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../support/app.ts';
import { expectProblem, rowCounts } from '../support/checks.ts';

// The authorization matrix, generated from the app's own route registry: every route × anonymous and
// every role. A route added tomorrow is covered without touching this file.

// The public doors. A new public route must be added here on purpose.
const EXPECTED_PUBLIC = [
  // A service's public self-referral form (issue 6): signed token, honeypot, rate limits (self-referral.service.ts).
  'GET /api/public/self-referral/:tenantSlug/:serviceId',
  'GET /healthz',
  // The HSDS 3.0 API (issue 6): each tenant decides between public and API token (hsds.api.ts).
  'GET /hsds/:tenant',
  'GET /hsds/:tenant/organizations',
  'GET /hsds/:tenant/organizations/:id',
  'GET /hsds/:tenant/service_at_locations',
  'GET /hsds/:tenant/service_at_locations/:id',
  'GET /hsds/:tenant/services',
  'GET /hsds/:tenant/services/:id',
  'GET /hsds/:tenant/taxonomies',
  'GET /hsds/:tenant/taxonomies/:id',
  'GET /hsds/:tenant/taxonomy_terms',
  'GET /hsds/:tenant/taxonomy_terms/:id',
  'POST /api/auth/invitation/accept',
  'POST /api/auth/invitation/lookup',
  'POST /api/auth/password-reset/complete',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  'POST /api/public/self-referral/:tenantSlug/:serviceId',
  // Employer needs surveys: the respondent has no account, only the one-time emailed token.
  'POST /api/public/surveys/occupations',
  'POST /api/public/surveys/open',
  'POST /api/public/surveys/submit',
];
// Served by the OpenAPI plugin, outside the registry; public documentation by design.
const DOCS_PREFIX = '/api/docs';
// What a permitted caller may get for a random id and an empty body: handled, never refused.
// (415: an upload route wants multipart, not JSON.)
const PERMITTED_STATUSES = [200, 201, 400, 404, 409, 415, 422];

let t: TestApp;
let routes: RegisteredRoute[];
beforeAll(async () => {
  t = await startTestApp();
  routes = t.rt.registry.routes;
});
afterAll(() => t?.close());

const label = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const fill = (url: string) => url.replace(/:\w+/g, () => randomUUID());
const bodyFor = (method: string) => (method === 'GET' ? undefined : {});

function allows(role: Role, route: RegisteredRoute): boolean {
  return route.access === 'authenticated' || (ROLE_PERMISSIONS[role] as readonly string[]).includes(route.access);
}

/** Every method + path the HTTP server answers, read from Fastify's route tree. */
function servedRoutes(): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of t.rt.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = full;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') out.push({ method, url: full });
    }
  }
  return out;
}

describe('the route registry', () => {
  it('lists every API route the server answers (nothing escapes the matrix)', () => {
    // Fastify prints ":id|:participantId" where routes name the same path parameter differently.
    const shape = (r: { method: string; url: string }) => label({ method: r.method, url: r.url.replace(/:[\w|:]+/g, ':param') });
    const registered = new Set(routes.map(shape));
    // The HSDS API lives outside /api (/hsds/<tenant>/…) and is held to the same rule.
    const served = servedRoutes().filter(
      (r) => (r.url.startsWith('/api/') && !r.url.startsWith(DOCS_PREFIX)) || r.url.startsWith('/hsds/'),
    );
    expect(served.length).toBeGreaterThanOrEqual(routes.length - 1);
    expect(served.map(shape).filter((r) => !registered.has(r))).toEqual([]);
    for (const r of routes) expect(t.rt.app.hasRoute({ method: r.method as 'GET', url: r.url }), label(r)).toBe(true);
  });

  it('has exactly the expected public routes', () => {
    expect(
      routes
        .filter((r) => r.access === 'public')
        .map(label)
        .sort(),
    ).toEqual(EXPECTED_PUBLIC);
  });

  it('declares a known permission (or "authenticated") on every other route', () => {
    const known = new Set<string>(['authenticated', ...Object.values(ROLE_PERMISSIONS).flat()]);
    expect(routes.filter((r) => r.access !== 'public' && !known.has(r.access)).map(label)).toEqual([]);
  });
});

describe('anonymous callers', () => {
  it('get 401 unauthenticated on every non-public route, before their input is even read', async () => {
    const before = await rowCounts(t.db.database.db);
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const body = bodyFor(route.method);
      const res = await t.fetch(fill(route.url), {
        method: route.method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const problem = await res.json();
      expect({ route: label(route), status: res.status, code: problem.code }).toEqual({
        route: label(route),
        status: 401,
        code: 'unauthenticated',
      });
    }
    expect(await rowCounts(t.db.database.db)).toEqual(before);
  });

  it('reach the public routes (never 401, never 5xx)', async () => {
    for (const route of routes.filter((r) => r.access === 'public')) {
      const body = bodyFor(route.method);
      const res = await t.fetch(route.url, {
        method: route.method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(res.status, label(route)).not.toBe(401);
      expect(res.status, label(route)).toBeLessThan(500);
    }
  });
});

describe.each(ROLES)('role %s', (role) => {
  it('is refused exactly the routes its permissions lack (403 forbidden), and reaches the rest', async () => {
    let caller: Caller = await t.as(role);
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const res = await caller.request(route.method, fill(route.url), bodyFor(route.method));
      const text = await res.text();
      const code = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as { code?: string }).code : undefined;
      if (allows(role, route)) {
        if (!PERMITTED_STATUSES.includes(res.status)) mismatches.push(`${label(route)} → ${res.status} ${code ?? ''} (permitted)`);
        // Some permitted calls end the caller's own session (sign out everywhere): sign in again.
        if (res.ok && route.method !== 'GET' && (await caller.request('GET', '/api/me')).status === 401) caller = await t.as(role);
      } else if (res.status !== 403 || code !== 'forbidden' || !res.headers.get('content-type')?.startsWith('application/problem+json')) {
        mismatches.push(`${label(route)} → ${res.status} ${code ?? ''} (access ${route.access} not granted)`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('CSRF', () => {
  const org = { name: 'CSRF Test Manufacturing', kind: 'employer' };

  it('refuses a cookie-authenticated write without the x-csrf-token header, or with a wrong one, and writes nothing', async () => {
    const director = await t.as('director');
    const other = await t.as('admin');
    const before = await rowCounts(t.db.database.db);
    const send = (headers: Record<string, string>) =>
      t.fetch('/api/organizations', {
        method: 'POST',
        headers: { cookie: director.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(org),
      });
    await expectProblem(await send({}), 403, 'csrf_failed');
    // One character changed (a token that already ends in "x" gets a "y": one run in 64 sent the real token).
    const altered = `${director.csrf.slice(0, -1)}${director.csrf.endsWith('x') ? 'y' : 'x'}`;
    await expectProblem(await send({ 'x-csrf-token': altered }), 403, 'csrf_failed');
    await expectProblem(await send({ 'x-csrf-token': '' }), 403, 'csrf_failed');
    // Another session's token is not this session's token.
    await expectProblem(await send({ 'x-csrf-token': other.csrf }), 403, 'csrf_failed');
    expect(await rowCounts(t.db.database.db)).toEqual(before);
    // Reads need no token; the right token lets the write through.
    expect((await t.fetch('/api/organizations', { headers: { cookie: director.cookie } })).status).toBe(200);
    expect((await send({ 'x-csrf-token': director.csrf })).status).toBe(201);
  });

  it('needs no CSRF header with an API token (Authorization: Bearer), which still obeys permissions', async () => {
    const tokenFor = async (role: Role) => {
      const res = await (await t.as(role)).request('POST', '/api/account/tokens', { name: `matrix ${role}` });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; token: string };
      rememberSecret(created.token);
      return created;
    };
    const bearer = (token: string, method: string, url: string, body?: unknown) =>
      t.fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    const director = await tokenFor('director');
    const created = await bearer(director.token, 'POST', '/api/organizations', { ...org, name: 'Bearer Test Manufacturing' });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { name: string }).name).toBe('Bearer Test Manufacturing');

    const navigator = await tokenFor('navigator');
    await expectProblem(await bearer(navigator.token, 'POST', '/api/organizations', org), 403, 'forbidden');
    expect((await bearer(navigator.token, 'GET', '/api/organizations')).status).toBe(200);

    await expectProblem(await bearer(`braid_${'x'.repeat(40)}`, 'GET', '/api/me'), 401, 'unauthenticated');
    await expectProblem(await bearer('short', 'GET', '/api/me'), 401, 'unauthenticated');

    // A revoked token stops working at once.
    const revoked = await bearer(navigator.token, 'DELETE', `/api/account/tokens/${navigator.id}`);
    expect(revoked.status).toBe(200);
    await expectProblem(await bearer(navigator.token, 'GET', '/api/me'), 401, 'unauthenticated');
  });
});
