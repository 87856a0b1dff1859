import type { Access } from '../../platform/http.ts';

// Admins manage people and their roles; directors may see who is on the team.
export const usersPolicy = {
  read: 'users.read',
  manage: 'users.manage',
  manageMemberships: 'memberships.manage',
} as const satisfies Record<string, Access>;
