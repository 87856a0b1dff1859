import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ImportRunTable } from '../../db/types.ts';

// import_run rows of the outcome imports (kind 'pirl' or 'wages'). A PIRL file uploaded in the web app is
// kept encrypted (content_enc) until its background job has finished with it; the CLI and wage files stream.

export const OUTCOME_KINDS = ['pirl', 'wages'];

export async function insertRun(db: Executor, row: Insertable<ImportRunTable>): Promise<void> {
  await db.insertInto('import_run').values(row).execute();
}

export async function updateRun(db: Executor, id: string, patch: Updateable<ImportRunTable>): Promise<void> {
  await db.updateTable('import_run').set(patch).where('id', '=', id).execute();
}

export function findRun(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select([
      'id',
      'kind',
      'filename',
      'status',
      'total_rows',
      'processed_rows',
      'imported_rows',
      'skipped_rows',
      'rejected_rows',
      'errors',
      'created_at',
      'finished_at',
    ])
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
