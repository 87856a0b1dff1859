import { type Kysely, sql } from 'kysely';

// Outcomes (DESIGN.md §3 "Outcomes", issue 7): what a PIRL file carries that Braid's participant
// records have no place for, and UI wage records. A PIRL period becomes a participant and a
// program_participation like any other; these tables hold only the PIRL-only elements beside them.
// Frozen: never import app code.

const TENANT_TABLES = ['pirl_person', 'pirl_period', 'wage_record', 'wage_quarter'];

export async function up(db: Kysely<any>): Promise<void> {
  // PIRL 100 (the state's unique individual identifier) of a participant; wage records are keyed by it.
  // race_ethnicity keeps 210a-210g exactly as the file gave them (0 and blank apart), so an export
  // writes back what came in; participant.hispanic and participant.race hold their meaning.
  await sql`CREATE TABLE pirl_person (
      participant_id uuid PRIMARY KEY REFERENCES participant(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      pirl_id text NOT NULL CHECK (pirl_id ~ '^[A-Za-z0-9-]{1,40}$'),
      race_ethnicity text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX pirl_person_pirl_id_idx ON pirl_person (tenant_id, pirl_id)`.execute(db);

  // One row per program_participation that came from (or was given) PIRL elements. Codes are kept
  // as the text the file held, so 0, 9 and blank stay apart; amounts are also kept in cents.
  // pirl_id is copied from pirl_person because it never changes for a period and the report joins
  // a million periods to wage records by it.
  await sql`CREATE TABLE pirl_period (
      participation_id uuid PRIMARY KEY REFERENCES program_participation(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      pirl_id text NOT NULL,
      adult text NOT NULL DEFAULT '',
      dislocated_worker text NOT NULL DEFAULT '',
      youth text NOT NULL DEFAULT '',
      other_exit_reason text NOT NULL DEFAULT '',
      training_entered_on date,
      training_completed_on date,
      credential_code text NOT NULL DEFAULT '',
      employed_q1 text NOT NULL DEFAULT '',
      employed_q2 text NOT NULL DEFAULT '',
      employed_q3 text NOT NULL DEFAULT '',
      employed_q4 text NOT NULL DEFAULT '',
      retained_same_employer text NOT NULL DEFAULT '',
      wages_q1 text NOT NULL DEFAULT '',
      wages_q2 text NOT NULL DEFAULT '',
      wages_q3 text NOT NULL DEFAULT '',
      wages_q4 text NOT NULL DEFAULT '',
      wages_q2_cents bigint CHECK (wages_q2_cents >= 0),
      placement_q2 text NOT NULL DEFAULT '',
      placement_q4 text NOT NULL DEFAULT '',
      import_run_id uuid REFERENCES import_run(id),
      source_line integer,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX pirl_period_participant_idx ON pirl_period (participant_id)`.execute(db);
  await sql`CREATE INDEX pirl_period_tenant_idx ON pirl_period (tenant_id, pirl_id)`.execute(db);

  // A credential (1800/1801) or skill gain (1806-1810) reported for one period, not just the person.
  await sql`ALTER TABLE credential ADD COLUMN program_participation_id uuid REFERENCES program_participation(id)`.execute(db);
  await sql`ALTER TABLE skill_gain ADD COLUMN program_participation_id uuid REFERENCES program_participation(id)`.execute(db);
  await sql`CREATE INDEX credential_participation_idx ON credential (program_participation_id) WHERE program_participation_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX skill_gain_participation_idx ON skill_gain (program_participation_id) WHERE program_participation_id IS NOT NULL`.execute(
    db,
  );
  // Keyed by (PIRL 100, 900): an import finds the period it created before by the entry date.
  await sql`CREATE INDEX program_participation_entry_idx ON program_participation (participant_id, entry_date)`.execute(db);

  // UI wage records. Tens of millions of rows: the natural key is the primary key (no uuid column and
  // no second index to maintain on every import), and person_key is PIRL 100 as the state sends it,
  // so wages may arrive before or without the PIRL file. Wages are cents, never negative. No foreign
  // key on tenant_id: checking it costs as much as the insert itself (measured: 10 s vs 5 s per
  // million rows), and the RLS WITH CHECK already pins every row to the current, existing tenant.
  await sql`CREATE TABLE wage_record (
      tenant_id uuid NOT NULL,
      person_key text NOT NULL,
      year smallint NOT NULL CHECK (year BETWEEN 1900 AND 2999),
      quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
      employer_fein text NOT NULL,
      wages_cents bigint NOT NULL CHECK (wages_cents >= 0),
      PRIMARY KEY (tenant_id, person_key, year, quarter, employer_fein)
    )`.execute(db);
  // The quarters that have any wage record, so "wage data through" needs no scan of wage_record.
  await sql`CREATE TABLE wage_quarter (
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      year smallint NOT NULL,
      quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
      first_loaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, year, quarter)
    )`.execute(db);

  for (const table of TENANT_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`CREATE POLICY tenant_isolation ON ${sql.table(table)}
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
