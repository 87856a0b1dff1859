import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { GovernanceBodyTable, SeatTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Viewer } from './governance.policy.ts';

/** A body is visible to managers, and to anyone who holds or held a seat on it. */
export function bodyVisibleTo(viewer: Viewer, bodyColumn: string) {
  if (viewer.manager) return sql<boolean>`true`;
  return sql<boolean>`EXISTS (SELECT 1 FROM seat vs WHERE vs.body_id = ${sql.ref(bodyColumn)} AND vs.user_id = ${viewer.userId})`;
}

/** A seat counts on a date when its term covers that date. */
export function seatActiveOn(seatAlias: string, date: string) {
  return sql<boolean>`(${sql.ref(`${seatAlias}.term_starts_on`)} <= ${date}::date
    AND (${sql.ref(`${seatAlias}.term_ends_on`)} IS NULL OR ${sql.ref(`${seatAlias}.term_ends_on`)} >= ${date}::date))`;
}

export const BODY_COLUMNS = [
  'governance_body.id',
  'governance_body.initiative_id',
  'governance_body.name',
  'governance_body.kind',
  'governance_body.charter',
  'governance_body.quorum_kind',
  'governance_body.quorum_value',
  'governance_body.passing_rule',
  'governance_body.created_at',
  'governance_body.updated_at',
] as const;

function bodies(db: Executor, viewer: Viewer, today: string) {
  return db
    .selectFrom('governance_body')
    .select(BODY_COLUMNS)
    .select([
      sql<number>`(SELECT count(*) FROM seat s WHERE s.body_id = governance_body.id AND ${seatActiveOn('s', today)})`.as('current_seats'),
      sql<number>`(SELECT count(*) FROM seat s WHERE s.body_id = governance_body.id AND s.voting AND ${seatActiveOn('s', today)})`.as(
        'current_voting_seats',
      ),
      sql<string | null>`(SELECT s.id FROM seat s WHERE s.body_id = governance_body.id AND s.user_id = ${viewer.userId}
        AND ${seatActiveOn('s', today)} ORDER BY s.voting DESC, s.id LIMIT 1)`.as('my_seat_id'),
      sql<boolean | null>`(SELECT s.voting FROM seat s WHERE s.body_id = governance_body.id AND s.user_id = ${viewer.userId}
        AND ${seatActiveOn('s', today)} ORDER BY s.voting DESC, s.id LIMIT 1)`.as('my_seat_voting'),
    ])
    .where(bodyVisibleTo(viewer, 'governance_body.id'));
}

export function listBodies(db: Executor, viewer: Viewer, today: string, f: { q?: string; kind?: string; initiativeId?: string }) {
  let q = bodies(db, viewer, today);
  if (f.kind) q = q.where('governance_body.kind', '=', f.kind);
  if (f.q) q = q.where('governance_body.name', 'ilike', likePattern(f.q));
  q = whereInitiative(q, 'governance_body.initiative_id', f.initiativeId);
  return q.orderBy('governance_body.name').orderBy('governance_body.id');
}

export function findBody(db: Executor, viewer: Viewer, today: string, id: string) {
  return bodies(db, viewer, today).where('governance_body.id', '=', id).executeTakeFirst();
}

/** The body's rules, for computing quorum and outcomes (no visibility check: callers have one). */
export function bodyRules(db: Executor, id: string) {
  return db
    .selectFrom('governance_body')
    .select(['id', 'name', 'quorum_kind', 'quorum_value', 'passing_rule'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function insertBody(db: Executor, row: Insertable<GovernanceBodyTable>) {
  await db.insertInto('governance_body').values(row).execute();
}

export async function updateBody(db: Executor, id: string, patch: Partial<Insertable<GovernanceBodyTable>>) {
  await db
    .updateTable('governance_body')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- seats

export const SEAT_COLUMNS = [
  'seat.id',
  'seat.body_id',
  'seat.user_id',
  'seat.organization_id',
  'seat.title',
  'seat.voting',
  'seat.term_starts_on',
  'seat.term_ends_on',
] as const;

function seats(db: Executor) {
  return db
    .selectFrom('seat')
    .innerJoin('user', 'user.id', 'seat.user_id')
    .leftJoin('organization', 'organization.id', 'seat.organization_id')
    .select(SEAT_COLUMNS)
    .select(['user.name as user_name', 'organization.name as organization_name']);
}

export function listSeats(db: Executor, bodyId: string, f: { q?: string; current?: boolean; today: string }) {
  let q = seats(db).where('seat.body_id', '=', bodyId);
  if (f.current === true) q = q.where(seatActiveOn('seat', f.today));
  if (f.current === false) q = q.where(sql<boolean>`NOT ${seatActiveOn('seat', f.today)}`);
  if (f.q) q = q.where((eb) => eb.or([eb('user.name', 'ilike', likePattern(f.q!)), eb('organization.name', 'ilike', likePattern(f.q!))]));
  return q.orderBy('seat.voting', 'desc').orderBy('user.name').orderBy('seat.id');
}

/** Seats whose term covers the date, voting first. */
export function seatsOn(db: Executor, bodyId: string, date: string) {
  return seats(db)
    .where('seat.body_id', '=', bodyId)
    .where(seatActiveOn('seat', date))
    .orderBy('seat.voting', 'desc')
    .orderBy('user.name')
    .orderBy('seat.id')
    .execute();
}

export function findSeat(db: Executor, id: string) {
  return seats(db).where('seat.id', '=', id).executeTakeFirst();
}

/** Another seat of the same person on the same body whose term overlaps the given one. */
export function overlappingSeat(
  db: Executor,
  s: { bodyId: string; userId: string; startsOn: string; endsOn: string | null; exceptId?: string },
) {
  let q = db
    .selectFrom('seat')
    .select('id')
    .where('body_id', '=', s.bodyId)
    .where('user_id', '=', s.userId)
    .where(sql<boolean>`daterange(term_starts_on, term_ends_on, '[]') && daterange(${s.startsOn}::date, ${s.endsOn}::date, '[]')`);
  if (s.exceptId) q = q.where('id', '<>', s.exceptId);
  return q.executeTakeFirst();
}

export async function insertSeats(db: Executor, rows: Insertable<SeatTable>[]) {
  if (rows.length) await db.insertInto('seat').values(rows).execute();
}

export async function updateSeat(db: Executor, id: string, patch: Partial<Insertable<SeatTable>>) {
  await db
    .updateTable('seat')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
