import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type { AgendaBody, AttendanceBody, Meeting, MeetingBody, MeetingPatch, MeetingSummary } from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { deleteFile, findFileContent, presentFile, storeFile, type Upload } from '../../platform/uploads.ts';
import { iso, isoOrNull, mustSeeBody } from './bodies.service.ts';
import type { Viewer } from './governance.policy.ts';
import {
  agendaOf,
  attachmentsOf,
  deleteAttachment,
  findAttachment,
  findMeeting,
  insertAgendaItems,
  insertAttachment,
  insertMeetings,
  listMeetings,
  replaceAgenda,
  updateMeeting,
  upsertAttendance,
} from './meetings.queries.ts';
import { meetingRoll, motionSummariesOfMeeting, settleMeetingMotions } from './motions.service.ts';

type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

function presentSummary(r: MeetingRow): MeetingSummary {
  return {
    id: r.id,
    body: { id: r.body_id, name: r.body_name },
    title: r.title,
    startsAt: iso(r.starts_at),
    location: r.location,
    status: r.status,
    minutesStatus: r.minutes_status,
    motionCount: Number(r.motion_count),
  };
}

export async function listMeetingPage(
  ops: Ops,
  viewer: Viewer,
  query: {
    page: number;
    pageSize: number;
    q?: string;
    bodyId?: string;
    status?: string;
    from?: string;
    to?: string;
    initiativeId?: string;
  },
): Promise<Page<MeetingSummary>> {
  const page = await ops.tx((tx) => paginate(listMeetings(tx, viewer, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentSummary) };
}

async function mustSeeMeeting(tx: Tx, viewer: Viewer, id: string) {
  const row = await findMeeting(tx, viewer, id);
  if (!row) throw notFound('meeting');
  return row;
}

async function presentMeeting(tx: Tx, viewer: Viewer, row: MeetingRow): Promise<Meeting> {
  const roll = await meetingRoll(tx, row);
  const agenda = await agendaOf(tx, row.id);
  const attachments = await attachmentsOf(tx, row.id);
  return {
    ...presentSummary(row),
    openedAt: isoOrNull(row.opened_at),
    closedAt: isoOrNull(row.closed_at),
    minutes: row.minutes,
    minutesApprovedBy: row.minutes_approved_by,
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      description: a.description,
      presenter: a.presenter,
      durationMinutes: a.duration_minutes,
    })),
    attendance: roll.seats.map((s) => ({
      seatId: s.id,
      user: { id: s.user_id, name: s.user_name },
      organization: s.organization_id ? { id: s.organization_id, name: s.organization_name ?? '' } : null,
      title: s.title,
      voting: s.voting,
      status: roll.attendance.get(s.id) ?? null,
    })),
    quorum: roll.quorum,
    attachments: attachments.map((a) => ({ id: a.id, title: a.title, file: presentFile(a), createdAt: iso(a.created_at) })),
    motions: await motionSummariesOfMeeting(tx, viewer, row.id),
    mySeatId: roll.seatOf(viewer.userId)?.id ?? null,
  };
}

export async function getMeeting(ops: Ops, viewer: Viewer, id: string): Promise<Meeting> {
  return ops.tx(async (tx) => presentMeeting(tx, viewer, await mustSeeMeeting(tx, viewer, id)));
}

const agendaRows = (tenantId: string, meetingId: string, items: AgendaBody['items']) =>
  items.map((item, i) => ({
    id: randomUUID(),
    tenant_id: tenantId,
    meeting_id: meetingId,
    position: i + 1,
    title: item.title,
    description: item.description ?? null,
    presenter: item.presenter ?? null,
    duration_minutes: item.durationMinutes ?? null,
  }));

export async function scheduleMeetingIn(ops: Ops, tx: Tx, viewer: Viewer, bodyId: string, body: MeetingBody): Promise<string> {
  await mustSeeBody(tx, viewer, bodyId);
  const id = randomUUID();
  await insertMeetings(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      body_id: bodyId,
      title: body.title,
      starts_at: body.startsAt,
      location: body.location ?? null,
      status: 'scheduled',
    },
  ]);
  await insertAgendaItems(tx, agendaRows(ops.tenantId, id, body.agenda ?? []));
  await ops.audit(tx, {
    action: 'meeting.scheduled',
    entityType: 'meeting',
    entityId: id,
    details: { bodyId, title: body.title, startsAt: body.startsAt },
  });
  return id;
}

export async function scheduleMeeting(ops: Ops, viewer: Viewer, bodyId: string, body: MeetingBody): Promise<Meeting> {
  return ops.tx(async (tx) =>
    presentMeeting(tx, viewer, await mustSeeMeeting(tx, viewer, await scheduleMeetingIn(ops, tx, viewer, bodyId, body))),
  );
}

export async function changeMeeting(ops: Ops, viewer: Viewer, id: string, body: MeetingPatch): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const before = await mustSeeMeeting(tx, viewer, id);
    // Moving a meeting would change who sat on the body that day, so only scheduled meetings move.
    if (body.startsAt !== undefined && before.status !== 'scheduled')
      throw new AppError('conflict', 'Only a scheduled meeting can be moved.');
    const columns: Record<string, unknown> = Object.fromEntries(
      Object.entries({ title: body.title, starts_at: body.startsAt, location: body.location }).filter(([, v]) => v !== undefined),
    );
    if (body.minutes !== undefined) {
      // Approved minutes are the record; changing them takes a new motion, not an edit.
      if (before.minutes_status === 'approved') throw new AppError('conflict', 'These minutes were approved and can no longer be changed.');
      columns.minutes = body.minutes;
      columns.minutes_status = body.minutes ? 'draft' : 'none';
    }
    const changes = diff(before as unknown as Record<string, unknown>, columns, ['minutes']);
    if (Object.keys(changes).length > 0) {
      await updateMeeting(tx, id, columns);
      await ops.audit(tx, { action: 'meeting.updated', entityType: 'meeting', entityId: id, details: { changes } });
    }
    return presentMeeting(tx, viewer, await mustSeeMeeting(tx, viewer, id));
  });
}

export async function setAgenda(ops: Ops, viewer: Viewer, id: string, body: AgendaBody): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    if (row.status === 'closed' || row.status === 'cancelled')
      throw new AppError('conflict', `The meeting is ${row.status}; its agenda is final.`);
    await replaceAgenda(tx, id, agendaRows(ops.tenantId, id, body.items));
    await ops.audit(tx, {
      action: 'meeting.agenda_set',
      entityType: 'meeting',
      entityId: id,
      details: { items: body.items.map((i) => i.title) },
    });
    return presentMeeting(tx, viewer, row);
  });
}

function mustBeLive(row: MeetingRow) {
  if (row.status === 'closed' || row.status === 'cancelled')
    throw new AppError('conflict', `The meeting is ${row.status}; attendance is final.`);
}

export async function recordAttendance(ops: Ops, viewer: Viewer, id: string, body: AttendanceBody): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    mustBeLive(row);
    const roll = await meetingRoll(tx, row);
    const errors = body.entries.flatMap((e, i) =>
      roll.seats.some((s) => s.id === e.seatId)
        ? []
        : [{ field: `body.entries.${i}.seatId`, code: 'not_a_seat', message: 'Not a seat of this body on the meeting date.' }],
    );
    if (errors.length) throw new AppError('validation_failed', errors[0].message, errors);
    const now = new Date();
    await upsertAttendance(
      tx,
      body.entries.map((e) => ({
        meeting_id: id,
        seat_id: e.seatId,
        tenant_id: ops.tenantId,
        status: e.status,
        recorded_at: now,
        recorded_by: ops.actor.userId,
      })),
    );
    const after = await meetingRoll(tx, row);
    await ops.audit(tx, {
      action: 'meeting.attendance_recorded',
      entityType: 'meeting',
      entityId: id,
      details: { entries: body.entries, quorum: after.quorum },
    });
    return presentMeeting(tx, viewer, row);
  });
}

/** A member marks themselves present at a meeting in progress (remote attendance). */
export async function checkIn(ops: Ops, viewer: Viewer, id: string): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    const roll = await meetingRoll(tx, row);
    const seat = roll.seatOf(viewer.userId);
    if (!seat) throw new AppError('not_a_member', 'Only members of this body (on the meeting date) can check in.');
    if (row.status !== 'in_progress') throw new AppError('conflict', 'Check-in is open while the meeting is in progress.');
    await upsertAttendance(tx, [
      { meeting_id: id, seat_id: seat.id, tenant_id: ops.tenantId, status: 'present', recorded_at: new Date(), recorded_by: viewer.userId },
    ]);
    await ops.audit(tx, { action: 'meeting.checked_in', entityType: 'meeting', entityId: id, details: { seatId: seat.id } });
    return presentMeeting(tx, viewer, row);
  });
}

export async function setMeetingStatus(ops: Ops, viewer: Viewer, id: string, to: 'in_progress' | 'closed' | 'cancelled'): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    const from: Record<typeof to, string> = { in_progress: 'scheduled', closed: 'in_progress', cancelled: 'scheduled' };
    if (row.status !== from[to])
      throw new AppError('conflict', `A ${row.status.replace('_', ' ')} meeting cannot be ${to === 'in_progress' ? 'opened' : to}.`);
    const now = new Date();
    if (to === 'closed') await settleMeetingMotions(ops, tx, viewer, id);
    await updateMeeting(
      tx,
      id,
      to === 'in_progress' ? { status: to, opened_at: now } : to === 'closed' ? { status: to, closed_at: now } : { status: to },
    );
    const action = to === 'in_progress' ? 'meeting.opened' : to === 'closed' ? 'meeting.closed' : 'meeting.cancelled';
    await ops.audit(tx, {
      action,
      entityType: 'meeting',
      entityId: id,
      details: to === 'closed' ? { quorum: (await meetingRoll(tx, row)).quorum } : {},
    });
    return presentMeeting(tx, viewer, await mustSeeMeeting(tx, viewer, id));
  });
}

// ---- attachments

export async function assertMeeting(ops: Ops, viewer: Viewer, id: string): Promise<void> {
  await ops.tx((tx) => mustSeeMeeting(tx, viewer, id));
}

export async function addAttachment(ops: Ops, viewer: Viewer, id: string, upload: Upload<{ title: string }>): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    const fileId = await storeFile(tx, ops.tenantId, ops.actor.userId, upload);
    const attachmentId = randomUUID();
    await insertAttachment(tx, {
      id: attachmentId,
      tenant_id: ops.tenantId,
      meeting_id: id,
      title: upload.fields.title,
      file_id: fileId,
      created_by: ops.actor.userId,
    });
    await ops.audit(tx, {
      action: 'meeting.attachment_added',
      entityType: 'meeting',
      entityId: id,
      details: { attachmentId, title: upload.fields.title, filename: upload.filename, byteSize: upload.content.length },
    });
    return presentMeeting(tx, viewer, row);
  });
}

export async function attachmentContent(ops: Ops, viewer: Viewer, id: string, attachmentId: string) {
  return ops.tx(async (tx) => {
    await mustSeeMeeting(tx, viewer, id);
    const a = await findAttachment(tx, id, attachmentId);
    const file = a ? await findFileContent(tx, a.file_id) : undefined;
    if (!file) throw notFound('attachment');
    return file;
  });
}

export async function removeAttachment(ops: Ops, viewer: Viewer, id: string, attachmentId: string): Promise<Meeting> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMeeting(tx, viewer, id);
    const a = await findAttachment(tx, id, attachmentId);
    if (!a) throw notFound('attachment');
    await deleteAttachment(tx, attachmentId);
    await deleteFile(tx, a.file_id);
    await ops.audit(tx, {
      action: 'meeting.attachment_removed',
      entityType: 'meeting',
      entityId: id,
      details: { attachmentId, title: a.title },
    });
    return presentMeeting(tx, viewer, row);
  });
}
