import { type Kysely, sql } from 'kysely';

// Employer needs surveys (issue 4): a survey with its questions, one recipient row per employer contact
// it was sent to (the one-time token stored only as a SHA-256 hash), and one response per recipient.
// Frozen: never import app code.

const TENANT_TABLES = ['needs_survey', 'survey_recipient', 'survey_response'];

export async function up(db: Kysely<any>): Promise<void> {
  // Questions live in one jsonb document (sections → questions): they are only ever read and written
  // whole, with the survey, and are frozen once it is sent.
  await sql`CREATE TABLE needs_survey (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      title text NOT NULL,
      intro text,
      closes_on date,
      token_days integer NOT NULL DEFAULT 30 CHECK (token_days BETWEEN 1 AND 365),
      sections jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'closed')),
      sent_at timestamptz,
      closed_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX needs_survey_list_idx ON needs_survey (tenant_id, created_at, id)`.execute(db);

  await sql`CREATE TABLE survey_recipient (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      survey_id uuid NOT NULL REFERENCES needs_survey(id),
      contact_id uuid NOT NULL REFERENCES contact(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      token_hash bytea NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      sent_at timestamptz NOT NULL,
      reminded_at timestamptz,
      reminders integer NOT NULL DEFAULT 0,
      opened_at timestamptz,
      responded_at timestamptz,
      UNIQUE (survey_id, contact_id)
    )`.execute(db);
  await sql`CREATE INDEX survey_recipient_survey_idx ON survey_recipient (survey_id)`.execute(db);

  await sql`CREATE TABLE survey_response (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      survey_id uuid NOT NULL REFERENCES needs_survey(id),
      recipient_id uuid NOT NULL UNIQUE REFERENCES survey_recipient(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      answers jsonb NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX survey_response_survey_idx ON survey_response (survey_id, submitted_at)`.execute(db);

  for (const table of TENANT_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`CREATE POLICY tenant_isolation ON ${sql.table(table)}
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
  }

  // A respondent has no account: the emailed token is all there is, so it must find its tenant before
  // one is set. Only the tenant id comes back, and only for an unguessable hash.
  await sql`CREATE FUNCTION braid_tenant_for_survey_token(p_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT tenant_id FROM survey_recipient WHERE token_hash = p_hash $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
