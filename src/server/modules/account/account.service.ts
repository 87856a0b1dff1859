import { randomUUID } from 'node:crypto';
import type { ApiTokenInfo, Profile, SessionInfo } from '../../../shared/schemas/account.ts';
import { decrypt, encrypt, newToken, tokenHash } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { notifyAuthChange } from '../auth/auth.queries.ts';
import { endUserSessions } from '../auth/auth.service.ts';
import {
  findPasswordHash,
  findProfile,
  insertApiToken,
  listApiTokens,
  listSessions,
  revokeApiToken,
  revokeOwnSession,
  updateProfile,
} from './account.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

export async function profile(ctx: Context): Promise<Profile> {
  return ctx.tx(async (tx) => {
    const row = await findProfile(tx, ctx.principal.userId);
    if (row.phone_enc) {
      // Reading personal data is audited, even one's own.
      await ctx.audit(tx, { action: 'user.phone_read', entityType: 'user', entityId: ctx.principal.userId, personalData: true });
    }
    return {
      name: row.name,
      email: row.email,
      locale: row.locale,
      phone: row.phone_enc ? decrypt(ctx.services.keyring, row.phone_enc) : null,
    };
  });
}

export async function changeProfile(ctx: Context, patch: { name?: string; locale?: 'en' | 'es'; phone?: string | null }) {
  const { phone, ...rest } = patch;
  const columns = {
    ...rest,
    ...(phone !== undefined ? { phone_enc: phone ? encrypt(ctx.services.keyring, phone) : null } : {}),
  };
  await ctx.tx(async (tx) => {
    await updateProfile(tx, ctx.principal.userId, columns);
    await ctx.audit(tx, {
      action: 'account.profile_updated',
      entityType: 'user',
      entityId: ctx.principal.userId,
      details: { fields: Object.keys(patch) },
    });
    await notifyAuthChange(tx, `user:${ctx.principal.userId}`);
  });
  // The cached identity carries name and locale; drop it so the next request sees the change.
  ctx.services.principals.purgeLocal(`user:${ctx.principal.userId}`);
}

export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string }) {
  const { userId } = ctx.principal;
  const current = await ctx.tx((tx) => findPasswordHash(tx, userId));
  if (!(await verifyPassword(current.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not right.', [
      { field: 'body.currentPassword', code: 'wrong_password', message: 'The current password is not right.' },
    ]);
  }
  checkPasswordPolicy(input.newPassword, 'body.newPassword', [current.email.split('@')[0], current.name]);
  const hash = await hashPassword(input.newPassword);
  await ctx.tx(async (tx) => {
    await tx.updateTable('user').set({ password_hash: hash, updated_at: new Date() }).where('id', '=', userId).execute();
    // Other devices are signed out; this one stays.
    await endUserSessions(ctx, tx, userId, ctx.principal.via === 'session' ? ctx.principal.credentialId : null);
    await ctx.audit(tx, { action: 'account.password_changed', entityType: 'user', entityId: userId });
  });
}

export async function sessions(ctx: Context): Promise<SessionInfo[]> {
  const rows = await ctx.tx((tx) => listSessions(tx, ctx.principal.userId));
  return rows.map((r) => ({
    id: r.id,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    userAgent: r.user_agent,
    ip: r.ip,
    current: ctx.principal.via === 'session' && ctx.principal.credentialId === r.id,
  }));
}

export async function endSession(ctx: Context, sessionId: string) {
  const done = await ctx.tx(async (tx) => {
    const row = await revokeOwnSession(tx, ctx.principal.userId, sessionId);
    if (!row) return false;
    await notifyAuthChange(tx, `credential:${sessionId}`);
    await ctx.audit(tx, { action: 'account.session_ended', entityType: 'session', entityId: sessionId });
    return true;
  });
  if (!done) throw notFound('session');
  ctx.services.principals.purgeLocal(`credential:${sessionId}`);
}

export async function signOutEverywhere(ctx: Context): Promise<number> {
  return ctx.tx(async (tx) => {
    const n = await endUserSessions(ctx, tx, ctx.principal.userId);
    await ctx.audit(tx, {
      action: 'account.signed_out_everywhere',
      entityType: 'user',
      entityId: ctx.principal.userId,
      details: { sessions: n },
    });
    return n;
  });
}

const presentToken = (r: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
}): ApiTokenInfo => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: iso(r.created_at),
  lastUsedAt: isoOrNull(r.last_used_at),
  expiresAt: isoOrNull(r.expires_at),
});

export async function tokens(ctx: Context): Promise<ApiTokenInfo[]> {
  return (await ctx.tx((tx) => listApiTokens(tx, ctx.principal.userId))).map(presentToken);
}

export async function createToken(ctx: Context, input: { name: string; expiresInDays: number | null }) {
  // Shown once: only its hash is stored. The prefix lets people tell their tokens apart.
  const token = `braid_${newToken(30)}`;
  const row = await ctx.tx(async (tx) => {
    const created = await insertApiToken(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      user_id: ctx.principal.userId,
      name: input.name,
      prefix: token.slice(0, 12),
      token_hash: tokenHash(token),
      expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    await ctx.audit(tx, {
      action: 'account.api_token_created',
      entityType: 'api_token',
      entityId: created.id,
      details: { name: input.name },
    });
    return created;
  });
  return { ...presentToken(row), token };
}

export async function deleteToken(ctx: Context, id: string) {
  const done = await ctx.tx(async (tx) => {
    const row = await revokeApiToken(tx, ctx.principal.userId, id);
    if (!row) return false;
    await notifyAuthChange(tx, `credential:${id}`);
    await ctx.audit(tx, { action: 'account.api_token_revoked', entityType: 'api_token', entityId: id });
    return true;
  });
  if (!done) throw notFound('API token');
  ctx.services.principals.purgeLocal(`credential:${id}`);
}
