import type { Executor } from '../../db/tenant.ts';

export function listEvents(db: Executor, filter: { entityType?: string; entityId?: string; action?: string }) {
  let q = db
    .selectFrom('audit_event')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'entity_type', 'entity_id', 'personal_data', 'details']);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.action) q = q.where('action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`);
  return q.orderBy('seq', 'desc');
}
