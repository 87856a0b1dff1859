import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

// What every response tells the browser: no framing, no sniffing, no caching of API data, HTTPS
// pinned only when Braid is served over HTTPS. And the API documents itself at /api/docs.

let plain: TestApp;
let secure: TestApp;
beforeAll(async () => {
  plain = await startTestApp();
  secure = await startTestApp({ baseUrl: 'https://braid.example' });
});
afterAll(async () => {
  await plain?.close();
  await secure?.close();
});

// One of each kind of response: API data, API problem, unknown API path, docs page, docs JSON, web app, health.
const SAMPLES = ['/api/codes/naics?q=hospital', '/api/me', '/api/no-such-route', '/api/docs', '/api/docs/json', '/', '/healthz'];

async function headersOf(t: TestApp, url: string): Promise<Headers> {
  const caller = await t.as('navigator');
  const res = await t.fetch(url, { headers: { cookie: caller.cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  return res.headers;
}

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...value] = d.split(/\s+/);
        return [name, value.join(' ')] as const;
      }),
  );
}

describe('security headers over plain http', () => {
  it.each(SAMPLES)('%s forbids framing and sniffing, and does not pin HTTPS', async (url) => {
    const h = await headersOf(plain, url);
    const csp = directives(h.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('strict-transport-security')).toBeNull();
  });

  it('the web app and API allow scripts from Braid itself only', async () => {
    for (const url of ['/', '/api/me']) {
      const script = directives((await headersOf(plain, url)).get('content-security-policy')).get('script-src');
      expect(script, url).toBe("'self'");
    }
  });

  it('marks every /api response no-store, signed-in data and errors alike', async () => {
    const caller = await plain.as('director');
    for (const url of ['/api/me', '/api/organizations', '/api/audit', '/api/no-such-route']) {
      const res = await plain.fetch(url, { headers: { cookie: caller.cookie } });
      expect(res.headers.get('cache-control'), url).toBe('no-store');
    }
    const anonymous = await plain.fetch('/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, without Secure (it would never be sent back over http)', async () => {
    const res = await plain.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@demo.braid.test', password: 'care-pathways-2026' }),
    });
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('security headers when Braid is served over https', () => {
  it.each(SAMPLES)('%s pins HTTPS for a year with HSTS and upgrades insecure requests', async (url) => {
    const h = await headersOf(secure, url);
    const hsts = h.get('strict-transport-security') ?? '';
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31536000);
    expect(hsts).toMatch(/includeSubDomains/i);
    const csp = directives(h.get('content-security-policy'));
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('sets the session cookie Secure', async () => {
    const res = await secure.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@demo.braid.test', password: 'care-pathways-2026' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });
});

describe('API documentation', () => {
  it('serves the OpenAPI UI at /api/docs, with its scripts', async () => {
    const res = await plain.fetch('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/swagger-ui/i);
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1], `${plain.baseUrl}/api/docs/`).pathname);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await plain.fetch(src);
      expect(js.status, src).toBe(200);
      expect(js.headers.get('content-type'), src).toMatch(/javascript/);
      await js.arrayBuffer();
    }
  });

  it('publishes an OpenAPI 3 document listing every API route, with its authentication', async () => {
    const res = await plain.fetch('/api/docs/json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Braid API');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    const missing: string[] = [];
    for (const route of plain.rt.registry.routes.filter((r) => r.url.startsWith('/api/'))) {
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!op) {
        missing.push(`${route.method} ${route.url}`);
        continue;
      }
      expect(op.security, `${route.method} ${route.url}`).toEqual(route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }]);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths)).not.toContain('/healthz');
  });
});
