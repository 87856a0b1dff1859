import type { Access } from '../../platform/http.ts';

// Systems-change strategies are the partnership's shared plan: everyone in it can read them; the
// director shapes them; progress is reported by the people who own the work (the owner of the
// strategy, objective or milestone) or by the director — checked on the record in the service.
export const strategiesPolicy = {
  read: 'strategies.read',
  report: 'strategies.report',
  manage: 'strategies.manage',
} as const satisfies Record<string, Access>;
