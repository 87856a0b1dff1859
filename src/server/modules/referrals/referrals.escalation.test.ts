import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem, until } from '../../../../tests/support/checks.ts';
import { createParticipant } from '../../../../tests/support/participants.ts';
import { withTenant } from '../../db/tenant.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';
import { remindStaleEntries } from '../directory/directory.reminders.ts';
import { ESCALATION_QUEUE, escalateOverdue } from './referrals.escalation.ts';

// Deadlines with teeth: overdue referrals are escalated to the intermediary once (and once more, if the
// partnership wants), both sides see them on their home page; stale directory entries remind their
// owners; a refusal for want of consent says exactly which organization and data the consent lacks.
// Time is controlled by passing `now` to the jobs' services, and by dating the referral in the database.

let t: TestApp;
let nav: Caller;
let partner: Caller;
let director: Caller;
const childcare = demoServiceId('Eastside Child Care Assistance');
let eastsideId: string;
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function consent(pid: string, categories: string[]) {
  const res = await nav.request('POST', `/api/participants/${pid}/consents`, {
    recipientOrganizationIds: [eastsideId],
    categories,
    purpose: 'Childcare referral',
    method: 'signed_in_app',
    signedName: 'Test Person',
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function referral(first: string): Promise<string> {
  const pid = await createParticipant(nav, first, 'Escalante');
  await consent(pid, ['contact']);
  const res = await nav.request('POST', '/api/referrals', {
    participantId: pid,
    serviceId: childcare,
    reason: 'Childcare',
    categories: ['contact'],
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id;
}

/** As if the referral had been sent `days` calendar days ago with the default three-business-day deadline. */
async function backdate(id: string, days: number) {
  await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
    tx
      .updateTable('referral')
      .set({ sent_at: new Date(Date.now() - days * DAY), due_on: isoDay(new Date(Date.now() - (days - 5) * DAY)) })
      .where('id', '=', id)
      .execute(),
  );
}

/** The first email to `to` whose subject contains `subject`, once it has arrived. */
const mail = (to: string, subject: string) =>
  until(async () => t.smtp.messages.find((m) => m.to.includes(to) && m.subject.includes(subject)));
const mailsTo = (to: string, subject: string) => t.smtp.messages.filter((m) => m.to.includes(to) && m.subject.includes(subject));

const tasks = async (who: Caller) =>
  (await (await who.request('GET', '/api/home')).json()).tasks as {
    kind: string;
    subject: string;
    subjectId: string;
    href: string;
    count?: number;
  }[];

beforeAll(async () => {
  t = await startTestApp();
  nav = await t.as('navigator');
  partner = await t.as('partner_staff');
  director = await t.as('director');
  eastsideId = (await (await nav.request('GET', `/api/directory/services/${childcare}`)).json()).organization.id;
});
afterAll(() => t?.close());

describe('escalation of overdue referrals', () => {
  it('escalates a newly overdue referral once, through the recurring job, and tells the intermediary by email', async () => {
    const id = await referral('Olivia');
    // Not overdue yet: nothing to do.
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date())).toEqual([]);

    await backdate(id, 10);
    await t.rt.services.jobs.send(ESCALATION_QUEUE, {});
    const escalated = await until(async () => {
      const r = await (await nav.request('GET', `/api/referrals/${id}`)).json();
      return r.escalationLevel === 1 ? r : null;
    });
    expect(escalated).toMatchObject({ status: 'sent', overdue: true, escalatedAt: expect.any(String) });
    expect(escalated.timeline.map((e: { status: string }) => e.status)).toEqual(['sent', 'escalated']);

    const email = await mail('director@demo.braid.test', 'Overdue referral');
    expect(email.subject).toBe('Overdue referral to Eastside Child Care Assistance');
    expect(email.text).toContain(`/referrals/${id}`);
    expect(email.text).not.toContain('Olivia');

    // Running again, now or tomorrow, changes nothing and sends nothing.
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date())).toEqual([]);
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date(Date.now() + DAY))).toEqual([]);
    const again = await (await nav.request('GET', `/api/referrals/${id}`)).json();
    expect(again.timeline.filter((e: { status: string }) => e.status === 'escalated')).toHaveLength(1);

    const audit = await (await (await t.as('admin')).request('GET', `/api/audit?entityType=referral&entityId=${id}`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'referral.escalated')).toHaveLength(1);
  });

  it('counts overdue referrals on both sides’ home pages and escalations on the intermediary’s, one task per list', async () => {
    const countOf = async (who: Caller, kind: string) => (await tasks(who)).find((x) => x.kind === kind)?.count ?? 0;
    const [navSent, partnerReceived, directorEscalated] = [
      await countOf(nav, 'referrals_overdue_sent'),
      await countOf(partner, 'referrals_overdue_received'),
      await countOf(director, 'referrals_escalated'),
    ];
    const id = await referral('Priya');
    const other = await referral('Pablo');
    await backdate(id, 9);
    await backdate(other, 12);
    await escalateOverdue(t.rt.services, t.tenantId, new Date());

    // One task per list, however many referrals: the count and a link to exactly that list.
    const navTasks = (await tasks(nav)).filter((x) => x.kind === 'referrals_overdue_sent');
    expect(navTasks).toEqual([
      expect.objectContaining({
        count: navSent + 2,
        subject: String(navSent + 2),
        subjectId: null,
        href: '/referrals?box=outbox&overdue=true',
      }),
    ]);
    expect((await tasks(partner)).filter((x) => x.kind === 'referrals_overdue_received')).toEqual([
      expect.objectContaining({ count: partnerReceived + 2, href: '/referrals?box=inbox&overdue=true' }),
    ]);
    const directorTasks = await tasks(director);
    expect(directorTasks.filter((x) => x.kind === 'referrals_escalated')).toEqual([
      expect.objectContaining({ count: directorEscalated + 2, href: '/referrals?box=all&escalated=true' }),
    ]);
    // Each count is what its link lists.
    const listed = async (who: Caller, href: string) =>
      (await (await who.request('GET', `/api${href.replace('?', '?pageSize=100&')}`)).json()).total;
    for (const [who, kind] of [
      [nav, 'referrals_overdue_sent'],
      [partner, 'referrals_overdue_received'],
      [director, 'referrals_escalated'],
    ] as const) {
      const task = (await tasks(who)).find((x) => x.kind === kind);
      expect(await listed(who, task?.href as string)).toBe(task?.count);
    }

    const escalatedList = await (await director.request('GET', '/api/referrals?box=all&escalated=true')).json();
    expect(escalatedList.items.map((r: { id: string }) => r.id)).toContain(id);
    const fresh = await referral('Quinn');
    expect(escalatedList.items.map((r: { id: string }) => r.id)).not.toContain(fresh);

    // Accepted: no longer counted anywhere; the history keeps the escalation.
    expect((await partner.request('POST', `/api/referrals/${id}/status`, { status: 'accepted' })).status).toBe(200);
    expect((await tasks(partner)).find((x) => x.kind === 'referrals_overdue_received')?.count).toBe(partnerReceived + 1);
    expect((await tasks(director)).find((x) => x.kind === 'referrals_escalated')?.count).toBe(directorEscalated + 1);
    const accepted = await (await partner.request('GET', `/api/referrals/${id}`)).json();
    expect(accepted).toMatchObject({ status: 'accepted', overdue: false, escalationLevel: 1 });
  });

  it('escalates a second time after the configured business days, when the partnership asks for it', async () => {
    const settings = await director.request('PATCH', '/api/directory/settings', { escalateAgainAfterBusinessDays: 2 });
    expect(settings.status, await settings.clone().text()).toBe(200);
    expect(await settings.json()).toMatchObject({ escalateAgainAfterBusinessDays: 2 });
    const id = await referral('Rita');
    await backdate(id, 10);
    const now = new Date();
    expect(await escalateOverdue(t.rt.services, t.tenantId, now)).toContainEqual({ referralId: id, level: 1 });
    // One business day later: not yet. A week later: escalated again, once.
    expect((await escalateOverdue(t.rt.services, t.tenantId, new Date(now.getTime() + DAY))).some((e) => e.referralId === id)).toBe(false);
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date(now.getTime() + 7 * DAY))).toContainEqual({
      referralId: id,
      level: 2,
    });
    expect((await escalateOverdue(t.rt.services, t.tenantId, new Date(now.getTime() + 14 * DAY))).some((e) => e.referralId === id)).toBe(
      false,
    );
    const r = await (await director.request('GET', `/api/referrals/${id}`)).json();
    expect(r.escalationLevel).toBe(2);
    expect(r.timeline.map((e: { status: string }) => e.status)).toEqual(['sent', 'escalated', 'escalated']);
    await director.request('PATCH', '/api/directory/settings', { escalateAgainAfterBusinessDays: null });
  });
});

describe('re-verification of stale directory entries', () => {
  it('shows the owners how many entries need re-verification, reminds them by email at most once per interval, and one click clears one', async () => {
    // Eastside's entries were verified 5, 25 and 60 days ago: with a 20-day line, two are stale.
    const changed = await director.request('PATCH', '/api/directory/settings', { staleAfterDays: 20, reverifyReminderDays: 7 });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const task = (await tasks(partner)).find((x) => x.kind === 'services_need_reverification');
    expect(task).toMatchObject({
      subject: 'Eastside Neighborhood Opportunity Center',
      count: 2,
      href: `/directory?stale=true&org=${eastsideId}`,
    });
    const listed = await (await partner.request('GET', `/api/directory/services?stale=true&organizationId=${eastsideId}`)).json();
    expect(listed.items.map((s: { name: string }) => s.name).sort()).toEqual([
      'Early Learning Center Infant and Toddler Care',
      'Rides to Work',
    ]);

    const now = new Date();
    const early = demoServiceId('Early Learning Center Infant and Toddler Care');
    const rides = demoServiceId('Rides to Work');
    const first = await remindStaleEntries(t.rt.services, t.tenantId, now);
    expect(first).toEqual(expect.arrayContaining([early, rides]));
    const email = await mail('partner@demo.braid.test', 'directory entries need re-verification');
    expect(email.subject).toBe('2 directory entries need re-verification');
    expect(email.text).toContain(`/directory/services/${early}`);
    expect(email.text).toContain(`/directory/services/${rides}`);

    // Within the interval: nothing again.
    expect(await remindStaleEntries(t.rt.services, t.tenantId, new Date(now.getTime() + 3 * DAY))).toEqual([]);

    // "Verified, nothing changed" on one entry: the task counts one, and the next reminder names only the other.
    const verified = await partner.request('POST', `/api/directory/services/${early}/verify`);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ stale: false });
    expect((await tasks(partner)).find((x) => x.kind === 'services_need_reverification')).toMatchObject({ count: 1 });
    const second = await remindStaleEntries(t.rt.services, t.tenantId, new Date(now.getTime() + 8 * DAY));
    expect(second).toContain(rides);
    expect(second).not.toContain(early);
    const next = await mail('partner@demo.braid.test', 'Please confirm your directory entry');
    expect(next.subject).toBe('Please confirm your directory entry: Rides to Work');
    expect(mailsTo('partner@demo.braid.test', 'need re-verification')).toHaveLength(1);

    // Navigators maintain nothing: no such task.
    expect((await tasks(nav)).some((x) => x.kind === 'services_need_reverification')).toBe(false);
    await director.request('PATCH', '/api/directory/settings', { staleAfterDays: 180 });
  });
});

describe('consent_required names what is missing', () => {
  it('carries the receiving organization and exactly the missing categories', async () => {
    const pid = await createParticipant(nav, 'Sara', 'Molina');
    const body = { participantId: pid, serviceId: childcare, reason: 'Childcare', categories: ['contact', 'case_notes'] };
    const none = await expectProblem(await nav.request('POST', '/api/referrals', body), 409, 'consent_required');
    expect(none.missing).toEqual({
      organizationId: eastsideId,
      organizationName: 'Eastside Neighborhood Opportunity Center',
      categories: ['contact', 'case_notes'],
    });
    await consent(pid, ['contact']);
    const partial = await expectProblem(await nav.request('POST', '/api/referrals', body), 409, 'consent_required');
    expect(partial.missing).toEqual({
      organizationId: eastsideId,
      organizationName: 'Eastside Neighborhood Opportunity Center',
      categories: ['case_notes'],
    });
  });
});
