import type { Tx } from '../db/tenant.ts';
import { createIn as createOrganization } from '../modules/organizations/organizations.service.ts';
import type { Ops } from '../platform/http.ts';
import { demoUuid, prng } from './demo-participants.ts';

// Demand side of the demo (issue 4): about 25 healthcare employers of Northeast Ohio (hospitals, clinics,
// long-term care, home health, pharmacies) with contacts, a year of interactions, services, commitments
// and job orders for the region's core occupations at realistic 2026 wages. Names are invented.
// Living wages are illustrative demo values, not MIT's figures.

interface Ctx {
  ops: Ops;
  tx: Tx;
  tenantId: string;
  organizations: Map<string, string>;
  users: Map<string, string>;
}

/** Hourly living wage (cents) by household type; demo values in the spirit of the MIT calculator. */
const LIVING_WAGES: Record<string, Record<string, number>> = {
  '39035': { '1A0C': 2148, '1A1C': 3612, '1A2C': 4510, '2A0C': 3020, '2A1C': 3684, '2A2C': 4290 },
  '39085': { '1A0C': 2102, '1A1C': 3540, '1A2C': 4425, '2A0C': 2960, '2A1C': 3610, '2A2C': 4205 },
  '39093': { '1A0C': 2065, '1A1C': 3488, '1A2C': 4360, '2A0C': 2915, '2A1C': 3560, '2A2C': 4150 },
  '39055': { '1A0C': 2120, '1A1C': 3575, '1A2C': 4470, '2A0C': 2990, '2A1C': 3650, '2A2C': 4250 },
  '39153': { '1A0C': 2090, '1A1C': 3530, '1A2C': 4400, '2A0C': 2950, '2A1C': 3600, '2A2C': 4190 },
  '39103': { '1A0C': 2110, '1A1C': 3560, '1A2C': 4450, '2A0C': 2975, '2A1C': 3630, '2A2C': 4230 },
};

/** Light: a few rows, so job-quality scores mean something in every demo, tests included. */
export const livingWagesDemoStep = {
  name: 'employers: living-wage table for the region (demo values)',
  async run(ctx: Ctx) {
    for (const [county, byType] of Object.entries(LIVING_WAGES)) {
      for (const [type, cents] of Object.entries(byType)) {
        await ctx.tx
          .insertInto('living_wage')
          .values({
            id: demoUuid(`living-wage:${county}:${type}`),
            tenant_id: ctx.tenantId,
            county_fips: county,
            household_type: type,
            hourly_cents: cents,
            source: 'Demo values (illustrative)',
            updated_by: null,
          })
          .execute();
      }
    }
  },
};

type Kind = 'hospital' | 'clinic' | 'ltc' | 'home_health' | 'pharmacy';
const NEW_EMPLOYERS: { key: string; name: string; kind: Kind; naics: string; county: string; city: string; size: string }[] = [
  {
    key: 'st-brendan',
    name: 'St. Brendan Medical Center',
    kind: 'hospital',
    naics: '622110',
    county: '39035',
    city: 'Parma',
    size: '1000+',
  },
  {
    key: 'cuyahoga-childrens',
    name: 'Cuyahoga Children’s Hospital',
    kind: 'hospital',
    naics: '622110',
    county: '39035',
    city: 'Cleveland',
    size: '1000+',
  },
  {
    key: 'westshore-rehab',
    name: 'Westshore Rehabilitation Hospital',
    kind: 'hospital',
    naics: '622310',
    county: '39035',
    city: 'Westlake',
    size: '250-999',
  },
  {
    key: 'geauga-community',
    name: 'Geauga Community Hospital',
    kind: 'hospital',
    naics: '622110',
    county: '39055',
    city: 'Chardon',
    size: '250-999',
  },
  {
    key: 'buckeye-fqhc',
    name: 'Buckeye Family Health Center',
    kind: 'clinic',
    naics: '621498',
    county: '39035',
    city: 'Cleveland',
    size: '50-249',
  },
  {
    key: 'shoreline-urgent',
    name: 'Shoreline Urgent Care',
    kind: 'clinic',
    naics: '621493',
    county: '39085',
    city: 'Mentor',
    size: '50-249',
  },
  {
    key: 'elyria-dialysis',
    name: 'Elyria Dialysis Partners',
    kind: 'clinic',
    naics: '621492',
    county: '39093',
    city: 'Elyria',
    size: '10-49',
  },
  {
    key: 'metro-labs',
    name: 'Metro Diagnostic Laboratories',
    kind: 'clinic',
    naics: '621511',
    county: '39035',
    city: 'Independence',
    size: '250-999',
  },
  {
    key: 'heartland-cardiology',
    name: 'Heartland Cardiology Associates',
    kind: 'clinic',
    naics: '621111',
    county: '39153',
    city: 'Akron',
    size: '50-249',
  },
  {
    key: 'lakeside-dermatology',
    name: 'Lakeside Dermatology Group',
    kind: 'clinic',
    naics: '621111',
    county: '39085',
    city: 'Willoughby',
    size: '10-49',
  },
  {
    key: 'maple-grove',
    name: 'Maple Grove Skilled Nursing',
    kind: 'ltc',
    naics: '623110',
    county: '39035',
    city: 'Euclid',
    size: '250-999',
  },
  {
    key: 'harborview-senior',
    name: 'Harborview Senior Living',
    kind: 'ltc',
    naics: '623311',
    county: '39093',
    city: 'Lorain',
    size: '50-249',
  },
  {
    key: 'chagrin-valley-care',
    name: 'Chagrin Valley Care Center',
    kind: 'ltc',
    naics: '623110',
    county: '39055',
    city: 'Chagrin Falls',
    size: '50-249',
  },
  {
    key: 'medina-manor',
    name: 'Medina Manor Nursing & Rehab',
    kind: 'ltc',
    naics: '623110',
    county: '39103',
    city: 'Medina',
    size: '50-249',
  },
  {
    key: 'comfort-home',
    name: 'Comfort First Home Health',
    kind: 'home_health',
    naics: '621610',
    county: '39035',
    city: 'Garfield Heights',
    size: '250-999',
  },
  {
    key: 'lake-erie-hospice',
    name: 'Lake Erie Hospice & Home Care',
    kind: 'home_health',
    naics: '621610',
    county: '39085',
    city: 'Painesville',
    size: '50-249',
  },
  {
    key: 'lorain-home-aides',
    name: 'Lorain County Home Aides',
    kind: 'home_health',
    naics: '621610',
    county: '39093',
    city: 'Amherst',
    size: '50-249',
  },
  {
    key: 'corner-pharmacy',
    name: 'Corner Street Pharmacy',
    kind: 'pharmacy',
    naics: '456110',
    county: '39035',
    city: 'Lakewood',
    size: '10-49',
  },
  {
    key: 'northcoast-rx',
    name: 'NorthCoast Specialty Pharmacy',
    kind: 'pharmacy',
    naics: '456110',
    county: '39035',
    city: 'Beachwood',
    size: '50-249',
  },
  {
    key: 'valley-drug',
    name: 'Valley Drug & Wellness',
    kind: 'pharmacy',
    naics: '456110',
    county: '39093',
    city: 'North Ridgeville',
    size: '10-49',
  },
  {
    key: 'summit-infusion',
    name: 'Summit Infusion Services',
    kind: 'pharmacy',
    naics: '456110',
    county: '39153',
    city: 'Cuyahoga Falls',
    size: '10-49',
  },
];
const EXISTING: { key: string; kind: Kind; county: string; size: string }[] = [
  { key: 'metrocare', kind: 'hospital', county: '39035', size: '1000+' },
  { key: 'lake-regional', kind: 'hospital', county: '39085', size: '1000+' },
  { key: 'lorain-valley', kind: 'hospital', county: '39093', size: '1000+' },
  { key: 'northshore-clinics', kind: 'clinic', county: '39035', size: '250-999' },
];

interface Occupation {
  soc: string;
  title: string;
  wage: [number, number];
  credentials: string[];
  skills: string[];
}
const OCC: Record<string, Occupation> = {
  cna: {
    soc: '31-1131',
    title: 'State Tested Nursing Assistant',
    wage: [1750, 2050],
    credentials: ['STNA'],
    skills: ['Vital signs', 'Patient mobility'],
  },
  ma: {
    soc: '31-9092',
    title: 'Certified Medical Assistant',
    wage: [1850, 2250],
    credentials: ['CMA'],
    skills: ['EHR charting', 'Injections'],
  },
  lpn: {
    soc: '29-2061',
    title: 'Licensed Practical Nurse',
    wage: [2800, 3300],
    credentials: ['LPN'],
    skills: ['Medication pass', 'Wound care'],
  },
  rn: { soc: '29-1141', title: 'Registered Nurse', wage: [3800, 4800], credentials: ['RN', 'BLS'], skills: ['Care planning', 'Telemetry'] },
  phleb: {
    soc: '31-9097',
    title: 'Phlebotomist',
    wage: [1900, 2300],
    credentials: ['Phlebotomy', 'BLS'],
    skills: ['Venipuncture', 'Specimen handling'],
  },
  pharm: {
    soc: '29-2052',
    title: 'Pharmacy Technician',
    wage: [1800, 2200],
    credentials: ['Pharmacy Technician'],
    skills: ['Dispensing', 'Inventory'],
  },
  pct: {
    soc: '29-2099',
    title: 'Patient Care Technician',
    wage: [1900, 2250],
    credentials: ['STNA', 'BLS'],
    skills: ['EKG', 'Phlebotomy'],
  },
  ekg: { soc: '29-2031', title: 'EKG Technician', wage: [2000, 2450], credentials: ['EKG'], skills: ['12-lead EKG', 'Holter monitors'] },
  coder: { soc: '29-2072', title: 'Medical Coder', wage: [2200, 2800], credentials: ['Coding'], skills: ['ICD-10-CM', 'CPT'] },
  hha: { soc: '31-1121', title: 'Home Health Aide', wage: [1550, 1800], credentials: [], skills: ['Personal care', 'Meal preparation'] },
};
const BY_KIND: Record<Kind, string[]> = {
  hospital: ['cna', 'rn', 'pct', 'phleb', 'ekg', 'lpn', 'coder'],
  clinic: ['ma', 'phleb', 'coder', 'lpn'],
  ltc: ['cna', 'lpn', 'rn'],
  home_health: ['hha', 'cna', 'lpn'],
  pharmacy: ['pharm'],
};
const CONTACT_NAMES = [
  'Renee Alvarez',
  'Marcus Bell',
  'Tanya Okafor',
  'Greg Novak',
  'Lena Park',
  'Andre Lewis',
  'Sofia Reyes',
  'Paul Kowalski',
  'Janet Cho',
  'Omar Haddad',
];
const SUMMARIES: Record<string, string[]> = {
  call: ['Checked on spring hiring plans', 'Discussed STNA cohort start dates', 'Followed up on open requisitions'],
  meeting: ['Quarterly account review', 'Planned a customized training cohort', 'Reviewed retention of last year’s hires'],
  site_visit: ['Toured units with the nurse manager', 'Visited the new outpatient site', 'Walked the sterile processing department'],
  event: ['Attended the partnership hiring fair', 'Joined the employer roundtable', 'Presented at the career-pathways breakfast'],
  email: ['Sent the cohort calendar', 'Shared labor-market brief on LPN wages', 'Sent candidate pipeline update'],
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export const employersDemoStep = {
  heavy: true,
  name: 'employers: 25 healthcare employers with contacts, a year of interactions, services, commitments and job orders',
  async run(ctx: Ctx) {
    const r = prng(4040);
    const { tx, tenantId } = ctx;
    const business = ctx.users.get('business@demo.braid.test') ?? null;
    const director = ctx.users.get('director@demo.braid.test') ?? null;
    const all: { id: string; kind: Kind; county: string; size: string; name: string }[] = [];
    for (const e of NEW_EMPLOYERS) {
      const id = await createOrganization(ctx.ops, tx, {
        name: e.name,
        kind: 'employer',
        naics: e.naics,
        city: e.city,
        stateCode: 'OH',
        countyFips: e.county,
        description: `Healthcare employer in ${e.city}, Ohio.`,
      });
      ctx.organizations.set(e.key, id);
      all.push({ id, kind: e.kind, county: e.county, size: e.size, name: e.name });
    }
    for (const e of EXISTING) {
      const id = ctx.organizations.get(e.key);
      if (id) all.push({ id, kind: e.kind, county: e.county, size: e.size, name: e.key });
    }
    const today = new Date();
    const roles = ['prospect', 'customer', 'customer', 'partner', 'partner', 'champion'];
    let n = 0;
    for (const [i, e] of all.entries()) {
      const owner = i % 4 === 3 ? director : business;
      await tx
        .insertInto('employer_profile')
        .values({
          organization_id: e.id,
          tenant_id: tenantId,
          size_band: e.size,
          ui_account: `OH-${String(100000 + i * 7919).slice(0, 6)}`,
          partnership_role: i < 4 ? 'steering_committee' : r.pick(roles),
          account_owner_user_id: owner,
        })
        .execute();
      const contactIds: string[] = [];
      for (let c = 0; c < 2 + (i % 2); c++) {
        const id = demoUuid(`contact:${e.id}:${c}`);
        const name = CONTACT_NAMES[(i * 3 + c) % CONTACT_NAMES.length];
        contactIds.push(id);
        await tx
          .insertInto('contact')
          .values({
            id,
            tenant_id: tenantId,
            organization_id: e.id,
            name,
            title: c === 0 ? 'Talent Acquisition Manager' : c === 1 ? 'Director of Nursing' : 'Education Coordinator',
            email: `${name.split(' ')[0].toLowerCase()}.${i}@employer${i}.example`,
            phone: `216-555-${String(1000 + i * 10 + c).slice(-4)}`,
            roles: c === 0 ? ['hr', 'survey'] : c === 1 ? ['hiring_manager'] : ['trainer'],
            is_primary: c === 0,
          })
          .execute();
      }
      // A year of interactions, roughly monthly for partners, less for prospects; the latest may carry a follow-up.
      const count = 4 + r.int(0, 8);
      for (let k = 0; k < count; k++) {
        const kind = r.pick(['call', 'call', 'meeting', 'site_visit', 'event', 'email'] as const);
        const on = addDays(today, -Math.round(((k + 0.5) * 360) / count) - r.int(0, 10));
        const followUp = k === 0 && r.chance(0.5) ? day(addDays(today, r.int(-3, 20))) : null;
        await tx
          .insertInto('interaction')
          .values({
            id: demoUuid(`interaction:${e.id}:${k}`),
            tenant_id: tenantId,
            organization_id: e.id,
            contact_id: r.pick(contactIds),
            kind,
            occurred_on: day(on),
            summary: r.pick(SUMMARIES[kind]),
            staff_user_id: owner,
            follow_up_on: followUp,
            follow_up_note: followUp ? 'Confirm interview dates for the next cohort' : null,
            follow_up_done_at: null,
            created_by: owner,
          })
          .execute();
      }
      const services = r.int(0, 3);
      for (let k = 0; k < services; k++) {
        await tx
          .insertInto('employer_service')
          .values({
            id: demoUuid(`employer-service:${e.id}:${k}`),
            tenant_id: tenantId,
            organization_id: e.id,
            kind: r.pick([
              'recruitment_event',
              'customized_training',
              'incumbent_worker_training',
              'on_the_job_training',
              'labor_market_information',
            ] as const),
            service_date: day(addDays(today, -r.int(5, 360))),
            staff_user_id: owner,
            cost_cents: r.int(0, 40) * 25_000,
            description: null,
            created_by: owner,
          })
          .execute();
      }
      if (i % 3 !== 2) {
        const commitmentId = demoUuid(`commitment:${e.id}`);
        const kind = r.pick(['interview', 'hire', 'instructors', 'equipment', 'money'] as const);
        const target = kind === 'money' ? 2_500_000 : kind === 'instructors' ? 120 : kind === 'equipment' ? 4 : 5 + r.int(0, 10);
        await tx
          .insertInto('commitment')
          .values({
            id: commitmentId,
            tenant_id: tenantId,
            organization_id: e.id,
            kind,
            description:
              kind === 'interview'
                ? 'Interview every graduate of the spring cohort'
                : kind === 'hire'
                  ? 'Hire program completers into open roles'
                  : kind === 'instructors'
                    ? 'Clinical instructor hours for the STNA program'
                    : kind === 'equipment'
                      ? 'Donate hospital beds for the skills lab'
                      : 'Contribution to the training fund (cents)',
            target_quantity: target,
            due_on: day(addDays(today, r.int(-30, 200))),
            created_by: owner,
          })
          .execute();
        if (r.chance(0.7)) {
          await tx
            .insertInto('commitment_fulfilment')
            .values({
              id: demoUuid(`fulfilment:${e.id}`),
              tenant_id: tenantId,
              commitment_id: commitmentId,
              fulfilled_on: day(addDays(today, -r.int(5, 120))),
              quantity: Math.max(1, Math.round(target * (0.3 + r.next() * 0.8))),
              note: null,
              created_by: owner,
            })
            .execute();
        }
      }
      // Job orders: two or three openings for the employer's core occupations.
      const occs = BY_KIND[e.kind];
      for (let k = 0; k < 2 + (i % 2); k++) {
        const o = OCC[occs[(i + k) % occs.length]];
        const big = e.size === '1000+' || e.size === '250-999';
        const shift = r.pick(['day', 'day', 'evening', 'night', 'rotating'] as const);
        const opens = addDays(today, -r.int(0, 200));
        const status = day(opens) < day(addDays(today, -150)) ? r.pick(['filled', 'closed'] as const) : 'open';
        const bump = r.int(0, 3) * 50;
        await tx
          .insertInto('job_order')
          .values({
            id: demoUuid(`job-order:${e.id}:${k}`),
            tenant_id: tenantId,
            organization_id: e.id,
            soc_code: o.soc,
            title: o.title,
            description: null,
            openings: big ? 2 + r.int(0, 8) : 1 + r.int(0, 2),
            wage_min_cents: o.wage[0] + bump,
            wage_max_cents: o.wage[1] + bump,
            hours_per_week: r.pick([36, 40, 40, 32, 24]),
            shift,
            schedule:
              e.kind === 'home_health'
                ? r.pick(['variable', 'on_call'] as const)
                : r.pick(['fixed', 'predictable', 'predictable', 'variable'] as const),
            benefits: big
              ? ['health_insurance', 'retirement', 'paid_leave', 'dental_vision', ...(r.chance(0.6) ? ['tuition_assistance'] : [])]
              : r.chance(0.5)
                ? ['health_insurance', 'paid_leave']
                : ['paid_leave'],
            advancement_pathway: big && r.chance(0.7),
            required_credentials: o.credentials,
            required_skills: o.skills,
            location_id: null,
            county_fips: e.county,
            work_mode: o.soc === '29-2072' && r.chance(0.5) ? 'hybrid' : 'on_site',
            opens_on: day(opens),
            closes_on: status === 'open' ? day(addDays(opens, 90 + r.int(0, 60))) : day(addDays(opens, 60)),
            status,
            created_by: owner,
          })
          .execute();
        n++;
      }
    }
    // Participants who said what work they want and agreed to share with employers, so matching finds
    // people in the full demo (the participants step ran before this one).
    const participants = await tx
      .selectFrom('participant')
      .select(['id', 'first_name', 'last_name'])
      .where('status', 'in', ['enrolled', 'exited', 'applicant'])
      .orderBy('id')
      .execute();
    const socs = Object.values(OCC).map((o) => o.soc);
    for (const [i, p] of participants.entries()) {
      if (i % 5 >= 3) continue;
      await tx
        .insertInto('consent')
        .values({
          id: demoUuid(`employer-consent:${p.id}`),
          tenant_id: tenantId,
          participant_id: p.id,
          recipient_organization_ids: [],
          recipient_kinds: ['employer'],
          categories: i % 2 ? ['contact', 'education_training', 'employment_wages'] : ['education_training'],
          purpose: 'Referral to partner employers for job openings',
          method: 'signed_in_app',
          signed_name: `${p.first_name} ${p.last_name}`,
          given_at: addDays(today, -r.int(10, 300)),
          recorded_by: business,
        })
        .execute();
      await tx
        .insertInto('job_preference')
        .values({
          participant_id: p.id,
          tenant_id: tenantId,
          soc_codes: [r.pick(socs), ...(r.chance(0.4) ? [r.pick(socs)] : [])],
          shifts: r.chance(0.3) ? [] : [r.pick(['day', 'evening', 'night', 'rotating', 'weekend'])],
          min_hourly_wage_cents: r.chance(0.3) ? null : 1500 + r.int(0, 12) * 100,
          updated_by: business,
        })
        .execute();
    }
    await ctx.ops.audit(tx, {
      action: 'demo.employers_seeded',
      entityType: 'tenant',
      entityId: tenantId,
      details: { employers: all.length, jobOrders: n },
    });
  },
};
