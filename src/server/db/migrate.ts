import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../../migrations/index.ts';

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Idempotent; concurrent callers wait on Kysely's migration lock. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function migrationStatus(db: Kysely<any>) {
  return migrator(db).getMigrations();
}
