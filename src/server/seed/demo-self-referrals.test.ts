import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';

// The full demo has requests from the public self-referral form in the review queue: pending ones, one
// accepted into an existing participant's referral, one dismissed; stored encrypted, and nobody emailed.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { demo: 'full' });
});
afterAll(() => t?.close());

const sql = async (text: string, params: unknown[] = []) =>
  (await t.rt.services.database.executeSql(text, params)).rows as Record<string, unknown>[];

describe('demo self-referrals', () => {
  it('fills the review queue with pending, accepted and dismissed requests, stored encrypted', async () => {
    const director = await t.as('director');
    const pending = await (await director.request('GET', '/api/self-referrals')).json();
    expect(pending.items.length).toBeGreaterThanOrEqual(4);
    const spanish = pending.items.find((i: { name: string }) => i.name === 'Yolanda Pérez');
    const detail = await (await director.request('GET', `/api/self-referrals/${spanish.id}`)).json();
    expect(detail).toMatchObject({ locale: 'es', phone: '(216) 555-0187', status: 'pending_review' });
    expect(detail.need).toMatch(/auxiliar de enfermería/);

    const accepted = await (await director.request('GET', '/api/self-referrals?status=accepted')).json();
    expect(accepted.items).toHaveLength(1);
    const done = await (await director.request('GET', `/api/self-referrals/${accepted.items[0].id}`)).json();
    const referral = await (await director.request('GET', `/api/referrals/${done.referralId}`)).json();
    expect(referral.service.id).toBe(done.service.id);
    const [link] = await sql('SELECT participant_id FROM referral WHERE id = $1', [done.referralId]);
    expect(link.participant_id).toBe(done.participantId);
    const dismissed = await (await director.request('GET', '/api/self-referrals?status=dismissed')).json();
    expect(dismissed.items).toHaveLength(1);

    // Through the service code: nothing personal in clear text, and no email from the seed.
    const raw = await sql('SELECT email_enc, phone_enc, need_enc FROM self_referral_request');
    expect(JSON.stringify(raw)).not.toMatch(/555-0187|enfermería|jamal\.turner/);
    expect(t.smtp.messages.filter((m) => /example\.com/.test(m.to))).toHaveLength(0);

    const home = await (await director.request('GET', '/api/home')).json();
    expect(home.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'self_referrals_to_review' })]));
  });
});
