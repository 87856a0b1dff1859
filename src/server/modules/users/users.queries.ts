import { sql } from 'kysely';
import type { Role } from '../../../shared/roles.ts';
import type { Executor } from '../../db/tenant.ts';
import { likePattern } from '../../platform/pagination.ts';

const USER_COLUMNS = [
  'user.id',
  'user.email',
  'user.name',
  'user.status',
  'user.locale',
  'user.last_sign_in_at',
  'user.created_at',
] as const;

export function listUsers(db: Executor, filter: { q?: string; status?: string; role?: Role; organizationId?: string }) {
  let q = db.selectFrom('user').select(USER_COLUMNS);
  if (filter.q) {
    const p = likePattern(filter.q);
    q = q.where((eb) => eb.or([eb('user.name', 'ilike', p), eb('user.email', 'ilike', p)]));
  }
  if (filter.status) q = q.where('user.status', '=', filter.status as 'active');
  if (filter.role || filter.organizationId) {
    q = q.where((eb) => {
      let sub = eb.selectFrom('membership').select(sql`1`.as('x')).whereRef('membership.user_id', '=', 'user.id');
      if (filter.role) sub = sub.where('membership.role', '=', filter.role);
      if (filter.organizationId) sub = sub.where('membership.organization_id', '=', filter.organizationId);
      return eb.exists(sub);
    });
  }
  return q.orderBy('user.name').orderBy('user.id');
}

export function findUser(db: Executor, id: string) {
  return db.selectFrom('user').select(USER_COLUMNS).where('user.id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('user').select(USER_COLUMNS).where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export function membershipsOf(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select([
      'membership.id',
      'membership.user_id',
      'membership.organization_id',
      'organization.name as organization_name',
      'membership.role',
    ])
    .where('membership.user_id', 'in', userIds)
    .orderBy('organization.name')
    .orderBy('membership.role')
    .execute();
}

export async function insertUser(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    email: string;
    name: string;
    status: 'active' | 'invited';
    locale: 'en' | 'es';
    password_hash: string | null;
  },
) {
  await db.insertInto('user').values(row).execute();
}

export async function setStatus(db: Executor, id: string, status: 'active' | 'disabled') {
  await db.updateTable('user').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertMembership(
  db: Executor,
  row: { id: string; tenant_id: string; user_id: string; organization_id: string; role: Role },
) {
  const inserted = await db
    .insertInto('membership')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'organization_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function deleteMembership(db: Executor, userId: string, membershipId: string) {
  return db
    .deleteFrom('membership')
    .where('id', '=', membershipId)
    .where('user_id', '=', userId)
    .returning(['id', 'role', 'organization_id'])
    .executeTakeFirst();
}

export function organizationExists(db: Executor, id: string) {
  return db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst();
}

export function tenantName(db: Executor) {
  return db.selectFrom('tenant').select('name').executeTakeFirstOrThrow();
}
