import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { demo: 'full' });
});
afterAll(() => t?.close());

describe('demo employers', () => {
  it('gives business services about 25 employers with job orders, quality scores and matchable candidates', async () => {
    const business = await t.as('business_services');
    const employers = await (await business.request('GET', '/api/employers?pageSize=100')).json();
    expect(employers.total).toBeGreaterThanOrEqual(25);
    const jobs = await (await business.request('GET', '/api/job-orders?status=open&pageSize=100')).json();
    expect(jobs.total).toBeGreaterThan(20);
    // Living wages are seeded for the region, so every open order has a wage component.
    expect(
      jobs.items.every(
        (j: { quality: { components: { key: string; detail: { livingWageCents: number | null } }[] } }) =>
          j.quality.components[0].detail.livingWageCents !== null,
      ),
    ).toBe(true);
    const bands = new Set(jobs.items.map((j: { quality: { band: string } }) => j.quality.band));
    expect(bands.size).toBeGreaterThan(1);
    const cna = jobs.items.find((j: { socCode: string }) => j.socCode === '31-1131');
    const match = await (await business.request('GET', `/api/job-orders/${cna.id}/candidates?limit=10`)).json();
    expect(match.considered).toBeGreaterThan(100);
    expect(match.candidates[0].reasons.find((r: { key: string }) => r.key === 'occupation').points).toBeGreaterThan(0);
    const contacts = await (await business.request('GET', `/api/employers/${cna.employer.id}/contacts`)).json();
    expect(contacts.length).toBeGreaterThanOrEqual(2);
    const interactions = await (await business.request('GET', `/api/employers/${cna.employer.id}/interactions`)).json();
    expect(interactions.length).toBeGreaterThanOrEqual(4);
    const dashboard = await (await business.request('GET', '/api/employers/dashboard')).json();
    expect(dashboard.byEmployer.length).toBeGreaterThan(10);
  });
});
