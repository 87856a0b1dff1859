import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { ruleDefinition } from '../../../shared/schemas/eligibility.ts';
import { ageOn, builtInRule, evaluateRule, factsOf, type IntakeFacts } from './eligibility.rules.ts';

const ON = '2026-07-01';
/** A date of birth that makes someone exactly `age` on ON (their birthday is that day). */
const bornYearsBefore = (age: number, dayShift = 0) => {
  const d = new Date(Date.UTC(2026 - age, 6, 1 + dayShift));
  return d.toISOString().slice(0, 10);
};

const base: IntakeFacts = {
  dateOfBirth: bornYearsBefore(30),
  sex: 'female',
  stateCode: 'OH',
  countyFips: '39035',
  barriers: [],
  publicAssistance: [],
  employmentStatus: 'unemployed',
  schoolStatus: 'not_in_school_graduate',
  educationLevel: 'high_school_diploma',
  veteran: 'no',
  disability: 'no',
  selectiveService: null,
  authorizedToWork: true,
  familySize: 3,
  annualFamilyIncomeCents: 40_000_00,
  dislocation: null,
};
const run = (rule: Parameters<typeof builtInRule>[0], p: Partial<IntakeFacts>, params?: Record<string, unknown>) =>
  evaluateRule(builtInRule(rule, params), factsOf({ ...base, ...p }, ON));

describe('built-in rules are valid rule definitions', () => {
  it('parses every built-in rule with the shared schema', () => {
    for (const name of ['wioa_adult', 'wioa_dislocated_worker', 'wioa_youth', 'tanf', 'snap_et', 'region_residence'] as const) {
      expect(ruleDefinition.safeParse(builtInRule(name, { counties: ['39035'] })).success).toBe(true);
    }
  });
  it('computes age on a date, birthday included', () => {
    expect(ageOn('2008-07-01', ON)).toBe(18);
    expect(ageOn('2008-07-02', ON)).toBe(17);
  });
});

describe('WIOA Adult', () => {
  it('is eligible at 18 exactly and not at 17 years 364 days, with reasons', () => {
    const yes = run('wioa_adult', { dateOfBirth: bornYearsBefore(18) });
    expect(yes.result).toBe('eligible');
    expect(yes.reasons.find((r) => r.label === 'Age 18 or older')).toMatchObject({ met: true, detail: 'age is 18' });
    const no = run('wioa_adult', { dateOfBirth: bornYearsBefore(18, 1) });
    expect(no.result).toBe('not_eligible');
    expect(no.reasons.find((r) => r.label === 'Age 18 or older')).toMatchObject({ met: false, detail: 'age is 17' });
  });
  it('is incomplete without a birth date, and says what to record and collect', () => {
    const r = run('wioa_adult', { dateOfBirth: null });
    expect(r.result).toBe('incomplete');
    expect(r.missingFacts).toContain('age');
    expect(r.evidence.some((e) => e.startsWith('Proof of age'))).toBe(true);
  });
  it('requires Selective Service registration from men', () => {
    expect(run('wioa_adult', { sex: 'male', selectiveService: 'not_registered' }).result).toBe('not_eligible');
    expect(run('wioa_adult', { sex: 'male', selectiveService: 'registered' }).result).toBe('eligible');
    expect(run('wioa_adult', { sex: 'male', selectiveService: null }).result).toBe('incomplete');
  });
  it('ranks priority of service: veterans in need, people in need, veterans, others', () => {
    expect(run('wioa_adult', { veteran: 'yes', publicAssistance: ['snap'] }).priority?.level).toBe(1);
    expect(run('wioa_adult', { barriers: ['basic_skills_deficient'] }).priority?.level).toBe(2);
    expect(run('wioa_adult', { annualFamilyIncomeCents: 20_000_00, familySize: 3 }).priority?.level).toBe(2);
    expect(run('wioa_adult', { veteran: 'yes' }).priority?.level).toBe(3);
    expect(run('wioa_adult', {}).priority?.level).toBe(4);
  });
});

describe('WIOA Dislocated Worker (simplified)', () => {
  it('needs a layoff with UC eligibility and an unlikely return, or another dislocation category', () => {
    const laidOff = { category: 'laid_off', ucEligibleOrExhausted: true, unlikelyToReturn: true };
    expect(run('wioa_dislocated_worker', { dislocation: laidOff }).result).toBe('eligible');
    expect(run('wioa_dislocated_worker', { dislocation: { ...laidOff, unlikelyToReturn: false } }).result).toBe('not_eligible');
    expect(run('wioa_dislocated_worker', { dislocation: { ...laidOff, ucEligibleOrExhausted: null } }).result).toBe('incomplete');
    expect(run('wioa_dislocated_worker', { dislocation: { category: 'military_spouse' } }).result).toBe('eligible');
    expect(run('wioa_dislocated_worker', { barriers: ['displaced_homemaker'] }).result).toBe('eligible');
    const none = run('wioa_dislocated_worker', {});
    expect(none.result).not.toBe('eligible');
  });
});

describe('WIOA Youth', () => {
  const inSchool = { schoolStatus: 'in_school_secondary', barriers: ['low_income', 'basic_skills_deficient'] };
  it('in-school: ages 14 to 21 inclusive, low-income with a barrier', () => {
    expect(run('wioa_youth', { ...inSchool, dateOfBirth: bornYearsBefore(14) }).result).toBe('eligible');
    expect(run('wioa_youth', { ...inSchool, dateOfBirth: bornYearsBefore(14, 1) }).result).toBe('not_eligible');
    expect(run('wioa_youth', { ...inSchool, dateOfBirth: bornYearsBefore(21) }).result).toBe('eligible');
    expect(run('wioa_youth', { ...inSchool, dateOfBirth: bornYearsBefore(22) }).result).toBe('not_eligible');
    expect(
      run('wioa_youth', { ...inSchool, barriers: ['basic_skills_deficient'], publicAssistance: [], annualFamilyIncomeCents: 90_000_00 })
        .result,
    ).toBe('not_eligible');
  });
  it('out-of-school: ages 16 to 24 inclusive with a barrier; a dropout needs no low income', () => {
    const dropout = { schoolStatus: 'not_in_school_dropout', annualFamilyIncomeCents: 90_000_00 };
    expect(run('wioa_youth', { ...dropout, dateOfBirth: bornYearsBefore(16) }).result).toBe('eligible');
    expect(run('wioa_youth', { ...dropout, dateOfBirth: bornYearsBefore(16, 1) }).result).toBe('not_eligible');
    expect(run('wioa_youth', { ...dropout, dateOfBirth: bornYearsBefore(24) }).result).toBe('eligible');
    expect(run('wioa_youth', { ...dropout, dateOfBirth: bornYearsBefore(25) }).result).toBe('not_eligible');
    const grad = { schoolStatus: 'not_in_school_graduate', dateOfBirth: bornYearsBefore(19) };
    expect(run('wioa_youth', { ...grad, barriers: ['english_learner', 'low_income'] }).result).toBe('eligible');
    expect(run('wioa_youth', { ...grad, barriers: ['english_learner'], annualFamilyIncomeCents: 90_000_00 }).result).toBe('not_eligible');
    expect(run('wioa_youth', { ...grad, barriers: ['pregnant_or_parenting'] }).result).toBe('eligible');
  });
});

describe('TANF, SNAP E&T and region residence', () => {
  it('TANF: a family with a child, on TANF or under the income limit', () => {
    expect(run('tanf', { barriers: ['single_parent'], publicAssistance: ['tanf'] }).result).toBe('eligible');
    expect(run('tanf', { barriers: ['single_parent'], annualFamilyIncomeCents: 50_000_00 }).result).toBe('eligible');
    expect(run('tanf', { barriers: ['single_parent'], annualFamilyIncomeCents: 80_000_00 }).result).toBe('not_eligible');
    expect(run('tanf', { barriers: [], publicAssistance: ['tanf'] }).result).toBe('not_eligible');
  });
  it('SNAP E&T: on SNAP, 16 to 59, not on TANF', () => {
    expect(run('snap_et', { publicAssistance: ['snap'], dateOfBirth: bornYearsBefore(59) }).result).toBe('eligible');
    expect(run('snap_et', { publicAssistance: ['snap'], dateOfBirth: bornYearsBefore(60) }).result).toBe('not_eligible');
    expect(run('snap_et', { publicAssistance: ['snap', 'tanf'] }).result).toBe('not_eligible');
    expect(run('snap_et', { publicAssistance: [] }).result).toBe('not_eligible');
  });
  it('region residence: the county of residence is one of the funder’s counties', () => {
    expect(run('region_residence', { countyFips: '39035' }, { counties: ['39035', '39085'] }).result).toBe('eligible');
    const out = run('region_residence', { countyFips: '39153' }, { counties: ['39035', '39085'] });
    expect(out.result).toBe('not_eligible');
    expect(out.reasons[1].detail).toBe('county fips is 39153');
    expect(run('region_residence', { countyFips: null }, { counties: ['39035'] }).result).toBe('incomplete');
  });
});

describe('funding streams and determinations over the API', () => {
  let t: TestApp;
  let nav: Caller;
  let director: Caller;
  beforeAll(async () => {
    t = await startTestApp();
    [nav, director] = await Promise.all([t.as('navigator'), t.as('director')]);
  });
  afterAll(() => t?.close());

  it('records a determination with who made it and the rule version; a new version does not rewrite it', async () => {
    const created = await director.request('POST', '/api/funding-streams', {
      name: 'Test WIOA Adult',
      sourceType: 'wioa_adult',
      builtInRule: 'wioa_adult',
    });
    expect(created.status).toBe(201);
    const stream = await created.json();
    expect(stream.ruleVersion).toBe(1);
    expect((await nav.request('POST', '/api/funding-streams', { name: 'x', sourceType: 'other', builtInRule: 'tanf' })).status).toBe(403);

    const p = await (
      await nav.request('POST', '/api/participants', {
        firstName: 'Eli',
        lastName: 'Moreno',
        dateOfBirth: '2008-07-02',
        sex: 'male',
        selectiveService: 'registered',
        authorizedToWork: true,
      })
    ).json();
    const evals = await (
      await nav.request('POST', `/api/participants/${p.id}/eligibility/evaluate`, { fundingStreamIds: [stream.id], asOf: '2026-07-01' })
    ).json();
    expect(evals[0]).toMatchObject({ result: 'not_eligible', ruleVersion: 1 });
    const d = await nav.request('POST', `/api/participants/${p.id}/eligibility/determinations`, {
      fundingStreamId: stream.id,
      asOf: '2026-07-02',
    });
    expect(d.status).toBe(201);
    expect(await d.json()).toMatchObject({ result: 'eligible', determinedBy: 'Rosa Delgado', ruleVersion: 1 });

    const v2 = await director.request('POST', `/api/funding-streams/${stream.id}/rules`, {
      rule: { summary: 'Adults 21+', requires: { fact: 'age', op: 'gte', value: 21, label: 'Age 21 or older' } },
    });
    expect((await v2.json()).ruleVersion).toBe(2);
    const list = await (await nav.request('GET', `/api/participants/${p.id}/eligibility/determinations`)).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ruleVersion: 1, result: 'eligible' });
    expect(list[0].reasons[0]).toMatchObject({ label: 'WIOA Adult eligibility', met: true });

    const partner = await t.as('partner_staff');
    expect((await partner.request('GET', `/api/participants/${p.id}/eligibility/determinations`)).status).toBe(404);
  });
});
