import type { Principal } from '../../platform/auth/principal.ts';
import type { Access } from '../../platform/http.ts';

// A referral is seen by the organization that sent it, the organization that receives it, and the
// intermediary's oversight (referrals.manage). Anyone else gets 404. What the receiver learns of the
// participant is decided by the participant's consent (participants.policy.ts), on every request.
export const referralsPolicy = {
  read: 'authenticated',
  send: 'referrals.send',
  /** Removing a mistaken referral: a permission of its own, and a reason in the audit trail. */
  delete: 'referrals.delete',
} as const satisfies Record<string, Access>;

export const orgsOf = (p: Principal) => [...new Set(p.memberships.map((m) => m.organizationId))];

export function sideOf(p: Principal, r: { sender_organization_id: string | null; receiving_organization_id: string }) {
  const orgs = orgsOf(p);
  if (p.permissions.has('referrals.receive') || p.permissions.has('referrals.manage')) {
    if (orgs.includes(r.receiving_organization_id)) return 'receiver' as const;
  }
  if (r.sender_organization_id && orgs.includes(r.sender_organization_id) && p.permissions.has('referrals.send')) return 'sender' as const;
  if (p.permissions.has('referrals.manage')) return 'oversight' as const;
  return null;
}

/** Which steps each side may take, from which status. */
export const STEPS: Record<string, { from: string[]; by: ('receiver' | 'sender' | 'oversight')[] }> = {
  accepted: { from: ['sent'], by: ['receiver', 'oversight'] },
  declined: { from: ['sent', 'accepted'], by: ['receiver', 'oversight'] },
  in_progress: { from: ['accepted'], by: ['receiver', 'oversight'] },
  completed: { from: ['accepted', 'in_progress'], by: ['receiver', 'oversight'] },
  not_completed: { from: ['accepted', 'in_progress'], by: ['receiver', 'oversight'] },
  // Reopen a closed referral: it goes back to the receiver to answer again.
  sent: { from: ['declined', 'completed', 'not_completed'], by: ['sender', 'oversight'] },
};
