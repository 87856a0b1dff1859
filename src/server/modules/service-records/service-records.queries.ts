import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ServiceRecordTable } from '../../db/types.ts';

const COLUMNS = [
  'service_record.id',
  'service_record.participant_id',
  'service_record.activity',
  'service_record.category',
  'service_record.qualifying',
  'service_record.service_date',
  'service_record.status',
  'service_record.hours',
  'service_record.provider_organization_id',
  'service_record.cost_cents',
  'service_record.funding_stream_id',
  'service_record.note',
  'service_record.batch_id',
  'service_record.created_at',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('service_record')
    .leftJoin('organization', 'organization.id', 'service_record.provider_organization_id')
    .leftJoin('user as staff', 'staff.id', 'service_record.staff_user_id')
    .select(COLUMNS)
    .select(['organization.name as provider_name', 'staff.name as staff_name']);
}

export function servicesOf(db: Executor, participantId: string) {
  return base(db)
    .where('service_record.participant_id', '=', participantId)
    .orderBy('service_record.service_date', 'desc')
    .orderBy('service_record.id')
    .limit(1000)
    .execute();
}
export type ServiceRow = Awaited<ReturnType<typeof servicesOf>>[number];

export function findService(db: Executor, participantId: string, id: string) {
  return base(db).where('service_record.participant_id', '=', participantId).where('service_record.id', '=', id).executeTakeFirst();
}

export async function insertServices(db: Executor, rows: Insertable<ServiceRecordTable>[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('service_record')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function updateService(db: Executor, id: string, patch: Updateable<ServiceRecordTable>) {
  await db.updateTable('service_record').set(patch).where('id', '=', id).execute();
}

export function organizationExists(db: Executor, id: string) {
  return db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst();
}

export function fundingStreamExists(db: Executor, id: string) {
  return db.selectFrom('funding_stream').select('id').where('id', '=', id).executeTakeFirst();
}

/** Participants enrolled (or completed) in a cohort: the audience of a bulk service. */
export function cohortParticipants(db: Executor, cohortId: string) {
  return db
    .selectFrom('training_enrollment')
    .select('participant_id')
    .where('cohort_id', '=', cohortId)
    .where('status', 'in', ['enrolled', 'completed'])
    .execute();
}

export function cohortExists(db: Executor, id: string) {
  return db.selectFrom('cohort').select('id').where('id', '=', id).executeTakeFirst();
}
