import { z } from 'zod';
import { isoDateTime, pageOf, uuid } from './common.ts';

// Outcomes: PIRL files, UI wage records and the WIOA primary indicators (issue 7,
// docs/wioa-indicators.md). The web app and the API share these shapes; the CLI prints the same JSON.

/** The PIRL elements Braid reads and writes, in the column order of an export. */
export const PIRL_ELEMENTS = [
  '100',
  '200',
  '201',
  '210a',
  '210b',
  '210c',
  '210d',
  '210e',
  '210f',
  '210g',
  '900',
  '901',
  '903',
  '904',
  '905',
  '923',
  '1811',
  '1813',
  '1800',
  '1801',
  '1806',
  '1807',
  '1808',
  '1809',
  '1810',
  '1600',
  '1602',
  '1604',
  '1606',
  '1618',
  '1703',
  '1704',
  '1705',
  '1706',
  '1900',
  '1901',
] as const;
export type PirlElement = (typeof PIRL_ELEMENTS)[number];

export const WIOA_PROGRAMS = ['adult', 'dw', 'youth', 'all'] as const;
export type WioaProgram = (typeof WIOA_PROGRAMS)[number];

/** A calendar quarter as PIRL and UI wage files name it: 2024Q3. */
export const yearQuarter = z.string().regex(/^\d{4}Q[1-4]$/, 'A quarter, as 2024Q3');

export const wioaReportQuery = z.strictObject({
  programYear: z.coerce.number().int().min(2000).max(2100),
  program: z.enum(WIOA_PROGRAMS).default('all'),
  /** Quarters after this one have no wage data yet; default: the latest quarter with a wage record. */
  wageDataThrough: yearQuarter.optional(),
  /** Only the periods of participation that name this sector initiative. */
  initiativeId: uuid.optional(),
});
export type WioaReportQuery = z.infer<typeof wioaReportQuery>;

const cohort = z.object({ from: z.string(), to: z.string() });
export const rateIndicator = z.object({
  /** null only where a small cell is suppressed (aggregate-only viewers; see suppressed). */
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  /** Percent, unrounded; null when the denominator is 0. */
  rate: z.number().nullable(),
  /** Percent rounded half-up to 0.1; null when the denominator is 0. */
  rateRounded: z.number().nullable(),
  cohort,
  /** Present (true) when the cohort is too small to show to this viewer. */
  suppressed: z.boolean().optional(),
});
export type RateIndicator = z.infer<typeof rateIndicator>;
export const medianIndicator = z.object({
  /** Periods with known quarter-2 earnings. */
  count: z.number().int().nullable(),
  /** Dollars, rounded to cents; null when count is 0. */
  median: z.number().nullable(),
  cohort,
  suppressed: z.boolean().optional(),
});
export type MedianIndicator = z.infer<typeof medianIndicator>;

export const wioaReport = z.object({
  programYear: z.number().int(),
  program: z.enum(WIOA_PROGRAMS),
  wageDataThrough: yearQuarter.nullable(),
  indicators: z.object({
    employment_q2: rateIndicator,
    employment_q4: rateIndicator,
    median_earnings_q2: medianIndicator,
    credential_attainment: rateIndicator,
    measurable_skill_gains: rateIndicator,
    retention_same_employer: rateIndicator,
  }),
});
export type WioaReport = z.infer<typeof wioaReport>;

/**
 * Dimensions for disaggregation. sex, ethnicity, county and provider partition the periods (totals add
 * up); barrier and program overlap (a period counts in each of its barriers or programs).
 */
export const WIOA_DIMENSIONS = ['sex', 'ethnicity', 'age', 'county', 'barrier', 'program', 'provider'] as const;
/** Age at program entry (PIRL 200 against 900). */
export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type WioaDimension = (typeof WIOA_DIMENSIONS)[number];
export const OVERLAPPING_DIMENSIONS: readonly WioaDimension[] = ['barrier', 'program'];
export const wioaByQuery = wioaReportQuery.extend({ by: z.enum(WIOA_DIMENSIONS) });
export type WioaByQuery = z.infer<typeof wioaByQuery>;
const indicators = wioaReport.shape.indicators;
export const wioaByReport = z.object({
  programYear: z.number().int(),
  program: z.enum(WIOA_PROGRAMS),
  wageDataThrough: yearQuarter.nullable(),
  by: z.enum(WIOA_DIMENSIONS),
  /** Cells (denominators, earnings counts) from 1 to threshold - 1 are suppressed, with complements. */
  threshold: z.number().int(),
  total: indicators,
  /** true for barrier and program: a period may count in several groups, so groups do not add up to the total. */
  overlapping: z.boolean(),
  /**
   * Group keys are Braid's codes (sex: male, female, not_disclosed; ethnicity: yes, no, not_disclosed;
   * age: an AGE_BANDS code; county: FIPS; barrier: a barrier code or none; program: adult, dw, youth; provider: organization id),
   * or unknown. label: the organization's name for provider.
   */
  groups: z.array(z.object({ key: z.string(), label: z.string().optional(), indicators })),
});
export type WioaByReport = z.infer<typeof wioaByReport>;

export const OUTCOME_IMPORT_KINDS = ['pirl', 'wages'] as const;
export const rowError = z.object({ line: z.number().int(), element: z.string(), reason: z.string() });
export type RowError = z.infer<typeof rowError>;

export const outcomeImport = z.object({
  id: uuid,
  kind: z.enum(OUTCOME_IMPORT_KINDS),
  filename: z.string(),
  status: z.enum(['uploaded', 'validating', 'rejected', 'importing', 'completed', 'failed']),
  /** Data rows in the file (known once it is uploaded; 0 when the file is streamed). */
  totalRows: z.number().int(),
  /** Data rows read so far (progress while importing). */
  processedRows: z.number().int(),
  /** Rows that created or changed something. */
  importedRows: z.number().int(),
  /** Rows already present exactly as given. */
  unchangedRows: z.number().int(),
  /** Of importedRows, those that replaced an earlier value (wage records); 0 for PIRL. */
  replacedRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** Size of the uploaded file and how much of it the job has read (the progress bar of a wage import). */
  totalBytes: z.number().int(),
  processedBytes: z.number().int(),
  /** The first 1000 rejected rows; the CSV report has them all (up to 100,000). */
  errors: z.array(rowError),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type OutcomeImport = z.infer<typeof outcomeImport>;

/** Recent imports of one kind, newest first (the wage import page's list); rejected rows are not listed. */
export const outcomeImportsQuery = z.strictObject({
  kind: z.enum(OUTCOME_IMPORT_KINDS),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
});
export type OutcomeImportsQuery = z.infer<typeof outcomeImportsQuery>;
export const outcomeImportSummary = outcomeImport.omit({ errors: true });
export type OutcomeImportSummary = z.infer<typeof outcomeImportSummary>;
export const outcomeImportPage = pageOf(outcomeImportSummary);

export const pirlUploadFields = z.strictObject({
  /** The organization whose caseload new participants join; default: the tenant's intermediary. */
  ownerOrganizationId: uuid.optional(),
  /** true: import the valid rows and report the rest; default: any rejected row rejects the file. */
  skipRejected: z.enum(['true', 'false']).optional(),
});

// Braid's own indicators (docs/indicators.md), from case management as well as imports. A window is
// any span of dates (a program year, a quarter); each indicator states the cohort it counts.
export const indicatorsQuery = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    wageDataThrough: yearQuarter.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end comes before the start.' });
export type IndicatorsQuery = z.infer<typeof indicatorsQuery>;

const wageGain = z.object({
  /** Exiters with UI wage data whose quarter 2 after exit is within the wage data. */
  count: z.number().int().nullable(),
  /** Dollars per quarter: the mean of the four quarters before the entry quarter (no record = 0). */
  medianBefore: z.number().nullable(),
  /** Dollars in the second quarter after the exit quarter. */
  medianAfter: z.number().nullable(),
  /** Median of each person's after - before. */
  medianGain: z.number().nullable(),
  cohort,
  suppressed: z.boolean().optional(),
});
const countIndicator = z.object({ count: z.number().int(), cohort });
export const credentialGroup = z.object({ key: z.string(), label: z.string().optional(), indicator: rateIndicator });

export const braidIndicators = z.object({
  from: z.string(),
  to: z.string(),
  wageDataThrough: yearQuarter.nullable(),
  indicators: z.object({
    placement_rate: rateIndicator,
    /** Median hourly wage of those placements that record one (dollars). */
    median_starting_wage: medianIndicator,
    health_benefits: rateIndicator,
    wage_gain: wageGain,
    credential_rate: rateIndicator,
    /** Placements with a starting wage at or above the living wage (1A0C) of the person's county, among those with both known. */
    living_wage_share: rateIndicator,
    employers_served: countIndicator,
    repeat_employers: rateIndicator,
    /** Employers served against the establishments of the region (region_establishment). */
    employer_penetration: rateIndicator,
    /** Referrals completed among those closed (completed, not completed, declined) in the window. */
    referral_completion: rateIndicator,
  }),
  /** Credential rate by training program and by training provider; small cells suppressed for everyone. */
  credentialBy: z.object({ program: z.array(credentialGroup), provider: z.array(credentialGroup) }),
  /** Indicators that cannot be computed until reference data is entered: employer_penetration without establishment counts, living_wage_share without a living-wage table. */
  pending: z.array(z.string()),
});
export type BraidIndicators = z.infer<typeof braidIndicators>;

// The region's establishments per county, the denominator of employer penetration (docs/indicators.md).
export const regionEstablishment = z.object({
  countyFips: z.string(),
  countyName: z.string().nullable(),
  establishments: z.number().int(),
  referenceYear: z.number().int(),
  source: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type RegionEstablishment = z.infer<typeof regionEstablishment>;
export const regionEstablishments = z.object({ total: z.number().int(), items: z.array(regionEstablishment) });
export type RegionEstablishments = z.infer<typeof regionEstablishments>;
export const establishmentBody = z.strictObject({
  countyFips: z.string().regex(/^\d{5}$/, 'County FIPS codes are 5 digits'),
  establishments: z.number().int().min(0).max(10_000_000),
  referenceYear: z.number().int().min(1990).max(2100),
  source: z.string().trim().max(300).optional(),
});
export type EstablishmentBody = z.infer<typeof establishmentBody>;
export const countyParams = z.strictObject({ countyFips: z.string().regex(/^\d{5}$/, 'County FIPS codes are 5 digits') });

// Targets (docs/indicators.md "Targets"): the level aimed at for an indicator in a program year.
export const TARGET_INDICATORS = [
  'employment_q2',
  'employment_q4',
  'median_earnings_q2',
  'credential_attainment',
  'measurable_skill_gains',
  'retention_same_employer',
  'placement_rate',
  'median_starting_wage',
  'health_benefits',
  'living_wage_share',
  'credential_rate',
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];
/** Braid's own indicators are measured for the whole partnership only. */
export const PARTNERSHIP_ONLY_INDICATORS: readonly TargetIndicator[] = [
  'placement_rate',
  'median_starting_wage',
  'health_benefits',
  'living_wage_share',
  'credential_rate',
];
/** Indicators measured in dollars; the rest are percents. */
export const DOLLAR_INDICATORS: readonly TargetIndicator[] = ['median_earnings_q2', 'median_starting_wage'];
/**
 * initiative: the periods that name the initiative; funding_stream: the periods charged to the stream (a
 * grant's target, until grants are records of their own).
 */
export const TARGET_SCOPES = ['partnership', 'program', 'provider', 'initiative', 'funding_stream'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];
export const TARGET_STATUSES = ['met', 'on_track', 'at_risk', 'no_data'] as const;

export const targetBody = z
  .strictObject({
    indicator: z.enum(TARGET_INDICATORS),
    scope: z.enum(TARGET_SCOPES),
    /** program: adult, dw or youth; provider, initiative, funding_stream: its id; partnership: omitted. */
    scopeKey: z.string().trim().max(64).optional(),
    programYear: z.number().int().min(2000).max(2100),
    /** Percent for rates, dollars for medians. */
    target: z.number().min(0).max(1_000_000),
  })
  .superRefine((b, ctx) => {
    if (b.scope === 'program' && !['adult', 'dw', 'youth'].includes(b.scopeKey ?? ''))
      ctx.addIssue({ code: 'custom', path: ['scopeKey'], message: 'Choose adult, dw or youth.' });
    if (b.scope === 'provider' && !z.uuid().safeParse(b.scopeKey).success)
      ctx.addIssue({ code: 'custom', path: ['scopeKey'], message: 'Choose a provider.' });
    if (b.scope === 'initiative' && !z.uuid().safeParse(b.scopeKey).success)
      ctx.addIssue({ code: 'custom', path: ['scopeKey'], message: 'Choose an initiative.' });
    if (b.scope === 'funding_stream' && !z.uuid().safeParse(b.scopeKey).success)
      ctx.addIssue({ code: 'custom', path: ['scopeKey'], message: 'Choose a funding stream.' });
    if (b.scope !== 'partnership' && PARTNERSHIP_ONLY_INDICATORS.includes(b.indicator))
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'This indicator is measured for the whole partnership.' });
    if (!DOLLAR_INDICATORS.includes(b.indicator) && b.target > 100)
      ctx.addIssue({
        code: 'too_big',
        origin: 'number',
        maximum: 100,
        inclusive: true,
        path: ['target'],
        message: 'At most 100 %.',
        input: b.target,
      });
  });
export type TargetBody = z.infer<typeof targetBody>;
export const targetsQuery = z.strictObject({ programYear: z.coerce.number().int().min(2000).max(2100) });

export const outcomeTarget = z.object({
  id: uuid,
  indicator: z.enum(TARGET_INDICATORS),
  scope: z.enum(TARGET_SCOPES),
  scopeKey: z.string(),
  /** The provider's, initiative's or funding stream's name, or the program's code. */
  scopeLabel: z.string().nullable(),
  programYear: z.number().int(),
  target: z.number(),
  /** The latest quarter's value (rolling four quarters); null when nothing to measure or suppressed. */
  actual: z.number().nullable(),
  status: z.enum(TARGET_STATUSES),
  /** One point per quarter of the program year, each over the four quarters ending then. */
  trend: z.array(
    z.object({ quarter: yearQuarter, value: z.number().nullable(), cell: z.number().int().nullable(), suppressed: z.boolean() }),
  ),
});
export type OutcomeTarget = z.infer<typeof outcomeTarget>;
export const outcomeTargets = z.object({ programYear: z.number().int(), items: z.array(outcomeTarget) });

// Drill-down: the participants behind a numerator or denominator (identified; outcomes.drilldown only).
export const drilldownQuery = wioaReportQuery.extend({
  indicator: z.enum([
    'employment_q2',
    'employment_q4',
    'median_earnings_q2',
    'credential_attainment',
    'measurable_skill_gains',
    'retention_same_employer',
  ]),
  part: z.enum(['numerator', 'denominator']),
  by: z.enum(WIOA_DIMENSIONS).optional(),
  /** A group key of `by` (as the disaggregation gives it). */
  group: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type DrilldownQuery = z.infer<typeof drilldownQuery>;
export const drilldownPage = z.object({
  items: z.array(z.object({ participantId: uuid, participationId: uuid, name: z.string(), exitDate: z.string().nullable() })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type DrilldownPage = z.infer<typeof drilldownPage>;
