import { z } from 'zod';
import { initiativeFilter, isoDateTime, pageQuery, uuid } from './common.ts';
import { isoDate } from './initiatives.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const ref = z.object({ id: uuid, name: z.string() });

export const STRATEGY_STATUSES = ['planned', 'active', 'paused', 'completed'] as const;
export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'at_risk', 'done', 'dropped'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

const dateOrder = (v: { startsOn?: string | null; endsOn?: string | null }) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;

export const objectiveBody = z.strictObject({
  title: text(300).min(1),
  description: optionalText(4000),
  ownerId: uuid.nullable().optional(),
});
export type ObjectiveBody = z.infer<typeof objectiveBody>;
export const objectivePatch = objectiveBody.partial();

export const strategyBody = z
  .strictObject({
    initiativeId: uuid.nullable().optional(),
    title: text(300).min(1),
    description: optionalText(10_000),
    status: z.enum(STRATEGY_STATUSES).default('planned'),
    ownerId: uuid.nullable().optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    objectives: z.array(objectiveBody).max(50).default([]),
    /** Names of the indicators that will show progress (linked to outcome indicators later). */
    indicators: z.array(text(200).min(1)).max(50).default([]),
  })
  .refine(dateOrder, { path: ['endsOn'], message: 'The strategy ends before it starts.' });
export type StrategyBody = z.infer<typeof strategyBody>;
export const strategyPatch = z
  .strictObject({
    initiativeId: uuid.nullable(),
    title: text(300).min(1),
    description: optionalText(10_000),
    status: z.enum(STRATEGY_STATUSES),
    ownerId: uuid.nullable(),
    startsOn: isoDate.nullable(),
    endsOn: isoDate.nullable(),
  })
  .partial();
export type StrategyPatch = z.infer<typeof strategyPatch>;

export const milestoneBody = z.strictObject({
  objectiveId: uuid.nullable().optional(),
  title: text(300).min(1),
  description: optionalText(4000),
  dueOn: isoDate,
  status: z.enum(MILESTONE_STATUSES).default('not_started'),
  ownerId: uuid.nullable().optional(),
});
export type MilestoneBody = z.infer<typeof milestoneBody>;
export const milestonePatch = z
  .strictObject({
    objectiveId: uuid.nullable(),
    title: text(300).min(1),
    description: optionalText(4000),
    dueOn: isoDate,
    status: z.enum(MILESTONE_STATUSES),
    completedOn: isoDate.nullable(),
    ownerId: uuid.nullable(),
  })
  .partial();
export type MilestonePatch = z.infer<typeof milestonePatch>;

export const indicatorsBody = z.strictObject({ names: z.array(text(200).min(1)).max(50) });

export const evidenceItem = z.strictObject({
  label: text(300).min(1),
  url: z
    .url({ protocol: /^https?$/, error: 'Use a web address starting with https:// or http://' })
    .max(1000)
    .nullable()
    .optional(),
});
export const progressUpdateBody = z.strictObject({
  summary: text(10_000).min(1),
  occurredOn: isoDate,
  milestoneId: uuid.nullable().optional(),
  /** Moves the milestone to this status (done sets its completion date to occurredOn). */
  milestoneStatus: z.enum(MILESTONE_STATUSES).nullable().optional(),
  evidence: z.array(evidenceItem).max(20).default([]),
});
export type ProgressUpdateBody = z.infer<typeof progressUpdateBody>;

export const objective = z.object({
  id: uuid,
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  owner: ref.nullable(),
});
export const milestone = z.object({
  id: uuid,
  strategyId: uuid,
  objectiveId: uuid.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  completedOn: z.string().nullable(),
  owner: ref.nullable(),
  overdue: z.boolean(),
});
export type Milestone = z.infer<typeof milestone>;
export const indicator = z.object({ id: uuid, name: z.string(), indicatorId: uuid.nullable() });

export const strategyProgress = z.object({
  milestones: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  atRisk: z.number().int(),
  /** Share of milestones done (dropped ones excluded), 0–100. */
  percentDone: z.number().int(),
});

export const strategySummary = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  title: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  owner: ref.nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  progress: strategyProgress,
  nextMilestone: z.object({ id: uuid, title: z.string(), dueOn: z.string() }).nullable(),
  lastUpdateOn: z.string().nullable(),
});
export type StrategySummary = z.infer<typeof strategySummary>;

export const strategy = strategySummary.extend({
  description: z.string().nullable(),
  objectives: z.array(objective),
  milestones: z.array(milestone),
  indicators: z.array(indicator),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Strategy = z.infer<typeof strategy>;

export const progressUpdate = z.object({
  id: uuid,
  strategyId: uuid,
  milestone: z.object({ id: uuid, title: z.string() }).nullable(),
  author: ref.nullable(),
  occurredOn: z.string(),
  summary: z.string(),
  milestoneStatus: z.enum(MILESTONE_STATUSES).nullable(),
  evidence: z.array(z.object({ label: z.string(), url: z.string().nullable() })),
  createdAt: isoDateTime,
});
export type ProgressUpdate = z.infer<typeof progressUpdate>;

export const TIMELINE_KINDS = ['strategy_start', 'strategy_end', 'milestone_due', 'milestone_done', 'update'] as const;
export const timelineItem = z.object({
  date: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  title: z.string(),
  milestoneId: uuid.nullable(),
  updateId: uuid.nullable(),
  status: z.enum(MILESTONE_STATUSES).nullable(),
});
export const timeline = z.object({ strategyId: uuid, today: z.string(), items: z.array(timelineItem) });

export const strategyListQuery = pageQuery.extend({
  status: z.enum(STRATEGY_STATUSES).optional(),
  ownerId: uuid.optional(),
  ...initiativeFilter,
});
export const milestoneListQuery = pageQuery.extend({
  status: z.enum(MILESTONE_STATUSES).optional(),
  ownerId: uuid.optional(),
  dueBefore: isoDate.optional(),
  overdue: z.stringbool().optional(),
  ...initiativeFilter,
});
export const strategyChildParams = z.strictObject({ id: uuid, childId: uuid });
export const milestoneListItem = milestone.extend({ strategyTitle: z.string() });
