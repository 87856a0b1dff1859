import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { DEMO_SERVICES, demoServiceId, termIdOf } from '../../seed/demo-directory.ts';
import { wallClock } from './directory.service.ts';

// Directory search as a navigator uses it, on the demo directory (32 services), and upkeep by owners.

let t: TestApp;
let navigator: Caller;
const names = async (query: string) => {
  const res = await navigator.request('GET', `/api/directory/services?pageSize=100&${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()).items as { name: string }[]).map((s) => s.name);
};

beforeAll(async () => {
  t = await startTestApp();
  navigator = await t.as('navigator');
});
afterAll(() => t?.close());

describe('directory search', () => {
  it('lists the demo directory with capacity, languages, cost and staleness', async () => {
    const page = await (await navigator.request('GET', '/api/directory/services?pageSize=100')).json();
    expect(page.total).toBe(DEMO_SERVICES.length);
    const childcare = page.items.find((s: { name: string }) => s.name === 'Eastside Child Care Assistance');
    expect(childcare).toMatchObject({
      organization: { name: 'Eastside Neighborhood Opportunity Center' },
      openSlots: 10,
      languages: expect.arrayContaining(['English', 'Spanish']),
      free: true,
      stale: false,
      canEdit: false,
    });
    const staleNames = page.items.filter((s: { stale: boolean }) => s.stale).map((s: { name: string }) => s.name);
    expect(staleNames.sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.verifiedDaysAgo > 180)
        .map((s) => s.name)
        .sort(),
    );
  });

  it('ranks free text: name matches before description matches, tolerating a misspelling', async () => {
    const found = await names('q=childcare');
    expect(found[0]).toMatch(/Child ?care/i);
    expect(await names('q=expungment')).toContain('Expungement and Record Sealing Clinic');
    // The provider's name counts too: every service of the college, though no service names it.
    const college = DEMO_SERVICES.filter((s) => s.org === 'college').map((s) => s.name);
    expect(await names('q=western%20reserve')).toEqual(expect.arrayContaining(college));
  });

  it('filters by taxonomy term, county, postcode, age, population, language, cost, capacity and staleness', async () => {
    expect((await names(`termId=${termIdOf('childcare')}`)).sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.category === 'childcare')
        .map((s) => s.name)
        .sort(),
    );
    const lake = await names('countyFips=39085');
    expect(lake).toContain('Lake County Rural Transit Vouchers');
    expect(lake).not.toContain('El Puente After-School Program');
    expect(await names('postcode=44055')).toContain('El Puente After-School Program');
    const child = await names('age=8');
    expect(child).toContain('El Puente After-School Program');
    expect(child).not.toContain('Senior Meal Delivery');
    expect(child).not.toContain('State Tested Nursing Aide (STNA) Training');
    const veterans = await names('population=veterans');
    expect(veterans).toContain('Veterans Housing Support');
    expect(veterans).not.toContain('Senior Meal Delivery');
    const spanish = await names('language=es');
    expect(spanish.sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.spanish)
        .map((s) => s.name)
        .sort(),
    );
    expect((await names('cost=paid')).sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.fee)
        .map((s) => s.name)
        .sort(),
    );
    const open = await names('capacity=true');
    expect(open).not.toContain('Rapid Re-Housing');
    expect(open.length).toBe(DEMO_SERVICES.filter((s) => (s.openSlots ?? 0) > 0).length);
    expect((await names('stale=true')).length).toBe(DEMO_SERVICES.filter((s) => s.verifiedDaysAgo > 180).length);
  });

  it('filters by initiative: the services of organizations partnering in it', async () => {
    const { rows } = await t.rt.services.database.executeSql(
      `SELECT ip.initiative_id AS id, array_agg(DISTINCT s.name) AS names FROM initiative_partner ip
        JOIN hsds_service s ON s.organization_id = ip.organization_id GROUP BY ip.initiative_id`,
    );
    expect(rows).toHaveLength(1);
    const partners = (rows[0].names as string[]).sort();
    // Some demo services belong to organizations outside the initiative: the filter has to leave them out.
    expect(partners.length).toBeGreaterThan(0);
    expect(partners.length).toBeLessThan(DEMO_SERVICES.length);
    expect((await names(`initiativeId=${rows[0].id}`)).sort()).toEqual(partners);
  });

  it('knows what is open at a given moment from the schedules', async () => {
    // Saturday 10:00: only the services that open on Saturdays; Wednesday 20:00: none.
    const saturday = await names('openNow=true&openAt=2026-12-05T10:00:00');
    expect(saturday.sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.saturday)
        .map((s) => s.name)
        .sort(),
    );
    expect(await names('openNow=true&openAt=2026-12-02T20:00:00')).toEqual([]);
    expect((await names('openNow=true&openAt=2026-12-02T09:30:00')).length).toBe(DEMO_SERVICES.length);
    expect(wallClock('2026-12-05T10:00:00')).toEqual({ day: 'SA', time: '10:00:00' });
  });
});

describe('directory upkeep', () => {
  const id = demoServiceId('Evening and Weekend Childcare for Shift Workers');
  const eastside = demoServiceId('Eastside Child Care Assistance');

  it("lets partner staff change their own organization's service (capacity), which verifies it", async () => {
    const partner = await t.as('partner_staff');
    const res = await partner.request('PATCH', `/api/directory/services/${eastside}`, { openSlots: 0, waitlist: 4 });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ openSlots: 0, waitlist: 4, canEdit: true, stale: false });
    expect(await names('capacity=true')).not.toContain('Eastside Child Care Assistance');
  });

  it("refuses partner staff another organization's service, and navigators any", async () => {
    const partner = await t.as('partner_staff');
    await expectProblem(await partner.request('PATCH', `/api/directory/services/${id}`, { openSlots: 5 }), 403, 'forbidden');
    await expectProblem(await navigator.request('POST', `/api/directory/services/${id}/verify`), 403, 'forbidden');
  });

  it('lets the intermediary curate any entry; verifying clears the stale flag and the HSDS record follows', async () => {
    const director = await t.as('director');
    const verified = await (await director.request('POST', `/api/directory/services/${id}/verify`)).json();
    expect(verified.stale).toBe(false);
    const renamed = await (
      await director.request('PATCH', `/api/directory/services/${id}`, { name: 'Evening Childcare for Shift Workers' })
    ).json();
    expect(renamed.hsds.name).toBe('Evening Childcare for Shift Workers');
    expect(renamed.name).toBe('Evening Childcare for Shift Workers');
  });

  it('answers 404 for a service that does not exist', async () => {
    await expectProblem(await navigator.request('GET', '/api/directory/services/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });
});
