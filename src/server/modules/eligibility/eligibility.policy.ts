import type { Access } from '../../platform/http.ts';

// Funding streams are partnership configuration (readable by staff, changed by directors and admins).
// Evaluations and determinations read a participant's eligibility facts, which only the owning
// organization and partnership oversight see (participants.policy.ts, basis ≠ consent).
export const eligibilityPolicy = {
  read: 'funding_streams.read',
  manage: 'funding_streams.manage',
  evaluate: 'participants.manage',
  readDeterminations: 'participants.read',
} as const satisfies Record<string, Access>;
