import { z } from 'zod';
import { cappedPageOf, initiativeFilter, pageQuery, uuid } from './common.ts';
import { dataCategory } from './participants.ts';

// Closed-loop referrals (issue 6).

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'not_completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const referralBody = z.strictObject({
  participantId: uuid,
  serviceId: uuid,
  reason: z.string().trim().min(3).max(2000),
  urgency: z.enum(['routine', 'soon', 'urgent']).default('routine'),
  notes: z.string().trim().max(4000).optional(),
  /** The data categories the receiving organization needs; the participant's consent must cover them. */
  categories: z.array(dataCategory).min(1).max(6),
});
export type ReferralBody = z.infer<typeof referralBody>;

export const referralListQuery = pageQuery.extend({
  box: z.enum(['inbox', 'outbox', 'all']).default('inbox'),
  status: z.enum(REFERRAL_STATUSES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Escalated to the intermediary and still unanswered. */
  escalated: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** The person has a period in the initiative; a referral without a person: either side partners in it (docs/referrals.md). */
  ...initiativeFilter,
});

export const referralStep = z.strictObject({
  status: z.enum(['accepted', 'declined', 'in_progress', 'completed', 'not_completed', 'sent']),
  note: z.string().trim().max(2000).optional(),
  /** declined: another service that may fit. */
  suggestedServiceId: uuid.optional(),
  /** completed / not completed: what happened. */
  outcome: z.string().trim().max(2000).optional(),
});
export type ReferralStep = z.infer<typeof referralStep>;

export const referral = z.object({
  id: uuid,
  status: z.enum(REFERRAL_STATUSES),
  urgency: z.string(),
  reason: z.string(),
  notes: z.string().nullable(),
  categories: z.array(z.string()),
  service: z.object({ id: uuid, name: z.string() }),
  sender: z.object({ id: uuid.nullable(), name: z.string().nullable() }),
  receiver: z.object({ id: uuid, name: z.string() }),
  /** Null when the caller may no longer see the participant (consent revoked or expired). */
  participant: z.object({ id: uuid, name: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** 0: not escalated; 1: escalated to the intermediary once past the deadline; 2: escalated again. Kept after an answer. */
  escalationLevel: z.number().int(),
  escalatedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  suggestedServiceId: uuid.nullable(),
  outcome: z.string().nullable(),
  sentAt: z.string(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().nullable() })),
});
export type Referral = z.infer<typeof referral>;

/** Referral lists count at most this many matches exactly; beyond it the total says "10,000+". */
export const REFERRAL_COUNT_CAP = 10_000;

/** `totalCapped`: more than REFERRAL_COUNT_CAP referrals match, and `total` is then the cap, not the count. */
export const referralPage = cappedPageOf(referral);
export type ReferralPage = z.infer<typeof referralPage>;

export const referralDeleteBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });
