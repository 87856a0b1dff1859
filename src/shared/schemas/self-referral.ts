import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';

// Public self-referral (issue 6): the form a person fills without an account, and the intermediary's
// review queue that turns a request into a participant and a referral, or dismisses it.

export const SELF_REFERRAL_STATUSES = ['pending_review', 'accepted', 'dismissed'] as const;
export type SelfReferralStatus = (typeof SELF_REFERRAL_STATUSES)[number];
export const DISMISS_REASONS = ['spam', 'duplicate', 'not_eligible', 'unreachable', 'other'] as const;
/** Languages the form offers (ISO 639-1), as the directory lists them. */
export const SELF_REFERRAL_LANGUAGES = ['en', 'es', 'ar', 'so', 'ne', 'uk', 'fr', 'zh', 'vi', 'other'] as const;

export const publicServiceParams = z.strictObject({
  tenantSlug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  serviceId: uuid,
});

/** What the public page shows, with the signed form token it must send back. */
export const publicService = z.object({
  partnership: z.string(),
  service: z.object({ id: uuid, name: z.string(), description: z.string().nullable() }),
  organization: z.object({ name: z.string() }),
  formToken: z.string(),
});
export type PublicService = z.infer<typeof publicService>;

const text = (max: number) => z.string().trim().max(max);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const selfReferralBody = z
  .strictObject({
    formToken: z.string().min(10).max(400),
    /** Honeypot: hidden from people, filled by bots. A filled one is accepted and discarded. */
    website: z.string().max(400).optional(),
    firstName: text(100).min(1),
    lastName: text(100).min(1),
    email: z.preprocess(blankToUndefined, z.email().max(254).optional()),
    phone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[0-9+()\-. ]{7,25}$/, 'A phone number: digits, spaces, + ( ) - .')
        .optional(),
    ),
    /** County name or ZIP code. */
    place: text(100).min(2),
    preferredLanguage: z.enum(SELF_REFERRAL_LANGUAGES),
    need: text(2000).min(10),
    consent: z.literal(true, { error: 'Tick the box so we may contact you and share your request.' }),
    locale: z.enum(['en', 'es']).default('en'),
  })
  .refine((b) => !!b.email || !!b.phone, { message: 'Give a phone number or an email address.', path: ['phone'] });
export type SelfReferralBody = z.infer<typeof selfReferralBody>;

export const selfReferralReceipt = z.object({ received: z.literal(true) });

export const selfReferralListQuery = pageQuery.extend({
  status: z.enum(SELF_REFERRAL_STATUSES).default('pending_review'),
  serviceId: uuid.optional(),
});
export type SelfReferralListQuery = z.infer<typeof selfReferralListQuery>;

export const selfReferralSummary = z.object({
  id: uuid,
  status: z.enum(SELF_REFERRAL_STATUSES),
  name: z.string(),
  service: z.object({ id: uuid, name: z.string() }),
  organization: z.object({ id: uuid, name: z.string() }),
  place: z.string(),
  preferredLanguage: z.string(),
  submittedAt: z.string(),
});
export type SelfReferralSummary = z.infer<typeof selfReferralSummary>;

export const selfReferral = selfReferralSummary.extend({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  need: z.string(),
  locale: z.string(),
  consentedAt: z.string(),
  decidedAt: z.string().nullable(),
  dismissReason: z.enum(DISMISS_REASONS).nullable(),
  decisionNote: z.string().nullable(),
  participantId: uuid.nullable(),
  referralId: uuid.nullable(),
  /** Participants the reviewer may see whose name matches: accept into one of them instead of a new intake. */
  possibleMatches: z.array(z.object({ id: uuid, name: z.string(), organizationName: z.string(), status: z.string() })),
});
export type SelfReferral = z.infer<typeof selfReferral>;

export const selfReferralAcceptBody = z.strictObject({
  /** An existing participant (from possibleMatches or a search); omitted: a new draft intake from the request. */
  participantId: uuid.optional(),
  /** A new intake: the organization whose caseload it joins; defaults to the reviewer's own. */
  ownerOrganizationId: uuid.optional(),
  urgency: z.enum(['routine', 'soon', 'urgent']).default('routine'),
});
export type SelfReferralAcceptBody = z.infer<typeof selfReferralAcceptBody>;

export const selfReferralDismissBody = z.strictObject({
  reason: z.enum(DISMISS_REASONS),
  note: z.string().trim().max(1000).optional(),
});
export type SelfReferralDismissBody = z.infer<typeof selfReferralDismissBody>;
