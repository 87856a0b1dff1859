import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../shared/roles.ts';
import type { Me } from '../../../shared/schemas/auth.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { appendAudit } from '../../platform/audit.ts';
import { tenantForEmail, tenantForSessionHash, tenantForUserTokenHash } from '../../platform/auth/principal.queries.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { newToken, tokenHash } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { makeOps, type Ops, type Services } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { renderMail } from '../../platform/mail-templates.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { bucketKey, clear, hit, peek } from '../../platform/rate-limit.ts';
import {
  findUsableUserToken,
  findUserForSignIn,
  insertSession,
  insertUserToken,
  markSignedIn,
  notifyAuthChange,
  revokeSessionByHash,
  revokeUserSessions,
  setPassword,
  useUserToken,
} from './auth.queries.ts';

export interface NewSession {
  token: string;
  expiresAt: Date;
}

interface Caller {
  ip: string;
  userAgent: string | null;
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'Too many attempts. Wait a little and try again.', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

async function openSession(services: Services, tx: Tx, tenantId: string, userId: string, caller: Caller): Promise<NewSession> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + services.config.sessionAbsoluteHours * 3600_000);
  await insertSession(tx, {
    id: randomUUID(),
    tenant_id: tenantId,
    user_id: userId,
    token_hash: tokenHash(token),
    csrf_token: newToken(24),
    expires_at: expiresAt,
    ip: caller.ip,
    user_agent: caller.userAgent,
  });
  await markSignedIn(tx, userId);
  return { token, expiresAt };
}

export async function signIn(
  services: Services,
  input: { email: string; password: string },
  caller: Caller & { previousToken?: string },
): Promise<NewSession> {
  const { db } = services.database;
  const { config } = services;
  const window = config.signInWindowMinutes * 60;
  const ipKey = bucketKey('signin-ip', caller.ip);
  const accountKey = bucketKey('signin-account', input.email);
  const ipHit = await withTenant(db, null, (tx) => hit(tx, ipKey, window));
  if (ipHit.count > config.signInMaxPerIp) throw rateLimited(ipHit.retryAfterSeconds);
  const accountHits = await withTenant(db, null, (tx) => peek(tx, accountKey, window));
  if (accountHits.count >= config.signInMaxPerAccount) throw rateLimited(accountHits.retryAfterSeconds);

  const tenantId = await withTenant(db, null, (tx) => tenantForEmail(tx, input.email));
  const user = tenantId ? await withTenant(db, tenantId, (tx) => findUserForSignIn(tx, input.email)) : undefined;
  const ok = await verifyPassword(user?.status === 'active' ? user.password_hash : null, input.password);
  if (!user || !ok || !tenantId) {
    await withTenant(db, tenantId, async (tx) => {
      await hit(tx, accountKey, window);
      if (user && tenantId) {
        await appendAudit(
          tx,
          tenantId,
          { userId: null, label: 'anonymous', ip: caller.ip },
          {
            action: 'auth.sign_in_failed',
            entityType: 'user',
            entityId: user.id,
          },
        );
      }
    });
    throw new AppError('invalid_credentials', 'Email or password is not right.');
  }
  let ended: string | null = null;
  const session = await withTenant(db, tenantId, async (tx) => {
    await clear(tx, accountKey);
    // A fresh session id at every sign-in; a session the browser already carried is ended.
    if (caller.previousToken) {
      ended = (await revokeSessionByHash(tx, tokenHash(caller.previousToken)))?.id ?? null;
      if (ended) await notifyAuthChange(tx, `credential:${ended}`);
    }
    const session = await openSession(services, tx, tenantId, user.id, caller);
    await appendAudit(
      tx,
      tenantId,
      { userId: user.id, label: user.email, ip: caller.ip },
      {
        action: 'auth.sign_in',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return session;
  });
  if (ended) services.principals.purgeLocal(`credential:${ended}`);
  return session;
}

export async function signOut(services: Services, token: string, ip: string): Promise<void> {
  const hash = tokenHash(token);
  const { db } = services.database;
  const tenantId = await withTenant(db, null, (tx) => tenantForSessionHash(tx, hash));
  if (!tenantId) return;
  const revoked = await withTenant(db, tenantId, async (tx) => {
    const row = await revokeSessionByHash(tx, hash);
    if (row) {
      await appendAudit(
        tx,
        tenantId,
        { userId: row.user_id, label: 'session', ip },
        { action: 'auth.sign_out', entityType: 'session', entityId: row.id },
      );
      await notifyAuthChange(tx, `credential:${row.id}`);
    }
    return row;
  });
  if (revoked) services.principals.purgeLocal(`credential:${revoked.id}`);
}

/** Ends every session of a user (sign out everywhere, password change, disable). */
export async function endUserSessions(ops: Ops, tx: Tx, userId: string, exceptSessionId: string | null = null): Promise<number> {
  const n = await revokeUserSessions(tx, userId, exceptSessionId);
  await notifyAuthChange(tx, `user:${userId}`);
  ops.afterCommit(async () => ops.services.principals.purgeLocal(`user:${userId}`));
  return n;
}

// A principal is immutable and cached for a few seconds; so is its presentation.
const presented = new WeakMap<Principal, Me>();

export function presentMe(p: Principal): Me {
  let me = presented.get(p);
  if (!me) {
    // Frozen: the response serializer then writes it once (platform/serializer.ts).
    me = Object.freeze(buildMe(p));
    presented.set(p, me);
  }
  return me;
}

function buildMe(p: Principal): Me {
  return {
    user: { id: p.userId, email: p.email, name: p.name, locale: p.locale },
    tenant: { id: p.tenantId, slug: p.tenantSlug, name: p.tenantName },
    roles: p.roles,
    permissions: [...p.permissions],
    memberships: p.memberships,
    csrfToken: p.csrfToken ?? '',
    sessionExpiresAt: p.expiresAt.toISOString(),
  };
}

/** Issues a one-time link and queues its email after the transaction commits. */
export async function sendUserLink(
  ops: Ops,
  tx: Tx,
  user: { id: string; email: string; name: string; locale: Locale },
  purpose: 'invitation' | 'password_reset',
  tenantName: string,
): Promise<void> {
  const { config, jobs, keyring } = ops.services;
  const token = newToken();
  const ttlMs = purpose === 'invitation' ? config.invitationDays * 86_400_000 : config.resetMinutes * 60_000;
  await insertUserToken(tx, {
    id: randomUUID(),
    tenant_id: ops.tenantId,
    user_id: user.id,
    purpose,
    token_hash: tokenHash(token),
    created_by: ops.actor.userId,
    expires_at: new Date(Date.now() + ttlMs),
  });
  const page = purpose === 'invitation' ? 'invite' : 'reset-password';
  const link = `${config.baseUrl}/${page}#token=${token}`;
  const mail = renderMail(purpose, user.locale, {
    name: user.name,
    tenant: tenantName,
    inviter: ops.actor.label,
    link,
    days: String(config.invitationDays),
    minutes: String(config.resetMinutes),
  });
  ops.afterCommit(() => queueMail(jobs, keyring, { to: user.email, ...mail }));
}

export async function requestPasswordReset(services: Services, email: string, ip: string): Promise<void> {
  const { db } = services.database;
  const window = services.config.signInWindowMinutes * 60;
  const [byIp, byAccount] = await withTenant(db, null, async (tx) => [
    await hit(tx, bucketKey('reset-ip', ip), window),
    await hit(tx, bucketKey('reset-account', email), window),
  ]);
  if (byIp.count > services.config.signInMaxPerIp) throw rateLimited(byIp.retryAfterSeconds);
  // Quietly send nothing past the per-account limit: the answer must not reveal who has an account.
  if (byAccount.count > services.config.signInMaxPerAccount) return;
  const tenantId = await withTenant(db, null, (tx) => tenantForEmail(tx, email));
  if (!tenantId) return;
  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'password reset', ip });
  await ops.tx(async (tx) => {
    const user = await findUserForSignIn(tx, email);
    if (user?.status !== 'active') return;
    const tenant = await tx.selectFrom('tenant').select('name').executeTakeFirstOrThrow();
    await sendUserLink(ops, tx, user, 'password_reset', tenant.name);
    await ops.audit(tx, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id });
  });
  await flush();
}

async function withUserToken<T>(
  services: Services,
  token: string,
  purpose: 'invitation' | 'password_reset',
  fn: (tx: Tx, tenantId: string, row: NonNullable<Awaited<ReturnType<typeof findUsableUserToken>>>) => Promise<T>,
): Promise<T> {
  const hash = tokenHash(token);
  const { db } = services.database;
  const tenantId = await withTenant(db, null, (tx) => tenantForUserTokenHash(tx, hash));
  const invalid = new AppError('token_invalid', 'This link has expired or was already used. Ask for a new one.');
  if (!tenantId) throw invalid;
  return withTenant(db, tenantId, async (tx) => {
    const row = await findUsableUserToken(tx, hash, purpose);
    if (!row || row.used_at || new Date(row.expires_at).getTime() <= Date.now()) throw invalid;
    if (purpose === 'invitation' && row.status !== 'invited') throw invalid;
    if (purpose === 'password_reset' && row.status !== 'active') throw invalid;
    return fn(tx, tenantId, row);
  });
}

export function lookupInvitation(services: Services, token: string) {
  return withUserToken(services, token, 'invitation', async (_tx, _tenant, row) => ({
    email: row.email,
    name: row.name,
    tenantName: row.tenant_name,
    locale: row.locale,
  }));
}

export async function acceptInvitation(
  services: Services,
  input: { token: string; name: string; password: string },
  caller: Caller,
): Promise<NewSession> {
  return withUserToken(services, input.token, 'invitation', async (tx, tenantId, row) => {
    checkPasswordPolicy(input.password, 'body.password', [row.email.split('@')[0], input.name]);
    if (!(await useUserToken(tx, row.id))) throw new AppError('token_invalid', 'This link was already used.');
    await setPassword(tx, row.user_id, await hashPassword(input.password), { name: input.name });
    await appendAudit(
      tx,
      tenantId,
      { userId: row.user_id, label: row.email, ip: caller.ip },
      {
        action: 'user.invitation_accepted',
        entityType: 'user',
        entityId: row.user_id,
      },
    );
    return openSession(services, tx, tenantId, row.user_id, caller);
  });
}

export async function completePasswordReset(services: Services, input: { token: string; password: string }, ip: string): Promise<void> {
  const userId = await withUserToken(services, input.token, 'password_reset', async (tx, tenantId, row) => {
    checkPasswordPolicy(input.password, 'body.password', [row.email.split('@')[0]]);
    if (!(await useUserToken(tx, row.id))) throw new AppError('token_invalid', 'This link was already used.');
    await setPassword(tx, row.user_id, await hashPassword(input.password), null);
    await revokeUserSessions(tx, row.user_id);
    await notifyAuthChange(tx, `user:${row.user_id}`);
    await appendAudit(
      tx,
      tenantId,
      { userId: row.user_id, label: row.email, ip },
      {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: row.user_id,
      },
    );
    return row.user_id;
  });
  services.principals.purgeLocal(`user:${userId}`);
}
