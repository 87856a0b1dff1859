import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Viewer } from './governance.policy.ts';

export interface DecisionRow {
  kind: 'motion' | 'vote' | 'recusal' | 'award' | 'declaration';
  record_id: string;
  occurred_at: Date;
  body_id: string | null;
  body_name: string | null;
  initiative_id: string | null;
  organization_id: string | null;
  title: string;
  person: string | null;
  organizations: string[] | null;
  detail: string;
  motion_id: string | null;
  trail_type: 'motion' | 'interest_declaration';
  trail_id: string;
}

export interface DecisionFilter {
  q?: string;
  kind?: string;
  bodyId?: string;
  initiativeId?: string;
  from?: string;
  to?: string;
}

/**
 * The decision log is a view over the records themselves (closed motions, awards, votes, recusals,
 * declarations), so it can never disagree with them. Bodies are visible to managers and to those who
 * sit or sat on them; declarations to managers and the declarer.
 */
function log(viewer: Viewer) {
  const body = (col: string) =>
    viewer.manager ? sql`true` : sql`EXISTS (SELECT 1 FROM seat vs WHERE vs.body_id = ${sql.ref(col)} AND vs.user_id = ${viewer.userId})`;
  const own = viewer.manager ? sql`true` : sql`d.user_id = ${viewer.userId}`;
  const motionOrgs = sql`COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM motion_organization mo
    JOIN organization o ON o.id = mo.organization_id WHERE mo.motion_id = m.id), '{}')`;
  return sql<DecisionRow>`(
    SELECT 'motion' AS kind, m.id AS record_id, m.closed_at AS occurred_at, b.id AS body_id, b.name AS body_name,
      b.initiative_id, NULL::uuid AS organization_id, m.title, NULL::text AS person, ${motionOrgs} AS organizations,
      m.outcome || COALESCE(' (' || m.outcome_reason || ')', '') AS detail, m.id AS motion_id,
      'motion' AS trail_type, m.id AS trail_id
    FROM motion m JOIN governance_body b ON b.id = m.body_id
    WHERE m.status = 'closed' AND ${body('m.body_id')}
    UNION ALL
    SELECT 'award', m.id, m.closed_at, b.id, b.name, b.initiative_id, p.organization_id, s.title, NULL,
      ARRAY[o.name], p.title, m.id, 'motion', m.id
    FROM motion m JOIN governance_body b ON b.id = m.body_id
      JOIN proposal p ON p.id = m.proposal_id JOIN solicitation s ON s.id = p.solicitation_id
      JOIN organization o ON o.id = p.organization_id
    WHERE m.kind = 'award' AND m.status = 'closed' AND m.outcome = 'passed' AND ${body('m.body_id')}
    UNION ALL
    SELECT CASE WHEN v.value = 'recused' THEN 'recusal' ELSE 'vote' END, v.id, v.cast_at, b.id, b.name, b.initiative_id,
      NULL::uuid, m.title, u.name,
      CASE WHEN v.value = 'recused'
        THEN ARRAY(SELECT DISTINCT r->>'organizationName' FROM jsonb_array_elements(v.recusal_reasons->'reasons') r)
        ELSE ${motionOrgs} END,
      v.value, m.id, 'motion', m.id
    FROM vote v JOIN motion m ON m.id = v.motion_id JOIN governance_body b ON b.id = m.body_id
      JOIN "user" u ON u.id = v.user_id
    WHERE ${body('m.body_id')}
    UNION ALL
    SELECT 'declaration', d.id, d.created_at, NULL, NULL, NULL, d.organization_id, o.name, u.name, ARRAY[o.name],
      d.kind || ', from ' || d.starts_on || COALESCE(' to ' || d.ends_on, ''), NULL, 'interest_declaration', d.id
    FROM interest_declaration d JOIN organization o ON o.id = d.organization_id JOIN "user" u ON u.id = d.user_id
    WHERE ${own}
  )`;
}

export function listDecisions(db: Executor, viewer: Viewer, f: DecisionFilter) {
  let q = db.selectFrom(log(viewer).as('log')).selectAll();
  if (f.kind) q = q.where(sql<boolean>`log.kind = ${f.kind}`);
  if (f.bodyId) q = q.where(sql<boolean>`log.body_id = ${f.bodyId}`);
  if (f.initiativeId) {
    // Declarations belong to no body: they count for an initiative when it partners with their organization.
    q = q.where(
      sql<boolean>`(log.initiative_id = ${f.initiativeId} OR (log.kind = 'declaration' AND EXISTS (SELECT 1 FROM initiative_partner ip
        WHERE ip.organization_id = log.organization_id AND ip.initiative_id = ${f.initiativeId})))`,
    );
  }
  if (f.from) q = q.where(sql<boolean>`log.occurred_at >= ${`${f.from}T00:00:00Z`}::timestamptz`);
  if (f.to) q = q.where(sql<boolean>`log.occurred_at < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where(
      sql<boolean>`(log.title ILIKE ${p} OR log.person ILIKE ${p} OR log.detail ILIKE ${p}
        OR log.body_name ILIKE ${p} OR array_to_string(log.organizations, ' ') ILIKE ${p})`,
    );
  }
  return q.orderBy(sql`log.occurred_at`, 'desc').orderBy(sql`log.kind`).orderBy(sql`log.record_id`);
}

export function trailOf(db: Executor, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_event')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'details'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .limit(1000)
    .execute();
}
