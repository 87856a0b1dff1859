import type { Access } from '../../platform/http.ts';

// The training catalogue (programs, cohorts) is partnership data, not personal data: staff read it,
// navigators, directors and admins maintain it. Enrollments are a participant's education/training
// category and follow participants.policy.ts.
export const trainingPolicy = {
  read: 'training.read',
  manage: 'training.manage',
  readEnrollments: 'participants.read',
  manageEnrollments: 'participants.manage',
} as const satisfies Record<string, Access>;
