import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { CohortTable, TrainingEnrollmentTable, TrainingProgramTable } from '../../db/types.ts';
import { whereOrganizationInInitiative } from '../../platform/initiative-scope.ts';

const PROGRAM_COLUMNS = [
  'training_program.id',
  'training_program.provider_organization_id',
  'training_program.name',
  'training_program.cip_code',
  'training_program.target_soc_codes',
  'training_program.credential_offered',
  'training_program.credential_type',
  'training_program.hours',
  'training_program.cost_cents',
  'training_program.modality',
  'training_program.schedule',
  'training_program.active',
  'training_program.created_at',
] as const;

export interface ProgramFilter {
  providerId?: string;
  q?: string;
  active?: boolean;
  initiativeId?: string;
}

export function listPrograms(db: Executor, filter: ProgramFilter) {
  let q = db
    .selectFrom('training_program')
    .innerJoin('organization', 'organization.id', 'training_program.provider_organization_id')
    .select(PROGRAM_COLUMNS)
    .select('organization.name as provider_name');
  if (filter.providerId) q = q.where('training_program.provider_organization_id', '=', filter.providerId);
  if (filter.active !== undefined) q = q.where('training_program.active', '=', filter.active);
  if (filter.q) q = q.where('training_program.name', 'ilike', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
  q = whereOrganizationInInitiative(q, 'training_program.provider_organization_id', filter.initiativeId);
  return q.orderBy('training_program.name').orderBy('training_program.id');
}
export type ProgramRow = Awaited<ReturnType<ReturnType<typeof listPrograms>['execute']>>[number];

export function findProgram(db: Executor, id: string) {
  return listPrograms(db, {}).where('training_program.id', '=', id).executeTakeFirst();
}

export async function insertProgram(db: Executor, row: Insertable<TrainingProgramTable>) {
  await db.insertInto('training_program').values(row).execute();
}

export async function updateProgram(db: Executor, id: string, patch: Updateable<TrainingProgramTable>) {
  await db
    .updateTable('training_program')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

function cohorts(db: Executor) {
  return db
    .selectFrom('cohort')
    .innerJoin('training_program', 'training_program.id', 'cohort.training_program_id')
    .select([
      'cohort.id',
      'cohort.training_program_id',
      'training_program.name as program_name',
      'cohort.name',
      'cohort.start_date',
      'cohort.end_date',
      'cohort.capacity',
      'cohort.created_at',
    ])
    .select(
      sql<number>`(SELECT count(*) FROM training_enrollment te WHERE te.cohort_id = cohort.id AND te.status <> 'withdrawn')`.as('enrolled'),
    );
}
export type CohortRow = Awaited<ReturnType<ReturnType<typeof cohorts>['execute']>>[number];

export function cohortsOf(db: Executor, programId: string) {
  return cohorts(db)
    .where('cohort.training_program_id', '=', programId)
    .orderBy('cohort.start_date', 'desc')
    .orderBy('cohort.id')
    .execute();
}

export function findCohort(db: Executor, id: string) {
  return cohorts(db).where('cohort.id', '=', id).executeTakeFirst();
}

export async function insertCohort(db: Executor, row: Insertable<CohortTable>) {
  await db.insertInto('cohort').values(row).execute();
}

/** Locks the cohort row so two enrollments cannot both take its last seat. */
export async function lockCohort(db: Executor, id: string) {
  await sql`SELECT id FROM cohort WHERE id = ${id} FOR UPDATE`.execute(db);
}

function enrollments(db: Executor) {
  return db
    .selectFrom('training_enrollment')
    .innerJoin('training_program', 'training_program.id', 'training_enrollment.training_program_id')
    .leftJoin('cohort', 'cohort.id', 'training_enrollment.cohort_id')
    .select([
      'training_enrollment.id',
      'training_enrollment.participant_id',
      'training_enrollment.training_program_id',
      'training_program.name as program_name',
      'training_enrollment.cohort_id',
      'cohort.name as cohort_name',
      'training_enrollment.status',
      'training_enrollment.enrolled_on',
      'training_enrollment.completed_on',
      'training_enrollment.withdrawn_on',
      'training_enrollment.created_at',
    ]);
}
export type EnrollmentRow = Awaited<ReturnType<ReturnType<typeof enrollments>['execute']>>[number];

export function enrollmentsOf(db: Executor, participantId: string) {
  return enrollments(db)
    .where('training_enrollment.participant_id', '=', participantId)
    .orderBy('training_enrollment.enrolled_on', 'desc')
    .orderBy('training_enrollment.id')
    .execute();
}

export function findEnrollment(db: Executor, participantId: string, id: string) {
  return enrollments(db)
    .where('training_enrollment.participant_id', '=', participantId)
    .where('training_enrollment.id', '=', id)
    .executeTakeFirst();
}

export function enrollmentInCohort(db: Executor, participantId: string, cohortId: string) {
  return db
    .selectFrom('training_enrollment')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('cohort_id', '=', cohortId)
    .executeTakeFirst();
}

export function cohortRoster(db: Executor, cohortId: string) {
  return db
    .selectFrom('training_enrollment')
    .innerJoin('participant', 'participant.id', 'training_enrollment.participant_id')
    .select([
      'training_enrollment.id',
      'training_enrollment.participant_id',
      'participant.first_name',
      'participant.last_name',
      'training_enrollment.status',
      'training_enrollment.enrolled_on',
      'training_enrollment.completed_on',
    ])
    .where('training_enrollment.cohort_id', '=', cohortId)
    .orderBy('participant.last_name')
    .orderBy('participant.first_name')
    .orderBy('training_enrollment.id')
    .execute();
}

export async function insertEnrollment(db: Executor, row: Insertable<TrainingEnrollmentTable>) {
  await db.insertInto('training_enrollment').values(row).execute();
}

export async function updateEnrollment(db: Executor, id: string, patch: Updateable<TrainingEnrollmentTable>) {
  await db.updateTable('training_enrollment').set(patch).where('id', '=', id).execute();
}

export function organizationExists(db: Executor, id: string) {
  return db.selectFrom('organization').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}
