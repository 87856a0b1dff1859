import { LIMITS } from '../../../shared/limits.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { Decision } from '../../../shared/schemas/governance.ts';
import { toCsv } from '../../platform/csv.ts';
import { notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { iso } from './bodies.service.ts';
import { type DecisionFilter, type DecisionRow, listDecisions, trailOf } from './decisions.queries.ts';
import type { Viewer } from './governance.policy.ts';
import { findDeclaration } from './interests.queries.ts';
import { findMotion } from './motions.queries.ts';
import { findSolicitation } from './solicitations.queries.ts';

function present(r: DecisionRow): Decision {
  return {
    kind: r.kind,
    key: `${r.kind}:${r.record_id}`,
    occurredAt: iso(r.occurred_at),
    body: r.body_id ? { id: r.body_id, name: r.body_name ?? '' } : null,
    title: r.title,
    person: r.person,
    organizations: r.organizations ?? [],
    detail: r.detail,
    motionId: r.motion_id,
    trail: { entityType: r.trail_type, entityId: r.trail_id },
  };
}

export async function listDecisionPage(
  ops: Ops,
  viewer: Viewer,
  query: DecisionFilter & { page: number; pageSize: number },
): Promise<Page<Decision>> {
  const page = await ops.tx((tx) => paginate(listDecisions(tx, viewer, query), query.page, query.pageSize));
  return { ...page, items: page.items.map((r) => present(r as DecisionRow)) };
}

export async function exportDecisions(ops: Ops, viewer: Viewer, query: DecisionFilter): Promise<string> {
  const rows = await ops.tx(async (tx) => {
    const list = await listDecisions(tx, viewer, query).limit(LIMITS.exportRowsMax).execute();
    await ops.audit(tx, { action: 'decisions.exported', entityType: 'decision_log', details: { filter: query, rows: list.length } });
    return list;
  });
  return toCsv(
    ['occurred_at', 'kind', 'body', 'title', 'person', 'organizations', 'detail', 'motion_id', 'trail_entity_type', 'trail_entity_id'],
    rows.map((row) => {
      const d = present(row as DecisionRow);
      return [
        d.occurredAt,
        d.kind,
        d.body?.name ?? '',
        d.title,
        d.person ?? '',
        d.organizations.join('; '),
        d.detail,
        d.motionId ?? '',
        d.trail.entityType,
        d.trail.entityId,
      ];
    }),
  );
}

/** The audit events of one decision's record, if the viewer may see that record. */
export async function decisionTrail(
  ops: Ops,
  viewer: Viewer,
  entityType: 'motion' | 'interest_declaration' | 'solicitation',
  entityId: string,
) {
  return ops.tx(async (tx) => {
    const visible =
      entityType === 'motion'
        ? await findMotion(tx, viewer, entityId)
        : entityType === 'interest_declaration'
          ? await findDeclaration(tx, viewer, entityId)
          : await findSolicitation(tx, viewer, entityId);
    if (!visible) throw notFound(entityType.replace('_', ' '));
    const events = await trailOf(tx, entityType, entityId);
    return {
      items: events.map((e) => ({
        seq: e.seq,
        occurredAt: iso(e.occurred_at),
        actor: e.actor_label,
        action: e.action,
        details: (e.details ?? {}) as Record<string, unknown>,
      })),
    };
  });
}
