import { randomUUID } from 'node:crypto';
import type { Locale, Role } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { UserSummary } from '../../../shared/schemas/users.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/passwords.ts';
import { notifyAuthChange } from '../auth/auth.queries.ts';
import { endUserSessions, sendUserLink } from '../auth/auth.service.ts';
import {
  deleteMembership,
  findUser,
  findUserByEmail,
  insertMembership,
  insertUser,
  listUsers,
  membershipsOf,
  organizationExists,
  setStatus,
  tenantName,
} from './users.queries.ts';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

async function present(tx: Tx, rows: UserRow[]): Promise<UserSummary[]> {
  const memberships = await membershipsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    status: r.status,
    locale: r.locale,
    lastSignInAt: r.last_sign_in_at ? new Date(r.last_sign_in_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    memberships: memberships
      .filter((m) => m.user_id === r.id)
      .map((m) => ({ id: m.id, organizationId: m.organization_id, organizationName: m.organization_name, role: m.role as Role })),
  }));
}

export async function list(
  ops: Ops,
  query: { page: number; pageSize: number; q?: string; status?: string; role?: Role; organizationId?: string },
): Promise<Page<UserSummary>> {
  return ops.tx(async (tx) => {
    const page = await paginate(listUsers(tx, query), query.page, query.pageSize);
    return { ...page, items: await present(tx, page.items) };
  });
}

export async function get(ops: Ops, id: string): Promise<UserSummary> {
  return ops.tx(async (tx) => {
    const row = await findUser(tx, id);
    if (!row) throw notFound('user');
    return (await present(tx, [row]))[0];
  });
}

async function requireOrganization(tx: Tx, organizationId: string) {
  if (!(await organizationExists(tx, organizationId))) {
    throw new AppError('validation_failed', 'No such organization.', [
      { field: 'body.organizationId', code: 'not_found', message: 'No such organization.' },
    ]);
  }
}

async function ensureNewEmail(tx: Tx, email: string) {
  if (await findUserByEmail(tx, email)) {
    throw new AppError('email_taken', 'Someone already uses this email.', [
      { field: 'body.email', code: 'taken', message: 'Someone already uses this email.' },
    ]);
  }
}

function uniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

/** Invites a person: an account in state "invited", a first membership, and an email link. */
export async function invite(
  ops: Ops,
  input: { email: string; name: string; organizationId: string; role: Role; locale: Locale },
): Promise<UserSummary> {
  const id = randomUUID();
  try {
    await ops.tx(async (tx) => {
      await ensureNewEmail(tx, input.email);
      await requireOrganization(tx, input.organizationId);
      await insertUser(tx, {
        id,
        tenant_id: ops.tenantId,
        email: input.email,
        name: input.name,
        status: 'invited',
        locale: input.locale,
        password_hash: null,
      });
      await insertMembership(tx, {
        id: randomUUID(),
        tenant_id: ops.tenantId,
        user_id: id,
        organization_id: input.organizationId,
        role: input.role,
      });
      await sendUserLink(
        ops,
        tx,
        { id, email: input.email, name: input.name, locale: input.locale },
        'invitation',
        (await tenantName(tx)).name,
      );
      await ops.audit(tx, {
        action: 'user.invited',
        entityType: 'user',
        entityId: id,
        details: { organizationId: input.organizationId, role: input.role },
      });
    });
  } catch (err) {
    // The email may belong to another tenant, which RLS hides from the check above.
    if (uniqueViolation(err)) {
      throw new AppError('email_taken', 'Someone already uses this email.', [
        { field: 'body.email', code: 'taken', message: 'Someone already uses this email.' },
      ]);
    }
    throw err;
  }
  return get(ops, id);
}

/** Creates an active account with a password (command line and seed). */
export async function createWithPassword(
  ops: Ops,
  tx: Tx,
  input: { email: string; name: string; password: string; organizationId: string; role: Role; locale?: Locale },
): Promise<string> {
  checkPasswordPolicy(input.password, 'body.password', [input.email.split('@')[0]]);
  await ensureNewEmail(tx, input.email);
  await requireOrganization(tx, input.organizationId);
  const id = randomUUID();
  await insertUser(tx, {
    id,
    tenant_id: ops.tenantId,
    email: input.email,
    name: input.name,
    status: 'active',
    locale: input.locale ?? 'en',
    password_hash: await hashPassword(input.password),
  });
  await insertMembership(tx, {
    id: randomUUID(),
    tenant_id: ops.tenantId,
    user_id: id,
    organization_id: input.organizationId,
    role: input.role,
  });
  await ops.audit(tx, {
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    details: { organizationId: input.organizationId, role: input.role },
  });
  return id;
}

export async function resendInvitation(ops: Ops, id: string): Promise<void> {
  await ops.tx(async (tx) => {
    const user = await findUser(tx, id);
    if (!user) throw notFound('user');
    if (user.status !== 'invited') throw new AppError('conflict', 'This person has already accepted their invitation.');
    await sendUserLink(ops, tx, user, 'invitation', (await tenantName(tx)).name);
    await ops.audit(tx, { action: 'user.invitation_resent', entityType: 'user', entityId: id });
  });
}

/** Disabling ends every session of the person at once. */
export async function setDisabled(ops: Ops, id: string, disabled: boolean): Promise<UserSummary> {
  if (disabled && id === ops.actor.userId) throw new AppError('conflict', 'You cannot disable your own account.');
  await ops.tx(async (tx) => {
    const user = await findUser(tx, id);
    if (!user) throw notFound('user');
    if (disabled) {
      if (user.status === 'disabled') return;
      await setStatus(tx, id, 'disabled');
      const ended = await endUserSessions(ops, tx, id);
      await ops.audit(tx, { action: 'user.disabled', entityType: 'user', entityId: id, details: { sessionsEnded: ended } });
    } else {
      if (user.status !== 'disabled') return;
      await setStatus(tx, id, 'active');
      await ops.audit(tx, { action: 'user.enabled', entityType: 'user', entityId: id });
    }
  });
  return get(ops, id);
}

export async function addMembership(ops: Ops, userId: string, input: { organizationId: string; role: Role }): Promise<UserSummary> {
  await ops.tx(async (tx) => {
    if (!(await findUser(tx, userId))) throw notFound('user');
    await requireOrganization(tx, input.organizationId);
    const id = await insertMembership(tx, {
      id: randomUUID(),
      tenant_id: ops.tenantId,
      user_id: userId,
      organization_id: input.organizationId,
      role: input.role,
    });
    if (!id) throw new AppError('conflict', 'This person already has that role in that organization.');
    await notifyAuthChange(tx, `user:${userId}`);
    await ops.audit(tx, { action: 'membership.added', entityType: 'user', entityId: userId, details: { membershipId: id, ...input } });
  });
  ops.services.principals.purgeLocal(`user:${userId}`);
  return get(ops, userId);
}

export async function removeMembership(ops: Ops, userId: string, membershipId: string): Promise<UserSummary> {
  await ops.tx(async (tx) => {
    const removed = await deleteMembership(tx, userId, membershipId);
    if (!removed) throw notFound('membership');
    if (userId === ops.actor.userId && removed.role === 'admin') {
      const stillAdmin = (await membershipsOf(tx, [userId])).some((m) => m.role === 'admin');
      if (!stillAdmin) throw new AppError('conflict', 'You cannot remove your own last admin role.');
    }
    await notifyAuthChange(tx, `user:${userId}`);
    await ops.audit(tx, {
      action: 'membership.removed',
      entityType: 'user',
      entityId: userId,
      details: { membershipId, role: removed.role, organizationId: removed.organization_id },
    });
  });
  ops.services.principals.purgeLocal(`user:${userId}`);
  return get(ops, userId);
}
