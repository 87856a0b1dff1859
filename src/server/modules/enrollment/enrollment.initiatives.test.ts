import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { createParticipant } from '../../../../tests/support/participants.ts';

// A period of participation names its initiative, and lists narrowed by initiative follow it: a
// participant in another initiative is not listed. Employers and job orders follow partnership.

let t: TestApp;
let nav: Caller;
let director: Caller;
let streamId: string;
let healthcareId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  [nav, director] = await Promise.all([t.as('navigator'), t.as('director')]);
  const s = await director.request('POST', '/api/funding-streams', {
    name: 'Initiative test stream',
    sourceType: 'wioa_adult',
    builtInRule: 'wioa_adult',
  });
  streamId = (await s.json()).id;
  healthcareId = (await (await director.request('GET', '/api/initiatives?q=Northeast Ohio Healthcare')).json()).items[0].id;
});
afterAll(() => t?.close());

const ids = async (who: Caller, url: string) => ((await (await who.request('GET', url)).json()).items as { id: string }[]).map((i) => i.id);

describe('initiatives of periods of participation', () => {
  let inHealthcare: string;
  let inOther: string;
  let otherId: string;

  it('defaults to the only active initiative, takes the one chosen, and refuses one that does not exist', async () => {
    inHealthcare = await createParticipant(nav, 'Odalys', 'Fairbanks');
    const first = await nav.request('POST', `/api/participants/${inHealthcare}/participations`, {
      entryDate: today,
      fundingStreamIds: [streamId],
    });
    expect(first.status).toBe(201);
    expect((await first.json()).initiative).toEqual({ id: healthcareId, name: 'Northeast Ohio Healthcare Careers' });

    const other = await director.request('POST', '/api/initiatives', {
      name: 'Lake Erie Logistics Careers',
      sector: 'Logistics',
      naicsCodes: ['4931'],
      startsOn: '2026-01-01',
      status: 'active',
      region: [{ kind: 'county', code: '39035' }],
    });
    expect(other.status).toBe(201);
    otherId = (await other.json()).id;

    inOther = await createParticipant(nav, 'Wendell', 'Okonkwo');
    const unknown = await nav.request('POST', `/api/participants/${inOther}/participations`, {
      entryDate: today,
      fundingStreamIds: [streamId],
      initiativeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0]).toMatchObject({ field: 'body.initiativeId', code: 'unknown_initiative' });

    const chosen = await nav.request('POST', `/api/participants/${inOther}/participations`, {
      entryDate: today,
      fundingStreamIds: [streamId],
      initiativeId: otherId,
    });
    expect(chosen.status).toBe(201);
    const listed = await (await nav.request('GET', `/api/participants/${inOther}/participations`)).json();
    expect(listed[0].initiative).toEqual({ id: otherId, name: 'Lake Erie Logistics Careers' });

    // With two active initiatives Braid does not guess.
    const neither = await createParticipant(nav, 'Priscila', 'Mbeki');
    const none = await nav.request('POST', `/api/participants/${neither}/participations`, {
      entryDate: today,
      fundingStreamIds: [streamId],
    });
    expect((await none.json()).initiative).toBeNull();
  });

  it('narrows the caseload and its export to the initiative', async () => {
    const health = await ids(nav, `/api/participants?initiativeId=${healthcareId}&pageSize=100`);
    expect(health).toContain(inHealthcare);
    expect(health).not.toContain(inOther);
    const other = await ids(nav, `/api/participants?initiativeId=${otherId}&pageSize=100`);
    expect(other).toEqual([inOther]);
    const csv = await (await nav.request('GET', `/api/participants/export?initiativeId=${otherId}`)).text();
    expect(csv).toContain('Okonkwo');
    expect(csv).not.toContain('Fairbanks');
  });

  it('narrows employers and job orders to the employers partnering in the initiative', async () => {
    const bs = await t.as('business_services');
    const partners = await (await bs.request('GET', `/api/employers?initiativeId=${healthcareId}&pageSize=100`)).json();
    expect(partners.items.map((e: { name: string }) => e.name)).toContain('MetroCare Health System');
    expect((await (await bs.request('GET', `/api/employers?initiativeId=${otherId}`)).json()).total).toBe(0);
    expect((await (await bs.request('GET', `/api/job-orders?initiativeId=${otherId}`)).json()).total).toBe(0);
    const all = await (await bs.request('GET', '/api/job-orders?pageSize=100')).json();
    const health = await (await bs.request('GET', `/api/job-orders?initiativeId=${healthcareId}&pageSize=100`)).json();
    expect(health.total).toBeLessThanOrEqual(all.total);
  });

  it('narrows referrals and referral reports by the same rule', async () => {
    const list = await director.request('GET', `/api/referrals?box=all&initiativeId=${otherId}`);
    expect(list.status).toBe(200);
    expect((await list.json()).total).toBe(0);
    const report = await director.request('GET', `/api/referrals/reports?initiativeId=${otherId}`);
    expect(report.status).toBe(200);
  });
});
