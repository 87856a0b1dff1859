import type { Principal } from '../../platform/auth/principal.ts';
import type { Access } from '../../platform/http.ts';
import { orgsOf } from './referrals.policy.ts';

// Referral reports hold counts of referrals, never a participant. Oversight (referrals.manage, or the
// intermediary's own staff, the neutral manager of the network) sees every referral of the tenant; a
// partner organization sees the referrals it sent or received, and so the flows it is part of.
export const referralReportsPolicy = {
  read: 'referrals.report',
} as const satisfies Record<string, Access>;

/** The organizations whose referrals the caller may count, or null for all (decided with isIntermediary). */
export function reportScope(p: Principal, memberOfIntermediary: boolean): string[] | null {
  if (p.permissions.has('referrals.manage') || memberOfIntermediary) return null;
  return orgsOf(p);
}
