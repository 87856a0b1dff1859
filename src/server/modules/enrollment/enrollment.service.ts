import { randomUUID } from 'node:crypto';
import {
  EXIT_AFTER_DAYS,
  EXIT_REASONS,
  FOLLOW_UP_QUARTERS,
  type FollowUp,
  type Participation,
  type ParticipationBody,
} from '../../../shared/schemas/casework.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { requireInitiative } from '../initiatives/initiatives.service.ts';
import { findParticipant } from '../participants/participants.queries.ts';
import { openForRead, openForWrite, refreshStatus } from '../participants/participants.service.ts';
import {
  activeInitiatives,
  attemptsOf,
  closeParticipation,
  findFollowUp,
  findParticipation,
  followUpsOf,
  insertAttempt,
  insertFollowUps,
  insertParticipation,
  openParticipation,
  type ParticipationRow,
  participationsOf,
  streamNames,
  updateFollowUp,
} from './enrollment.queries.ts';

// Program participation (PIRL 900/901/923). An exit is proposed, never made, by Braid: when 90 days
// pass with no qualifying service and none scheduled, the navigator sees a proposed exit dated at the
// last qualifying service (self-service, information-only and follow-up services do not count) and
// confirms it. Confirming schedules follow-ups in the 2nd and 4th quarters after the exit quarter.

const iso = (d: Date | string) => new Date(d).toISOString();
export const todayIso = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

/** The proposed exit date of an open participation, or null while it is active. */
export function proposedExit(entryDate: string, lastQualifying: string | null, hasScheduled: boolean, today: string): string | null {
  const last = lastQualifying ?? entryDate;
  if (hasScheduled) return null;
  return addDays(last, EXIT_AFTER_DAYS) <= today ? last : null;
}

/** Calendar-quarter windows N quarters after the quarter that contains the exit date. */
export function followUpWindows(exitDate: string): { quarter: number; start: string; end: string }[] {
  const [y, m] = exitDate.split('-').map(Number);
  const exitQuarter = y * 4 + Math.floor((m - 1) / 3);
  return FOLLOW_UP_QUARTERS.map((n) => {
    const q = exitQuarter + n;
    const year = Math.floor(q / 4);
    const firstMonth = (q % 4) * 3 + 1;
    const start = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
    const end = new Date(Date.UTC(year, firstMonth + 2, 0)).toISOString().slice(0, 10);
    return { quarter: n, start, end };
  });
}

async function present(tx: Tx, rows: ParticipationRow[], today: string): Promise<Participation[]> {
  const names = new Map((await streamNames(tx, [...new Set(rows.flatMap((r) => r.funding_stream_ids))])).map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    entryDate: r.entry_date,
    exitDate: r.exit_date,
    exitReason: (Object.entries(EXIT_REASONS).find(([k]) => k === r.exit_reason)?.[0] ?? null) as Participation['exitReason'],
    fundingStreams: r.funding_stream_ids.map((id) => ({
      id,
      name: names.get(id)?.name ?? '(removed)',
      sourceType: names.get(id)?.source_type ?? 'other',
    })),
    initiative: r.initiative_id ? { id: r.initiative_id, name: r.initiative_name ?? '' } : null,
    lastQualifyingServiceDate: r.last_qualifying,
    proposedExitDate: r.exit_date ? null : proposedExit(r.entry_date, r.last_qualifying, Boolean(r.has_scheduled), today),
    createdAt: iso(r.created_at),
  }));
}

export async function list(ctx: Context, participantId: string): Promise<Participation[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'education_training', 'participation');
    const today = todayIso();
    return present(tx, await participationsOf(tx, participantId, today), today);
  });
}

export async function enter(ctx: Context, participantId: string, body: ParticipationBody): Promise<Participation> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const p = await findParticipant(tx, participantId);
    if (p?.status === 'draft') {
      throw new AppError('validation_failed', 'Complete the intake before enrolling.', [
        { field: 'participant', code: 'intake_incomplete', message: 'Complete the intake first.' },
      ]);
    }
    if (await openParticipation(tx, participantId))
      throw new AppError('conflict', 'This participant already has an open period of participation.');
    if (body.entryDate > todayIso()) {
      throw new AppError('validation_failed', 'The entry date cannot be in the future.', [
        { field: 'body.entryDate', code: 'future', message: 'Not in the future.' },
      ]);
    }
    const streams = await streamNames(tx, [...new Set(body.fundingStreamIds)]);
    if (streams.length !== new Set(body.fundingStreamIds).size) {
      throw new AppError('validation_failed', 'Unknown funding stream.', [
        { field: 'body.fundingStreamIds', code: 'not_found', message: 'Unknown funding stream.' },
      ]);
    }
    const initiativeId = await initiativeFor(tx, body.initiativeId);
    const id = randomUUID();
    await insertParticipation(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      entry_date: body.entryDate,
      funding_stream_ids: streams.map((s) => s.id),
      initiative_id: initiativeId,
      created_by: ctx.principal.userId,
    });
    await refreshStatus(tx, participantId);
    await ctx.audit(tx, {
      action: 'participation.entered',
      entityType: 'participant',
      entityId: participantId,
      details: { participationId: id, entryDate: body.entryDate, fundingStreamIds: body.fundingStreamIds, initiativeId },
    });
    const today = todayIso();
    return (await present(tx, [(await findParticipation(tx, participantId, id, today))!], today))[0];
  });
}

/**
 * The initiative a new period serves: the one named (it must exist in the tenant), none when null is sent,
 * and when nothing is sent the tenant's only active initiative — with two or more, Braid does not guess.
 */
async function initiativeFor(tx: Tx, requested: string | null | undefined): Promise<string | null> {
  if (requested === null) return null;
  if (requested) {
    await requireInitiative(tx, requested);
    return requested;
  }
  const active = await activeInitiatives(tx);
  return active.length === 1 ? active[0].id : null;
}

export async function exit(
  ctx: Context,
  participantId: string,
  participationId: string,
  body: { exitDate?: string; exitReason?: keyof typeof EXIT_REASONS | null },
): Promise<Participation> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const today = todayIso();
    const row = await findParticipation(tx, participantId, participationId, today);
    if (!row) throw notFound('participation');
    if (row.exit_date) throw new AppError('conflict', 'This participation has already ended.');
    const proposed = proposedExit(row.entry_date, row.last_qualifying, Boolean(row.has_scheduled), today);
    const exitDate = body.exitDate ?? proposed;
    if (!exitDate) {
      throw new AppError('validation_failed', 'No exit is proposed yet; give the exit date.', [
        { field: 'body.exitDate', code: 'required', message: 'Give the exit date.' },
      ]);
    }
    if (exitDate < row.entry_date || exitDate > today) {
      throw new AppError('validation_failed', 'The exit date must be between entry and today.', [
        { field: 'body.exitDate', code: 'out_of_range', message: 'Between entry and today.' },
      ]);
    }
    await closeParticipation(tx, participationId, exitDate, body.exitReason ?? null, ctx.principal.userId);
    // Exits for a PIRL 923 reason are excluded from follow-up and performance.
    if (!body.exitReason) {
      await insertFollowUps(
        tx,
        followUpWindows(exitDate).map((w) => ({
          id: randomUUID(),
          tenant_id: ctx.tenantId,
          participant_id: participantId,
          participation_id: participationId,
          quarter_after_exit: w.quarter,
          window_start: w.start,
          window_end: w.end,
          status: 'scheduled' as const,
        })),
      );
    }
    await refreshStatus(tx, participantId);
    await ctx.audit(tx, {
      action: 'participation.exited',
      entityType: 'participant',
      entityId: participantId,
      details: { participationId, exitDate, exitReason: body.exitReason ?? null, proposedExitDate: proposed },
    });
    return (await present(tx, [(await findParticipation(tx, participantId, participationId, today))!], today))[0];
  });
}

async function presentFollowUps(tx: Tx, participantId: string): Promise<FollowUp[]> {
  const rows = await followUpsOf(tx, participantId);
  const attempts = await attemptsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    participationId: r.participation_id,
    quarterAfterExit: r.quarter_after_exit,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    status: r.status,
    employed: r.employed,
    resultNote: r.result_note,
    completedAt: r.completed_at ? iso(r.completed_at) : null,
    attempts: attempts
      .filter((a) => a.follow_up_id === r.id)
      .map((a) => ({ id: a.id, attemptedAt: iso(a.attempted_at), method: a.method, reached: a.reached, note: a.note })),
  }));
}

export async function followUps(ctx: Context, participantId: string): Promise<FollowUp[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'employment_wages', 'follow_up');
    return presentFollowUps(tx, participantId);
  });
}

export async function recordAttempt(
  ctx: Context,
  participantId: string,
  followUpId: string,
  body: { attemptedAt?: string; method: 'phone' | 'email' | 'text' | 'in_person' | 'mail'; reached: boolean; note?: string | null },
): Promise<FollowUp[]> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const f = await findFollowUp(tx, participantId, followUpId);
    if (!f) throw notFound('follow-up');
    await insertAttempt(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      follow_up_id: followUpId,
      attempted_at: body.attemptedAt ?? new Date(),
      method: body.method,
      reached: body.reached,
      note: body.note ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'follow_up.attempted',
      entityType: 'participant',
      entityId: participantId,
      details: { followUpId, method: body.method, reached: body.reached },
    });
    return presentFollowUps(tx, participantId);
  });
}

export async function recordResult(
  ctx: Context,
  participantId: string,
  followUpId: string,
  body: { status: 'completed' | 'unreachable'; employed?: boolean | null; note?: string | null },
): Promise<FollowUp[]> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const f = await findFollowUp(tx, participantId, followUpId);
    if (!f) throw notFound('follow-up');
    if (f.status !== 'scheduled') throw new AppError('conflict', 'This follow-up is already closed.');
    await updateFollowUp(tx, followUpId, {
      status: body.status,
      employed: body.employed ?? null,
      result_note: body.note ?? null,
      completed_at: new Date(),
      completed_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'follow_up.closed',
      entityType: 'participant',
      entityId: participantId,
      details: { followUpId, status: body.status, employed: body.employed ?? null },
    });
    return presentFollowUps(tx, participantId);
  });
}
