import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { createParticipant } from '../../../../tests/support/participants.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';
import { addBusinessDays, businessDaysBetween } from '../holidays/holidays.calendar.ts';

// Closed loop: a navigator refers to Eastside's childcare service; Eastside's partner staff are told by
// email, see only what the consent allows, accept and complete; revocation hides the participant.

let t: TestApp;
let nav: Caller;
let partner: Caller;
const childcare = demoServiceId('Eastside Child Care Assistance');
let eastsideId: string;

async function consent(pid: string, categories: string[]) {
  const res = await nav.request('POST', `/api/participants/${pid}/consents`, {
    recipientOrganizationIds: [eastsideId],
    categories,
    purpose: 'Childcare referral',
    method: 'signed_in_app',
    signedName: 'Test Person',
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  nav = await t.as('navigator');
  partner = await t.as('partner_staff');
  eastsideId = (await (await nav.request('GET', `/api/directory/services/${childcare}`)).json()).organization.id;
});
afterAll(() => t?.close());

describe('referrals', () => {
  it('counts acceptance deadlines in business days', () => {
    expect(addBusinessDays(new Date('2026-12-04T12:00:00Z'), 3)).toBe('2026-12-09'); // Friday + 3 → Wednesday
    expect(addBusinessDays(new Date('2026-12-07T12:00:00Z'), 1)).toBe('2026-12-08');
    // Counting back: Friday 4 Dec to Wednesday 9 Dec is 3 business days, 2 when Tuesday is a holiday.
    expect(businessDaysBetween('2026-12-04', '2026-12-09')).toBe(3);
    expect(businessDaysBetween('2026-12-04', '2026-12-09', new Set(['2026-12-08']))).toBe(2);
    expect(businessDaysBetween('2026-12-04', '2026-12-04')).toBe(0);
  });

  it('refuses a referral the consent does not cover, with a clear problem code', async () => {
    const pid = await createParticipant(nav, 'Nadia', 'Okafor');
    const body = { participantId: pid, serviceId: childcare, reason: 'Needs childcare to start STNA training', categories: ['contact'] };
    await expectProblem(await nav.request('POST', '/api/referrals', body), 409, 'consent_required');
    await consent(pid, ['contact']);
    const wider = await expectProblem(
      await nav.request('POST', '/api/referrals', { ...body, categories: ['contact', 'case_notes'] }),
      409,
      'consent_required',
    );
    expect(wider.errors?.[0]).toMatchObject({ field: 'body.categories' });
  });

  it('closes the loop: email to the receiver, accept, in progress, completed; the sender sees each step', async () => {
    const pid = await createParticipant(nav, 'Marisol', 'Vega');
    await consent(pid, ['contact', 'demographics']);
    const res = await nav.request('POST', '/api/referrals', {
      participantId: pid,
      serviceId: childcare,
      reason: 'Needs childcare to start STNA training',
      urgency: 'soon',
      categories: ['contact'],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const sent = await res.json();
    expect(sent).toMatchObject({ status: 'sent', receiver: { id: eastsideId }, overdue: false, participant: { name: 'Marisol Vega' } });

    const mail = await t.smtp.waitFor('partner@demo.braid.test');
    expect(mail.subject).toBe('New referral to Eastside Child Care Assistance');
    expect(mail.text).not.toContain('Marisol');

    const inbox = await (await partner.request('GET', '/api/referrals?box=inbox&status=sent')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(sent.id);
    const seen = await (await partner.request('GET', `/api/referrals/${sent.id}`)).json();
    expect(seen.participant).toEqual({ id: pid, name: 'Marisol Vega' });
    // The partner sees the participant's consented categories only, and the release is logged.
    const view = await partner.request('GET', `/api/participants/${pid}`);
    expect(view.status).toBe(200);
    expect((await view.json()).access.categories.sort()).toEqual(['contact', 'demographics']);
    const log = await (await nav.request('GET', `/api/participants/${pid}/disclosures`)).json();
    const releases = (Array.isArray(log) ? log : log.items) as { action: string }[];
    expect(releases.some((d) => d.action === 'referral.viewed')).toBe(true);

    for (const status of ['accepted', 'in_progress']) {
      const r = await partner.request('POST', `/api/referrals/${sent.id}/status`, { status });
      expect(r.status, await r.clone().text()).toBe(200);
    }
    await expectProblem(await nav.request('POST', `/api/referrals/${sent.id}/status`, { status: 'completed' }), 403, 'forbidden');
    const done = await (
      await partner.request('POST', `/api/referrals/${sent.id}/status`, { status: 'completed', outcome: 'Enrolled; started Monday' })
    ).json();
    expect(done).toMatchObject({ status: 'completed', outcome: 'Enrolled; started Monday' });
    await expectProblem(
      await partner.request('POST', `/api/referrals/${sent.id}/status`, { status: 'accepted' }),
      409,
      'invalid_transition',
    );

    const mine = await (await nav.request('GET', `/api/referrals/${sent.id}`)).json();
    expect(mine.status).toBe('completed');
    expect(mine.timeline.map((e: { status: string }) => e.status)).toEqual(['sent', 'accepted', 'in_progress', 'completed']);
    // Reopened by the sender, it goes back to the receiver.
    const reopened = await (
      await nav.request('POST', `/api/referrals/${sent.id}/status`, { status: 'sent', note: 'Childcare ended' })
    ).json();
    expect(reopened.status).toBe('sent');
  });

  it('declines with a reason and a suggested service', async () => {
    const pid = await createParticipant(nav, 'Lena', 'Park');
    await consent(pid, ['contact']);
    const sent = await (
      await nav.request('POST', '/api/referrals', {
        participantId: pid,
        serviceId: childcare,
        reason: 'Infant care',
        categories: ['contact'],
      })
    ).json();
    await expectProblem(
      await partner.request('POST', `/api/referrals/${sent.id}/status`, { status: 'declined' }),
      400,
      'validation_failed',
    );
    const other = demoServiceId('Early Learning Center Infant and Toddler Care');
    const declined = await (
      await partner.request('POST', `/api/referrals/${sent.id}/status`, {
        status: 'declined',
        note: 'Infants go to our Early Learning Center',
        suggestedServiceId: other,
      })
    ).json();
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'Infants go to our Early Learning Center',
      suggestedServiceId: other,
    });
  });

  it('hides the participant from the receiver on the next request once consent is revoked', async () => {
    const pid = await createParticipant(nav, 'Ana', 'Ruiz');
    const consentId = await consent(pid, ['contact']);
    const sent = await (
      await nav.request('POST', '/api/referrals', {
        participantId: pid,
        serviceId: childcare,
        reason: 'Childcare',
        categories: ['contact'],
      })
    ).json();
    expect((await (await partner.request('GET', `/api/referrals/${sent.id}`)).json()).participant).not.toBeNull();
    // The lists decide the names of a whole page at once, by the same rule.
    const listed = async (who: typeof nav, box: string) =>
      (
        (await (await who.request('GET', `/api/referrals?box=${box}&pageSize=100`)).json()).items as { id: string; participant: unknown }[]
      ).find((r) => r.id === sent.id)?.participant;
    expect(await listed(partner, 'inbox')).toEqual({ id: pid, name: 'Ana Ruiz' });
    const revoked = await nav.request('POST', `/api/participants/${pid}/consents/${consentId}/revoke`, { reason: 'Participant asked' });
    expect(revoked.status, await revoked.clone().text()).toBe(200);
    expect((await (await partner.request('GET', `/api/referrals/${sent.id}`)).json()).participant).toBeNull();
    expect((await partner.request('GET', `/api/participants/${pid}`)).status).toBe(404);
    expect(await listed(partner, 'inbox')).toBeNull();
    expect(await listed(nav, 'outbox')).toEqual({ id: pid, name: 'Ana Ruiz' });
  });

  it('answers 404 to organizations that are neither side', async () => {
    const pid = await createParticipant(nav, 'Zoe', 'Kim');
    await consent(pid, ['contact']);
    const sent = await (
      await nav.request('POST', '/api/referrals', {
        participantId: pid,
        serviceId: childcare,
        reason: 'Childcare',
        categories: ['contact'],
      })
    ).json();
    const employer = await t.as('employer_user');
    await expectProblem(await employer.request('GET', `/api/referrals/${sent.id}`), 404, 'not_found');
  });

  it('deletes a mistaken referral only with the permission, and keeps the reason in the audit trail', async () => {
    const pid = await createParticipant(nav, 'Ivy', 'Chen');
    await consent(pid, ['contact']);
    const sent = await (
      await nav.request('POST', '/api/referrals', {
        participantId: pid,
        serviceId: childcare,
        reason: 'Wrong service',
        categories: ['contact'],
      })
    ).json();
    await expectProblem(
      await nav.request('DELETE', `/api/referrals/${sent.id}`, { reason: 'Sent to the wrong service' }),
      403,
      'forbidden',
    );
    const director = await t.as('director');
    await expectProblem(await director.request('DELETE', `/api/referrals/${sent.id}`, {}), 400, 'validation_failed');
    expect((await director.request('DELETE', `/api/referrals/${sent.id}`, { reason: 'Sent to the wrong service' })).status).toBe(200);
    await expectProblem(await nav.request('GET', `/api/referrals/${sent.id}`), 404, 'not_found');
    const history = await (await (await t.as('admin')).request('GET', `/api/audit?entityType=referral&entityId=${sent.id}`)).json();
    expect(history.items[0]).toMatchObject({ action: 'referral.deleted', details: { reason: 'Sent to the wrong service' } });
  });
});
