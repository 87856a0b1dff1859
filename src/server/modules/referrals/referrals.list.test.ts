import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { withTenant } from '../../db/tenant.ts';
import { demoServiceId } from '../../seed/demo-directory.ts';

// The director's "all referrals" list at a partnership's full size: counted exactly while small, and
// past 10,000 matches said to be "10,000+" (a bounded count) while every page still pages.

let t: TestApp;
let director: Caller;
const childcare = demoServiceId('Eastside Child Care Assistance');

type Page = { items: { id: string }[]; page: number; total: number; totalCapped: boolean };
const list = async (query: string) => {
  const res = await director.request('GET', `/api/referrals?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
};

beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
});
afterAll(() => t?.close());

describe('referral list totals', () => {
  it('counts exactly while few match, then caps the total at 10,000 and still pages', async () => {
    const small = await list('box=all&pageSize=5');
    expect(small.totalCapped).toBe(false);
    const existing = small.total;
    expect(existing).toBeLessThan(25);

    // 10,005 more referrals, a year old (so the demo's stay first), straight into the table.
    await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      sql`INSERT INTO referral (id, tenant_id, service_id, receiving_organization_id, status, urgency, reason, due_on, sent_at)
          SELECT gen_random_uuid(), ${t.tenantId}, s.id, s.organization_id, 'completed', 'routine', 'Bulk',
                 DATE '2025-01-10', TIMESTAMPTZ '2025-01-01' + (g || ' seconds')::interval
          FROM generate_series(1, 10005) g, (SELECT id, organization_id FROM hsds_service WHERE id = ${childcare}) s`.execute(tx),
    );

    const first = await list('box=all&pageSize=25');
    expect(first).toMatchObject({ total: 10_000, totalCapped: true });
    expect(first.items).toHaveLength(25);
    const second = await list('box=all&pageSize=25&page=2');
    expect(second).toMatchObject({ page: 2, total: 10_000, totalCapped: true });
    expect(second.items.some((r) => first.items.some((f) => f.id === r.id))).toBe(false);

    // The last page, past the cap, is short: its total is exact again.
    const all = existing + 10_005;
    const lastPage = Math.ceil(all / 25);
    const last = await list(`box=all&pageSize=25&page=${lastPage}`);
    expect(last.items).toHaveLength(all - (lastPage - 1) * 25);
    expect(last).toMatchObject({ total: all, totalCapped: false });

    // A narrower list stays exact.
    const completed = await list('box=all&status=completed&pageSize=25');
    expect(completed.totalCapped).toBe(true);
    const sent = await list('box=all&status=sent&pageSize=25');
    expect(sent).toMatchObject({ totalCapped: false, total: sent.items.length });
  });
});
