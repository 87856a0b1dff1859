import type { Access } from '../../platform/http.ts';

// Program participation, exits and follow-ups: read with the education/training (participation) or
// employment (follow-up results) category; changed by the case's owners (participants.policy mustEdit).
export const enrollmentPolicy = {
  read: 'participants.read',
  manage: 'participants.manage',
} as const satisfies Record<string, Access>;
