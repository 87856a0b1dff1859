import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { NewReferral, NewReferralEvent } from '../../db/types.ts';
import { participantInInitiative } from '../../platform/initiative-scope.ts';

// The only SQL of referrals.

const COLUMNS = [
  'referral.id',
  'referral.participant_id',
  'referral.service_id',
  'hsds_service.name as service_name',
  'referral.sender_organization_id',
  'sender.name as sender_name',
  'referral.receiving_organization_id',
  'receiver.name as receiver_name',
  'referral.categories',
  'referral.status',
  'referral.urgency',
  'referral.reason',
  'referral.notes',
  'referral.due_on',
  'referral.escalation_level',
  'referral.escalated_at',
  'referral.decline_reason',
  'referral.suggested_service_id',
  'referral.outcome',
  'referral.sent_at',
  'referral.accepted_at',
  'referral.closed_at',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('referral')
    .innerJoin('hsds_service', 'hsds_service.id', 'referral.service_id')
    .innerJoin('organization as receiver', 'receiver.id', 'referral.receiving_organization_id')
    .leftJoin('organization as sender', 'sender.id', 'referral.sender_organization_id')
    .select(COLUMNS)
    .where('referral.status', '!=', 'deleted');
}

export type ReferralFilter = {
  inboxOrgs?: string[];
  outboxOrgs?: string[];
  status?: string;
  overdueOn?: string;
  escalated?: boolean;
  initiativeId?: string;
};

/**
 * The one rule for "referrals in an initiative", shared by the list and the reports: a referral about a
 * person is in the initiatives the person has a period in (a provider serving several initiatives must not
 * bring every referral it sends); one without a person (a self-referral not yet matched) falls back to its
 * organizations: the sender or the receiver partners in the initiative.
 */
export function referralInInitiative(alias: string, initiativeId: string) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`CASE WHEN ${col('participant_id')} IS NOT NULL
    THEN ${participantInInitiative(`${alias}.participant_id`, initiativeId)}
    ELSE EXISTS (SELECT 1 FROM initiative_partner ip WHERE ip.initiative_id = ${initiativeId}
      AND ip.organization_id IN (${col('sender_organization_id')}, ${col('receiving_organization_id')})) END`;
}

/** Referrals a list filter matches. Every filter is a column of referral itself (its indexes). */
function matching(db: Executor, f: ReferralFilter) {
  let q = db.selectFrom('referral').where('referral.status', '!=', 'deleted');
  if (f.inboxOrgs)
    q = q.where('referral.receiving_organization_id', 'in', f.inboxOrgs.length ? f.inboxOrgs : ['00000000-0000-0000-0000-000000000000']);
  if (f.outboxOrgs)
    q = q.where('referral.sender_organization_id', 'in', f.outboxOrgs.length ? f.outboxOrgs : ['00000000-0000-0000-0000-000000000000']);
  if (f.status) q = q.where('referral.status', '=', f.status);
  if (f.overdueOn) q = q.where('referral.status', '=', 'sent').where('referral.due_on', '<', f.overdueOn);
  // Escalated and still unanswered: what the intermediary has to chase.
  if (f.escalated) q = q.where('referral.status', '=', 'sent').where('referral.escalation_level', '>', 0);
  if (f.initiativeId) q = q.where(referralInInitiative('referral', f.initiativeId));
  return q;
}

/**
 * Matching referrals' ids, newest first. A page is cut and counted on referral alone, and only that
 * page is joined for names: joined before count(*) over (), every match of a million referrals was
 * joined to read 25.
 */
export function listReferralIds(db: Executor, f: ReferralFilter) {
  return matching(db, f).select('referral.id').orderBy('referral.sent_at', 'desc').orderBy('referral.id');
}

/** Home: how many referrals a list filter matches and the earliest deadline among them, so a task can say "12" and link to that list. */
export async function tally(db: Executor, f: ReferralFilter): Promise<{ n: number; earliestDue: string | null }> {
  const row = await matching(db, f)
    .select([sql<string | number>`count(*)`.as('n'), sql<string | null>`min(referral.due_on)`.as('earliest_due')])
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), earliestDue: row.earliest_due };
}

/** The referrals of the given ids, with the names a list shows. */
export function referralsByIds(db: Executor, ids: string[]) {
  return base(db).where('referral.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
}

export type ReferralRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export function findReferral(db: Executor, id: string) {
  return base(db).where('referral.id', '=', id).executeTakeFirst();
}

export async function insertReferral(db: Executor, row: NewReferral) {
  await db.insertInto('referral').values(row).execute();
}

export async function updateReferral(db: Executor, id: string, patch: Record<string, unknown>) {
  await db
    .updateTable('referral')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(db: Executor, row: NewReferralEvent) {
  await db.insertInto('referral_event').values(row).execute();
}

export function eventsOf(db: Executor, referralId: string) {
  return db
    .selectFrom('referral_event')
    .select(['at', 'status', 'note'])
    .where('referral_id', '=', referralId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function serviceForReferral(db: Executor, id: string) {
  return db
    .selectFrom('hsds_service')
    .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
    .select([
      'hsds_service.id',
      'hsds_service.name',
      'hsds_service.organization_id',
      'organization.name as organization_name',
      'hsds_service.status',
    ])
    .where('hsds_service.id', '=', id)
    .executeTakeFirst();
}

export function participantName(db: Executor, id: string) {
  return db
    .selectFrom('participant')
    .select(['id', 'first_name', 'last_name', 'owner_organization_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Receiving staff to notify: the organization's partner staff and navigators. */
export function recipientsOf(db: Executor, organizationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['user.email', 'user.locale'])
    .where('membership.organization_id', '=', organizationId)
    .where('membership.role', 'in', ['partner_staff', 'navigator', 'director'])
    .where('user.status', '=', 'active')
    .distinct()
    .execute();
}

/** The people who sent the given referrals, while their accounts are active: the sending side to notify. */
export function sendersOf(db: Executor, referralIds: string[]) {
  return db
    .selectFrom('referral')
    .innerJoin('user', 'user.id', 'referral.sender_user_id')
    .select(['referral.id as referral_id', 'user.email', 'user.locale'])
    .where('referral.id', 'in', referralIds.length ? referralIds : ['00000000-0000-0000-0000-000000000000'])
    .where('user.status', '=', 'active')
    .execute();
}

export const today = () => sql<string>`CURRENT_DATE`;

/** Sent referrals past their deadline (`due_on` before `today`) at an escalation level. */
export function unansweredAtLevel(db: Executor, level: number, today: string) {
  return base(db)
    .where('referral.status', '=', 'sent')
    .where('referral.due_on', '<', today)
    .where('referral.escalation_level', '=', level)
    .orderBy('referral.due_on')
    .orderBy('referral.id')
    .execute();
}

/**
 * Raises a referral from one escalation level to the next, only if it is still there: of two workers
 * (or two runs) that find the same referral, one raises it and the other gets false.
 */
export async function raiseEscalation(db: Executor, id: string, from: number, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('referral')
    .set({ escalation_level: from + 1, escalated_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .where('escalation_level', '=', from)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Active users holding one of `roles` (in `organizationId`, if given), to notify. */
export function usersInRoles(db: Executor, roles: readonly string[], organizationId?: string) {
  let q = db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['user.id', 'user.email', 'user.locale'])
    .where('membership.role', 'in', roles.length ? [...roles] : [''])
    .where('user.status', '=', 'active');
  if (organizationId) q = q.where('membership.organization_id', '=', organizationId);
  return q.distinct().orderBy('user.email').execute();
}

/**
 * Referrals still awaiting an answer whose deadline window (after the day they were sent or last reopened,
 * up to their deadline) holds one of `days`: the ones a holiday change may move.
 */
export async function awaitingAnswerAcross(db: Executor, days: string[]): Promise<{ id: string; started: string; due_on: string }[]> {
  // Arrays travel as one literal: the PGlite and node-postgres drivers bind array parameters differently.
  const changed = sql`CAST(${`{${days.join(',')}}`} AS date[])`;
  const { rows } = await sql<{ id: string; started: string; due_on: string }>`
    SELECT w.id, to_char(w.started, 'YYYY-MM-DD') AS started, to_char(w.due_on, 'YYYY-MM-DD') AS due_on
    FROM (
      SELECT r.id, r.due_on,
        (COALESCE((SELECT max(e.at) FROM referral_event e WHERE e.referral_id = r.id AND e.status = 'sent'), r.sent_at)
          AT TIME ZONE 'UTC')::date AS started
      FROM referral r
      WHERE r.status = 'sent' AND r.due_on >= (SELECT min(d) FROM unnest(${changed}) AS c(d))
    ) w
    WHERE EXISTS (SELECT 1 FROM unnest(${changed}) AS c(d) WHERE c.d > w.started AND c.d <= w.due_on)`.execute(db);
  return rows;
}

export async function setDueOn(db: Executor, id: string, dueOn: string): Promise<void> {
  await db.updateTable('referral').set({ due_on: dueOn, updated_at: new Date() }).where('id', '=', id).execute();
}
