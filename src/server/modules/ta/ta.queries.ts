import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { CapacityAttendanceTable, CapacityEventTable, TaRequestTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { TaViewer } from './ta.policy.ts';

function requests(db: Executor, viewer: TaViewer) {
  let q = db
    .selectFrom('ta_request')
    .innerJoin('organization', 'organization.id', 'ta_request.organization_id')
    .leftJoin('user as requester', 'requester.id', 'ta_request.requested_by')
    .leftJoin('user as assignee', 'assignee.id', 'ta_request.assigned_to')
    .select([
      'ta_request.id',
      'ta_request.initiative_id',
      'ta_request.organization_id',
      'ta_request.requested_by',
      'ta_request.topic',
      'ta_request.title',
      'ta_request.description',
      'ta_request.urgency',
      'ta_request.status',
      'ta_request.triage_note',
      'ta_request.triaged_at',
      'ta_request.assigned_to',
      'ta_request.due_on',
      'ta_request.resolution',
      'ta_request.resolved_at',
      'ta_request.satisfaction',
      'ta_request.satisfaction_comment',
      'ta_request.created_at',
      'ta_request.updated_at',
      'organization.name as organization_name',
      'requester.name as requester_name',
      'assignee.name as assignee_name',
    ]);
  if (!viewer.manager) {
    const orgs = viewer.organizationIds.length ? viewer.organizationIds : ['00000000-0000-0000-0000-000000000000'];
    q = q.where((eb) =>
      eb.or([
        eb('ta_request.organization_id', 'in', orgs),
        eb('ta_request.assigned_to', '=', viewer.userId),
        eb('ta_request.requested_by', '=', viewer.userId),
      ]),
    );
  }
  return q;
}

export function listRequests(
  db: Executor,
  viewer: TaViewer,
  f: {
    q?: string;
    status?: string;
    topic?: string;
    urgency?: string;
    organizationId?: string;
    assignedToMe?: boolean;
    initiativeId?: string;
  },
) {
  let q = requests(db, viewer);
  if (f.status) q = q.where('ta_request.status', '=', f.status);
  if (f.topic) q = q.where('ta_request.topic', '=', f.topic);
  if (f.urgency) q = q.where('ta_request.urgency', '=', f.urgency);
  if (f.organizationId) q = q.where('ta_request.organization_id', '=', f.organizationId);
  if (f.assignedToMe) q = q.where('ta_request.assigned_to', '=', viewer.userId);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('ta_request.title', 'ilike', p), eb('ta_request.description', 'ilike', p), eb('organization.name', 'ilike', p)]),
    );
  }
  q = whereInitiative(q, 'ta_request.initiative_id', f.initiativeId);
  // Open and urgent first, then newest.
  return q
    .orderBy(sql`CASE WHEN ta_request.status IN ('resolved', 'declined') THEN 1 ELSE 0 END`)
    .orderBy(sql`CASE ta_request.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`)
    .orderBy('ta_request.created_at', 'desc')
    .orderBy('ta_request.id');
}

export function findRequest(db: Executor, viewer: TaViewer, id: string) {
  return requests(db, viewer).where('ta_request.id', '=', id).executeTakeFirst();
}

export async function insertRequests(db: Executor, rows: Insertable<TaRequestTable>[]) {
  if (rows.length) await db.insertInto('ta_request').values(rows).execute();
}

export async function updateRequest(db: Executor, id: string, patch: Partial<Insertable<TaRequestTable>>) {
  await db
    .updateTable('ta_request')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function rolesOf(db: Executor, userId: string) {
  return db.selectFrom('membership').select('role').where('user_id', '=', userId).execute();
}

export function assignedOpenRequests(db: Executor, userId: string) {
  return db
    .selectFrom('ta_request')
    .select(['id', 'title', 'due_on'])
    .where('assigned_to', '=', userId)
    .where('status', '=', 'assigned')
    .orderBy('due_on')
    .orderBy('id')
    .limit(20)
    .execute();
}

// ---- capacity-building events

function events(db: Executor) {
  return db
    .selectFrom('capacity_event')
    .select([
      'capacity_event.id',
      'capacity_event.initiative_id',
      'capacity_event.title',
      'capacity_event.topic',
      'capacity_event.description',
      'capacity_event.held_on',
      'capacity_event.duration_minutes',
      'capacity_event.facilitator',
      'capacity_event.location',
      sql<number>`(SELECT count(*) FROM capacity_attendance a WHERE a.event_id = capacity_event.id AND a.attended)`.as('attended'),
      sql<number>`(SELECT count(DISTINCT a.organization_id) FROM capacity_attendance a WHERE a.event_id = capacity_event.id AND a.attended)`.as(
        'organizations',
      ),
    ]);
}

export function listEvents(
  db: Executor,
  f: { q?: string; topic?: string; from?: string; to?: string; organizationId?: string; initiativeId?: string },
) {
  let q = events(db);
  if (f.topic) q = q.where('capacity_event.topic', '=', f.topic);
  if (f.from) q = q.where('capacity_event.held_on', '>=', f.from);
  if (f.to) q = q.where('capacity_event.held_on', '<=', f.to);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('capacity_event.title', 'ilike', likePattern(f.q!)), eb('capacity_event.facilitator', 'ilike', likePattern(f.q!))]),
    );
  if (f.organizationId) {
    const org = f.organizationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('capacity_attendance')
          .select('capacity_attendance.id')
          .whereRef('capacity_attendance.event_id', '=', 'capacity_event.id')
          .where('capacity_attendance.organization_id', '=', org),
      ),
    );
  }
  q = whereInitiative(q, 'capacity_event.initiative_id', f.initiativeId);
  return q.orderBy('capacity_event.held_on', 'desc').orderBy('capacity_event.id');
}

export function findEvent(db: Executor, id: string) {
  return events(db).where('capacity_event.id', '=', id).executeTakeFirst();
}

export async function insertEvents(db: Executor, rows: Insertable<CapacityEventTable>[]) {
  if (rows.length) await db.insertInto('capacity_event').values(rows).execute();
}

export async function updateEvent(db: Executor, id: string, patch: Partial<Insertable<CapacityEventTable>>) {
  await db
    .updateTable('capacity_event')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function attendeesOf(db: Executor, eventIds: string[], organizationIds?: string[]) {
  if (eventIds.length === 0 || (organizationIds && organizationIds.length === 0)) return Promise.resolve([]);
  let q = db
    .selectFrom('capacity_attendance')
    .innerJoin('organization', 'organization.id', 'capacity_attendance.organization_id')
    .select([
      'capacity_attendance.id',
      'capacity_attendance.event_id',
      'capacity_attendance.organization_id',
      'capacity_attendance.attendee_name',
      'capacity_attendance.user_id',
      'capacity_attendance.attended',
      'organization.name as organization_name',
    ])
    .where('capacity_attendance.event_id', 'in', eventIds);
  if (organizationIds) q = q.where('capacity_attendance.organization_id', 'in', organizationIds);
  return q.orderBy('organization.name').orderBy('capacity_attendance.attendee_name').execute();
}

export async function replaceAttendance(db: Executor, eventId: string, rows: Insertable<CapacityAttendanceTable>[]) {
  await db.deleteFrom('capacity_attendance').where('event_id', '=', eventId).execute();
  await insertAttendance(db, rows);
}

export async function insertAttendance(db: Executor, rows: Insertable<CapacityAttendanceTable>[]) {
  if (rows.length) await db.insertInto('capacity_attendance').values(rows).execute();
}

// ---- recurring needs

export function needsByTopic(db: Executor, f: { from: string; to: string; initiativeId?: string }) {
  const initiative = f.initiativeId ? sql`AND r.initiative_id = ${f.initiativeId}` : sql``;
  const eventInitiative = f.initiativeId ? sql`AND e.initiative_id = ${f.initiativeId}` : sql``;
  return sql<{
    topic: string;
    requests: number;
    open: number;
    urgent: number;
    organizations: number;
    satisfaction: string | null;
    events: number;
    attended: number;
  }>`
    WITH r AS (
      SELECT r.topic, count(*) AS requests,
        count(*) FILTER (WHERE r.status NOT IN ('resolved', 'declined')) AS open,
        count(*) FILTER (WHERE r.urgency IN ('high', 'urgent')) AS urgent,
        count(DISTINCT r.organization_id) AS organizations,
        avg(r.satisfaction) AS satisfaction
      FROM ta_request r
      WHERE r.created_at >= ${`${f.from}T00:00:00Z`}::timestamptz
        AND r.created_at < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day' ${initiative}
      GROUP BY r.topic),
    e AS (
      SELECT e.topic, count(DISTINCT e.id) AS events, count(a.id) FILTER (WHERE a.attended) AS attended
      FROM capacity_event e LEFT JOIN capacity_attendance a ON a.event_id = e.id
      WHERE e.held_on BETWEEN ${f.from}::date AND ${f.to}::date ${eventInitiative}
      GROUP BY e.topic)
    SELECT coalesce(r.topic, e.topic) AS topic, coalesce(r.requests, 0) AS requests, coalesce(r.open, 0) AS open,
      coalesce(r.urgent, 0) AS urgent, coalesce(r.organizations, 0) AS organizations, r.satisfaction::text AS satisfaction,
      coalesce(e.events, 0) AS events, coalesce(e.attended, 0) AS attended
    FROM r FULL JOIN e ON e.topic = r.topic
    ORDER BY coalesce(r.requests, 0) DESC, topic`.execute(db);
}

export function needsByOrganization(db: Executor, f: { from: string; to: string; initiativeId?: string }) {
  const initiative = f.initiativeId ? sql`AND r.initiative_id = ${f.initiativeId}` : sql``;
  const eventInitiative = f.initiativeId ? sql`AND e.initiative_id = ${f.initiativeId}` : sql``;
  return sql<{
    organization_id: string;
    organization_name: string;
    topic: string;
    requests: number;
    last_requested_at: Date;
    attended_events: number;
  }>`
    SELECT r.organization_id, o.name AS organization_name, r.topic, count(*) AS requests, max(r.created_at) AS last_requested_at,
      (SELECT count(DISTINCT a.event_id) FROM capacity_attendance a JOIN capacity_event e ON e.id = a.event_id
        WHERE a.organization_id = r.organization_id AND a.attended AND e.topic = r.topic
          AND e.held_on BETWEEN ${f.from}::date AND ${f.to}::date ${eventInitiative}) AS attended_events
    FROM ta_request r JOIN organization o ON o.id = r.organization_id
    WHERE r.created_at >= ${`${f.from}T00:00:00Z`}::timestamptz
        AND r.created_at < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day' ${initiative}
    GROUP BY r.organization_id, o.name, r.topic
    ORDER BY count(*) DESC, max(r.created_at) DESC, o.name, r.topic
    LIMIT 500`.execute(db);
}
