import type { Access } from '../../platform/http.ts';

// Services are part of the education/training category for consent; recorded by the case's owners.
// Bulk entry needs the right to change every participant named (each is checked; any unseen one is 404).
export const serviceRecordsPolicy = {
  read: 'participants.read',
  manage: 'participants.manage',
} as const satisfies Record<string, Access>;
