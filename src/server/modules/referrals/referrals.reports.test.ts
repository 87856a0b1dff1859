import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { withTenant } from '../../db/tenant.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';

// Referral reports on hand-built referrals in March 2025 (the light demo has none): every number below
// is worked out by hand from the fixtures, so the SQL is checked against arithmetic, not against itself.

let t: TestApp;
const org: Record<string, string> = {};
const childcare = demoServiceId('Eastside Child Care Assistance');
const rides = demoServiceId('Rides to Work');
const stna = demoServiceId('State Tested Nursing Aide (STNA) Training');
const carRepair = demoServiceId('Car Repair Assistance');
const MARCH = 'from=2025-03-01&to=2025-03-31';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.rt.services.database.db;
  await withTenant(db, t.tenantId, async (tx) => {
    for (const o of await tx.selectFrom('organization').select(['id', 'name']).execute()) org[o.name] = o.id;
    const I = org['Lakeshore Workforce Partners'];
    const E = org['Eastside Neighborhood Opportunity Center'];
    const C = org['Western Reserve Community College'];
    const P = org['El Puente Family Services'];
    const at = (s: string) => new Date(`${s}Z`);
    const rows: [string, string, string, string, string, string | null, string | null, string][] = [
      // sender, receiver, service, status, sent, accepted, closed, due
      [I, E, childcare, 'completed', '2025-03-03T10:00', '2025-03-05T10:00', '2025-03-13T10:00', '2025-03-06'],
      [I, E, childcare, 'completed', '2025-03-07T10:00', '2025-03-10T10:00', '2025-03-21T10:00', '2025-03-12'],
      [I, E, rides, 'declined', '2025-03-03T10:00', null, '2025-03-04T10:00', '2025-03-06'],
      [I, E, rides, 'not_completed', '2025-03-03T10:00', '2025-03-04T10:00', '2025-03-20T10:00', '2025-03-06'],
      [I, C, stna, 'in_progress', '2025-03-03T10:00', '2025-03-06T10:00', null, '2025-03-06'],
      [E, C, stna, 'sent', '2025-03-03T10:00', null, null, '2025-03-06'],
      [I, P, carRepair, 'accepted', '2025-03-03T10:00', '2025-03-03T22:00', null, '2025-03-06'],
      [E, P, carRepair, 'sent', '2025-03-03T10:00', null, null, '2099-01-01'],
      // Neither counts: a deleted mistake, and one outside the period.
      [I, E, childcare, 'deleted', '2025-03-03T10:00', null, null, '2025-03-06'],
      [I, E, childcare, 'completed', '2025-04-15T10:00', '2025-04-16T10:00', '2025-04-20T10:00', '2025-04-18'],
    ];
    await tx
      .insertInto('referral')
      .values(
        rows.map(([sender, receiver, service, status, sent, accepted, closed, due]) => ({
          id: randomUUID(),
          tenant_id: t.tenantId,
          service_id: service,
          sender_organization_id: sender,
          receiving_organization_id: receiver,
          categories: ['contact'],
          status,
          urgency: 'routine',
          reason: 'Report fixture',
          due_on: due,
          sent_at: at(sent),
          accepted_at: accepted ? at(accepted) : null,
          closed_at: closed ? at(closed) : null,
        })),
      )
      .execute();
  });
});
afterAll(() => t?.close());

describe('referral reports', () => {
  it('counts the funnel, completion rate, overdue now and the times to accept and complete', async () => {
    const director = await t.as('director');
    const res = await director.request('GET', `/api/referrals/reports?${MARCH}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const r = await res.json();
    expect(r.scope).toBe('all');
    expect(r.totals).toEqual({
      referred: 8,
      accepted: 5,
      started: 4,
      completed: 2,
      declined: 1,
      notCompleted: 1,
      awaiting: 2,
      overdue: 1,
      completionRate: 50,
    });
    // Accept: 2, 3, 1, 3, 0.5 calendar days; 2, 1 (Friday → Monday), 1, 3, 0 business days.
    expect(r.times.toAccept).toEqual({ n: 5, medianDays: 2, p90Days: 3, medianBusinessDays: 1, p90BusinessDays: 2.6 });
    // Complete: 10 and 14 calendar days; 8 and 10 business days.
    expect(r.times.toComplete).toEqual({ n: 2, medianDays: 12, p90Days: 13.6, medianBusinessDays: 9, p90BusinessDays: 9.8 });

    const eastside = r.byOrganization.find((o: { name: string }) => o.name === 'Eastside Neighborhood Opportunity Center');
    expect(eastside).toMatchObject({ referred: 4, accepted: 3, completed: 2, declined: 1, notCompleted: 1, completionRate: 50 });
    expect(eastside.toAccept).toMatchObject({ n: 3, medianDays: 2 });
    const college = r.byOrganization.find((o: { name: string }) => o.name === 'Western Reserve Community College');
    expect(college).toMatchObject({ referred: 2, overdue: 1, awaiting: 1, completionRate: null });

    const byService = Object.fromEntries(
      r.byService.map((s: { name: string; completionRate: number | null }) => [s.name, s.completionRate]),
    );
    expect(byService).toEqual({
      'Eastside Child Care Assistance': 100,
      'Rides to Work': 0,
      'State Tested Nursing Aide (STNA) Training': null,
      'Car Repair Assistance': null,
    });

    const flows = r.flows.map(
      (f: { from: { name: string }; to: { name: string }; count: number }) => `${f.from.name} → ${f.to.name}: ${f.count}`,
    );
    expect(flows.sort()).toEqual(
      [
        'Lakeshore Workforce Partners → Eastside Neighborhood Opportunity Center: 4',
        'Lakeshore Workforce Partners → Western Reserve Community College: 1',
        'Lakeshore Workforce Partners → El Puente Family Services: 1',
        'Eastside Neighborhood Opportunity Center → Western Reserve Community College: 1',
        'Eastside Neighborhood Opportunity Center → El Puente Family Services: 1',
      ].sort(),
    );
    // Never a participant: the report is counts and organization names only.
    expect(JSON.stringify(r)).not.toMatch(/participant/i);
  });

  it('narrows to a service or an organization (sent or received), and refuses a backwards period', async () => {
    const director = await t.as('director');
    const one = await (await director.request('GET', `/api/referrals/reports?${MARCH}&serviceId=${childcare}`)).json();
    expect(one.totals).toMatchObject({ referred: 2, completed: 2, completionRate: 100 });
    const e = org['Eastside Neighborhood Opportunity Center'];
    const eastside = await (await director.request('GET', `/api/referrals/reports?${MARCH}&organizationId=${e}`)).json();
    expect(eastside.totals.referred).toBe(6);
    // The filter lists stay whole, so another choice is one click away.
    expect(eastside.options.organizations).toHaveLength(4);
    await expectProblem(await director.request('GET', '/api/referrals/reports?from=2025-04-01&to=2025-03-01'), 400, 'validation_failed');
  });

  it('shows a partner organization only the referrals it sent or received; oversight sees all', async () => {
    const partner = await t.as('partner_staff');
    const r = await (await partner.request('GET', `/api/referrals/reports?${MARCH}`)).json();
    expect(r.scope).toBe('own');
    expect(r.totals.referred).toBe(6);
    const eastside = 'Eastside Neighborhood Opportunity Center';
    expect(r.flows.every((f: { from: { name: string }; to: { name: string } }) => f.from.name === eastside || f.to.name === eastside)).toBe(
      true,
    );
    expect(r.options.organizations.map((o: { name: string }) => o.name)).not.toContain('Lakeshore Housing Coalition');
    // Filtering on another organization cannot widen the scope: only Eastside's referral to the college shows.
    const college = await (
      await partner.request('GET', `/api/referrals/reports?${MARCH}&organizationId=${org['Western Reserve Community College']}`)
    ).json();
    expect(college.totals.referred).toBe(1);

    const analyst = await (await (await t.as('analyst')).request('GET', `/api/referrals/reports?${MARCH}`)).json();
    expect(analyst).toMatchObject({ scope: 'all', totals: { referred: 8 } });
    await expectProblem(await (await t.as('employer_user')).request('GET', `/api/referrals/reports?${MARCH}`), 403, 'forbidden');
    await expectProblem(await (await t.as('funder_viewer')).request('GET', `/api/referrals/reports?${MARCH}`), 403, 'forbidden');
  });

  it('exports the completion rate by organization as CSV', async () => {
    const partner = await t.as('partner_staff');
    const res = await partner.request('GET', `/api/referrals/reports/organizations.csv?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('referrals-by-organization-2025-03-01-to-2025-03-31.csv');
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(
      /^organization,referred,accepted,started,completed,declined,not_completed,awaiting,overdue_now,completion_rate_percent/,
    );
    expect(lines).toContain('Eastside Neighborhood Opportunity Center,4,3,3,2,1,1,0,0,50,2,1,12,9');
    expect(lines).toHaveLength(4);
  });
});
