import type { Access } from '../../platform/http.ts';

// Everyone in the partnership can see its initiatives, regions, partners and agreements; the
// director shapes them.
export const initiativesPolicy = {
  read: 'initiatives.read',
  manage: 'initiatives.manage',
} as const satisfies Record<string, Access>;
