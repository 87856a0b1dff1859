import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import type { DashboardWindow, EmployerDashboard, QualityAggregates } from '../../../shared/schemas/employers.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { makeOps } from '../../platform/http.ts';
import { dashboard, dashboardWindow, qualityAggregates } from './employer-dashboard.service.ts';

// The employer dashboard against hand-built job orders, hires and jobs whose figures are worked out
// below by hand. "Now" is 15 November 2026 (2026-Q4; program year 2026 runs 2026-07-01 to 2027-06-30).
//
// Initiative "Care" partners Alder and Birch (and Dogwood, served once, in Q2). Cedar is outside it.
//
//   order  employer  SOC      openings  opens       status     referrals → what became of them
//   J1     Alder     31-1131  2         2026-02-10  filled     hired 03-02, hired 04-21, not selected:
//                                                              filled across two quarters, on 04-21 (70 days)
//   J2     Alder     31-9097  1         2026-08-03  filled     a hire that fell through (withdrawn 08-20),
//                                                              then hired 09-12: reopened and filled (40 days)
//   J3     Birch     31-1131  3         2026-10-05  open       hired 11-02, one still referred: 1 of 3
//   J4     Birch     31-9097  2         2025-12-01  closed     hired 2025-12-20: 1 of 2, closed past its date
//   J5     Birch     31-1131  4         2026-07-15  filled     none: a person marked it filled
//   J6     Alder     31-1131  1         2026-09-01  cancelled  hired 09-05: never counted
//   J7     Alder     31-1131  1         2026-10-10  draft      never counted
//   J9     Birch     31-9097  1         2026-07-01  filled     hired 07-11 (10 days)
//   J8     Cedar     31-1131  5         2026-10-01  open       none: only outside the initiative filter
//
// Job quality of the orders (county living wage $20.00): every order pays $24.00 at the bottom of its range
// (40 points), 40 hours (15), a fixed schedule (10) and a pathway (10), no benefits → 75, high; except
//   J2  variable schedule (4), no pathway (0) → 59, moderate
//   J4  $12.00 (60 % of the living wage: 8 points) → 43, low         (outside every window as of now)
//   J7  $10.00 (half the living wage: 0) → 35, low                    (a draft: never counted)
//   J8  $10.00, 20 hours (0) → 20, low                                (outside the initiative)

const NOW = new Date('2026-11-15T12:00:00Z');
const COUNTY = '39007';

let t: TestApp;
const id = new Map<string, string>();
const uid = (name: string) => {
  if (!id.has(name)) id.set(name, randomUUID());
  return id.get(name) as string;
};

async function build(tx: Tx, tenantId: string) {
  const tenant_id = tenantId;
  const owner = (await tx.selectFrom('organization').select('id').where('kind', '<>', 'employer').executeTakeFirstOrThrow()).id;
  await tx
    .insertInto('initiative')
    .values({
      id: uid('Care'),
      tenant_id,
      name: 'Care dashboard test',
      sector: 'healthcare',
      starts_on: '2025-01-01',
      status: 'active',
    } as never)
    .execute();
  for (const name of ['Alder', 'Birch', 'Cedar', 'Dogwood']) {
    await tx
      .insertInto('organization')
      .values({ id: uid(name), tenant_id, name: `${name} Health`, kind: 'employer' } as never)
      .execute();
    if (name !== 'Cedar') {
      await tx
        .insertInto('initiative_partner')
        .values({ id: randomUUID(), tenant_id, initiative_id: uid('Care'), organization_id: uid(name), role: 'lead_employer' } as never)
        .execute();
    }
  }
  await tx
    .insertInto('living_wage')
    .values({
      id: randomUUID(),
      tenant_id,
      county_fips: COUNTY,
      household_type: '1A0C',
      hourly_cents: 2000,
      source: null,
      updated_by: null,
    })
    .execute();
  const order = (
    key: string,
    org: string,
    soc: string,
    openings: number,
    opensOn: string,
    status: string,
    quality: { wage_min_cents?: number; hours_per_week?: number; schedule?: string; advancement_pathway?: boolean } = {},
  ) =>
    tx
      .insertInto('job_order')
      .values({
        id: uid(key),
        tenant_id,
        organization_id: uid(org),
        soc_code: soc,
        title: `${key} ${soc}`,
        openings,
        wage_min_cents: 2400,
        wage_max_cents: 2600,
        hours_per_week: 40,
        shift: 'day',
        schedule: 'fixed',
        advancement_pathway: true,
        county_fips: COUNTY,
        work_mode: 'on_site',
        opens_on: opensOn,
        status,
        ...quality,
      } as never)
      .execute();
  await order('J1', 'Alder', '31-1131', 2, '2026-02-10', 'filled');
  await order('J2', 'Alder', '31-9097', 1, '2026-08-03', 'filled', { schedule: 'variable', advancement_pathway: false });
  await order('J3', 'Birch', '31-1131', 3, '2026-10-05', 'open');
  await order('J4', 'Birch', '31-9097', 2, '2025-12-01', 'closed', { wage_min_cents: 1200 });
  await order('J5', 'Birch', '31-1131', 4, '2026-07-15', 'filled');
  await order('J6', 'Alder', '31-1131', 1, '2026-09-01', 'cancelled');
  await order('J7', 'Alder', '31-1131', 1, '2026-10-10', 'draft', { wage_min_cents: 1000 });
  await order('J9', 'Birch', '31-9097', 1, '2026-07-01', 'filled');
  await order('J8', 'Cedar', '31-1131', 5, '2026-10-01', 'open', { wage_min_cents: 1000, hours_per_week: 20 });

  // People: in the initiative through a period of participation, except Out.
  for (const who of ['Ann', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kit', 'Lee', 'Out']) {
    await tx
      .insertInto('participant')
      .values({
        id: uid(who),
        tenant_id,
        owner_organization_id: owner,
        status: 'enrolled',
        first_name: who,
        last_name: 'Test',
        county_fips: COUNTY,
      } as never)
      .execute();
    if (who !== 'Out') {
      await tx
        .insertInto('program_participation')
        .values({ id: randomUUID(), tenant_id, participant_id: uid(who), entry_date: '2025-06-01', initiative_id: uid('Care') } as never)
        .execute();
    }
  }
  const refer = (key: string, job: string, org: string, who: string, status: string, referredOn: string, closedOn: string | null) =>
    tx
      .insertInto('candidate_referral')
      .values({
        id: uid(key),
        tenant_id,
        job_order_id: uid(job),
        organization_id: uid(org),
        participant_id: uid(who),
        status,
        categories: ['contact'],
        consent_ids: [],
        referred_on: referredOn,
        closed_on: closedOn,
      } as never)
      .execute();
  await refer('R1', 'J1', 'Alder', 'Ann', 'hired', '2026-02-15', '2026-03-02');
  await refer('R2', 'J1', 'Alder', 'Ben', 'hired', '2026-03-20', '2026-04-21');
  await refer('R3', 'J1', 'Alder', 'Cal', 'not_selected', '2026-02-20', '2026-03-01');
  await refer('R4', 'J2', 'Alder', 'Dee', 'withdrawn', '2026-08-05', '2026-08-20');
  await refer('R5', 'J2', 'Alder', 'Eve', 'hired', '2026-08-25', '2026-09-12');
  await refer('R6', 'J3', 'Birch', 'Fay', 'hired', '2026-10-12', '2026-11-02');
  await refer('R7', 'J3', 'Birch', 'Gus', 'referred', '2026-10-20', null);
  await refer('R8', 'J4', 'Birch', 'Hal', 'hired', '2025-12-05', '2025-12-20');
  await refer('R9', 'J6', 'Alder', 'Ivy', 'hired', '2026-09-02', '2026-09-05');
  await refer('R10', 'J9', 'Birch', 'Jo', 'hired', '2026-07-02', '2026-07-11');
  await tx
    .insertInto('employer_service')
    .values({
      id: randomUUID(),
      tenant_id,
      organization_id: uid('Dogwood'),
      kind: 'recruitment_event',
      service_date: '2026-05-05',
    } as never)
    .execute();

  // Jobs that started (placements), scored with the county's living wage of $20.00:
  //   Ben (J1's filling hire, fixed schedule and a pathway from the order): $24, four benefits, 40 h → 100, high
  //   Kit: $9 (under half the living wage), nothing else recorded → 0, low
  //   Lee: no wage → unscored;  Ann started in 2025 (outside every window);  Out is not in the initiative.
  const job = (who: string, start: string, wage: number | null, benefits: string[], hours: number | null) =>
    tx
      .insertInto('employment')
      .values({
        id: uid(`E:${who}`),
        tenant_id,
        participant_id: uid(who),
        employer_name: 'Somewhere',
        start_date: start,
        hourly_wage_cents: wage,
        hours_per_week: hours,
        benefits,
        source: 'employer_verification',
      } as never)
      .execute();
  await job('Ben', '2026-04-21', 2400, ['health_insurance', 'retirement', 'paid_leave', 'tuition_assistance'], 40);
  await tx
    .updateTable('candidate_referral')
    .set({ employment_id: uid('E:Ben') })
    .where('id', '=', uid('R2'))
    .execute();
  await job('Kit', '2026-09-20', 900, [], 20);
  await job('Lee', '2026-11-05', null, [], null);
  await job('Ann', '2025-11-01', 2400, [], 40);
  await job('Out', '2026-10-01', 900, [], 20);
}

beforeAll(async () => {
  t = await startTestApp();
  await withTenant(t.rt.services.database.db, t.tenantId, (tx) => build(tx, t.tenantId));
});
afterAll(() => t?.close());

/** The dashboard as of `now`, for the Care initiative unless told otherwise (null: no initiative filter). */
const at = (window: DashboardWindow, initiativeId: string | null = uid('Care'), now = NOW) =>
  dashboard(
    makeOps(t.rt.services, t.tenantId, { userId: null, label: 'dashboard test' }).ops,
    { window, initiativeId: initiativeId ?? undefined },
    now,
  );
/** The job quality of job orders for the same filters as `at`. */
const qualityAt = (window: DashboardWindow, initiativeId: string | null = uid('Care'), now = NOW) =>
  qualityAggregates(
    makeOps(t.rt.services, t.tenantId, { userId: null, label: 'dashboard test' }).ops,
    { window, initiativeId: initiativeId ?? undefined },
    now,
  );
const quality = (jobOrders: number, openings: number, averageScore: number, high: number, moderate: number, low: number) => ({
  jobOrders,
  openings,
  averageScore,
  high,
  moderate,
  low,
});
const flow = (
  jobOrders: number,
  openings: number,
  referrals: number,
  hires: number,
  filled: number,
  open: number,
  unfilled: number,
  fillRate: number | null,
) => ({
  jobOrders,
  openings,
  referrals,
  hires,
  filled,
  open,
  unfilled,
  fillRate,
});
const zeroQuarter = (quarter: string) => ({ quarter, posted: 0, filled: 0, fillRate: null, ordersFilled: 0, medianDaysToFill: null });

describe('dashboard windows', () => {
  it('covers this quarter, the four quarters ending with it, and the program year from 1 July', () => {
    expect(dashboardWindow('this_quarter', NOW)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(dashboardWindow('last_4_quarters', NOW)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(dashboardWindow('program_year', NOW)).toEqual({ from: '2026-07-01', to: '2027-06-30' });
    // Before July the program year is the one that began the July before.
    expect(dashboardWindow('program_year', new Date('2026-06-30T23:00:00Z'))).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(dashboardWindow('last_4_quarters', new Date('2026-02-01T00:00:00Z'))).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
});

describe('employer dashboard figures', () => {
  it('counts the job orders posted in the last four quarters and what became of them, by employer and occupation', async () => {
    const d = await at('last_4_quarters');
    expect(d.window).toEqual({ key: 'last_4_quarters', from: '2026-01-01', to: '2026-12-31' });
    // In all: J1, J2, J3, J5, J9 — 5 of 11 positions filled (45.45… → 45.5 %).
    expect(d.totals).toEqual(flow(5, 11, 8, 5, 5, 2, 4, 45.5));
    // Alder: J1 (2 openings, 3 referrals, 2 hires) + J2 (1, 2 referrals, 1 hire; the withdrawn hire is no hire).
    // Birch: J3 (3, 2 referrals, 1 hire, 2 still open) + J5 (4, unfilled: no hire filled it) + J9 (1, 1, 1).
    // J4 opened in 2025; J6 is cancelled and J7 a draft.
    expect(d.byEmployer).toEqual([
      { id: uid('Birch'), name: 'Birch Health', ...flow(3, 8, 3, 2, 2, 2, 4, 25) },
      { id: uid('Alder'), name: 'Alder Health', ...flow(2, 3, 5, 3, 3, 0, 0, 100) },
    ]);
    // By SOC with its title: 31-1131 is J1 + J3 + J5 (3 of 9 filled), 31-9097 is J2 + J9.
    expect(d.byOccupation).toEqual([
      { socCode: '31-1131', title: 'Nursing Assistants', ...flow(3, 9, 5, 3, 3, 2, 4, 33.3) },
      { socCode: '31-9097', title: 'Phlebotomists', ...flow(2, 2, 3, 2, 2, 0, 0, 100) },
    ]);
  });

  it('narrows to this quarter and to the program year', async () => {
    const q = await at('this_quarter');
    // Only J3 opened in 2026-Q4 (J7 is a draft).
    expect(q.byEmployer).toEqual([{ id: uid('Birch'), name: 'Birch Health', ...flow(1, 3, 2, 1, 1, 2, 0, 33.3) }]);
    expect(q.totals).toEqual(flow(1, 3, 2, 1, 1, 2, 0, 33.3));
    expect(q.byOccupation).toEqual([{ socCode: '31-1131', title: 'Nursing Assistants', ...flow(1, 3, 2, 1, 1, 2, 0, 33.3) }]);
    const py = await at('program_year');
    // From 2026-07-01: J2, J3, J5, J9 — J1 (February) drops out.
    expect(py.byEmployer).toEqual([
      { id: uid('Birch'), name: 'Birch Health', ...flow(3, 8, 3, 2, 2, 2, 4, 25) },
      { id: uid('Alder'), name: 'Alder Health', ...flow(1, 1, 2, 1, 1, 0, 0, 100) },
    ]);
    expect(py.totals).toEqual(flow(4, 9, 5, 3, 3, 2, 4, 33.3));
    // 31-1131: J3 + J5, 1 of 7 filled = 14.3 %.
    expect(py.byOccupation[0]).toEqual({ socCode: '31-1131', title: 'Nursing Assistants', ...flow(2, 7, 2, 1, 1, 2, 4, 14.3) });
  });

  it('trends positions posted and filled, and the median days to fill, over eight quarters', async () => {
    const d = await at('this_quarter');
    expect(d.trend).toEqual([
      zeroQuarter('2025-Q1'),
      zeroQuarter('2025-Q2'),
      zeroQuarter('2025-Q3'),
      // J4: 1 of 2 filled, and never filled (closed).
      { quarter: '2025-Q4', posted: 2, filled: 1, fillRate: 50, ordersFilled: 0, medianDaysToFill: null },
      // J1 posted in Q1 and both its positions are filled — but the hire that filled it came in Q2.
      { quarter: '2026-Q1', posted: 2, filled: 2, fillRate: 100, ordersFilled: 0, medianDaysToFill: null },
      { quarter: '2026-Q2', posted: 0, filled: 0, fillRate: null, ordersFilled: 1, medianDaysToFill: 70 },
      // J2 (1, filled by its second hire after 40 days), J5 (4, none filled), J9 (1, 10 days): median of 10 and 40.
      { quarter: '2026-Q3', posted: 6, filled: 2, fillRate: 33.3, ordersFilled: 2, medianDaysToFill: 25 },
      { quarter: '2026-Q4', posted: 3, filled: 1, fillRate: 33.3, ordersFilled: 0, medianDaysToFill: null },
    ]);
  });

  it('counts employers served this quarter and repeat employers, and grades the jobs placements started in the window', async () => {
    const d = await at('last_4_quarters');
    // Q4: Birch opened J3 and had referrals; Alder only drafted J7. Repeat (two quarters of 2026): Alder
    // (Q1, Q3) and Birch (Q3, Q4), not Dogwood (Q2 only).
    expect(d).toMatchObject({ quarter: '2026-Q4', servedThisQuarter: 1, repeatEmployers: 2 });
    expect(d.placementQuality).toEqual({ high: 1, moderate: 0, low: 1, unscored: 1 });
    expect((await at('this_quarter')).placementQuality).toEqual({ high: 0, moderate: 0, low: 0, unscored: 1 });
    expect((await at('program_year')).placementQuality).toEqual({ high: 0, moderate: 0, low: 1, unscored: 1 });
  });

  it('without the initiative filter includes every employer, and the figures still add up', async () => {
    const d = await at('this_quarter', null);
    expect(d.byEmployer.find((e) => e.id === uid('Cedar'))).toEqual({
      id: uid('Cedar'),
      name: 'Cedar Health',
      ...flow(1, 5, 0, 0, 0, 5, 0, 0),
    });
    for (const r of [...d.byEmployer, ...d.byOccupation]) {
      expect(r.filled + r.open + r.unfilled).toBe(r.openings);
    }
    expect(d.placementQuality.low).toBeGreaterThanOrEqual(1); // Out's job
    // The filter is applied to another initiative too: nothing of Care shows.
    const none = await at('this_quarter', randomUUID());
    expect(none.byEmployer).toEqual([]);
    expect(none.totals).toEqual(flow(0, 0, 0, 0, 0, 0, 0, null));
    expect(none.trend.every((q) => q.posted === 0 && q.ordersFilled === 0)).toBe(true);
  });
});

describe('job quality on the dashboard follows its window and initiative', () => {
  it('grades the job orders the dashboard counts, and only those', async () => {
    const d = await qualityAt('last_4_quarters');
    expect(d.window).toEqual({ key: 'last_4_quarters', from: '2026-01-01', to: '2026-12-31' });
    // J1, J2, J3, J5, J9 — not J4 (2025, low), J7 (a draft, low) nor J8 (Cedar, low).
    // Alder: J1 75 and J2 59 → average 67. Birch: J3, J5, J9, all 75.
    expect(d.byEmployer).toEqual([
      { key: uid('Birch'), label: 'Birch Health', ...quality(3, 8, 75, 3, 0, 0) },
      { key: uid('Alder'), label: 'Alder Health', ...quality(2, 3, 67, 1, 1, 0) },
    ]);
    expect(d.byOccupation).toEqual([
      { key: '31-1131', label: 'Nursing Assistants', ...quality(3, 9, 75, 3, 0, 0) },
      { key: '31-9097', label: 'Phlebotomists', ...quality(2, 2, 67, 1, 1, 0) },
    ]);
    // The same orders and positions as the openings table for the same filters.
    const flows = await at('last_4_quarters');
    expect(d.byEmployer.map((e) => [e.key, e.jobOrders, e.openings])).toEqual(flows.byEmployer.map((e) => [e.id, e.jobOrders, e.openings]));
  });

  it('narrows to this quarter and the program year', async () => {
    // This quarter: J3 only; Alder's draft J7 (low) is no job order yet.
    const q = await qualityAt('this_quarter');
    expect(q.window).toEqual({ key: 'this_quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(q.byEmployer).toEqual([{ key: uid('Birch'), label: 'Birch Health', ...quality(1, 3, 75, 1, 0, 0) }]);
    expect(q.byOccupation).toEqual([{ key: '31-1131', label: 'Nursing Assistants', ...quality(1, 3, 75, 1, 0, 0) }]);
    // Program year: J1 (February) drops out, so Alder is J2 alone.
    const py = await qualityAt('program_year');
    expect(py.byEmployer).toEqual([
      { key: uid('Birch'), label: 'Birch Health', ...quality(3, 8, 75, 3, 0, 0) },
      { key: uid('Alder'), label: 'Alder Health', ...quality(1, 1, 59, 0, 1, 0) },
    ]);
  });

  it('counts an order or a placement outside the window only once the window includes it', async () => {
    // As of 15 August 2026 the last four quarters run from 2025-10-01 to 2026-09-30: J4 (December 2025,
    // low) is in and J3 (October 2026) is out. Birch: J4 43, J5 75, J9 75 → 64.3.
    const august = new Date('2026-08-15T12:00:00Z');
    const d = await qualityAt('last_4_quarters', uid('Care'), august);
    expect(d.window).toEqual({ key: 'last_4_quarters', from: '2025-10-01', to: '2026-09-30' });
    expect(d.byEmployer).toEqual([
      { key: uid('Alder'), label: 'Alder Health', ...quality(2, 3, 67, 1, 1, 0) },
      { key: uid('Birch'), label: 'Birch Health', ...quality(3, 7, 64.3, 2, 0, 1) },
    ]);
    expect(d.byOccupation.find((o) => o.key === '31-9097')).toEqual({
      key: '31-9097',
      label: 'Phlebotomists',
      ...quality(3, 4, 59, 1, 1, 1),
    });
    // Placements in the same window: Ann's job (2025-11-01, $24.00, 40 hours, no order: 55, moderate) is
    // in, with Ben's (high) and Kit's (low); Lee's (November 2026, unscored) is not.
    expect((await at('last_4_quarters', uid('Care'), august)).placementQuality).toEqual({ high: 1, moderate: 1, low: 1, unscored: 0 });
    expect((await at('last_4_quarters')).placementQuality).toEqual({ high: 1, moderate: 0, low: 1, unscored: 1 });
  });

  it('counts an employer outside the initiative only without the filter', async () => {
    const cedar = (q: QualityAggregates) => q.byEmployer.find((e) => e.key === uid('Cedar'));
    expect(cedar(await qualityAt('this_quarter', null))).toEqual({
      key: uid('Cedar'),
      label: 'Cedar Health',
      ...quality(1, 5, 20, 0, 0, 1),
    });
    expect(cedar(await qualityAt('this_quarter'))).toBeUndefined();
    const none = await qualityAt('last_4_quarters', randomUUID());
    expect(none).toEqual({ window: { key: 'last_4_quarters', from: '2026-01-01', to: '2026-12-31' }, byEmployer: [], byOccupation: [] });
  });
});

describe('GET /api/employers/dashboard', () => {
  it('answers staff who read employers with what the service computes, and checks the window', async () => {
    const business = await t.as('business_services');
    const res = await business.request('GET', `/api/employers/dashboard?window=program_year&initiativeId=${uid('Care')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as EmployerDashboard;
    expect(body).toEqual(await at('program_year', uid('Care'), new Date()));
    expect(body.window.key).toBe('program_year');
    const navigator = await t.as('navigator');
    expect((await navigator.request('GET', '/api/employers/dashboard')).status).toBe(200);
    const bad = await expectProblem(await business.request('GET', '/api/employers/dashboard?window=decade'), 400, 'validation_failed');
    expect(bad.errors?.[0]).toMatchObject({ field: 'querystring.window' });
  });

  it('refuses employer users and anonymous callers', async () => {
    const employer = await t.as('employer_user');
    await expectProblem(await employer.request('GET', '/api/employers/dashboard'), 403);
    await expectProblem(await t.fetch('/api/employers/dashboard'), 401);
    await expectProblem(await employer.request('GET', '/api/employers/job-quality'), 403);
    await expectProblem(await t.fetch('/api/employers/job-quality'), 401);
  });
});

describe('GET /api/employers/job-quality', () => {
  it('takes the dashboard’s window and initiative, and checks them alike', async () => {
    const business = await t.as('business_services');
    const res = await business.request('GET', `/api/employers/job-quality?window=program_year&initiativeId=${uid('Care')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as QualityAggregates;
    expect(body).toEqual(await qualityAt('program_year', uid('Care'), new Date()));
    expect(body.window.key).toBe('program_year');
    // Without a window, the dashboard's default: the last four quarters.
    const plain = (await (await business.request('GET', '/api/employers/job-quality')).json()) as QualityAggregates;
    expect(plain.window).toEqual({ key: 'last_4_quarters', ...dashboardWindow('last_4_quarters', new Date()) });
    const bad = await expectProblem(await business.request('GET', '/api/employers/job-quality?window=decade'), 400, 'validation_failed');
    expect(bad.errors?.[0]).toMatchObject({ field: 'querystring.window' });
  });
});
