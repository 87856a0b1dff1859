import type { Access } from '../../platform/http.ts';

// The public form needs no account; everything it stores waits for the intermediary's review. Reviewing
// is partnership oversight of referrals (referrals.manage): it reads the person's contact details and
// creates a participant and a referral in the intermediary's name.
export const selfReferralPolicy = {
  form: 'public',
  review: 'referrals.manage',
} as const satisfies Record<string, Access>;
