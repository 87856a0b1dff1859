import { z } from 'zod';
import { initiativeFilter, isoDateTime, pageQuery, uuid } from './common.ts';

// Participant intake, aligned to the WIOA Participant Individual Record Layout (PIRL, ETA-9172).
// Every coded field lists its values with the PIRL code, and PIRL_FIELDS names the element number
// each intake field feeds, so a PIRL export is a mechanical walk over PIRL_FIELDS (see toPirl).
// Element numbers follow the published ETA-9172 layout; docs/participants.md ("PIRL element numbers") lists how they were checked; re-check them
// against the edition in force before a state submission.

export const isoDate = z.iso.date();

export const SEX = { male: '1', female: '2', not_disclosed: '9' } as const;
export const YES_NO = { yes: '1', no: '0', not_disclosed: '9' } as const;
/** Race flags: PIRL 210b–210f (210a is Hispanic/Latino ethnicity, 210g "did not self-identify"). */
export const RACE = {
  american_indian_alaska_native: '210b',
  asian: '210c',
  black: '210d',
  native_hawaiian_pacific_islander: '210e',
  white: '210f',
} as const;
export const SCHOOL_STATUS = {
  in_school_secondary: '1',
  in_school_alternative: '2',
  in_school_postsecondary: '3',
  not_in_school_dropout: '4',
  not_in_school_graduate: '5',
  not_in_school_compulsory_age: '6',
} as const;
export const EDUCATION_LEVEL = {
  none: '0',
  high_school_diploma: '1',
  high_school_equivalency: '2',
  disability_certificate: '3',
  some_postsecondary: '4',
  postsecondary_certificate: '5',
  associate: '6',
  bachelor: '7',
  beyond_bachelor: '8',
} as const;
export const EMPLOYMENT_STATUS = {
  unemployed: '0',
  employed: '1',
  employed_notice_of_termination: '2',
  not_in_labor_force: '3',
} as const;
/** Barriers to employment at program entry; each is its own PIRL element (1 = yes). null: no PIRL element. */
export const BARRIERS = {
  long_term_unemployed: 402,
  exhausting_tanf: 601,
  foster_care_youth: 704,
  homeless: 800,
  ex_offender: 801,
  low_income: 802,
  english_learner: 803,
  basic_skills_deficient: 804,
  cultural_barriers: 805,
  single_parent: 806,
  displaced_homemaker: 807,
  migrant_seasonal_farmworker: null,
  pregnant_or_parenting: null,
  requires_additional_assistance: null,
} as const;
/** Public assistance received at program entry (PIRL 600-series, 1 = yes). */
export const PUBLIC_ASSISTANCE = { tanf: 600, ssi_ssdi: 602, snap: 603, other_public_assistance: 604 } as const;
export const SELECTIVE_SERVICE = ['registered', 'not_required', 'not_registered'] as const;
export const DISLOCATION_CATEGORIES = [
  'laid_off',
  'notice_of_layoff',
  'plant_closure',
  'self_employed_economic',
  'displaced_homemaker',
  'military_spouse',
  'separated_service_member',
] as const;
export const PARTICIPANT_STATUSES = ['draft', 'applicant', 'enrolled', 'exited', 'merged'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const sexValue = z.enum(keys(SEX));
export const yesNo = z.enum(keys(YES_NO));
export const raceValue = z.enum(keys(RACE));
export const schoolStatus = z.enum(keys(SCHOOL_STATUS));
export const educationLevel = z.enum(keys(EDUCATION_LEVEL));
export const employmentStatus = z.enum(keys(EMPLOYMENT_STATUS));
export const barrier = z.enum(keys(BARRIERS));
export const publicAssistance = z.enum(keys(PUBLIC_ASSISTANCE));
export type Barrier = z.infer<typeof barrier>;

/** Nine digits, dashes optional; the invalid areas 000, 666 and 900-999 are refused. */
export const ssn = z
  .string()
  .trim()
  .regex(/^\d{3}-?\d{2}-?\d{4}$/, 'An SSN is nine digits, as 123-45-6789')
  .transform((v) => v.replace(/-/g, ''))
  .refine((v) => !/^(000|666|9)/.test(v) && v.slice(3, 5) !== '00' && v.slice(5) !== '0000', 'This is not a valid SSN');

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v));
const cents = z.number().int().min(0).max(100_000_000_00);

export const dislocation = z.strictObject({
  category: z.enum(DISLOCATION_CATEGORIES),
  separationDate: isoDate.nullable().optional(),
  /** Eligible for or exhausted unemployment compensation. */
  ucEligibleOrExhausted: z.boolean().nullable().optional(),
  /** Unlikely to return to the previous industry or occupation. */
  unlikelyToReturn: z.boolean().nullable().optional(),
});
export type Dislocation = z.infer<typeof dislocation>;

/** Intake: everything but the name may be left for later (status "draft") and completed on resume. */
export const intakeFields = z.strictObject({
  firstName: z.string().trim().min(1).max(100),
  middleName: text(100).nullable().optional(),
  lastName: z.string().trim().min(1).max(100),
  ssn: ssn.nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  email: z
    .email()
    .max(254)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: text(40).nullable().optional(),
  addressLine1: text(200).nullable().optional(),
  addressLine2: text(200).nullable().optional(),
  city: text(100).nullable().optional(),
  stateCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  postalCode: z
    .string()
    .regex(/^\d{5}(-\d{4})?$/)
    .nullable()
    .optional(),
  countyFips: z
    .string()
    .regex(/^\d{5}$/)
    .nullable()
    .optional(),
  preferredLanguage: z
    .string()
    .regex(/^[a-z]{2}$/, 'ISO 639-1 code, as en or es')
    .nullable()
    .optional(),
  sex: sexValue.nullable().optional(),
  hispanic: yesNo.nullable().optional(),
  race: z.array(raceValue).max(5).optional(),
  veteran: yesNo.nullable().optional(),
  disability: yesNo.nullable().optional(),
  schoolStatus: schoolStatus.nullable().optional(),
  educationLevel: educationLevel.nullable().optional(),
  employmentStatus: employmentStatus.nullable().optional(),
  preProgramWages: z
    .strictObject({ q1PriorCents: cents.nullable(), q2PriorCents: cents.nullable(), q3PriorCents: cents.nullable() })
    .nullable()
    .optional(),
  barriers: z.array(barrier).max(20).optional(),
  publicAssistance: z.array(publicAssistance).max(4).optional(),
  familySize: z.number().int().min(1).max(30).nullable().optional(),
  annualFamilyIncomeCents: cents.nullable().optional(),
  selectiveService: z.enum(SELECTIVE_SERVICE).nullable().optional(),
  authorizedToWork: z.boolean().nullable().optional(),
  dislocation: dislocation.nullable().optional(),
  navigatorUserId: uuid.nullable().optional(),
  externalId: text(100).nullable().optional(),
});
export type IntakeFields = z.infer<typeof intakeFields>;

export const intakeBody = intakeFields.extend({
  /** The organization whose caseload this is; defaults to the caller's (only) navigator organization. */
  ownerOrganizationId: uuid.optional(),
  /** true: intake is finished (required fields are checked); false or absent: saved as a draft. */
  complete: z.boolean().optional(),
  /** Create even though the duplicate check found candidates (the caller looked and they differ). */
  confirmNotDuplicate: z.boolean().optional(),
  /** The caller says this is the same person as an existing record: create and link to it. */
  linkToParticipantId: uuid.optional(),
});
export type IntakeBody = z.infer<typeof intakeBody>;
export const intakePatch = intakeFields.partial().extend({ complete: z.boolean().optional() });
export type IntakePatch = z.infer<typeof intakePatch>;

/** Fields an intake must have before it is complete. */
export const REQUIRED_FOR_COMPLETION = [
  'dateOfBirth',
  'sex',
  'stateCode',
  'countyFips',
  'employmentStatus',
  'educationLevel',
  'veteran',
  'disability',
] as const;

/** Intake field → PIRL element, for fields that are one element each. */
export const PIRL_FIELDS = {
  id: 100,
  stateCode: 101,
  countyFips: 102,
  dateOfBirth: 200,
  sex: 201,
  disability: 202,
  hispanic: '210a',
  veteran: 300,
  employmentStatus: 400,
  schoolStatus: 409,
  educationLevel: 408,
  'preProgramWages.q3PriorCents': 1700,
  'preProgramWages.q2PriorCents': 1701,
  'preProgramWages.q1PriorCents': 1702,
  entryDate: 900,
  exitDate: 901,
  exitReason: 923,
} as const;

/** A participant's intake as PIRL element → value (codes as PIRL writes them; dates YYYYMMDD). */
export function toPirl(p: Partial<IntakeFields> & { id?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  const date = (d: string | null | undefined) => (d ? d.replace(/-/g, '') : undefined);
  const set = (el: number | string | null, v: string | undefined | null) => {
    if (el !== null && v !== undefined && v !== null) out[String(el)] = v;
  };
  set(PIRL_FIELDS.id, p.id);
  set(PIRL_FIELDS.stateCode, p.stateCode);
  set(PIRL_FIELDS.countyFips, p.countyFips?.slice(2));
  set(PIRL_FIELDS.dateOfBirth, date(p.dateOfBirth));
  set(PIRL_FIELDS.sex, p.sex ? SEX[p.sex] : undefined);
  set(PIRL_FIELDS.disability, p.disability ? YES_NO[p.disability] : undefined);
  set(PIRL_FIELDS.hispanic, p.hispanic ? YES_NO[p.hispanic] : undefined);
  set(PIRL_FIELDS.veteran, p.veteran ? YES_NO[p.veteran] : undefined);
  set(PIRL_FIELDS.employmentStatus, p.employmentStatus ? EMPLOYMENT_STATUS[p.employmentStatus] : undefined);
  set(PIRL_FIELDS.schoolStatus, p.schoolStatus ? SCHOOL_STATUS[p.schoolStatus] : undefined);
  set(PIRL_FIELDS.educationLevel, p.educationLevel ? EDUCATION_LEVEL[p.educationLevel] : undefined);
  const wages = p.preProgramWages;
  if (wages) {
    set(PIRL_FIELDS['preProgramWages.q3PriorCents'], wages.q3PriorCents === null ? undefined : (wages.q3PriorCents / 100).toFixed(2));
    set(PIRL_FIELDS['preProgramWages.q2PriorCents'], wages.q2PriorCents === null ? undefined : (wages.q2PriorCents / 100).toFixed(2));
    set(PIRL_FIELDS['preProgramWages.q1PriorCents'], wages.q1PriorCents === null ? undefined : (wages.q1PriorCents / 100).toFixed(2));
  }
  if (p.race) for (const [race, el] of Object.entries(RACE)) set(el, p.race.includes(race as keyof typeof RACE) ? '1' : '0');
  if (p.barriers) for (const [b, el] of Object.entries(BARRIERS)) set(el, p.barriers.includes(b as Barrier) ? '1' : '0');
  if (p.publicAssistance) {
    for (const [a, el] of Object.entries(PUBLIC_ASSISTANCE))
      set(el, p.publicAssistance.includes(a as keyof typeof PUBLIC_ASSISTANCE) ? '1' : '0');
  }
  return out;
}

// ---- What the API returns. Sections are null when the caller may not see that data category.

export const DATA_CATEGORIES = ['contact', 'demographics', 'education_training', 'employment_wages', 'assessments', 'case_notes'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const dataCategory = z.enum(DATA_CATEGORIES);

export const accessInfo = z.object({
  /** owner: the caller's organization holds the case (or the caller oversees the partnership); consent: shared with the caller's organization. */
  basis: z.enum(['owner', 'partnership', 'consent']),
  categories: z.array(dataCategory),
  canEdit: z.boolean(),
});
export type AccessInfo = z.infer<typeof accessInfo>;

export const participantLink = z.object({
  participantId: uuid,
  reason: z.enum(['same_person', 'ssn_match']),
  /** false: the linked record belongs to a caseload the caller may not see; only its existence is shown. */
  visible: z.boolean(),
  name: z.string().nullable(),
  organizationName: z.string().nullable(),
  createdAt: isoDateTime,
});

export const participant = z.object({
  id: uuid,
  status: z.enum(PARTICIPANT_STATUSES),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  ownerOrganization: z.object({ id: uuid, name: z.string() }),
  navigator: z.object({ id: uuid, name: z.string() }).nullable(),
  access: accessInfo,
  /** "***-**-1234"; reveal the full number through POST /participants/:id/reveal. */
  ssnMasked: z.string().nullable(),
  contact: z
    .object({
      email: z.string().nullable(),
      phone: z.string().nullable(),
      addressLine1: z.string().nullable(),
      addressLine2: z.string().nullable(),
      city: z.string().nullable(),
      stateCode: z.string().nullable(),
      postalCode: z.string().nullable(),
      countyFips: z.string().nullable(),
      countyName: z.string().nullable(),
      preferredLanguage: z.string().nullable(),
    })
    .nullable(),
  demographics: z
    .object({
      dateOfBirth: z.string().nullable(),
      sex: sexValue.nullable(),
      hispanic: yesNo.nullable(),
      race: z.array(raceValue),
      veteran: yesNo.nullable(),
      disability: yesNo.nullable(),
      barriers: z.array(barrier),
    })
    .nullable(),
  education: z.object({ schoolStatus: schoolStatus.nullable(), educationLevel: educationLevel.nullable() }).nullable(),
  employment: z
    .object({
      employmentStatus: employmentStatus.nullable(),
      preProgramWages: z.object({
        q1PriorCents: z.number().nullable(),
        q2PriorCents: z.number().nullable(),
        q3PriorCents: z.number().nullable(),
      }),
    })
    .nullable(),
  /** Facts used for eligibility; the owning organization only. */
  eligibilityFacts: z
    .object({
      publicAssistance: z.array(publicAssistance),
      familySize: z.number().nullable(),
      annualFamilyIncomeCents: z.number().nullable(),
      selectiveService: z.enum(SELECTIVE_SERVICE).nullable(),
      authorizedToWork: z.boolean().nullable(),
      dislocation: dislocation.nullable(),
    })
    .nullable(),
  externalId: z.string().nullable(),
  missingForCompletion: z.array(z.string()),
  links: z.array(participantLink),
  mergedIntoId: uuid.nullable(),
  intakeCompletedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Participant = z.infer<typeof participant>;

export const participantSummary = z.object({
  id: uuid,
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(PARTICIPANT_STATUSES),
  ownerOrganizationId: uuid,
  ownerOrganizationName: z.string(),
  navigatorName: z.string().nullable(),
  /** Of the latest period of participation (the open one, if any); with its exit date once exited. */
  entryDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  lastServiceDate: z.string().nullable(),
  /** Why the caller sees this record. */
  basis: z.enum(['owner', 'partnership', 'consent']),
});
export type ParticipantSummary = z.infer<typeof participantSummary>;

export const participantFilters = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PARTICIPANT_STATUSES).optional(),
  /** Open participation in this funding stream. */
  fundingStreamId: uuid.optional(),
  cohortId: uuid.optional(),
  navigatorUserId: uuid.optional(),
  /** "me": the caller's own assigned participants. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  organizationId: uuid.optional(),
  /** A period of participation (open or closed) in this initiative. */
  ...initiativeFilter,
});
export type ParticipantFilters = z.infer<typeof participantFilters>;
export const participantListQuery = pageQuery.extend(participantFilters.shape);
export type ParticipantListQuery = z.infer<typeof participantListQuery>;

export const duplicateCheckBody = z.strictObject({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  dateOfBirth: isoDate.nullable().optional(),
  ssn: ssn.nullable().optional(),
});
export const duplicateCandidate = z.object({
  participantId: uuid,
  matchedOn: z.enum(['ssn', 'name_and_date_of_birth']),
  /** Name similarity 0..1 (1 for an SSN match). */
  score: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  organizationName: z.string(),
  status: z.enum(PARTICIPANT_STATUSES),
});
export const duplicateCheckResult = z.object({
  candidates: z.array(duplicateCandidate),
  /** Matches in caseloads the caller may not see: counted, never shown. Creating will link to them. */
  hiddenMatches: z.number().int(),
});
export type DuplicateCheckResult = z.infer<typeof duplicateCheckResult>;

export const linkBody = z.strictObject({ otherParticipantId: uuid, note: z.string().trim().max(500).optional() });
export const mergeBody = z.strictObject({
  /** The record that remains; this record's history moves to it and this one is marked merged. */
  intoParticipantId: uuid,
  reason: z.string().trim().min(5).max(500),
});
export const REVEALABLE = ['ssn', 'dateOfBirth'] as const;
export const revealBody = z.strictObject({ field: z.enum(REVEALABLE), reason: z.string().trim().min(5).max(500) });
export const revealResult = z.object({ field: z.enum(REVEALABLE), value: z.string().nullable() });

/** Saved filters travel as JSON, so "mine" is a boolean there. */
export const savedFilterFilters = participantFilters.extend({ mine: z.boolean().optional() });
export type SavedFilterFilters = z.infer<typeof savedFilterFilters>;
export const savedFilterBody = z.strictObject({ name: z.string().trim().min(1).max(100), filters: savedFilterFilters });
export const savedFilter = z.object({ id: uuid, name: z.string(), filters: savedFilterFilters, createdAt: isoDateTime });
export type SavedFilter = z.infer<typeof savedFilter>;

export const exportQuery = participantFilters.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
/** The analyst's de-identified export: filters that say nothing about a person (no name search). */
export const deidentifiedExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  status: z.enum(PARTICIPANT_STATUSES).optional(),
  organizationId: uuid.optional(),
  fundingStreamId: uuid.optional(),
  cohortId: uuid.optional(),
  ...initiativeFilter,
});

// ---- Import

export const IMPORT_FIELDS = [
  'externalId',
  'firstName',
  'middleName',
  'lastName',
  'ssn',
  'dateOfBirth',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'city',
  'stateCode',
  'postalCode',
  'countyFips',
  'preferredLanguage',
  'sex',
  'hispanic',
  'race',
  'veteran',
  'disability',
  'schoolStatus',
  'educationLevel',
  'employmentStatus',
  'barriers',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const importMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200));
export const importStartBody = z.strictObject({
  /** Braid field → column header in the file. */
  mapping: importMapping,
  ownerOrganizationId: uuid.optional(),
  /** all_or_nothing: any rejected row stops the import; skip_invalid: import the valid rows and report the rest. */
  mode: z.enum(['all_or_nothing', 'skip_invalid']).default('all_or_nothing'),
});
/**
 * Why an import row was rejected, as a stable code the web app translates (with `params`), beside the
 * English `reason` of the CSV report. Never the cell's value.
 */
export const IMPORT_REJECTION_CODES = [
  'required',
  'invalid',
  'invalid_format',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'email',
  'ssn_format',
  'ssn_invalid',
  'state_code',
  'postal_code',
  'language_code',
  'not_a_date',
  'unknown_county',
  'unknown_value',
  'unknown_list_value',
  'duplicate_in_file',
] as const;
export type ImportRejectionCode = (typeof IMPORT_REJECTION_CODES)[number];
export const importRowError = z.object({
  line: z.number().int(),
  field: z.string(),
  code: z.enum(IMPORT_REJECTION_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  reason: z.string(),
});
export const importRun = z.object({
  id: uuid,
  filename: z.string(),
  status: z.enum(['uploaded', 'validating', 'rejected', 'importing', 'completed', 'failed']),
  headers: z.array(z.string()),
  suggestedMapping: importMapping,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  skippedRows: z.number().int(),
  rejectedRows: z.number().int(),
  errors: z.array(importRowError),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type ImportRun = z.infer<typeof importRun>;
/** A dry run of an import with a mapping: what would happen, and every rejected row. */
export const importPreview = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Valid rows that would create a participant. */
  newRows: z.number().int(),
  /** Valid rows already on file (same import key or SSN), which a run skips. */
  alreadyImportedRows: z.number().int(),
  rejectedRows: z.number().int(),
  errors: z.array(importRowError),
});
export type ImportPreview = z.infer<typeof importPreview>;

// ---- Timeline

export const timelineEvent = z.object({
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  entityId: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;
