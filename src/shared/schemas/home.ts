import { z } from 'zod';

export const TASK_KINDS = [
  'pending_invitation',
  'organization_incomplete',
  'token_expiring',
  'no_membership',
  // Caseload (issue 3): subject is the participant's name, subjectId the participant.
  'follow_up_due',
  'plan_step_due',
  'consent_expiring',
  'exit_proposed',
  // Governance: the yearly conflict-of-interest re-declaration (subject: active declarations), a vote waiting.
  'interest_redeclaration_due',
  'motion_awaiting_vote',
  // Technical assistance: a request assigned to you (subject: its title).
  'ta_request_assigned',
  // Employers: an interaction follow-up you own is due (subject: the employer's name).
  'employer_follow_up_due',
  // Self-referral: requests from the public form wait for review (subject: how many).
  'self_referrals_to_review',
  // Referrals, one task per list (subject and count: how many; due: the earliest deadline): escalated to
  // the intermediary's oversight, and unanswered past the acceptance deadline, received or sent.
  'referrals_escalated',
  'referrals_overdue_received',
  'referrals_overdue_sent',
  // Directory: an organization's entries need re-verification (subject: the organization; count: how many).
  'services_need_reverification',
] as const;

export const homeTask = z.object({
  kind: z.enum(TASK_KINDS),
  // i18n key arguments: the web app renders the sentence; the server sends the facts.
  subject: z.string(),
  subjectId: z.string().nullable(),
  due: z.string().nullable(),
  href: z.string(),
  /** For tasks about several records at once (rendered with plural forms). */
  count: z.number().int().optional(),
});
export type HomeTask = z.infer<typeof homeTask>;

export const homeSummary = z.object({
  tasks: z.array(homeTask),
  counts: z.object({ organizations: z.number().int(), users: z.number().int(), activeSessions: z.number().int() }),
});
export type HomeSummary = z.infer<typeof homeSummary>;
