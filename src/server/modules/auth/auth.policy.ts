import type { Access } from '../../platform/http.ts';

// Signing in and recovering an account are the public doors; everything else needs a session.
export const authPolicy = {
  signIn: 'public',
  signOut: 'public',
  requestPasswordReset: 'public',
  completePasswordReset: 'public',
  lookupInvitation: 'public',
  acceptInvitation: 'public',
  me: 'authenticated',
} as const satisfies Record<string, Access>;
