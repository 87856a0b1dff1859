import { createHash } from 'node:crypto';
import { importIn, newOrganizationId } from '../modules/hsds/hsds.service.ts';
import type { DemoContext } from './demo.ts';

// The demo partnership's service directory: 32 services of partners across the region (training,
// childcare, transportation, housing, legal aid, financial coaching, food, behavioural health), loaded
// through the HSDS import like any real directory, then given Braid's capacity and population columns.
// Ids are derived from names, so every demo database has the same directory.

const idOf = (name: string) => {
  const h = createHash('sha256').update(`braid-demo-directory:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export const DIRECTORY_TAXONOMY_ID = idOf('taxonomy');
export const DIRECTORY_CATEGORIES = [
  'training',
  'childcare',
  'transportation',
  'housing',
  'legal_aid',
  'financial_coaching',
  'food',
  'behavioral_health',
] as const;
export type DirectoryCategory = (typeof DIRECTORY_CATEGORIES)[number];
const CATEGORY_NAMES: Record<DirectoryCategory, string> = {
  training: 'Job training',
  childcare: 'Childcare',
  transportation: 'Transportation',
  housing: 'Housing',
  legal_aid: 'Legal aid',
  financial_coaching: 'Financial coaching',
  food: 'Food',
  behavioral_health: 'Behavioural health',
};
export const termIdOf = (c: DirectoryCategory) => idOf(`term:${c}`);

/** Organizations that are only in the directory (the rest are the partnership's own). */
const DIRECTORY_ONLY_ORGS = [
  {
    key: 'legal-aid',
    naics: '541110',
    county: '39035',
    name: 'Northeast Ohio Legal Aid Society',
    description: 'Free civil legal help for low-income residents.',
  },
  {
    key: 'food-bank',
    naics: '624210',
    county: '39085',
    name: 'Lakeshore Regional Food Bank',
    description: 'Food pantries, mobile markets and SNAP help across the region.',
  },
  {
    key: 'northcoast-bh',
    naics: '621420',
    county: '39035',
    name: 'Northcoast Behavioral Health Partners',
    description: 'Counselling, recovery support and crisis care.',
  },
  {
    key: 'housing-coalition',
    naics: '624221',
    county: '39093',
    name: 'Lakeshore Housing Coalition',
    description: 'Emergency shelter, rapid re-housing and rental help.',
  },
];

interface DemoService {
  name: string;
  org: string;
  category: DirectoryCategory;
  description: string;
  counties: string[];
  postcode: string;
  spanish?: boolean;
  fee?: number;
  ages?: [number, number];
  populations?: string[];
  openSlots: number | null;
  waitlist?: number;
  saturday?: boolean;
  /** Days since the owner last verified it (over 180: stale). */
  verifiedDaysAgo: number;
  selfReferral?: boolean;
}

const CUY = 'Cuyahoga County';
const LAKE = 'Lake County';
const LOR = 'Lorain County';

export const DEMO_SERVICES: DemoService[] = [
  {
    name: 'State Tested Nursing Aide (STNA) Training',
    org: 'college',
    category: 'training',
    description: 'Eight-week STNA course with clinical practice and the state exam fee paid.',
    counties: [CUY, LAKE, LOR],
    postcode: '44115',
    openSlots: 6,
    waitlist: 0,
    verifiedDaysAgo: 12,
    ages: [18, 99],
    selfReferral: true,
  },
  {
    name: 'Medical Assistant Certificate',
    org: 'college',
    category: 'training',
    description: 'Two-semester certificate preparing for the CCMA exam; evening cohort available.',
    counties: [CUY, LAKE, LOR],
    postcode: '44115',
    openSlots: 3,
    verifiedDaysAgo: 30,
    ages: [18, 99],
    fee: 150,
  },
  {
    name: 'Patient Care Technician Apprenticeship',
    org: 'metrocare',
    category: 'training',
    description: 'Paid apprenticeship on hospital units: phlebotomy, EKG and patient care.',
    counties: [CUY],
    postcode: '44109',
    openSlots: 0,
    waitlist: 14,
    verifiedDaysAgo: 45,
    ages: [18, 99],
  },
  {
    name: 'Pharmacy Technician Bootcamp',
    org: 'lake-regional',
    category: 'training',
    description: 'Twelve-week bootcamp with PTCB exam preparation and externship.',
    counties: [LAKE],
    postcode: '44060',
    openSlots: 8,
    verifiedDaysAgo: 210,
    ages: [18, 99],
  },
  {
    name: 'Eastside Child Care Assistance',
    org: 'eastside',
    category: 'childcare',
    description: 'Help finding and paying for licensed childcare while you train or work; same-week placements.',
    counties: [CUY],
    postcode: '44112',
    spanish: true,
    openSlots: 10,
    verifiedDaysAgo: 5,
    populations: ['families', 'low_income'],
    selfReferral: true,
  },
  {
    name: 'Early Learning Center Infant and Toddler Care',
    org: 'eastside',
    category: 'childcare',
    description: 'Full-day infant and toddler care on site, 6:30 am to 6:30 pm.',
    counties: [CUY],
    postcode: '44112',
    openSlots: 2,
    waitlist: 6,
    verifiedDaysAgo: 60,
    ages: [0, 3],
    populations: ['families'],
  },
  {
    name: 'El Puente After-School Program',
    org: 'el-puente',
    category: 'childcare',
    description: 'Bilingual after-school care and homework help for children 5 to 12.',
    counties: [LOR],
    postcode: '44055',
    spanish: true,
    openSlots: 12,
    verifiedDaysAgo: 20,
    ages: [5, 12],
    populations: ['families', 'immigrants_refugees'],
  },
  {
    name: 'Evening and Weekend Childcare for Shift Workers',
    org: 'northshore-clinics',
    category: 'childcare',
    description: 'Childcare during evening and weekend shifts for healthcare trainees and workers.',
    counties: [LAKE],
    postcode: '44094',
    openSlots: 0,
    waitlist: 3,
    saturday: true,
    verifiedDaysAgo: 240,
    populations: ['families'],
    fee: 20,
  },
  {
    name: 'Transit Passes for Trainees',
    org: 'wdb',
    category: 'transportation',
    description: 'Monthly RTA passes for participants in training or their first 90 days of work.',
    counties: [CUY],
    postcode: '44114',
    spanish: true,
    openSlots: 40,
    verifiedDaysAgo: 15,
  },
  {
    name: 'Rides to Work',
    org: 'eastside',
    category: 'transportation',
    description: 'Door-to-door rides to early and late hospital shifts where buses do not run.',
    counties: [CUY],
    postcode: '44112',
    openSlots: 5,
    saturday: true,
    verifiedDaysAgo: 25,
  },
  {
    name: 'Car Repair Assistance',
    org: 'el-puente',
    category: 'transportation',
    description: 'Grants up to $750 for repairs that keep a working person on the road.',
    counties: [LOR],
    postcode: '44055',
    spanish: true,
    openSlots: 4,
    verifiedDaysAgo: 90,
  },
  {
    name: 'Lake County Rural Transit Vouchers',
    org: 'lake-regional',
    category: 'transportation',
    description: 'Demand-response transit vouchers for residents outside fixed bus routes.',
    counties: [LAKE],
    postcode: '44060',
    openSlots: 20,
    verifiedDaysAgo: 300,
  },
  {
    name: 'Emergency Shelter Intake',
    org: 'housing-coalition',
    category: 'housing',
    description: 'Same-day shelter placement for individuals and families experiencing homelessness.',
    counties: [CUY, LAKE, LOR],
    postcode: '44113',
    spanish: true,
    openSlots: 8,
    saturday: true,
    verifiedDaysAgo: 3,
  },
  {
    name: 'Rapid Re-Housing',
    org: 'housing-coalition',
    category: 'housing',
    description: 'Short-term rental assistance and case management to move into stable housing.',
    counties: [CUY],
    postcode: '44113',
    openSlots: 0,
    waitlist: 22,
    verifiedDaysAgo: 40,
    populations: ['low_income', 'families'],
  },
  {
    name: 'Veterans Housing Support',
    org: 'housing-coalition',
    category: 'housing',
    description: 'Housing search and deposits for veterans and their families.',
    counties: [CUY, LAKE, LOR],
    postcode: '44113',
    openSlots: 6,
    verifiedDaysAgo: 70,
    populations: ['veterans'],
  },
  {
    name: 'Utility and Rent Arrears Help',
    org: 'el-puente',
    category: 'housing',
    description: 'One-time help with overdue rent or utilities to prevent eviction or shut-off.',
    counties: [LOR],
    postcode: '44055',
    spanish: true,
    openSlots: 10,
    verifiedDaysAgo: 18,
    populations: ['low_income'],
  },
  {
    name: 'Expungement and Record Sealing Clinic',
    org: 'legal-aid',
    category: 'legal_aid',
    description: 'Free help sealing criminal records that block employment and licensing.',
    counties: [CUY, LAKE, LOR],
    postcode: '44113',
    openSlots: 15,
    verifiedDaysAgo: 10,
    populations: ['justice_involved'],
    selfReferral: true,
  },
  {
    name: 'Driver License Reinstatement',
    org: 'legal-aid',
    category: 'legal_aid',
    description: 'Legal help to clear suspensions and fees so you can drive to work again.',
    counties: [CUY, LAKE, LOR],
    postcode: '44113',
    spanish: true,
    openSlots: 9,
    verifiedDaysAgo: 35,
  },
  {
    name: 'Tenant Rights Hotline',
    org: 'legal-aid',
    category: 'legal_aid',
    description: 'Advice and representation for tenants facing eviction.',
    counties: [CUY],
    postcode: '44113',
    openSlots: null,
    verifiedDaysAgo: 190,
  },
  {
    name: 'Immigration Legal Services',
    org: 'el-puente',
    category: 'legal_aid',
    description: 'Work authorization, DACA renewals and family petitions with accredited representatives.',
    counties: [LOR, CUY],
    postcode: '44055',
    spanish: true,
    openSlots: 2,
    waitlist: 9,
    verifiedDaysAgo: 50,
    populations: ['immigrants_refugees'],
    fee: 50,
  },
  {
    name: 'One-on-One Financial Coaching',
    org: 'intermediary',
    category: 'financial_coaching',
    description: 'Budgeting, credit building and benefits-cliff planning with a certified coach.',
    counties: [CUY, LAKE, LOR],
    postcode: '44114',
    spanish: true,
    openSlots: 12,
    verifiedDaysAgo: 8,
  },
  {
    name: 'Free Tax Preparation (VITA)',
    org: 'community-foundation',
    category: 'financial_coaching',
    description: 'Free tax filing for households earning under $67,000, including EITC.',
    counties: [CUY, LAKE],
    postcode: '44115',
    openSlots: 30,
    saturday: true,
    verifiedDaysAgo: 120,
    populations: ['low_income'],
  },
  {
    name: 'Credit Builder Loans',
    org: 'union-fund',
    category: 'financial_coaching',
    description: 'Small loans that build credit, with coaching for apprentices and new hires.',
    counties: [CUY],
    postcode: '44114',
    openSlots: 7,
    verifiedDaysAgo: 95,
    fee: 10,
  },
  {
    name: 'Matched Savings for Training Costs',
    org: 'ajc',
    category: 'financial_coaching',
    description: 'Two-to-one matched savings for tools, uniforms and exam fees.',
    counties: [LOR],
    postcode: '44035',
    openSlots: 0,
    waitlist: 4,
    verifiedDaysAgo: 400,
  },
  {
    name: 'Mobile Food Pantry',
    org: 'food-bank',
    category: 'food',
    description: 'Weekly mobile pantry stops with fresh produce; no documents required.',
    counties: [CUY, LAKE, LOR],
    postcode: '44105',
    spanish: true,
    openSlots: null,
    saturday: true,
    verifiedDaysAgo: 6,
    selfReferral: true,
  },
  {
    name: 'SNAP Application Assistance',
    org: 'food-bank',
    category: 'food',
    description: 'Help applying for SNAP and renewing benefits, by phone or in person.',
    counties: [CUY, LAKE, LOR],
    postcode: '44105',
    spanish: true,
    openSlots: 25,
    verifiedDaysAgo: 28,
    populations: ['low_income'],
  },
  {
    name: 'Senior Meal Delivery',
    org: 'food-bank',
    category: 'food',
    description: 'Home-delivered meals for adults 60 and older.',
    counties: [LAKE],
    postcode: '44060',
    openSlots: 4,
    verifiedDaysAgo: 75,
    ages: [60, 120],
    populations: ['older_adults'],
  },
  {
    name: 'Campus Food Pantry',
    org: 'college',
    category: 'food',
    description: 'Groceries and hygiene items for enrolled students and trainees.',
    counties: [CUY],
    postcode: '44115',
    openSlots: null,
    verifiedDaysAgo: 200,
  },
  {
    name: 'Outpatient Counselling',
    org: 'northcoast-bh',
    category: 'behavioral_health',
    description: 'Individual and group counselling for anxiety, depression and trauma; sliding-scale fees.',
    counties: [CUY, LAKE],
    postcode: '44106',
    spanish: true,
    openSlots: 5,
    waitlist: 2,
    verifiedDaysAgo: 14,
    fee: 25,
  },
  {
    name: 'Recovery Support and Peer Coaching',
    org: 'northcoast-bh',
    category: 'behavioral_health',
    description: 'Peer recovery coaches for people in recovery from substance use who are working or training.',
    counties: [CUY, LAKE, LOR],
    postcode: '44106',
    openSlots: 8,
    verifiedDaysAgo: 33,
    populations: ['justice_involved'],
  },
  {
    name: 'Youth Mental Health First Aid',
    org: 'northshore-clinics',
    category: 'behavioral_health',
    description: 'Counselling and mental health first aid for young adults 16 to 24.',
    counties: [LAKE],
    postcode: '44094',
    openSlots: 3,
    verifiedDaysAgo: 65,
    ages: [16, 24],
    populations: ['youth'],
  },
  {
    name: 'Employee Assistance for New Hires',
    org: 'metrocare',
    category: 'behavioral_health',
    description: 'Confidential short-term counselling for new healthcare hires in their first year.',
    counties: [CUY],
    postcode: '44109',
    openSlots: 10,
    verifiedDaysAgo: 185,
  },
];

function serviceDoc(s: DemoService, organizationId: string, now: Date): Record<string, unknown> {
  const id = idOf(`service:${s.name}`);
  const verified = new Date(now.getTime() - s.verifiedDaysAgo * 86_400_000).toISOString().slice(0, 10);
  const locationId = idOf(`location:${s.name}`);
  return {
    id,
    organization_id: organizationId,
    name: s.name,
    description: s.description,
    status: 'active',
    ...(s.ages ? { minimum_age: s.ages[0], maximum_age: s.ages[1] } : {}),
    assured_date: verified,
    application_process: s.selfReferral ? 'Refer through Braid, or apply yourself with the online form.' : 'Referral through Braid.',
    phones: [{ id: idOf(`phone:${s.name}`), number: `216-555-${String(1000 + DEMO_SERVICES.indexOf(s)).slice(-4)}`, type: 'voice' }],
    schedules: [
      {
        id: idOf(`schedule:${s.name}`),
        freq: 'WEEKLY',
        byday: s.saturday ? 'MO,TU,WE,TH,FR,SA' : 'MO,TU,WE,TH,FR',
        opens_at: '09:00',
        closes_at: '17:00',
        description: s.saturday ? 'Monday to Saturday, 9 am to 5 pm' : 'Weekdays, 9 am to 5 pm',
      },
    ],
    service_areas: s.counties.map((c) => ({ id: idOf(`area:${s.name}:${c}`), name: c, extent_type: 'other' })),
    languages: [
      { id: idOf('language:en'), name: 'English', code: 'en' },
      ...(s.spanish ? [{ id: idOf('language:es'), name: 'Spanish', code: 'es' }] : []),
    ],
    cost_options: s.fee
      ? [{ id: idOf(`cost:${s.name}`), option: 'Per session or course fee', amount: s.fee, currency: 'USD' }]
      : [{ id: idOf(`cost:${s.name}`), option: 'Free', amount: 0, currency: 'USD' }],
    attributes: [
      {
        id: idOf(`attribute:${s.name}`),
        link_entity: 'service',
        taxonomy_term_id: termIdOf(s.category),
        taxonomy_term: {
          id: termIdOf(s.category),
          name: CATEGORY_NAMES[s.category],
          description: CATEGORY_NAMES[s.category],
          code: s.category,
        },
      },
    ],
    service_at_locations: [
      {
        id: idOf(`sal:${s.name}`),
        location: {
          id: locationId,
          location_type: 'physical',
          name: `${s.name} site`,
          addresses: [
            {
              id: idOf(`address:${s.name}`),
              address_1: '1 Main Street',
              city: 'Cleveland',
              state_province: 'OH',
              postal_code: s.postcode,
              country: 'US',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
  };
}

export const directoryDemoStep = {
  name: `directory: ${DEMO_SERVICES.length} services across the region on HSDS 3.0`,
  async run(ctx: DemoContext) {
    const now = new Date();
    await importIn(ctx.ops, ctx.tx, 'taxonomy', {
      id: DIRECTORY_TAXONOMY_ID,
      name: 'Braid service categories',
      description: 'What a partner offers, as navigators search for it.',
    });
    await importIn(
      ctx.ops,
      ctx.tx,
      'taxonomy_term',
      DIRECTORY_CATEGORIES.map((c) => ({
        id: termIdOf(c),
        code: c,
        name: CATEGORY_NAMES[c],
        description: CATEGORY_NAMES[c],
        taxonomy_id: DIRECTORY_TAXONOMY_ID,
        taxonomy_detail: {
          id: DIRECTORY_TAXONOMY_ID,
          name: 'Braid service categories',
          description: 'What a partner offers, as navigators search for it.',
        },
      })),
    );
    const orgs = new Map(ctx.organizations);
    await importIn(
      ctx.ops,
      ctx.tx,
      'organization',
      DIRECTORY_ONLY_ORGS.map((o) => ({ id: idOf(`org:${o.key}`), name: o.name, description: o.description })),
    );
    for (const o of DIRECTORY_ONLY_ORGS) {
      // The services below name them by HSDS id; Braid's own id is the one the import derived.
      orgs.set(o.key, idOf(`org:${o.key}`));
      // HSDS has no industry or county; the curator completes them, as the home page would ask.
      await ctx.tx
        .updateTable('organization')
        .set({ naics: o.naics, county_fips: o.county })
        .where('id', '=', newOrganizationId(ctx.tenantId, idOf(`org:${o.key}`)))
        .execute();
    }
    await importIn(
      ctx.ops,
      ctx.tx,
      'service',
      DEMO_SERVICES.map((s) => serviceDoc(s, orgs.get(s.org) as string, now)),
    );
    for (const s of DEMO_SERVICES) {
      await ctx.tx
        .updateTable('hsds_service')
        .set({
          populations: s.populations ?? [],
          open_slots: s.openSlots,
          waitlist: s.waitlist ?? null,
          self_referral: s.selfReferral ?? false,
        })
        .where('id', '=', idOf(`service:${s.name}`))
        .execute();
    }
  },
};

export const demoServiceId = (name: string) => idOf(`service:${name}`);
