import type { Insertable } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { CandidateReferralTable } from '../db/types.demand.ts';
import type { DisclosureTable, EmploymentTable } from '../db/types.ts';
import { insertEmployment } from '../modules/casework/casework.queries.ts';
import { insertDisclosures } from '../modules/consent/consent.queries.ts';
import { employerOrganization } from '../modules/employers/job-orders.queries.ts';
import { insertReferral } from '../modules/employers/referrals.queries.ts';
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
const addDay = (d: string, n: number) => day(addDays(new Date(`${d}T00:00:00Z`), n));
/** The earlier and the later of two ISO dates (strings, so not Math.min). */
const earlier = (a: string, b: string) => [a, b].sort()[0];
const later = (a: string, b: string) => [a, b].sort()[1];
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

interface DemoOrder {
  id: string;
  organizationId: string;
  soc: string;
  title: string;
  openings: number;
  wage: [number, number];
  hours: number;
  benefits: string[];
  opensOn: string;
  closesOn: string;
  status: 'open' | 'filled' | 'closed';
}
interface Candidate {
  id: string;
  consentId: string;
  categories: string[];
  purpose: string;
  consentedOn: string;
  socs: string[];
}

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
    const orders: DemoOrder[] = [];
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
        // Drawn in this order so the demo stays what it was before referrals were seeded.
        const openings = big ? 2 + r.int(0, 8) : 1 + r.int(0, 2);
        const hours = r.pick([36, 40, 40, 32, 24]);
        const schedule =
          e.kind === 'home_health'
            ? r.pick(['variable', 'on_call'] as const)
            : r.pick(['fixed', 'predictable', 'predictable', 'variable'] as const);
        const benefits = big
          ? ['health_insurance', 'retirement', 'paid_leave', 'dental_vision', ...(r.chance(0.6) ? ['tuition_assistance'] : [])]
          : r.chance(0.5)
            ? ['health_insurance', 'paid_leave']
            : ['paid_leave'];
        const advancement = big && r.chance(0.7);
        const workMode = o.soc === '29-2072' && r.chance(0.5) ? 'hybrid' : 'on_site';
        const order: DemoOrder = {
          id: demoUuid(`job-order:${e.id}:${k}`),
          organizationId: e.id,
          soc: o.soc,
          title: o.title,
          openings,
          wage: [o.wage[0] + bump, o.wage[1] + bump],
          hours,
          benefits,
          opensOn: day(opens),
          // An open order still takes applications: it closes 90–150 days after opening, and never before
          // two weeks from today (else the first upkeep run would close the demo's open orders at once).
          closesOn: status === 'open' ? later(day(addDays(opens, 90 + r.int(0, 60))), day(addDays(today, 14))) : day(addDays(opens, 60)),
          status,
        };
        await tx
          .insertInto('job_order')
          .values({
            id: order.id,
            tenant_id: tenantId,
            organization_id: e.id,
            soc_code: o.soc,
            title: o.title,
            description: null,
            openings,
            wage_min_cents: order.wage[0],
            wage_max_cents: order.wage[1],
            hours_per_week: hours,
            shift,
            schedule,
            benefits,
            advancement_pathway: advancement,
            required_credentials: o.credentials,
            required_skills: o.skills,
            location_id: null,
            county_fips: e.county,
            work_mode: workMode,
            opens_on: order.opensOn,
            closes_on: order.closesOn,
            status,
            // As the fill sync and the upkeep would have left them (job-orders.fill.ts): the hires seeded
            // below fill the filled orders; the closed ones passed their closing date short of their openings.
            status_set_by: status === 'filled' ? 'hires' : status === 'closed' ? 'closing_date' : 'user',
            created_by: owner,
          })
          .execute();
        orders.push(order);
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
    const candidates: Candidate[] = [];
    for (const [i, p] of participants.entries()) {
      if (i % 5 >= 3) continue;
      const consentId = demoUuid(`employer-consent:${p.id}`);
      const categories = i % 2 ? ['contact', 'education_training', 'employment_wages'] : ['education_training'];
      const purpose = 'Referral to partner employers for job openings';
      const givenAt = addDays(today, -r.int(10, 300));
      await tx
        .insertInto('consent')
        .values({
          id: consentId,
          tenant_id: tenantId,
          participant_id: p.id,
          recipient_organization_ids: [],
          recipient_kinds: ['employer'],
          categories,
          purpose,
          method: 'signed_in_app',
          signed_name: `${p.first_name} ${p.last_name}`,
          given_at: givenAt,
          recorded_by: business,
        })
        .execute();
      const wants = [r.pick(socs), ...(r.chance(0.4) ? [r.pick(socs)] : [])];
      candidates.push({ id: p.id, consentId, categories, purpose, consentedOn: day(givenAt), socs: wants });
      await tx
        .insertInto('job_preference')
        .values({
          participant_id: p.id,
          tenant_id: tenantId,
          soc_codes: wants,
          shifts: r.chance(0.3) ? [] : [r.pick(['day', 'evening', 'night', 'rotating', 'weekend'])],
          min_hourly_wage_cents: r.chance(0.3) ? null : 1500 + r.int(0, 12) * 100,
          updated_by: business,
        })
        .execute();
    }
    const pipeline = await seedReferrals(ctx, r, orders, candidates, business);
    await ctx.ops.audit(tx, {
      action: 'demo.employers_seeded',
      entityType: 'tenant',
      entityId: tenantId,
      details: { employers: all.length, jobOrders: orders.length, ...pipeline },
    });
  },
};

type Stage = 'referred' | 'interviewing' | 'offered' | 'hired' | 'not_selected' | 'withdrawn';

/**
 * A year of candidate referrals on the demo's job orders, written as the referral and hire paths write
 * them (referrals.service.ts): the consent's categories travel and the release is in the disclosure log;
 * each hire is the participant's employment record, at a wage in the order's range. Filled orders have
 * hires equal to their openings, closed ones fell short, open ones are under way. A few statements.
 */
async function seedReferrals(
  ctx: Ctx,
  r: ReturnType<typeof prng>,
  orders: DemoOrder[],
  candidates: Candidate[],
  by: string | null,
): Promise<Record<Stage, number>> {
  const { tx, tenantId } = ctx;
  const today = day(new Date());
  const referrals: Insertable<CandidateReferralTable>[] = [];
  const employments: Insertable<EmploymentTable>[] = [];
  const disclosures: Insertable<DisclosureTable>[] = [];
  const counts: Record<Stage, number> = { referred: 0, interviewing: 0, offered: 0, hired: 0, not_selected: 0, withdrawn: 0 };
  const hiredPeople = new Set<string>();
  const employers = new Map<string, Awaited<ReturnType<typeof employerOrganization>>>();
  for (const o of orders) {
    if (o.status === 'open' && r.chance(0.15)) continue;
    const last = earlier(o.closesOn, today);
    const span = Math.max(0, daysBetween(o.opensOn, last));
    const size = o.status === 'filled' ? o.openings + r.int(0, 3) : 1 + r.int(0, 5);
    const hires =
      o.status === 'filled'
        ? o.openings
        : o.status === 'closed'
          ? r.int(0, Math.min(size, o.openings - 1))
          : r.chance(0.5)
            ? r.int(0, Math.min(size, o.openings - 1))
            : 0;
    // Who fits the occupation first, then others; those who consented later or were hired already last.
    const pool = candidates
      .map((c) => ({
        c,
        key: (c.socs.includes(o.soc) ? 0 : 1) + (c.consentedOn > o.opensOn ? 2 : 0) + (hiredPeople.has(c.id) ? 4 : 0) + r.next(),
      }))
      .sort((a, b) => a.key - b.key)
      .slice(0, size)
      .map((x) => x.c);
    let employer = employers.get(o.organizationId);
    if (!employer) {
      employer = await employerOrganization(tx, o.organizationId);
      employers.set(o.organizationId, employer);
    }
    for (const [k, c] of pool.entries()) {
      const drawn = addDay(o.opensOn, r.int(0, Math.floor(span * (k < hires ? 0.5 : 0.9))));
      const referredOn = later(drawn, c.consentedOn);
      const interviewingOn = addDay(referredOn, r.int(3, 10));
      const offeredOn = addDay(interviewingOn, r.int(2, 7));
      let stage: Stage;
      let closedOn: string | null = null;
      if (k < hires) {
        stage = 'hired';
        closedOn = addDay(offeredOn, r.int(1, 5));
      } else if (o.status !== 'open' || r.chance(0.45)) {
        stage = r.chance(0.7) ? 'not_selected' : 'withdrawn';
        closedOn = addDay(stage === 'not_selected' ? interviewingOn : referredOn, r.int(2, 12));
      } else {
        stage = r.pick(['referred', 'interviewing', 'interviewing', 'offered'] as const);
      }
      // A stage still to come is not seeded: step back to the last one reached by today.
      if (closedOn && closedOn > today) {
        stage = stage === 'hired' ? 'offered' : 'referred';
        closedOn = null;
      }
      if (stage === 'offered' && offeredOn > today) stage = 'interviewing';
      if (stage === 'interviewing' && interviewingOn > today) stage = 'referred';
      const reached = (s: Stage) =>
        stage === s ||
        (s === 'interviewing' && (stage === 'offered' || stage === 'hired' || stage === 'not_selected')) ||
        (s === 'offered' && stage === 'hired');
      const id = demoUuid(`candidate-referral:${o.id}:${c.id}`);
      let hire: { employment_id: string; hourly_wage_cents: number; start_date: string } | null = null;
      if (stage === 'hired' && closedOn) {
        hiredPeople.add(c.id);
        const start = addDay(closedOn, r.int(7, 14));
        hire = {
          employment_id: demoUuid(`referral-employment:${id}`),
          hourly_wage_cents: o.wage[0] + r.int(0, Math.floor((o.wage[1] - o.wage[0]) / 25)) * 25,
          start_date: earlier(start, today),
        };
        employments.push({
          id: hire.employment_id,
          tenant_id: tenantId,
          participant_id: c.id,
          employer_organization_id: o.organizationId,
          employer_name: employer?.name ?? '',
          employer_fein: employer?.ein ?? null,
          job_title: o.title,
          soc_code: o.soc,
          naics_code: employer?.naics ?? null,
          start_date: hire.start_date,
          end_date: null,
          hourly_wage_cents: hire.hourly_wage_cents,
          hours_per_week: o.hours,
          benefits: o.benefits,
          source: 'employer_verification',
          training_related: null,
          created_by: by,
        });
      }
      counts[stage]++;
      referrals.push({
        id,
        tenant_id: tenantId,
        job_order_id: o.id,
        organization_id: o.organizationId,
        participant_id: c.id,
        status: stage,
        categories: c.categories,
        consent_ids: [c.consentId],
        match_score: null,
        note: null,
        referred_on: referredOn,
        interviewing_on: reached('interviewing') ? interviewingOn : null,
        offered_on: reached('offered') ? offeredOn : null,
        closed_on: closedOn,
        hourly_wage_cents: hire?.hourly_wage_cents ?? null,
        start_date: hire?.start_date ?? null,
        employment_id: hire?.employment_id ?? null,
        referred_by: by,
        updated_by: stage === 'referred' ? null : by,
      });
      disclosures.push({
        id: demoUuid(`referral-disclosure:${id}`),
        tenant_id: tenantId,
        participant_id: c.id,
        released_at: new Date(`${referredOn}T15:00:00Z`),
        recipient_user_id: null,
        recipient_label: employer?.name ?? '',
        recipient_organization_id: o.organizationId,
        categories: c.categories,
        consent_ids: [c.consentId],
        purpose: c.purpose,
        action: 'candidate_referral',
      });
    }
  }
  await insertEmployment(tx, employments);
  await insertReferral(tx, referrals);
  await insertDisclosures(tx, disclosures);
  return counts;
}
