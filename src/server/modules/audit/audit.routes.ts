import { auditEvent, auditQuery } from '../../../shared/schemas/audit.ts';
import { pageOf } from '../../../shared/schemas/common.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { auditPolicy } from './audit.policy.ts';
import { listEvents } from './audit.queries.ts';

export function registerAuditRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/audit',
      access: auditPolicy.read,
      summary: 'The audit trail: who did what, when (newest first)',
      tags: ['audit'],
      query: auditQuery,
      response: pageOf(auditEvent),
    },
    async ({ query }, ctx) => {
      const page = await ctx.tx((tx) => paginate(listEvents(tx, query), query.page, query.pageSize));
      return {
        ...page,
        items: page.items.map((e) => ({
          seq: e.seq,
          occurredAt: new Date(e.occurred_at).toISOString(),
          actor: e.actor_label,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          personalData: e.personal_data,
          details: (e.details ?? {}) as Record<string, unknown>,
        })),
      };
    },
  );
}
