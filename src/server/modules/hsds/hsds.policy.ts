import type { Access } from '../../platform/http.ts';

// Importing, exporting and the directory's settings are the intermediary's curation work. The HSDS API
// itself is 'public' in the registry and decides per tenant (public, or an API token) in hsds.api.ts.
export const hsdsPolicy = {
  read: 'directory.read',
  curate: 'directory.manage',
  api: 'public',
} as const satisfies Record<string, Access>;
