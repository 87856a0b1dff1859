// Roles of DESIGN.md §1 and the permissions each one grants. One table, read by the server's
// policies and by the web app's navigation, so the two can never disagree.

export const ROLES = [
  'admin',
  'director',
  'navigator',
  'business_services',
  'analyst',
  'partner_staff',
  'employer_user',
  'funder_viewer',
  'board_member',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'home.view',
  'account.manage',
  'users.read',
  'users.manage',
  'organizations.read',
  'organizations.manage',
  'memberships.manage',
  'audit.read',
  'codes.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = ['home.view', 'account.manage', 'codes.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...everyone, 'users.read', 'users.manage', 'organizations.read', 'organizations.manage', 'memberships.manage', 'audit.read'],
  director: [...everyone, 'users.read', 'organizations.read', 'organizations.manage', 'audit.read'],
  navigator: [...everyone, 'organizations.read'],
  business_services: [...everyone, 'organizations.read', 'organizations.manage'],
  analyst: [...everyone, 'organizations.read'],
  partner_staff: [...everyone, 'organizations.read'],
  employer_user: [...everyone],
  funder_viewer: [...everyone],
  board_member: [...everyone, 'organizations.read'],
};

export function permissionsFor(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export const ORGANIZATION_KINDS = [
  'intermediary',
  'employer',
  'training_provider',
  'education',
  'community_org',
  'public_agency',
  'funder',
  'union',
  'economic_development',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
