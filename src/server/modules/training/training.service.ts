import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  Cohort,
  cohortBody,
  Enrollment,
  TrainingProgram,
  trainingProgramBody,
  trainingProgramPatch,
} from '../../../shared/schemas/casework.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { socTitle } from '../codes/codes.service.ts';
import { accessTo, viewerOf } from '../participants/participants.policy.ts';
import { openForRead, openForWrite } from '../participants/participants.service.ts';
import {
  type CohortRow,
  cohortRoster,
  cohortsOf,
  type EnrollmentRow,
  enrollmentInCohort,
  enrollmentsOf,
  findCohort,
  findEnrollment,
  findProgram,
  insertCohort,
  insertEnrollment,
  insertProgram,
  listPrograms,
  lockCohort,
  organizationExists,
  type ProgramFilter,
  type ProgramRow,
  updateEnrollment,
  updateProgram,
} from './training.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function presentProgram(r: ProgramRow): TrainingProgram {
  return {
    id: r.id,
    provider: { id: r.provider_organization_id, name: r.provider_name },
    name: r.name,
    cipCode: r.cip_code,
    targetSocCodes: r.target_soc_codes,
    credentialOffered: r.credential_offered,
    credentialType: r.credential_type as TrainingProgram['credentialType'],
    hours: r.hours,
    costCents: r.cost_cents,
    modality: r.modality,
    schedule: r.schedule,
    active: r.active,
    createdAt: iso(r.created_at),
  };
}

function presentCohort(r: CohortRow): Cohort {
  return {
    id: r.id,
    trainingProgramId: r.training_program_id,
    trainingProgramName: r.program_name,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    capacity: r.capacity,
    enrolled: Number(r.enrolled),
    createdAt: iso(r.created_at),
  };
}

function presentEnrollment(r: EnrollmentRow): Enrollment {
  return {
    id: r.id,
    participantId: r.participant_id,
    trainingProgram: { id: r.training_program_id, name: r.program_name },
    cohort: r.cohort_id ? { id: r.cohort_id, name: r.cohort_name ?? '' } : null,
    status: r.status,
    enrolledOn: r.enrolled_on,
    completedOn: r.completed_on,
    withdrawnOn: r.withdrawn_on,
    createdAt: iso(r.created_at),
  };
}

function checkSocs(codes: string[] | undefined) {
  const unknown = (codes ?? []).filter((c) => !socTitle(c));
  if (unknown.length) {
    throw new AppError('validation_failed', 'Unknown SOC 2018 code.', [
      { field: 'body.targetSocCodes', code: 'unknown_code', message: unknown.join(', ') },
    ]);
  }
}

export async function listProgramsFor(ctx: Context, filter: ProgramFilter): Promise<TrainingProgram[]> {
  const rows = await ctx.tx((tx) => listPrograms(tx, filter).limit(500).execute());
  return rows.map(presentProgram);
}

export async function getProgram(ctx: Context, id: string): Promise<TrainingProgram> {
  const row = await ctx.tx((tx) => findProgram(tx, id));
  if (!row) throw notFound('training program');
  return presentProgram(row);
}

export async function createProgramIn(
  ctx: { tenantId: string; audit: Context['audit'] },
  tx: Tx,
  b: z.output<typeof trainingProgramBody>,
): Promise<string> {
  checkSocs(b.targetSocCodes);
  if (!(await organizationExists(tx, b.providerOrganizationId))) {
    throw new AppError('validation_failed', 'No such organization.', [
      { field: 'body.providerOrganizationId', code: 'not_found', message: 'No such organization.' },
    ]);
  }
  const id = randomUUID();
  await insertProgram(tx, {
    id,
    tenant_id: ctx.tenantId,
    provider_organization_id: b.providerOrganizationId,
    name: b.name,
    cip_code: b.cipCode ?? null,
    target_soc_codes: b.targetSocCodes,
    credential_offered: b.credentialOffered ?? null,
    credential_type: b.credentialType ?? null,
    hours: b.hours ?? null,
    cost_cents: b.costCents ?? null,
    modality: b.modality,
    schedule: b.schedule ?? null,
  });
  await ctx.audit(tx, { action: 'training_program.created', entityType: 'training_program', entityId: id, details: { name: b.name } });
  return id;
}

export async function createProgram(ctx: Context, b: z.output<typeof trainingProgramBody>): Promise<TrainingProgram> {
  const id = await ctx.tx((tx) => createProgramIn(ctx, tx, b));
  return getProgram(ctx, id);
}

export async function updateProgramFor(ctx: Context, id: string, b: z.output<typeof trainingProgramPatch>): Promise<TrainingProgram> {
  await ctx.tx(async (tx) => {
    if (!(await findProgram(tx, id))) throw notFound('training program');
    checkSocs(b.targetSocCodes);
    if (b.providerOrganizationId && !(await organizationExists(tx, b.providerOrganizationId))) {
      throw new AppError('validation_failed', 'No such organization.', [
        { field: 'body.providerOrganizationId', code: 'not_found', message: 'No such organization.' },
      ]);
    }
    const patch = Object.fromEntries(
      Object.entries({
        provider_organization_id: b.providerOrganizationId,
        name: b.name,
        cip_code: b.cipCode,
        target_soc_codes: b.targetSocCodes,
        credential_offered: b.credentialOffered,
        credential_type: b.credentialType,
        hours: b.hours,
        cost_cents: b.costCents,
        modality: b.modality,
        schedule: b.schedule,
        active: b.active,
      }).filter(([, v]) => v !== undefined),
    );
    await updateProgram(tx, id, patch);
    await ctx.audit(tx, {
      action: 'training_program.updated',
      entityType: 'training_program',
      entityId: id,
      details: { fields: Object.keys(patch) },
    });
  });
  return getProgram(ctx, id);
}

export async function cohorts(ctx: Context, programId: string): Promise<Cohort[]> {
  return ctx.tx(async (tx) => {
    if (!(await findProgram(tx, programId))) throw notFound('training program');
    return (await cohortsOf(tx, programId)).map(presentCohort);
  });
}

export async function createCohortIn(
  ctx: { tenantId: string; audit: Context['audit'] },
  tx: Tx,
  programId: string,
  b: z.output<typeof cohortBody>,
): Promise<string> {
  if (!(await findProgram(tx, programId))) throw notFound('training program');
  if (b.endDate && b.endDate < b.startDate) {
    throw new AppError('validation_failed', 'The cohort ends before it starts.', [
      { field: 'body.endDate', code: 'out_of_range', message: 'Ends before it starts.' },
    ]);
  }
  const id = randomUUID();
  await insertCohort(tx, {
    id,
    tenant_id: ctx.tenantId,
    training_program_id: programId,
    name: b.name,
    start_date: b.startDate,
    end_date: b.endDate ?? null,
    capacity: b.capacity ?? null,
  });
  await ctx.audit(tx, { action: 'cohort.created', entityType: 'cohort', entityId: id, details: { programId, name: b.name } });
  return id;
}

export async function createCohort(ctx: Context, programId: string, b: z.output<typeof cohortBody>): Promise<Cohort> {
  return ctx.tx(async (tx) => presentCohort((await findCohort(tx, await createCohortIn(ctx, tx, programId, b)))!));
}

export async function getCohort(ctx: Context, id: string): Promise<Cohort> {
  const row = await ctx.tx((tx) => findCohort(tx, id));
  if (!row) throw notFound('cohort');
  return presentCohort(row);
}

/** The cohort's roster: only the participants the caller may see (and may see training data of). */
export async function roster(ctx: Context, cohortId: string) {
  return ctx.tx(async (tx) => {
    if (!(await findCohort(tx, cohortId))) throw notFound('cohort');
    const viewer = viewerOf(ctx.principal);
    const out = [];
    for (const r of await cohortRoster(tx, cohortId)) {
      const access = await accessTo(tx, viewer, r.participant_id);
      if (!access?.categories.includes('education_training')) continue;
      out.push({
        enrollmentId: r.id,
        participantId: r.participant_id,
        firstName: r.first_name,
        lastName: r.last_name,
        status: r.status,
        enrolledOn: r.enrolled_on,
        completedOn: r.completed_on,
      });
    }
    await ctx.audit(tx, {
      action: 'cohort.roster_viewed',
      entityType: 'cohort',
      entityId: cohortId,
      personalData: true,
      details: { count: out.length },
    });
    return out;
  });
}

// ---- Enrollments (PIRL 1811 date enrolled, 1813 date completed)

export async function enrollmentsFor(ctx: Context, participantId: string): Promise<Enrollment[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'education_training', 'training_enrollment');
    return (await enrollmentsOf(tx, participantId)).map(presentEnrollment);
  });
}

export async function enroll(
  ctx: Context,
  participantId: string,
  b: { cohortId?: string; trainingProgramId?: string; enrolledOn: string },
): Promise<Enrollment> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    let programId = b.trainingProgramId;
    if (b.cohortId) {
      await lockCohort(tx, b.cohortId);
      const cohort = await findCohort(tx, b.cohortId);
      if (!cohort) throw notFound('cohort');
      if (await enrollmentInCohort(tx, participantId, b.cohortId)) throw new AppError('conflict', 'Already enrolled in this cohort.');
      if (cohort.capacity !== null && Number(cohort.enrolled) >= cohort.capacity) throw new AppError('conflict', 'This cohort is full.');
      programId = cohort.training_program_id;
    } else if (!programId || !(await findProgram(tx, programId))) {
      throw notFound('training program');
    }
    const id = randomUUID();
    await insertEnrollment(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      training_program_id: programId as string,
      cohort_id: b.cohortId ?? null,
      status: 'enrolled',
      enrolled_on: b.enrolledOn,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'training.enrolled',
      entityType: 'participant',
      entityId: participantId,
      details: { enrollmentId: id, cohortId: b.cohortId ?? null, programId },
    });
    return presentEnrollment((await findEnrollment(tx, participantId, id))!);
  });
}

export async function setEnrollmentStatus(
  ctx: Context,
  participantId: string,
  id: string,
  b: { status: 'enrolled' | 'completed' | 'withdrawn'; on: string },
): Promise<Enrollment> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const row = await findEnrollment(tx, participantId, id);
    if (!row) throw notFound('enrollment');
    if (b.on < row.enrolled_on) {
      throw new AppError('validation_failed', 'The date is before enrollment.', [
        { field: 'body.on', code: 'out_of_range', message: 'Before enrollment.' },
      ]);
    }
    await updateEnrollment(tx, id, {
      status: b.status,
      completed_on: b.status === 'completed' ? b.on : null,
      withdrawn_on: b.status === 'withdrawn' ? b.on : null,
    });
    await ctx.audit(tx, {
      action: 'training.status_changed',
      entityType: 'participant',
      entityId: participantId,
      details: { enrollmentId: id, status: b.status, on: b.on },
    });
    return presentEnrollment((await findEnrollment(tx, participantId, id))!);
  });
}
