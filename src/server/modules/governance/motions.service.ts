import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../../shared/errors.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { ConflictReason, Motion, MotionBody, MotionPatch, MotionSummary, Recusal, Tally } from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { requireOrganizations } from '../initiatives/initiatives.service.ts';
import { bodyRules, seatsOn } from './bodies.queries.ts';
import { iso, isoOrNull, laterDate, quorumRuleOf, today } from './bodies.service.ts';
import type { Viewer } from './governance.policy.ts';
import { decide, quorumState } from './governance.rules.ts';
import { conflictsOf } from './interests.service.ts';
import { attendanceOf, findMeeting, updateMeeting } from './meetings.queries.ts';
import {
  findMotion,
  insertMotionOrganizations,
  insertMotions,
  listMotions,
  lockMotion,
  motionsOfMeeting,
  openMotionIds,
  organizationsOfMotions,
  replaceMotionOrganizations,
  updateMotion,
  upsertVotes,
  votesOf,
} from './motions.queries.ts';
import { markSolicitationAwarded } from './solicitations.queries.ts';

export const meetingDate = (startsAt: Date | string) => new Date(startsAt).toISOString().slice(0, 10);

// ---- the roll: who sits on the body on the meeting's date, who is present, and quorum

export type Roll = Awaited<ReturnType<typeof meetingRoll>>;

export async function meetingRoll(tx: Tx, meeting: { id: string; body_id: string; starts_at: Date | string }) {
  const date = meetingDate(meeting.starts_at);
  const rules = await bodyRules(tx, meeting.body_id);
  const seats = await seatsOn(tx, meeting.body_id, date);
  const attendance = new Map((await attendanceOf(tx, meeting.id)).map((a) => [a.seat_id, a.status]));
  const voting = seats.filter((s) => s.voting);
  const present = voting.filter((s) => attendance.get(s.id) === 'present');
  return {
    date,
    rules,
    seats,
    attendance,
    quorum: quorumState(quorumRuleOf(rules), voting.length, present.length),
    /** A person's seat on the body at this meeting (a voting seat first, if they hold two). */
    seatOf: (userId: string) => seats.find((s) => s.user_id === userId && s.voting) ?? seats.find((s) => s.user_id === userId) ?? null,
  };
}

/** Interests are checked over the meeting's date through today, so a late declaration still recuses. */
const conflictWindow = (roll: Roll) => ({ from: roll.date, to: laterDate(today(), roll.date) });

type MotionRow = NonNullable<Awaited<ReturnType<typeof findMotion>>>;

interface Evaluation {
  tally: Tally;
  recusals: Recusal[];
  countedSeatIds: string[];
  conflicts: Map<string, ConflictReason[]>;
}

/** The live outcome: eligible voters are voting seats present and not recused; only their votes count. */
async function evaluate(tx: Tx, motion: { id: string }, roll: Roll, organizationIds: string[], final: boolean): Promise<Evaluation> {
  const votingSeats = roll.seats.filter((s) => s.voting);
  const conflicts = await conflictsOf(
    tx,
    votingSeats.map((s) => ({ userId: s.user_id, represents: s.organization_id })),
    organizationIds,
    conflictWindow(roll),
  );
  const recused = votingSeats.filter((s) => conflicts.has(s.user_id));
  const eligible = votingSeats.filter((s) => roll.attendance.get(s.id) === 'present' && !conflicts.has(s.user_id));
  const eligibleIds = new Set(eligible.map((s) => s.id));
  const votes = (await votesOf(tx, motion.id)).filter((v) => eligibleIds.has(v.seat_id) && v.value !== 'recused');
  const count = (value: string) => votes.filter((v) => v.value === value).length;
  const tally = decide({
    rule: roll.rules.passing_rule,
    quorum: roll.quorum,
    yes: count('yes'),
    no: count('no'),
    abstain: count('abstain'),
    recused: recused.length,
    eligible: eligible.length,
    final,
  });
  return {
    tally,
    recusals: recused.map((s) => ({
      seatId: s.id,
      user: { id: s.user_id, name: s.user_name },
      present: roll.attendance.get(s.id) === 'present',
      reasons: conflicts.get(s.user_id) ?? [],
    })),
    countedSeatIds: votes.map((v) => v.seat_id),
    conflicts,
  };
}

/** What a closed motion keeps in motion.tally: the outcome as it was computed when voting closed. */
interface Frozen {
  tally: Tally;
  countedSeatIds: string[];
}

// ---- may this person vote now?

interface Refusal {
  code: ErrorCode;
  message: string;
}

function refusal(motion: MotionRow, roll: Roll, userId: string, conflicts: ConflictReason[] | undefined): Refusal | null {
  if (motion.meeting_status === 'closed' || motion.meeting_status === 'cancelled') {
    return { code: 'voting_closed', message: 'The meeting is closed; votes are no longer accepted.' };
  }
  if (motion.status === 'closed' || motion.status === 'withdrawn')
    return { code: 'voting_closed', message: 'Voting on this motion has closed.' };
  if (motion.status !== 'open') return { code: 'voting_not_open', message: 'Voting on this motion has not been opened yet.' };
  const seat = roll.seatOf(userId);
  if (!seat) return { code: 'not_a_member', message: 'Only members of this body (on the meeting date) can vote.' };
  if (!seat.voting) return { code: 'non_voting_seat', message: 'Your seat on this body does not vote.' };
  if (conflicts?.length) {
    const orgs = [...new Set(conflicts.map((c) => c.organizationName))].join(', ');
    return { code: 'recused', message: `You have an interest in ${orgs}, which this motion concerns: you are recused and cannot vote.` };
  }
  if (roll.attendance.get(seat.id) !== 'present')
    return { code: 'not_present', message: 'Check in to the meeting (or be marked present) before voting.' };
  return null;
}

// ---- presenters

async function summaries(tx: Tx, rows: MotionRow[]): Promise<MotionSummary[]> {
  const orgs = await organizationsOfMotions(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    body: { id: r.body_id, name: r.body_name },
    meeting: { id: r.meeting_id, title: r.meeting_title, startsAt: iso(r.meeting_starts_at) },
    kind: r.kind,
    title: r.title,
    status: r.status,
    organizations: orgs.filter((o) => o.motion_id === r.id).map((o) => ({ id: o.id, name: o.name })),
    outcome: r.outcome,
    closedAt: isoOrNull(r.closed_at),
  }));
}

export async function motionSummariesOfMeeting(tx: Tx, viewer: Viewer, meetingId: string) {
  return summaries(tx, await motionsOfMeeting(tx, viewer, meetingId));
}

async function presentMotion(tx: Tx, viewer: Viewer, row: MotionRow): Promise<Motion> {
  const [summary] = await summaries(tx, [row]);
  const roll = await meetingRoll(tx, { id: row.meeting_id, body_id: row.body_id, starts_at: row.meeting_starts_at });
  const votes = await votesOf(tx, row.id);
  const seatName = (seatId: string | null) => {
    const s = seatId ? roll.seats.find((x) => x.id === seatId) : undefined;
    return s ? { id: s.id, name: s.user_name } : null;
  };
  let tally: Tally;
  let recusals: Recusal[];
  let counted: Set<string>;
  let mine: ConflictReason[] | undefined;
  if (row.status === 'closed' && row.tally) {
    const frozen = row.tally as Frozen;
    tally = frozen.tally;
    counted = new Set(frozen.countedSeatIds);
    recusals = votes
      .filter((v) => v.value === 'recused')
      .map((v) => {
        const r = (v.recusal_reasons ?? { present: false, reasons: [] }) as { present: boolean; reasons: ConflictReason[] };
        return { seatId: v.seat_id, user: { id: v.user_id, name: v.user_name }, present: r.present, reasons: r.reasons };
      });
    mine = recusals.find((r) => r.user.id === viewer.userId)?.reasons;
  } else {
    const live = await evaluate(
      tx,
      row,
      roll,
      summary.organizations.map((o) => o.id),
      false,
    );
    tally = live.tally;
    recusals = live.recusals;
    counted = new Set(live.countedSeatIds);
    mine = live.conflicts.get(viewer.userId);
  }
  const mySeat = roll.seatOf(viewer.userId);
  const myVote = mySeat ? (votes.find((v) => v.seat_id === mySeat.id)?.value ?? null) : null;
  const refused = refusal(row, roll, viewer.userId, mySeat?.voting ? mine : undefined);
  return {
    ...summary,
    resolution: row.resolution,
    minutesMeetingId: row.minutes_meeting_id,
    proposalId: row.proposal_id,
    movedBy: seatName(row.moved_by_seat_id),
    secondedBy: seatName(row.seconded_by_seat_id),
    openedAt: isoOrNull(row.opened_at),
    tally,
    votes: votes.map((v) => ({
      seatId: v.seat_id,
      user: { id: v.user_id, name: v.user_name },
      organization: v.organization_id ? { id: v.organization_id, name: v.organization_name ?? '' } : null,
      value: v.value,
      counted: counted.has(v.seat_id),
      castAt: iso(v.cast_at),
    })),
    recusals,
    // A recused member is told so, even once voting has closed.
    me: {
      seatId: mySeat?.id ?? null,
      vote: myVote,
      canVote: refused === null,
      reason: mySeat?.voting && mine?.length ? 'recused' : (refused?.code ?? null),
    },
  };
}

// ---- reads

export async function listMotionPage(
  ops: Ops,
  viewer: Viewer,
  query: {
    page: number;
    pageSize: number;
    q?: string;
    bodyId?: string;
    meetingId?: string;
    status?: string;
    organizationId?: string;
    initiativeId?: string;
  },
): Promise<Page<MotionSummary>> {
  return ops.tx(async (tx) => {
    const page = await paginate(listMotions(tx, viewer, query), query.page, query.pageSize);
    return { ...page, items: await summaries(tx, page.items) };
  });
}

export async function mustSeeMotion(tx: Tx, viewer: Viewer, id: string) {
  const row = await findMotion(tx, viewer, id);
  if (!row) throw notFound('motion');
  return row;
}

export async function getMotion(ops: Ops, viewer: Viewer, id: string): Promise<Motion> {
  return ops.tx(async (tx) => presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id)));
}

// ---- writes

async function checkSeatOfBody(roll: Roll, seatId: string | null | undefined, field: string) {
  if (!seatId) return;
  const seat = roll.seats.find((s) => s.id === seatId);
  if (!seat?.voting) {
    throw new AppError('validation_failed', 'Motions are moved and seconded by voting members of the body.', [
      { field, code: 'not_a_voting_seat', message: 'Not a voting seat of this body on the meeting date.' },
    ]);
  }
}

export interface NewMotion extends Omit<MotionBody, 'kind'> {
  kind: 'general' | 'approve_minutes' | 'award';
  proposalId?: string;
}

export async function createMotionIn(ops: Ops, tx: Tx, viewer: Viewer, meetingId: string, body: NewMotion): Promise<string> {
  const meeting = await findMeeting(tx, viewer, meetingId);
  if (!meeting) throw notFound('meeting');
  if (meeting.status !== 'scheduled' && meeting.status !== 'in_progress') {
    throw new AppError('conflict', 'Motions are made at meetings that are scheduled or in progress.');
  }
  const orgs = await requireOrganizations(tx, body.organizationIds, 'body.organizationIds');
  const roll = await meetingRoll(tx, meeting);
  await checkSeatOfBody(roll, body.movedBySeatId, 'body.movedBySeatId');
  await checkSeatOfBody(roll, body.secondedBySeatId, 'body.secondedBySeatId');
  if (body.kind === 'approve_minutes') {
    const earlier = body.minutesMeetingId ? await findMeeting(tx, viewer, body.minutesMeetingId) : undefined;
    const field = 'body.minutesMeetingId';
    if (!earlier || earlier.body_id !== meeting.body_id || new Date(earlier.starts_at) >= new Date(meeting.starts_at)) {
      throw new AppError('validation_failed', 'Minutes are approved at a later meeting of the same body.', [
        { field, code: 'not_an_earlier_meeting', message: 'Name an earlier meeting of this body.' },
      ]);
    }
    if (earlier.minutes_status !== 'draft') {
      throw new AppError('validation_failed', 'That meeting has no draft minutes to approve.', [
        { field, code: earlier.minutes_status === 'approved' ? 'minutes_approved' : 'no_minutes', message: 'No draft minutes to approve.' },
      ]);
    }
  }
  const id = randomUUID();
  await insertMotions(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      body_id: meeting.body_id,
      meeting_id: meetingId,
      kind: body.kind,
      title: body.title,
      resolution: body.resolution ?? null,
      minutes_meeting_id: body.kind === 'approve_minutes' ? (body.minutesMeetingId ?? null) : null,
      proposal_id: body.proposalId ?? null,
      moved_by_seat_id: body.movedBySeatId ?? null,
      seconded_by_seat_id: body.secondedBySeatId ?? null,
      status: 'proposed',
      created_by: ops.actor.userId,
    },
  ]);
  await insertMotionOrganizations(
    tx,
    [...new Set(body.organizationIds)].map((organization_id) => ({ motion_id: id, organization_id, tenant_id: ops.tenantId })),
  );
  await ops.audit(tx, {
    action: 'motion.created',
    entityType: 'motion',
    entityId: id,
    details: { meetingId, kind: body.kind, title: body.title, organizations: orgs.map((o) => o.name) },
  });
  return id;
}

export async function createMotion(ops: Ops, viewer: Viewer, meetingId: string, body: MotionBody): Promise<Motion> {
  return ops.tx(async (tx) => {
    const id = await createMotionIn(ops, tx, viewer, meetingId, body);
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

export async function changeMotion(ops: Ops, viewer: Viewer, id: string, body: MotionPatch): Promise<Motion> {
  return ops.tx(async (tx) => {
    const row = await mustSeeMotion(tx, viewer, id);
    if (row.status !== 'proposed') throw new AppError('conflict', 'A motion can only be changed before voting opens.');
    if (row.kind === 'award' && body.organizationIds)
      throw new AppError('conflict', 'An award motion concerns the proposing organizations; they cannot be changed.');
    const roll = await meetingRoll(tx, { id: row.meeting_id, body_id: row.body_id, starts_at: row.meeting_starts_at });
    await checkSeatOfBody(roll, body.movedBySeatId, 'body.movedBySeatId');
    await checkSeatOfBody(roll, body.secondedBySeatId, 'body.secondedBySeatId');
    const columns = Object.fromEntries(
      Object.entries({
        title: body.title,
        resolution: body.resolution,
        moved_by_seat_id: body.movedBySeatId,
        seconded_by_seat_id: body.secondedBySeatId,
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(columns).length) await updateMotion(tx, id, columns);
    if (body.organizationIds) {
      await requireOrganizations(tx, body.organizationIds, 'body.organizationIds');
      await replaceMotionOrganizations(tx, ops.tenantId, id, [...new Set(body.organizationIds)]);
    }
    await ops.audit(tx, {
      action: 'motion.updated',
      entityType: 'motion',
      entityId: id,
      details: { ...columns, organizationIds: body.organizationIds },
    });
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

export async function openVoting(ops: Ops, viewer: Viewer, id: string): Promise<Motion> {
  return ops.tx(async (tx) => {
    await lockMotion(tx, id);
    const row = await mustSeeMotion(tx, viewer, id);
    if (row.status !== 'proposed') throw new AppError('conflict', `Voting cannot be opened on a motion that is ${row.status}.`);
    if (row.meeting_status !== 'in_progress') throw new AppError('voting_not_open', 'Open the meeting before opening a vote.');
    const roll = await meetingRoll(tx, { id: row.meeting_id, body_id: row.body_id, starts_at: row.meeting_starts_at });
    if (!roll.quorum.met) {
      throw new AppError(
        'quorum_not_met',
        `Quorum is not met: ${roll.quorum.present} of ${roll.quorum.required} voting members needed are present.`,
      );
    }
    await updateMotion(tx, id, { status: 'open', opened_at: new Date() });
    await ops.audit(tx, { action: 'motion.opened', entityType: 'motion', entityId: id, details: { quorum: roll.quorum } });
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

export async function castVote(ops: Ops, viewer: Viewer, id: string, value: 'yes' | 'no' | 'abstain'): Promise<Motion> {
  return ops.tx(async (tx) => {
    // Serialised with closing, so no vote slips in after the outcome is frozen.
    await lockMotion(tx, id);
    const row = await mustSeeMotion(tx, viewer, id);
    const roll = await meetingRoll(tx, { id: row.meeting_id, body_id: row.body_id, starts_at: row.meeting_starts_at });
    const seat = roll.seatOf(viewer.userId);
    const orgIds = (await organizationsOfMotions(tx, [id])).map((o) => o.id);
    const conflicts = seat
      ? (await conflictsOf(tx, [{ userId: viewer.userId, represents: seat.organization_id }], orgIds, conflictWindow(roll))).get(
          viewer.userId,
        )
      : undefined;
    const refused = refusal(row, roll, viewer.userId, conflicts);
    if (refused) {
      const errors =
        refused.code === 'recused'
          ? (conflicts ?? []).map((c) => ({ field: 'organization', code: c.kind, message: c.organizationName }))
          : undefined;
      throw new AppError(refused.code, refused.message, errors);
    }
    const previous = (await votesOf(tx, id)).find((v) => v.seat_id === seat!.id)?.value ?? null;
    await upsertVotes(tx, [
      {
        id: randomUUID(),
        tenant_id: ops.tenantId,
        motion_id: id,
        seat_id: seat!.id,
        user_id: viewer.userId,
        value,
        recusal_reasons: null,
        cast_at: new Date(),
      },
    ]);
    await ops.audit(tx, {
      action: 'vote.cast',
      entityType: 'motion',
      entityId: id,
      details: { seatId: seat!.id, userId: viewer.userId, value, previous },
    });
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

/** Freezes the outcome: recused members get a 'recused' vote row with their reasons; effects follow a pass. (`at`: when voting closed, for loading history.) */
export async function closeMotionIn(ops: Ops, tx: Tx, row: MotionRow, at: Date = new Date()): Promise<Tally> {
  const roll = await meetingRoll(tx, { id: row.meeting_id, body_id: row.body_id, starts_at: row.meeting_starts_at });
  const orgIds = (await organizationsOfMotions(tx, [row.id])).map((o) => o.id);
  const result = await evaluate(tx, row, roll, orgIds, true);
  const now = at;
  await upsertVotes(
    tx,
    result.recusals.map((r) => ({
      id: randomUUID(),
      tenant_id: ops.tenantId,
      motion_id: row.id,
      seat_id: r.seatId,
      user_id: r.user.id,
      value: 'recused' as const,
      recusal_reasons: JSON.stringify({ present: r.present, reasons: r.reasons }),
      cast_at: now,
    })),
  );
  const frozen: Frozen = { tally: result.tally, countedSeatIds: result.countedSeatIds };
  const outcome = result.tally.status as 'passed' | 'failed';
  await updateMotion(tx, row.id, {
    status: 'closed',
    closed_at: now,
    outcome,
    outcome_reason: result.tally.reason,
    tally: JSON.stringify(frozen),
  });
  if (outcome === 'passed' && row.kind === 'approve_minutes' && row.minutes_meeting_id) {
    await updateMeeting(tx, row.minutes_meeting_id, { minutes_status: 'approved', minutes_approved_by: row.id });
  }
  if (outcome === 'passed' && row.kind === 'award' && row.proposal_id) await markSolicitationAwarded(tx, row.proposal_id);
  const t = result.tally;
  await ops.audit(tx, {
    action: 'motion.closed',
    entityType: 'motion',
    entityId: row.id,
    details: {
      outcome,
      reason: t.reason,
      yes: t.yes,
      no: t.no,
      abstain: t.abstain,
      votesNeeded: t.votesNeeded,
      quorum: t.quorum,
      recusals: result.recusals.map((r) => ({
        userId: r.user.id,
        name: r.user.name,
        reasons: r.reasons.map((x) => `${x.kind}: ${x.organizationName}`),
      })),
    },
  });
  return result.tally;
}

export async function closeVoting(ops: Ops, viewer: Viewer, id: string): Promise<Motion> {
  return ops.tx(async (tx) => {
    await lockMotion(tx, id);
    const row = await mustSeeMotion(tx, viewer, id);
    if (row.status !== 'open') throw new AppError('conflict', `Only open votes can be closed; this motion is ${row.status}.`);
    await closeMotionIn(ops, tx, row);
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

export async function withdrawMotion(ops: Ops, viewer: Viewer, id: string): Promise<Motion> {
  return ops.tx(async (tx) => {
    await lockMotion(tx, id);
    const row = await mustSeeMotion(tx, viewer, id);
    if (row.status !== 'proposed' && row.status !== 'open') throw new AppError('conflict', `A ${row.status} motion cannot be withdrawn.`);
    await updateMotion(tx, id, { status: 'withdrawn', closed_at: new Date() });
    await ops.audit(tx, { action: 'motion.withdrawn', entityType: 'motion', entityId: id, details: { from: row.status } });
    return presentMotion(tx, viewer, await mustSeeMotion(tx, viewer, id));
  });
}

/** When a meeting closes: open votes close with their computed outcome, motions never opened are withdrawn. */
export async function settleMeetingMotions(ops: Ops, tx: Tx, viewer: Viewer, meetingId: string): Promise<void> {
  for (const m of await openMotionIds(tx, meetingId)) {
    await lockMotion(tx, m.id);
    const row = await mustSeeMotion(tx, viewer, m.id);
    if (m.status === 'open') await closeMotionIn(ops, tx, row);
    else {
      await updateMotion(tx, m.id, { status: 'withdrawn', closed_at: new Date() });
      await ops.audit(tx, {
        action: 'motion.withdrawn',
        entityType: 'motion',
        entityId: m.id,
        details: { from: 'proposed', because: 'meeting closed' },
      });
    }
  }
}
