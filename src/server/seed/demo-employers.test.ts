import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { withTenant } from '../db/tenant.ts';

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

  it('has a year of candidate referrals in every state, filled orders hired to their openings, each hire a job', async () => {
    const db = t.rt.services.database.db;
    const { states, orders, hires } = await withTenant(db, t.tenantId, async (tx) => ({
      states: await tx
        .selectFrom('candidate_referral')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute(),
      orders: await tx
        .selectFrom('job_order')
        .select(['id', 'status', 'status_set_by', 'openings'])
        .select((eb) =>
          eb
            .selectFrom('candidate_referral as r')
            .whereRef('r.job_order_id', '=', 'job_order.id')
            .where('r.status', '=', 'hired')
            .select((e) => e.fn.countAll<number>().as('h'))
            .as('hires'),
        )
        .execute(),
      hires: await tx
        .selectFrom('candidate_referral as r')
        .innerJoin('job_order as j', 'j.id', 'r.job_order_id')
        .leftJoin('employment as e', 'e.id', 'r.employment_id')
        .select([
          'r.participant_id',
          'r.organization_id',
          'r.hourly_wage_cents',
          'r.start_date',
          'r.referred_on',
          'r.interviewing_on',
          'r.offered_on',
          'r.closed_on',
          'j.soc_code',
          'j.wage_min_cents',
          'j.wage_max_cents',
          'e.id as employment',
          'e.participant_id as employee',
          'e.employer_organization_id',
          'e.soc_code as employment_soc',
          'e.hourly_wage_cents as employment_wage',
          'e.start_date as employment_start',
          'e.source',
        ])
        .where('r.status', '=', 'hired')
        .execute(),
    }));
    const byState = Object.fromEntries(states.map((s) => [s.status, Number(s.n)]));
    for (const state of ['referred', 'interviewing', 'offered', 'hired', 'not_selected', 'withdrawn']) {
      expect(byState[state], state).toBeGreaterThan(0);
    }
    const filled = orders.filter((o) => o.status === 'filled');
    expect(filled.length).toBeGreaterThan(0);
    for (const o of filled) {
      expect(Number(o.hires)).toBe(o.openings);
      expect(o.status_set_by).toBe('hires');
    }
    // Closed orders that fell short, and open ones with hires still below their openings.
    expect(orders.some((o) => o.status === 'closed' && Number(o.hires) > 0 && Number(o.hires) < o.openings)).toBe(true);
    expect(orders.some((o) => o.status === 'open' && Number(o.hires) > 0 && Number(o.hires) < o.openings)).toBe(true);
    expect(orders.filter((o) => o.status === 'open').every((o) => Number(o.hires) < o.openings)).toBe(true);
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
    const today = new Date().toISOString().slice(0, 10);
    for (const h of hires) {
      expect(h.employment).not.toBeNull();
      expect(h.employee).toBe(h.participant_id);
      expect(h.employer_organization_id).toBe(h.organization_id);
      expect(h.employment_soc).toBe(h.soc_code);
      expect(h.source).toBe('employer_verification');
      expect(h.employment_wage).toBe(h.hourly_wage_cents);
      expect(h.hourly_wage_cents).toBeGreaterThanOrEqual(h.wage_min_cents);
      expect(h.hourly_wage_cents).toBeLessThanOrEqual(h.wage_max_cents as number);
      expect(iso(h.employment_start)).toBe(iso(h.start_date));
      const stages = [h.referred_on, h.interviewing_on, h.offered_on, h.closed_on, h.start_date].map(iso);
      expect(stages).toEqual([...stages].sort());
      expect(iso(h.start_date) <= today).toBe(true);
    }
    // Every referral released the consented data to the employer, as the referral path logs it.
    const released = await withTenant(db, t.tenantId, (tx) =>
      tx
        .selectFrom('disclosure')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'candidate_referral')
        .executeTakeFirstOrThrow(),
    );
    expect(Number(released.n)).toBe(Object.values(byState).reduce((a, b) => a + b, 0));

    const business = await t.as('business_services');
    const dashboard = await (await business.request('GET', '/api/employers/dashboard?window=last_4_quarters')).json();
    expect(dashboard.totals.hires).toBeGreaterThan(0);
    expect(dashboard.totals.fillRate).toBeGreaterThan(0);
    const portal = await t.as('employer_user');
    const mine = await (await portal.request('GET', '/api/job-orders?pageSize=100')).json();
    const candidates = await Promise.all(
      mine.items.map(async (j: { id: string }) => (await (await portal.request('GET', `/api/job-orders/${j.id}/referrals`)).json()).length),
    );
    expect(candidates.some((n) => n > 0)).toBe(true);
  });
});
