import type { Access } from '../../platform/http.ts';

// Everyone manages their own account; the records are always the caller's own (queries filter by user).
export const accountPolicy = {
  manageOwn: 'account.manage',
} as const satisfies Record<string, Access>;
