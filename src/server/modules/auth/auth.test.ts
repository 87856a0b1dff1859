import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { linkIn } from '../../../../tests/support/smtp-sink.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ signInMaxPerAccount: 3 });
});
afterAll(() => t?.close());

const json = { 'content-type': 'application/json' };

describe('sign-in', () => {
  it('signs in with the right password and sets a hardened session cookie', async () => {
    const res = await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'Director@Demo.Braid.Test', password: 'care-pathways-2026' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^braid_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await res.json();
    expect(me.roles).toEqual(['director']);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a wrong password with a problem document and no cookie', async () => {
    const res = await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'analyst@demo.braid.test', password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).code).toBe('invalid_credentials');
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  it('throttles an account after repeated failures with 429 and Retry-After, even with the right password', async () => {
    const attempt = (password: string) =>
      t.fetch('/api/auth/sign-in', { method: 'POST', headers: json, body: JSON.stringify({ email: 'board@demo.braid.test', password }) });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password-123')).status).toBe(401);
    const blocked = await attempt('care-pathways-2026');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives a new session id at every sign-in and ends the one the browser carried', async () => {
    const first = await t.as('navigator');
    const res = await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { ...json, cookie: first.cookie },
      body: JSON.stringify({ email: 'navigator@demo.braid.test', password: 'care-pathways-2026' }),
    });
    const second = res.headers.getSetCookie()[0].split(';')[0];
    expect(second).not.toBe(first.cookie);
    expect((await first.request('GET', '/api/me')).status).toBe(401);
    expect((await t.fetch('/api/me', { headers: { cookie: second } })).status).toBe(200);
  });

  it('signs out: the cookie stops working at once', async () => {
    const caller = await t.as('analyst');
    expect((await caller.request('POST', '/api/auth/sign-out')).status).toBe(200);
    expect((await caller.request('GET', '/api/me')).status).toBe(401);
  });
});

describe('password reset by email', () => {
  it('emails a one-time link that sets a new password and ends old sessions', async () => {
    const old = await t.as('business_services');
    const res = await t.fetch('/api/auth/password-reset/request', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'business@demo.braid.test' }),
    });
    expect(res.status).toBe(200);
    const mail = await t.smtp.waitFor('business@demo.braid.test');
    expect(mail.subject).toMatch(/reset/i);
    const token = new URL(linkIn(mail)).hash.replace('#token=', '');
    rememberSecret(token);

    const weak = await t.fetch('/api/auth/password-reset/complete', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, password: 'password1234' }),
    });
    expect(weak.status).toBe(422);
    expect((await weak.json()).errors[0].code).toBe('common');

    const newPassword = 'a long river of careful words';
    rememberSecret(newPassword);
    const done = await t.fetch('/api/auth/password-reset/complete', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, password: newPassword }),
    });
    expect(done.status).toBe(200);
    expect((await old.request('GET', '/api/me')).status).toBe(401);

    const again = await t.fetch('/api/auth/password-reset/complete', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, password: newPassword }),
    });
    expect(again.status).toBe(410);

    const signIn = await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'business@demo.braid.test', password: newPassword }),
    });
    expect(signIn.status).toBe(200);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const before = t.smtp.messages.length;
    const res = await t.fetch('/api/auth/password-reset/request', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'nobody@nowhere.test' }),
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.smtp.messages.length).toBe(before);
  });
});
