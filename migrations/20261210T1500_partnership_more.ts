import { type Kysely, sql } from 'kysely';

// Partner-submitted proposals (issue 5): the staff of a proposing organization write and edit their own
// proposal until the deadline and attach documents to it. Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  // Who last changed a proposal and when: proposers may edit until the deadline, reviewers should know.
  await sql`ALTER TABLE proposal ADD COLUMN updated_at timestamptz`.execute(db);
  await sql`ALTER TABLE proposal ADD COLUMN updated_by uuid REFERENCES "user"(id) ON DELETE SET NULL`.execute(db);

  await sql`CREATE TABLE proposal_attachment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
      title text NOT NULL,
      file_id uuid NOT NULL REFERENCES stored_file(id),
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX proposal_attachment_proposal_idx ON proposal_attachment (proposal_id)`.execute(db);
  await sql`ALTER TABLE proposal_attachment ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE proposal_attachment FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON proposal_attachment
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
