import type { Access } from '../../platform/http.ts';

// Public code lists (NAICS, SOC, FIPS); any signed-in user may search them.
export const codesPolicy = { search: 'codes.read' } as const satisfies Record<string, Access>;
