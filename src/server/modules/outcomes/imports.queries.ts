import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ImportChunkTable, ImportRunTable } from '../../db/types.ts';

// import_run rows of the outcome imports (kind 'pirl' or 'wages'). A PIRL file uploaded in the web app is
// kept encrypted (content_enc) until its background job has finished with it; a wage file uploaded in the
// web app is kept encrypted in import_chunk, a chunk per row, for the same reason. The CLI streams.

export const OUTCOME_KINDS = ['pirl', 'wages'];

export async function insertRun(db: Executor, row: Insertable<ImportRunTable>): Promise<void> {
  await db.insertInto('import_run').values(row).execute();
}

export async function updateRun(db: Executor, id: string, patch: Updateable<ImportRunTable>): Promise<void> {
  await db.updateTable('import_run').set(patch).where('id', '=', id).execute();
}

const SUMMARY = [
  'id',
  'kind',
  'filename',
  'status',
  'total_rows',
  'processed_rows',
  'imported_rows',
  'skipped_rows',
  'replaced_rows',
  'rejected_rows',
  'total_bytes',
  'processed_bytes',
  'created_at',
  'finished_at',
] as const;

export function findRun(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select([...SUMMARY, 'errors'])
    .where('id', '=', id)
    .where('kind', 'in', OUTCOME_KINDS)
    .executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** What the background PIRL job needs of its run (the stored file among it). */
export function findRunForJob(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select(['id', 'kind', 'filename', 'status', 'options', 'content_enc', 'created_by'])
    .where('id', '=', id)
    .where('kind', '=', 'pirl')
    .executeTakeFirst();
}

/** What the background wage job needs of its run. */
export function findWageRunForJob(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select(['id', 'filename', 'status', 'total_bytes', 'created_by'])
    .where('id', '=', id)
    .where('kind', '=', 'wages')
    .executeTakeFirst();
}

/** Recent runs of one kind, newest first, without their rejected rows. */
export async function listRuns(db: Executor, kind: string, limit: number, offset: number) {
  const items = await db
    .selectFrom('import_run')
    .select(SUMMARY)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await db
    .selectFrom('import_run')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function insertChunk(db: Executor, row: Insertable<ImportChunkTable>): Promise<void> {
  await db.insertInto('import_chunk').values(row).execute();
}

/** One stored chunk of a run's upload, or undefined past the last. */
export function findChunk(db: Executor, runId: string, seq: number) {
  return db
    .selectFrom('import_chunk')
    .select(['bytes', 'content_enc'])
    .where('import_run_id', '=', runId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

export async function countChunks(db: Executor, runId: string): Promise<number> {
  const r = await db
    .selectFrom('import_chunk')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteChunks(db: Executor, runId: string): Promise<void> {
  await db.deleteFrom('import_chunk').where('import_run_id', '=', runId).execute();
}
