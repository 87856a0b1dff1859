import { randomUUID } from 'node:crypto';
import { permissionsFor, type Role } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { HomeTask } from '../../../shared/schemas/home.ts';
import type {
  CapacityEvent,
  CapacityEventBody,
  CapacityEventPatch,
  EventAttendanceBody,
  Needs,
  TaRequest,
  TaRequestBody,
  TaTopic,
  TriageBody,
} from '../../../shared/schemas/ta.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { requireInitiative, requireOrganizations, requireUsers } from '../initiatives/initiatives.service.ts';
import type { TaViewer } from './ta.policy.ts';
import {
  assignedOpenRequests,
  attendeesOf,
  findEvent,
  findRequest,
  insertEvents,
  insertRequests,
  listEvents,
  listRequests,
  needsByOrganization,
  needsByTopic,
  replaceAttendance,
  rolesOf,
  updateEvent,
  updateRequest,
} from './ta.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const today = () => new Date().toISOString().slice(0, 10);
const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

function present(r: RequestRow): TaRequest {
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    organization: { id: r.organization_id, name: r.organization_name },
    requestedBy: r.requested_by ? { id: r.requested_by, name: r.requester_name ?? '' } : null,
    topic: r.topic as TaRequest['topic'],
    title: r.title,
    description: r.description,
    urgency: r.urgency as TaRequest['urgency'],
    status: r.status as TaRequest['status'],
    triageNote: r.triage_note,
    triagedAt: isoOrNull(r.triaged_at),
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    dueOn: r.due_on,
    resolution: r.resolution,
    resolvedAt: isoOrNull(r.resolved_at),
    satisfaction: r.satisfaction,
    satisfactionComment: r.satisfaction_comment,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listRequestPage(
  ops: Ops,
  viewer: TaViewer,
  query: {
    page: number;
    pageSize: number;
    q?: string;
    status?: string;
    topic?: string;
    urgency?: string;
    organizationId?: string;
    assignedToMe?: boolean;
    initiativeId?: string;
  },
): Promise<Page<TaRequest>> {
  const page = await ops.tx((tx) => paginate(listRequests(tx, viewer, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(present) };
}

async function mustSee(tx: Tx, viewer: TaViewer, id: string) {
  const row = await findRequest(tx, viewer, id);
  if (!row) throw notFound('TA request');
  return row;
}

export async function getRequest(ops: Ops, viewer: TaViewer, id: string): Promise<TaRequest> {
  return present(await ops.tx((tx) => mustSee(tx, viewer, id)));
}

/** Partner staff ask for their own organization; managers may log a request for any organization. */
export async function submitRequestIn(ops: Ops, tx: Tx, viewer: TaViewer, body: TaRequestBody): Promise<string> {
  let organizationId = body.organizationId;
  if (!organizationId) {
    if (viewer.organizationIds.length !== 1) {
      throw new AppError('validation_failed', 'Say which organization needs the help.', [
        { field: 'body.organizationId', code: 'required', message: 'Choose the organization.' },
      ]);
    }
    organizationId = viewer.organizationIds[0];
  }
  if (!viewer.manager && !viewer.organizationIds.includes(organizationId)) {
    throw new AppError('validation_failed', 'You can ask for help for your own organization only.', [
      { field: 'body.organizationId', code: 'not_your_organization', message: 'Not your organization.' },
    ]);
  }
  await requireOrganizations(tx, [organizationId], 'body.organizationId');
  await requireInitiative(tx, body.initiativeId);
  const id = randomUUID();
  await insertRequests(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      initiative_id: body.initiativeId ?? null,
      organization_id: organizationId,
      requested_by: viewer.userId,
      topic: body.topic,
      title: body.title,
      description: body.description ?? null,
      urgency: body.urgency,
      status: 'submitted',
    },
  ]);
  await ops.audit(tx, {
    action: 'ta_request.submitted',
    entityType: 'ta_request',
    entityId: id,
    details: { organizationId, topic: body.topic, urgency: body.urgency },
  });
  return id;
}

export async function submitRequest(ops: Ops, viewer: TaViewer, body: TaRequestBody): Promise<TaRequest> {
  return ops.tx(async (tx) => present(await mustSee(tx, viewer, await submitRequestIn(ops, tx, viewer, body))));
}

async function transition(
  ops: Ops,
  viewer: TaViewer,
  id: string,
  action: string,
  from: string[],
  columns: (row: RequestRow, tx: Tx) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<TaRequest> {
  return ops.tx(async (tx) => {
    const row = await mustSee(tx, viewer, id);
    if (!from.includes(row.status)) throw new AppError('conflict', `A ${row.status} request cannot be ${action}.`);
    const patch = pick(await columns(row, tx));
    const changes = diff(row as unknown as Record<string, unknown>, patch);
    await updateRequest(tx, id, patch);
    await ops.audit(tx, { action: `ta_request.${action}`, entityType: 'ta_request', entityId: id, details: { changes } });
    return present(await mustSee(tx, viewer, id));
  });
}

export const triage = (ops: Ops, viewer: TaViewer, id: string, body: TriageBody) =>
  transition(ops, viewer, id, 'triaged', ['submitted', 'triaged', 'assigned'], (row) => ({
    topic: body.topic,
    urgency: body.urgency,
    triage_note: body.note,
    due_on: body.dueOn,
    triaged_at: new Date(),
    status: row.status === 'assigned' ? 'assigned' : 'triaged',
  }));

export const assign = (ops: Ops, viewer: TaViewer, id: string, body: { assigneeId: string; dueOn?: string | null }) =>
  transition(ops, viewer, id, 'assigned', ['submitted', 'triaged', 'assigned'], async (row, tx) => {
    await requireUsers(tx, [body.assigneeId], 'body.assigneeId');
    // The assignee must be able to open the request in Braid.
    const roles = (await rolesOf(tx, body.assigneeId)).map((r) => r.role as Role);
    if (!permissionsFor(roles).includes('ta.request')) {
      throw new AppError('validation_failed', 'This person cannot work on TA requests in Braid.', [
        { field: 'body.assigneeId', code: 'cannot_take_requests', message: 'Choose someone on the intermediary’s staff.' },
      ]);
    }
    return { assigned_to: body.assigneeId, due_on: body.dueOn, status: 'assigned', triaged_at: row.triaged_at ?? new Date() };
  });

export const resolve = (ops: Ops, viewer: TaViewer, id: string, resolution: string) =>
  transition(ops, viewer, id, 'resolved', ['submitted', 'triaged', 'assigned'], () => ({
    resolution,
    resolved_at: new Date(),
    status: 'resolved',
  }));

export const decline = (ops: Ops, viewer: TaViewer, id: string, note: string) =>
  transition(ops, viewer, id, 'declined', ['submitted', 'triaged', 'assigned'], () => ({
    triage_note: note,
    resolved_at: new Date(),
    status: 'declined',
  }));

/** The requesting organization rates the help once it is resolved. */
export async function rate(ops: Ops, viewer: TaViewer, id: string, body: { rating: number; comment?: string | null }): Promise<TaRequest> {
  return ops.tx(async (tx) => {
    const row = await mustSee(tx, viewer, id);
    if (!viewer.organizationIds.includes(row.organization_id) && row.requested_by !== viewer.userId) {
      throw new AppError('forbidden', 'The organization that asked for help rates it.');
    }
    if (row.status !== 'resolved') throw new AppError('conflict', 'Help is rated once the request is resolved.');
    await updateRequest(tx, id, { satisfaction: body.rating, satisfaction_comment: body.comment ?? null });
    await ops.audit(tx, { action: 'ta_request.rated', entityType: 'ta_request', entityId: id, details: { rating: body.rating } });
    return present(await mustSee(tx, viewer, id));
  });
}

export async function taTasks(tx: Tx, userId: string): Promise<HomeTask[]> {
  return (await assignedOpenRequests(tx, userId)).map((r) => ({
    kind: 'ta_request_assigned' as const,
    subject: r.title,
    subjectId: r.id,
    due: r.due_on,
    href: `/ta/requests/${r.id}`,
  }));
}

// ---- capacity-building events

type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

async function presentEvents(tx: Tx, viewer: TaViewer, rows: EventRow[]): Promise<CapacityEvent[]> {
  const attendees = await attendeesOf(
    tx,
    rows.map((r) => r.id),
    viewer.manager ? undefined : viewer.organizationIds,
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    title: r.title,
    topic: r.topic as TaTopic,
    description: r.description,
    heldOn: r.held_on,
    durationMinutes: r.duration_minutes,
    facilitator: r.facilitator,
    location: r.location,
    attended: Number(r.attended),
    organizations: Number(r.organizations),
    attendees: attendees
      .filter((a) => a.event_id === r.id)
      .map((a) => ({
        id: a.id,
        organization: { id: a.organization_id, name: a.organization_name },
        name: a.attendee_name,
        userId: a.user_id,
        attended: a.attended,
      })),
  }));
}

export async function listEventPage(
  ops: Ops,
  viewer: TaViewer,
  query: {
    page: number;
    pageSize: number;
    q?: string;
    topic?: string;
    from?: string;
    to?: string;
    organizationId?: string;
    initiativeId?: string;
  },
): Promise<Page<CapacityEvent>> {
  return ops.tx(async (tx) => {
    const page = await paginate(listEvents(tx, query), query.page, query.pageSize);
    return { ...page, items: await presentEvents(tx, viewer, page.items) };
  });
}

async function mustFindEvent(tx: Tx, id: string) {
  const row = await findEvent(tx, id);
  if (!row) throw notFound('event');
  return row;
}

export async function getEvent(ops: Ops, viewer: TaViewer, id: string): Promise<CapacityEvent> {
  return ops.tx(async (tx) => (await presentEvents(tx, viewer, [await mustFindEvent(tx, id)]))[0]);
}

export async function createEventIn(ops: Ops, tx: Tx, body: CapacityEventBody): Promise<string> {
  await requireInitiative(tx, body.initiativeId);
  const id = randomUUID();
  await insertEvents(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      initiative_id: body.initiativeId ?? null,
      title: body.title,
      topic: body.topic,
      description: body.description ?? null,
      held_on: body.heldOn,
      duration_minutes: body.durationMinutes ?? null,
      facilitator: body.facilitator ?? null,
      location: body.location ?? null,
    },
  ]);
  await ops.audit(tx, {
    action: 'capacity_event.created',
    entityType: 'capacity_event',
    entityId: id,
    details: { title: body.title, topic: body.topic, heldOn: body.heldOn },
  });
  return id;
}

export async function createEvent(ops: Ops, viewer: TaViewer, body: CapacityEventBody): Promise<CapacityEvent> {
  const id = await ops.tx((tx) => createEventIn(ops, tx, body));
  return getEvent(ops, viewer, id);
}

export async function changeEvent(ops: Ops, viewer: TaViewer, id: string, body: CapacityEventPatch): Promise<CapacityEvent> {
  await ops.tx(async (tx) => {
    const before = await mustFindEvent(tx, id);
    await requireInitiative(tx, body.initiativeId);
    const columns = pick({
      initiative_id: body.initiativeId,
      title: body.title,
      topic: body.topic,
      description: body.description,
      held_on: body.heldOn,
      duration_minutes: body.durationMinutes,
      facilitator: body.facilitator,
      location: body.location,
    });
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length === 0) return;
    await updateEvent(tx, id, columns);
    await ops.audit(tx, { action: 'capacity_event.updated', entityType: 'capacity_event', entityId: id, details: { changes } });
  });
  return getEvent(ops, viewer, id);
}

export async function recordEventAttendance(ops: Ops, viewer: TaViewer, id: string, body: EventAttendanceBody): Promise<CapacityEvent> {
  await ops.tx(async (tx) => {
    await mustFindEvent(tx, id);
    await requireOrganizations(
      tx,
      body.attendees.map((a) => a.organizationId),
      'body.attendees',
    );
    const users = body.attendees.map((a) => a.userId).filter((x): x is string => !!x);
    if (users.length) await requireUsers(tx, users, 'body.attendees');
    const seen = new Set<string>();
    const rows = body.attendees
      .filter((a) => {
        const key = `${a.organizationId}|${a.name.toLowerCase()}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((a) => ({
        id: randomUUID(),
        tenant_id: ops.tenantId,
        event_id: id,
        organization_id: a.organizationId,
        attendee_name: a.name,
        user_id: a.userId ?? null,
        attended: a.attended,
      }));
    await replaceAttendance(tx, id, rows);
    await ops.audit(tx, {
      action: 'capacity_event.attendance_recorded',
      entityType: 'capacity_event',
      entityId: id,
      details: { attended: rows.filter((r) => r.attended).length, organizations: new Set(rows.map((r) => r.organization_id)).size },
    });
  });
  return getEvent(ops, viewer, id);
}

// ---- recurring needs

/** A topic recurs when several organizations ask for it or it is asked for again and again. */
const RECURRING_ORGANIZATIONS = 2;
const RECURRING_REQUESTS = 3;

export async function recurringNeeds(ops: Ops, query: { from?: string; to?: string; initiativeId?: string }): Promise<Needs> {
  const to = query.to ?? today();
  const from = query.from ?? new Date(new Date(`${to}T00:00:00Z`).getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) {
    throw new AppError('validation_failed', 'The period ends before it starts.', [
      { field: 'query.to', code: 'before_start', message: 'The period ends before it starts.' },
    ]);
  }
  return ops.tx(async (tx) => {
    const topics = (await needsByTopic(tx, { from, to, initiativeId: query.initiativeId })).rows;
    const orgs = (await needsByOrganization(tx, { from, to, initiativeId: query.initiativeId })).rows;
    return {
      from,
      to,
      byTopic: topics.map((t) => ({
        topic: t.topic as TaTopic,
        requests: Number(t.requests),
        open: Number(t.open),
        urgent: Number(t.urgent),
        organizations: Number(t.organizations),
        events: Number(t.events),
        attended: Number(t.attended),
        averageSatisfaction: t.satisfaction === null ? null : Math.round(Number(t.satisfaction) * 10) / 10,
        recurring: Number(t.organizations) >= RECURRING_ORGANIZATIONS || Number(t.requests) >= RECURRING_REQUESTS,
      })),
      byOrganization: orgs.map((o) => ({
        organization: { id: o.organization_id, name: o.organization_name },
        topic: o.topic as TaTopic,
        requests: Number(o.requests),
        lastRequestedAt: iso(o.last_requested_at),
        attendedEvents: Number(o.attended_events),
        recurring: Number(o.requests) >= 2,
      })),
    };
  });
}
