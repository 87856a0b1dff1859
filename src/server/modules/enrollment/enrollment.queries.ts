import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { FollowUpAttemptTable, FollowUpTable, ProgramParticipationTable } from '../../db/types.ts';
import { uuidArray } from '../participants/participants.queries.ts';

const lastQualifying = sql<string | null>`(SELECT max(s.service_date) FROM service_record s
  WHERE s.participant_id = pp.participant_id AND s.qualifying AND s.status = 'completed' AND s.service_date >= pp.entry_date)`;
const scheduledQualifying = (today: string) => sql<boolean>`EXISTS (SELECT 1 FROM service_record s
  WHERE s.participant_id = pp.participant_id AND s.qualifying AND s.status = 'scheduled' AND s.service_date >= ${today})`;

export function participationsOf(db: Executor, participantId: string, today: string) {
  return db
    .selectFrom('program_participation as pp')
    .leftJoin('initiative', 'initiative.id', 'pp.initiative_id')
    .select(['pp.id', 'pp.participant_id', 'pp.entry_date', 'pp.exit_date', 'pp.exit_reason', 'pp.funding_stream_ids', 'pp.created_at'])
    .select(['pp.initiative_id', 'initiative.name as initiative_name'])
    .select([lastQualifying.as('last_qualifying'), scheduledQualifying(today).as('has_scheduled')])
    .where('pp.participant_id', '=', participantId)
    .orderBy('pp.entry_date', 'desc')
    .orderBy('pp.id')
    .execute();
}
export type ParticipationRow = Awaited<ReturnType<typeof participationsOf>>[number];

export function findParticipation(db: Executor, participantId: string, id: string, today: string) {
  return db
    .selectFrom('program_participation as pp')
    .leftJoin('initiative', 'initiative.id', 'pp.initiative_id')
    .select(['pp.id', 'pp.participant_id', 'pp.entry_date', 'pp.exit_date', 'pp.exit_reason', 'pp.funding_stream_ids', 'pp.created_at'])
    .select(['pp.initiative_id', 'initiative.name as initiative_name'])
    .select([lastQualifying.as('last_qualifying'), scheduledQualifying(today).as('has_scheduled')])
    .where('pp.participant_id', '=', participantId)
    .where('pp.id', '=', id)
    .executeTakeFirst();
}

export function openParticipation(db: Executor, participantId: string) {
  return db
    .selectFrom('program_participation')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('exit_date', 'is', null)
    .executeTakeFirst();
}

/** The tenant's active initiatives, at most two: a new period defaults to the only one, never to a guess. */
export function activeInitiatives(db: Executor) {
  return db.selectFrom('initiative').select('id').where('status', '=', 'active').orderBy('id').limit(2).execute();
}

export async function insertParticipation(db: Executor, row: Insertable<ProgramParticipationTable>) {
  await db.insertInto('program_participation').values(row).execute();
}

export async function closeParticipation(db: Executor, id: string, exitDate: string, reason: string | null, by: string) {
  await db
    .updateTable('program_participation')
    .set({ exit_date: exitDate, exit_reason: reason, exit_confirmed_by: by })
    .where('id', '=', id)
    .execute();
}

export function streamNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('funding_stream').select(['id', 'name', 'source_type']).where('id', 'in', ids).execute();
}

/**
 * Open participations with no qualifying service for `days` days and none scheduled, of the given
 * owners' participants (null: all). The proposed exit date is the last qualifying service (or entry).
 */
export async function proposedExits(db: Executor, ownerOrgIds: string[] | null, today: string, days: number, limit = 100) {
  if (ownerOrgIds && ownerOrgIds.length === 0) return [];
  const cutoff = new Date(Date.parse(today) - days * 86_400_000).toISOString().slice(0, 10);
  const { rows } = await sql<{
    id: string;
    participant_id: string;
    first_name: string;
    last_name: string;
    entry_date: string;
    last_qualifying: string | null;
  }>`
    SELECT pp.id, pp.participant_id, p.first_name, p.last_name, pp.entry_date, ls.last_qualifying
    FROM program_participation pp
    JOIN participant p ON p.id = pp.participant_id
    LEFT JOIN LATERAL (SELECT max(s.service_date) AS last_qualifying FROM service_record s
      WHERE s.participant_id = pp.participant_id AND s.qualifying AND s.status = 'completed' AND s.service_date >= pp.entry_date) ls ON true
    WHERE pp.exit_date IS NULL
      AND coalesce(ls.last_qualifying, pp.entry_date) <= ${cutoff}
      AND NOT ${scheduledQualifying(today)}
      ${ownerOrgIds ? sql`AND p.owner_organization_id = ANY(${uuidArray(ownerOrgIds)})` : sql``}
    ORDER BY coalesce(ls.last_qualifying, pp.entry_date), pp.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

export async function insertFollowUps(db: Executor, rows: Insertable<FollowUpTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('follow_up')
    .values(rows)
    .onConflict((oc) => oc.columns(['participation_id', 'quarter_after_exit']).doNothing())
    .execute();
}

export function followUpsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('follow_up')
    .select([
      'id',
      'participant_id',
      'participation_id',
      'quarter_after_exit',
      'window_start',
      'window_end',
      'status',
      'employed',
      'result_note',
      'completed_at',
    ])
    .where('participant_id', '=', participantId)
    .orderBy('window_start')
    .orderBy('id')
    .execute();
}
export type FollowUpRow = Awaited<ReturnType<typeof followUpsOf>>[number];

export function attemptsOf(db: Executor, followUpIds: string[]) {
  if (followUpIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('follow_up_attempt')
    .select(['id', 'follow_up_id', 'attempted_at', 'method', 'reached', 'note'])
    .where('follow_up_id', 'in', followUpIds)
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
}

export function findFollowUp(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('follow_up')
    .select(['id', 'status'])
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAttempt(db: Executor, row: Insertable<FollowUpAttemptTable>) {
  await db.insertInto('follow_up_attempt').values(row).execute();
}

export async function updateFollowUp(db: Executor, id: string, patch: Updateable<FollowUpTable>) {
  await db.updateTable('follow_up').set(patch).where('id', '=', id).execute();
}

/** Scheduled follow-ups whose window opens by `until`, of the given owners' participants (null: all). */
export async function dueFollowUps(db: Executor, ownerOrgIds: string[] | null, until: string, limit = 100) {
  if (ownerOrgIds && ownerOrgIds.length === 0) return [];
  let q = db
    .selectFrom('follow_up')
    .innerJoin('participant', 'participant.id', 'follow_up.participant_id')
    .select([
      'follow_up.id',
      'follow_up.participant_id',
      'follow_up.quarter_after_exit',
      'follow_up.window_start',
      'follow_up.window_end',
      'participant.first_name',
      'participant.last_name',
    ])
    .where('follow_up.status', '=', 'scheduled')
    .where('follow_up.window_start', '<=', until);
  if (ownerOrgIds) q = q.where('participant.owner_organization_id', 'in', ownerOrgIds);
  return q.orderBy('follow_up.window_start').orderBy('follow_up.id').limit(limit).execute();
}
