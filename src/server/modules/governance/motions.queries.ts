import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { MotionTable, VoteTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import { bodyVisibleTo } from './bodies.queries.ts';
import type { Viewer } from './governance.policy.ts';

export const MOTION_COLUMNS = [
  'motion.id',
  'motion.body_id',
  'motion.meeting_id',
  'motion.kind',
  'motion.title',
  'motion.resolution',
  'motion.minutes_meeting_id',
  'motion.proposal_id',
  'motion.moved_by_seat_id',
  'motion.seconded_by_seat_id',
  'motion.status',
  'motion.opened_at',
  'motion.closed_at',
  'motion.outcome',
  'motion.outcome_reason',
  'motion.tally',
  'motion.created_at',
] as const;

function motions(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('motion')
    .innerJoin('governance_body', 'governance_body.id', 'motion.body_id')
    .innerJoin('meeting', 'meeting.id', 'motion.meeting_id')
    .select(MOTION_COLUMNS)
    .select([
      'governance_body.name as body_name',
      'meeting.title as meeting_title',
      'meeting.starts_at as meeting_starts_at',
      'meeting.status as meeting_status',
    ])
    .where(bodyVisibleTo(viewer, 'motion.body_id'));
}

export function listMotions(
  db: Executor,
  viewer: Viewer,
  f: { q?: string; bodyId?: string; meetingId?: string; status?: string; organizationId?: string; initiativeId?: string },
) {
  let q = motions(db, viewer);
  if (f.bodyId) q = q.where('motion.body_id', '=', f.bodyId);
  if (f.meetingId) q = q.where('motion.meeting_id', '=', f.meetingId);
  if (f.status) q = q.where('motion.status', '=', f.status as 'open');
  if (f.q)
    q = q.where((eb) => eb.or([eb('motion.title', 'ilike', likePattern(f.q!)), eb('motion.resolution', 'ilike', likePattern(f.q!))]));
  if (f.organizationId) {
    const org = f.organizationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('motion_organization')
          .select('motion_organization.motion_id')
          .whereRef('motion_organization.motion_id', '=', 'motion.id')
          .where('motion_organization.organization_id', '=', org),
      ),
    );
  }
  q = whereInitiative(q, 'governance_body.initiative_id', f.initiativeId);
  return q.orderBy('meeting.starts_at', 'desc').orderBy('motion.created_at').orderBy('motion.id');
}

export function motionsOfMeeting(db: Executor, viewer: Viewer, meetingId: string) {
  return motions(db, viewer).where('motion.meeting_id', '=', meetingId).orderBy('motion.created_at').orderBy('motion.id').execute();
}

export function findMotion(db: Executor, viewer: Viewer, id: string) {
  return motions(db, viewer).where('motion.id', '=', id).executeTakeFirst();
}

export function organizationsOfMotions(db: Executor, motionIds: string[]) {
  if (motionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('motion_organization')
    .innerJoin('organization', 'organization.id', 'motion_organization.organization_id')
    .select(['motion_organization.motion_id', 'organization.id', 'organization.name'])
    .where('motion_organization.motion_id', 'in', motionIds)
    .orderBy('organization.name')
    .execute();
}

export async function insertMotions(db: Executor, rows: Insertable<MotionTable>[]) {
  if (rows.length) await db.insertInto('motion').values(rows).execute();
}

export async function updateMotion(db: Executor, id: string, patch: Partial<Insertable<MotionTable>>) {
  await db
    .updateTable('motion')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceMotionOrganizations(db: Executor, tenantId: string, motionId: string, organizationIds: string[]) {
  await db.deleteFrom('motion_organization').where('motion_id', '=', motionId).execute();
  await insertMotionOrganizations(
    db,
    organizationIds.map((organization_id) => ({ motion_id: motionId, organization_id, tenant_id: tenantId })),
  );
}

export async function insertMotionOrganizations(db: Executor, rows: { motion_id: string; organization_id: string; tenant_id: string }[]) {
  if (rows.length)
    await db
      .insertInto('motion_organization')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export function votesOf(db: Executor, motionId: string) {
  return db
    .selectFrom('vote')
    .innerJoin('user', 'user.id', 'vote.user_id')
    .innerJoin('seat', 'seat.id', 'vote.seat_id')
    .leftJoin('organization', 'organization.id', 'seat.organization_id')
    .select([
      'vote.id',
      'vote.seat_id',
      'vote.user_id',
      'vote.value',
      'vote.recusal_reasons',
      'vote.cast_at',
      'user.name as user_name',
      'seat.organization_id',
      'organization.name as organization_name',
    ])
    .where('vote.motion_id', '=', motionId)
    .orderBy('user.name')
    .orderBy('vote.id')
    .execute();
}

export async function upsertVotes(db: Executor, rows: Insertable<VoteTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('vote')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['motion_id', 'seat_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        recusal_reasons: eb.ref('excluded.recusal_reasons'),
        cast_at: eb.ref('excluded.cast_at'),
      })),
    )
    .execute();
}

/** Row lock on a motion: votes, opening and closing of one motion happen one at a time. */
export async function lockMotion(db: Executor, id: string) {
  await db.selectFrom('motion').select('id').where('id', '=', id).forUpdate().execute();
}

export function openMotionIds(db: Executor, meetingId: string) {
  return db
    .selectFrom('motion')
    .select(['id', 'status'])
    .where('meeting_id', '=', meetingId)
    .where('status', 'in', ['open', 'proposed'])
    .execute();
}

/** Open motions where this person holds a voting seat on the body and has not voted (for the home page). */
export function motionsAwaitingVote(db: Executor, userId: string) {
  return db
    .selectFrom('motion')
    .innerJoin('meeting', 'meeting.id', 'motion.meeting_id')
    .innerJoin('seat', (j) => j.onRef('seat.body_id', '=', 'motion.body_id').on('seat.user_id', '=', userId).on('seat.voting', '=', true))
    .select(['motion.id', 'motion.title', 'meeting.starts_at', 'seat.organization_id'])
    .where('motion.status', '=', 'open')
    .where('meeting.status', '=', 'in_progress')
    .where(
      sql<boolean>`seat.term_starts_on <= (meeting.starts_at AT TIME ZONE 'UTC')::date
        AND (seat.term_ends_on IS NULL OR seat.term_ends_on >= (meeting.starts_at AT TIME ZONE 'UTC')::date)`,
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('vote').select('vote.id').whereRef('vote.motion_id', '=', 'motion.id').whereRef('vote.seat_id', '=', 'seat.id'),
        ),
      ),
    )
    .orderBy('meeting.starts_at')
    .orderBy('motion.id')
    .limit(20)
    .execute();
}
