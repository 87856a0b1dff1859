import { z } from 'zod';
import { LOCALES } from '../roles.ts';
import { idParams, initiativeFilter, pageOf, pageQuery, uuid } from './common.ts';
import { countyFips, naicsCode } from './organizations.ts';

// Demand side (issue 4): employers, contacts, interactions, job orders, job quality, services,
// commitments, living wages, matching and candidate referrals. Shared by the server and the web app.

export const isoDate = z.iso.date();
export const socCode = z.string().regex(/^\d{2}-\d{4}$/, 'SOC 2018 code, as 29-1141');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const SIZE_BANDS = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;
export const PARTNERSHIP_ROLES = ['prospect', 'customer', 'partner', 'champion', 'steering_committee'] as const;
export const CONTACT_ROLES = ['hiring_manager', 'hr', 'executive', 'trainer', 'billing', 'survey'] as const;
export const INTERACTION_KINDS = ['call', 'meeting', 'site_visit', 'event', 'email'] as const;
export const SHIFTS = ['day', 'evening', 'night', 'rotating', 'weekend'] as const;
export const SCHEDULES = ['fixed', 'predictable', 'variable', 'on_call'] as const;
export const JOB_BENEFITS = ['health_insurance', 'retirement', 'paid_leave', 'tuition_assistance', 'dental_vision', 'childcare'] as const;
export const WORK_MODES = ['on_site', 'hybrid', 'remote'] as const;
export const JOB_ORDER_STATUSES = ['draft', 'open', 'filled', 'closed', 'cancelled'] as const;
export const SERVICE_KINDS = [
  'recruitment_event',
  'customized_training',
  'incumbent_worker_training',
  'on_the_job_training',
  'labor_market_information',
  'rapid_response',
] as const;
export const COMMITMENT_KINDS = ['interview', 'hire', 'instructors', 'equipment', 'money'] as const;
export const HOUSEHOLD_TYPES = ['1A0C', '1A1C', '1A2C', '2A0C', '2A1C', '2A2C'] as const;
export const REFERRAL_STATUSES = ['referred', 'interviewing', 'offered', 'hired', 'not_selected', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Where a candidate referral may go next; hired, not selected and withdrawn are final. */
export const REFERRAL_NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  referred: ['interviewing', 'offered', 'hired', 'not_selected', 'withdrawn'],
  interviewing: ['offered', 'hired', 'not_selected', 'withdrawn'],
  offered: ['hired', 'not_selected', 'withdrawn'],
  // A hire can fall through (the person never starts): withdrawing it removes the job it recorded.
  hired: ['withdrawn'],
  not_selected: [],
  withdrawn: [],
};

const ref = z.object({ id: uuid, name: z.string() });
const cents = z.number().int().min(0).max(100_000_000);

// ---- Employers

export const employerQuery = pageQuery.extend({
  partnershipRole: z.enum(PARTNERSHIP_ROLES).optional(),
  ownerId: uuid.optional(),
  /** Employers that partner in the initiative (initiative_partner, any role). */
  ...initiativeFilter,
});
export type EmployerQuery = z.infer<typeof employerQuery>;

export const employerSummary = z.object({
  id: uuid,
  name: z.string(),
  naics: z.string().nullable(),
  naicsTitle: z.string().nullable(),
  sizeBand: z.enum(SIZE_BANDS).nullable(),
  partnershipRole: z.enum(PARTNERSHIP_ROLES),
  accountOwner: ref.nullable(),
  openJobOrders: z.number().int(),
  lastInteractionOn: z.string().nullable(),
});
export type EmployerSummary = z.infer<typeof employerSummary>;
export const employerPage = pageOf(employerSummary);

export const employerLocation = z.object({
  id: uuid,
  name: z.string(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  stateCode: z.string().nullable(),
  postalCode: z.string().nullable(),
  countyFips: z.string(),
  countyName: z.string().nullable(),
});
export type EmployerLocation = z.infer<typeof employerLocation>;
export const locationBody = z.strictObject({
  name: text(200),
  addressLine1: optionalText(200),
  city: optionalText(100),
  stateCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  postalCode: optionalText(10),
  countyFips,
});
export type LocationBody = z.infer<typeof locationBody>;
export const locationPatch = locationBody.partial();
export type LocationPatch = z.infer<typeof locationPatch>;

export const employerDetail = employerSummary.extend({
  fein: z.string().nullable(),
  uiAccount: z.string().nullable(),
  countyFips: z.string().nullable(),
  notes: z.string().nullable(),
  locations: z.array(employerLocation),
});
export type EmployerDetail = z.infer<typeof employerDetail>;

export const employerProfileBody = z.strictObject({
  naics: naicsCode.nullable().optional(),
  fein: z
    .string()
    .trim()
    .regex(/^\d{2}-?\d{7}$/, 'FEIN: 9 digits, as 34-1234567')
    .transform((v) => `${v.replace('-', '').slice(0, 2)}-${v.replace('-', '').slice(2)}`)
    .nullable()
    .optional(),
  uiAccount: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, 'Letters, digits and dashes, up to 20')
    .nullable()
    .optional(),
  sizeBand: z.enum(SIZE_BANDS).nullable().optional(),
  partnershipRole: z.enum(PARTNERSHIP_ROLES).optional(),
  accountOwnerId: uuid.nullable().optional(),
  notes: optionalText(4000),
});
export type EmployerProfileBody = z.infer<typeof employerProfileBody>;

export const contact = z.object({
  id: uuid,
  organizationId: uuid,
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(CONTACT_ROLES)),
  isPrimary: z.boolean(),
  active: z.boolean(),
  /** The language Braid writes to this contact in (survey invitations and reminders). */
  preferredLanguage: z.enum(LOCALES),
});
export type Contact = z.infer<typeof contact>;
export const contactBody = z.strictObject({
  name: text(200),
  title: optionalText(200),
  email: z
    .email()
    .max(254)
    .transform((v) => v.trim().toLowerCase())
    .nullable()
    .optional(),
  phone: optionalText(40),
  roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).default([]),
  isPrimary: z.boolean().default(false),
  preferredLanguage: z.enum(LOCALES).default('en'),
});
export type ContactBody = z.input<typeof contactBody>;
// A patch changes only what it names: without these overrides, the defaults above would reset roles,
// primary and language on every partial change.
export const contactPatch = contactBody.partial().extend({
  roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).optional(),
  isPrimary: z.boolean().optional(),
  preferredLanguage: z.enum(LOCALES).optional(),
  active: z.boolean().optional(),
});

export const interaction = z.object({
  id: uuid,
  organizationId: uuid,
  contact: ref.nullable(),
  kind: z.enum(INTERACTION_KINDS),
  occurredOn: z.string(),
  summary: z.string(),
  staff: ref.nullable(),
  followUpOn: z.string().nullable(),
  followUpNote: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
});
export type Interaction = z.infer<typeof interaction>;
export const interactionBody = z.strictObject({
  contactId: uuid.nullable().optional(),
  kind: z.enum(INTERACTION_KINDS),
  occurredOn: isoDate,
  summary: text(4000),
  /** Whose follow-up it is; by default the person logging it. */
  staffUserId: uuid.nullable().optional(),
  followUpOn: isoDate.nullable().optional(),
  followUpNote: optionalText(1000),
});
export type InteractionBody = z.input<typeof interactionBody>;
export const interactionPatch = z.strictObject({ followUpDone: z.boolean() });

// ---- Job orders and job quality

export const qualityComponent = z.object({
  key: z.enum(['wage', 'benefits', 'hours', 'schedule', 'advancement']),
  points: z.number(),
  max: z.number(),
  /** Facts the web app renders into a sentence (i18n), e.g. the wage and the living wage. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type QualityComponent = z.infer<typeof qualityComponent>;
export const jobQuality = z.object({
  score: z.number().int(),
  band: z.enum(['high', 'moderate', 'low']),
  components: z.array(qualityComponent),
});
export type JobQuality = z.infer<typeof jobQuality>;

export const jobOrder = z.object({
  id: uuid,
  employer: ref,
  socCode: z.string(),
  socTitle: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  openings: z.number().int(),
  wageMinCents: z.number().int(),
  wageMaxCents: z.number().int(),
  hoursPerWeek: z.number(),
  shift: z.enum(SHIFTS),
  schedule: z.enum(SCHEDULES),
  benefits: z.array(z.enum(JOB_BENEFITS)),
  advancementPathway: z.boolean(),
  requiredCredentials: z.array(z.string()),
  requiredSkills: z.array(z.string()),
  locationId: uuid.nullable(),
  countyFips: z.string(),
  countyName: z.string().nullable(),
  workMode: z.enum(WORK_MODES),
  opensOn: z.string(),
  closesOn: z.string().nullable(),
  status: z.enum(JOB_ORDER_STATUSES),
  quality: jobQuality,
  referrals: z.number().int(),
  hires: z.number().int(),
  createdAt: z.string(),
});
export type JobOrder = z.infer<typeof jobOrder>;
export const jobOrderPage = pageOf(jobOrder);
export const jobOrderQuery = pageQuery.extend({
  employerId: uuid.optional(),
  status: z.enum(JOB_ORDER_STATUSES).optional(),
  socCode: socCode.optional(),
  /** Job orders of employers that partner in the initiative. */
  ...initiativeFilter,
});
export type JobOrderQuery = z.infer<typeof jobOrderQuery>;

const list = (max: number) => z.array(z.string().trim().min(1).max(200)).max(max);
const jobOrderFields = {
  /** Employer users may omit it: their own organization is used. */
  employerId: uuid.optional(),
  socCode,
  title: text(200),
  description: optionalText(4000),
  openings: z.number().int().min(1).max(10_000),
  wageMinCents: z.number().int().min(1).max(100_000),
  wageMaxCents: z.number().int().min(1).max(100_000),
  hoursPerWeek: z.number().min(1).max(80),
  shift: z.enum(SHIFTS),
  schedule: z.enum(SCHEDULES),
  benefits: z.array(z.enum(JOB_BENEFITS)).max(JOB_BENEFITS.length).default([]),
  advancementPathway: z.boolean().default(false),
  requiredCredentials: list(20).default([]),
  requiredSkills: list(30).default([]),
  locationId: uuid.nullable().optional(),
  countyFips,
  workMode: z.enum(WORK_MODES).default('on_site'),
  opensOn: isoDate,
  closesOn: isoDate.nullable().optional(),
  status: z.enum(JOB_ORDER_STATUSES).default('open'),
};
const wageOrder = (v: { wageMinCents?: number; wageMaxCents?: number }) =>
  v.wageMinCents === undefined || v.wageMaxCents === undefined || v.wageMaxCents >= v.wageMinCents;
const dateOrder = (v: { opensOn?: string; closesOn?: string | null }) => !v.opensOn || !v.closesOn || v.closesOn >= v.opensOn;
export const jobOrderBody = z
  .strictObject(jobOrderFields)
  .refine(wageOrder, { path: ['wageMaxCents'], message: 'The top of the range is below its bottom.' })
  .refine(dateOrder, { path: ['closesOn'], message: 'The order closes before it opens.' });
export type JobOrderBody = z.input<typeof jobOrderBody>;
// A change names only what changes: without the defaults, which would otherwise reset the benefits,
// credentials or status of every order whose openings someone edits.
export const jobOrderPatch = z
  .strictObject({
    ...jobOrderFields,
    benefits: jobOrderFields.benefits.unwrap(),
    advancementPathway: jobOrderFields.advancementPathway.unwrap(),
    requiredCredentials: jobOrderFields.requiredCredentials.unwrap(),
    requiredSkills: jobOrderFields.requiredSkills.unwrap(),
    workMode: jobOrderFields.workMode.unwrap(),
    status: jobOrderFields.status.unwrap(),
  })
  .omit({ employerId: true })
  .partial()
  .refine(wageOrder, { path: ['wageMaxCents'], message: 'The top of the range is below its bottom.' })
  .refine(dateOrder, { path: ['closesOn'], message: 'The order closes before it opens.' });

// ---- Living wage

export const livingWage = z.object({
  countyFips: z.string(),
  countyName: z.string().nullable(),
  householdType: z.enum(HOUSEHOLD_TYPES),
  hourlyCents: z.number().int(),
  source: z.string().nullable(),
  updatedAt: z.string(),
});
export type LivingWage = z.infer<typeof livingWage>;
export const livingWageBody = z.strictObject({
  countyFips,
  householdType: z.enum(HOUSEHOLD_TYPES),
  hourlyCents: z.number().int().min(1).max(100_000),
  source: optionalText(300),
});
export type LivingWageBody = z.input<typeof livingWageBody>;

// ---- Employer services and commitments

export const employerService = z.object({
  id: uuid,
  organizationId: uuid,
  kind: z.enum(SERVICE_KINDS),
  serviceDate: z.string(),
  staff: ref.nullable(),
  costCents: z.number().int(),
  description: z.string().nullable(),
});
export type EmployerService = z.infer<typeof employerService>;
export const employerServiceBody = z.strictObject({
  kind: z.enum(SERVICE_KINDS),
  serviceDate: isoDate,
  staffUserId: uuid.nullable().optional(),
  costCents: cents.default(0),
  description: optionalText(2000),
});
export type EmployerServiceBody = z.input<typeof employerServiceBody>;

export const commitment = z.object({
  id: uuid,
  organizationId: uuid,
  kind: z.enum(COMMITMENT_KINDS),
  description: z.string(),
  targetQuantity: z.number().int(),
  fulfilledQuantity: z.number().int(),
  /** 0–100, capped at 100. */
  percentFulfilled: z.number().int(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'fulfilled', 'overdue']),
  fulfilments: z.array(z.object({ id: uuid, fulfilledOn: z.string(), quantity: z.number().int(), note: z.string().nullable() })),
});
export type Commitment = z.infer<typeof commitment>;
export const commitmentBody = z.strictObject({
  kind: z.enum(COMMITMENT_KINDS),
  description: text(1000),
  targetQuantity: z.number().int().min(1).max(100_000_000),
  dueOn: isoDate.nullable().optional(),
});
export type CommitmentBody = z.input<typeof commitmentBody>;
export const fulfilmentBody = z.strictObject({
  fulfilledOn: isoDate,
  quantity: z.number().int().min(1).max(100_000_000),
  note: optionalText(1000),
});

export const employerChildParams = z.strictObject({ id: uuid, childId: uuid });

// ---- Job preferences, matching and candidate referrals

export const jobPreference = z.object({
  participantId: uuid,
  socCodes: z.array(z.string()),
  shifts: z.array(z.enum(SHIFTS)),
  minHourlyWageCents: z.number().int().nullable(),
});
export type JobPreference = z.infer<typeof jobPreference>;
export const jobPreferenceBody = z.strictObject({
  socCodes: z.array(socCode).max(10).default([]),
  shifts: z.array(z.enum(SHIFTS)).max(SHIFTS.length).default([]),
  minHourlyWageCents: z.number().int().min(0).max(100_000).nullable().optional(),
});

export const MATCH_WEIGHTS = { occupation: 35, credentials: 20, training: 15, location: 10, shift: 10, wage: 10 } as const;
export const matchReason = z.object({
  key: z.enum(['occupation', 'credentials', 'training', 'location', 'shift', 'wage']),
  points: z.number().int(),
  max: z.number().int(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
});
export type MatchReason = z.infer<typeof matchReason>;
export const candidate = z.object({
  participantId: uuid,
  name: z.string(),
  countyName: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(matchReason),
  /** The candidate's referral to this job order, if there is one. */
  referral: z.object({ id: uuid, status: z.enum(REFERRAL_STATUSES) }).nullable(),
});
export type Candidate = z.infer<typeof candidate>;
export const matchQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(25) });
export const matchResult = z.object({ jobOrderId: uuid, considered: z.number().int(), candidates: z.array(candidate) });
export type MatchResult = z.infer<typeof matchResult>;

export const referralBody = z.strictObject({ participantId: uuid, note: optionalText(1000) });
export const referralPatch = z.strictObject({
  status: z.enum(REFERRAL_STATUSES),
  on: isoDate.optional(),
  note: optionalText(1000),
  /** For a hire: the agreed wage and the first day (they become the employment record). */
  hourlyWageCents: z.number().int().min(1).max(100_000).optional(),
  startDate: isoDate.optional(),
});
export type ReferralPatch = z.input<typeof referralPatch>;

/** What travels to the employer: identity always, the rest only as the participant consented. */
export const candidateReferral = z.object({
  id: uuid,
  jobOrder: z.object({ id: uuid, title: z.string(), employer: ref }),
  participantId: uuid,
  name: z.string(),
  categories: z.array(z.string()),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  credentials: z.array(z.object({ title: z.string(), attainedOn: z.string() })).nullable(),
  trainings: z.array(z.object({ program: z.string(), completedOn: z.string().nullable() })).nullable(),
  status: z.enum(REFERRAL_STATUSES),
  matchScore: z.number().int().nullable(),
  note: z.string().nullable(),
  referredOn: z.string(),
  interviewingOn: z.string().nullable(),
  offeredOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  hourlyWageCents: z.number().int().nullable(),
  startDate: z.string().nullable(),
  employmentId: uuid.nullable(),
});
export type CandidateReferral = z.infer<typeof candidateReferral>;

// ---- Dashboard

/** The windows the dashboard looks at: the current quarter, the four quarters ending with it, or the WIOA
 *  program year (1 July to 30 June) it falls in. */
export const DASHBOARD_WINDOWS = ['this_quarter', 'last_4_quarters', 'program_year'] as const;
export type DashboardWindow = (typeof DASHBOARD_WINDOWS)[number];
/** The filters of the employer dashboard, read alike by `/employers/dashboard` and `/employers/job-quality`. */
export const employerDashboardQuery = z.strictObject({
  window: z.enum(DASHBOARD_WINDOWS).default('last_4_quarters'),
  ...initiativeFilter,
});
export type EmployerDashboardQuery = z.infer<typeof employerDashboardQuery>;
/** The window asked for and the dates it covers as of the request. */
const dashboardWindow = z.object({ key: z.enum(DASHBOARD_WINDOWS), from: isoDate, to: isoDate });

/** Job quality of the job orders the dashboard counts (posted in the window, of the initiative's employers). */
export const qualityAggregate = z.object({
  key: z.string(),
  label: z.string().nullable(),
  jobOrders: z.number().int(),
  openings: z.number().int(),
  averageScore: z.number().nullable(),
  high: z.number().int(),
  moderate: z.number().int(),
  low: z.number().int(),
});
export const qualityAggregates = z.object({
  window: dashboardWindow,
  byEmployer: z.array(qualityAggregate),
  byOccupation: z.array(qualityAggregate),
});
export type QualityAggregates = z.infer<typeof qualityAggregates>;

/** What became of the job orders posted in the window (see docs/matching.md, "Employer dashboard"). */
const orderFlow = {
  jobOrders: z.number().int(),
  /** Positions on those orders. */
  openings: z.number().int(),
  referrals: z.number().int(),
  hires: z.number().int(),
  /** Positions filled by a hire (hires counted up to each order's openings). */
  filled: z.number().int(),
  /** Positions still open: on orders open today, not yet filled. */
  open: z.number().int(),
  /** Positions on orders no longer open (closed, or marked filled by a person) that no hire filled. */
  unfilled: z.number().int(),
  /** filled / openings, as a percentage with one decimal; null without openings. */
  fillRate: z.number().nullable(),
};
export const employerDashboard = z.object({
  window: dashboardWindow,
  totals: z.object(orderFlow),
  byEmployer: z.array(z.object({ id: uuid, name: z.string(), ...orderFlow })),
  byOccupation: z.array(z.object({ socCode: z.string(), title: z.string().nullable(), ...orderFlow })),
  /** The eight quarters up to the current one, oldest first. */
  trend: z.array(
    z.object({
      quarter: z.string(),
      /** Positions on job orders opened in the quarter, and how many of them hires have filled to date. */
      posted: z.number().int(),
      filled: z.number().int(),
      fillRate: z.number().nullable(),
      /** Job orders whose filling hire fell in the quarter, and the median days from opening to that hire. */
      ordersFilled: z.number().int(),
      medianDaysToFill: z.number().nullable(),
    }),
  ),
  servedThisQuarter: z.number().int(),
  repeatEmployers: z.number().int(),
  quarter: z.string(),
  placementQuality: z.object({ high: z.number().int(), moderate: z.number().int(), low: z.number().int(), unscored: z.number().int() }),
});
export type EmployerDashboard = z.infer<typeof employerDashboard>;

export { idParams };
