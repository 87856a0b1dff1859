import type { Access } from '../../platform/http.ts';

// Consents are recorded and revoked by whoever may change the participant (owner organization,
// partnership oversight); the record-level check is participants.policy.ts mustEdit.
export const consentPolicy = {
  read: 'participants.read',
  manage: 'participants.manage',
} as const satisfies Record<string, Access>;
