import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type {
  AssessmentTable,
  CaseNoteTable,
  CredentialTable,
  EmploymentTable,
  PlanGoalTable,
  PlanStepTable,
  PlanTable,
  SkillGainTable,
} from '../../db/types.ts';

export function assessmentsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('assessment')
    .select(['id', 'participant_id', 'type', 'instrument', 'assessed_on', 'scores', 'level', 'notes', 'created_at'])
    .where('participant_id', '=', participantId)
    .orderBy('assessed_on', 'desc')
    .orderBy('id')
    .execute();
}
export async function insertAssessment(db: Executor, row: Insertable<AssessmentTable>) {
  await db.insertInto('assessment').values(row).execute();
}

export function plansOf(db: Executor, participantId: string) {
  return db
    .selectFrom('plan')
    .select(['id', 'participant_id', 'title', 'status', 'created_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}
export function goalsOf(db: Executor, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plan_goal')
    .select(['id', 'plan_id', 'description', 'soc_code', 'target_date', 'status', 'created_at'])
    .where('plan_id', 'in', planIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export function stepsOf(db: Executor, goalIds: string[]) {
  if (goalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plan_step')
    .select(['id', 'goal_id', 'description', 'due_date', 'status', 'completed_at', 'created_at'])
    .where('goal_id', 'in', goalIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export async function insertPlan(
  db: Executor,
  plan: Insertable<PlanTable>,
  goals: Insertable<PlanGoalTable>[],
  steps: Insertable<PlanStepTable>[],
) {
  await db.insertInto('plan').values(plan).execute();
  if (goals.length) await db.insertInto('plan_goal').values(goals).execute();
  if (steps.length) await db.insertInto('plan_step').values(steps).execute();
}
export function findStep(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('plan_step')
    .select(['id', 'status'])
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function updateStep(db: Executor, id: string, patch: Updateable<PlanStepTable>) {
  await db.updateTable('plan_step').set(patch).where('id', '=', id).execute();
}
export function findGoal(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('plan_goal')
    .select(['id', 'plan_id'])
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export async function updateGoal(db: Executor, id: string, patch: Updateable<PlanGoalTable>) {
  await db.updateTable('plan_goal').set(patch).where('id', '=', id).execute();
}
export async function addStep(db: Executor, row: Insertable<PlanStepTable>) {
  await db.insertInto('plan_step').values(row).execute();
}

/** Open plan steps due by `until`, of the given owners' participants (null: all). */
export async function dueSteps(db: Executor, ownerOrgIds: string[] | null, until: string, limit = 100) {
  if (ownerOrgIds && ownerOrgIds.length === 0) return [];
  let q = db
    .selectFrom('plan_step')
    .innerJoin('participant', 'participant.id', 'plan_step.participant_id')
    .select([
      'plan_step.id',
      'plan_step.participant_id',
      'plan_step.description',
      'plan_step.due_date',
      'participant.first_name',
      'participant.last_name',
    ])
    .where('plan_step.status', '=', 'open')
    .where('plan_step.due_date', '<=', until);
  if (ownerOrgIds) q = q.where('participant.owner_organization_id', 'in', ownerOrgIds);
  return q.orderBy('plan_step.due_date').orderBy('plan_step.id').limit(limit).execute();
}

export function credentialsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('credential')
    .select(['id', 'participant_id', 'type', 'title', 'issuer', 'attained_on', 'training_enrollment_id', 'created_at'])
    .where('participant_id', '=', participantId)
    .orderBy('attained_on', 'desc')
    .orderBy('id')
    .execute();
}
export async function insertCredential(db: Executor, row: Insertable<CredentialTable>) {
  await db.insertInto('credential').values(row).execute();
}

export function skillGainsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('skill_gain')
    .select(['id', 'participant_id', 'type', 'achieved_on', 'description', 'training_enrollment_id', 'created_at'])
    .where('participant_id', '=', participantId)
    .orderBy('achieved_on', 'desc')
    .orderBy('id')
    .execute();
}
export async function insertSkillGain(db: Executor, row: Insertable<SkillGainTable>) {
  await db.insertInto('skill_gain').values(row).execute();
}

export function enrollmentOf(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('training_enrollment')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function employmentOf(db: Executor, participantId: string) {
  return db
    .selectFrom('employment')
    .select([
      'id',
      'participant_id',
      'employer_organization_id',
      'employer_name',
      'employer_fein',
      'job_title',
      'soc_code',
      'naics_code',
      'start_date',
      'end_date',
      'hourly_wage_cents',
      'hours_per_week',
      'benefits',
      'source',
      'training_related',
      'created_at',
    ])
    .where('participant_id', '=', participantId)
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .execute();
}
/** One employment record, or many in one statement (the demo seed). */
export async function insertEmployment(db: Executor, rows: Insertable<EmploymentTable> | Insertable<EmploymentTable>[]) {
  if (Array.isArray(rows) && rows.length === 0) return;
  await db.insertInto('employment').values(rows).execute();
}
export function organization(db: Executor, id: string) {
  return db.selectFrom('organization').select(['id', 'name', 'ein']).where('id', '=', id).executeTakeFirst();
}

export function notesOf(db: Executor, participantId: string) {
  return db
    .selectFrom('case_note')
    .innerJoin('organization', 'organization.id', 'case_note.author_organization_id')
    .select([
      'case_note.id',
      'case_note.participant_id',
      'case_note.author_label',
      'case_note.author_organization_id',
      'organization.name as organization_name',
      'case_note.body_enc',
      'case_note.created_at',
      'case_note.updated_at',
    ])
    .where('case_note.participant_id', '=', participantId)
    .orderBy('case_note.created_at', 'desc')
    .orderBy('case_note.id')
    .limit(500)
    .execute();
}
export async function insertNote(db: Executor, row: Insertable<CaseNoteTable>) {
  await db.insertInto('case_note').values(row).execute();
}
