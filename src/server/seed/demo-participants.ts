import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { isQualifying, SERVICE_ACTIVITIES, type ServiceActivity } from '../../shared/schemas/casework.ts';
import type { FundingStreamBody } from '../../shared/schemas/eligibility.ts';
import type { Tx } from '../db/tenant.ts';
import type { DB } from '../db/types.ts';
import { builtInRule, evaluateRule, factsOf } from '../modules/eligibility/eligibility.rules.ts';
import { createIn as createFundingStream } from '../modules/eligibility/eligibility.service.ts';
import { followUpWindows } from '../modules/enrollment/enrollment.service.ts';
import { dobHashOf, ssnHashOf } from '../modules/participants/participants.service.ts';
import { createCohortIn, createProgramIn } from '../modules/training/training.service.ts';
import { encrypt } from '../platform/crypto.ts';
import type { Ops } from '../platform/http.ts';
import { DEMO_REGION } from './demo-partnership.ts';

// The demo's supply side: about 400 participants over program years 2023-2025 (and the current one),
// with realistic shares of demographics, barriers, services, training, credentials, skill gains,
// employment, exits, follow-ups and consents, so outcome reporting has history to work with.
// Deterministic (a seeded PRNG, a fixed "today"), so every demo database is the same, and written in
// batches so the seed stays fast: it runs on every first start and in every test file.

export const DEMO_PARTICIPANTS = 400;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    weighted: <T>(xs: readonly (readonly [T, number])[]) => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r < 0) return x;
      }
      return xs[xs.length - 1][0];
    },
  };
}
export type Prng = ReturnType<typeof prng>;

/** Deterministic UUIDs (v4 layout) from a name, so re-seeding a fresh database yields the same ids. */
export function demoUuid(name: string): string {
  const h = createHash('sha256').update(`braid-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Exported: the participants benchmark builds its synthetic names from these lists.
export const FIRST_F = [
  'Aaliyah',
  'Maria',
  'Jasmine',
  'Keisha',
  'Ashley',
  'Tiana',
  'Guadalupe',
  'Samantha',
  'Nia',
  'Rosa',
  'Emily',
  'Destiny',
  'Fatima',
  'Linh',
  'Brianna',
  'Carmen',
  'Imani',
  'Megan',
  'Shanice',
  'Yolanda',
  'Ana',
  'Crystal',
  'Precious',
  'Heather',
  'Amina',
  'Sofia',
  'Tamara',
  'Danielle',
  'Mei',
  'Latoya',
];
export const FIRST_M = [
  'Marcus',
  'Jose',
  'DeShawn',
  'Tyler',
  'Luis',
  'Andre',
  'Kevin',
  'Malik',
  'Carlos',
  'Brandon',
  'Omar',
  'Jamal',
  'Eric',
  'Miguel',
  'Terrence',
  'Jason',
  'Darnell',
  'Minh',
  'Anthony',
  'Isaiah',
];
export const LAST = [
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Davis',
  'Miller',
  'Wilson',
  'Moore',
  'Taylor',
  'Jackson',
  'White',
  'Harris',
  'Martin',
  'Thompson',
  'Garcia',
  'Martinez',
  'Robinson',
  'Clark',
  'Rodriguez',
  'Lewis',
  'Lee',
  'Walker',
  'Hall',
  'Allen',
  'Young',
  'Hernandez',
  'King',
  'Wright',
  'Lopez',
  'Hill',
  'Scott',
  'Green',
  'Adams',
  'Baker',
  'Gonzalez',
  'Nelson',
  'Carter',
  'Mitchell',
  'Perez',
  'Roberts',
  'Turner',
  'Phillips',
  'Campbell',
  'Parker',
  'Evans',
  'Edwards',
  'Collins',
  'Stewart',
  'Sanchez',
  'Morris',
  'Nguyen',
  'Kowalski',
  'Novak',
  'Haddad',
  'Okafor',
  'Rivera',
  'Washington',
  'Ramos',
  'Brooks',
  'Santiago',
];
const STREETS = [
  'Euclid Ave',
  'Superior Ave',
  'Kinsman Rd',
  'Lorain Ave',
  'St Clair Ave',
  'Broadway Ave',
  'Detroit Ave',
  'Mentor Ave',
  'Broadway',
  'Oberlin Ave',
  'Pearl Ave',
  'Woodland Ave',
];

/** Program years run July to June; PY2023 starts 2023-07-01. The demo's "today" is fixed. */
const DEMO_START = Date.UTC(2023, 6, 1);
export const DEMO_TODAY = '2026-11-15';
const DEMO_END = Date.UTC(2026, 8, 30);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => day(Date.parse(d) + n * 86_400_000);
const minDate = (a: string, b: string) => (a < b ? a : b);

const PROGRAMS = [
  {
    key: 'cna',
    name: 'State Tested Nursing Assistant (STNA)',
    cip: '51.3902',
    soc: '31-1131',
    cred: 'STNA certification',
    type: 'occupational_licensure',
    hours: 80,
    cost: 95_000,
    weeks: 6,
    wage: [1500, 1850],
  },
  {
    key: 'ma',
    name: 'Certified Medical Assistant',
    cip: '51.0801',
    soc: '31-9092',
    cred: 'CCMA',
    type: 'occupational_certification',
    hours: 640,
    cost: 420_000,
    weeks: 30,
    wage: [1750, 2150],
  },
  {
    key: 'phleb',
    name: 'Phlebotomy Technician',
    cip: '51.1009',
    soc: '31-9097',
    cred: 'Certified Phlebotomy Technician (CPT)',
    type: 'occupational_certification',
    hours: 120,
    cost: 185_000,
    weeks: 10,
    wage: [1800, 2200],
  },
  {
    key: 'pharm',
    name: 'Pharmacy Technician',
    cip: '51.0805',
    soc: '29-2052',
    cred: 'CPhT',
    type: 'occupational_certification',
    hours: 300,
    cost: 260_000,
    weeks: 16,
    wage: [1700, 2100],
  },
  {
    key: 'spd',
    name: 'Sterile Processing Technician',
    cip: '51.1012',
    soc: '31-9093',
    cred: 'CRCST',
    type: 'occupational_certification',
    hours: 200,
    cost: 210_000,
    weeks: 12,
    wage: [1850, 2300],
  },
  {
    key: 'chw',
    name: 'Community Health Worker',
    cip: '51.1504',
    soc: '21-1094',
    cred: 'Ohio CHW certificate',
    type: 'occupational_certificate',
    hours: 160,
    cost: 150_000,
    weeks: 12,
    wage: [1750, 2050],
  },
] as const;

const EMPLOYERS = [
  { key: 'metrocare', naics: '622110', share: 35 },
  { key: 'lake-regional', naics: '622110', share: 18 },
  { key: 'lorain-valley', naics: '622110', share: 15 },
  { key: 'northshore-clinics', naics: '621498', share: 12 },
] as const;
const OTHER_EMPLOYERS = [
  { name: 'Cedar Hill Nursing & Rehabilitation', naics: '623110', fein: '34-1900123' },
  { name: 'Parkview Family Physicians', naics: '621111', fein: '34-1900456' },
  { name: 'Lakeview Home Care Services', naics: '621610', fein: '34-1900789' },
];

type Rows<T extends keyof DB> = Insertable<DB[T]>[];

async function insertAll<T extends keyof DB>(tx: Tx, table: T, rows: Rows<T>) {
  for (let i = 0; i < rows.length; i += 400) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
  }
}

export interface DemoParticipantsContext {
  ops: Ops;
  tx: Tx;
  tenantId: string;
  organizations: Map<string, string>;
  users: Map<string, string>;
}

export async function seedDemoParticipants(ctx: DemoParticipantsContext, count = DEMO_PARTICIPANTS): Promise<Record<string, number>> {
  const { ops, tx, tenantId } = ctx;
  const ring = ops.services.keyring;
  const r = prng(20260701);
  const org = (key: string) => ctx.organizations.get(key) as string;
  const navigator = ctx.users.get('navigator@demo.braid.test') ?? null;
  // Every period belongs to the partnership's sector initiative (created by the governance step), as the
  // enrolment form proposes when a tenant runs exactly one: the caseload and reports filter by it.
  const initiative = await tx
    .selectFrom('initiative')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .executeTakeFirst();

  // Funding streams (with version 1 of their rules), as the partnership braids them.
  const streamBodies: (FundingStreamBody & { key: string })[] = [
    {
      key: 'adult',
      name: 'WIOA Adult',
      sourceType: 'wioa_adult',
      builtInRule: 'wioa_adult',
      description: 'Tri-County WDB allocation, PY2023-PY2026',
    },
    { key: 'dw', name: 'WIOA Dislocated Worker', sourceType: 'wioa_dislocated_worker', builtInRule: 'wioa_dislocated_worker' },
    { key: 'youth', name: 'WIOA Youth', sourceType: 'wioa_youth', builtInRule: 'wioa_youth' },
    { key: 'tanf', name: 'TANF Healthcare Pathways', sourceType: 'tanf', builtInRule: 'tanf', ruleParams: { incomeLimitPercent: 200 } },
    { key: 'snap', name: 'SNAP Employment & Training', sourceType: 'snap_et', builtInRule: 'snap_et' },
    {
      key: 'foundation',
      name: 'Great Lakes Healthcare Careers Fund',
      sourceType: 'philanthropic',
      builtInRule: 'region_residence',
      ruleParams: { counties: DEMO_REGION },
      description: 'Community foundation fund for residents of Cuyahoga, Lake and Lorain counties',
    },
  ];
  const streams = new Map<string, string>();
  for (const { key, ...body } of streamBodies) streams.set(key, await createFundingStream(ops, tx, body, null));
  const rules = new Map<string, { id: string; def: ReturnType<typeof builtInRule> }>();
  for (const { key, builtInRule: b, ruleParams } of streamBodies) {
    const row = await tx
      .selectFrom('funding_stream')
      .select('current_rule_id')
      .where('id', '=', streams.get(key) as string)
      .executeTakeFirstOrThrow();
    rules.set(key, { id: row.current_rule_id as string, def: builtInRule(b as never, ruleParams) });
  }

  // Training programs and two cohorts per program year.
  const programs = new Map<string, { id: string; cohorts: { id: string; start: string; end: string }[] }>();
  for (const p of PROGRAMS) {
    const id = await createProgramIn(ops, tx, {
      providerOrganizationId: org(p.key === 'chw' ? 'eastside' : 'college'),
      name: p.name,
      cipCode: p.cip,
      targetSocCodes: [p.soc],
      credentialOffered: p.cred,
      credentialType: p.type,
      hours: p.hours,
      costCents: p.cost,
      modality: p.key === 'chw' ? 'hybrid' : 'in_person',
      schedule: p.weeks > 12 ? 'Evenings, Mon-Thu 5:30-9:30 pm' : 'Weekdays 8:30 am-2:30 pm',
    });
    const cohorts: { id: string; start: string; end: string }[] = [];
    for (let y = 2023; y <= 2026; y++) {
      for (const month of [8, 1]) {
        const year = month === 1 ? y + 1 : y;
        const start = `${year}-${String(month).padStart(2, '0')}-${month === 8 ? '28' : '16'}`;
        if (start > DEMO_TODAY) continue;
        const end = addDays(start, p.weeks * 7);
        const cid = await createCohortIn(ops, tx, id, {
          name: `${month === 8 ? 'Fall' : 'Spring'} ${year}`,
          startDate: start,
          endDate: end,
          capacity: 24,
        });
        cohorts.push({ id: cid, start, end });
      }
    }
    programs.set(p.key, { id, cohorts });
  }

  const participants: Rows<'participant'> = [];
  const participations: Rows<'program_participation'> = [];
  const services: Rows<'service_record'> = [];
  const enrollments: Rows<'training_enrollment'> = [];
  const credentials: Rows<'credential'> = [];
  const gains: Rows<'skill_gain'> = [];
  const jobs: Rows<'employment'> = [];
  const followUps: Rows<'follow_up'> = [];
  const consents: Rows<'consent'> = [];
  const notes: Rows<'case_note'> = [];
  const assessments: Rows<'assessment'> = [];
  const plans: Rows<'plan'> = [];
  const goals: Rows<'plan_goal'> = [];
  const steps: Rows<'plan_step'> = [];
  const determinations: Rows<'eligibility_determination'> = [];
  const cohortSize = new Map<string, number>();

  for (let i = 0; i < count; i++) {
    const id = demoUuid(`participant:${i}`);
    const sid = (kind: string, n = 0) => demoUuid(`${kind}:${i}:${n}`);
    const sexCode = r.weighted([
      ['female', 62],
      ['male', 37],
      ['not_disclosed', 1],
    ] as const);
    const first = sexCode === 'male' ? r.pick(FIRST_M) : r.pick(FIRST_F);
    const last = r.pick(LAST);
    const entryMs = DEMO_START + Math.floor(r.next() * (DEMO_END - DEMO_START));
    const entry = day(entryMs);
    const age = r.weighted([
      [r.int(17, 24), 22],
      [r.int(25, 34), 30],
      [r.int(35, 44), 24],
      [r.int(45, 54), 15],
      [r.int(55, 63), 9],
    ] as const);
    const dob = addDays(entry, -(age * 365.25 + r.int(1, 360)));
    const county = r.weighted([
      ['39035', 70],
      ['39085', 14],
      ['39093', 14],
      ['39153', 2],
    ] as const);
    const owner = r.weighted([
      ['intermediary', 70],
      ['eastside', 15],
      ['ajc', 15],
    ] as const);
    const youth = age <= 24;
    const school =
      youth && age < 19 && r.chance(0.35)
        ? 'in_school_secondary'
        : youth && r.chance(0.25)
          ? 'not_in_school_dropout'
          : 'not_in_school_graduate';
    const education =
      school === 'not_in_school_dropout' || school === 'in_school_secondary'
        ? 'none'
        : r.weighted([
            ['high_school_diploma', 44],
            ['high_school_equivalency', 13],
            ['some_postsecondary', 22],
            ['postsecondary_certificate', 9],
            ['associate', 8],
            ['bachelor', 4],
          ] as const);
    const employment = r.weighted([
      ['unemployed', 55],
      ['employed', 30],
      ['not_in_labor_force', 12],
      ['employed_notice_of_termination', 3],
    ] as const);
    const barriers = new Set<string>();
    const assistance = new Set<string>();
    if (r.chance(0.62)) barriers.add('low_income');
    if (r.chance(0.26)) barriers.add('single_parent');
    if (r.chance(0.1)) barriers.add('ex_offender');
    if (r.chance(0.05)) barriers.add('homeless');
    if (r.chance(owner === 'intermediary' ? 0.06 : 0.12)) barriers.add('english_learner');
    if (r.chance(0.16)) barriers.add('basic_skills_deficient');
    if (employment === 'unemployed' && r.chance(0.25)) barriers.add('long_term_unemployed');
    if (youth && r.chance(0.12)) barriers.add('pregnant_or_parenting');
    if (youth && r.chance(0.05)) barriers.add('foster_care_youth');
    if (barriers.has('low_income') && r.chance(0.55)) assistance.add('snap');
    if (barriers.has('single_parent') && barriers.has('low_income') && r.chance(0.3)) assistance.add('tanf');
    if (r.chance(0.04)) assistance.add('ssi_ssdi');
    const familySize = barriers.has('single_parent') ? r.int(2, 5) : r.int(1, 4);
    const income = barriers.has('low_income') ? r.int(6_000, 24_000) * 100 : r.int(25_000, 70_000) * 100;
    const dislocated = employment === 'employed_notice_of_termination' || (employment === 'unemployed' && age > 24 && r.chance(0.18));
    const dislocation = dislocated
      ? {
          category: employment === 'employed_notice_of_termination' ? 'notice_of_layoff' : 'laid_off',
          ucEligibleOrExhausted: true,
          unlikelyToReturn: true,
        }
      : null;
    const veteran = r.chance(0.05) ? 'yes' : 'no';
    const disability = r.chance(0.09) ? 'yes' : 'no';
    const race = r.weighted([
      [['black'], 45],
      [['white'], 37],
      [['asian'], 4],
      [['black', 'white'], 3],
      [['american_indian_alaska_native'], 1],
      [[], 10],
    ] as const);
    const hispanic = r.chance(0.12) ? 'yes' : 'no';
    const ssn = r.chance(0.86)
      ? `${r.int(100, 665)}${String(r.int(1, 99)).padStart(2, '0')}${String(r.int(1, 9999)).padStart(4, '0')}`
      : null;
    const intakeDraft = entry > '2026-08-15' && r.chance(0.3);
    const noProgram = !intakeDraft && r.chance(0.08);
    const authorizedToWork = true;
    const selectiveService = sexCode === 'male' ? 'registered' : 'not_required';

    participants.push({
      id,
      tenant_id: tenantId,
      owner_organization_id: org(owner),
      navigator_user_id: owner === 'intermediary' ? navigator : null,
      status: intakeDraft ? 'draft' : 'applicant',
      first_name: first,
      middle_name: r.chance(0.3) ? String.fromCharCode(65 + r.int(0, 25)) : null,
      last_name: last,
      ssn_enc: ssn ? encrypt(ring, ssn) : null,
      ssn_hash: ssn ? ssnHashOf(ring, ssn) : null,
      dob_enc: encrypt(ring, dob),
      dob_hash: dobHashOf(ring, dob),
      email_enc: r.chance(0.8) ? encrypt(ring, `${first}.${last}${i}@mail.example`.toLowerCase()) : null,
      phone_enc: encrypt(ring, `${county === '39035' ? '216' : '440'}-555-${String(1000 + i).slice(-4)}`),
      address_line1_enc: encrypt(ring, `${r.int(100, 19999)} ${r.pick(STREETS)}`),
      address_line2_enc: null,
      city:
        county === '39035'
          ? r.pick(['Cleveland', 'East Cleveland', 'Euclid', 'Parma', 'Lakewood'])
          : county === '39085'
            ? r.pick(['Painesville', 'Mentor', 'Willoughby'])
            : county === '39093'
              ? r.pick(['Lorain', 'Elyria', 'Oberlin'])
              : 'Medina',
      state_code: 'OH',
      postal_code: county === '39035' ? '44103' : county === '39085' ? '44077' : county === '39093' ? '44052' : '44256',
      county_fips: county,
      preferred_language: barriers.has('english_learner') ? 'es' : 'en',
      sex: sexCode,
      hispanic,
      race: [...race],
      veteran,
      disability,
      school_status: intakeDraft ? null : school,
      education_level: intakeDraft ? null : education,
      employment_status: intakeDraft ? null : employment,
      wage_q1_prior_cents: employment === 'employed' ? r.int(3_000, 8_000) * 100 : r.chance(0.4) ? r.int(500, 4_000) * 100 : 0,
      wage_q2_prior_cents: employment === 'employed' ? r.int(3_000, 8_000) * 100 : r.chance(0.5) ? r.int(500, 5_000) * 100 : 0,
      wage_q3_prior_cents: r.chance(0.6) ? r.int(1_000, 8_000) * 100 : 0,
      barriers: [...barriers],
      public_assistance: [...assistance],
      family_size: familySize,
      annual_family_income_cents: income,
      selective_service: selectiveService,
      authorized_to_work: authorizedToWork,
      dislocation: dislocation ? JSON.stringify(dislocation) : null,
      external_id: owner === 'ajc' ? `OWCMS-${100000 + i}` : null,
      intake_completed_at: intakeDraft ? null : new Date(`${entry}T15:00:00Z`),
      created_by: navigator,
      created_at: new Date(`${addDays(entry, -r.int(0, 10))}T14:00:00Z`),
    });

    // Consents: most partner sharing is with the community organizations that provide supportive services.
    if (!intakeDraft && r.chance(0.45)) {
      consents.push({
        id: sid('consent'),
        tenant_id: tenantId,
        participant_id: id,
        recipient_organization_ids: [],
        recipient_kinds: ['community_org'],
        categories: r.chance(0.3) ? ['contact', 'education_training', 'case_notes'] : ['contact', 'education_training'],
        purpose: 'Coordinated case management and supportive services (childcare, transportation)',
        method: r.chance(0.7) ? 'signed_in_app' : 'paper',
        signed_name: `${first} ${last}`,
        given_at: new Date(`${entry}T16:00:00Z`),
        expires_on: addDays(entry, r.chance(0.5) ? 365 : 730),
        revoked_at: r.chance(0.04) ? new Date(`${addDays(entry, 60)}T12:00:00Z`) : null,
        recorded_by: navigator,
      });
    }
    if (!intakeDraft && r.chance(0.25)) {
      consents.push({
        id: sid('consent', 1),
        tenant_id: tenantId,
        participant_id: id,
        recipient_organization_ids: [org('college')],
        recipient_kinds: [],
        categories: ['contact', 'education_training', 'assessments'],
        purpose: 'Training enrollment and progress reporting',
        method: 'signed_in_app',
        signed_name: `${first} ${last}`,
        given_at: new Date(`${entry}T16:30:00Z`),
        expires_on: addDays(entry, 730),
        recorded_by: navigator,
      });
    }
    if (intakeDraft || noProgram) continue;

    // Assessments, plan.
    if (r.chance(0.45)) {
      assessments.push({
        id: sid('assessment'),
        tenant_id: tenantId,
        participant_id: id,
        type: 'tabe',
        instrument: 'TABE 11/12',
        assessed_on: addDays(entry, r.int(0, 7)),
        scores: JSON.stringify({ reading: r.int(480, 620), math: r.int(460, 610) }),
        level: `EFL ${r.int(3, 6)}`,
        created_by: navigator,
      });
    }
    const program = r.weighted([
      ['cna', 28],
      ['ma', 20],
      ['phleb', 18],
      ['pharm', 10],
      ['spd', 12],
      ['chw', 12],
    ] as const);
    const p = PROGRAMS.find((x) => x.key === program)!;
    if (r.chance(0.5)) {
      const planId = sid('plan');
      const goalId = sid('goal');
      plans.push({
        id: planId,
        tenant_id: tenantId,
        participant_id: id,
        title: `Pathway to ${p.name}`,
        status: 'active',
        created_by: navigator,
        created_at: new Date(`${addDays(entry, 3)}T15:00:00Z`),
      });
      goals.push({
        id: goalId,
        tenant_id: tenantId,
        plan_id: planId,
        participant_id: id,
        description: `Work in healthcare as ${p.name.toLowerCase()}`,
        soc_code: p.soc,
        target_date: addDays(entry, 240),
        status: 'open',
      });
      steps.push(
        {
          id: sid('step', 0),
          tenant_id: tenantId,
          goal_id: goalId,
          participant_id: id,
          description: 'Complete training and pass the credential exam',
          due_date: addDays(entry, 150),
          status: addDays(entry, 150) < DEMO_TODAY ? 'done' : 'open',
        },
        {
          id: sid('step', 1),
          tenant_id: tenantId,
          goal_id: goalId,
          participant_id: id,
          description: 'Apply to three openings with partner employers',
          due_date: addDays(entry, 200),
          status: addDays(entry, 200) < DEMO_TODAY ? 'done' : 'open',
        },
      );
    }

    // Programs: WIOA by situation, braided with other streams, each with a recorded determination.
    const keys: string[] = [youth && (school === 'not_in_school_dropout' || barriers.size > 1) ? 'youth' : dislocated ? 'dw' : 'adult'];
    if (county !== '39153' && r.chance(0.3)) keys.push('foundation');
    if (assistance.has('snap') && !assistance.has('tanf') && r.chance(0.4)) keys.push('snap');
    if (assistance.has('tanf')) keys.push('tanf');
    const facts = factsOf(
      {
        dateOfBirth: dob,
        sex: sexCode,
        stateCode: 'OH',
        countyFips: county,
        barriers: [...barriers],
        publicAssistance: [...assistance],
        employmentStatus: employment,
        schoolStatus: school,
        educationLevel: education,
        veteran,
        disability,
        selectiveService,
        authorizedToWork,
        familySize,
        annualFamilyIncomeCents: income,
        dislocation,
      },
      entry,
    );
    const enrolledIn: string[] = [];
    for (const key of keys) {
      const rule = rules.get(key)!;
      const e = evaluateRule(rule.def, facts);
      determinations.push({
        id: sid(`determination-${key}`),
        tenant_id: tenantId,
        participant_id: id,
        funding_stream_id: streams.get(key) as string,
        rule_id: rule.id,
        rule_version: 1,
        as_of: entry,
        result: e.result,
        priority: e.priority?.level ?? null,
        reasons: JSON.stringify({ reasons: e.reasons, priority: e.priority, missingFacts: e.missingFacts }),
        evidence: JSON.stringify(e.evidence),
        determined_by: navigator,
        determined_at: new Date(`${entry}T15:30:00Z`),
      });
      if (e.result === 'eligible') enrolledIn.push(streams.get(key) as string);
    }
    if (enrolledIn.length === 0) enrolledIn.push(streams.get('foundation') as string);

    // Services from entry: career services, training for most, supportive services for many.
    const svc = (n: number, activity: ServiceActivity, date: string, extra: Partial<Insertable<DB['service_record']>> = {}) => {
      if (date > DEMO_TODAY) return;
      services.push({
        id: sid('service', n),
        tenant_id: tenantId,
        participant_id: id,
        activity,
        category: SERVICE_ACTIVITIES[activity],
        qualifying: isQualifying(activity),
        service_date: date,
        status: 'completed',
        hours: activity === 'orientation' ? 1 : r.int(1, 3),
        provider_organization_id: org(owner),
        staff_user_id: owner === 'intermediary' ? navigator : null,
        funding_stream_id: enrolledIn[0],
        created_by: navigator,
        ...extra,
      });
    };
    let n = 0;
    svc(n++, 'orientation', entry);
    svc(n++, 'initial_assessment', addDays(entry, r.int(0, 5)));
    svc(n++, 'individual_employment_plan', addDays(entry, r.int(3, 14)));
    let last_ = addDays(entry, 14);
    const trains = r.chance(0.62);
    let completed = false;
    let completionDate: string | null = null;
    if (trains) {
      const cohorts = programs.get(program)!.cohorts.filter((c) => c.start >= entry);
      const cohort = cohorts.find((c) => (cohortSize.get(c.id) ?? 0) < 24);
      if (cohort) {
        cohortSize.set(cohort.id, (cohortSize.get(cohort.id) ?? 0) + 1);
        const finished = cohort.end <= DEMO_TODAY;
        completed = finished && r.chance(0.78);
        const withdrawn = !completed && (finished || r.chance(0.1));
        const withdrawnOn = withdrawn ? addDays(cohort.start, r.int(10, 40)) : null;
        completionDate = completed ? cohort.end : null;
        const enrollmentId = sid('enrollment');
        enrollments.push({
          id: enrollmentId,
          tenant_id: tenantId,
          participant_id: id,
          training_program_id: programs.get(program)!.id,
          cohort_id: cohort.id,
          status: completed ? 'completed' : withdrawn && withdrawnOn && withdrawnOn <= DEMO_TODAY ? 'withdrawn' : 'enrolled',
          enrolled_on: cohort.start,
          completed_on: completionDate,
          withdrawn_on: withdrawnOn && withdrawnOn <= DEMO_TODAY ? withdrawnOn : null,
          created_by: navigator,
        });
        const endOfTraining = completionDate ?? withdrawnOn ?? minDate(cohort.end, DEMO_TODAY);
        for (let w = 0; addDays(cohort.start, w * 28) <= endOfTraining; w++) {
          svc(n++, 'occupational_skills_training', addDays(cohort.start, w * 28), {
            hours: 24,
            cost_cents: w === 0 ? p.cost : null,
            provider_organization_id: org(program === 'chw' ? 'eastside' : 'college'),
          });
        }
        if (r.chance(0.7)) {
          gains.push({
            id: sid('gain'),
            tenant_id: tenantId,
            participant_id: id,
            type: 'training_milestone',
            achieved_on: addDays(cohort.start, Math.floor(p.weeks * 3.5)),
            description: 'Mid-program skills check passed',
            training_enrollment_id: enrollmentId,
          });
        }
        if (barriers.has('basic_skills_deficient') && r.chance(0.45)) {
          gains.push({
            id: sid('gain', 1),
            tenant_id: tenantId,
            participant_id: id,
            type: 'educational_functioning_level',
            achieved_on: addDays(cohort.start, 60),
            description: 'TABE post-test: one EFL gained',
            training_enrollment_id: enrollmentId,
          });
        }
        if (completed && completionDate && r.chance(0.86)) {
          credentials.push({
            id: sid('credential'),
            tenant_id: tenantId,
            participant_id: id,
            type: p.type,
            title: p.cred,
            issuer: 'Western Reserve Community College',
            attained_on: addDays(completionDate, r.int(7, 30)),
            training_enrollment_id: enrollmentId,
          });
        }
        last_ = endOfTraining;
      }
    }
    if (barriers.has('single_parent') && r.chance(0.6))
      svc(n++, 'childcare_assistance', addDays(entry, r.int(20, 60)), {
        cost_cents: r.int(150, 600) * 100,
        provider_organization_id: org('eastside'),
      });
    if (r.chance(0.35))
      svc(n++, 'transportation_assistance', addDays(entry, r.int(15, 80)), {
        cost_cents: r.int(40, 150) * 100,
        provider_organization_id: org('eastside'),
      });
    const searchStart = last_;
    const searchVisits = r.int(1, 4);
    for (let k = 0; k < searchVisits; k++)
      svc(n++, r.pick(['job_search_assistance', 'career_counseling', 'job_referral'] as const), addDays(searchStart, 7 + k * r.int(7, 21)));
    if (r.chance(0.3)) svc(n++, 'self_service_job_search', addDays(searchStart, 30));

    // The last qualifying service decides the exit: 90 quiet days propose it; most were confirmed.
    let lastQualifying = entry;
    for (let k = services.length - 1; k >= 0 && services[k].participant_id === id; k--) {
      const s = services[k];
      if (s.qualifying && s.service_date > lastQualifying) lastQualifying = s.service_date;
    }
    const participationId = sid('participation');
    const exitDue = addDays(lastQualifying, 90) <= DEMO_TODAY;
    const confirmed = exitDue && r.chance(0.93);
    participations.push({
      id: participationId,
      tenant_id: tenantId,
      participant_id: id,
      entry_date: entry,
      exit_date: confirmed ? lastQualifying : null,
      exit_reason: confirmed && r.chance(0.02) ? 'health_medical' : null,
      funding_stream_ids: enrolledIn,
      initiative_id: initiative?.id ?? null,
      exit_confirmed_by: confirmed ? navigator : null,
      created_by: navigator,
    });
    participants[participants.length - 1].status = confirmed ? 'exited' : 'enrolled';

    // Employment: most completers are hired by a partner employer around the end of their services.
    const hired = (completed && r.chance(0.82)) || (!trains && r.chance(0.55)) || (trains && !completed && r.chance(0.3));
    if (hired) {
      const start = addDays(completionDate ?? searchStart, r.int(5, 60));
      if (start <= DEMO_TODAY) {
        const partnerEmployer = r.chance(0.75);
        const emp = partnerEmployer ? r.weighted(EMPLOYERS.map((e) => [e, e.share] as const)) : null;
        const other = partnerEmployer ? null : r.pick(OTHER_EMPLOYERS);
        const trained = completed;
        jobs.push({
          id: sid('job'),
          tenant_id: tenantId,
          participant_id: id,
          employer_organization_id: emp ? org(emp.key) : null,
          employer_name: emp ? '' : (other?.name ?? ''),
          employer_fein: other?.fein ?? null,
          job_title: trained
            ? p.name.replace(/ \(.*\)$/, '')
            : r.pick(['Patient Transporter', 'Dietary Aide', 'Environmental Services Associate', 'Unit Secretary']),
          soc_code: trained ? p.soc : r.pick(['31-1131', '43-6013', '31-1122'] as const),
          naics_code: emp?.naics ?? other?.naics ?? null,
          start_date: start,
          end_date: r.chance(0.15) ? addDays(start, r.int(60, 300)) : null,
          hourly_wage_cents: trained ? r.int(p.wage[0], p.wage[1]) : r.int(1400, 1700),
          hours_per_week: r.weighted([
            [40, 60],
            [32, 25],
            [24, 15],
          ] as const),
          benefits: partnerEmployer ? ['health_insurance', 'paid_leave', 'retirement'] : r.chance(0.5) ? ['paid_leave'] : [],
          source: r.weighted([
            ['employer_verification', 50],
            ['self_report', 35],
            ['wage_record', 15],
          ] as const),
          training_related: trained,
          created_by: navigator,
        });
      }
    }

    // Follow-ups in the 2nd and 4th quarters after the exit quarter.
    if (confirmed) {
      for (const w of followUpWindows(lastQualifying)) {
        const past = w.end < DEMO_TODAY;
        const drawn = past
          ? r.weighted([
              ['completed', 78],
              ['unreachable', 12],
              ['scheduled', 10],
            ] as const)
          : 'scheduled';
        // A navigator's backlog is recent: a window that closed over a quarter ago was long since tried and
        // given up (otherwise the home page led with follow-ups from two years back). Decided without a
        // further draw, so the rest of the demo stays as it was.
        const stale = drawn === 'scheduled' && w.end < addDays(DEMO_TODAY, -90);
        const outcome = stale ? 'unreachable' : drawn;
        followUps.push({
          id: sid('follow-up', w.quarter),
          tenant_id: tenantId,
          participant_id: id,
          participation_id: participationId,
          quarter_after_exit: w.quarter,
          window_start: w.start,
          window_end: w.end,
          status: outcome,
          employed: outcome === 'completed' ? hired : null,
          completed_at: outcome === 'scheduled' ? null : new Date(`${stale ? w.end : addDays(w.start, r.int(5, 60))}T17:00:00Z`),
          completed_by: outcome === 'scheduled' ? null : navigator,
        });
      }
    }
    if (owner === 'intermediary' && r.chance(0.3)) {
      notes.push({
        id: sid('note'),
        tenant_id: tenantId,
        participant_id: id,
        author_user_id: navigator,
        author_label: 'Rosa Delgado',
        author_organization_id: org('intermediary'),
        body_enc: encrypt(
          ring,
          r.pick([
            'Prefers text messages after 5 pm.',
            'Needs a second-shift childcare option before clinicals start.',
            'Bus pass renewed; route 22 to the Metro campus.',
            'Interview practice went well; nervous about the skills test.',
          ]),
        ),
        created_at: new Date(`${addDays(entry, r.int(5, 40))}T18:00:00Z`),
      });
    }
  }

  await insertAll(tx, 'participant', participants);
  await insertAll(tx, 'consent', consents);
  await insertAll(tx, 'eligibility_determination', determinations);
  await insertAll(tx, 'program_participation', participations);
  await insertAll(tx, 'service_record', services);
  await insertAll(tx, 'training_enrollment', enrollments);
  await insertAll(tx, 'credential', credentials);
  await insertAll(tx, 'skill_gain', gains);
  await insertAll(tx, 'employment', jobs);
  await insertAll(tx, 'follow_up', followUps);
  await insertAll(tx, 'assessment', assessments);
  await insertAll(tx, 'plan', plans);
  await insertAll(tx, 'plan_goal', goals);
  await insertAll(tx, 'plan_step', steps);
  await insertAll(tx, 'case_note', notes);
  // Employer names for partner employers come from the directory.
  await tx
    .updateTable('employment')
    .set((eb) => ({
      employer_name: eb
        .selectFrom('organization')
        .select('organization.name')
        .whereRef('organization.id', '=', 'employment.employer_organization_id') as never,
    }))
    .where('employer_organization_id', 'is not', null)
    .execute();
  const counts = {
    participants: participants.length,
    participations: participations.length,
    services: services.length,
    enrollments: enrollments.length,
    credentials: credentials.length,
    skillGains: gains.length,
    employment: jobs.length,
    followUps: followUps.length,
    consents: consents.length,
  };
  await ops.audit(tx, { action: 'demo.participants_seeded', entityType: 'tenant', entityId: tenantId, details: counts });
  return counts;
}

export const participantsDemoStep = {
  heavy: true,
  name: `participants: funding streams, training programs and ${DEMO_PARTICIPANTS} participants over three program years`,
  async run(ctx: DemoParticipantsContext) {
    await seedDemoParticipants(ctx);
  },
};
