import type { Principal } from '../../platform/auth/principal.ts';
import type { Access } from '../../platform/http.ts';

// Who may do what with outcomes. Reports are aggregates; a caller without outcomes.read_detail (a
// funder) sees an indicator only when its cohort is large enough that no person can be singled out.
export const outcomesPolicy = {
  read: 'outcomes.read',
  import: 'outcomes.import',
  export: 'outcomes.export',
  manageTargets: 'outcomes.manage',
  /** Identified participant lists behind a count: directors, never analysts or funders (counts only). */
  drilldown: 'outcomes.drilldown',
  /** Reference data the indicators read (the region's establishment counts): admins and directors, who load the data. */
  referenceData: 'outcomes.import',
} as const satisfies Record<string, Access>;

/** Cells (denominators, counts) below this are suppressed for aggregate-only viewers (issue 7: default 10). */
export const SMALL_CELL = 10;

export function seesSmallCells(p: Principal): boolean {
  return p.permissions.has('outcomes.read_detail');
}
