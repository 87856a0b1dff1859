import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { AgendaItemTable, MeetingAttendanceTable, MeetingTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import { STORED_FILE_META } from '../../platform/uploads.ts';
import { bodyVisibleTo } from './bodies.queries.ts';
import type { Viewer } from './governance.policy.ts';

export const MEETING_COLUMNS = [
  'meeting.id',
  'meeting.body_id',
  'meeting.title',
  'meeting.starts_at',
  'meeting.location',
  'meeting.status',
  'meeting.opened_at',
  'meeting.closed_at',
  'meeting.minutes',
  'meeting.minutes_status',
  'meeting.minutes_approved_by',
] as const;

function meetings(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('meeting')
    .innerJoin('governance_body', 'governance_body.id', 'meeting.body_id')
    .select(MEETING_COLUMNS)
    .select([
      'governance_body.name as body_name',
      sql<number>`(SELECT count(*) FROM motion m WHERE m.meeting_id = meeting.id)`.as('motion_count'),
    ])
    .where(bodyVisibleTo(viewer, 'meeting.body_id'));
}

export function listMeetings(
  db: Executor,
  viewer: Viewer,
  f: { q?: string; bodyId?: string; status?: string; from?: string; to?: string; initiativeId?: string },
) {
  let q = meetings(db, viewer);
  if (f.bodyId) q = q.where('meeting.body_id', '=', f.bodyId);
  if (f.status) q = q.where('meeting.status', '=', f.status as 'scheduled');
  if (f.from) q = q.where('meeting.starts_at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where('meeting.starts_at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
  if (f.q)
    q = q.where((eb) => eb.or([eb('meeting.title', 'ilike', likePattern(f.q!)), eb('governance_body.name', 'ilike', likePattern(f.q!))]));
  q = whereInitiative(q, 'governance_body.initiative_id', f.initiativeId);
  return q.orderBy('meeting.starts_at', 'desc').orderBy('meeting.id');
}

export function findMeeting(db: Executor, viewer: Viewer, id: string) {
  return meetings(db, viewer).where('meeting.id', '=', id).executeTakeFirst();
}

export async function insertMeetings(db: Executor, rows: Insertable<MeetingTable>[]) {
  if (rows.length) await db.insertInto('meeting').values(rows).execute();
}

export async function updateMeeting(db: Executor, id: string, patch: Partial<Insertable<MeetingTable>>) {
  await db
    .updateTable('meeting')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function agendaOf(db: Executor, meetingId: string) {
  return db
    .selectFrom('agenda_item')
    .select(['id', 'position', 'title', 'description', 'presenter', 'duration_minutes'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export async function replaceAgenda(db: Executor, meetingId: string, rows: Insertable<AgendaItemTable>[]) {
  await db.deleteFrom('agenda_item').where('meeting_id', '=', meetingId).execute();
  if (rows.length) await db.insertInto('agenda_item').values(rows).execute();
}

export async function insertAgendaItems(db: Executor, rows: Insertable<AgendaItemTable>[]) {
  if (rows.length) await db.insertInto('agenda_item').values(rows).execute();
}

export function attendanceOf(db: Executor, meetingId: string) {
  return db.selectFrom('meeting_attendance').select(['seat_id', 'status']).where('meeting_id', '=', meetingId).execute();
}

export async function upsertAttendance(db: Executor, rows: Insertable<MeetingAttendanceTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('meeting_attendance')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'seat_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        recorded_at: eb.ref('excluded.recorded_at'),
        recorded_by: eb.ref('excluded.recorded_by'),
      })),
    )
    .execute();
}

export function attachmentsOf(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_attachment')
    .innerJoin('stored_file', 'stored_file.id', 'meeting_attachment.file_id')
    .select([
      'meeting_attachment.id',
      'meeting_attachment.title',
      'meeting_attachment.file_id',
      'meeting_attachment.created_at',
      ...STORED_FILE_META,
    ])
    .where('meeting_attachment.meeting_id', '=', meetingId)
    .orderBy('meeting_attachment.created_at')
    .orderBy('meeting_attachment.id')
    .execute();
}

export async function insertAttachment(
  db: Executor,
  row: { id: string; tenant_id: string; meeting_id: string; title: string; file_id: string; created_by: string | null },
) {
  await db.insertInto('meeting_attachment').values(row).execute();
}

export function findAttachment(db: Executor, meetingId: string, id: string) {
  return db
    .selectFrom('meeting_attachment')
    .select(['id', 'title', 'file_id'])
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachment(db: Executor, id: string) {
  await db.deleteFrom('meeting_attachment').where('id', '=', id).execute();
}
