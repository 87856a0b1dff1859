import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem, until } from '../../../../tests/support/checks.ts';
import { withTenant } from '../../db/tenant.ts';
import { MAIL_QUEUE } from '../../platform/mail.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { signFormToken } from './self-referral.token.ts';

// The public form (no account) and the intermediary's review: spam defences answer as a person would
// expect, requests wait encrypted for review, acceptance makes a participant and a consent-gated referral.

let t: TestApp;
let director: Caller;
const SLUG = 'neo-health';
const stna = demoServiceId('State Tested Nursing Aide (STNA) Training');
const childcare = demoServiceId('Eastside Child Care Assistance');
const expungement = demoServiceId('Expungement and Record Sealing Clinic');
const pantry = demoServiceId('Mobile Food Pantry');
let ipCounter = 10;

const freshIp = () => `203.0.113.${ipCounter++}`;
const tokenFor = (serviceId: string, ageMs = 60_000) => signFormToken(t.rt.services.keyring, t.tenantId, serviceId, Date.now() - ageMs);

function form(serviceId: string, extra: Record<string, unknown> = {}) {
  return {
    formToken: tokenFor(serviceId),
    firstName: 'Rosa',
    lastName: 'Delgado',
    phone: '(216) 555-0142',
    place: '44105',
    preferredLanguage: 'es',
    need: 'I want to train as a nursing aide and need help to start.',
    consent: true,
    locale: 'es',
    ...extra,
  };
}

function submit(serviceId: string, body: unknown, ip = freshIp(), slug = SLUG) {
  return t.fetch(`/api/public/self-referral/${slug}/${serviceId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
}

async function pendingIds(): Promise<{ id: string; name: string }[]> {
  const res = await director.request('GET', '/api/self-referrals?pageSize=100');
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

beforeAll(async () => {
  t = await startTestApp({ trustProxy: true, selfReferralMaxPerIp: 6, selfReferralMaxPerService: 8 });
  director = await t.as('director');
});
afterAll(() => t?.close());

describe('public self-referral form', () => {
  it('shows a service that takes self-referrals, with a form token; others are 404', async () => {
    const res = await t.fetch(`/api/public/self-referral/${SLUG}/${stna}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.service.name).toBe('State Tested Nursing Aide (STNA) Training');
    expect(page.organization.name).toEqual(expect.any(String));
    expect(page.formToken).toMatch(/^\d{13}\./);

    // A service whose owner has not switched self-referral on.
    const closed = demoServiceId('Medical Assistant Certificate');
    await expectProblem(await t.fetch(`/api/public/self-referral/${SLUG}/${closed}`), 404, 'not_found');
    await expectProblem(await submit(closed, form(closed)), 404, 'not_found');
    await expectProblem(await t.fetch(`/api/public/self-referral/${SLUG}/${randomUUID()}`), 404, 'not_found');
    await expectProblem(await t.fetch(`/api/public/self-referral/no-such-partnership/${stna}`), 404, 'not_found');
  });

  it('is 404 through another partnership’s address (tenant isolation)', async () => {
    const db = t.db.database.db;
    const other = randomUUID();
    await createTenant(db, { id: other, slug: 'bravo-partnership', name: 'Bravo Manufacturing Partnership' });
    await expectProblem(await t.fetch(`/api/public/self-referral/bravo-partnership/${stna}`), 404, 'not_found');
    await expectProblem(await submit(stna, form(stna), freshIp(), 'bravo-partnership'), 404, 'not_found');
    // Row-level security: another tenant's transaction sees none of these requests.
    const rows = await withTenant(db, other, (tx) => sql`SELECT count(*)::int AS n FROM self_referral_request`.execute(tx));
    expect((rows.rows[0] as { n: number }).n).toBe(0);
  });

  it('refuses a token that is too fresh, expired, tampered or for another service', async () => {
    const tooFresh = await expectProblem(await submit(expungement, form(expungement, { formToken: tokenFor(expungement, 0) })), 400);
    expect(tooFresh.errors?.[0]).toMatchObject({ field: 'body.formToken', code: 'token_too_fresh' });
    const expired = await expectProblem(
      await submit(expungement, form(expungement, { formToken: tokenFor(expungement, 5 * 3600_000) })),
      400,
    );
    expect(expired.errors?.[0]).toMatchObject({ field: 'body.formToken', code: 'token_expired' });
    const good = tokenFor(expungement);
    const tampered = `${Number(good.slice(0, 13)) - 1000}${good.slice(13)}`;
    const bad = await expectProblem(await submit(expungement, form(expungement, { formToken: tampered })), 400);
    expect(bad.errors?.[0]).toMatchObject({ field: 'body.formToken', code: 'token_invalid' });
    const elsewhere = await expectProblem(await submit(expungement, form(expungement, { formToken: tokenFor(stna) })), 400);
    expect(elsewhere.errors?.[0]).toMatchObject({ code: 'token_invalid' });
    expect((await pendingIds()).length).toBe(0);
  });

  it('asks for a way to get in touch and for consent, field by field', async () => {
    const body = form(stna, { phone: '', email: '', consent: false });
    const problem = await expectProblem(await submit(stna, body), 400, 'validation_failed');
    const fields = problem.errors?.map((e) => e.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['body.consent']));
    const noContact = await expectProblem(await submit(stna, form(stna, { phone: '', email: '' })), 400, 'validation_failed');
    expect(noContact.errors?.map((e) => e.field)).toContain('body.phone');
  });

  it('answers a filled honeypot like a real request, and keeps nothing', async () => {
    const res = await submit(expungement, form(expungement, { website: 'http://spam.example' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ received: true });
    expect((await pendingIds()).length).toBe(0);
  });

  it('limits submissions per address and per service with 429 and Retry-After', async () => {
    const ip = freshIp();
    for (let i = 0; i < 6; i++) expect((await submit(childcare, form(childcare, { website: 'x' }), ip)).status).toBe(201);
    const limited = await submit(childcare, form(childcare), ip);
    await expectProblem(limited.clone(), 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 0; i < 8; i++) expect((await submit(pantry, form(pantry, { website: 'x' }))).status).toBe(201);
    const busy = await submit(pantry, form(pantry));
    await expectProblem(busy.clone(), 429, 'rate_limited');
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('emails', () => {
  const mail = (to: string, subject: string) =>
    until(async () => t.smtp.messages.find((m) => m.to.includes(to) && m.subject.includes(subject)));
  const reviewerMails = () => t.smtp.messages.filter((m) => m.to.includes('director@demo.braid.test') && /self-referral/.test(m.subject));
  // Mail goes through the job queue: counting its jobs shows what a submission asked to send.
  const mailJobs = async () =>
    Number(
      (
        (await t.rt.services.database.executeSql('SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1', [MAIL_QUEUE])).rows[0] as {
          n: number;
        }
      ).n,
    );

  it('a filled honeypot sends no email at all', async () => {
    const before = await mailJobs();
    const res = await submit(stna, form(stna, { email: 'bot@spam.example', website: 'http://spam.example' }));
    expect(res.status).toBe(201);
    expect(await mailJobs()).toBe(before);
  });

  it('tells the reviewers without the person’s details, and confirms to the person in the language of the form', async () => {
    const before = await mailJobs();
    const res = await submit(stna, form(stna, { firstName: 'Lucía', lastName: 'Moreno', email: 'lucia.moreno@example.com', locale: 'es' }));
    expect(res.status, await res.clone().text()).toBe(201);

    const reviewer = await mail('director@demo.braid.test', 'self-referral');
    expect(reviewer.subject).toBe('New self-referral request: State Tested Nursing Aide (STNA) Training');
    expect(reviewer.text).toContain('/self-referrals');
    for (const personal of ['Lucía', 'Moreno', 'lucia.moreno', '555-0142', '44105', 'I want to train'])
      expect(reviewer.text).not.toContain(personal);

    const confirmation = await mail('lucia.moreno@example.com', 'Recibimos su solicitud');
    expect(confirmation.subject).toBe('Recibimos su solicitud: State Tested Nursing Aide (STNA) Training');
    expect(confirmation.text).toContain('Qué sigue');
    expect(confirmation.text).not.toContain('I want to train');
    expect(confirmation.text).not.toContain('555-0142');
    // One job per reviewer (the intermediary's directors and admins) and one for the person.
    expect(await mailJobs()).toBeGreaterThan(before + 1);

    // A second request soon after: the person is told, the reviewers are not (throttle), and the
    // honeypot's address never got anything.
    const between = await mailJobs();
    const second = await submit(expungement, form(expungement, { phone: '', email: 'sam.ortiz@example.com', locale: 'en' }));
    expect(second.status, await second.clone().text()).toBe(201);
    const english = await mail('sam.ortiz@example.com', 'We received your request');
    expect(english.subject).toBe('We received your request: Expungement and Record Sealing Clinic');
    expect(english.text).toContain('What happens next');
    expect(await mailJobs()).toBe(between + 1);
    expect(reviewerMails()).toHaveLength(1);
    expect(t.smtp.messages.filter((m) => m.to.includes('bot@spam.example'))).toHaveLength(0);

    // Leave the queue empty for the review tests below.
    for (const item of await pendingIds()) {
      expect((await director.request('POST', `/api/self-referrals/${item.id}/dismiss`, { reason: 'other' })).status).toBe(200);
    }
  });
});

describe('review', () => {
  it('stores the request encrypted, lists it, shows it (audited) and puts a task on the home page', async () => {
    const res = await submit(stna, form(stna, { email: 'rosa.delgado@example.com' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const raw = await t.db.database.db
      .selectFrom('self_referral_request')
      .select(['email_enc', 'phone_enc', 'need_enc'])
      .where('status', '=', 'pending_review')
      .execute();
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toMatch(/rosa\.delgado|555-0142|nursing aide/);

    const [item] = await pendingIds();
    expect(item.name).toBe('Rosa Delgado');
    const detail = await (await director.request('GET', `/api/self-referrals/${item.id}`)).json();
    expect(detail).toMatchObject({ email: 'rosa.delgado@example.com', phone: '(216) 555-0142', status: 'pending_review', locale: 'es' });
    const audit = await t.db.database.db
      .selectFrom('audit_event')
      .select(['action', 'personal_data'])
      .where('entity_id', '=', item.id)
      .execute();
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'self_referral.viewed', personal_data: true })]));

    const home = await (await director.request('GET', '/api/home')).json();
    expect(home.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'self_referrals_to_review', subject: '1' })]));
    // Navigators do not review the queue.
    const nav = await t.as('navigator');
    await expectProblem(await nav.request('GET', '/api/self-referrals'), 403, 'forbidden');
    await expectProblem(await nav.request('GET', `/api/self-referrals/${item.id}`), 403, 'forbidden');
  });

  it('accepting creates the participant, records the form consent and sends a referral to the service', async () => {
    const [item] = await pendingIds();
    const res = await director.request('POST', `/api/self-referrals/${item.id}/accept`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const done = await res.json();
    expect(done).toMatchObject({ status: 'accepted', participantId: expect.any(String), referralId: expect.any(String) });

    const participant = await (await director.request('GET', `/api/participants/${done.participantId}`)).json();
    expect(participant).toMatchObject({ firstName: 'Rosa', lastName: 'Delgado', status: 'draft' });
    const referral = await (await director.request('GET', `/api/referrals/${done.referralId}`)).json();
    expect(referral).toMatchObject({ status: 'sent', service: { id: stna }, categories: ['contact'] });
    expect(referral.reason).toMatch(/nursing aide/);
    const consents = await (await director.request('GET', `/api/participants/${done.participantId}/consents`)).json();
    expect(consents[0]).toMatchObject({ categories: ['contact'], status: 'active', signedName: 'Rosa Delgado' });

    // Decided once.
    await expectProblem(await director.request('POST', `/api/self-referrals/${item.id}/accept`, {}), 409, 'invalid_transition');
    expect(await pendingIds()).toHaveLength(0);
    const home = await (await director.request('GET', '/api/home')).json();
    expect(home.tasks.map((x: { kind: string }) => x.kind)).not.toContain('self_referrals_to_review');
  });

  it('accepting into an existing participant found by the name search adds no new record', async () => {
    expect((await submit(stna, form(stna))).status).toBe(201);
    const [item] = await pendingIds();
    const detail = await (await director.request('GET', `/api/self-referrals/${item.id}`)).json();
    const match = detail.possibleMatches.find((m: { name: string }) => m.name === 'Rosa Delgado');
    expect(match).toBeDefined();
    const done = await (await director.request('POST', `/api/self-referrals/${item.id}/accept`, { participantId: match.id })).json();
    expect(done).toMatchObject({ status: 'accepted', participantId: match.id });
  });

  it('dismisses with a reason; the request leaves the queue', async () => {
    expect((await submit(stna, form(stna, { firstName: 'Buy', lastName: 'Cheap Pills' }))).status).toBe(201);
    const [item] = await pendingIds();
    await expectProblem(
      await director.request('POST', `/api/self-referrals/${item.id}/dismiss`, { reason: 'bored' }),
      400,
      'validation_failed',
    );
    const res = await director.request('POST', `/api/self-referrals/${item.id}/dismiss`, { reason: 'spam', note: 'Advertising' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'dismissed', dismissReason: 'spam', participantId: null });
    expect(await pendingIds()).toHaveLength(0);
    const dismissed = await (await director.request('GET', '/api/self-referrals?status=dismissed&q=cheap')).json();
    expect(dismissed.items).toHaveLength(1);
  });
});
