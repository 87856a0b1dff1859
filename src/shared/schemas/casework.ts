import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { isoDate } from './participants.ts';

// Case work after intake: program participation and exit, services, assessments, plans, training,
// credentials, skill gains, employment, follow-ups and case notes. PIRL element numbers beside each.

const soc = z.string().regex(/^\d{2}-\d{4}$/, 'SOC 2018 code, as 29-1141');
const cents = z.number().int().min(0).max(100_000_000_00);
const note = z.string().trim().max(2000).nullable().optional();

// ---- Program participation (PIRL 900 entry, 901 exit, 923 other reasons for exit)

/** PIRL 923 codes. Exits for these reasons are excluded from performance measures. */
export const EXIT_REASONS = {
  institutionalized: '1',
  health_medical: '2',
  deceased: '3',
  reserve_forces_active_duty: '4',
  foster_care_relocation: '5',
  ineligible: '6',
  criminal_offender: '7',
} as const;
export const exitReason = z.enum(Object.keys(EXIT_REASONS) as [keyof typeof EXIT_REASONS, ...(keyof typeof EXIT_REASONS)[]]);
/** Days without a qualifying service (and none scheduled) after which an exit is proposed. */
export const EXIT_AFTER_DAYS = 90;

export const participationBody = z.strictObject({
  entryDate: isoDate,
  fundingStreamIds: z.array(uuid).min(1).max(10),
  /** The sector initiative the period serves. Omitted: the tenant's only active initiative, if exactly one; null: none. */
  initiativeId: uuid.nullable().optional(),
});
export type ParticipationBody = z.infer<typeof participationBody>;
export const exitBody = z.strictObject({
  /** Omit to use the proposed date (the last qualifying service). */
  exitDate: isoDate.optional(),
  exitReason: exitReason.nullable().optional(),
});
export const participation = z.object({
  id: uuid,
  participantId: uuid,
  entryDate: z.string(),
  exitDate: z.string().nullable(),
  exitReason: exitReason.nullable(),
  fundingStreams: z.array(z.object({ id: uuid, name: z.string(), sourceType: z.string() })),
  initiative: z.object({ id: uuid, name: z.string() }).nullable(),
  lastQualifyingServiceDate: z.string().nullable(),
  /** Set while the participation is open and 90 days have passed with no qualifying service and none scheduled. */
  proposedExitDate: z.string().nullable(),
  createdAt: isoDateTime,
});
export type Participation = z.infer<typeof participation>;

// ---- Services (docs/service-taxonomy.md)

export const SERVICE_CATEGORIES = [
  'basic_career',
  'individualized_career',
  'training',
  'work_based_learning',
  'supportive',
  'self_service',
  'follow_up',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** The activity taxonomy. Self-service/information-only and follow-up activities do not delay an exit. */
export const SERVICE_ACTIVITIES = {
  orientation: 'basic_career',
  initial_assessment: 'basic_career',
  job_search_assistance: 'basic_career',
  job_referral: 'basic_career',
  labor_market_information: 'basic_career',
  referral_to_partner: 'basic_career',
  eligibility_determination: 'basic_career',
  comprehensive_assessment: 'individualized_career',
  individual_employment_plan: 'individualized_career',
  career_counseling: 'individualized_career',
  case_management: 'individualized_career',
  work_readiness_training: 'individualized_career',
  financial_literacy: 'individualized_career',
  english_language_acquisition: 'individualized_career',
  occupational_skills_training: 'training',
  on_the_job_training: 'training',
  registered_apprenticeship: 'training',
  customized_training: 'training',
  incumbent_worker_training: 'training',
  adult_education_literacy: 'training',
  work_experience: 'work_based_learning',
  internship: 'work_based_learning',
  transitional_job: 'work_based_learning',
  pre_apprenticeship: 'work_based_learning',
  transportation_assistance: 'supportive',
  childcare_assistance: 'supportive',
  housing_assistance: 'supportive',
  tools_uniforms_equipment: 'supportive',
  needs_related_payment: 'supportive',
  emergency_assistance: 'supportive',
  self_service_job_search: 'self_service',
  information_only: 'self_service',
  follow_up_contact: 'follow_up',
} as const satisfies Record<string, ServiceCategory>;
export type ServiceActivity = keyof typeof SERVICE_ACTIVITIES;
export const serviceActivity = z.enum(Object.keys(SERVICE_ACTIVITIES) as [ServiceActivity, ...ServiceActivity[]]);
export const NON_QUALIFYING_CATEGORIES: readonly ServiceCategory[] = ['self_service', 'follow_up'];
export const isQualifying = (a: ServiceActivity) => !NON_QUALIFYING_CATEGORIES.includes(SERVICE_ACTIVITIES[a]);

const serviceFields = {
  activity: serviceActivity,
  serviceDate: isoDate,
  status: z.enum(['completed', 'scheduled', 'cancelled']).default('completed'),
  hours: z.number().min(0).max(999).nullable().optional(),
  providerOrganizationId: uuid.nullable().optional(),
  costCents: cents.nullable().optional(),
  fundingStreamId: uuid.nullable().optional(),
  note,
};
export const serviceBody = z.strictObject(serviceFields);
export const bulkServiceBody = z
  .strictObject({ ...serviceFields, cohortId: uuid.optional(), participantIds: z.array(uuid).min(1).max(500).optional() })
  .refine((b) => !!b.cohortId !== !!b.participantIds, { message: 'Give either cohortId or participantIds.', path: ['participantIds'] });
export const servicePatch = z.strictObject({
  status: z.enum(['completed', 'scheduled', 'cancelled']).optional(),
  serviceDate: isoDate.optional(),
  note,
});
export const serviceRecord = z.object({
  id: uuid,
  participantId: uuid,
  activity: serviceActivity,
  category: z.enum(SERVICE_CATEGORIES),
  qualifying: z.boolean(),
  serviceDate: z.string(),
  status: z.enum(['completed', 'scheduled', 'cancelled']),
  hours: z.number().nullable(),
  providerOrganization: z.object({ id: uuid, name: z.string() }).nullable(),
  staffName: z.string().nullable(),
  costCents: z.number().nullable(),
  fundingStreamId: uuid.nullable(),
  note: z.string().nullable(),
  batchId: uuid.nullable(),
  createdAt: isoDateTime,
});
export type ServiceRecord = z.infer<typeof serviceRecord>;
export const bulkServiceResult = z.object({ batchId: uuid, created: z.number().int(), participantIds: z.array(uuid) });

// ---- Assessments and plans

export const ASSESSMENT_TYPES = ['tabe', 'casas', 'career_interest', 'work_values', 'digital_literacy', 'barriers', 'other'] as const;
export const assessmentBody = z.strictObject({
  type: z.enum(ASSESSMENT_TYPES),
  instrument: z.string().trim().max(200).nullable().optional(),
  assessedOn: isoDate,
  scores: z.record(z.string().max(60), z.union([z.number(), z.string().max(60)])).default({}),
  /** e.g. the educational functioning level. */
  level: z.string().trim().max(60).nullable().optional(),
  notes: note,
});
export const assessment = z.object({
  id: uuid,
  participantId: uuid,
  type: z.enum(ASSESSMENT_TYPES),
  instrument: z.string().nullable(),
  assessedOn: z.string(),
  scores: z.record(z.string(), z.union([z.number(), z.string()])),
  level: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: isoDateTime,
});

export const planStepBody = z.strictObject({ description: z.string().trim().min(1).max(500), dueDate: isoDate.nullable().optional() });
export const planGoalBody = z.strictObject({
  description: z.string().trim().min(1).max(500),
  socCode: soc.nullable().optional(),
  targetDate: isoDate.nullable().optional(),
  steps: z.array(planStepBody).max(30).default([]),
});
export const planBody = z.strictObject({ title: z.string().trim().min(1).max(200), goals: z.array(planGoalBody).max(20).default([]) });
export const planStepPatch = z.strictObject({
  status: z.enum(['open', 'done', 'dropped']).optional(),
  dueDate: isoDate.nullable().optional(),
});
export const planGoalPatch = z.strictObject({ status: z.enum(['open', 'achieved', 'dropped']) });
export const plan = z.object({
  id: uuid,
  participantId: uuid,
  title: z.string(),
  status: z.enum(['active', 'completed', 'closed']),
  goals: z.array(
    z.object({
      id: uuid,
      description: z.string(),
      socCode: z.string().nullable(),
      socTitle: z.string().nullable(),
      targetDate: z.string().nullable(),
      status: z.enum(['open', 'achieved', 'dropped']),
      steps: z.array(
        z.object({
          id: uuid,
          description: z.string(),
          dueDate: z.string().nullable(),
          status: z.enum(['open', 'done', 'dropped']),
          completedAt: isoDateTime.nullable(),
        }),
      ),
    }),
  ),
  createdAt: isoDateTime,
});
export type Plan = z.infer<typeof plan>;

// ---- Training (PIRL 1811 date enrolled, 1813 date completed)

export const CREDENTIAL_TYPES = {
  secondary_diploma: '1',
  associate_degree: '2',
  bachelor_degree: '3',
  occupational_licensure: '4',
  occupational_certificate: '5',
  occupational_certification: '6',
  other_recognized: '7',
} as const;
export const credentialType = z.enum(
  Object.keys(CREDENTIAL_TYPES) as [keyof typeof CREDENTIAL_TYPES, ...(keyof typeof CREDENTIAL_TYPES)[]],
);

export const trainingProgramBody = z.strictObject({
  providerOrganizationId: uuid,
  name: z.string().trim().min(1).max(200),
  cipCode: z
    .string()
    .regex(/^\d{2}\.\d{4}$/, 'CIP code, as 51.0801')
    .nullable()
    .optional(),
  targetSocCodes: z.array(soc).max(20).default([]),
  credentialOffered: z.string().trim().max(200).nullable().optional(),
  credentialType: credentialType.nullable().optional(),
  hours: z.number().int().min(0).max(10_000).nullable().optional(),
  costCents: cents.nullable().optional(),
  modality: z.enum(['in_person', 'online', 'hybrid']),
  schedule: z.string().trim().max(500).nullable().optional(),
});
export const trainingProgramPatch = trainingProgramBody.partial().extend({ active: z.boolean().optional() });
export const trainingProgram = z.object({
  id: uuid,
  provider: z.object({ id: uuid, name: z.string() }),
  name: z.string(),
  cipCode: z.string().nullable(),
  targetSocCodes: z.array(z.string()),
  credentialOffered: z.string().nullable(),
  credentialType: credentialType.nullable(),
  hours: z.number().nullable(),
  costCents: z.number().nullable(),
  modality: z.enum(['in_person', 'online', 'hybrid']),
  schedule: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoDateTime,
});
export type TrainingProgram = z.infer<typeof trainingProgram>;

export const cohortBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  capacity: z.number().int().min(1).max(10_000).nullable().optional(),
});
export const cohort = z.object({
  id: uuid,
  trainingProgramId: uuid,
  trainingProgramName: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  capacity: z.number().nullable(),
  enrolled: z.number().int(),
  createdAt: isoDateTime,
});
export type Cohort = z.infer<typeof cohort>;

export const enrollmentBody = z
  .strictObject({ cohortId: uuid.optional(), trainingProgramId: uuid.optional(), enrolledOn: isoDate })
  .refine((b) => !!b.cohortId !== !!b.trainingProgramId, { message: 'Give either cohortId or trainingProgramId.', path: ['cohortId'] });
export const enrollmentPatch = z.strictObject({
  status: z.enum(['enrolled', 'completed', 'withdrawn']),
  /** completed: PIRL 1813; withdrawn: the date they left. */
  on: isoDate,
});
export const enrollment = z.object({
  id: uuid,
  participantId: uuid,
  trainingProgram: z.object({ id: uuid, name: z.string() }),
  cohort: z.object({ id: uuid, name: z.string() }).nullable(),
  status: z.enum(['enrolled', 'completed', 'withdrawn']),
  enrolledOn: z.string(),
  completedOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  createdAt: isoDateTime,
});
export type Enrollment = z.infer<typeof enrollment>;

// ---- Credentials (PIRL 1800 type, 1801 date) and measurable skill gains (PIRL 1806-1810)

export const credentialBody = z.strictObject({
  type: credentialType,
  title: z.string().trim().min(1).max(200),
  issuer: z.string().trim().max(200).nullable().optional(),
  attainedOn: isoDate,
  trainingEnrollmentId: uuid.nullable().optional(),
});
export const credential = z.object({
  id: uuid,
  participantId: uuid,
  type: credentialType,
  title: z.string(),
  issuer: z.string().nullable(),
  attainedOn: z.string(),
  trainingEnrollmentId: uuid.nullable(),
  createdAt: isoDateTime,
});

export const SKILL_GAIN_TYPES = {
  educational_functioning_level: 1806,
  postsecondary_transcript: 1807,
  secondary_transcript: 1808,
  training_milestone: 1809,
  skills_progression: 1810,
} as const;
export const skillGainType = z.enum(Object.keys(SKILL_GAIN_TYPES) as [keyof typeof SKILL_GAIN_TYPES, ...(keyof typeof SKILL_GAIN_TYPES)[]]);
export const skillGainBody = z.strictObject({
  type: skillGainType,
  achievedOn: isoDate,
  description: z.string().trim().max(500).nullable().optional(),
  trainingEnrollmentId: uuid.nullable().optional(),
});
export const skillGain = z.object({
  id: uuid,
  participantId: uuid,
  type: skillGainType,
  pirlElement: z.number().int(),
  achievedOn: z.string(),
  description: z.string().nullable(),
  trainingEnrollmentId: uuid.nullable(),
  createdAt: isoDateTime,
});

// ---- Employment

export const BENEFITS = ['health_insurance', 'dental_vision', 'paid_leave', 'retirement', 'tuition_assistance', 'childcare'] as const;
export const employmentBody = z
  .strictObject({
    employerOrganizationId: uuid.nullable().optional(),
    employerName: z.string().trim().min(1).max(200).optional(),
    employerFein: z
      .string()
      .trim()
      .regex(/^\d{2}-?\d{7}$/)
      .transform((v) => `${v.replace('-', '').slice(0, 2)}-${v.replace('-', '').slice(2)}`)
      .nullable()
      .optional(),
    jobTitle: z.string().trim().max(200).nullable().optional(),
    socCode: soc.nullable().optional(),
    naicsCode: z
      .string()
      .regex(/^\d{2,6}$/)
      .nullable()
      .optional(),
    startDate: isoDate,
    endDate: isoDate.nullable().optional(),
    hourlyWageCents: z.number().int().min(0).max(100_000).nullable().optional(),
    hoursPerWeek: z.number().min(0).max(100).nullable().optional(),
    benefits: z.array(z.enum(BENEFITS)).max(6).default([]),
    source: z.enum(['self_report', 'employer_verification', 'wage_record']),
    trainingRelated: z.boolean().nullable().optional(),
  })
  .refine((b) => !!b.employerOrganizationId || !!b.employerName, { message: 'Name the employer.', path: ['employerName'] });
export const employmentRecord = z.object({
  id: uuid,
  participantId: uuid,
  employerOrganizationId: uuid.nullable(),
  employerName: z.string(),
  employerFein: z.string().nullable(),
  jobTitle: z.string().nullable(),
  socCode: z.string().nullable(),
  socTitle: z.string().nullable(),
  naicsCode: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hourlyWageCents: z.number().nullable(),
  hoursPerWeek: z.number().nullable(),
  benefits: z.array(z.enum(BENEFITS)),
  source: z.enum(['self_report', 'employer_verification', 'wage_record']),
  trainingRelated: z.boolean().nullable(),
  createdAt: isoDateTime,
});

// ---- Follow-up (2nd and 4th quarters after the exit quarter)

export const FOLLOW_UP_QUARTERS = [2, 4] as const;
export const followUpAttemptBody = z.strictObject({
  attemptedAt: z.iso.datetime({ offset: true }).optional(),
  method: z.enum(['phone', 'email', 'text', 'in_person', 'mail']),
  reached: z.boolean(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export const followUpResultBody = z.strictObject({
  status: z.enum(['completed', 'unreachable']),
  employed: z.boolean().nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export const followUp = z.object({
  id: uuid,
  participantId: uuid,
  participationId: uuid,
  quarterAfterExit: z.number().int(),
  windowStart: z.string(),
  windowEnd: z.string(),
  status: z.enum(['scheduled', 'completed', 'unreachable', 'cancelled']),
  employed: z.boolean().nullable(),
  resultNote: z.string().nullable(),
  completedAt: isoDateTime.nullable(),
  attempts: z.array(
    z.object({ id: uuid, attemptedAt: isoDateTime, method: z.string(), reached: z.boolean(), note: z.string().nullable() }),
  ),
});
export type FollowUp = z.infer<typeof followUp>;

// ---- Case notes

export const caseNoteBody = z.strictObject({ body: z.string().trim().min(1).max(20_000) });
export const caseNote = z.object({
  id: uuid,
  participantId: uuid,
  author: z.string(),
  authorOrganization: z.object({ id: uuid, name: z.string() }),
  body: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CaseNote = z.infer<typeof caseNote>;

export const participantIdParams = z.strictObject({ participantId: uuid });
export const participantChildParams = z.strictObject({ participantId: uuid, id: uuid });
