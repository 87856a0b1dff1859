import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const json = { 'content-type': 'application/json' };

describe('account settings', () => {
  it('keeps the phone number encrypted at rest and audits reading it', async () => {
    const me = await t.as('navigator');
    expect((await me.request('PATCH', '/api/account/profile', { phone: '(216) 555-0142', locale: 'en' })).status).toBe(200);
    const profile = await (await me.request('GET', '/api/account/profile')).json();
    expect(profile).toMatchObject({ phone: '(216) 555-0142', locale: 'en' });
    const { rows } = await sql<{ phone_enc: string }>`SELECT phone_enc FROM "user" WHERE email = 'navigator@demo.braid.test'`.execute(
      t.rt.services.database.db,
    );
    expect(rows[0].phone_enc).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(rows[0].phone_enc).not.toContain('555');
    const { rows: audit } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.phone_read' AND personal_data`.execute(t.rt.services.database.db);
    expect(audit[0].n).toBe(1);
  });

  it('changing the password needs the current one, refuses common ones, and signs out other sessions', async () => {
    const phone = await t.as('director');
    const laptop = await t.as('director');
    const wrong = await laptop.request('POST', '/api/account/password', {
      currentPassword: 'nope',
      newPassword: 'another long passphrase',
    });
    expect((await wrong.json()).errors[0]).toMatchObject({ field: 'body.currentPassword', code: 'wrong_password' });
    const common = await laptop.request('POST', '/api/account/password', {
      currentPassword: 'care-pathways-2026',
      newPassword: 'qwertyuiop123',
    });
    expect(common.status).toBe(422);
    const short = await laptop.request('POST', '/api/account/password', { currentPassword: 'care-pathways-2026', newPassword: 'short' });
    expect(short.status).toBe(400);
    const next = 'quiet meadow bicycle 2049';
    rememberSecret(next);
    expect(
      (await laptop.request('POST', '/api/account/password', { currentPassword: 'care-pathways-2026', newPassword: next })).status,
    ).toBe(200);
    expect((await laptop.request('GET', '/api/me')).status).toBe(200);
    expect((await phone.request('GET', '/api/me')).status).toBe(401);
  });

  it('lists sessions, ends one, and signs out everywhere', async () => {
    const a = await t.as('business_services');
    const b = await t.as('business_services');
    const list = await (await a.request('GET', '/api/account/sessions')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.items.find((s: { current: boolean }) => !s.current);
    expect((await a.request('DELETE', `/api/account/sessions/${other.id}`)).status).toBe(200);
    expect((await b.request('GET', '/api/me')).status).toBe(401);
    const c = await t.as('business_services');
    const ended = await (await a.request('POST', '/api/account/sessions/revoke-all')).json();
    expect(ended.ended).toBeGreaterThanOrEqual(2);
    expect((await a.request('GET', '/api/me')).status).toBe(401);
    expect((await c.request('GET', '/api/me')).status).toBe(401);
  });

  it('personal API tokens: shown once, work as Bearer without CSRF, stored hashed, revocable', async () => {
    const me = await t.as('admin');
    const created = await me.request('POST', '/api/account/tokens', { name: 'Reporting script', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { token, id, prefix } = await created.json();
    rememberSecret(token);
    expect(token.startsWith(prefix)).toBe(true);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.fetch('/api/organizations', { headers: auth })).status).toBe(200);
    const write = await t.fetch('/api/organizations', {
      method: 'POST',
      headers: { ...auth, ...json },
      body: JSON.stringify({ name: 'Via token', kind: 'employer' }),
    });
    expect(write.status).toBe(201);
    const listed = await (await me.request('GET', '/api/account/tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM api_token WHERE encode(token_hash, 'escape') LIKE ${`%${token}%`}`.execute(t.rt.services.database.db);
    expect(rows[0].n).toBe(0);
    expect((await me.request('DELETE', `/api/account/tokens/${id}`)).status).toBe(200);
    expect((await t.fetch('/api/organizations', { headers: auth })).status).toBe(401);
  });
});

describe('session lifetimes', () => {
  it('ends a session after the idle timeout and after the absolute timeout, even when active', async () => {
    const short = await startTestApp({ sessionIdleMinutes: 0.05, sessionAbsoluteHours: 0.002 }, { seed: true });
    try {
      const idle = await short.as('navigator');
      expect((await idle.request('GET', '/api/me')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 3500));
      expect((await idle.request('GET', '/api/me')).status).toBe(401);

      const busy = await short.as('director');
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        const status = (await busy.request('GET', '/api/me')).status;
        if (i < 2) expect(status).toBe(200);
      }
      // 0.002 h = 7.2 s after sign-in: past it, activity no longer helps.
      expect((await busy.request('GET', '/api/me')).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
