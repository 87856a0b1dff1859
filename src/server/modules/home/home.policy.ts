import type { Access } from '../../platform/http.ts';

export const homePolicy = { view: 'home.view' } as const satisfies Record<string, Access>;
