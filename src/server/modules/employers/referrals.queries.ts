import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { CandidateReferralTable, JobPreferenceTable } from '../../db/types.demand.ts';

function referrals(db: Executor) {
  return db
    .selectFrom('candidate_referral')
    .innerJoin('job_order', 'job_order.id', 'candidate_referral.job_order_id')
    .innerJoin('organization', 'organization.id', 'candidate_referral.organization_id')
    .innerJoin('participant', 'participant.id', 'candidate_referral.participant_id')
    .select([
      'candidate_referral.id',
      'candidate_referral.job_order_id',
      'job_order.title as job_title',
      'candidate_referral.organization_id',
      'organization.name as employer_name',
      'candidate_referral.participant_id',
      'participant.first_name',
      'participant.last_name',
      'participant.email_enc',
      'participant.phone_enc',
      'candidate_referral.status',
      'candidate_referral.categories',
      'candidate_referral.match_score',
      'candidate_referral.note',
      'candidate_referral.referred_on',
      'candidate_referral.interviewing_on',
      'candidate_referral.offered_on',
      'candidate_referral.closed_on',
      'candidate_referral.hourly_wage_cents',
      'candidate_referral.start_date',
      'candidate_referral.employment_id',
    ]);
}
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referrals>['execute']>>[number];

export function referralsOfJobOrder(db: Executor, jobOrderId: string) {
  return referrals(db)
    .where('candidate_referral.job_order_id', '=', jobOrderId)
    .orderBy('candidate_referral.referred_on', 'desc')
    .orderBy('candidate_referral.id')
    .execute();
}

/** A referral within the caller's employer scope (null scope: any). */
export function findReferral(db: Executor, scope: string[] | null, id: string) {
  let q = referrals(db).where('candidate_referral.id', '=', id);
  if (scope) q = scope.length ? q.where('candidate_referral.organization_id', 'in', scope) : q.where(sql<boolean>`false`);
  return q.executeTakeFirst();
}

export function existingReferral(db: Executor, jobOrderId: string, participantId: string) {
  return db
    .selectFrom('candidate_referral')
    .select('id')
    .where('job_order_id', '=', jobOrderId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** One referral, or many in one statement (the demo seed). */
export async function insertReferral(db: Executor, rows: Insertable<CandidateReferralTable> | Insertable<CandidateReferralTable>[]) {
  if (Array.isArray(rows) && rows.length === 0) return;
  await db.insertInto('candidate_referral').values(rows).execute();
}
export async function updateReferral(db: Executor, id: string, patch: Updateable<CandidateReferralTable>) {
  await db
    .updateTable('candidate_referral')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The job a withdrawn hire recorded did not happen: drop it, once the referral no longer points at it. */
export async function removeHireEmployment(db: Executor, referralId: string, employmentId: string) {
  await db.updateTable('candidate_referral').set({ employment_id: null }).where('id', '=', referralId).execute();
  await db.deleteFrom('employment').where('id', '=', employmentId).where('source', '=', 'employer_verification').execute();
}

export function participantForReferral(db: Executor, id: string) {
  return db.selectFrom('participant').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}

export function credentialsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('credential')
    .select(['title', 'attained_on'])
    .where('participant_id', '=', participantId)
    .orderBy('attained_on')
    .orderBy('id')
    .execute();
}
export function completedTrainingOf(db: Executor, participantId: string) {
  return db
    .selectFrom('training_enrollment')
    .innerJoin('training_program', 'training_program.id', 'training_enrollment.training_program_id')
    .select(['training_program.name', 'training_enrollment.completed_on'])
    .where('training_enrollment.participant_id', '=', participantId)
    .where('training_enrollment.status', '=', 'completed')
    .orderBy('training_enrollment.completed_on')
    .orderBy('training_enrollment.id')
    .execute();
}

export function jobPreferenceOf(db: Executor, participantId: string) {
  return db
    .selectFrom('job_preference')
    .select(['participant_id', 'soc_codes', 'shifts', 'min_hourly_wage_cents'])
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}
export async function upsertJobPreference(db: Executor, row: Insertable<JobPreferenceTable>) {
  await db
    .insertInto('job_preference')
    .values(row)
    .onConflict((oc) =>
      oc.column('participant_id').doUpdateSet({
        soc_codes: row.soc_codes,
        shifts: row.shifts,
        min_hourly_wage_cents: row.min_hourly_wage_cents,
        updated_by: row.updated_by,
        updated_at: new Date(),
      }),
    )
    .execute();
}
