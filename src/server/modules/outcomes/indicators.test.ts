import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { withTenant } from '../../db/tenant.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { braidIndicators, establishmentTable, setEstablishments, suppressIndicators } from './indicators.service.ts';
import { openQuarters } from './wages.queries.ts';

// Braid's own indicators (docs/indicators.md) against one hand-built partnership. The window is program
// year 2024: 1 July 2024 - 30 June 2025.

let t: TestApp;
let ops: Ops;
const WINDOW = { from: '2024-07-01', to: '2025-06-30' };

beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
  ops = await buildPartnership();
});
afterAll(() => t?.close());

async function buildPartnership(): Promise<Ops> {
  const db = t.rt.services.database.db;
  const tenantId = randomUUID();
  await createTenant(db, { id: tenantId, slug: `i-${tenantId.slice(0, 8)}`, name: 'Indicators partnership' });
  const org = async (name: string, kind: string) => {
    const id = randomUUID();
    await db.insertInto('organization').values({ id, tenant_id: tenantId, name, kind }).execute();
    return id;
  };
  const home = await org('Intermediary', 'intermediary');
  const [providerA, providerB] = [await org('Alpha Institute', 'training_provider'), await org('Beta College', 'training_provider')];
  const person = async (pirlId?: string) => {
    const id = randomUUID();
    await db
      .insertInto('participant')
      .values({ id, tenant_id: tenantId, owner_organization_id: home, status: 'exited', first_name: 'Test', last_name: 'Person' })
      .execute();
    if (pirlId) await db.insertInto('pirl_person').values({ participant_id: id, tenant_id: tenantId, pirl_id: pirlId }).execute();
    return id;
  };
  const period = (participant_id: string, entry_date: string, exit_date: string, exit_reason: string | null = null) =>
    db
      .insertInto('program_participation')
      .values({ id: randomUUID(), tenant_id: tenantId, participant_id, entry_date, exit_date, exit_reason })
      .execute();
  const job = (
    participant_id: string,
    start_date: string,
    employer: { name: string; fein?: string },
    hourly_wage_cents: number | null,
    benefits: string[] = [],
  ) =>
    db
      .insertInto('employment')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        participant_id,
        employer_name: employer.name,
        employer_fein: employer.fein ?? null,
        start_date,
        hourly_wage_cents,
        benefits,
        source: 'self_report',
      })
      .execute();
  const program = async (name: string, provider: string) => {
    const id = randomUUID();
    await db
      .insertInto('training_program')
      .values({ id, tenant_id: tenantId, provider_organization_id: provider, name, modality: 'in_person' })
      .execute();
    return id;
  };
  const enrol = async (
    participant_id: string,
    training_program_id: string,
    status: 'enrolled' | 'completed' | 'withdrawn',
    enrolled_on: string,
    ended: string | null,
  ) => {
    const id = randomUUID();
    await db
      .insertInto('training_enrollment')
      .values({
        id,
        tenant_id: tenantId,
        participant_id,
        training_program_id,
        status,
        enrolled_on,
        completed_on: status === 'completed' ? ended : null,
        withdrawn_on: status === 'withdrawn' ? ended : null,
      })
      .execute();
    return id;
  };
  const credential = (participant_id: string, attained_on: string, training_enrollment_id: string | null = null) =>
    db
      .insertInto('credential')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        participant_id,
        type: 'occupational_certificate',
        title: 'Certificate',
        attained_on,
        training_enrollment_id,
      })
      .execute();
  const wages = async (person_key: string, year: number, quarter: number, dollars: number) => {
    await withTenant(db, tenantId, async (tx) => {
      await openQuarters(tx, tenantId, [{ year, quarter }]);
      await tx
        .insertInto('wage_record')
        .values({ tenant_id: tenantId, person_key, year, quarter, employer_fein: '99-9999999', wages_cents: dollars * 100 })
        .execute();
    });
  };

  const ACME = { name: 'Acme Tools', fein: '11-1111111' };
  const p1 = await person('W1');
  await period(p1, '2024-01-10', '2024-09-30');
  await job(p1, '2024-10-15', ACME, 2000, ['health_insurance']); // placed 15 days after exit
  const p2 = await person('W2');
  await period(p2, '2024-02-01', '2024-12-15');
  await job(p2, '2024-06-01', { name: 'Bolt Co' }, 1600); // placed while in the program: the starting job
  await job(p2, '2025-01-10', { name: ' BOLT CO ' }, 3000); // a later job; same employer by name
  const p3 = await person();
  await period(p3, '2024-03-01', '2025-03-01');
  await job(p3, '2025-07-15', { name: 'Late LLC' }, 2500); // 136 days after exit: not a placement
  const p4 = await person();
  await period(p4, '2024-03-01', '2025-05-01', 'deceased'); // out of every indicator about people
  await job(p4, '2025-03-01', { name: 'Delta Inc' }, 1500);
  await job(p4, '2020-01-01', { name: 'Delta Inc' }, 1500); // more than three years before the window
  const p5 = await person();
  await period(p5, '2023-01-01', '2023-12-31'); // exited before the window
  const p6 = await person();
  await period(p6, '2024-05-01', '2025-01-31');
  await job(p6, '2025-02-01', { name: 'Acme (Main St)', fein: ACME.fein }, null, ['health_insurance', 'paid_leave']);

  // Wages: W1 before = (1000 + 3000) / 4 = 1000, after (2025Q1) 6000; W2 before = 2000 / 4 = 500, after (2025Q2) 5000.
  await wages('W1', 2023, 2, 1000);
  await wages('W1', 2023, 3, 3000);
  await wages('W1', 2025, 1, 6000);
  await wages('W2', 2023, 4, 2000);
  await wages('W2', 2025, 2, 5000);

  const welding = await program('Welding', providerA);
  const cna = await program('Nursing assistant', providerB);
  const forklift = await program('Forklift', providerB);
  const e1 = await enrol(p1, welding, 'completed', '2024-02-01', '2024-08-01');
  await credential(p1, '2024-08-05', e1);
  await enrol(p2, welding, 'withdrawn', '2024-03-01', '2024-10-01');
  await credential(p2, '2025-09-01'); // not linked, but within a year of leaving the training
  await enrol(p3, cna, 'completed', '2024-04-01', '2025-01-15');
  await credential(p3, '2026-02-01'); // more than a year later
  await enrol(p6, cna, 'completed', '2024-06-01', '2025-06-30');
  await enrol(p5, cna, 'completed', '2023-01-01', '2024-06-30'); // ended before the window
  await enrol(p4, cna, 'enrolled', '2024-04-01', null); // still in training
  for (let i = 0; i < 10; i++) {
    const p = await person();
    await enrol(p, cna, 'completed', '2024-09-01', '2025-01-01');
    const f = await person();
    const e = await enrol(f, forklift, 'completed', '2024-09-01', '2025-02-01');
    await credential(f, '2025-02-02', e);
  }

  // Living wages (one adult, no children): P1 lives in Cuyahoga ($21.48: $20.00 is below), P2 in Lake
  // ($15.00: $16.00 is above); P6 recorded no wage. A 1A1C row never counts.
  for (const [county_fips, household_type, hourly_cents] of [
    ['39035', '1A0C', 2148],
    ['39085', '1A0C', 1500],
    ['39035', '1A1C', 1000],
  ] as const) {
    await db
      .insertInto('living_wage')
      .values({ id: randomUUID(), tenant_id: tenantId, county_fips, household_type, hourly_cents })
      .execute();
  }
  await db.updateTable('participant').set({ county_fips: '39035' }).where('id', '=', p1).execute();
  await db.updateTable('participant').set({ county_fips: '39085' }).where('id', '=', p2).execute();
  await db.updateTable('participant').set({ county_fips: '39035' }).where('id', '=', p6).execute();

  // Employer services: Echo Health (never hired anyone) in the window, and Acme's organization record
  // served in 2022, which makes the organization a repeat customer (Acme by FEIN is another key).
  const echo = await org('Echo Health', 'employer');
  const acmeOrg = await org('Acme Tools (organization)', 'employer');
  const service = (organization_id: string, service_date: string) =>
    db
      .insertInto('employer_service')
      .values({ id: randomUUID(), tenant_id: tenantId, organization_id, kind: 'recruitment_event', service_date })
      .execute();
  await service(echo, '2024-09-10');
  await service(acmeOrg, '2022-11-01');
  await service(acmeOrg, '2025-03-01');
  await service(echo, '2025-07-01'); // after the window

  // Referrals closed in the window: 3 completed, 1 not completed, 1 declined; one completed the day
  // after the window and one still in progress do not count.
  const hsds = randomUUID();
  await db
    .insertInto('hsds_service')
    .values({ id: hsds, tenant_id: tenantId, organization_id: providerA, name: 'Tutoring', status: 'active', doc: '{}' })
    .execute();
  const referral = (status: string, closed_at: string | null) =>
    db
      .insertInto('referral')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        participant_id: p1,
        service_id: hsds,
        receiving_organization_id: providerA,
        status,
        urgency: 'routine',
        reason: 'Test',
        sent_at: '2024-07-01T12:00:00Z',
        closed_at,
      } as never)
      .execute();
  for (const at of ['2024-08-01T10:00:00Z', '2025-01-15T10:00:00Z', '2025-06-30T23:30:00Z']) await referral('completed', at);
  await referral('not_completed', '2025-02-01T10:00:00Z');
  await referral('declined', '2024-07-02T10:00:00Z');
  await referral('completed', '2025-07-01T00:30:00Z');
  await referral('in_progress', null);

  return makeOps(t.rt.services, tenantId, { userId: null, label: 'test' }).ops;
}

describe("Braid's own indicators", () => {
  it('counts placements, starting wages and health benefits among exiters of the window', async () => {
    const r = await braidIndicators(ops, WINDOW);
    const cohort = WINDOW;
    // Exiters: P1, P2, P3, P6 (P4 deceased, P5 before the window); placed: P1, P2, P6.
    expect(r.indicators.placement_rate).toEqual({ numerator: 3, denominator: 4, rate: 75, rateRounded: 75, cohort });
    // Starting wages known for P1 ($20) and P2 ($16, the first job, not the later $30).
    expect(r.indicators.median_starting_wage).toEqual({ count: 2, median: 18, cohort });
    expect(r.indicators.health_benefits).toMatchObject({ numerator: 2, denominator: 3, rateRounded: 66.7 });
  });

  it('measures the wage gain from UI wage records, for people the records know, within the wage data', async () => {
    const r = await braidIndicators(ops, WINDOW);
    expect(r.wageDataThrough).toBe('2025Q2');
    expect(r.indicators.wage_gain).toEqual({ count: 2, medianBefore: 750, medianAfter: 5500, medianGain: 4750, cohort: WINDOW });
    // With wage data through 2025Q1, W2's quarter 2 after exit (2025Q2) is not available yet.
    const earlier = await braidIndicators(ops, { ...WINDOW, wageDataThrough: '2025Q1' });
    expect(earlier.indicators.wage_gain).toMatchObject({ count: 1, medianBefore: 1000, medianAfter: 6000, medianGain: 5000 });
  });

  it('gives the credential rate overall and by training program and provider, small cells suppressed', async () => {
    const r = await braidIndicators(ops, WINDOW);
    // Ended in the window: Welding 2 (both earned), Nursing assistant 2 + 10 (none earned), Forklift 10 (all earned).
    expect(r.indicators.credential_rate).toMatchObject({ numerator: 12, denominator: 24 });
    const program = Object.fromEntries(r.credentialBy.program.map((g) => [g.label, g.indicator]));
    expect(program['Nursing assistant']).toMatchObject({ numerator: 0, denominator: 12, rateRounded: 0 });
    expect(program.Welding).toMatchObject({ suppressed: true, numerator: null });
    // Welding alone would be 24 - 12 - 10: the smallest other cell is hidden as its complement.
    expect(program.Forklift).toMatchObject({ suppressed: true, numerator: null });
    const provider = Object.fromEntries(r.credentialBy.provider.map((g) => [g.label, g.indicator]));
    expect(provider['Alpha Institute']).toMatchObject({ suppressed: true });
    expect(provider['Beta College']).toMatchObject({ suppressed: true });
  });

  it('counts employers served (hires and employer services) and repeat business customers', async () => {
    const r = await braidIndicators(ops, WINDOW);
    // Hires in the window: Acme (by FEIN, twice), Bolt Co (by name) and Delta Inc; services: Echo Health and
    // Acme's organization record. Bolt Co hired in 2024-06 too; Acme's organization was served in 2022.
    expect(r.indicators.employers_served.count).toBe(5);
    expect(r.indicators.repeat_employers).toMatchObject({ numerator: 2, denominator: 5, rateRounded: 40 });
  });

  it('measures employer penetration against the establishments recorded for the region', async () => {
    const before = await braidIndicators(ops, WINDOW);
    expect(before.indicators.employer_penetration).toMatchObject({ numerator: 5, denominator: 0, rate: null });
    expect(before.pending).toEqual(['employer_penetration']);
    await setEstablishments(ops, { countyFips: '39035', establishments: 150, referenceYear: 2022, source: 'CBP 2022, NAICS 62' });
    await setEstablishments(ops, { countyFips: '39085', establishments: 40, referenceYear: 2022 });
    await setEstablishments(ops, { countyFips: '39085', establishments: 50, referenceYear: 2022 }); // replaces
    const table = await establishmentTable(ops);
    expect(table.total).toBe(200);
    expect(table.items.map((i) => [i.countyFips, i.countyName, i.establishments])).toEqual([
      ['39035', expect.stringContaining('Cuyahoga'), 150],
      ['39085', expect.stringContaining('Lake'), 50],
    ]);
    const r = await braidIndicators(ops, WINDOW);
    expect(r.indicators.employer_penetration).toMatchObject({ numerator: 5, denominator: 200, rateRounded: 2.5 });
    expect(r.pending).toEqual([]);
    await expect(setEstablishments(ops, { countyFips: '99999', establishments: 1, referenceYear: 2022 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('holds starting wages against the living wage of the county the person lives in', async () => {
    const r = await braidIndicators(ops, WINDOW);
    // P1 $20.00 < $21.48 (Cuyahoga); P2 $16.00 >= $15.00 (Lake); P6 has no wage, so it is not in the share.
    expect(r.indicators.living_wage_share).toMatchObject({ numerator: 1, denominator: 2, rateRounded: 50 });
  });

  it('gives referral completion: completed among referrals closed in the window', async () => {
    const r = await braidIndicators(ops, WINDOW);
    // Closed in the window: 3 completed (one at 23:30 UTC on the last day), 1 not completed, 1 declined.
    expect(r.indicators.referral_completion).toMatchObject({ numerator: 3, denominator: 5, rateRounded: 60 });
  });

  it('hides small cohorts from aggregate-only viewers but keeps employer counts', async () => {
    const r = suppressIndicators(await braidIndicators(ops, WINDOW));
    expect(r.indicators.placement_rate).toMatchObject({ suppressed: true, numerator: null, denominator: null });
    expect(r.indicators.median_starting_wage).toMatchObject({ suppressed: true, median: null });
    expect(r.indicators.wage_gain).toMatchObject({ suppressed: true, medianGain: null });
    expect(r.indicators.credential_rate).toMatchObject({ numerator: 12, denominator: 24 });
    expect(r.indicators.employers_served.count).toBe(5);
    // Living-wage share (2) and referral completion (5) are about people: hidden too.
    expect(r.indicators.living_wage_share).toMatchObject({ suppressed: true, numerator: null });
    expect(r.indicators.referral_completion).toMatchObject({ suppressed: true, numerator: null });
  });

  it('is empty, not wrong, for a window with no one in it', async () => {
    const r = await braidIndicators(ops, { from: '2010-07-01', to: '2011-06-30' });
    expect(r.indicators.placement_rate).toMatchObject({ numerator: 0, denominator: 0, rate: null });
    expect(r.indicators.median_starting_wage).toMatchObject({ count: 0, median: null });
    expect(r.credentialBy.program).toEqual([]);
  });
});
