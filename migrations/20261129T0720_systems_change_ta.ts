import { type Kysely, sql } from 'kysely';

// Systems change (strategies, objectives, milestones, progress) and technical assistance (requests,
// capacity-building events and their attendance). Frozen: never import app code.

const TENANT_TABLES = [
  'strategy',
  'strategy_objective',
  'strategy_indicator',
  'milestone',
  'progress_update',
  'ta_request',
  'capacity_event',
  'capacity_attendance',
];

const TA_TOPICS = sql.raw(
  `'data_and_reporting', 'wioa_compliance', 'curriculum_design', 'employer_engagement', 'case_management',
   'job_quality', 'supportive_services', 'fundraising', 'technology', 'other'`,
);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE strategy (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid REFERENCES initiative(id),
      title text NOT NULL,
      description text,
      status text NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'completed')),
      owner_id uuid REFERENCES "user"(id) ON DELETE SET NULL,
      starts_on date,
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
    )`.execute(db);
  await sql`CREATE INDEX strategy_tenant_idx ON strategy (tenant_id, title, id)`.execute(db);

  await sql`CREATE TABLE strategy_objective (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
      position integer NOT NULL,
      title text NOT NULL,
      description text,
      owner_id uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX strategy_objective_strategy_idx ON strategy_objective (strategy_id, position)`.execute(db);

  // Indicators are named now and linked to outcome indicators when that module exists (no FK yet).
  await sql`CREATE TABLE strategy_indicator (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
      name text NOT NULL,
      indicator_id uuid,
      UNIQUE (strategy_id, name)
    )`.execute(db);

  await sql`CREATE TABLE milestone (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
      objective_id uuid REFERENCES strategy_objective(id) ON DELETE SET NULL,
      title text NOT NULL,
      description text,
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'at_risk', 'done', 'dropped')),
      completed_on date,
      owner_id uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX milestone_strategy_idx ON milestone (strategy_id, due_on)`.execute(db);

  await sql`CREATE TABLE progress_update (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
      milestone_id uuid REFERENCES milestone(id) ON DELETE SET NULL,
      author_id uuid REFERENCES "user"(id) ON DELETE SET NULL,
      occurred_on date NOT NULL,
      summary text NOT NULL,
      milestone_status text,
      evidence jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX progress_update_strategy_idx ON progress_update (strategy_id, occurred_on)`.execute(db);

  await sql`CREATE TABLE ta_request (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid REFERENCES initiative(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      requested_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      topic text NOT NULL CHECK (topic IN (${TA_TOPICS})),
      title text NOT NULL,
      description text,
      urgency text NOT NULL CHECK (urgency IN ('low', 'normal', 'high', 'urgent')),
      status text NOT NULL CHECK (status IN ('submitted', 'triaged', 'assigned', 'resolved', 'declined')),
      triage_note text,
      triaged_at timestamptz,
      assigned_to uuid REFERENCES "user"(id) ON DELETE SET NULL,
      due_on date,
      resolution text,
      resolved_at timestamptz,
      satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
      satisfaction_comment text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX ta_request_tenant_idx ON ta_request (tenant_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX ta_request_org_idx ON ta_request (organization_id, topic)`.execute(db);

  await sql`CREATE TABLE capacity_event (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid REFERENCES initiative(id),
      title text NOT NULL,
      topic text NOT NULL CHECK (topic IN (${TA_TOPICS})),
      description text,
      held_on date NOT NULL,
      duration_minutes integer CHECK (duration_minutes > 0),
      facilitator text,
      location text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX capacity_event_tenant_idx ON capacity_event (tenant_id, held_on, id)`.execute(db);

  await sql`CREATE TABLE capacity_attendance (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      event_id uuid NOT NULL REFERENCES capacity_event(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      attendee_name text NOT NULL,
      user_id uuid REFERENCES "user"(id) ON DELETE SET NULL,
      attended boolean NOT NULL DEFAULT true,
      UNIQUE (event_id, organization_id, attendee_name)
    )`.execute(db);
  await sql`CREATE INDEX capacity_attendance_org_idx ON capacity_attendance (organization_id)`.execute(db);

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
