import { z } from 'zod';
import { initiativeFilter, uuid } from './common.ts';

// Referral reports (issue 6): the funnel, times to accept and complete, completion rates, what is overdue
// now and the flows between organizations. Counts of referrals only: no participant appears anywhere.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const referralReportQuery = z
  .strictObject({
    /** Referrals sent on or after this date (default: a year before `to`). */
    from: isoDate.optional(),
    /** Referrals sent on or before this date (default: today). */
    to: isoDate.optional(),
    /** Referrals this organization sent or received. */
    organizationId: uuid.optional(),
    serviceId: uuid.optional(),
    ...initiativeFilter,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'The start date must not be after the end date.' });
export type ReferralReportQuery = z.infer<typeof referralReportQuery>;

/** Current-status counts, and the funnel stages each referral has reached. */
const counts = z.object({
  referred: z.number().int(),
  /** Reached acceptance (accepted, in progress, completed, not completed, or declined after accepting). */
  accepted: z.number().int(),
  /** Service started: in progress, completed or not completed. */
  started: z.number().int(),
  completed: z.number().int(),
  declined: z.number().int(),
  notCompleted: z.number().int(),
  /** Still waiting for an answer (status sent), of which past the acceptance deadline today: overdue. */
  awaiting: z.number().int(),
  overdue: z.number().int(),
  /** completed ÷ (completed + not completed + declined); null while none is closed. */
  completionRate: z.number().nullable(),
});
export type ReferralCounts = z.infer<typeof counts>;

const duration = z.object({
  /** How many referrals the times are computed from. */
  n: z.number().int(),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  medianBusinessDays: z.number().nullable(),
  p90BusinessDays: z.number().nullable(),
});
export type ReferralDuration = z.infer<typeof duration>;

const named = z.object({ id: uuid, name: z.string() });

export const referralReport = z.object({
  /** all: oversight, every referral of the tenant; own: referrals the caller's organizations sent or received. */
  scope: z.enum(['all', 'own']),
  from: isoDate,
  to: isoDate,
  totals: counts,
  times: z.object({ toAccept: duration, toComplete: duration }),
  byService: z.array(counts.extend({ id: uuid, name: z.string(), organizationName: z.string() })),
  byOrganization: z.array(counts.extend({ id: uuid, name: z.string(), toAccept: duration, toComplete: duration })),
  /** Sender → receiver; a null sender is a self-referral. */
  flows: z.array(z.object({ from: named.extend({ id: uuid.nullable() }), to: named, count: z.number().int() })),
  /** What the filters can choose from, in the caller's scope. */
  options: z.object({ organizations: z.array(named), services: z.array(named) }),
});
export type ReferralReport = z.infer<typeof referralReport>;
