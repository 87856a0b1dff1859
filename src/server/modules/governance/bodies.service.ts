import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type { BodyBody, BodyPatch, GovernanceBody, QuorumRule, Seat, SeatBody, SeatPatch } from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { requireInitiative, requireOrganizations, requireUsers } from '../initiatives/initiatives.service.ts';
import {
  findBody,
  findSeat,
  insertBody,
  insertSeats,
  listBodies,
  listSeats,
  overlappingSeat,
  updateBody,
  updateSeat,
} from './bodies.queries.ts';
import type { Viewer } from './governance.policy.ts';

export const today = () => new Date().toISOString().slice(0, 10);
export const iso = (d: Date | string) => new Date(d).toISOString();
/** The earlier / later of two ISO dates (strings compare in date order). */
export const earlierDate = (a: string, b: string) => [a, b].sort()[0];
export const laterDate = (a: string, b: string) => [a, b].sort()[1];
export const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function quorumRuleOf(r: { quorum_kind: string; quorum_value: number | null }): QuorumRule {
  if (r.quorum_kind === 'percent') return { kind: 'percent', value: Number(r.quorum_value) };
  if (r.quorum_kind === 'count') return { kind: 'count', value: Number(r.quorum_value) };
  return { kind: 'majority' };
}

const quorumColumns = (rule: QuorumRule) => ({ quorum_kind: rule.kind, quorum_value: rule.kind === 'majority' ? null : rule.value });

type BodyRow = NonNullable<Awaited<ReturnType<typeof findBody>>>;

function presentBody(r: BodyRow): GovernanceBody {
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    name: r.name,
    kind: r.kind as GovernanceBody['kind'],
    charter: r.charter,
    quorumRule: quorumRuleOf(r),
    passingRule: r.passing_rule,
    currentSeats: Number(r.current_seats),
    currentVotingSeats: Number(r.current_voting_seats),
    mySeat: r.my_seat_id ? { id: r.my_seat_id, voting: !!r.my_seat_voting } : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listBodyPage(
  ops: Ops,
  viewer: Viewer,
  query: { page: number; pageSize: number; q?: string; kind?: string; initiativeId?: string },
): Promise<Page<GovernanceBody>> {
  const page = await ops.tx((tx) => paginate(listBodies(tx, viewer, today(), query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentBody) };
}

/** The body if the viewer may see it; 404 otherwise. */
export async function mustSeeBody(tx: Tx, viewer: Viewer, id: string) {
  const row = await findBody(tx, viewer, today(), id);
  if (!row) throw notFound('governance body');
  return row;
}

export async function getBody(ops: Ops, viewer: Viewer, id: string): Promise<GovernanceBody> {
  return presentBody(await ops.tx((tx) => mustSeeBody(tx, viewer, id)));
}

export async function createBodyIn(ops: Ops, tx: Tx, body: BodyBody): Promise<string> {
  await requireInitiative(tx, body.initiativeId);
  const id = randomUUID();
  await insertBody(tx, {
    id,
    tenant_id: ops.tenantId,
    initiative_id: body.initiativeId ?? null,
    name: body.name,
    kind: body.kind,
    charter: body.charter ?? null,
    ...quorumColumns(body.quorumRule),
    passing_rule: body.passingRule,
  });
  await ops.audit(tx, {
    action: 'governance_body.created',
    entityType: 'governance_body',
    entityId: id,
    details: { name: body.name, quorumRule: body.quorumRule, passingRule: body.passingRule },
  });
  return id;
}

export async function createBody(ops: Ops, viewer: Viewer, body: BodyBody): Promise<GovernanceBody> {
  const id = await ops.tx((tx) => createBodyIn(ops, tx, body));
  return getBody(ops, viewer, id);
}

export async function changeBody(ops: Ops, viewer: Viewer, id: string, body: BodyPatch): Promise<GovernanceBody> {
  await ops.tx(async (tx) => {
    const before = await mustSeeBody(tx, viewer, id);
    await requireInitiative(tx, body.initiativeId);
    const columns = Object.fromEntries(
      Object.entries({
        initiative_id: body.initiativeId,
        name: body.name,
        kind: body.kind,
        charter: body.charter,
        passing_rule: body.passingRule,
        ...(body.quorumRule ? quorumColumns(body.quorumRule) : {}),
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length === 0) return;
    // Rules change prospectively: closed motions keep the tally frozen when they closed.
    await updateBody(tx, id, columns);
    await ops.audit(tx, { action: 'governance_body.updated', entityType: 'governance_body', entityId: id, details: { changes } });
  });
  return getBody(ops, viewer, id);
}

// ---- seats

type SeatRow = NonNullable<Awaited<ReturnType<typeof findSeat>>>;

export function presentSeat(r: SeatRow, on: string): Seat {
  return {
    id: r.id,
    bodyId: r.body_id,
    user: { id: r.user_id, name: r.user_name },
    organization: r.organization_id ? { id: r.organization_id, name: r.organization_name ?? '' } : null,
    title: r.title,
    voting: r.voting,
    termStartsOn: r.term_starts_on,
    termEndsOn: r.term_ends_on,
    current: r.term_starts_on <= on && (!r.term_ends_on || r.term_ends_on >= on),
  };
}

export async function listSeatPage(
  ops: Ops,
  viewer: Viewer,
  bodyId: string,
  query: { page: number; pageSize: number; q?: string; current?: boolean },
): Promise<Page<Seat>> {
  const on = today();
  return ops.tx(async (tx) => {
    await mustSeeBody(tx, viewer, bodyId);
    const page = await paginate(listSeats(tx, bodyId, { ...query, today: on }), query.page, query.pageSize);
    return { ...page, items: page.items.map((r) => presentSeat(r, on)) };
  });
}

async function checkSeat(tx: Tx, s: { bodyId: string; userId: string; startsOn: string; endsOn: string | null; exceptId?: string }) {
  if (s.endsOn && s.endsOn < s.startsOn) {
    throw new AppError('validation_failed', 'The term ends before it starts.', [
      { field: 'body.termEndsOn', code: 'before_start', message: 'The term ends before it starts.' },
    ]);
  }
  if (await overlappingSeat(tx, s)) {
    throw new AppError('conflict', 'This person already holds a seat on this body for part of that term.');
  }
}

export async function addSeatIn(ops: Ops, tx: Tx, bodyId: string, body: SeatBody): Promise<string> {
  await requireUsers(tx, [body.userId], 'body.userId');
  if (body.organizationId) await requireOrganizations(tx, [body.organizationId], 'body.organizationId');
  await checkSeat(tx, { bodyId, userId: body.userId, startsOn: body.termStartsOn, endsOn: body.termEndsOn ?? null });
  const id = randomUUID();
  await insertSeats(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      body_id: bodyId,
      user_id: body.userId,
      organization_id: body.organizationId ?? null,
      title: body.title ?? null,
      voting: body.voting,
      term_starts_on: body.termStartsOn,
      term_ends_on: body.termEndsOn ?? null,
    },
  ]);
  await ops.audit(tx, {
    action: 'seat.created',
    entityType: 'governance_body',
    entityId: bodyId,
    details: {
      seatId: id,
      userId: body.userId,
      organizationId: body.organizationId ?? null,
      voting: body.voting,
      termStartsOn: body.termStartsOn,
    },
  });
  return id;
}

export async function addSeat(ops: Ops, viewer: Viewer, bodyId: string, body: SeatBody): Promise<Seat> {
  return ops.tx(async (tx) => {
    await mustSeeBody(tx, viewer, bodyId);
    const id = await addSeatIn(ops, tx, bodyId, body);
    return presentSeat((await findSeat(tx, id))!, today());
  });
}

export async function changeSeat(ops: Ops, viewer: Viewer, seatId: string, body: SeatPatch): Promise<Seat> {
  return ops.tx(async (tx) => {
    const before = await findSeat(tx, seatId);
    if (!before) throw notFound('seat');
    await mustSeeBody(tx, viewer, before.body_id);
    if (body.organizationId) await requireOrganizations(tx, [body.organizationId], 'body.organizationId');
    const startsOn = body.termStartsOn ?? before.term_starts_on;
    const endsOn = body.termEndsOn === undefined ? before.term_ends_on : body.termEndsOn;
    await checkSeat(tx, { bodyId: before.body_id, userId: before.user_id, startsOn, endsOn, exceptId: seatId });
    const columns = Object.fromEntries(
      Object.entries({
        organization_id: body.organizationId,
        title: body.title,
        voting: body.voting,
        term_starts_on: body.termStartsOn,
        term_ends_on: body.termEndsOn,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateSeat(tx, seatId, columns);
      await ops.audit(tx, {
        action: 'seat.updated',
        entityType: 'governance_body',
        entityId: before.body_id,
        details: { seatId, changes },
      });
    }
    return presentSeat((await findSeat(tx, seatId))!, today());
  });
}
