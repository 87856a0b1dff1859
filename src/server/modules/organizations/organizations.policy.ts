import type { Access } from '../../platform/http.ts';

// Every member of the partnership can read its organization directory; admins, directors and
// business-services staff maintain it.
export const organizationsPolicy = {
  read: 'organizations.read',
  manage: 'organizations.manage',
} as const satisfies Record<string, Access>;
