import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem, until } from '../../../../tests/support/checks.ts';
import { createParticipant } from '../../../../tests/support/participants.ts';
import { needsSurveyTemplate } from '../../../shared/schemas/surveys.ts';
import { withTenant } from '../../db/tenant.ts';
import { MAIL_QUEUE } from '../../platform/mail.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';
import { escalateOverdue } from '../referrals/referrals.escalation.ts';
import { addBusinessDays } from './holidays.calendar.ts';
import { usFederalHolidays } from './us-federal.ts';

// Business days skip the partnership's holidays: the demo calendar holds the US federal holidays, a
// referral's deadline and the reports count around them, and the calendar is kept through the API.
// Emails reach each recipient in their language.

let t: TestApp;
let nav: Caller;
let partner: Caller;
let director: Caller;
const childcare = demoServiceId('Eastside Child Care Assistance');
let eastsideId: string;

async function participant(first: string): Promise<string> {
  const id = await createParticipant(nav, first, 'Feriado');
  const consent = await nav.request('POST', `/api/participants/${id}/consents`, {
    recipientOrganizationIds: [eastsideId],
    categories: ['contact'],
    purpose: 'Childcare referral',
    method: 'signed_in_app',
    signedName: 'Test Person',
  });
  expect(consent.status, await consent.clone().text()).toBe(201);
  return id;
}

const send = async (pid: string, urgency = 'routine') => {
  const res = await nav.request('POST', '/api/referrals', {
    participantId: pid,
    serviceId: childcare,
    reason: 'Childcare',
    categories: ['contact'],
    urgency,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await startTestApp();
  nav = await t.as('navigator');
  partner = await t.as('partner_staff');
  director = await t.as('director');
  eastsideId = (await (await nav.request('GET', `/api/directory/services/${childcare}`)).json()).organization.id;
});
afterAll(() => t?.close());
afterEach(() => vi.useRealTimers());

describe('US federal holidays', () => {
  it('computes the observed days of a year', () => {
    const days = (y: number) => usFederalHolidays(y).map((h) => h.day);
    expect(days(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03', // July 4 is a Saturday
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
    // New Year's Day 2022 fell on a Saturday: observed on December 31, 2021.
    expect(days(2021)).toContain('2021-12-31');
    expect(days(2022)).not.toContain('2022-01-01');
    expect(usFederalHolidays(2026).find((h) => h.day === '2026-07-03')?.name).toBe('Independence Day (observed)');
  });

  it('skips holidays when counting business days', () => {
    const thanksgiving = new Set(['2026-11-26']);
    expect(addBusinessDays(new Date('2026-11-25T15:00:00Z'), 1)).toBe('2026-11-26');
    expect(addBusinessDays(new Date('2026-11-25T15:00:00Z'), 1, thanksgiving)).toBe('2026-11-27');
    expect(addBusinessDays(new Date('2026-11-25T15:00:00Z'), 3, thanksgiving)).toBe('2026-12-01');
  });
});

describe('the holiday calendar', () => {
  it('lists the demo’s federal holidays, adds and removes a day, and only the intermediary may change it', async () => {
    const list = await (await nav.request('GET', '/api/settings/holidays?year=2026')).json();
    expect(list.items).toContainEqual(expect.objectContaining({ day: '2026-11-26', name: 'Thanksgiving Day' }));

    const added = await director.request('POST', '/api/settings/holidays', { day: '2026-12-24', name: 'Christmas Eve' });
    expect(added.status, await added.clone().text()).toBe(201);
    const { id } = await added.json();
    await expectProblem(await director.request('POST', '/api/settings/holidays', { day: '2026-12-24', name: 'Again' }), 409, 'conflict');
    expect((await partner.request('POST', '/api/settings/holidays', { day: '2026-12-31', name: 'x' })).status).toBe(403);
    expect((await partner.request('DELETE', `/api/settings/holidays/${id}`)).status).toBe(403);

    expect((await director.request('DELETE', `/api/settings/holidays/${id}`)).status).toBe(200);
    expect((await director.request('DELETE', `/api/settings/holidays/${id}`)).status).toBe(404);
    const after = await (await director.request('GET', '/api/settings/holidays?year=2026')).json();
    expect(after.items.some((h: { day: string }) => h.day === '2026-12-24')).toBe(false);

    // A year not yet in the calendar: one click adds its federal holidays, a second adds nothing.
    const y = await director.request('POST', '/api/settings/holidays/us-federal', { year: 2030 });
    expect(await y.json()).toEqual({ added: 11, deadlinesMoved: 0 });
    expect(await (await director.request('POST', '/api/settings/holidays/us-federal', { year: 2030 })).json()).toEqual({
      added: 0,
      deadlinesMoved: 0,
    });
  });

  it('makes a referral sent the day before Thanksgiving due one business day later, on Friday', async () => {
    expect((await director.request('PATCH', '/api/directory/settings', { acceptWithinBusinessDays: 1 })).status).toBe(200);
    // Only Date is faked, to the Wednesday before Thanksgiving 2026, from before the participant's consent
    // (a consent given later would not cover a referral sent that day).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-25T15:00:00Z') });
    const pid = await participant('Tanya');
    const r = await send(pid);
    vi.useRealTimers();
    expect(r.dueOn).toBe('2026-11-27');
    await director.request('PATCH', '/api/directory/settings', { acceptWithinBusinessDays: 3 });
  });

  it('counts the referral reports’ business days without the holiday', async () => {
    const sent = new Date('2025-11-26T10:00:00Z'); // the Wednesday before Thanksgiving 2025
    await withTenant(t.rt.services.database.db, t.tenantId, async (tx) => {
      const org = await tx
        .selectFrom('organization')
        .select('id')
        .where('name', '=', 'Lakeshore Workforce Partners')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('referral')
        .values({
          id: randomUUID(),
          tenant_id: t.tenantId,
          service_id: childcare,
          sender_organization_id: org.id,
          receiving_organization_id: eastsideId,
          categories: ['contact'],
          status: 'completed',
          urgency: 'routine',
          reason: 'Report fixture',
          due_on: '2025-12-02',
          sent_at: sent,
          // Accepted the Monday after: Thursday (Thanksgiving), Friday, Monday = 2 business days.
          accepted_at: new Date('2025-12-01T10:00:00Z'),
          // Completed on Friday, December 5: 6 business days.
          closed_at: new Date('2025-12-05T10:00:00Z'),
        })
        .execute();
    });
    const r = await (await director.request('GET', '/api/referrals/reports?from=2025-11-26&to=2025-11-26')).json();
    expect(r.times.toAccept).toMatchObject({ n: 1, medianDays: 5, medianBusinessDays: 2 });
    expect(r.times.toComplete).toMatchObject({ n: 1, medianDays: 9, medianBusinessDays: 6 });
  });
});

describe('deadlines follow the calendar', () => {
  // In 2024 the demo has no holidays and no referrals: every deadline here is one of this test's.
  const sentOn = async (iso: string, first: string) => {
    // Only Date is faked, from before the participant's consent (see above).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
    const r = await send(await participant(first));
    vi.useRealTimers();
    return r as { id: string; dueOn: string };
  };
  const dueOn = async (id: string) => (await (await nav.request('GET', `/api/referrals/${id}`)).json()).dueOn;
  const addDay = async (day: string) => {
    const res = await director.request('POST', '/api/settings/holidays', { day, name: 'Agency closure' });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  /** Every email queued so far has been delivered to the SMTP sink (or given up on). */
  const mailSettled = () => until(async () => (await t.rt.services.jobs.boss.getQueueSize(MAIL_QUEUE, { before: 'completed' })) === 0);
  const escalatedOn = async (day: string) =>
    (await escalateOverdue(t.rt.services, t.tenantId, new Date(`${day}T12:00:00Z`))).map((e) => e.referralId);

  it('moves an open referral’s deadline a business day later when a holiday falls in its window, and back when it is removed', async () => {
    // Sent Monday, March 4, 2024: three business days, due Thursday.
    const open = await sentOn('2024-03-04T15:00:00Z', 'Abril');
    const closed = await sentOn('2024-03-04T15:30:00Z', 'Berta');
    expect([open.dueOn, closed.dueOn]).toEqual(['2024-03-07', '2024-03-07']);
    const declined = await partner.request('POST', `/api/referrals/${closed.id}/status`, { status: 'declined', note: 'No openings' });
    expect(declined.status, await declined.clone().text()).toBe(200);

    // A day after the deadline changes nothing.
    const after = await addDay('2024-03-11');
    expect(after.deadlinesMoved).toBe(0);
    expect((await director.request('DELETE', `/api/settings/holidays/${after.id}`)).status).toBe(200);

    // Tuesday becomes a holiday: the open referral is due Friday; the declined one keeps its date.
    const tuesday = await addDay('2024-03-05');
    expect(tuesday).toMatchObject({ day: '2024-03-05', deadlinesMoved: 1 });
    expect(await dueOn(open.id)).toBe('2024-03-08');
    expect(await dueOn(closed.id)).toBe('2024-03-07');
    // Escalation goes by the new date: not overdue on Friday, overdue on Monday.
    expect(await escalatedOn('2024-03-08')).toEqual([]);

    const audit = await (await (await t.as('admin')).request('GET', `/api/audit?entityType=tenant_holiday&entityId=${tuesday.id}`)).json();
    expect(audit.items.find((e: { action: string }) => e.action === 'holiday.added')?.details).toMatchObject({
      day: '2024-03-05',
      deadlinesMoved: 1,
      movedDeadlines: [{ referralId: open.id, from: '2024-03-07', to: '2024-03-08' }],
    });

    // Removed again: back to Thursday, so on Friday it is overdue and escalated.
    const removed = await director.request('DELETE', `/api/settings/holidays/${tuesday.id}`);
    expect(await removed.json()).toEqual({ ok: true, deadlinesMoved: 1 });
    expect(await dueOn(open.id)).toBe('2024-03-07');
    expect(await dueOn(closed.id)).toBe('2024-03-07');
    expect(await escalatedOn('2024-03-08')).toEqual([open.id]);
  });

  it('counts a reopened referral’s window from its reopening', async () => {
    // Sent Monday, April 1, 2024 (due Thursday), declined, reopened Wednesday, April 10: due Monday 15.
    const r = await sentOn('2024-04-01T15:00:00Z', 'Dalia');
    const declined = await partner.request('POST', `/api/referrals/${r.id}/status`, { status: 'declined', note: 'Full' });
    expect(declined.status, await declined.clone().text()).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2024-04-10T15:00:00Z') });
    const reopened = await nav.request('POST', `/api/referrals/${r.id}/status`, { status: 'sent' });
    vi.useRealTimers();
    expect((await reopened.json()).dueOn).toBe('2024-04-15');

    // A day of the first window is no longer in it; a day of the new one is.
    expect((await addDay('2024-04-03')).deadlinesMoved).toBe(0);
    expect((await addDay('2024-04-12')).deadlinesMoved).toBe(1);
    expect(await dueOn(r.id)).toBe('2024-04-16');
  });

  it('tells both sides of a moved deadline: a timeline entry each, one email per person listing their referrals', async () => {
    // Sent Monday, October 21, 2024: three business days, due Thursday 24. Two stay open, one is declined.
    const first = await sentOn('2024-10-21T15:00:00Z', 'Elena');
    const second = await sentOn('2024-10-21T15:10:00Z', 'Fabiola');
    const closed = await sentOn('2024-10-21T15:20:00Z', 'Gloria');
    const declined = await partner.request('POST', `/api/referrals/${closed.id}/status`, { status: 'declined', note: 'No openings' });
    expect(declined.status, await declined.clone().text()).toBe(200);
    // The people told of a new referral (the receiving staff), and the navigator who sent them.
    await mailSettled();
    const receivers = t.smtp.messages.filter((m) => m.subject.startsWith('New referral') && m.text.includes(first.id)).map((m) => m.to);
    expect(receivers).toContain('partner@demo.braid.test');
    const told = [...receivers, 'navigator@demo.braid.test'].sort();

    const change = async (act: () => Promise<{ deadlinesMoved: number }>) => {
      const mark = t.smtp.messages.length;
      expect((await act()).deadlinesMoved).toBe(2);
      await mailSettled();
      return t.smtp.messages.slice(mark);
    };
    const timeline = async (who: Caller, id: string) => {
      const r = await (await who.request('GET', `/api/referrals/${id}`)).json();
      expect(r.status).toBe(r.id === closed.id ? 'declined' : 'sent');
      return (r.timeline as { status: string; note: string | null }[]).filter((e) => e.status === 'deadline_moved').map((e) => e.note);
    };

    // Tuesday becomes a holiday: both open referrals are due Friday.
    let holidayId = '';
    const added = await change(async () => {
      const res = await director.request('POST', '/api/settings/holidays', { day: '2024-10-22', name: 'Staff training day' });
      expect(res.status, await res.clone().text()).toBe(201);
      const h = await res.json();
      holidayId = h.id;
      return h;
    });
    const movedLater = 'Answer due moved from Oct 24, 2024 to Oct 25, 2024: holiday Staff training day added';
    for (const who of [nav, partner]) {
      expect(await timeline(who, first.id)).toEqual([movedLater]);
      expect(await timeline(who, second.id)).toEqual([movedLater]);
      expect(await timeline(who, closed.id)).toEqual([]);
    }
    // Exactly one email per person, whichever side, listing both referrals and not the closed one.
    expect(added.map((m) => m.to).sort()).toEqual(told);
    for (const m of added) {
      expect(m.text).toContain(`/referrals/${first.id}`);
      expect(m.text).toContain(`/referrals/${second.id}`);
      expect(m.text).not.toContain(closed.id);
      for (const name of ['Elena', 'Fabiola', 'Feriado']) expect(m.text).not.toContain(name);
    }
    const toPartner = added.find((m) => m.to === 'partner@demo.braid.test');
    expect(toPartner?.subject).toBe('2 referral answer deadlines moved');
    expect(toPartner?.text).toContain('(Staff training day added)');
    expect(toPartner?.text).toContain('- Eastside Child Care Assistance at Eastside Neighborhood Opportunity Center, sent by ');
    expect(toPartner?.text).toContain('now due October 25, 2024 (was October 24, 2024)');
    // The navigator reads Spanish.
    const toSender = added.find((m) => m.to === 'navigator@demo.braid.test');
    expect(toSender?.subject).toBe('Cambiaron los plazos de respuesta de 2 derivaciones');
    expect(toSender?.text).toContain('ahora vence el 25 de octubre de 2024 (antes, el 24 de octubre de 2024)');

    // Removed again: back to Thursday, a second entry and a second email each.
    const removed = await change(async () => (await director.request('DELETE', `/api/settings/holidays/${holidayId}`)).json());
    const movedBack = 'Answer due moved from Oct 25, 2024 to Oct 24, 2024: holiday Staff training day removed';
    for (const who of [nav, partner]) {
      expect(await timeline(who, first.id)).toEqual([movedLater, movedBack]);
      expect(await timeline(who, second.id)).toEqual([movedLater, movedBack]);
      expect(await timeline(who, closed.id)).toEqual([]);
    }
    expect(removed.map((m) => m.to).sort()).toEqual(told);
    expect(removed.find((m) => m.to === 'partner@demo.braid.test')?.text).toContain('now due October 24, 2024 (was October 25, 2024)');
    expect(removed.find((m) => m.to === 'navigator@demo.braid.test')?.text).toContain('(se quitó Staff training day)');
  });

  it('moves the deadlines a year of US federal holidays falls into', async () => {
    // Sent Friday before Memorial Day 2024 (May 27): due Wednesday without it, Thursday with it.
    const r = await sentOn('2024-05-24T15:00:00Z', 'Carmen');
    expect(r.dueOn).toBe('2024-05-29');
    const res = await director.request('POST', '/api/settings/holidays/us-federal', { year: 2024 });
    expect(await res.json()).toEqual({ added: 11, deadlinesMoved: 1 });
    expect(await dueOn(r.id)).toBe('2024-05-30');
  });
});

describe('emails in the recipient’s language', () => {
  const mail = (to: string, subject: string) =>
    until(async () => t.smtp.messages.find((m) => m.to.includes(to) && m.subject.includes(subject)));

  it('tells Spanish-speaking receiving staff of a new referral in Spanish, English speakers in English', async () => {
    expect((await partner.request('PATCH', '/api/account/profile', { locale: 'es' })).status).toBe(200);
    const pid = await participant('Lucia');
    const r = await send(pid, 'urgent');
    const spanish = await mail('partner@demo.braid.test', 'Nueva derivación');
    expect(spanish.subject).toBe('Nueva derivación a Eastside Child Care Assistance');
    expect(spanish.text).toContain('Una nueva derivación urgente a Eastside Child Care Assistance espera su respuesta.');
    expect(spanish.text).toContain(`/referrals/${r.id}`);
    expect(spanish.text).not.toContain('Lucia');
    await partner.request('PATCH', '/api/account/profile', { locale: 'en' });
  });

  it('sends a needs survey to a Spanish-speaking employer contact in Spanish', async () => {
    const bs = await t.as('business_services');
    const employers = await (await bs.request('GET', '/api/employers?pageSize=1')).json();
    const employerId = employers.items[0].id;
    const c = await bs.request('POST', `/api/employers/${employerId}/contacts`, {
      name: 'Marisol Peña',
      email: 'marisol.pena@employer.test',
      roles: ['survey'],
      preferredLanguage: 'es',
    });
    expect(c.status, await c.clone().text()).toBe(201);
    const contact = await c.json();
    expect(contact.preferredLanguage).toBe('es');
    // A partial change keeps the language (and the roles).
    const patched = await (await bs.request('PATCH', `/api/employers/${employerId}/contacts/${contact.id}`, { title: 'HR lead' })).json();
    expect(patched).toMatchObject({ preferredLanguage: 'es', roles: ['survey'] });

    const created = await bs.request('POST', '/api/surveys', { ...needsSurveyTemplate(), title: 'Encuesta de necesidades 2027' });
    expect(created.status, await created.clone().text()).toBe(201);
    const survey = await created.json();
    const sent = await bs.request('POST', `/api/surveys/${survey.id}/send`, { contactIds: [contact.id] });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const invitation = await mail('marisol.pena@employer.test', 'Encuesta de necesidades 2027');
    expect(invitation.text).toMatch(/^Hola Marisol Peña:/);
    expect(invitation.text).toContain('No necesita una cuenta');
    expect(invitation.text).toContain('/survey#token=');

    expect((await bs.request('POST', `/api/surveys/${survey.id}/remind`)).status).toBe(200);
    const reminder = await mail('marisol.pena@employer.test', 'Recordatorio');
    expect(reminder.subject).toContain('Encuesta de necesidades 2027');
    expect(reminder.text).toContain('este enlace nuevo reemplaza al anterior');
  });
});
