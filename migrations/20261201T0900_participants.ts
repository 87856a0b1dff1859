import { type Kysely, sql } from 'kysely';

// Supply side (DESIGN.md §3): participants, consent and disclosures, funding streams with versioned
// eligibility rules, program participation, services, assessments, plans, training, credentials,
// skill gains, employment, follow-ups, case notes, saved filters and import runs.
// Columns ending in _enc hold AES-GCM ciphertext (platform/crypto.ts); _hash columns hold keyed HMACs.
// Frozen: never import app code.

const TENANT_TABLES = [
  'participant',
  'participant_link',
  'consent',
  'disclosure',
  'funding_stream',
  'eligibility_rule',
  'eligibility_determination',
  'program_participation',
  'service_record',
  'assessment',
  'plan',
  'plan_goal',
  'plan_step',
  'training_program',
  'cohort',
  'training_enrollment',
  'credential',
  'skill_gain',
  'employment',
  'follow_up',
  'follow_up_attempt',
  'case_note',
  'saved_filter',
  'import_run',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE participant (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      owner_organization_id uuid NOT NULL REFERENCES organization(id),
      navigator_user_id uuid REFERENCES "user"(id),
      status text NOT NULL CHECK (status IN ('draft', 'applicant', 'enrolled', 'exited', 'merged')),
      first_name text NOT NULL,
      middle_name text,
      last_name text NOT NULL,
      search_name text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED,
      ssn_enc text,
      ssn_hash text,
      dob_enc text,
      dob_hash text,
      email_enc text,
      phone_enc text,
      address_line1_enc text,
      address_line2_enc text,
      city text,
      state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
      postal_code text,
      county_fips text CHECK (county_fips ~ '^\\d{5}$'),
      preferred_language text,
      sex text,
      hispanic text,
      race text[] NOT NULL DEFAULT '{}',
      veteran text,
      disability text,
      school_status text,
      education_level text,
      employment_status text,
      wage_q1_prior_cents integer,
      wage_q2_prior_cents integer,
      wage_q3_prior_cents integer,
      barriers text[] NOT NULL DEFAULT '{}',
      public_assistance text[] NOT NULL DEFAULT '{}',
      family_size integer CHECK (family_size BETWEEN 1 AND 30),
      annual_family_income_cents bigint CHECK (annual_family_income_cents >= 0),
      selective_service text,
      authorized_to_work boolean,
      dislocation jsonb,
      external_id text,
      import_key text,
      intake_completed_at timestamptz,
      merged_into_id uuid REFERENCES participant(id),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX participant_caseload_idx ON participant (tenant_id, owner_organization_id, last_name, first_name, id)`.execute(db);
  await sql`CREATE INDEX participant_name_idx ON participant (tenant_id, last_name, first_name, id)`.execute(db);
  await sql`CREATE INDEX participant_navigator_idx ON participant (navigator_user_id)`.execute(db);
  await sql`CREATE INDEX participant_search_trgm_idx ON participant USING gin (search_name gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX participant_ssn_hash_idx ON participant (tenant_id, ssn_hash) WHERE ssn_hash IS NOT NULL`.execute(db);
  await sql`CREATE INDEX participant_dob_hash_idx ON participant (tenant_id, dob_hash) WHERE dob_hash IS NOT NULL`.execute(db);
  // Re-running an import finds the rows it already created by this key.
  await sql`CREATE UNIQUE INDEX participant_import_key_idx ON participant (tenant_id, import_key) WHERE import_key IS NOT NULL`.execute(db);

  // Two records of the same person, kept apart ("link, not merge"); the pair is stored once, a < b.
  await sql`CREATE TABLE participant_link (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_a_id uuid NOT NULL REFERENCES participant(id),
      participant_b_id uuid NOT NULL REFERENCES participant(id),
      reason text NOT NULL CHECK (reason IN ('same_person', 'ssn_match')),
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (participant_a_id < participant_b_id),
      UNIQUE (participant_a_id, participant_b_id)
    )`.execute(db);
  await sql`CREATE INDEX participant_link_b_idx ON participant_link (participant_b_id)`.execute(db);

  await sql`CREATE TABLE consent (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      recipient_organization_ids uuid[] NOT NULL DEFAULT '{}',
      recipient_kinds text[] NOT NULL DEFAULT '{}',
      categories text[] NOT NULL,
      purpose text NOT NULL,
      method text NOT NULL CHECK (method IN ('signed_in_app', 'paper')),
      signed_name text,
      document_enc text,
      document_name text,
      document_type text,
      given_at timestamptz NOT NULL,
      expires_on date,
      revoked_at timestamptz,
      revoked_by uuid,
      revoke_reason text,
      recorded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (cardinality(recipient_organization_ids) + cardinality(recipient_kinds) > 0),
      CHECK (cardinality(categories) > 0)
    )`.execute(db);
  await sql`CREATE INDEX consent_participant_idx ON consent (participant_id) WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX consent_orgs_idx ON consent USING gin (recipient_organization_ids)`.execute(db);

  // Every release of personal data to another organization (DESIGN.md §3 "disclosure").
  await sql`CREATE TABLE disclosure (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      released_at timestamptz NOT NULL DEFAULT now(),
      recipient_user_id uuid,
      recipient_label text NOT NULL,
      recipient_organization_id uuid REFERENCES organization(id),
      categories text[] NOT NULL,
      consent_ids uuid[] NOT NULL DEFAULT '{}',
      purpose text NOT NULL,
      action text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX disclosure_participant_idx ON disclosure (participant_id, released_at)`.execute(db);

  await sql`CREATE TABLE funding_stream (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      name text NOT NULL,
      source_type text NOT NULL,
      description text,
      current_rule_id uuid,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX funding_stream_name_idx ON funding_stream (tenant_id, lower(name))`.execute(db);

  await sql`CREATE TABLE eligibility_rule (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      funding_stream_id uuid NOT NULL REFERENCES funding_stream(id),
      version integer NOT NULL,
      definition jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (funding_stream_id, version)
    )`.execute(db);

  await sql`CREATE TABLE eligibility_determination (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      funding_stream_id uuid NOT NULL REFERENCES funding_stream(id),
      rule_id uuid NOT NULL REFERENCES eligibility_rule(id),
      rule_version integer NOT NULL,
      as_of date NOT NULL,
      result text NOT NULL CHECK (result IN ('eligible', 'not_eligible', 'incomplete')),
      priority integer,
      reasons jsonb NOT NULL,
      evidence jsonb NOT NULL,
      note text,
      determined_by uuid,
      determined_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX eligibility_determination_participant_idx ON eligibility_determination (participant_id, determined_at)`.execute(
    db,
  );

  await sql`CREATE TABLE program_participation (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      entry_date date NOT NULL,
      exit_date date,
      exit_reason text,
      funding_stream_ids uuid[] NOT NULL DEFAULT '{}',
      exit_confirmed_by uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (exit_date IS NULL OR exit_date >= entry_date)
    )`.execute(db);
  await sql`CREATE INDEX program_participation_participant_idx ON program_participation (participant_id)`.execute(db);
  await sql`CREATE INDEX program_participation_open_idx ON program_participation (tenant_id, participant_id) WHERE exit_date IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX program_participation_streams_idx ON program_participation USING gin (funding_stream_ids)`.execute(db);

  await sql`CREATE TABLE service_record (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      activity text NOT NULL,
      category text NOT NULL,
      qualifying boolean NOT NULL,
      service_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('completed', 'scheduled', 'cancelled')),
      hours numeric(6, 2),
      provider_organization_id uuid REFERENCES organization(id),
      staff_user_id uuid,
      cost_cents integer CHECK (cost_cents >= 0),
      funding_stream_id uuid REFERENCES funding_stream(id),
      note text,
      batch_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX service_record_participant_idx ON service_record (participant_id, service_date)`.execute(db);

  await sql`CREATE TABLE assessment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      type text NOT NULL,
      instrument text,
      assessed_on date NOT NULL,
      scores jsonb NOT NULL DEFAULT '{}',
      level text,
      notes text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX assessment_participant_idx ON assessment (participant_id)`.execute(db);

  await sql`CREATE TABLE plan (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      title text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'completed', 'closed')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX plan_participant_idx ON plan (participant_id)`.execute(db);
  await sql`CREATE TABLE plan_goal (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participant(id),
      description text NOT NULL,
      soc_code text CHECK (soc_code ~ '^\\d{2}-\\d{4}$'),
      target_date date,
      status text NOT NULL CHECK (status IN ('open', 'achieved', 'dropped')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX plan_goal_plan_idx ON plan_goal (plan_id)`.execute(db);
  await sql`CREATE TABLE plan_step (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      goal_id uuid NOT NULL REFERENCES plan_goal(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participant(id),
      description text NOT NULL,
      due_date date,
      status text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX plan_step_goal_idx ON plan_step (goal_id)`.execute(db);
  await sql`CREATE INDEX plan_step_due_idx ON plan_step (tenant_id, due_date) WHERE status = 'open'`.execute(db);

  await sql`CREATE TABLE training_program (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      provider_organization_id uuid NOT NULL REFERENCES organization(id),
      name text NOT NULL,
      cip_code text CHECK (cip_code ~ '^\\d{2}\\.\\d{4}$'),
      target_soc_codes text[] NOT NULL DEFAULT '{}',
      credential_offered text,
      credential_type text,
      hours integer CHECK (hours >= 0),
      cost_cents integer CHECK (cost_cents >= 0),
      modality text NOT NULL CHECK (modality IN ('in_person', 'online', 'hybrid')),
      schedule text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE TABLE cohort (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      training_program_id uuid NOT NULL REFERENCES training_program(id),
      name text NOT NULL,
      start_date date NOT NULL,
      end_date date,
      capacity integer CHECK (capacity > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE INDEX cohort_program_idx ON cohort (training_program_id)`.execute(db);
  await sql`CREATE TABLE training_enrollment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      training_program_id uuid NOT NULL REFERENCES training_program(id),
      cohort_id uuid REFERENCES cohort(id),
      status text NOT NULL CHECK (status IN ('enrolled', 'completed', 'withdrawn')),
      enrolled_on date NOT NULL,
      completed_on date,
      withdrawn_on date,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (participant_id, cohort_id)
    )`.execute(db);
  await sql`CREATE INDEX training_enrollment_participant_idx ON training_enrollment (participant_id)`.execute(db);
  await sql`CREATE INDEX training_enrollment_cohort_idx ON training_enrollment (cohort_id)`.execute(db);

  await sql`CREATE TABLE credential (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      type text NOT NULL,
      title text NOT NULL,
      issuer text,
      attained_on date NOT NULL,
      training_enrollment_id uuid REFERENCES training_enrollment(id),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX credential_participant_idx ON credential (participant_id)`.execute(db);
  await sql`CREATE TABLE skill_gain (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      type text NOT NULL,
      achieved_on date NOT NULL,
      description text,
      training_enrollment_id uuid REFERENCES training_enrollment(id),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX skill_gain_participant_idx ON skill_gain (participant_id)`.execute(db);

  await sql`CREATE TABLE employment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      employer_organization_id uuid REFERENCES organization(id),
      employer_name text NOT NULL,
      employer_fein text CHECK (employer_fein ~ '^\\d{2}-\\d{7}$'),
      job_title text,
      soc_code text CHECK (soc_code ~ '^\\d{2}-\\d{4}$'),
      naics_code text CHECK (naics_code ~ '^\\d{2,6}$'),
      start_date date NOT NULL,
      end_date date,
      hourly_wage_cents integer CHECK (hourly_wage_cents >= 0),
      hours_per_week numeric(5, 2),
      benefits text[] NOT NULL DEFAULT '{}',
      source text NOT NULL CHECK (source IN ('self_report', 'employer_verification', 'wage_record')),
      training_related boolean,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE INDEX employment_participant_idx ON employment (participant_id)`.execute(db);

  await sql`CREATE TABLE follow_up (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      participation_id uuid NOT NULL REFERENCES program_participation(id),
      quarter_after_exit integer NOT NULL CHECK (quarter_after_exit BETWEEN 1 AND 4),
      window_start date NOT NULL,
      window_end date NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled', 'completed', 'unreachable', 'cancelled')),
      employed boolean,
      result_note text,
      completed_at timestamptz,
      completed_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (participation_id, quarter_after_exit)
    )`.execute(db);
  await sql`CREATE INDEX follow_up_due_idx ON follow_up (tenant_id, window_start) WHERE status = 'scheduled'`.execute(db);
  await sql`CREATE INDEX follow_up_participant_idx ON follow_up (participant_id)`.execute(db);
  await sql`CREATE TABLE follow_up_attempt (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      follow_up_id uuid NOT NULL REFERENCES follow_up(id),
      attempted_at timestamptz NOT NULL,
      method text NOT NULL CHECK (method IN ('phone', 'email', 'text', 'in_person', 'mail')),
      reached boolean NOT NULL,
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX follow_up_attempt_idx ON follow_up_attempt (follow_up_id)`.execute(db);

  await sql`CREATE TABLE case_note (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      author_user_id uuid,
      author_label text NOT NULL,
      author_organization_id uuid NOT NULL REFERENCES organization(id),
      body_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_note_participant_idx ON case_note (participant_id, created_at)`.execute(db);

  await sql`CREATE TABLE saved_filter (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      scope text NOT NULL,
      name text NOT NULL,
      filters jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, scope, name)
    )`.execute(db);

  // One upload and its processing (DESIGN.md §3 "import_run"); the file is kept encrypted until done.
  await sql`CREATE TABLE import_run (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      kind text NOT NULL,
      filename text NOT NULL,
      content_type text,
      content_enc text,
      file_sha256 text NOT NULL,
      status text NOT NULL CHECK (status IN ('uploaded', 'validating', 'rejected', 'importing', 'completed', 'failed')),
      options jsonb NOT NULL DEFAULT '{}',
      headers jsonb NOT NULL DEFAULT '[]',
      total_rows integer NOT NULL DEFAULT 0,
      processed_rows integer NOT NULL DEFAULT 0,
      imported_rows integer NOT NULL DEFAULT 0,
      skipped_rows integer NOT NULL DEFAULT 0,
      rejected_rows integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX import_run_created_idx ON import_run (tenant_id, created_at)`.execute(db);

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
