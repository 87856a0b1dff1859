import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { braidIndicators, suppressIndicators } from './indicators.service.ts';

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
    await db
      .insertInto('wage_record')
      .values({ tenant_id: tenantId, person_key, year, quarter, employer_fein: '99-9999999', wages_cents: dollars * 100 })
      .execute();
    await db
      .insertInto('wage_quarter')
      .values({ tenant_id: tenantId, year, quarter })
      .onConflict((oc) => oc.doNothing())
      .execute();
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

  it('counts employers served and repeat business customers', async () => {
    const r = await braidIndicators(ops, WINDOW);
    // In the window: Acme (by FEIN, twice), Bolt Co (by name) and Delta Inc. Bolt Co also hired in 2024-06.
    expect(r.indicators.employers_served.count).toBe(3);
    expect(r.indicators.repeat_employers).toMatchObject({ numerator: 1, denominator: 3, rateRounded: 33.3 });
    expect(r.pending).toEqual(['living_wage_share', 'referral_completion', 'employer_penetration']);
  });

  it('hides small cohorts from aggregate-only viewers but keeps employer counts', async () => {
    const r = suppressIndicators(await braidIndicators(ops, WINDOW));
    expect(r.indicators.placement_rate).toMatchObject({ suppressed: true, numerator: null, denominator: null });
    expect(r.indicators.median_starting_wage).toMatchObject({ suppressed: true, median: null });
    expect(r.indicators.wage_gain).toMatchObject({ suppressed: true, medianGain: null });
    expect(r.indicators.credential_rate).toMatchObject({ numerator: 12, denominator: 24 });
    expect(r.indicators.employers_served.count).toBe(3);
  });

  it('is empty, not wrong, for a window with no one in it', async () => {
    const r = await braidIndicators(ops, { from: '2010-07-01', to: '2011-06-30' });
    expect(r.indicators.placement_rate).toMatchObject({ numerator: 0, denominator: 0, rate: null });
    expect(r.indicators.median_starting_wage).toMatchObject({ count: 0, median: null });
    expect(r.credentialBy.program).toEqual([]);
  });
});
