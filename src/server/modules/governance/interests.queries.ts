import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { DeclarationAffirmationTable, InterestDeclarationTable } from '../../db/types.ts';
import { whereOrganizationInInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import { seatActiveOn } from './bodies.queries.ts';
import type { Viewer } from './governance.policy.ts';

function declarations(db: Executor) {
  return db
    .selectFrom('interest_declaration')
    .innerJoin('user', 'user.id', 'interest_declaration.user_id')
    .innerJoin('organization', 'organization.id', 'interest_declaration.organization_id')
    .select([
      'interest_declaration.id',
      'interest_declaration.user_id',
      'interest_declaration.organization_id',
      'interest_declaration.kind',
      'interest_declaration.description',
      'interest_declaration.starts_on',
      'interest_declaration.ends_on',
      'interest_declaration.created_at',
      'interest_declaration.updated_at',
      'user.name as user_name',
      'organization.name as organization_name',
    ]);
}

/** Declarations are private to the declarer; managers see everyone's. */
function visible<Q extends ReturnType<typeof declarations>>(q: Q, viewer: Viewer): Q {
  return viewer.manager ? q : (q.where('interest_declaration.user_id', '=', viewer.userId) as Q);
}

export function listDeclarations(
  db: Executor,
  viewer: Viewer,
  f: { q?: string; userId?: string; organizationId?: string; active?: boolean; initiativeId?: string; today: string },
) {
  let q = visible(declarations(db), viewer);
  q = whereOrganizationInInitiative(q, 'interest_declaration.organization_id', f.initiativeId);
  if (f.userId) q = q.where('interest_declaration.user_id', '=', f.userId);
  if (f.organizationId) q = q.where('interest_declaration.organization_id', '=', f.organizationId);
  const active = sql<boolean>`(interest_declaration.starts_on <= ${f.today}::date
    AND (interest_declaration.ends_on IS NULL OR interest_declaration.ends_on >= ${f.today}::date))`;
  if (f.active === true) q = q.where(active);
  if (f.active === false) q = q.where(sql<boolean>`NOT ${active}`);
  if (f.q) q = q.where((eb) => eb.or([eb('organization.name', 'ilike', likePattern(f.q!)), eb('user.name', 'ilike', likePattern(f.q!))]));
  return q.orderBy('interest_declaration.starts_on', 'desc').orderBy('interest_declaration.id');
}

export function findDeclaration(db: Executor, viewer: Viewer, id: string) {
  return visible(declarations(db), viewer).where('interest_declaration.id', '=', id).executeTakeFirst();
}

export async function insertDeclarations(db: Executor, rows: Insertable<InterestDeclarationTable>[]) {
  if (rows.length) await db.insertInto('interest_declaration').values(rows).execute();
}

export async function updateDeclaration(db: Executor, id: string, patch: Partial<Insertable<InterestDeclarationTable>>) {
  await db
    .updateTable('interest_declaration')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Declared interests of these people in these organizations that overlap [from, to]. */
export function declaredInterests(db: Executor, userIds: string[], organizationIds: string[], window: { from: string; to: string }) {
  if (userIds.length === 0 || organizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('interest_declaration')
    .innerJoin('organization', 'organization.id', 'interest_declaration.organization_id')
    .select([
      'interest_declaration.user_id',
      'interest_declaration.organization_id',
      'interest_declaration.kind',
      'organization.name as organization_name',
    ])
    .where('interest_declaration.user_id', 'in', userIds)
    .where('interest_declaration.organization_id', 'in', organizationIds)
    .where('interest_declaration.starts_on', '<=', window.to)
    .where((eb) => eb.or([eb('interest_declaration.ends_on', 'is', null), eb('interest_declaration.ends_on', '>=', window.from)]))
    .orderBy('interest_declaration.starts_on')
    .execute();
}

/** People's own organizations in Braid (their memberships) among these organizations. */
export function membershipsIn(db: Executor, userIds: string[], organizationIds: string[]) {
  if (userIds.length === 0 || organizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select(['membership.user_id', 'membership.organization_id', 'organization.name as organization_name'])
    .where('membership.user_id', 'in', userIds)
    .where('membership.organization_id', 'in', organizationIds)
    .distinct()
    .execute();
}

export function organizationNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function lastAffirmation(db: Executor, userId: string) {
  return db
    .selectFrom('declaration_affirmation')
    .select(['affirmed_at'])
    .where('user_id', '=', userId)
    .orderBy('affirmed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAffirmations(db: Executor, rows: Insertable<DeclarationAffirmationTable>[]) {
  if (rows.length) await db.insertInto('declaration_affirmation').values(rows).execute();
}

export async function countActiveDeclarations(db: Executor, userId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom('interest_declaration')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the person serves where declarations are required: a current seat, or reviewing an open solicitation. */
export async function servesInGovernance(db: Executor, userId: string, today: string): Promise<boolean> {
  const row = await db
    .selectNoFrom([
      sql<boolean>`EXISTS (SELECT 1 FROM seat s WHERE s.user_id = ${userId} AND ${seatActiveOn('s', today)})
        OR EXISTS (SELECT 1 FROM solicitation_reviewer r JOIN solicitation so ON so.id = r.solicitation_id
          WHERE r.user_id = ${userId} AND so.status IN ('open', 'review'))`.as('serves'),
    ])
    .executeTakeFirstOrThrow();
  return !!row.serves;
}
