import type { Insertable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { EligibilityDeterminationTable, EligibilityRuleTable, FundingStreamTable } from '../../db/types.ts';

export function listStreams(db: Executor) {
  return db
    .selectFrom('funding_stream')
    .leftJoin('eligibility_rule', 'eligibility_rule.id', 'funding_stream.current_rule_id')
    .select([
      'funding_stream.id',
      'funding_stream.name',
      'funding_stream.source_type',
      'funding_stream.description',
      'funding_stream.active',
      'funding_stream.current_rule_id',
      'funding_stream.created_at',
      'eligibility_rule.version',
      'eligibility_rule.definition',
    ])
    .orderBy('funding_stream.name')
    .orderBy('funding_stream.id');
}
export type StreamRow = Awaited<ReturnType<ReturnType<typeof listStreams>['execute']>>[number];

export function findStream(db: Executor, id: string) {
  return listStreams(db).where('funding_stream.id', '=', id).executeTakeFirst();
}

export function streamsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return listStreams(db).where('funding_stream.id', 'in', ids).execute();
}

export function streamByName(db: Executor, name: string) {
  return db
    .selectFrom('funding_stream')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function insertStream(db: Executor, row: Insertable<FundingStreamTable>) {
  await db.insertInto('funding_stream').values(row).execute();
}

export async function insertRule(db: Executor, row: Insertable<EligibilityRuleTable>) {
  await db.insertInto('eligibility_rule').values(row).execute();
}

export async function setCurrentRule(db: Executor, streamId: string, ruleId: string) {
  await db.updateTable('funding_stream').set({ current_rule_id: ruleId, updated_at: new Date() }).where('id', '=', streamId).execute();
}

export async function setActive(db: Executor, streamId: string, active: boolean) {
  await db.updateTable('funding_stream').set({ active, updated_at: new Date() }).where('id', '=', streamId).execute();
}

export function ruleVersions(db: Executor, streamId: string) {
  return db
    .selectFrom('eligibility_rule')
    .select(['id', 'version', 'definition', 'created_at'])
    .where('funding_stream_id', '=', streamId)
    .orderBy('version', 'desc')
    .execute();
}

export async function maxVersion(db: Executor, streamId: string): Promise<number> {
  const r = await db
    .selectFrom('eligibility_rule')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('funding_stream_id', '=', streamId)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export async function insertDetermination(db: Executor, row: Insertable<EligibilityDeterminationTable>) {
  await db.insertInto('eligibility_determination').values(row).execute();
}

export function determinationsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('eligibility_determination as d')
    .innerJoin('funding_stream as f', 'f.id', 'd.funding_stream_id')
    .leftJoin('user as u', 'u.id', 'd.determined_by')
    .select([
      'd.id',
      'd.participant_id',
      'd.funding_stream_id',
      'f.name as funding_stream_name',
      'd.rule_version',
      'd.as_of',
      'd.result',
      'd.priority',
      'd.reasons',
      'd.evidence',
      'd.note',
      'u.name as determined_by_name',
      'd.determined_at',
    ])
    .where('d.participant_id', '=', participantId)
    .orderBy('d.determined_at', 'desc')
    .orderBy('d.id')
    .execute();
}
