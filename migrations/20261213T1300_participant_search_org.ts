import { type Kysely, sql } from 'kysely';

// Participant search within a caseload. The trigram index on search_name alone finds the matches in every
// organization of the tenant, and each candidate is then read and rechecked before the caller's organization
// filters most of them out (at 100k participants in three organizations, two thirds of the candidates). With
// btree_gin, one GIN index holds the owner organization beside the name's trigrams, so a search within one
// organization intersects the two in the index and reads only that organization's candidates. The plain
// trigram index stays for searches across the partnership. btree_gin is a trusted extension (PostgreSQL 13+),
// like pg_trgm. Embedded PGlite (0.5.17) does not get it: a query planned on such an index never returned
// there, so PGlite does not load the extension and keeps searching through the trigram index. Frozen.
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql`SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin'`.execute(db);
  if (rows.length === 0) return;
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
  await sql`CREATE INDEX participant_org_search_trgm_idx ON participant USING gin (owner_organization_id, search_name gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
