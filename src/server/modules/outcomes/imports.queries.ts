import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ImportRunTable } from '../../db/types.ts';

// import_run rows of the outcome imports (kind 'pirl' or 'wages'). The file itself is never stored:
// both imports stream it.

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
