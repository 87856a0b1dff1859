import type { Principal } from '../../platform/auth/principal.ts';
import type { Access } from '../../platform/http.ts';

// Everyone who refers reads the directory. Partner staff maintain their own organization's entries
// (directory.maintain, checked against their memberships); the intermediary curates all (directory.manage).
export const directoryPolicy = {
  read: 'directory.read',
  maintain: 'directory.read',
} as const satisfies Record<string, Access>;

export function canEditService(p: Principal, organizationId: string): boolean {
  if (p.permissions.has('directory.manage')) return true;
  return p.permissions.has('directory.maintain') && p.memberships.some((m) => m.organizationId === organizationId);
}
