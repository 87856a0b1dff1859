import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';

export function pendingInvitations(db: Executor) {
  return db
    .selectFrom('user')
    .leftJoin('user_token', (j) =>
      j.onRef('user_token.user_id', '=', 'user.id').on('user_token.purpose', '=', 'invitation').on('user_token.used_at', 'is', null),
    )
    .select(['user.id', 'user.name', 'user_token.expires_at'])
    .where('user.status', '=', 'invited')
    .orderBy('user_token.expires_at')
    .orderBy('user.id')
    .limit(20)
    .execute();
}

export function incompleteOrganizations(db: Executor) {
  return db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('county_fips', 'is', null), eb('naics', 'is', null)]))
    .orderBy('name')
    .orderBy('id')
    .limit(20)
    .execute();
}

export function expiringTokens(db: Executor, userId: string, before: Date) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '<', before)
    .where('expires_at', '>', new Date())
    .orderBy('expires_at')
    .execute();
}

export async function counts(db: Executor, userId: string) {
  const row = await db
    .selectNoFrom([
      sql<number>`(SELECT count(*) FROM organization)`.as('organizations'),
      sql<number>`(SELECT count(*) FROM "user" WHERE status <> 'disabled')`.as('users'),
      sql<number>`(SELECT count(*) FROM session WHERE user_id = ${userId} AND revoked_at IS NULL AND expires_at > now())`.as('sessions'),
    ])
    .executeTakeFirstOrThrow();
  return { organizations: Number(row.organizations), users: Number(row.users), activeSessions: Number(row.sessions) };
}
