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

export const TA_TOPICS = [
  'data_and_reporting',
  'wioa_compliance',
  'curriculum_design',
  'employer_engagement',
  'case_management',
  'job_quality',
  'supportive_services',
  'fundraising',
  'technology',
  'other',
] as const;
export const TA_URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TA_STATUSES = ['submitted', 'triaged', 'assigned', 'resolved', 'declined'] as const;
export type TaTopic = (typeof TA_TOPICS)[number];

export const taRequestBody = z.strictObject({
  initiativeId: uuid.nullable().optional(),
  /** The requesting organization; defaults to the caller's own when they belong to exactly one. */
  organizationId: uuid.optional(),
  topic: z.enum(TA_TOPICS),
  title: text(300).min(1),
  description: optionalText(10_000),
  urgency: z.enum(TA_URGENCIES).default('normal'),
});
export type TaRequestBody = z.infer<typeof taRequestBody>;

export const triageBody = z.strictObject({
  topic: z.enum(TA_TOPICS).optional(),
  urgency: z.enum(TA_URGENCIES).optional(),
  note: optionalText(4000),
  dueOn: isoDate.nullable().optional(),
});
export type TriageBody = z.infer<typeof triageBody>;
export const assignBody = z.strictObject({ assigneeId: uuid, dueOn: isoDate.nullable().optional() });
export const resolveBody = z.strictObject({ resolution: text(10_000).min(1) });
export const declineBody = z.strictObject({ note: text(4000).min(1) });
export const satisfactionBody = z.strictObject({ rating: z.number().int().min(1).max(5), comment: optionalText(4000) });

export const taRequest = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  organization: ref,
  requestedBy: ref.nullable(),
  topic: z.enum(TA_TOPICS),
  title: z.string(),
  description: z.string().nullable(),
  urgency: z.enum(TA_URGENCIES),
  status: z.enum(TA_STATUSES),
  triageNote: z.string().nullable(),
  triagedAt: isoDateTime.nullable(),
  assignedTo: ref.nullable(),
  dueOn: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: isoDateTime.nullable(),
  satisfaction: z.number().int().nullable(),
  satisfactionComment: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type TaRequest = z.infer<typeof taRequest>;
export const taRequestListQuery = pageQuery.extend({
  status: z.enum(TA_STATUSES).optional(),
  topic: z.enum(TA_TOPICS).optional(),
  urgency: z.enum(TA_URGENCIES).optional(),
  organizationId: uuid.optional(),
  assignedToMe: z.stringbool().optional(),
  ...initiativeFilter,
});

export const capacityEventBody = z.strictObject({
  initiativeId: uuid.nullable().optional(),
  title: text(300).min(1),
  topic: z.enum(TA_TOPICS),
  description: optionalText(10_000),
  heldOn: isoDate,
  durationMinutes: z.number().int().min(1).max(10_000).nullable().optional(),
  facilitator: optionalText(200),
  location: optionalText(300),
});
export type CapacityEventBody = z.infer<typeof capacityEventBody>;
export const capacityEventPatch = capacityEventBody.partial();
export type CapacityEventPatch = z.infer<typeof capacityEventPatch>;

export const eventAttendanceBody = z.strictObject({
  attendees: z
    .array(
      z.strictObject({
        organizationId: uuid,
        name: text(200).min(1),
        userId: uuid.nullable().optional(),
        attended: z.boolean().default(true),
      }),
    )
    .max(1000),
});
export type EventAttendanceBody = z.infer<typeof eventAttendanceBody>;

export const capacityEvent = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  title: z.string(),
  topic: z.enum(TA_TOPICS),
  description: z.string().nullable(),
  heldOn: z.string(),
  durationMinutes: z.number().int().nullable(),
  facilitator: z.string().nullable(),
  location: z.string().nullable(),
  attended: z.number().int(),
  organizations: z.number().int(),
  /** Managers see everyone; others see the attendees of their own organizations. */
  attendees: z.array(z.object({ id: uuid, organization: ref, name: z.string(), userId: uuid.nullable(), attended: z.boolean() })),
});
export type CapacityEvent = z.infer<typeof capacityEvent>;
export const capacityEventListQuery = pageQuery.extend({
  topic: z.enum(TA_TOPICS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  organizationId: uuid.optional(),
  ...initiativeFilter,
});

export const needsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), ...initiativeFilter });
export const needs = z.object({
  from: z.string(),
  to: z.string(),
  byTopic: z.array(
    z.object({
      topic: z.enum(TA_TOPICS),
      requests: z.number().int(),
      open: z.number().int(),
      urgent: z.number().int(),
      organizations: z.number().int(),
      events: z.number().int(),
      attended: z.number().int(),
      averageSatisfaction: z.number().nullable(),
      /** Asked for by several organizations, or again and again: plan training rather than one-off help. */
      recurring: z.boolean(),
    }),
  ),
  byOrganization: z.array(
    z.object({
      organization: ref,
      topic: z.enum(TA_TOPICS),
      requests: z.number().int(),
      lastRequestedAt: isoDateTime,
      attendedEvents: z.number().int(),
      recurring: z.boolean(),
    }),
  ),
});
export type Needs = z.infer<typeof needs>;
