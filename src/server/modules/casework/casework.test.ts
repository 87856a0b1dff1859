import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { createParticipant } from '../../../../tests/support/participants.ts';
import { followUpWindows, proposedExit } from '../enrollment/enrollment.service.ts';

let t: TestApp;
let nav: Caller;
let director: Caller;
let partner: Caller;
let streamId: string;
const orgs = new Map<string, string>();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  [nav, director, partner] = await Promise.all([t.as('navigator'), t.as('director'), t.as('partner_staff')]);
  for (const o of (await (await director.request('GET', '/api/organizations?pageSize=100')).json()).items) orgs.set(o.name, o.id);
  const s = await director.request('POST', '/api/funding-streams', {
    name: 'Case work test WIOA Adult',
    sourceType: 'wioa_adult',
    builtInRule: 'wioa_adult',
  });
  streamId = (await s.json()).id;
});
afterAll(() => t?.close());

// Casework's participants are men born in 1988 (the shared helper's default is a woman born in 1990).
const MAN = { dateOfBirth: '1988-02-03', sex: 'male' };

describe('proposed exit', () => {
  it('dates the exit at the last qualifying service and counts neither self-service nor follow-up', () => {
    // 2026-02-01 + 90 days = 2026-05-02.
    expect(proposedExit('2026-01-01', '2026-02-01', false, '2026-05-02')).toBe('2026-02-01');
    expect(proposedExit('2026-01-01', '2026-02-01', false, '2026-05-01')).toBe(null);
    expect(proposedExit('2026-01-01', '2026-02-01', true, '2026-05-02')).toBe(null);
    expect(proposedExit('2026-01-01', null, false, '2026-04-01')).toBe('2026-01-01');
  });

  it('follow-ups fall in the 2nd and 4th quarters after the exit quarter', () => {
    expect(followUpWindows('2026-02-15')).toEqual([
      { quarter: 2, start: '2026-07-01', end: '2026-09-30' },
      { quarter: 4, start: '2027-01-01', end: '2027-03-31' },
    ]);
    expect(followUpWindows('2026-12-31')[0]).toEqual({ quarter: 2, start: '2027-04-01', end: '2027-06-30' });
  });

  it('proposes the exit after 90 days without qualifying service, not while one is scheduled; confirming schedules follow-ups', async () => {
    const id = await createParticipant(nav, 'Gregor', 'Vasquez', MAN);
    const entry = await nav.request('POST', `/api/participants/${id}/participations`, {
      entryDate: daysAgo(200),
      fundingStreamIds: [streamId],
    });
    expect(entry.status).toBe(201);
    const pp = await entry.json();
    expect((await (await nav.request('GET', `/api/participants/${id}`)).json()).status).toBe('enrolled');

    const svc = (body: Record<string, unknown>) => nav.request('POST', `/api/participants/${id}/services`, body);
    expect((await svc({ activity: 'career_counseling', serviceDate: daysAgo(150), hours: 1.5 })).status).toBe(201);
    expect((await svc({ activity: 'follow_up_contact', serviceDate: daysAgo(50) })).status).toBe(201);
    expect((await svc({ activity: 'self_service_job_search', serviceDate: daysAgo(20) })).status).toBe(201);
    expect((await svc({ activity: 'orientation', serviceDate: daysAgo(-3) })).status).toBe(400);

    let list = await (await nav.request('GET', `/api/participants/${id}/participations`)).json();
    expect(list[0]).toMatchObject({ lastQualifyingServiceDate: daysAgo(150), proposedExitDate: daysAgo(150) });

    const scheduled = await (await svc({ activity: 'job_search_assistance', serviceDate: daysAgo(-10), status: 'scheduled' })).json();
    list = await (await nav.request('GET', `/api/participants/${id}/participations`)).json();
    expect(list[0].proposedExitDate).toBeNull();
    expect((await nav.request('PATCH', `/api/participants/${id}/services/${scheduled.id}`, { status: 'cancelled' })).status).toBe(200);
    list = await (await nav.request('GET', `/api/participants/${id}/participations`)).json();
    expect(list[0].proposedExitDate).toBe(daysAgo(150));

    const home = await (await nav.request('GET', '/api/home')).json();
    const tasks = home.tasks.filter((task: { kind: string; subjectId: string }) => task.subjectId === id);
    if (tasks.length) expect(tasks.map((task: { kind: string }) => task.kind)).toContain('exit_proposed');

    const exited = await nav.request('POST', `/api/participants/${id}/participations/${pp.id}/exit`, {});
    expect(exited.status).toBe(200);
    expect((await exited.json()).exitDate).toBe(daysAgo(150));
    expect((await (await nav.request('GET', `/api/participants/${id}`)).json()).status).toBe('exited');
    const followUps = await (await nav.request('GET', `/api/participants/${id}/follow-ups`)).json();
    expect(followUps.map((f: { quarterAfterExit: number }) => f.quarterAfterExit)).toEqual([2, 4]);
    expect(followUps[0].windowStart).toBe(followUpWindows(daysAgo(150))[0].start);

    const attempt = await nav.request('POST', `/api/participants/${id}/follow-ups/${followUps[0].id}/attempts`, {
      method: 'phone',
      reached: false,
    });
    expect(attempt.status).toBe(201);
    const done = await nav.request('POST', `/api/participants/${id}/follow-ups/${followUps[0].id}/result`, {
      status: 'completed',
      employed: true,
    });
    const after = await done.json();
    expect(after[0]).toMatchObject({
      status: 'completed',
      employed: true,
      attempts: [expect.objectContaining({ method: 'phone', reached: false })],
    });
  });

  it('will not exit without a date when no exit is proposed', async () => {
    const id = await createParticipant(nav, 'Hana', 'Lindqvist', MAN);
    const pp = await (
      await nav.request('POST', `/api/participants/${id}/participations`, { entryDate: daysAgo(10), fundingStreamIds: [streamId] })
    ).json();
    expect((await nav.request('POST', `/api/participants/${id}/participations/${pp.id}/exit`, {})).status).toBe(400);
    expect(
      (await nav.request('POST', `/api/participants/${id}/participations`, { entryDate: daysAgo(5), fundingStreamIds: [streamId] })).status,
    ).toBe(409);
  });
});

describe('training and bulk services', () => {
  let programId: string;
  let cohortId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    const program = await nav.request('POST', '/api/training-programs', {
      providerOrganizationId: orgs.get('Western Reserve Community College'),
      name: 'Phlebotomy Technician',
      cipCode: '51.1009',
      targetSocCodes: ['31-9097'],
      credentialOffered: 'Certified Phlebotomy Technician (CPT)',
      credentialType: 'occupational_certification',
      hours: 120,
      costCents: 185_000,
      modality: 'hybrid',
    });
    expect(program.status).toBe(201);
    programId = (await program.json()).id;
    const cohort = await nav.request('POST', `/api/training-programs/${programId}/cohorts`, {
      name: 'Spring',
      startDate: daysAgo(30),
      capacity: 2,
    });
    cohortId = (await cohort.json()).id;
    for (const n of ['One', 'Two', 'Three']) ids.push(await createParticipant(nav, `Cohort${n}`, 'Member', MAN));
  });

  it('lists the programs of providers partnering in an initiative', async () => {
    const { rows } = await t.rt.services.database.executeSql(
      `SELECT ip.initiative_id AS initiative, ip.organization_id AS partner,
        (SELECT o.id FROM organization o WHERE o.tenant_id = ip.tenant_id
          AND NOT EXISTS (SELECT 1 FROM initiative_partner x WHERE x.organization_id = o.id) ORDER BY o.name LIMIT 1) AS outsider
       FROM initiative_partner ip ORDER BY ip.organization_id LIMIT 1`,
    );
    const { initiative, partner, outsider } = rows[0] as Record<string, string>;
    for (const [org, name] of [
      [partner, 'Partner Bridge Program'],
      [outsider, 'Outsider Bridge Program'],
    ]) {
      const res = await nav.request('POST', '/api/training-programs', {
        providerOrganizationId: org,
        name,
        hours: 40,
        modality: 'in_person',
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const names = async (query: string) =>
      ((await (await nav.request('GET', `/api/training-programs?q=Bridge${query}`)).json()) as { name: string }[])
        .map((p) => p.name)
        .sort();
    expect(await names('')).toEqual(['Outsider Bridge Program', 'Partner Bridge Program']);
    expect(await names(`&initiativeId=${initiative}`)).toEqual(['Partner Bridge Program']);
  });

  it('enrolls up to capacity and records completion (PIRL 1811/1813)', async () => {
    const e1 = await nav.request('POST', `/api/participants/${ids[0]}/enrollments`, { cohortId, enrolledOn: daysAgo(30) });
    expect(e1.status).toBe(201);
    expect((await nav.request('POST', `/api/participants/${ids[1]}/enrollments`, { cohortId, enrolledOn: daysAgo(30) })).status).toBe(201);
    expect((await nav.request('POST', `/api/participants/${ids[2]}/enrollments`, { cohortId, enrolledOn: daysAgo(30) })).status).toBe(409);
    const enrollment = await e1.json();
    const done = await nav.request('PATCH', `/api/participants/${ids[0]}/enrollments/${enrollment.id}`, {
      status: 'completed',
      on: daysAgo(1),
    });
    expect(await done.json()).toMatchObject({ status: 'completed', completedOn: daysAgo(1), enrolledOn: daysAgo(30) });
    expect((await (await nav.request('GET', `/api/cohorts/${cohortId}`)).json()).enrolled).toBe(2);
  });

  it('records one service for the whole cohort in one step, and refuses a list with someone the caller cannot change', async () => {
    const res = await nav.request('POST', '/api/services/bulk', {
      cohortId,
      activity: 'work_readiness_training',
      serviceDate: daysAgo(2),
      hours: 3,
    });
    expect(res.status).toBe(201);
    const batch = await res.json();
    expect(batch.created).toBe(2);
    for (const id of [ids[0], ids[1]]) {
      const services = await (await nav.request('GET', `/api/participants/${id}/services`)).json();
      expect(services.find((s: { batchId: string }) => s.batchId === batch.batchId)).toMatchObject({
        activity: 'work_readiness_training',
        qualifying: true,
        hours: 3,
      });
    }
    const list = await nav.request('POST', '/api/services/bulk', {
      participantIds: [ids[2]],
      activity: 'transportation_assistance',
      serviceDate: daysAgo(1),
      costCents: 2500,
    });
    expect((await list.json()).created).toBe(1);

    const other = await (
      await director.request('POST', '/api/participants', {
        firstName: 'Elsewhere',
        lastName: 'Person',
        ownerOrganizationId: orgs.get('Tri-County American Job Center'),
      })
    ).json();
    const refused = await nav.request('POST', '/api/services/bulk', {
      participantIds: [ids[2], other.id],
      activity: 'orientation',
      serviceDate: daysAgo(1),
    });
    expect(refused.status).toBe(400);
    const services = await (await nav.request('GET', `/api/participants/${ids[2]}/services`)).json();
    expect(services.filter((s: { activity: string }) => s.activity === 'orientation')).toHaveLength(0);
  });

  it('records credentials, skill gains, employment, assessments and plans', async () => {
    const id = ids[0];
    const cred = await nav.request('POST', `/api/participants/${id}/credentials`, {
      type: 'occupational_certification',
      title: 'CPT',
      attainedOn: daysAgo(1),
    });
    expect(cred.status).toBe(201);
    const gain = await nav.request('POST', `/api/participants/${id}/skill-gains`, { type: 'training_milestone', achievedOn: daysAgo(10) });
    expect(await gain.json()).toMatchObject({ pirlElement: 1809 });
    const job = await nav.request('POST', `/api/participants/${id}/employment`, {
      employerOrganizationId: orgs.get('MetroCare Health System'),
      jobTitle: 'Phlebotomist',
      socCode: '31-9097',
      naicsCode: '622110',
      startDate: daysAgo(0),
      hourlyWageCents: 2150,
      hoursPerWeek: 40,
      benefits: ['health_insurance', 'paid_leave'],
      source: 'employer_verification',
    });
    expect(job.status).toBe(201);
    expect(await job.json()).toMatchObject({
      employerName: 'MetroCare Health System',
      employerFein: '34-0714585',
      socTitle: 'Phlebotomists',
    });
    const a = await nav.request('POST', `/api/participants/${id}/assessments`, {
      type: 'tabe',
      assessedOn: daysAgo(40),
      scores: { reading: 560, math: 540 },
      level: 'EFL 4',
    });
    expect(a.status).toBe(201);
    const plan = await nav.request('POST', `/api/participants/${id}/plans`, {
      title: 'Into phlebotomy',
      goals: [
        { description: 'Work as a phlebotomist', socCode: '31-9097', steps: [{ description: 'Pass CPT exam', dueDate: daysAgo(-3) }] },
      ],
    });
    expect(plan.status).toBe(201);
    const p = await plan.json();
    const stepId = p.goals[0].steps[0].id;
    const home = await (await nav.request('GET', '/api/home')).json();
    const stepTask = home.tasks.find((task: { subjectId: string }) => task.subjectId === id);
    if (stepTask) expect(['plan_step_due', 'exit_proposed']).toContain(stepTask.kind);
    const updated = await nav.request('PATCH', `/api/participants/${id}/plan-steps/${stepId}`, { status: 'done' });
    expect((await updated.json())[0].goals[0].steps[0].status).toBe('done');

    const timeline = await (await nav.request('GET', `/api/participants/${id}/timeline`)).json();
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    for (const k of [
      'training_enrolled',
      'training_completed',
      'credential',
      'skill_gain',
      'employment_started',
      'assessment',
      'plan',
      'service',
    ]) {
      expect(kinds).toContain(k);
    }
  });
});

describe('case notes', () => {
  it('are read by the author organization; a partner needs a consent that covers case notes', async () => {
    const id = await createParticipant(nav, 'Noor', 'Haddad', MAN);
    await nav.request('POST', `/api/participants/${id}/notes`, { body: 'Prefers evening calls.' });
    const own = await (await nav.request('GET', `/api/participants/${id}/notes`)).json();
    expect(own[0]).toMatchObject({ body: 'Prefers evening calls.', author: 'Rosa Delgado' });

    await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['contact'],
      purpose: 'Transportation',
      method: 'signed_in_app',
      signedName: 'Noor Haddad',
    });
    expect((await partner.request('GET', `/api/participants/${id}/notes`)).status).toBe(404);
    expect((await partner.request('GET', `/api/participants/${id}/services`)).status).toBe(404);
    await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['case_notes', 'education_training'],
      purpose: 'Coordinated case management',
      method: 'signed_in_app',
      signedName: 'Noor Haddad',
    });
    const shared = await partner.request('GET', `/api/participants/${id}/notes`);
    expect(shared.status).toBe(200);
    expect((await shared.json())[0].body).toBe('Prefers evening calls.');
    expect((await partner.request('GET', `/api/participants/${id}/services`)).status).toBe(200);
    const log = await (await nav.request('GET', `/api/participants/${id}/disclosures`)).json();
    expect(log.map((d: { action: string }) => d.action)).toEqual(expect.arrayContaining(['viewed case notes', 'viewed service']));
    expect((await partner.request('POST', `/api/participants/${id}/notes`, { body: 'x' })).status).toBe(403);
  });

  it('show in the timeline, in order with the other events, only to those who may read them', async () => {
    const id = await createParticipant(nav, 'Ines', 'Okafor', MAN);
    const kindsOf = (events: { kind: string }[]) => events.map((e) => e.kind);
    expect(
      (await nav.request('POST', `/api/participants/${id}/participations`, { entryDate: daysAgo(30), fundingStreamIds: [streamId] }))
        .status,
    ).toBe(201);
    expect(
      (await nav.request('POST', `/api/participants/${id}/services`, { activity: 'career_counseling', serviceDate: daysAgo(3) })).status,
    ).toBe(201);
    await nav.request('POST', `/api/participants/${id}/notes`, { body: 'Called about the CNA cohort; starts Monday.' });

    const mine = await (await nav.request('GET', `/api/participants/${id}/timeline`)).json();
    const note = mine.find((e: { kind: string }) => e.kind === 'case_note');
    expect(note).toMatchObject({
      title: 'Rosa Delgado, Lakeshore Workforce Partners',
      detail: 'Called about the CNA cohort; starts Monday.',
    });
    // Oldest first: the program entry, the service three days ago, then today's note.
    const kinds = kindsOf(mine);
    expect(kinds.indexOf('program_entry')).toBeLessThan(kinds.indexOf('service'));
    expect(kinds.indexOf('service')).toBeLessThan(kinds.indexOf('case_note'));

    // A partner whose consent does not cover case notes sees the services, not the note.
    await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['education_training'],
      purpose: 'Training coordination',
      method: 'signed_in_app',
      signedName: 'Ines Okafor',
    });
    const partial = kindsOf(await (await partner.request('GET', `/api/participants/${id}/timeline`)).json());
    expect(partial).toContain('service');
    expect(partial).not.toContain('case_note');

    await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['case_notes'],
      purpose: 'Coordinated case management',
      method: 'signed_in_app',
      signedName: 'Ines Okafor',
    });
    const shared = await (await partner.request('GET', `/api/participants/${id}/timeline`)).json();
    expect(shared.find((e: { kind: string }) => e.kind === 'case_note')?.detail).toBe('Called about the CNA cohort; starts Monday.');
  });
});
