import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { linkIn } from '../../../../tests/support/smtp-sink.ts';

let t: TestApp;
let admin: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const orgs = await (await admin.request('GET', '/api/organizations?q=Eastside')).json();
  orgId = orgs.items[0].id;
});
afterAll(() => t?.close());

const json = { 'content-type': 'application/json' };
const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

describe('inviting people', () => {
  it('invites by email; the link lets them choose a password and signs them in with their role', async () => {
    const res = await admin.request('POST', '/api/users/invitations', {
      email: 'New.Navigator@Eastside.test',
      name: 'Lena Ortiz',
      organizationId: orgId,
      role: 'partner_staff',
      locale: 'es',
    });
    expect(res.status).toBe(201);
    const invited = await res.json();
    expect(invited.status).toBe('invited');
    expect(invited.email).toBe('new.navigator@eastside.test');

    const mail = await t.smtp.waitFor('new.navigator@eastside.test');
    expect(mail.subject).toMatch(/Invitación/);
    const token = tokenOf(linkIn(mail));
    rememberSecret(token);

    const info = await t.fetch('/api/auth/invitation/lookup', { method: 'POST', headers: json, body: JSON.stringify({ token }) });
    expect(await info.json()).toMatchObject({ email: 'new.navigator@eastside.test', name: 'Lena Ortiz', locale: 'es' });

    const password = 'violet harbor lantern 88';
    rememberSecret(password);
    const accepted = await t.fetch('/api/auth/invitation/accept', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, name: 'Lena Ortiz', password }),
    });
    expect(accepted.status).toBe(200);
    const me = await accepted.json();
    expect(me.roles).toEqual(['partner_staff']);
    expect(me.user.locale).toBe('es');

    const reused = await t.fetch('/api/auth/invitation/accept', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, name: 'X', password }),
    });
    expect(reused.status).toBe(410);
    const detail = await (await admin.request('GET', `/api/users/${invited.id}`)).json();
    expect(detail.status).toBe('active');
  });

  it('refuses an email already in use, in this tenant or any other', async () => {
    const res = await admin.request('POST', '/api/users/invitations', {
      email: 'navigator@demo.braid.test',
      name: 'Dup',
      organizationId: orgId,
      role: 'navigator',
    });
    expect(res.status).toBe(409);
    const problem = await res.json();
    expect(problem.code).toBe('email_taken');
    expect(problem.errors[0].field).toBe('body.email');
  });

  it('resending an invitation makes the earlier link useless', async () => {
    const created = await (
      await admin.request('POST', '/api/users/invitations', {
        email: 'twice@braid.test',
        name: 'Twice',
        organizationId: orgId,
        role: 'analyst',
      })
    ).json();
    const first = tokenOf(linkIn(await t.smtp.waitFor('twice@braid.test')));
    rememberSecret(first);
    const before = t.smtp.messages.filter((m) => m.to.includes('twice@braid.test')).length;
    expect((await admin.request('POST', `/api/users/${created.id}/resend-invitation`)).status).toBe(200);
    for (let i = 0; i < 100 && t.smtp.messages.filter((m) => m.to.includes('twice@braid.test')).length === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const second = tokenOf(linkIn(t.smtp.messages.filter((m) => m.to.includes('twice@braid.test')).at(-1)!));
    rememberSecret(second);
    expect(second).not.toBe(first);
    const old = await t.fetch('/api/auth/invitation/lookup', { method: 'POST', headers: json, body: JSON.stringify({ token: first }) });
    expect(old.status).toBe(410);
    const fresh = await t.fetch('/api/auth/invitation/lookup', { method: 'POST', headers: json, body: JSON.stringify({ token: second }) });
    expect(fresh.status).toBe(200);
  });
});

describe('managing people', () => {
  it('disabling a person ends their sessions at once and blocks sign-in; enabling restores sign-in', async () => {
    const analyst = await t.as('analyst');
    expect((await analyst.request('GET', '/api/me')).status).toBe(200);
    const list = await (await admin.request('GET', '/api/users?q=analyst@demo')).json();
    const id = list.items[0].id;
    const disabled = await admin.request('POST', `/api/users/${id}/disable`);
    expect((await disabled.json()).status).toBe('disabled');
    expect((await analyst.request('GET', '/api/me')).status).toBe(401);
    const signIn = await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'analyst@demo.braid.test', password: 'care-pathways-2026' }),
    });
    expect(signIn.status).toBe(401);
    await admin.request('POST', `/api/users/${id}/enable`);
    expect((await t.as('analyst')).cookie).toMatch(/braid_session=/);
  });

  it('an admin cannot disable themselves', async () => {
    const me = await (await admin.request('GET', '/api/me')).json();
    const res = await admin.request('POST', `/api/users/${me.user.id}/disable`);
    expect(res.status).toBe(409);
  });

  it('adding and removing a role changes what the person may do on their next request', async () => {
    const funder = await t.as('funder_viewer');
    expect((await funder.request('GET', '/api/organizations')).status).toBe(403);
    const id = (await (await admin.request('GET', '/api/users?q=funder@demo')).json()).items[0].id;
    const added = await (await admin.request('POST', `/api/users/${id}/memberships`, { organizationId: orgId, role: 'navigator' })).json();
    expect((await funder.request('GET', '/api/organizations')).status).toBe(200);
    const dup = await admin.request('POST', `/api/users/${id}/memberships`, { organizationId: orgId, role: 'navigator' });
    expect(dup.status).toBe(409);
    const membership = added.memberships.find((m: { role: string }) => m.role === 'navigator');
    await admin.request('DELETE', `/api/users/${id}/memberships/${membership.id}`);
    expect((await funder.request('GET', '/api/organizations')).status).toBe(403);
  });

  it('lists people with search, role and status filters, paginated in a stable order', async () => {
    const page1 = await (await admin.request('GET', '/api/users?pageSize=4&page=1')).json();
    const page2 = await (await admin.request('GET', '/api/users?pageSize=4&page=2')).json();
    expect(page1.items).toHaveLength(4);
    expect(page1.total).toBeGreaterThanOrEqual(9);
    const names = [...page1.items, ...page2.items].map((u: { name: string }) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names.slice(0, 4)].sort((a, b) => a.localeCompare(b))).toEqual(names.slice(0, 4));
    const directors = await (await admin.request('GET', '/api/users?role=director')).json();
    expect(directors.items.map((u: { email: string }) => u.email)).toEqual(['director@demo.braid.test']);
    const invited = await (await admin.request('GET', '/api/users?status=invited')).json();
    expect(invited.items.every((u: { status: string }) => u.status === 'invited')).toBe(true);
    const tooBig = await admin.request('GET', '/api/users?pageSize=1000');
    expect(tooBig.status).toBe(400);
  });

  it('every change is in the audit trail', async () => {
    const events = await (await admin.request('GET', '/api/audit?action=user.&pageSize=100')).json();
    const actions = new Set(events.items.map((e: { action: string }) => e.action));
    for (const a of ['user.invited', 'user.invitation_accepted', 'user.disabled', 'user.enabled', 'user.invitation_resent'])
      expect(actions).toContain(a);
  });
});
