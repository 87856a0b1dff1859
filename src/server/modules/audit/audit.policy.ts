import type { Access } from '../../platform/http.ts';

export const auditPolicy = { read: 'audit.read' } as const satisfies Record<string, Access>;
