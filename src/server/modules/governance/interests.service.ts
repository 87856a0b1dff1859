import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  ConflictReason,
  Declaration,
  DeclarationBody,
  DeclarationPatch,
  DeclarationStatus,
} from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { requireOrganizations } from '../initiatives/initiatives.service.ts';
import { iso, today } from './bodies.service.ts';
import type { Viewer } from './governance.policy.ts';
import {
  countActiveDeclarations,
  declaredInterests,
  findDeclaration,
  insertAffirmations,
  insertDeclarations,
  lastAffirmation,
  listDeclarations,
  membershipsIn,
  organizationNames,
  servesInGovernance,
  updateDeclaration,
} from './interests.queries.ts';

/** Declarations are renewed every year: the reminder is due this many days after the last statement. */
export const REDECLARE_EVERY_DAYS = 365;

export interface Person {
  userId: string;
  /** The organization the person represents on the body (a seat), if any. */
  represents?: string | null;
}

/**
 * Everyone's conflicts with a set of organizations over a window of dates. A person has a conflict
 * when they declared an interest in one of the organizations overlapping the window, represent it on
 * the body, or belong to it in Braid (their own employer needs no declaration to count).
 */
export async function conflictsOf(tx: Tx, people: Person[], organizationIds: string[], window: { from: string; to: string }) {
  const out = new Map<string, ConflictReason[]>();
  if (people.length === 0 || organizationIds.length === 0) return out;
  const userIds = [...new Set(people.map((p) => p.userId))];
  const add = (userId: string, reason: ConflictReason) => {
    const list = out.get(userId) ?? [];
    if (!list.some((r) => r.source === reason.source && r.kind === reason.kind && r.organizationId === reason.organizationId))
      list.push(reason);
    out.set(userId, list);
  };
  for (const d of await declaredInterests(tx, userIds, organizationIds, window)) {
    add(d.user_id, { source: 'declaration', kind: d.kind, organizationId: d.organization_id, organizationName: d.organization_name });
  }
  const represented = people.filter((p) => p.represents && organizationIds.includes(p.represents));
  const names = await organizationNames(
    tx,
    represented.map((p) => p.represents as string),
  );
  for (const p of represented) {
    add(p.userId, {
      source: 'seat',
      kind: 'represents',
      organizationId: p.represents as string,
      organizationName: names.find((n) => n.id === p.represents)?.name ?? '',
    });
  }
  for (const m of await membershipsIn(tx, userIds, organizationIds)) {
    add(m.user_id, { source: 'membership', kind: 'employment', organizationId: m.organization_id, organizationName: m.organization_name });
  }
  return out;
}

type DeclarationRow = NonNullable<Awaited<ReturnType<typeof findDeclaration>>>;

function presentDeclaration(r: DeclarationRow, on: string): Declaration {
  return {
    id: r.id,
    user: { id: r.user_id, name: r.user_name },
    organization: { id: r.organization_id, name: r.organization_name },
    kind: r.kind,
    description: r.description,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: r.starts_on <= on && (!r.ends_on || r.ends_on >= on),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listDeclarationPage(
  ops: Ops,
  viewer: Viewer,
  query: { page: number; pageSize: number; q?: string; userId?: string; organizationId?: string; active?: boolean; initiativeId?: string },
): Promise<Page<Declaration>> {
  const on = today();
  const page = await ops.tx((tx) => paginate(listDeclarations(tx, viewer, { ...query, today: on }), query.page, query.pageSize));
  return { ...page, items: page.items.map((r) => presentDeclaration(r, on)) };
}

export async function getDeclaration(ops: Ops, viewer: Viewer, id: string): Promise<Declaration> {
  const row = await ops.tx((tx) => findDeclaration(tx, viewer, id));
  if (!row) throw notFound('declaration');
  return presentDeclaration(row, today());
}

export async function declareIn(ops: Ops, tx: Tx, userId: string, body: DeclarationBody): Promise<string> {
  const [org] = await requireOrganizations(tx, [body.organizationId], 'body.organizationId');
  const id = randomUUID();
  await insertDeclarations(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      user_id: userId,
      organization_id: body.organizationId,
      kind: body.kind,
      description: body.description ?? null,
      starts_on: body.startsOn,
      ends_on: body.endsOn ?? null,
    },
  ]);
  await ops.audit(tx, {
    action: 'declaration.created',
    entityType: 'interest_declaration',
    entityId: id,
    details: {
      userId,
      organizationId: body.organizationId,
      organizationName: org.name,
      kind: body.kind,
      startsOn: body.startsOn,
      endsOn: body.endsOn ?? null,
    },
  });
  return id;
}

/** Everyone declares their own interests; nobody declares for someone else. */
export async function declare(ops: Ops, viewer: Viewer, body: DeclarationBody): Promise<Declaration> {
  return ops.tx(async (tx) => {
    const id = await declareIn(ops, tx, viewer.userId, body);
    return presentDeclaration((await findDeclaration(tx, viewer, id))!, today());
  });
}

/** A declaration is never deleted, only ended (ends_on), so past recusals stay explainable. */
export async function changeDeclaration(ops: Ops, viewer: Viewer, id: string, body: DeclarationPatch): Promise<Declaration> {
  return ops.tx(async (tx) => {
    const before = await findDeclaration(tx, { ...viewer, manager: false }, id);
    if (!before) {
      // Managers can read others' declarations but only the declarer changes one.
      if (viewer.manager && (await findDeclaration(tx, viewer, id)))
        throw new AppError('forbidden', 'Only the person who declared an interest can change it.');
      throw notFound('declaration');
    }
    const startsOn = body.startsOn ?? before.starts_on;
    const endsOn = body.endsOn === undefined ? before.ends_on : body.endsOn;
    if (endsOn && endsOn < startsOn) {
      throw new AppError('validation_failed', 'The interest ends before it starts.', [
        { field: 'body.endsOn', code: 'before_start', message: 'The interest ends before it starts.' },
      ]);
    }
    const columns = Object.fromEntries(
      Object.entries({ description: body.description, starts_on: body.startsOn, ends_on: body.endsOn }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateDeclaration(tx, id, columns);
      await ops.audit(tx, { action: 'declaration.updated', entityType: 'interest_declaration', entityId: id, details: { changes } });
    }
    return presentDeclaration((await findDeclaration(tx, viewer, id))!, today());
  });
}

async function statusIn(tx: Tx, userId: string, now: Date): Promise<DeclarationStatus> {
  const on = now.toISOString().slice(0, 10);
  const last = await lastAffirmation(tx, userId);
  const required = await servesInGovernance(tx, userId, on);
  const dueOn = last ? new Date(new Date(last.affirmed_at).getTime() + REDECLARE_EVERY_DAYS * 86_400_000).toISOString().slice(0, 10) : null;
  return {
    required,
    lastAffirmedAt: last ? iso(last.affirmed_at) : null,
    dueOn,
    due: required && (!dueOn || dueOn <= on),
    activeDeclarations: await countActiveDeclarations(tx, userId, on),
  };
}

export async function declarationStatus(ops: Ops, viewer: Viewer): Promise<DeclarationStatus> {
  return ops.tx((tx) => statusIn(tx, viewer.userId, new Date()));
}

/** The yearly statement: "my declarations are complete and current". */
export async function affirm(ops: Ops, viewer: Viewer): Promise<DeclarationStatus> {
  return ops.tx(async (tx) => {
    const now = new Date();
    const declarations = await countActiveDeclarations(tx, viewer.userId, now.toISOString().slice(0, 10));
    const id = randomUUID();
    await insertAffirmations(tx, [{ id, tenant_id: ops.tenantId, user_id: viewer.userId, affirmed_at: now, declarations }]);
    await ops.audit(tx, {
      action: 'declaration.affirmed',
      entityType: 'user',
      entityId: viewer.userId,
      details: { activeDeclarations: declarations },
    });
    return statusIn(tx, viewer.userId, now);
  });
}

/** For the home page: the re-declaration reminder, when one is due. */
export async function redeclarationDue(tx: Tx, userId: string): Promise<DeclarationStatus | null> {
  const status = await statusIn(tx, userId, new Date());
  return status.due ? status : null;
}
