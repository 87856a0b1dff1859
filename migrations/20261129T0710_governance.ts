import { type Kysely, sql } from 'kysely';

// Governance: bodies, seats, meetings, motions and votes, conflict-of-interest declarations, and the
// choice of service providers (solicitations, proposals, scores). Frozen: never import app code.

const TENANT_TABLES = [
  'governance_body',
  'seat',
  'meeting',
  'agenda_item',
  'meeting_attendance',
  'meeting_attachment',
  'motion',
  'motion_organization',
  'vote',
  'interest_declaration',
  'declaration_affirmation',
  'solicitation',
  'solicitation_criterion',
  'solicitation_reviewer',
  'proposal',
  'proposal_score',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE governance_body (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid REFERENCES initiative(id),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('steering_committee', 'employer_council', 'working_group', 'advisory_board', 'other')),
      charter text,
      quorum_kind text NOT NULL CHECK (quorum_kind IN ('majority', 'percent', 'count')),
      quorum_value integer,
      passing_rule text NOT NULL CHECK (passing_rule IN ('majority_of_votes_cast', 'two_thirds', 'consensus')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((quorum_kind = 'majority' AND quorum_value IS NULL)
        OR (quorum_kind = 'percent' AND quorum_value BETWEEN 1 AND 100)
        OR (quorum_kind = 'count' AND quorum_value >= 1))
    )`.execute(db);
  await sql`CREATE INDEX governance_body_tenant_name_idx ON governance_body (tenant_id, name, id)`.execute(db);

  await sql`CREATE TABLE seat (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      body_id uuid NOT NULL REFERENCES governance_body(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES "user"(id),
      organization_id uuid REFERENCES organization(id),
      title text,
      voting boolean NOT NULL,
      term_starts_on date NOT NULL,
      term_ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (term_ends_on IS NULL OR term_ends_on >= term_starts_on)
    )`.execute(db);
  await sql`CREATE INDEX seat_body_idx ON seat (body_id, term_starts_on)`.execute(db);
  await sql`CREATE INDEX seat_user_idx ON seat (user_id)`.execute(db);

  await sql`CREATE TABLE meeting (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      body_id uuid NOT NULL REFERENCES governance_body(id) ON DELETE CASCADE,
      title text NOT NULL,
      starts_at timestamptz NOT NULL,
      location text,
      status text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'closed', 'cancelled')),
      opened_at timestamptz,
      closed_at timestamptz,
      minutes text,
      minutes_status text NOT NULL DEFAULT 'none' CHECK (minutes_status IN ('none', 'draft', 'approved')),
      minutes_approved_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX meeting_body_idx ON meeting (body_id, starts_at)`.execute(db);
  await sql`CREATE INDEX meeting_tenant_starts_idx ON meeting (tenant_id, starts_at, id)`.execute(db);

  await sql`CREATE TABLE agenda_item (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      position integer NOT NULL,
      title text NOT NULL,
      description text,
      presenter text,
      duration_minutes integer CHECK (duration_minutes > 0),
      UNIQUE (meeting_id, position)
    )`.execute(db);

  await sql`CREATE TABLE meeting_attendance (
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      seat_id uuid NOT NULL REFERENCES seat(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      status text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      PRIMARY KEY (meeting_id, seat_id)
    )`.execute(db);

  await sql`CREATE TABLE meeting_attachment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      title text NOT NULL,
      file_id uuid NOT NULL REFERENCES stored_file(id),
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX meeting_attachment_meeting_idx ON meeting_attachment (meeting_id)`.execute(db);

  await sql`CREATE TABLE interest_declaration (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      kind text NOT NULL CHECK (kind IN ('employment', 'board_seat', 'financial_interest', 'family')),
      description text,
      starts_on date NOT NULL,
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`.execute(db);
  await sql`CREATE INDEX interest_declaration_user_idx ON interest_declaration (user_id, organization_id)`.execute(db);
  await sql`CREATE INDEX interest_declaration_org_idx ON interest_declaration (organization_id)`.execute(db);

  // The yearly statement "my declarations are complete", which the re-declaration reminder counts from.
  await sql`CREATE TABLE declaration_affirmation (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      affirmed_at timestamptz NOT NULL,
      declarations integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX declaration_affirmation_user_idx ON declaration_affirmation (user_id, affirmed_at)`.execute(db);

  await sql`CREATE TABLE solicitation (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid REFERENCES initiative(id),
      body_id uuid NOT NULL REFERENCES governance_body(id),
      title text NOT NULL,
      scope text NOT NULL,
      budget_cents bigint CHECK (budget_cents >= 0),
      deadline timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'open', 'review', 'awarded', 'cancelled')),
      awarded_proposal_id uuid,
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX solicitation_tenant_idx ON solicitation (tenant_id, deadline, id)`.execute(db);

  await sql`CREATE TABLE solicitation_criterion (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      solicitation_id uuid NOT NULL REFERENCES solicitation(id) ON DELETE CASCADE,
      position integer NOT NULL,
      name text NOT NULL,
      description text,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
      max_score integer NOT NULL CHECK (max_score BETWEEN 1 AND 100),
      UNIQUE (solicitation_id, position)
    )`.execute(db);

  await sql`CREATE TABLE solicitation_reviewer (
      solicitation_id uuid NOT NULL REFERENCES solicitation(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES "user"(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      PRIMARY KEY (solicitation_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX solicitation_reviewer_user_idx ON solicitation_reviewer (user_id)`.execute(db);

  await sql`CREATE TABLE proposal (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      solicitation_id uuid NOT NULL REFERENCES solicitation(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      title text NOT NULL,
      summary text,
      amount_cents bigint CHECK (amount_cents >= 0),
      status text NOT NULL CHECK (status IN ('submitted', 'withdrawn')),
      submitted_at timestamptz NOT NULL,
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      UNIQUE (solicitation_id, organization_id)
    )`.execute(db);

  await sql`CREATE TABLE proposal_score (
      proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
      criterion_id uuid NOT NULL REFERENCES solicitation_criterion(id) ON DELETE CASCADE,
      reviewer_id uuid NOT NULL REFERENCES "user"(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      score integer NOT NULL CHECK (score >= 0),
      comment text,
      scored_at timestamptz NOT NULL,
      PRIMARY KEY (proposal_id, criterion_id, reviewer_id)
    )`.execute(db);

  await sql`CREATE TABLE motion (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      body_id uuid NOT NULL REFERENCES governance_body(id) ON DELETE CASCADE,
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('general', 'approve_minutes', 'award')),
      title text NOT NULL,
      resolution text,
      minutes_meeting_id uuid REFERENCES meeting(id),
      proposal_id uuid REFERENCES proposal(id),
      moved_by_seat_id uuid REFERENCES seat(id) ON DELETE SET NULL,
      seconded_by_seat_id uuid REFERENCES seat(id) ON DELETE SET NULL,
      status text NOT NULL CHECK (status IN ('proposed', 'open', 'closed', 'withdrawn')),
      opened_at timestamptz,
      closed_at timestamptz,
      outcome text CHECK (outcome IN ('passed', 'failed')),
      outcome_reason text,
      tally jsonb,
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'approve_minutes') = (minutes_meeting_id IS NOT NULL)),
      CHECK ((kind = 'award') = (proposal_id IS NOT NULL)),
      CHECK ((status = 'closed') = (outcome IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX motion_meeting_idx ON motion (meeting_id, created_at)`.execute(db);
  await sql`CREATE INDEX motion_body_idx ON motion (body_id, created_at)`.execute(db);
  await sql`ALTER TABLE meeting ADD FOREIGN KEY (minutes_approved_by) REFERENCES motion(id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE solicitation ADD FOREIGN KEY (awarded_proposal_id) REFERENCES proposal(id)`.execute(db);

  await sql`CREATE TABLE motion_organization (
      motion_id uuid NOT NULL REFERENCES motion(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      PRIMARY KEY (motion_id, organization_id)
    )`.execute(db);
  await sql`CREATE INDEX motion_organization_org_idx ON motion_organization (organization_id)`.execute(db);

  // 'recused' rows are written when a motion closes, freezing who was recused and why.
  await sql`CREATE TABLE vote (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      motion_id uuid NOT NULL REFERENCES motion(id) ON DELETE CASCADE,
      seat_id uuid NOT NULL REFERENCES seat(id),
      user_id uuid NOT NULL REFERENCES "user"(id),
      value text NOT NULL CHECK (value IN ('yes', 'no', 'abstain', 'recused')),
      recusal_reasons jsonb,
      cast_at timestamptz NOT NULL,
      UNIQUE (motion_id, seat_id)
    )`.execute(db);
  await sql`CREATE INDEX vote_user_idx ON vote (user_id)`.execute(db);

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
