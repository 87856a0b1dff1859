import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type CandidateReferral,
  type JobPreference,
  type jobPreferenceBody,
  REFERRAL_NEXT,
  type ReferralStatus,
  type referralBody,
  type referralPatch,
} from '../../../shared/schemas/employers.ts';
import type { DataCategory } from '../../../shared/schemas/participants.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { insertEmployment } from '../casework/casework.queries.ts';
import { socTitle } from '../codes/codes.service.ts';
import { insertDisclosures } from '../consent/consent.queries.ts';
import { mustEdit, mustSeeCategory, viewerOf } from '../participants/participants.policy.ts';
import { coveringConsents } from '../participants/participants.queries.ts';
import { employerScope } from './employers.policy.ts';
import { syncFill } from './job-orders.fill.ts';
import { employerOrganization } from './job-orders.queries.ts';
import { mustSeeJobOrder } from './job-orders.service.ts';
import { rankCandidates } from './matching.queries.ts';
import {
  completedTrainingOf,
  credentialsOf,
  existingReferral,
  findReferral,
  insertReferral,
  jobPreferenceOf,
  participantForReferral,
  type ReferralRow,
  referralsOfJobOrder,
  removeHireEmployment,
  updateReferral,
  upsertJobPreference,
} from './referrals.queries.ts';

// A candidate referral releases a participant's data to an employer. Only what the participant's
// consent to that employer (by name or as an employer) covers travels; the release is written to the
// disclosure log, and every later view re-checks the consent, so a revocation takes effect at once.

const today = () => new Date().toISOString().slice(0, 10);
const invalid = (field: string, message: string, code = 'invalid') =>
  new AppError('validation_failed', message, [{ field, code, message }]);

async function consentTo(tx: Tx, participantId: string, employerId: string) {
  const consents = await coveringConsents(tx, participantId, [employerId]);
  const categories = [...new Set(consents.flatMap((c) => c.categories))] as DataCategory[];
  return { consents, categories };
}

async function present(ctx: Context, tx: Tx, r: ReferralRow): Promise<CandidateReferral> {
  // Identity went with the referral; the other categories only while the consent still covers them.
  const { categories: current } = await consentTo(tx, r.participant_id, r.organization_id);
  const shared = r.categories.filter((c) => current.includes(c as DataCategory));
  const ring = ctx.services.keyring;
  const withContact = shared.includes('contact');
  const withTraining = shared.includes('education_training');
  return {
    id: r.id,
    jobOrder: { id: r.job_order_id, title: r.job_title, employer: { id: r.organization_id, name: r.employer_name } },
    participantId: r.participant_id,
    name: `${r.first_name} ${r.last_name}`,
    categories: shared,
    contact: withContact
      ? { email: r.email_enc ? decrypt(ring, r.email_enc) : null, phone: r.phone_enc ? decrypt(ring, r.phone_enc) : null }
      : null,
    credentials: withTraining
      ? (await credentialsOf(tx, r.participant_id)).map((c) => ({ title: c.title, attainedOn: c.attained_on }))
      : null,
    trainings: withTraining
      ? (await completedTrainingOf(tx, r.participant_id)).map((t) => ({ program: t.name, completedOn: t.completed_on }))
      : null,
    status: r.status as ReferralStatus,
    matchScore: r.match_score,
    note: r.note,
    referredOn: r.referred_on,
    interviewingOn: r.interviewing_on,
    offeredOn: r.offered_on,
    closedOn: r.closed_on,
    hourlyWageCents: r.hourly_wage_cents,
    startDate: r.start_date,
    employmentId: r.employment_id,
  };
}

export async function refer(ctx: Context, jobOrderId: string, b: z.output<typeof referralBody>): Promise<CandidateReferral> {
  const id = randomUUID();
  return ctx.tx(async (tx) => {
    const job = await mustSeeJobOrder(ctx, tx, jobOrderId);
    if (job.status !== 'open') {
      throw new AppError('conflict', `This job order is ${job.status}: only open job orders take new referrals.`, [
        { field: 'params.id', code: 'job_order_not_open', message: `The job order is ${job.status}.` },
      ]);
    }
    const participant = await participantForReferral(tx, b.participantId);
    if (!participant || participant.status === 'merged' || participant.status === 'draft') {
      throw invalid('body.participantId', 'No such participant.', 'not_found');
    }
    const { consents, categories } = await consentTo(tx, b.participantId, job.organization_id);
    if (consents.length === 0) {
      throw invalid('body.participantId', 'The participant has not consented to share with this employer.', 'no_consent');
    }
    if (await existingReferral(tx, jobOrderId, b.participantId)) {
      throw new AppError('conflict', 'This participant is already referred to this job order.', [
        { field: 'body.participantId', code: 'already_referred', message: 'Already referred.' },
      ]);
    }
    const ranked = (await rankCandidates(tx, jobOrderId, 100_000)).find((r) => r.participant_id === b.participantId);
    await insertReferral(tx, {
      id,
      tenant_id: ctx.tenantId,
      job_order_id: jobOrderId,
      organization_id: job.organization_id,
      participant_id: b.participantId,
      status: 'referred',
      categories,
      consent_ids: consents.map((c) => c.id),
      match_score: ranked ? Number(ranked.score) : null,
      note: b.note ?? null,
      referred_on: today(),
      referred_by: ctx.principal.userId,
    });
    await insertDisclosures(tx, [
      {
        id: randomUUID(),
        tenant_id: ctx.tenantId,
        participant_id: b.participantId,
        recipient_user_id: null,
        recipient_label: job.employer_name,
        recipient_organization_id: job.organization_id,
        categories,
        consent_ids: consents.map((c) => c.id),
        purpose: [...new Set(consents.map((c) => c.purpose))].join('; '),
        action: 'candidate_referral',
      },
    ]);
    await ctx.audit(tx, {
      action: 'candidate_referral.created',
      entityType: 'participant',
      entityId: b.participantId,
      personalData: true,
      details: { referralId: id, jobOrderId, employerId: job.organization_id, categories },
    });
    return present(ctx, tx, (await findReferral(tx, null, id)) as ReferralRow);
  });
}

export async function listForJobOrder(ctx: Context, jobOrderId: string): Promise<CandidateReferral[]> {
  return ctx.tx(async (tx) => {
    await mustSeeJobOrder(ctx, tx, jobOrderId);
    const rows = await referralsOfJobOrder(tx, jobOrderId);
    const out: CandidateReferral[] = [];
    for (const r of rows) out.push(await present(ctx, tx, r));
    await ctx.audit(tx, {
      action: 'candidate_referral.listed',
      entityType: 'job_order',
      entityId: jobOrderId,
      personalData: true,
      details: { participantIds: out.map((r) => r.participantId) },
    });
    return out;
  });
}

export async function get(ctx: Context, id: string): Promise<CandidateReferral> {
  return ctx.tx(async (tx) => {
    const row = await findReferral(tx, employerScope(ctx.principal), id);
    if (!row) throw notFound('referral');
    await ctx.audit(tx, {
      action: 'candidate_referral.viewed',
      entityType: 'participant',
      entityId: row.participant_id,
      personalData: true,
    });
    return present(ctx, tx, row);
  });
}

export async function decide(ctx: Context, id: string, b: z.output<typeof referralPatch>): Promise<CandidateReferral> {
  return ctx.tx(async (tx) => {
    const row = await findReferral(tx, employerScope(ctx.principal), id);
    if (!row) throw notFound('referral');
    const from = row.status as ReferralStatus;
    if (from === b.status) return present(ctx, tx, row);
    if (!REFERRAL_NEXT[from].includes(b.status)) {
      throw new AppError('conflict', `A referral that is ${from} cannot become ${b.status}.`, [
        { field: 'body.status', code: 'invalid_transition', message: `${from} → ${b.status}` },
      ]);
    }
    const on = b.on ?? today();
    if (on < row.referred_on) throw invalid('body.on', 'The date is before the referral.');
    const patch: Record<string, unknown> = { status: b.status, updated_by: ctx.principal.userId };
    if (b.note !== undefined) patch.note = b.note;
    if (b.status === 'interviewing') patch.interviewing_on = on;
    if (b.status === 'offered') patch.offered_on = on;
    if (b.status === 'hired' || b.status === 'not_selected' || b.status === 'withdrawn') patch.closed_on = on;
    if (b.status === 'hired') {
      // A hire is the employer's verification of a job: it becomes the participant's employment record.
      const job = await mustSeeJobOrder(ctx, tx, row.job_order_id);
      const employer = await employerOrganization(tx, row.organization_id);
      const employmentId = randomUUID();
      const wage = b.hourlyWageCents ?? job.wage_min_cents;
      const start = b.startDate ?? on;
      await insertEmployment(tx, {
        id: employmentId,
        tenant_id: ctx.tenantId,
        participant_id: row.participant_id,
        employer_organization_id: row.organization_id,
        employer_name: employer?.name ?? row.employer_name,
        employer_fein: employer?.ein ?? null,
        job_title: job.title,
        soc_code: job.soc_code,
        naics_code: employer?.naics ?? null,
        start_date: start,
        end_date: null,
        hourly_wage_cents: wage,
        hours_per_week: Number(job.hours_per_week),
        benefits: job.benefits,
        source: 'employer_verification',
        training_related: null,
        created_by: ctx.principal.userId,
      });
      Object.assign(patch, { employment_id: employmentId, hourly_wage_cents: wage, start_date: start });
      await ctx.audit(tx, {
        action: 'employment.recorded',
        entityType: 'participant',
        entityId: row.participant_id,
        details: { employmentId, source: 'employer_verification', referralId: id, socTitle: socTitle(job.soc_code) },
      });
    }
    if (from === 'hired' && row.employment_id) {
      await removeHireEmployment(tx, id, row.employment_id);
      Object.assign(patch, { employment_id: null, hourly_wage_cents: null, start_date: null });
      await ctx.audit(tx, {
        action: 'employment.removed',
        entityType: 'participant',
        entityId: row.participant_id,
        details: { employmentId: row.employment_id, reason: 'hire_withdrawn', referralId: id },
      });
    }
    await updateReferral(tx, id, patch);
    await ctx.audit(tx, {
      action: 'candidate_referral.status_changed',
      entityType: 'participant',
      entityId: row.participant_id,
      details: { referralId: id, from, to: b.status, on },
    });
    if (b.status === 'hired' || from === 'hired') await syncFill(ctx, tx, row.job_order_id);
    return present(ctx, tx, (await findReferral(tx, null, id)) as ReferralRow);
  });
}

// ---- A participant's job-search preferences (employment_wages category)

export async function preference(ctx: Context, participantId: string): Promise<JobPreference> {
  return ctx.tx(async (tx) => {
    await mustSeeCategory(tx, viewerOf(ctx.principal), participantId, 'employment_wages');
    const row = await jobPreferenceOf(tx, participantId);
    await ctx.audit(tx, { action: 'job_preference.viewed', entityType: 'participant', entityId: participantId, personalData: true });
    return {
      participantId,
      socCodes: row?.soc_codes ?? [],
      shifts: (row?.shifts ?? []) as JobPreference['shifts'],
      minHourlyWageCents: row?.min_hourly_wage_cents ?? null,
    };
  });
}

export async function setPreference(ctx: Context, participantId: string, b: z.output<typeof jobPreferenceBody>): Promise<JobPreference> {
  const unknown = b.socCodes.filter((c) => !socTitle(c));
  if (unknown.length) throw invalid('body.socCodes', `Unknown SOC 2018 code: ${unknown.join(', ')}`, 'unknown_code');
  await ctx.tx(async (tx) => {
    await mustEdit(tx, viewerOf(ctx.principal), participantId);
    await upsertJobPreference(tx, {
      participant_id: participantId,
      tenant_id: ctx.tenantId,
      soc_codes: b.socCodes,
      shifts: b.shifts,
      min_hourly_wage_cents: b.minHourlyWageCents ?? null,
      updated_by: ctx.principal.userId,
    });
    await ctx.audit(tx, { action: 'job_preference.set', entityType: 'participant', entityId: participantId });
  });
  return preference(ctx, participantId);
}
