import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';

export function findUserForSignIn(db: Executor, email: string) {
  return db
    .selectFrom('user')
    .select(['id', 'tenant_id', 'email', 'name', 'status', 'password_hash', 'locale'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    user_id: string;
    token_hash: Buffer;
    csrf_token: string;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await db.insertInto('session').values(row).execute();
}

export async function markSignedIn(db: Executor, userId: string) {
  await db.updateTable('user').set({ last_sign_in_at: new Date() }).where('id', '=', userId).execute();
}

export async function revokeSessionByHash(db: Executor, hash: Buffer) {
  return db
    .updateTable('session')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'user_id'])
    .executeTakeFirst();
}

export async function revokeUserSessions(db: Executor, userId: string, exceptSessionId: string | null = null) {
  let q = db.updateTable('session').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const rows = await q.returning('id').execute();
  return rows.length;
}

export function findUsableUserToken(db: Executor, hash: Buffer, purpose: 'invitation' | 'password_reset') {
  return db
    .selectFrom('user_token')
    .innerJoin('user', 'user.id', 'user_token.user_id')
    .innerJoin('tenant', 'tenant.id', 'user_token.tenant_id')
    .select([
      'user_token.id',
      'user_token.user_id',
      'user_token.expires_at',
      'user_token.used_at',
      'user.email',
      'user.name',
      'user.locale',
      'user.status',
      'tenant.name as tenant_name',
    ])
    .where('user_token.token_hash', '=', hash)
    .where('user_token.purpose', '=', purpose)
    .executeTakeFirst();
}

export async function insertUserToken(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    user_id: string;
    purpose: 'invitation' | 'password_reset';
    token_hash: Buffer;
    created_by: string | null;
    expires_at: Date;
  },
) {
  // A new link supersedes older unused ones of the same purpose.
  await db
    .updateTable('user_token')
    .set({ used_at: new Date() })
    .where('user_id', '=', row.user_id)
    .where('purpose', '=', row.purpose)
    .where('used_at', 'is', null)
    .execute();
  await db.insertInto('user_token').values(row).execute();
}

export async function useUserToken(db: Executor, id: string): Promise<boolean> {
  const r = await db
    .updateTable('user_token')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setPassword(db: Executor, userId: string, passwordHash: string, activate: { name?: string } | null) {
  await db
    .updateTable('user')
    .set({
      password_hash: passwordHash,
      updated_at: new Date(),
      ...(activate ? { status: 'active' as const, ...(activate.name ? { name: activate.name } : {}) } : {}),
    })
    .where('id', '=', userId)
    .execute();
}

export async function notifyAuthChange(db: Executor, payload: string) {
  await sql`SELECT pg_notify('braid_auth', ${payload})`.execute(db);
}
