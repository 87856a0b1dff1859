import { type Kysely, sql } from 'kysely';

// The web app's wage import runs as a background job (issue 7). The upload is streamed into the database
// a chunk at a time (encrypted, like a PIRL upload's content_enc), so neither the request nor the job ever
// holds the file; the job reads the chunks back in order and drops them once the run has ended. The run
// counts bytes as well as rows (a streamed file's row count is unknown until the end) and, for wage
// records, how many changed records replaced an earlier value. Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE import_run
      ADD COLUMN total_bytes bigint NOT NULL DEFAULT 0,
      ADD COLUMN processed_bytes bigint NOT NULL DEFAULT 0,
      ADD COLUMN replaced_rows integer NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE TABLE import_chunk (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      import_run_id uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      bytes integer NOT NULL CHECK (bytes > 0),
      content_enc text NOT NULL,
      UNIQUE (import_run_id, seq)
    )`.execute(db);
  await sql`ALTER TABLE import_chunk ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE import_chunk FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON import_chunk
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
  // The wage import page lists a tenant's recent runs of one kind.
  await sql`CREATE INDEX import_run_kind_idx ON import_run (tenant_id, kind, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
