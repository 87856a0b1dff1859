import type { Access } from '../../platform/http.ts';

// Assessments and plans (assessments category), credentials and skill gains (education/training),
// employment (employment/wages), case notes (case notes: the author's organization only, unless the
// participant consented to share case notes with the reader's organization).
export const caseworkPolicy = {
  read: 'participants.read',
  manage: 'participants.manage',
} as const satisfies Record<string, Access>;
