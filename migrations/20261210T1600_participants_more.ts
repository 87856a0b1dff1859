import { type Kysely, sql } from 'kysely';

// Participant search under row-level security. PostgreSQL uses a condition as an index condition beneath
// a row-level-security policy only when its function is LEAKPROOF; pg_trgm's operators are not marked so,
// so `search_name % $term` was evaluated row by row over the whole caseload (EXPLAIN ANALYZE at 100k
// participants: a scan of the caseload index and 33k similarity calls per search, docs/benchmarks.md).
// The trigram match operators only compare two strings and raise no error whatever the input, so they
// cannot leak a row; marked LEAKPROOF, the trigram GIN index serves the search. Only a superuser may
// mark a function LEAKPROOF: when the migrating role is not one, search stays correct (just slower) and a
// notice says what a database administrator should run. Frozen.
const FUNCTIONS = ['similarity_op(text, text)', 'word_similarity_op(text, text)', 'word_similarity_commutator_op(text, text)'];

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ rolsuper: boolean }>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`.execute(db);
  if (rows[0]?.rolsuper) {
    for (const fn of FUNCTIONS) await sql`ALTER FUNCTION ${sql.raw(fn)} LEAKPROOF`.execute(db);
  } else {
    const statements = FUNCTIONS.map((fn) => `ALTER FUNCTION ${fn} LEAKPROOF;`).join(' ');
    await sql`DO $$ BEGIN RAISE NOTICE '%', ${sql.lit(`Participant search is slower until a superuser runs: ${statements}`)}; END $$`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
