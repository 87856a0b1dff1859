import { type Kysely, sql } from 'kysely';

// Caseload search looks a participant up by name (trigram) or by the external id of a source system;
// without this index the external-id branch turns every search into a sequential scan. Frozen.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX participant_external_id_idx ON participant (external_id) WHERE external_id IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
