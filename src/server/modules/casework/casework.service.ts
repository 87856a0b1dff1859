import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type assessment,
  type assessmentBody,
  type CaseNote,
  type credential,
  type credentialBody,
  type employmentBody,
  type employmentRecord,
  type Plan,
  type planBody,
  type planStepBody,
  SKILL_GAIN_TYPES,
  type skillGain,
  type skillGainBody,
} from '../../../shared/schemas/casework.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { naicsTitle, socTitle } from '../codes/codes.service.ts';
import { recordRelease } from '../consent/consent.service.ts';
import { mustAccess, viewerOf } from '../participants/participants.policy.ts';
import { coveringConsents } from '../participants/participants.queries.ts';
import { openForRead, openForWrite } from '../participants/participants.service.ts';
import {
  addStep,
  assessmentsOf,
  credentialsOf,
  employmentOf,
  enrollmentOf,
  findGoal,
  findStep,
  goalsOf,
  insertAssessment,
  insertCredential,
  insertEmployment,
  insertNote,
  insertPlan,
  insertSkillGain,
  notesOf,
  organization,
  plansOf,
  skillGainsOf,
  stepsOf,
  updateGoal,
  updateStep,
} from './casework.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const invalid = (field: string, message: string) => new AppError('validation_failed', message, [{ field, code: 'invalid', message }]);

// ---- Assessments

export async function assessments(ctx: Context, participantId: string): Promise<z.input<typeof assessment>[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'assessments', 'assessment');
    return (await assessmentsOf(tx, participantId)).map((r) => ({
      id: r.id,
      participantId: r.participant_id,
      type: r.type as never,
      instrument: r.instrument,
      assessedOn: r.assessed_on,
      scores: r.scores,
      level: r.level,
      notes: r.notes,
      createdAt: iso(r.created_at),
    }));
  });
}

export async function addAssessment(ctx: Context, participantId: string, b: z.output<typeof assessmentBody>) {
  await ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const id = randomUUID();
    await insertAssessment(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      type: b.type,
      instrument: b.instrument ?? null,
      assessed_on: b.assessedOn,
      scores: JSON.stringify(b.scores),
      level: b.level ?? null,
      notes: b.notes ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'assessment.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: { assessmentId: id, type: b.type },
    });
  });
  return (await assessments(ctx, participantId))[0];
}

// ---- Plans with goals (SOC 2018) and steps

async function loadPlans(tx: Tx, participantId: string): Promise<Plan[]> {
  const plans = await plansOf(tx, participantId);
  const goals = await goalsOf(
    tx,
    plans.map((p) => p.id),
  );
  const steps = await stepsOf(
    tx,
    goals.map((g) => g.id),
  );
  return plans.map((p) => ({
    id: p.id,
    participantId: p.participant_id,
    title: p.title,
    status: p.status,
    createdAt: iso(p.created_at),
    goals: goals
      .filter((g) => g.plan_id === p.id)
      .map((g) => ({
        id: g.id,
        description: g.description,
        socCode: g.soc_code,
        socTitle: socTitle(g.soc_code),
        targetDate: g.target_date,
        status: g.status,
        steps: steps
          .filter((s) => s.goal_id === g.id)
          .map((s) => ({
            id: s.id,
            description: s.description,
            dueDate: s.due_date,
            status: s.status,
            completedAt: s.completed_at ? iso(s.completed_at) : null,
          })),
      })),
  }));
}

export async function plans(ctx: Context, participantId: string): Promise<Plan[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'assessments', 'plan');
    return loadPlans(tx, participantId);
  });
}

export async function addPlan(ctx: Context, participantId: string, b: z.output<typeof planBody>): Promise<Plan> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    for (const [i, g] of b.goals.entries())
      if (g.socCode && !socTitle(g.socCode)) throw invalid(`body.goals.${i}.socCode`, 'Unknown SOC 2018 code.');
    const planId = randomUUID();
    const goals = b.goals.map((g) => ({
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      plan_id: planId,
      participant_id: participantId,
      description: g.description,
      soc_code: g.socCode ?? null,
      target_date: g.targetDate ?? null,
      status: 'open' as const,
    }));
    const steps = b.goals.flatMap((g, i) =>
      g.steps.map((s) => ({
        id: randomUUID(),
        tenant_id: ctx.tenantId,
        goal_id: goals[i].id,
        participant_id: participantId,
        description: s.description,
        due_date: s.dueDate ?? null,
        status: 'open' as const,
      })),
    );
    await insertPlan(
      tx,
      {
        id: planId,
        tenant_id: ctx.tenantId,
        participant_id: participantId,
        title: b.title,
        status: 'active',
        created_by: ctx.principal.userId,
      },
      goals,
      steps,
    );
    await ctx.audit(tx, {
      action: 'plan.created',
      entityType: 'participant',
      entityId: participantId,
      details: { planId, goals: goals.length, steps: steps.length },
    });
    return (await loadPlans(tx, participantId)).find((p) => p.id === planId)!;
  });
}

export async function changeStep(
  ctx: Context,
  participantId: string,
  stepId: string,
  b: { status?: 'open' | 'done' | 'dropped'; dueDate?: string | null },
): Promise<Plan[]> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (!(await findStep(tx, participantId, stepId))) throw notFound('plan step');
    await updateStep(tx, stepId, {
      ...(b.status ? { status: b.status, completed_at: b.status === 'done' ? new Date() : null } : {}),
      ...(b.dueDate !== undefined ? { due_date: b.dueDate } : {}),
    });
    await ctx.audit(tx, { action: 'plan.step_changed', entityType: 'participant', entityId: participantId, details: { stepId, ...b } });
    return loadPlans(tx, participantId);
  });
}

export async function changeGoal(
  ctx: Context,
  participantId: string,
  goalId: string,
  status: 'open' | 'achieved' | 'dropped',
): Promise<Plan[]> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (!(await findGoal(tx, participantId, goalId))) throw notFound('plan goal');
    await updateGoal(tx, goalId, { status });
    await ctx.audit(tx, { action: 'plan.goal_changed', entityType: 'participant', entityId: participantId, details: { goalId, status } });
    return loadPlans(tx, participantId);
  });
}

export async function addPlanStep(ctx: Context, participantId: string, goalId: string, b: z.output<typeof planStepBody>): Promise<Plan[]> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (!(await findGoal(tx, participantId, goalId))) throw notFound('plan goal');
    const id = randomUUID();
    await addStep(tx, {
      id,
      tenant_id: ctx.tenantId,
      goal_id: goalId,
      participant_id: participantId,
      description: b.description,
      due_date: b.dueDate ?? null,
      status: 'open',
    });
    await ctx.audit(tx, { action: 'plan.step_added', entityType: 'participant', entityId: participantId, details: { goalId, stepId: id } });
    return loadPlans(tx, participantId);
  });
}

// ---- Credentials (PIRL 1800/1801) and measurable skill gains (PIRL 1806-1810)

export async function credentials(ctx: Context, participantId: string): Promise<z.input<typeof credential>[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'education_training', 'credential');
    return (await credentialsOf(tx, participantId)).map((r) => ({
      id: r.id,
      participantId: r.participant_id,
      type: r.type as never,
      title: r.title,
      issuer: r.issuer,
      attainedOn: r.attained_on,
      trainingEnrollmentId: r.training_enrollment_id,
      createdAt: iso(r.created_at),
    }));
  });
}

export async function addCredential(ctx: Context, participantId: string, b: z.output<typeof credentialBody>) {
  await ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (b.trainingEnrollmentId && !(await enrollmentOf(tx, participantId, b.trainingEnrollmentId)))
      throw invalid('body.trainingEnrollmentId', 'No such enrollment.');
    const id = randomUUID();
    await insertCredential(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      type: b.type,
      title: b.title,
      issuer: b.issuer ?? null,
      attained_on: b.attainedOn,
      training_enrollment_id: b.trainingEnrollmentId ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'credential.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: { credentialId: id, type: b.type },
    });
  });
  return (await credentials(ctx, participantId))[0];
}

export async function skillGains(ctx: Context, participantId: string): Promise<z.input<typeof skillGain>[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'education_training', 'skill_gain');
    return (await skillGainsOf(tx, participantId)).map((r) => ({
      id: r.id,
      participantId: r.participant_id,
      type: r.type as keyof typeof SKILL_GAIN_TYPES,
      pirlElement: SKILL_GAIN_TYPES[r.type as keyof typeof SKILL_GAIN_TYPES],
      achievedOn: r.achieved_on,
      description: r.description,
      trainingEnrollmentId: r.training_enrollment_id,
      createdAt: iso(r.created_at),
    }));
  });
}

export async function addSkillGain(ctx: Context, participantId: string, b: z.output<typeof skillGainBody>) {
  await ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (b.trainingEnrollmentId && !(await enrollmentOf(tx, participantId, b.trainingEnrollmentId)))
      throw invalid('body.trainingEnrollmentId', 'No such enrollment.');
    const id = randomUUID();
    await insertSkillGain(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      type: b.type,
      achieved_on: b.achievedOn,
      description: b.description ?? null,
      training_enrollment_id: b.trainingEnrollmentId ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'skill_gain.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: { skillGainId: id, type: b.type },
    });
  });
  return (await skillGains(ctx, participantId))[0];
}

// ---- Employment

export async function employment(ctx: Context, participantId: string): Promise<z.input<typeof employmentRecord>[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'employment_wages', 'employment');
    return (await employmentOf(tx, participantId)).map((r) => ({
      id: r.id,
      participantId: r.participant_id,
      employerOrganizationId: r.employer_organization_id,
      employerName: r.employer_name,
      employerFein: r.employer_fein,
      jobTitle: r.job_title,
      socCode: r.soc_code,
      socTitle: socTitle(r.soc_code),
      naicsCode: r.naics_code,
      startDate: r.start_date,
      endDate: r.end_date,
      hourlyWageCents: r.hourly_wage_cents,
      hoursPerWeek: r.hours_per_week === null ? null : Number(r.hours_per_week),
      benefits: r.benefits as never,
      source: r.source,
      trainingRelated: r.training_related,
      createdAt: iso(r.created_at),
    }));
  });
}

export async function addEmployment(ctx: Context, participantId: string, b: z.output<typeof employmentBody>) {
  await ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    if (b.socCode && !socTitle(b.socCode)) throw invalid('body.socCode', 'Unknown SOC 2018 code.');
    if (b.naicsCode && !naicsTitle(b.naicsCode)) throw invalid('body.naicsCode', 'Unknown NAICS 2022 code.');
    if (b.endDate && b.endDate < b.startDate) throw invalid('body.endDate', 'The job ends before it starts.');
    const employer = b.employerOrganizationId ? await organization(tx, b.employerOrganizationId) : null;
    if (b.employerOrganizationId && !employer) throw invalid('body.employerOrganizationId', 'No such organization.');
    const id = randomUUID();
    await insertEmployment(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      employer_organization_id: employer?.id ?? null,
      employer_name: b.employerName ?? employer?.name ?? '',
      employer_fein: b.employerFein ?? employer?.ein ?? null,
      job_title: b.jobTitle ?? null,
      soc_code: b.socCode ?? null,
      naics_code: b.naicsCode ?? null,
      start_date: b.startDate,
      end_date: b.endDate ?? null,
      hourly_wage_cents: b.hourlyWageCents ?? null,
      hours_per_week: b.hoursPerWeek ?? null,
      benefits: b.benefits,
      source: b.source,
      training_related: b.trainingRelated ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'employment.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: { employmentId: id, source: b.source },
    });
  });
  return (await employment(ctx, participantId))[0];
}

// ---- Case notes: the author's organization, or a reader whose organization the participant consented to share notes with.

export async function notes(ctx: Context, participantId: string): Promise<CaseNote[]> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustAccess(tx, viewer, participantId);
    const myOrgs = new Set(ctx.principal.organizationIds);
    const consented = (await coveringConsents(tx, participantId, viewer.recipientOrgIds)).some((c) => c.categories.includes('case_notes'));
    const rows = (await notesOf(tx, participantId)).filter((r) => myOrgs.has(r.author_organization_id) || consented);
    if (access.basis === 'consent' && !access.categories.includes('case_notes')) throw notFound('participant');
    await ctx.audit(tx, {
      action: 'case_note.viewed',
      entityType: 'participant',
      entityId: participantId,
      personalData: true,
      details: { count: rows.length, basis: access.basis },
    });
    const foreign = rows.filter((r) => !myOrgs.has(r.author_organization_id));
    if (foreign.length > 0)
      await recordRelease(
        ctx,
        tx,
        viewer,
        { ...access, basis: access.basis === 'owner' ? 'consent' : access.basis },
        ['case_notes'],
        'viewed case notes',
      );
    return rows.map((r) => ({
      id: r.id,
      participantId: r.participant_id,
      author: r.author_label,
      authorOrganization: { id: r.author_organization_id, name: r.organization_name },
      body: decrypt(ctx.services.keyring, r.body_enc),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    }));
  });
}

export async function addNote(ctx: Context, participantId: string, body: string): Promise<CaseNote> {
  const id = randomUUID();
  await ctx.tx(async (tx) => {
    const access = await openForWrite(ctx, tx, participantId);
    const authorOrg = ctx.principal.organizationIds.includes(access.ownerOrganizationId)
      ? access.ownerOrganizationId
      : ctx.principal.organizationIds[0];
    if (!authorOrg) throw notFound('participant');
    await insertNote(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      author_user_id: ctx.principal.userId,
      author_label: ctx.principal.name,
      author_organization_id: authorOrg,
      body_enc: encrypt(ctx.services.keyring, body),
    });
    await ctx.audit(tx, {
      action: 'case_note.added',
      entityType: 'participant',
      entityId: participantId,
      details: { noteId: id, authorOrganizationId: authorOrg },
    });
  });
  const all = await notes(ctx, participantId);
  return all.find((n) => n.id === id)!;
}
