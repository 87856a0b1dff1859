import { randomUUID } from 'node:crypto';
import {
  REFERRAL_COUNT_CAP,
  type Referral,
  type ReferralBody,
  type ReferralPage,
  type ReferralStatus,
  type ReferralStep,
} from '../../../shared/schemas/referrals.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { renderMail } from '../../platform/mail-templates.ts';
import { paginateBounded } from '../../platform/pagination.ts';
import { recordRelease } from '../consent/consent.service.ts';
import { businessDaysAfter } from '../holidays/holidays.calendar.ts';
import { directorySettings } from '../hsds/hsds.queries.ts';
import { accessTo, mustEdit, viewerOf } from '../participants/participants.policy.ts';
import { coveringConsents, visibleNames } from '../participants/participants.queries.ts';
import { orgsOf, STEPS, sideOf } from './referrals.policy.ts';
import * as q from './referrals.queries.ts';

// Closed-loop referrals: sent under a consent that covers the receiving organization and the data it
// needs, answered by the receiver (accept / decline / in progress / completed / not completed), visible
// to both sides at every step, with an acceptance deadline in business days (the tenant's holidays skipped).

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const todayIso = () => new Date().toISOString().slice(0, 10);

/** One referral as its page shows it: the participant (while the caller may see them; the release logged) and the timeline. */
async function present(ctx: Context, tx: Tx, r: q.ReferralRow): Promise<Referral> {
  let participant: Referral['participant'] = null;
  if (r.participant_id) {
    // The receiver sees the participant only while the consent lasts; checked on every request.
    const viewer = viewerOf(ctx.principal);
    const access = await accessTo(tx, viewer, r.participant_id);
    if (access) {
      const p = await q.participantName(tx, r.participant_id);
      if (p) participant = { id: p.id, name: `${p.first_name} ${p.last_name}` };
      await recordRelease(ctx, tx, viewer, access, 'identity', 'referral.viewed');
    }
  }
  const timeline = (await q.eventsOf(tx, r.id)).map((e) => ({ at: iso(e.at) as string, status: e.status, note: e.note }));
  return shape(r, participant, timeline);
}

function shape(r: q.ReferralRow, participant: Referral['participant'], timeline: Referral['timeline']): Referral {
  return {
    id: r.id,
    status: r.status as ReferralStatus,
    urgency: r.urgency,
    reason: r.reason,
    notes: r.notes,
    categories: r.categories,
    service: { id: r.service_id, name: r.service_name },
    sender: { id: r.sender_organization_id, name: r.sender_name },
    receiver: { id: r.receiving_organization_id, name: r.receiver_name },
    participant,
    dueOn: r.due_on,
    overdue: r.status === 'sent' && !!r.due_on && r.due_on < todayIso(),
    escalationLevel: r.escalation_level,
    escalatedAt: iso(r.escalated_at),
    declineReason: r.decline_reason,
    suggestedServiceId: r.suggested_service_id,
    outcome: r.outcome,
    sentAt: iso(r.sent_at) as string,
    acceptedAt: iso(r.accepted_at),
    closedAt: iso(r.closed_at),
    timeline,
  };
}

export async function send(ctx: Context, body: ReferralBody): Promise<Referral> {
  const id = randomUUID();
  await ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustEdit(tx, viewer, body.participantId);
    const service = await q.serviceForReferral(tx, body.serviceId);
    if (!service)
      throw new AppError('validation_failed', 'No such service.', [
        { field: 'body.serviceId', code: 'not_found', message: 'No such service.' },
      ]);
    const consents = await coveringConsents(tx, body.participantId, [service.organization_id]);
    const covered = new Set(consents.flatMap((c) => c.categories));
    const missing = consents.length === 0 ? body.categories : body.categories.filter((c) => !covered.has(c));
    if (missing.length > 0) {
      // The web flow pre-fills the consent form from `missing`: exactly this organization and these categories.
      throw new AppError(
        'consent_required',
        'The participant has not consented to share these data with the receiving organization.',
        [
          {
            field: 'body.categories',
            code: 'consent_required',
            message: consents.length === 0 ? 'No consent names the receiving organization.' : `Not covered: ${missing.join(', ')}`,
          },
        ],
        undefined,
        { missing: { organizationId: service.organization_id, organizationName: service.organization_name, categories: missing } },
      );
    }
    const settings = await directorySettings(tx);
    const now = new Date();
    await q.insertReferral(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: body.participantId,
      service_id: service.id,
      sender_organization_id: access.ownerOrganizationId,
      sender_user_id: ctx.principal.userId,
      receiving_organization_id: service.organization_id,
      consent_id: consents[0].id,
      categories: body.categories,
      status: 'sent',
      urgency: body.urgency,
      reason: body.reason,
      notes: body.notes ?? null,
      due_on: await businessDaysAfter(tx, now, settings?.accept_within_business_days ?? 3),
      sent_at: now,
    });
    await q.insertEvent(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      referral_id: id,
      at: now,
      user_id: ctx.principal.userId,
      organization_id: access.ownerOrganizationId,
      status: 'sent',
      note: null,
    });
    await ctx.audit(tx, {
      action: 'referral.sent',
      entityType: 'referral',
      entityId: id,
      details: { serviceId: service.id, categories: body.categories },
    });
    // In the app (the receiver's inbox) and by email; the email names no participant.
    const to = await q.recipientsOf(tx, service.organization_id);
    const link = `${ctx.services.config.baseUrl}/referrals/${id}`;
    ctx.afterCommit(async () => {
      for (const r of to) {
        const mail = renderMail('referral_received', r.locale, { service: service.name, urgency: body.urgency, link });
        await queueMail(ctx.services.jobs, ctx.services.keyring, { to: r.email, ...mail });
      }
    });
  });
  return get(ctx, id);
}

export async function list(
  ctx: Context,
  query: {
    page: number;
    pageSize: number;
    box: 'inbox' | 'outbox' | 'all';
    status?: ReferralStatus;
    overdue?: boolean;
    escalated?: boolean;
    initiativeId?: string;
  },
): Promise<ReferralPage> {
  const orgs = orgsOf(ctx.principal);
  const p = ctx.principal.permissions;
  const all = query.box === 'all' && p.has('referrals.manage');
  const filter = {
    inboxOrgs: all ? undefined : query.box === 'inbox' ? (p.has('referrals.receive') || p.has('referrals.manage') ? orgs : []) : undefined,
    outboxOrgs: all ? undefined : query.box !== 'inbox' ? (p.has('referrals.send') ? orgs : []) : undefined,
    status: query.status,
    overdueOn: query.overdue ? todayIso() : undefined,
    escalated: query.escalated,
    initiativeId: query.initiativeId,
  };
  return ctx.tx(async (tx) => {
    // Bounded: the director's "all" list at a million referrals counted every one for its total (6 s).
    const page = await paginateBounded(tx, q.listReferralIds(tx, filter), query.page, query.pageSize, REFERRAL_COUNT_CAP);
    const rows = new Map(
      (
        await q
          .referralsByIds(
            tx,
            page.items.map((r) => r.id),
          )
          .execute()
      ).map((r) => [r.id, r]),
    );
    // Who may see which participant, asked once for the page (asked per row, a page of 25 ran 50 to 75
    // statements). The same rule as a single referral's; as before, a name in a list logs no release.
    const names = new Map(
      (
        await visibleNames(
          tx,
          [...new Set([...rows.values()].flatMap((r) => (r.participant_id ? [r.participant_id] : [])))],
          viewerOf(ctx.principal),
        )
      ).map((p) => [p.id, { id: p.id, name: `${p.first_name} ${p.last_name}` }]),
    );
    const items = page.items.flatMap(({ id }) => {
      const r = rows.get(id);
      return r ? [shape(r, (r.participant_id && names.get(r.participant_id)) || null, [])] : [];
    });
    return { ...page, items };
  });
}

async function visible(ctx: Context, tx: Tx, id: string) {
  const r = await q.findReferral(tx, id);
  if (!r) throw notFound('referral');
  const side = sideOf(ctx.principal, r);
  if (!side) throw notFound('referral');
  return { r, side };
}

export async function get(ctx: Context, id: string): Promise<Referral> {
  return ctx.tx(async (tx) => {
    const { r } = await visible(ctx, tx, id);
    await ctx.audit(tx, { action: 'referral.viewed', entityType: 'referral', entityId: id, personalData: true });
    return present(ctx, tx, r);
  });
}

export async function step(ctx: Context, id: string, body: ReferralStep): Promise<Referral> {
  await ctx.tx(async (tx) => {
    const { r, side } = await visible(ctx, tx, id);
    const rule = STEPS[body.status];
    if (!rule.by.includes(side)) throw new AppError('forbidden', 'Your organization may not take this step.');
    if (!rule.from.includes(r.status)) {
      throw new AppError('invalid_transition', `A referral that is ${r.status} cannot become ${body.status}.`, [
        { field: 'body.status', code: 'invalid_transition', message: `Not possible from ${r.status}.` },
      ]);
    }
    const now = new Date();
    const patch: Record<string, unknown> = { status: body.status };
    if (body.status === 'accepted') patch.accepted_at = now;
    if (body.status === 'declined') {
      if (!body.note)
        throw new AppError('validation_failed', 'Say why.', [
          { field: 'body.note', code: 'required', message: 'A reason is required to decline.' },
        ]);
      patch.decline_reason = body.note;
      patch.suggested_service_id = body.suggestedServiceId ?? null;
      patch.closed_at = now;
    }
    if (body.status === 'completed' || body.status === 'not_completed') {
      patch.outcome = body.outcome ?? body.note ?? null;
      patch.closed_at = now;
    }
    if (body.status === 'sent') {
      const settings = await directorySettings(tx);
      Object.assign(patch, {
        closed_at: null,
        accepted_at: null,
        due_on: await businessDaysAfter(tx, now, settings?.accept_within_business_days ?? 3),
        // A new deadline starts a new escalation cycle.
        escalation_level: 0,
        escalated_at: null,
      });
    }
    await q.updateReferral(tx, id, patch);
    await q.insertEvent(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      referral_id: id,
      at: now,
      user_id: ctx.principal.userId,
      organization_id: null,
      status: body.status,
      note: body.note ?? body.outcome ?? null,
    });
    await ctx.audit(tx, { action: `referral.${body.status === 'sent' ? 'reopened' : body.status}`, entityType: 'referral', entityId: id });
  });
  return get(ctx, id);
}

export async function remove(ctx: Context, id: string, reason: string): Promise<{ ok: true }> {
  await ctx.tx(async (tx) => {
    await visible(ctx, tx, id);
    await q.updateReferral(tx, id, { status: 'deleted', deleted_reason: reason });
    await ctx.audit(tx, { action: 'referral.deleted', entityType: 'referral', entityId: id, details: { reason } });
  });
  return { ok: true };
}
