import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';

// Look-ups that find a tenant before one is set go through SECURITY DEFINER functions that return
// only a tenant id (migrations/…_platform.ts). Everything after runs under RLS.
export async function tenantForSessionHash(db: Executor, hash: Buffer): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`SELECT braid_tenant_for_session(${hash}) AS t`.execute(db);
  return rows[0]?.t ?? null;
}
export async function tenantForApiTokenHash(db: Executor, hash: Buffer): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`SELECT braid_tenant_for_api_token(${hash}) AS t`.execute(db);
  return rows[0]?.t ?? null;
}
export async function tenantForUserTokenHash(db: Executor, hash: Buffer): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`SELECT braid_tenant_for_user_token(${hash}) AS t`.execute(db);
  return rows[0]?.t ?? null;
}
export async function tenantForEmail(db: Executor, email: string): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`SELECT braid_tenant_for_email(${email}) AS t`.execute(db);
  return rows[0]?.t ?? null;
}

export async function loadIdentity(db: Executor, userId: string) {
  const user = await db
    .selectFrom('user')
    .innerJoin('tenant', 'tenant.id', 'user.tenant_id')
    .select([
      'user.id',
      'user.email',
      'user.name',
      'user.locale',
      'user.status',
      'tenant.id as tenant_id',
      'tenant.slug as tenant_slug',
      'tenant.name as tenant_name',
    ])
    .where('user.id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const memberships = await db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select(['membership.id', 'membership.organization_id', 'organization.name as organization_name', 'membership.role'])
    .where('membership.user_id', '=', userId)
    .orderBy('organization.name')
    .orderBy('membership.role')
    .execute();
  return { user, memberships };
}

export async function findLiveSession(db: Executor, hash: Buffer) {
  return db
    .selectFrom('session')
    .select(['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ last_seen_at: sql`now()` as never })
    .where('id', '=', id)
    .execute();
}

export async function findLiveApiToken(db: Executor, hash: Buffer) {
  return db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'expires_at', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: sql`now()` as never })
    .where('id', '=', id)
    .execute();
}
