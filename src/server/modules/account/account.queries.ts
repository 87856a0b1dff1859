import type { Executor } from '../../db/tenant.ts';

export function listSessions(db: Executor, userId: string) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
}

export async function revokeOwnSession(db: Executor, userId: string, sessionId: string) {
  return db
    .updateTable('session')
    .set({ revoked_at: new Date() })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export function listApiTokens(db: Executor, userId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
}

export async function insertApiToken(
  db: Executor,
  row: { id: string; tenant_id: string; user_id: string; name: string; prefix: string; token_hash: Buffer; expires_at: Date | null },
) {
  return db
    .insertInto('api_token')
    .values(row)
    .returning(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

export async function revokeApiToken(db: Executor, userId: string, id: string) {
  return db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export function findPasswordHash(db: Executor, userId: string) {
  return db.selectFrom('user').select(['password_hash', 'email', 'name']).where('id', '=', userId).executeTakeFirstOrThrow();
}

export function findProfile(db: Executor, userId: string) {
  return db.selectFrom('user').select(['name', 'email', 'locale', 'phone_enc']).where('id', '=', userId).executeTakeFirstOrThrow();
}

export async function updateProfile(
  db: Executor,
  userId: string,
  patch: { name?: string; locale?: 'en' | 'es'; phone_enc?: string | null },
) {
  await db
    .updateTable('user')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}
