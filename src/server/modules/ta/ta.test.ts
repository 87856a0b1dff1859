import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
const c: Record<string, Caller> = {};
const users: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function call(who: Caller, method: string, url: string, body?: unknown, status = 200) {
  const res = await who.request(method, url, body);
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : null;
}

const org = (prefix: string) => Object.entries(orgs).find(([n]) => n.startsWith(prefix))?.[1] as string;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['director', 'partner_staff', 'navigator', 'business_services', 'employer_user'] as const) c[role] = await t.as(role);
  for (const u of (await call(c.director, 'GET', '/api/users?pageSize=100')).items) users[u.email] = u.id;
  for (const o of (await call(c.director, 'GET', '/api/organizations?pageSize=100')).items) orgs[o.name] = o.id;
});
afterAll(() => t?.close());

let initiativeId: string;

describe('technical-assistance requests', () => {
  let requestId: string;

  it('lets partner staff ask for help for their own organization only', async () => {
    initiativeId = (
      await call(
        c.director,
        'POST',
        '/api/initiatives',
        {
          name: 'TA test initiative',
          sector: 'Healthcare',
          naicsCodes: ['62'],
          startsOn: '2026-01-01',
          region: [{ kind: 'state', code: 'OH' }],
        },
        201,
      )
    ).id;
    const r = await call(
      c.partner_staff,
      'POST',
      '/api/ta/requests',
      { initiativeId, topic: 'data_and_reporting', title: 'Help reporting credential attainment', urgency: 'high' },
      201,
    );
    requestId = r.id;
    expect(r).toMatchObject({
      organization: { id: org('Eastside') },
      status: 'submitted',
      urgency: 'high',
      requestedBy: { name: 'Keisha Brown' },
    });
    const other = await call(
      c.partner_staff,
      'POST',
      '/api/ta/requests',
      { organizationId: org('El Puente'), topic: 'other', title: 'x' },
      400,
    );
    expect(other.errors[0]).toMatchObject({ field: 'body.organizationId', code: 'not_your_organization' });
    await call(c.employer_user, 'POST', '/api/ta/requests', { topic: 'other', title: 'x' }, 403);
  });

  it('shows requests to their organization and to managers; others answer 404', async () => {
    const mine = await call(c.partner_staff, 'GET', '/api/ta/requests?pageSize=100');
    expect(mine.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect(new Set(mine.items.map((r: { organization: { id: string } }) => r.organization.id))).toEqual(new Set([org('Eastside')]));
    expect(
      (await call(c.partner_staff, 'GET', `/api/ta/requests?initiativeId=${initiativeId}`)).items.map((r: { id: string }) => r.id),
    ).toEqual([requestId]);
    await call(c.navigator, 'GET', `/api/ta/requests/${requestId}`, undefined, 404);
    expect((await call(c.navigator, 'GET', '/api/ta/requests')).total).toBe(0);
    await call(c.director, 'GET', `/api/ta/requests/${requestId}`);
  });

  it('is triaged, assigned, resolved and rated', async () => {
    await call(c.partner_staff, 'POST', `/api/ta/requests/${requestId}/triage`, { note: 'x' }, 403);
    const triaged = await call(c.director, 'POST', `/api/ta/requests/${requestId}/triage`, {
      urgency: 'urgent',
      note: 'Quarterly report due',
      dueOn: '2026-12-15',
    });
    expect(triaged).toMatchObject({ status: 'triaged', urgency: 'urgent', triageNote: 'Quarterly report due', dueOn: '2026-12-15' });
    const cannot = await call(
      c.director,
      'POST',
      `/api/ta/requests/${requestId}/assign`,
      { assigneeId: users['employer@demo.braid.test'] },
      400,
    );
    expect(cannot.errors[0]).toMatchObject({ field: 'body.assigneeId', code: 'cannot_take_requests' });
    const assigned = await call(c.director, 'POST', `/api/ta/requests/${requestId}/assign`, {
      assigneeId: users['business@demo.braid.test'],
    });
    expect(assigned).toMatchObject({ status: 'assigned', assignedTo: { name: 'Priya Natarajan' } });
    const home = await call(c.business_services, 'GET', '/api/home');
    expect(home.tasks).toContainEqual(expect.objectContaining({ kind: 'ta_request_assigned', subjectId: requestId }));
    await call(c.partner_staff, 'POST', `/api/ta/requests/${requestId}/satisfaction`, { rating: 5 }, 409);
    const resolved = await call(c.business_services, 'POST', `/api/ta/requests/${requestId}/resolve`, {
      resolution: 'Built a PIRL 1800 extract with them.',
    });
    expect(resolved.status).toBe('resolved');
    await call(c.director, 'POST', `/api/ta/requests/${requestId}/resolve`, { resolution: 'again' }, 409);
    const rated = await call(c.partner_staff, 'POST', `/api/ta/requests/${requestId}/satisfaction`, {
      rating: 5,
      comment: 'Exactly what we needed',
    });
    expect(rated).toMatchObject({ satisfaction: 5, satisfactionComment: 'Exactly what we needed' });
    const trail = await call(c.director, 'GET', `/api/audit?entityType=ta_request&entityId=${requestId}`);
    expect(trail.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'ta_request.submitted',
      'ta_request.triaged',
      'ta_request.assigned',
      'ta_request.resolved',
      'ta_request.rated',
    ]);
  });
});

describe('capacity building and recurring needs', () => {
  it('records events with attendance; partners see their own attendees', async () => {
    const e = await call(
      c.director,
      'POST',
      '/api/ta/events',
      {
        initiativeId,
        title: 'Outcome reporting clinic',
        topic: 'data_and_reporting',
        heldOn: '2026-10-14',
        durationMinutes: 120,
        facilitator: 'Tom Kowalski',
      },
      201,
    );
    const withAttendance = await call(c.director, 'PUT', `/api/ta/events/${e.id}/attendance`, {
      attendees: [
        { organizationId: org('Eastside'), name: 'Keisha Brown', userId: users['partner@demo.braid.test'] },
        { organizationId: org('Eastside'), name: 'Jamal Price' },
        { organizationId: org('El Puente'), name: 'Lucía Ramos' },
        { organizationId: org('El Puente'), name: 'No Show', attended: false },
      ],
    });
    expect(withAttendance).toMatchObject({ attended: 3, organizations: 2 });
    const seen = await call(c.partner_staff, 'GET', `/api/ta/events/${e.id}`);
    expect(seen.attended).toBe(3);
    expect(seen.attendees.map((a: { name: string }) => a.name)).toEqual(['Jamal Price', 'Keisha Brown']);
    const byOrg = await call(c.partner_staff, 'GET', `/api/ta/events?organizationId=${org('El Puente')}&initiativeId=${initiativeId}`);
    expect(byOrg.total).toBe(1);
  });

  it('shows recurring needs by topic and by organization', async () => {
    // Eastside asks again about data; El Puente asks too; one-off case-management question.
    await call(
      c.partner_staff,
      'POST',
      '/api/ta/requests',
      { initiativeId, topic: 'data_and_reporting', title: 'Exit-based reporting' },
      201,
    );
    await call(
      c.director,
      'POST',
      '/api/ta/requests',
      { initiativeId, organizationId: org('El Puente'), topic: 'data_and_reporting', title: 'Wage-record matching' },
      201,
    );
    await call(
      c.director,
      'POST',
      '/api/ta/requests',
      { initiativeId, organizationId: org('El Puente'), topic: 'case_management', title: 'Caseload sizes' },
      201,
    );
    await call(c.partner_staff, 'GET', '/api/ta/needs', undefined, 403);
    const needs = await call(c.business_services, 'GET', `/api/ta/needs?initiativeId=${initiativeId}`);
    const data = needs.byTopic.find((x: { topic: string }) => x.topic === 'data_and_reporting');
    expect(data).toMatchObject({
      requests: 3,
      organizations: 2,
      open: 2,
      urgent: 1,
      events: 1,
      attended: 3,
      averageSatisfaction: 5,
      recurring: true,
    });
    expect(needs.byTopic.find((x: { topic: string }) => x.topic === 'case_management')).toMatchObject({ requests: 1, recurring: false });
    expect(needs.byOrganization[0]).toMatchObject({
      organization: { id: org('Eastside') },
      topic: 'data_and_reporting',
      requests: 2,
      attendedEvents: 1,
      recurring: true,
    });
    const bad = await call(c.director, 'GET', '/api/ta/needs?from=2026-12-01&to=2026-01-01', undefined, 400);
    expect(bad.errors[0].field).toBe('query.to');
  });
});
