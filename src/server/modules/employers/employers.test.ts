import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { withTenant } from '../../db/tenant.ts';
import { jobQuality } from './job-quality.rules.ts';

let t: TestApp;
let business: Caller;
let employer: Caller;
let nav: Caller;
let director: Caller;
const orgs = new Map<string, string>();
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  [business, employer, nav, director] = await Promise.all([
    t.as('business_services'),
    t.as('employer_user'),
    t.as('navigator'),
    t.as('director'),
  ]);
  for (const o of (await (await director.request('GET', '/api/organizations?pageSize=100')).json()).items) orgs.set(o.name, o.id);
  // Living wage for the reference household in the demo counties (the test sets its own values).
  for (const [county, cents] of [
    ['39035', 2000],
    ['39085', 2100],
    ['39093', 1900],
  ] as const) {
    const res = await business.request('PUT', '/api/living-wages', { countyFips: county, householdType: '1A0C', hourlyCents: cents });
    expect(res.status).toBe(200);
  }
});
afterAll(() => t?.close());

const metrocare = () => orgs.get('MetroCare Health System') as string;
const lakeRegional = () => orgs.get('Lake Regional Medical Center') as string;

function jobBody(over: Record<string, unknown> = {}) {
  return {
    employerId: metrocare(),
    socCode: '31-1131',
    title: 'Nursing Assistant, Med-Surg',
    openings: 4,
    wageMinCents: 1800,
    wageMaxCents: 2100,
    hoursPerWeek: 36,
    shift: 'day',
    schedule: 'predictable',
    benefits: ['health_insurance', 'retirement', 'paid_leave'],
    advancementPathway: true,
    requiredCredentials: ['STNA'],
    countyFips: '39035',
    opensOn: today,
    ...over,
  };
}

describe('job-quality score', () => {
  it('scores each component and explains it', () => {
    const q = jobQuality({
      hourlyWageCents: 1500,
      livingWageCents: 2000,
      benefits: ['health_insurance', 'paid_leave', 'childcare'],
      hoursPerWeek: 32,
      schedule: 'variable',
      advancementPathway: false,
    });
    const by = Object.fromEntries(q.components.map((c) => [c.key, c.points]));
    // 75% of the living wage is halfway between 50% (0) and 100% (40).
    expect(by).toEqual({ wage: 20, benefits: 15, hours: 8, schedule: 4, advancement: 0 });
    expect(q.score).toBe(47);
    expect(q.band).toBe('low');
    expect(q.components.find((c) => c.key === 'benefits')?.detail.missing).toEqual(['retirement', 'tuition_assistance']);
  });

  it('gives full wage points at or above the living wage and none without a living wage', () => {
    const full = jobQuality({
      hourlyWageCents: 2600,
      livingWageCents: 2000,
      benefits: ['health_insurance', 'retirement', 'paid_leave', 'tuition_assistance'],
      hoursPerWeek: 40,
      schedule: 'fixed',
      advancementPathway: true,
    });
    expect(full.score).toBe(100);
    expect(full.band).toBe('high');
    const unknown = jobQuality({
      hourlyWageCents: 2600,
      livingWageCents: null,
      benefits: [],
      hoursPerWeek: null,
      schedule: null,
      advancementPathway: null,
    });
    expect(unknown.score).toBe(0);
    expect(unknown.components[0].detail.percentOfLivingWage).toBe(null);
  });
});

describe('employers', () => {
  it('keeps a profile with NAICS, FEIN, UI account, size, role and owner, and locations with a county', async () => {
    const me = await (await business.request('GET', '/api/account')).json();
    const res = await business.request('PATCH', `/api/employers/${lakeRegional()}`, {
      naics: '622110',
      fein: '341123456',
      uiAccount: 'OH-558812',
      sizeBand: '1000+',
      partnershipRole: 'champion',
      accountOwnerId: me.id ?? me.user?.id,
    });
    expect(res.status).toBe(200);
    const e = await res.json();
    expect(e).toMatchObject({
      fein: '34-1123456',
      uiAccount: 'OH-558812',
      sizeBand: '1000+',
      partnershipRole: 'champion',
      naicsTitle: 'General Medical and Surgical Hospitals',
    });
    const loc = await business.request('POST', `/api/employers/${lakeRegional()}/locations`, {
      name: 'Urgent care Mentor',
      countyFips: '39085',
    });
    expect(loc.status).toBe(201);
    expect((await loc.json()).locations[0]).toMatchObject({ name: 'Urgent care Mentor', countyName: expect.stringContaining('Lake') });
    const bad = await business.request('PATCH', `/api/employers/${lakeRegional()}`, { naics: '999999' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('body.naics');
    // An organization that is not an employer is not an employer.
    expect((await business.request('GET', `/api/employers/${orgs.get('Lakeshore Workforce Partners')}`)).status).toBe(404);
    const list = await (await business.request('GET', '/api/employers?q=lake&partnershipRole=champion')).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['Lake Regional Medical Center']);
  });

  it('changes and removes locations; one a job order names stays until the order moves', async () => {
    const added = await (
      await business.request('POST', `/api/employers/${lakeRegional()}/locations`, { name: 'Clinic Painesville', countyFips: '39085' })
    ).json();
    const clinic = added.locations.find((l: { name: string }) => l.name === 'Clinic Painesville');
    const url = `/api/employers/${lakeRegional()}/locations/${clinic.id}`;
    const changed = await business.request('PATCH', url, {
      addressLine1: '10 Main St',
      city: 'Painesville',
      stateCode: 'OH',
      postalCode: '44077',
      countyFips: '39093',
    });
    expect(changed.status).toBe(200);
    expect((await changed.json()).locations.find((l: { id: string }) => l.id === clinic.id)).toMatchObject({
      name: 'Clinic Painesville',
      addressLine1: '10 Main St',
      city: 'Painesville',
      countyName: expect.stringContaining('Lorain'),
    });
    const badCounty = await business.request('PATCH', url, { countyFips: '99999' });
    expect(badCounty.status).toBe(400);
    expect((await badCounty.json()).errors[0]).toMatchObject({ field: 'body.countyFips', code: 'unknown_code' });
    const badState = await business.request('PATCH', url, { stateCode: 'ohio' });
    expect(badState.status).toBe(400);
    expect((await badState.json()).errors[0].field).toBe('body.stateCode');

    // A job order posted there keeps the location in place.
    const job = await (
      await business.request('POST', '/api/job-orders', jobBody({ employerId: lakeRegional(), countyFips: '39093', locationId: clinic.id }))
    ).json();
    const inUse = await business.request('DELETE', url);
    expect(inUse.status).toBe(409);
    expect((await inUse.json()).errors[0].code).toBe('location_in_use');
    await business.request('PATCH', `/api/job-orders/${job.id}`, { locationId: null });
    const removed = await business.request('DELETE', url);
    expect(removed.status).toBe(200);
    expect((await removed.json()).locations.some((l: { id: string }) => l.id === clinic.id)).toBe(false);
    expect((await business.request('DELETE', url)).status).toBe(404);
    // Another employer's location is not this employer's; navigators and employer users only read or nothing.
    const other = `/api/employers/${metrocare()}/locations/${added.locations[0].id}`;
    expect((await business.request('PATCH', other, { name: 'x' })).status).toBe(404);
    expect((await nav.request('PATCH', `/api/employers/${lakeRegional()}/locations/${added.locations[0].id}`, { name: 'x' })).status).toBe(
      403,
    );
    expect((await employer.request('DELETE', `/api/employers/${lakeRegional()}/locations/${added.locations[0].id}`)).status).toBe(403);
  });

  it('logs interactions with contacts; a follow-up lands on its owner’s home page until done', async () => {
    const c = await business.request('POST', `/api/employers/${lakeRegional()}/contacts`, {
      name: 'Dana Whitfield',
      title: 'Talent acquisition lead',
      email: 'Dana@LakeRegional.example',
      roles: ['hr', 'hiring_manager'],
      isPrimary: true,
    });
    expect(c.status).toBe(201);
    const contact = await c.json();
    expect(contact.email).toBe('dana@lakeregional.example');
    const i = await business.request('POST', `/api/employers/${lakeRegional()}/interactions`, {
      contactId: contact.id,
      kind: 'site_visit',
      occurredOn: today,
      summary: 'Toured the med-surg unit; 6 STNA openings expected in spring.',
      followUpOn: today,
      followUpNote: 'Send the cohort calendar',
    });
    expect(i.status).toBe(201);
    const interaction = await i.json();
    const tasks = async (who: Caller) =>
      (await (await who.request('GET', '/api/home')).json()).tasks.filter((x: { kind: string }) => x.kind === 'employer_follow_up_due');
    expect(await tasks(business)).toEqual([
      {
        kind: 'employer_follow_up_due',
        subject: 'Lake Regional Medical Center',
        subjectId: lakeRegional(),
        due: today,
        href: `/employers/${lakeRegional()}`,
      },
    ]);
    expect(await tasks(director)).toEqual([]);
    const done = await business.request('PATCH', `/api/employers/${lakeRegional()}/interactions/${interaction.id}`, { followUpDone: true });
    expect(done.status).toBe(200);
    expect(await tasks(business)).toEqual([]);
    // A contact of another employer cannot be named.
    const wrong = await business.request('POST', `/api/employers/${metrocare()}/interactions`, {
      contactId: contact.id,
      kind: 'call',
      occurredOn: today,
      summary: 'x',
    });
    expect(wrong.status).toBe(400);
  });

  it('records services and commitments with fulfilment', async () => {
    const s = await business.request('POST', `/api/employers/${lakeRegional()}/services`, {
      kind: 'recruitment_event',
      serviceDate: today,
      costCents: 45000,
      description: 'Hiring fair',
    });
    expect(s.status).toBe(201);
    expect((await s.json()).staff.name).toBeTruthy();
    const c = await business.request('POST', `/api/employers/${lakeRegional()}/commitments`, {
      kind: 'interview',
      description: 'Interview every STNA graduate',
      targetQuantity: 10,
    });
    const commitment = await c.json();
    expect(commitment).toMatchObject({ fulfilledQuantity: 0, status: 'open' });
    const f = await business.request('POST', `/api/employers/${lakeRegional()}/commitments/${commitment.id}/fulfilments`, {
      fulfilledOn: today,
      quantity: 4,
    });
    expect(await f.json()).toMatchObject({ fulfilledQuantity: 4, percentFulfilled: 40, status: 'open' });
    await business.request('POST', `/api/employers/${lakeRegional()}/commitments/${commitment.id}/fulfilments`, {
      fulfilledOn: today,
      quantity: 7,
    });
    const all = await (await business.request('GET', `/api/employers/${lakeRegional()}/commitments`)).json();
    expect(all[0]).toMatchObject({ fulfilledQuantity: 11, percentFulfilled: 100, status: 'fulfilled' });
    // Another employer's commitment is not reachable under this one.
    expect(
      (
        await business.request('POST', `/api/employers/${metrocare()}/commitments/${commitment.id}/fulfilments`, {
          fulfilledOn: today,
          quantity: 1,
        })
      ).status,
    ).toBe(404);
  });
});

describe('job orders', () => {
  it('carry a quality score whose components add up, and follow the living-wage table', async () => {
    const res = await business.request('POST', '/api/job-orders', jobBody());
    expect(res.status).toBe(201);
    const job = await res.json();
    // 1800 of 2000 = 90% → 32 wage points; benefits 20; hours 15; schedule 10; advancement 10.
    expect(job.quality.score).toBe(87);
    expect(job.quality.components.reduce((s: number, c: { points: number }) => s + c.points, 0)).toBe(87);
    await business.request('PUT', '/api/living-wages', { countyFips: '39035', householdType: '1A0C', hourlyCents: 3600 });
    const again = await (await business.request('GET', `/api/job-orders/${job.id}`)).json();
    expect(again.quality.components[0]).toMatchObject({ key: 'wage', points: 0, detail: { percentOfLivingWage: 50 } });
    await business.request('PUT', '/api/living-wages', { countyFips: '39035', householdType: '1A0C', hourlyCents: 2000 });
    const agg = await (await business.request('GET', '/api/employers/job-quality')).json();
    expect(agg.byOccupation.find((a: { key: string }) => a.key === '31-1131')).toMatchObject({
      label: 'Nursing Assistants',
      jobOrders: expect.any(Number),
    });
  });

  it('validate SOC, wage range and dates by field', async () => {
    const bad = await business.request('POST', '/api/job-orders', jobBody({ socCode: '31-9999' }));
    expect((await bad.json()).errors[0].field).toBe('body.socCode');
    const range = await business.request('POST', '/api/job-orders', jobBody({ wageMinCents: 2500, wageMaxCents: 2000 }));
    expect(range.status).toBe(400);
    expect(JSON.stringify((await range.json()).errors)).toContain('wageMaxCents');
  });

  it('employer users post and edit only their own; another employer’s job order is 404', async () => {
    const own = await employer.request('POST', '/api/job-orders', {
      ...jobBody(),
      employerId: undefined,
      title: 'Patient Care Technician',
    });
    expect(own.status).toBe(201);
    const mine = await own.json();
    expect(mine.employer.id).toBe(metrocare());
    const theirs = await (
      await business.request('POST', '/api/job-orders', jobBody({ employerId: lakeRegional(), countyFips: '39085' }))
    ).json();
    expect((await employer.request('GET', `/api/job-orders/${theirs.id}`)).status).toBe(404);
    expect((await employer.request('PATCH', `/api/job-orders/${theirs.id}`, { openings: 9 })).status).toBe(404);
    expect((await employer.request('POST', '/api/job-orders', jobBody({ employerId: lakeRegional() }))).status).toBe(400);
    const list = await (await employer.request('GET', '/api/job-orders?pageSize=100')).json();
    expect(list.items.every((j: { employer: { id: string } }) => j.employer.id === metrocare())).toBe(true);
    expect(list.items.some((j: { id: string }) => j.id === mine.id)).toBe(true);
    const edited = await employer.request('PATCH', `/api/job-orders/${mine.id}`, { openings: 2 });
    expect((await edited.json()).openings).toBe(2);
    // Employer users have no employer directory, matching or referral rights.
    expect((await employer.request('GET', '/api/employers')).status).toBe(403);
    expect((await employer.request('GET', `/api/job-orders/${mine.id}/candidates`)).status).toBe(403);
  });
});

// ---- Matching and referrals, on hand-built participants

interface Fixture {
  first: string;
  last: string;
  county: string;
  consent?: { kinds?: string[]; orgs?: string[]; categories: string[] } | null;
  prefs?: { socs: string[]; shifts: string[]; wage: number | null };
  goalSoc?: string;
  credentials?: string[];
  trainingSoc?: string[];
  email?: string;
}

async function build(fixtures: Fixture[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const owner = orgs.get('Lakeshore Workforce Partners') as string;
  const { encrypt } = await import('../../platform/crypto.ts');
  const ring = t.rt.services.keyring;
  await withTenant(t.rt.services.database.db, t.tenantId, async (tx) => {
    const programs = new Map<string, string>();
    for (const f of fixtures) {
      const id = randomUUID();
      ids.set(f.last, id);
      await tx
        .insertInto('participant')
        .values({
          id,
          tenant_id: t.tenantId,
          owner_organization_id: owner,
          status: 'enrolled',
          first_name: f.first,
          last_name: f.last,
          county_fips: f.county,
          email_enc: f.email ? encrypt(ring, f.email) : null,
        } as never)
        .execute();
      if (f.consent) {
        await tx
          .insertInto('consent')
          .values({
            id: randomUUID(),
            tenant_id: t.tenantId,
            participant_id: id,
            recipient_organization_ids: f.consent.orgs ?? [],
            recipient_kinds: f.consent.kinds ?? [],
            categories: f.consent.categories,
            purpose: 'Job placement',
            method: 'paper',
            given_at: new Date(Date.now() - 86_400_000),
          } as never)
          .execute();
      }
      if (f.prefs) {
        await tx
          .insertInto('job_preference')
          .values({
            participant_id: id,
            tenant_id: t.tenantId,
            soc_codes: f.prefs.socs,
            shifts: f.prefs.shifts,
            min_hourly_wage_cents: f.prefs.wage,
            updated_by: null,
          })
          .execute();
      }
      if (f.goalSoc) {
        const planId = randomUUID();
        await tx
          .insertInto('plan')
          .values({ id: planId, tenant_id: t.tenantId, participant_id: id, title: 'Plan', status: 'active' } as never)
          .execute();
        await tx
          .insertInto('plan_goal')
          .values({
            id: randomUUID(),
            tenant_id: t.tenantId,
            plan_id: planId,
            participant_id: id,
            description: 'Goal',
            soc_code: f.goalSoc,
            status: 'open',
          } as never)
          .execute();
      }
      for (const title of f.credentials ?? []) {
        await tx
          .insertInto('credential')
          .values({
            id: randomUUID(),
            tenant_id: t.tenantId,
            participant_id: id,
            type: 'occupational_licensure',
            title,
            attained_on: '2026-06-01',
          } as never)
          .execute();
      }
      if (f.trainingSoc) {
        const key = f.trainingSoc.join(',');
        let programId = programs.get(key);
        if (!programId) {
          programId = randomUUID();
          programs.set(key, programId);
          await tx
            .insertInto('training_program')
            .values({
              id: programId,
              tenant_id: t.tenantId,
              provider_organization_id: owner,
              name: `Program ${key}`,
              target_soc_codes: f.trainingSoc,
              modality: 'in_person',
            } as never)
            .execute();
        }
        await tx
          .insertInto('training_enrollment')
          .values({
            id: randomUUID(),
            tenant_id: t.tenantId,
            participant_id: id,
            training_program_id: programId,
            status: 'completed',
            enrolled_on: '2026-01-05',
            completed_on: '2026-05-01',
          } as never)
          .execute();
      }
    }
  });
  return ids;
}

describe('candidate matching', () => {
  let jobId: string;
  let ids: Map<string, string>;
  beforeAll(async () => {
    // Phlebotomists (31-9097) at MetroCare in Cuyahoga, evening shift, $19–22, phlebotomy certificate required.
    const job = await business.request(
      'POST',
      '/api/job-orders',
      jobBody({
        socCode: '31-9097',
        title: 'Phlebotomist',
        shift: 'evening',
        wageMinCents: 1900,
        wageMaxCents: 2200,
        requiredCredentials: ['Phlebotomy', 'BLS'],
      }),
    );
    jobId = (await job.json()).id;
    const employers = { kinds: ['employer'], categories: ['contact', 'education_training'] };
    ids = await build([
      // Everything fits: same detailed SOC, both credentials, related training, same county, evening, wage OK.
      {
        first: 'Ada',
        last: 'Perfect',
        county: '39035',
        consent: employers,
        prefs: { socs: ['31-9097'], shifts: ['evening'], wage: 2000 },
        credentials: ['Certified Phlebotomy Technician', 'BLS Provider'],
        trainingSoc: ['31-9097'],
        email: 'ada@example.test',
      },
      // Same broad group (31-909x: medical equipment preparers), adjacent county, no preferences recorded.
      {
        first: 'Bo',
        last: 'Broad',
        county: '39085',
        consent: { orgs: [metrocare()], categories: ['education_training'] },
        goalSoc: '31-9093',
        credentials: ['BLS'],
      },
      // Same minor group (31-9xxx), far county, day shift only, wants more than the job pays.
      { first: 'Cy', last: 'Minor', county: '39049', consent: employers, prefs: { socs: ['31-9011'], shifts: ['day'], wage: 2500 } },
      // Another occupation entirely; completed unrelated training.
      {
        first: 'Di',
        last: 'Other',
        county: '39035',
        consent: employers,
        prefs: { socs: ['43-4051'], shifts: [], wage: null },
        trainingSoc: ['43-4051'],
      },
      // A perfect fit who did not consent to employers (only to community organizations): never considered.
      {
        first: 'Ed',
        last: 'Private',
        county: '39035',
        consent: { kinds: ['community_org'], categories: ['contact'] },
        prefs: { socs: ['31-9097'], shifts: ['evening'], wage: 1500 },
      },
      // Consented only to another employer: not considered for MetroCare.
      {
        first: 'Fay',
        last: 'Elsewhere',
        county: '39035',
        consent: { orgs: [lakeRegional()], categories: ['contact'] },
        prefs: { socs: ['31-9097'], shifts: [], wage: null },
      },
    ]);
  });

  it('ranks consented participants by fit, with every reason', async () => {
    const res = await business.request('GET', `/api/job-orders/${jobId}/candidates`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.considered).toBe(4);
    expect(r.candidates.map((c: { name: string }) => c.name)).toEqual(['Ada Perfect', 'Bo Broad', 'Di Other', 'Cy Minor']);
    const points = (name: string) =>
      Object.fromEntries(
        r.candidates.find((c: { name: string }) => c.name === name).reasons.map((x: { key: string; points: number }) => [x.key, x.points]),
      );
    expect(points('Ada Perfect')).toEqual({ occupation: 35, credentials: 20, training: 15, location: 10, shift: 10, wage: 10 });
    expect(points('Bo Broad')).toEqual({ occupation: 25, credentials: 10, training: 0, location: 5, shift: 5, wage: 5 });
    expect(points('Cy Minor')).toEqual({ occupation: 15, credentials: 0, training: 0, location: 0, shift: 0, wage: 0 });
    expect(points('Di Other')).toEqual({ occupation: 0, credentials: 0, training: 5, location: 10, shift: 5, wage: 5 });
    // Scores: 100, 50, 25 (nearby, trained, preferences unknown), 15 (occupation only).
    expect(r.candidates.map((c: { score: number }) => c.score)).toEqual([100, 50, 25, 15]);
    const bo = r.candidates[1].reasons;
    expect(bo.find((x: { key: string }) => x.key === 'occupation').detail).toMatchObject({ level: 'broad_group', targetSoc: '31-9093' });
    expect(bo.find((x: { key: string }) => x.key === 'credentials').detail).toMatchObject({ held: ['BLS'], missing: ['Phlebotomy'] });
    expect(bo.find((x: { key: string }) => x.key === 'location').detail.relation).toBe('adjacent');
  });

  it('follows a consent given, revoked or expired on the very next ranking', async () => {
    const names = async () => {
      const r = await (await business.request('GET', `/api/job-orders/${jobId}/candidates`)).json();
      return { considered: r.considered as number, names: r.candidates.map((c: { name: string }) => c.name) as string[] };
    };
    // A perfect fit who has not consented to anyone yet.
    const gus = (
      await build([
        { first: 'Gus', last: 'Granted', county: '39035', consent: null, prefs: { socs: ['31-9097'], shifts: ['evening'], wage: 1900 } },
      ])
    ).get('Granted') as string;
    const before = await names();
    expect(before.names).not.toContain('Gus Granted');

    const give = async () => {
      const res = await nav.request('POST', `/api/participants/${gus}/consents`, {
        recipientKinds: ['employer'],
        categories: ['contact'],
        purpose: 'Job placement',
        method: 'signed_in_app',
        signedName: 'Gus Granted',
      });
      expect(res.status).toBe(201);
      return (await res.json()).id as string;
    };
    const first = await give();
    const granted = await names();
    expect(granted.considered).toBe(before.considered + 1);
    expect(granted.names).toContain('Gus Granted');

    const revoke = await nav.request('POST', `/api/participants/${gus}/consents/${first}/revoke`, { reason: 'Found a job himself' });
    expect(revoke.status).toBe(200);
    expect(await names()).toEqual(before);

    // Expiry is a date passing, not an event: a consent whose last day was yesterday no longer counts.
    const second = await give();
    expect((await names()).names).toContain('Gus Granted');
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      tx.updateTable('consent').set({ expires_on: yesterday }).where('id', '=', second).execute(),
    );
    expect(await names()).toEqual(before);
  });

  it('refers only consented data, logs the release, and lets the employer decide on their own candidates only', async () => {
    const ada = ids.get('Perfect') as string;
    const bo = ids.get('Broad') as string;
    const ref1 = await business.request('POST', `/api/job-orders/${jobId}/referrals`, { participantId: ada });
    expect(ref1.status).toBe(201);
    const a = await ref1.json();
    expect(a).toMatchObject({
      status: 'referred',
      matchScore: 100,
      contact: { email: 'ada@example.test' },
      categories: ['contact', 'education_training'],
    });
    expect(a.credentials.map((c: { title: string }) => c.title)).toContain('BLS Provider');
    const b = await (await business.request('POST', `/api/job-orders/${jobId}/referrals`, { participantId: bo })).json();
    // Bo consented to education and training only: no contact details travel.
    expect(b).toMatchObject({ categories: ['education_training'], contact: null });
    expect((await business.request('POST', `/api/job-orders/${jobId}/referrals`, { participantId: bo })).status).toBe(409);
    const priv = await business.request('POST', `/api/job-orders/${jobId}/referrals`, { participantId: ids.get('Private') });
    expect(priv.status).toBe(400);
    expect((await priv.json()).errors[0].code).toBe('no_consent');

    const disclosures = await (await director.request('GET', `/api/participants/${bo}/disclosures`)).json();
    const items = Array.isArray(disclosures) ? disclosures : disclosures.items;
    expect(
      items.some(
        (d: { action: string; categories: string[] }) => d.action === 'candidate_referral' && d.categories.join() === 'education_training',
      ),
    ).toBe(true);

    // The candidate list now marks who is referred.
    const again = await (await business.request('GET', `/api/job-orders/${jobId}/candidates`)).json();
    expect(again.candidates[0].referral).toMatchObject({ status: 'referred' });

    // The employer user (MetroCare) sees the referrals to their job order and moves one to a hire.
    const list = await (await employer.request('GET', `/api/job-orders/${jobId}/referrals`)).json();
    expect(list.map((r: { name: string }) => r.name).sort()).toEqual(['Ada Perfect', 'Bo Broad']);
    expect((await employer.request('PATCH', `/api/candidate-referrals/${a.id}`, { status: 'interviewing' })).status).toBe(200);
    expect((await employer.request('PATCH', `/api/candidate-referrals/${a.id}`, { status: 'offered' })).status).toBe(200);
    const hired = await (
      await employer.request('PATCH', `/api/candidate-referrals/${a.id}`, { status: 'hired', hourlyWageCents: 2050, startDate: today })
    ).json();
    expect(hired).toMatchObject({ status: 'hired', closedOn: today, hourlyWageCents: 2050, employmentId: expect.any(String) });
    expect((await employer.request('PATCH', `/api/candidate-referrals/${a.id}`, { status: 'interviewing' })).status).toBe(409);
    const jobs = await (await director.request('GET', `/api/participants/${ada}/employment`)).json();
    expect(jobs[0]).toMatchObject({ jobTitle: 'Phlebotomist', socCode: '31-9097', hourlyWageCents: 2050, source: 'employer_verification' });

    // Another employer's job order and candidates do not exist for MetroCare's user.
    const other = await (
      await business.request(
        'POST',
        '/api/job-orders',
        jobBody({ employerId: lakeRegional(), countyFips: '39085', socCode: '31-9097', title: 'Phlebotomist' }),
      )
    ).json();
    const fay = await (
      await business.request('POST', `/api/job-orders/${other.id}/referrals`, { participantId: ids.get('Elsewhere') })
    ).json();
    expect((await employer.request('GET', `/api/job-orders/${other.id}/referrals`)).status).toBe(404);
    expect((await employer.request('GET', `/api/candidate-referrals/${fay.id}`)).status).toBe(404);
    expect((await employer.request('PATCH', `/api/candidate-referrals/${fay.id}`, { status: 'hired' })).status).toBe(404);
  });

  it('stops showing what a revoked consent covered', async () => {
    const bo = ids.get('Broad') as string;
    await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      tx.updateTable('consent').set({ revoked_at: new Date() }).where('participant_id', '=', bo).execute(),
    );
    const list = await (await employer.request('GET', `/api/job-orders/${jobId}/referrals`)).json();
    const b = list.find((r: { name: string }) => r.name === 'Bo Broad');
    expect(b).toMatchObject({ categories: [], credentials: null });
  });

  it('feeds the dashboard', async () => {
    const d = await (await business.request('GET', '/api/employers/dashboard')).json();
    const metro = d.byEmployer.find((e: { id: string }) => e.id === metrocare());
    expect(metro).toMatchObject({ referrals: 2, hires: 1 });
    expect(d.servedThisQuarter).toBeGreaterThanOrEqual(2);
    expect(d.placementQuality.high + d.placementQuality.moderate + d.placementQuality.low).toBeGreaterThanOrEqual(1);
    expect(nav).toBeTruthy();
  });

  it('follows each write to what a candidate brings (the match profile) on the very next ranking', async () => {
    const hal = (await build([{ first: 'Hal', last: 'Written', county: '39049', consent: null }])).get('Written') as string;
    type Reason = { key: string; points: number; detail: Record<string, unknown> };
    const candidate = async () => {
      const r = await (await business.request('GET', `/api/job-orders/${jobId}/candidates?limit=200`)).json();
      return r.candidates.find((c: { participantId: string }) => c.participantId === hal) as { reasons: Reason[] } | undefined;
    };
    const reason = async (key: string) => (await candidate())?.reasons.find((x) => x.key === key) as Reason;
    const ok = (res: Response, status = 200) => {
      expect(res.status).toBe(status);
      return res.json();
    };

    // Consent given: considered, knowing nothing yet (unknown shift and wage get half points).
    const consent = await ok(
      await nav.request('POST', `/api/participants/${hal}/consents`, {
        recipientKinds: ['employer'],
        categories: ['contact'],
        purpose: 'Job placement',
        method: 'signed_in_app',
        signedName: 'Hal Written',
      }),
      201,
    );
    expect(Object.fromEntries((await candidate())?.reasons.map((x) => [x.key, x.points]) ?? [])).toEqual({
      occupation: 0,
      credentials: 0,
      training: 0,
      location: 0,
      shift: 5,
      wage: 5,
    });

    // Job preferences: a target in the job's minor group, the job's shift, a wage the job pays.
    await ok(
      await nav.request('PUT', `/api/participants/${hal}/job-preferences`, {
        socCodes: ['31-9011'],
        shifts: ['evening'],
        minHourlyWageCents: 2000,
      }),
    );
    expect(await reason('occupation')).toMatchObject({ points: 15, detail: { level: 'minor_group', targetSoc: '31-9011' } });
    expect((await reason('shift')).points).toBe(10);
    expect((await reason('wage')).points).toBe(10);

    // A plan goal in the job's broad group raises the occupation; dropping it lowers it again.
    const plan = await ok(
      await nav.request('POST', `/api/participants/${hal}/plans`, {
        title: 'Lab work',
        goals: [{ description: 'Work as a phlebotomist', socCode: '31-9093' }],
      }),
      201,
    );
    expect(await reason('occupation')).toMatchObject({ points: 25, detail: { level: 'broad_group', targetSoc: '31-9093' } });
    await ok(await nav.request('PATCH', `/api/participants/${hal}/plan-goals/${plan.goals[0].id}`, { status: 'dropped' }));
    expect(await reason('occupation')).toMatchObject({ points: 15, detail: { targetSoc: '31-9011' } });

    // A credential whose title contains one of the two required names.
    await ok(
      await nav.request('POST', `/api/participants/${hal}/credentials`, {
        type: 'occupational_licensure',
        title: 'Phlebotomy Technician (NHA)',
        attainedOn: '2026-06-01',
      }),
      201,
    );
    expect(await reason('credentials')).toMatchObject({ points: 10, detail: { held: ['Phlebotomy'], missing: ['BLS'] } });

    // Training counts once completed; related while the program aims at the job's broad group.
    const program = await ok(
      await nav.request('POST', '/api/training-programs', {
        providerOrganizationId: orgs.get('Lakeshore Workforce Partners'),
        name: 'Phlebotomy Basics',
        targetSocCodes: ['31-9097'],
        modality: 'in_person',
      }),
      201,
    );
    const enrollment = await ok(
      await nav.request('POST', `/api/participants/${hal}/enrollments`, { trainingProgramId: program.id, enrolledOn: '2026-01-05' }),
      201,
    );
    expect((await reason('training')).points).toBe(0);
    await ok(
      await nav.request('PATCH', `/api/participants/${hal}/enrollments/${enrollment.id}`, { status: 'completed', on: '2026-05-01' }),
    );
    expect(await reason('training')).toMatchObject({ points: 15, detail: { related: 'Phlebotomy Basics', completedAny: true } });
    await ok(await nav.request('PATCH', `/api/training-programs/${program.id}`, { targetSocCodes: ['43-4051'] }));
    expect(await reason('training')).toMatchObject({ points: 5, detail: { related: null, completedAny: true } });

    // The address county is read with the participant: moving next door, then into the job's county.
    await ok(await nav.request('PATCH', `/api/participants/${hal}`, { countyFips: '39085' }));
    expect(await reason('location')).toMatchObject({ points: 5, detail: { relation: 'adjacent' } });
    await ok(await nav.request('PATCH', `/api/participants/${hal}`, { countyFips: '39035' }));
    expect(await reason('location')).toMatchObject({ points: 10, detail: { relation: 'same' } });

    // The profile row the ranking read, recomputed by the triggers on each write.
    const profile = await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      tx.selectFrom('participant_match_profile').selectAll().where('participant_id', '=', hal).executeTakeFirstOrThrow(),
    );
    expect(profile).toMatchObject({
      target_socs: ['31-9011'],
      target_broad: ['31-901'],
      target_minor: ['31-9'],
      credential_titles: 'phlebotomy technician (nha)',
      trained: true,
      training_broad: ['43-405'],
      shifts: ['evening'],
      min_wage_cents: 2000,
    });

    // Consent revoked: gone from the next ranking, whatever the profile says.
    await ok(await nav.request('POST', `/api/participants/${hal}/consents/${consent.id}/revoke`, { reason: 'Moved away' }));
    expect(await candidate()).toBeUndefined();
  });
});

describe('job-order fill sync', () => {
  let ids: Map<string, string>;
  const audits = (entityId: string) =>
    withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      tx.selectFrom('audit_event').select(['action']).where('entity_id', '=', entityId).orderBy('occurred_at').execute(),
    );
  const status = async (id: string) => (await (await business.request('GET', `/api/job-orders/${id}`)).json()).status;
  const hire = (referralId: string) => employer.request('PATCH', `/api/candidate-referrals/${referralId}`, { status: 'hired' });
  const referTo = async (jobId: string, who: string) =>
    (await (await business.request('POST', `/api/job-orders/${jobId}/referrals`, { participantId: ids.get(who) })).json()).id as string;
  beforeAll(async () => {
    const consent = { kinds: ['employer'], categories: ['contact'] };
    ids = await build(['Fill', 'Gap', 'Hold', 'Late', 'Idle'].map((last) => ({ first: 'Sam', last, county: '39035', consent })));
  });

  it('fills an order when hires reach its openings, refuses new referrals, and reopens when a hire falls through', async () => {
    const job = await (
      await business.request('POST', '/api/job-orders', jobBody({ title: 'Unit Clerk', socCode: '43-6013', openings: 2 }))
    ).json();
    const [fill, gap] = [await referTo(job.id, 'Fill'), await referTo(job.id, 'Gap')];
    expect((await hire(fill)).status).toBe(200);
    expect(await status(job.id)).toBe('open');
    expect((await hire(gap)).status).toBe(200);
    const filled = await (await business.request('GET', `/api/job-orders/${job.id}`)).json();
    expect(filled).toMatchObject({ status: 'filled', openings: 2, hires: 2 });
    expect((await audits(job.id)).map((a) => a.action)).toContain('job_order.filled');

    const late = await business.request('POST', `/api/job-orders/${job.id}/referrals`, { participantId: ids.get('Late') });
    expect(late.status).toBe(409);
    expect((await late.json()).errors[0]).toMatchObject({ field: 'params.id', code: 'job_order_not_open' });

    // Gap never starts: withdrawing the hire removes the job it recorded and the order takes referrals again.
    const undone = await employer.request('PATCH', `/api/candidate-referrals/${gap}`, { status: 'withdrawn' });
    expect(await undone.json()).toMatchObject({ status: 'withdrawn', employmentId: null });
    expect(await (await director.request('GET', `/api/participants/${ids.get('Gap')}/employment`)).json()).toEqual([]);
    expect(await status(job.id)).toBe('open');
    expect((await audits(job.id)).map((a) => a.action)).toContain('job_order.reopened');
    expect((await business.request('POST', `/api/job-orders/${job.id}/referrals`, { participantId: ids.get('Late') })).status).toBe(201);

    // Fewer openings fill it as well.
    await business.request('PATCH', `/api/job-orders/${job.id}`, { openings: 1 });
    const fewer = await (await business.request('GET', `/api/job-orders/${job.id}`)).json();
    // …and a change of openings leaves what it does not name as it was.
    expect(fewer).toMatchObject({
      status: 'filled',
      hires: 1,
      benefits: ['health_insurance', 'retirement', 'paid_leave'],
      advancementPathway: true,
    });
  });

  it('leaves a status a person set alone', async () => {
    const job = await (
      await business.request('POST', '/api/job-orders', jobBody({ title: 'Sterile Tech', socCode: '31-9093', openings: 3 }))
    ).json();
    const held = await referTo(job.id, 'Hold');
    await hire(held);
    await business.request('PATCH', `/api/job-orders/${job.id}`, { status: 'filled' });
    await employer.request('PATCH', `/api/candidate-referrals/${held}`, { status: 'withdrawn' });
    expect(await status(job.id)).toBe('filled');
  });

  it('closes open orders whose closing date has passed, by the upkeep', async () => {
    const { closeExpiredJobOrders } = await import('./job-orders.fill.ts');
    const past = await (
      await business.request('POST', '/api/job-orders', jobBody({ title: 'Past Clerk', opensOn: '2026-01-05', closesOn: '2026-02-01' }))
    ).json();
    const later = await (
      await business.request('POST', '/api/job-orders', jobBody({ title: 'Later Clerk', opensOn: '2026-01-05', closesOn: '2099-01-01' }))
    ).json();
    const closed = await closeExpiredJobOrders(t.rt.services, t.tenantId, today);
    expect(closed).toContain(past.id);
    expect(closed).not.toContain(later.id);
    expect(await status(past.id)).toBe('closed');
    expect(await status(later.id)).toBe('open');
    expect((await audits(past.id)).map((a) => a.action)).toContain('job_order.closed');
    const refused = await business.request('POST', `/api/job-orders/${past.id}/referrals`, { participantId: ids.get('Idle') });
    expect(refused.status).toBe(409);
    expect((await refused.json()).errors[0].code).toBe('job_order_not_open');
  });
});
