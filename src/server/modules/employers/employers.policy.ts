import type { Principal } from '../../platform/auth/principal.ts';
import type { Access } from '../../platform/http.ts';

// Who may do what on the demand side. Staff (business services, directors; navigators and analysts
// read) see every employer. An employer user sees only job orders of the organizations they hold the
// employer_user role in, and only the candidates referred to those: anything else answers 404.
export const employersPolicy = {
  read: 'employers.read',
  manage: 'employers.manage',
  readJobs: 'job_orders.read',
  manageJobs: 'job_orders.manage',
  match: 'matching.run',
  refer: 'candidates.refer',
  decide: 'candidates.decide',
  livingWages: 'living_wages.manage',
} as const satisfies Record<string, Access>;

/** null: every employer; otherwise the employer organizations the caller is limited to. */
export function employerScope(p: Principal): string[] | null {
  if (p.permissions.has('employers.read')) return null;
  return [...new Set(p.memberships.filter((m) => m.role === 'employer_user').map((m) => m.organizationId))];
}

export const inScope = (scope: string[] | null, organizationId: string) => scope === null || scope.includes(organizationId);
