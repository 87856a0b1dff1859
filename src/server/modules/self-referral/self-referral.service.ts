import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import { consentBody } from '../../../shared/schemas/consent.ts';
import type { HomeTask } from '../../../shared/schemas/home.ts';
import { intakeBody, participantListQuery } from '../../../shared/schemas/participants.ts';
import type {
  PublicService,
  SelfReferral,
  SelfReferralAcceptBody,
  SelfReferralBody,
  SelfReferralDismissBody,
  SelfReferralListQuery,
  SelfReferralStatus,
  SelfReferralSummary,
} from '../../../shared/schemas/self-referral.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Context, makeOps, type Ops, type PublicContext } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { renderMail } from '../../platform/mail-templates.ts';
import { paginate } from '../../platform/pagination.ts';
import { bucketKey, hit } from '../../platform/rate-limit.ts';
import * as consents from '../consent/consent.service.ts';
import { tenantBySlug } from '../hsds/hsds.queries.ts';
import * as participants from '../participants/participants.service.ts';
import { rolesWith } from '../referrals/referrals.escalation.ts';
import { usersInRoles } from '../referrals/referrals.queries.ts';
import * as referrals from '../referrals/referrals.service.ts';
import * as q from './self-referral.queries.ts';
import { checkFormToken, signFormToken } from './self-referral.token.ts';

// Public self-referral: a person asks for a service through its public form (no account); the request
// waits as pending_review until the intermediary accepts it (a participant, their consent as given on the
// form, and a normal referral through the referral service, so the consent gate still applies) or
// dismisses it with a reason.

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The tenant and service of a public link, or 404 for anything not open to self-referral. */
async function openService(ctx: PublicContext, slug: string, serviceId: string) {
  const db = ctx.services.database.db;
  // Like the HSDS API: the slug is public; everything after it runs under the tenant's RLS.
  const tenant = await tenantBySlug(db, slug);
  if (!tenant) throw notFound('service');
  const found = await withTenant(db, tenant.id, async (tx) => ({
    service: await q.publicService(tx, serviceId),
    partnership: (await q.tenantName(tx))?.name ?? '',
  }));
  if (!found.service) throw notFound('service');
  return { tenantId: tenant.id, ...found, service: found.service };
}

export async function publicPage(ctx: PublicContext, slug: string, serviceId: string): Promise<PublicService> {
  const { tenantId, service, partnership } = await openService(ctx, slug, serviceId);
  return {
    partnership,
    service: { id: service.id, name: service.name, description: service.description },
    organization: { name: service.organization_name },
    formToken: signFormToken(ctx.services.keyring, tenantId, service.id),
  };
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'Too many requests. Wait a little and try again.', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

const TOKEN_PROBLEMS = {
  invalid: 'This form could not be checked. Reload the page and send it again.',
  too_fresh: 'That was very quick. Check your answers and send the form again.',
  expired: 'This form was open for a long time. Reload the page and send it again.',
} as const;

export async function submit(ctx: PublicContext, slug: string, serviceId: string, body: SelfReferralBody): Promise<{ received: true }> {
  const { services } = ctx;
  const { config, keyring } = services;
  const db = services.database.db;
  const { tenantId, service, partnership } = await openService(ctx, slug, serviceId);

  // Per address and per service, an hour at a time, shared by every process (as sign-in does).
  const window = 3600;
  const [byIp, byService] = await withTenant(db, null, async (tx) => [
    await hit(tx, bucketKey('self-referral-ip', ctx.ip), window),
    await hit(tx, bucketKey('self-referral-service', `${tenantId}:${service.id}`), window),
  ]);
  if (byIp.count > config.selfReferralMaxPerIp) throw rateLimited(byIp.retryAfterSeconds);
  if (byService.count > config.selfReferralMaxPerService) throw rateLimited(byService.retryAfterSeconds);

  const check = checkFormToken(keyring, body.formToken, tenantId, service.id, {
    minSeconds: config.selfReferralMinSeconds,
    maxHours: config.selfReferralMaxHours,
  });
  if (check !== 'ok') {
    throw new AppError('validation_failed', TOKEN_PROBLEMS[check], [
      { field: 'body.formToken', code: `token_${check}`, message: TOKEN_PROBLEMS[check] },
    ]);
  }

  // The honeypot: people never see the field, bots fill it. The answer is the same as for a real request,
  // so a bot learns nothing to adapt to; nothing is stored and nobody is asked to review it.
  if (body.website && body.website.trim() !== '') {
    services.log('self-referral discarded: honeypot filled');
    return { received: true };
  }

  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'public self-referral form', ip: ctx.ip });
  await ops.tx(async (tx) => {
    await storeRequest(ops, tx, service.id, body);
    // Who reviews, and how many wait: read now, mailed once the request is committed.
    const reviewers = await usersInRoles(tx, rolesWith('referrals.manage'));
    const { n } = await q.pending(tx);
    ops.afterCommit(async () => {
      await notifyReviewers(ops, reviewers, { service: service.name, organization: service.organization_name, waiting: n });
      if (body.email) {
        const mail = renderMail('self_referral_received', body.locale, {
          service: service.name,
          organization: service.organization_name,
          partnership,
        });
        await queueMail(services.jobs, keyring, { to: body.email, ...mail });
      }
    });
  });
  await flush();
  return { received: true };
}

/**
 * Stores one request as the form sent it: contact details and the need encrypted, receipt audited. The
 * form and the demo seed both go through here, so nothing reaches the table in clear text.
 */
export async function storeRequest(
  ops: Ops,
  tx: Tx,
  serviceId: string,
  body: Omit<SelfReferralBody, 'formToken' | 'website' | 'consent'>,
  at: Date = new Date(),
): Promise<string> {
  const { keyring } = ops.services;
  const id = randomUUID();
  await q.insertRequest(tx, {
    id,
    tenant_id: ops.tenantId,
    service_id: serviceId,
    first_name: body.firstName,
    last_name: body.lastName,
    email_enc: body.email ? encrypt(keyring, body.email.toLowerCase()) : null,
    phone_enc: body.phone ? encrypt(keyring, body.phone) : null,
    place: body.place,
    preferred_language: body.preferredLanguage,
    need_enc: encrypt(keyring, body.need),
    locale: body.locale,
    consented_at: at,
    submitted_at: at,
  });
  await ops.audit(tx, { action: 'self_referral.received', entityType: 'self_referral_request', entityId: id, details: { serviceId } });
  return id;
}

/**
 * Tells each reviewer (referrals.manage) that requests wait, naming the service and never the person.
 * A simple throttle, not a digest: at most one email per reviewer per selfReferralNotifyMinutes (a
 * counter per reviewer in the shared rate_limit_bucket, so every process agrees). A request that arrives
 * inside the window sends nothing; it waits in the queue and on the home page, and the email counts
 * everything waiting when it was sent.
 */
async function notifyReviewers(
  ops: Ops,
  reviewers: { id: string; email: string; locale: Locale }[],
  v: { service: string; organization: string; waiting: number },
) {
  const { services, tenantId } = ops;
  const minutes = services.config.selfReferralNotifyMinutes;
  const vars = { ...v, minutes, link: `${services.config.baseUrl}/self-referrals` };
  for (const u of reviewers) {
    const first = await withTenant(services.database.db, null, (tx) =>
      hit(tx, bucketKey('self-referral-notify', `${tenantId}:${u.id}`), minutes * 60),
    );
    if (first.count === 1)
      await queueMail(services.jobs, services.keyring, { to: u.email, ...renderMail('self_referral_review', u.locale, vars) });
  }
}

// ---- Review

function summary(r: q.SummaryRow): SelfReferralSummary {
  return {
    id: r.id,
    status: r.status as SelfReferralStatus,
    name: `${r.first_name} ${r.last_name}`,
    service: { id: r.service_id, name: r.service_name },
    organization: { id: r.organization_id, name: r.organization_name },
    place: r.place,
    preferredLanguage: r.preferred_language,
    submittedAt: iso(r.submitted_at) as string,
  };
}

export async function list(ctx: Context, query: SelfReferralListQuery): Promise<Page<SelfReferralSummary>> {
  return ctx.tx(async (tx) => {
    const page = await paginate(
      q.listRequests(tx, { status: query.status, serviceId: query.serviceId, q: query.q || undefined }),
      query.page,
      query.pageSize,
    );
    // Names of people who asked for help: a read of personal data.
    await ctx.audit(tx, {
      action: 'self_referral.listed',
      entityType: 'self_referral_request',
      personalData: true,
      details: { status: query.status, count: page.items.length },
    });
    return { ...page, items: page.items.map(summary) };
  });
}

export async function get(ctx: Context, id: string): Promise<SelfReferral> {
  const ring = ctx.services.keyring;
  const r = await ctx.tx(async (tx) => {
    const row = await q.findRequest(tx, id);
    if (!row) throw notFound('self-referral');
    await ctx.audit(tx, { action: 'self_referral.viewed', entityType: 'self_referral_request', entityId: id, personalData: true });
    return row;
  });
  // Possible existing records: the participant search, under the reviewer's own access rules.
  const matches =
    r.status === 'pending_review'
      ? await participants.list(ctx, participantListQuery.parse({ q: `${r.first_name} ${r.last_name}`, pageSize: 5 }))
      : { items: [] };
  return {
    ...summary(r),
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email_enc ? decrypt(ring, r.email_enc) : null,
    phone: r.phone_enc ? decrypt(ring, r.phone_enc) : null,
    need: decrypt(ring, r.need_enc),
    locale: r.locale,
    consentedAt: iso(r.consented_at) as string,
    decidedAt: iso(r.decided_at),
    dismissReason: r.dismiss_reason as SelfReferral['dismissReason'],
    decisionNote: r.decision_note,
    participantId: r.participant_id,
    referralId: r.referral_id,
    possibleMatches: matches.items.map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      organizationName: p.ownerOrganizationName,
      status: p.status,
    })),
  };
}

async function pending(ctx: Context, id: string) {
  const r = await ctx.tx((tx) => q.findRequest(tx, id));
  if (!r) throw notFound('self-referral');
  if (r.status !== 'pending_review') {
    throw new AppError('invalid_transition', `This request is already ${r.status}.`, [
      { field: 'params.id', code: 'invalid_transition', message: `Already ${r.status}.` },
    ]);
  }
  return r;
}

const ZIP = /^\d{5}(-\d{4})?$/;

/**
 * Accept: the existing participant chosen by the reviewer, or a new draft intake pre-filled from the
 * request; the consent the person gave on the form (contact details, to the service's organization); then
 * a normal referral through the referral service. Each step is its own audited write: if a later one
 * fails, the request stays pending and the reviewer can accept again into the participant just created.
 */
export async function accept(ctx: Context, id: string, body: SelfReferralAcceptBody): Promise<SelfReferral> {
  const ring = ctx.services.keyring;
  const r = await pending(ctx, id);
  const name = `${r.first_name} ${r.last_name}`;
  let participantId = body.participantId;
  if (!participantId) {
    const created = await participants.create(
      ctx,
      intakeBody.parse({
        firstName: r.first_name,
        lastName: r.last_name,
        email: r.email_enc ? decrypt(ring, r.email_enc) : null,
        phone: r.phone_enc ? decrypt(ring, r.phone_enc) : null,
        postalCode: ZIP.test(r.place) ? r.place : null,
        preferredLanguage: /^[a-z]{2}$/.test(r.preferred_language) ? r.preferred_language : null,
        // The case opens where the reviewer works (the intermediary) unless they name another organization.
        ownerOrganizationId: body.ownerOrganizationId ?? ctx.principal.memberships[0]?.organizationId,
        // The reviewer saw the possible matches and chose a new record.
        confirmNotDuplicate: true,
      }),
    );
    participantId = created.id;
  }
  await consents.create(
    ctx,
    participantId,
    consentBody.parse({
      recipientOrganizationIds: [r.organization_id],
      categories: ['contact'],
      purpose: `Self-referral to ${r.service_name}: to be contacted and have the request shared (public form)`,
      method: 'signed_in_app',
      signedName: name,
      givenAt: iso(r.consented_at),
    }),
  );
  const referral = await referrals.send(ctx, {
    participantId,
    serviceId: r.service_id,
    reason: decrypt(ring, r.need_enc),
    urgency: body.urgency,
    notes: `Self-referral through the public form, received ${iso(r.submitted_at)?.slice(0, 10)}.`,
    categories: ['contact'],
  });
  await ctx.tx(async (tx) => {
    const done = await q.decide(tx, id, {
      status: 'accepted',
      decided_by: ctx.principal.userId,
      participant_id: participantId,
      referral_id: referral.id,
    });
    if (!done) throw new AppError('invalid_transition', 'Someone else decided this request first.');
    await ctx.audit(tx, {
      action: 'self_referral.accepted',
      entityType: 'self_referral_request',
      entityId: id,
      details: { participantId, referralId: referral.id, newParticipant: !body.participantId },
    });
  });
  return get(ctx, id);
}

export async function dismiss(ctx: Context, id: string, body: SelfReferralDismissBody): Promise<SelfReferral> {
  await pending(ctx, id);
  await ctx.tx(async (tx) => {
    const done = await q.decide(tx, id, {
      status: 'dismissed',
      decided_by: ctx.principal.userId,
      dismiss_reason: body.reason,
      decision_note: body.note ?? null,
    });
    if (!done) throw new AppError('invalid_transition', 'Someone else decided this request first.');
    await ctx.audit(tx, {
      action: 'self_referral.dismissed',
      entityType: 'self_referral_request',
      entityId: id,
      details: { reason: body.reason },
    });
  });
  return get(ctx, id);
}

/** Home task for reviewers: how many requests wait, and since when. */
export async function selfReferralTasks(tx: Tx): Promise<HomeTask[]> {
  const { n, oldest } = await q.pending(tx);
  if (n === 0) return [];
  return [{ kind: 'self_referrals_to_review', subject: String(n), subjectId: null, due: iso(oldest), href: '/self-referrals' }];
}
