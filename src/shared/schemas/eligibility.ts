import { z } from 'zod';
import { isoDateTime, uuid } from './common.ts';
import { isoDate } from './participants.ts';

// Funding streams and their declarative, versioned eligibility rules (docs/eligibility.md).
// A rule is a tree of conditions over facts derived from a participant's intake at a date; the
// evaluator (server, eligibility.rules.ts) answers eligible / not_eligible / incomplete with the
// reason for every condition and the evidence to collect for the conditions that were met.

export const SOURCE_TYPES = [
  'wioa_adult',
  'wioa_dislocated_worker',
  'wioa_youth',
  'tanf',
  'snap_et',
  'state',
  'philanthropic',
  'employer',
  'other',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const BUILT_IN_RULES = ['wioa_adult', 'wioa_dislocated_worker', 'wioa_youth', 'tanf', 'snap_et', 'region_residence'] as const;
export type BuiltInRule = (typeof BUILT_IN_RULES)[number];

/** Facts a rule can test, derived from the participant record at the determination date. */
export const FACTS = [
  'age',
  'sex',
  'state_code',
  'county_fips',
  'barriers',
  'public_assistance',
  'employment_status',
  'school_status',
  'education_level',
  'veteran',
  'disability',
  'selective_service',
  'authorized_to_work',
  'family_size',
  'income_percent_of_poverty',
  'dislocation_category',
  'dislocation_uc_eligible_or_exhausted',
  'dislocation_unlikely_to_return',
] as const;
export type Fact = (typeof FACTS)[number];

export const OPERATORS = ['eq', 'neq', 'gte', 'lte', 'between', 'in', 'includes', 'includes_any', 'is_true', 'is_false'] as const;

export interface LeafCondition {
  fact: Fact;
  op: (typeof OPERATORS)[number];
  value?: unknown;
  label: string;
  evidence?: string[];
}
export interface GroupCondition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  label: string;
  evidence?: string[];
}
export type Condition = LeafCondition | GroupCondition;

const leaf = z.strictObject({
  fact: z.enum(FACTS),
  op: z.enum(OPERATORS),
  value: z.unknown().optional(),
  label: z.string().min(1).max(300),
  evidence: z.array(z.string().max(300)).max(20).optional(),
});
export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leaf,
    z.strictObject({
      all: z.array(condition).min(1).max(50).optional(),
      any: z.array(condition).min(1).max(50).optional(),
      not: condition.optional(),
      label: z.string().min(1).max(300),
      evidence: z.array(z.string().max(300)).max(20).optional(),
    }),
  ]),
) as z.ZodType<Condition>;

export const ruleDefinition = z.strictObject({
  /** The built-in rule this definition came from, if any (its version is ours, not the tenant's). */
  builtIn: z.enum(BUILT_IN_RULES).optional(),
  summary: z.string().max(1000),
  requires: condition,
  /** Priority of service: the first level whose condition holds (1 = served first). */
  priority: z
    .array(z.strictObject({ level: z.number().int().min(1).max(9), label: z.string().max(300), when: condition }))
    .max(9)
    .optional(),
  /** Parameters the built-in rules read (e.g. the counties of the region). */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type RuleDefinition = z.infer<typeof ruleDefinition>;

export const fundingStreamBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    sourceType: z.enum(SOURCE_TYPES),
    description: z.string().trim().max(2000).nullable().optional(),
    /** A built-in rule (with optional parameters, e.g. { counties: [...] } for region_residence)… */
    builtInRule: z.enum(BUILT_IN_RULES).optional(),
    ruleParams: z.record(z.string(), z.unknown()).optional(),
    /** …or a custom definition. */
    rule: ruleDefinition.optional(),
  })
  .refine((b) => !!b.builtInRule !== !!b.rule, { message: 'Give either builtInRule or rule.', path: ['rule'] });
export type FundingStreamBody = z.infer<typeof fundingStreamBody>;

export const ruleVersionBody = z.strictObject({ rule: ruleDefinition });

export const fundingStream = z.object({
  id: uuid,
  name: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  description: z.string().nullable(),
  active: z.boolean(),
  ruleVersion: z.number().int().nullable(),
  rule: ruleDefinition.nullable(),
  createdAt: isoDateTime,
});
export type FundingStream = z.infer<typeof fundingStream>;

export const reason = z.object({
  label: z.string(),
  /** null: the fact is not recorded yet. */
  met: z.boolean().nullable(),
  detail: z.string(),
  depth: z.number().int(),
});
export type Reason = z.infer<typeof reason>;

export const evaluation = z.object({
  fundingStreamId: uuid,
  fundingStreamName: z.string(),
  ruleVersion: z.number().int(),
  asOf: z.string(),
  result: z.enum(['eligible', 'not_eligible', 'incomplete']),
  priority: z.object({ level: z.number().int(), label: z.string() }).nullable(),
  reasons: z.array(reason),
  evidence: z.array(z.string()),
  missingFacts: z.array(z.string()),
});
export type Evaluation = z.infer<typeof evaluation>;

export const evaluateBody = z.strictObject({
  fundingStreamIds: z.array(uuid).max(20).optional(),
  asOf: isoDate.optional(),
});
export const determineBody = z.strictObject({
  fundingStreamId: uuid,
  asOf: isoDate.optional(),
  note: z.string().trim().max(1000).optional(),
});

export const determination = evaluation.extend({
  id: uuid,
  participantId: uuid,
  determinedBy: z.string().nullable(),
  determinedAt: isoDateTime,
  note: z.string().nullable(),
});
export type Determination = z.infer<typeof determination>;
