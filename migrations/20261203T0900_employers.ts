import { type Kysely, sql } from 'kysely';

// Demand side (DESIGN.md §3 "Demand side", issue 4): employer profiles, locations, contacts,
// interactions with follow-ups, job orders, employer services, commitments, the living-wage table,
// participants' job-search preferences (for matching) and candidate referrals.
// Frozen: never import app code.

const TENANT_TABLES = [
  'employer_profile',
  'employer_location',
  'contact',
  'interaction',
  'living_wage',
  'job_order',
  'employer_service',
  'commitment',
  'commitment_fulfilment',
  'job_preference',
  'candidate_referral',
];

// Counties that share a border, for "same or adjacent county" in matching. Reference data (no tenant),
// seeded for Northeast Ohio, where the demo partnership works; other regions add their pairs.
const ADJACENT: [string, string][] = [
  ['39035', '39085'], // Cuyahoga – Lake
  ['39035', '39093'], // Cuyahoga – Lorain
  ['39035', '39055'], // Cuyahoga – Geauga
  ['39035', '39153'], // Cuyahoga – Summit
  ['39035', '39103'], // Cuyahoga – Medina
  ['39035', '39133'], // Cuyahoga – Portage
  ['39085', '39055'], // Lake – Geauga
  ['39085', '39007'], // Lake – Ashtabula
  ['39093', '39103'], // Lorain – Medina
  ['39093', '39043'], // Lorain – Erie
  ['39093', '39077'], // Lorain – Huron
  ['39093', '39005'], // Lorain – Ashland
  ['39055', '39007'], // Geauga – Ashtabula
  ['39055', '39133'], // Geauga – Portage
  ['39055', '39155'], // Geauga – Trumbull
  ['39153', '39103'], // Summit – Medina
  ['39153', '39133'], // Summit – Portage
  ['39153', '39151'], // Summit – Stark
  ['39153', '39169'], // Summit – Wayne
];

export async function up(db: Kysely<any>): Promise<void> {
  // One row per employer organization: what the organization row does not already hold (NAICS and
  // FEIN live on organization).
  await sql`CREATE TABLE employer_profile (
      organization_id uuid PRIMARY KEY REFERENCES organization(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      size_band text CHECK (size_band IN ('1-9', '10-49', '50-249', '250-999', '1000+')),
      ui_account text CHECK (ui_account ~ '^[A-Za-z0-9-]{1,20}$'),
      partnership_role text NOT NULL DEFAULT 'prospect'
        CHECK (partnership_role IN ('prospect', 'customer', 'partner', 'champion', 'steering_committee')),
      account_owner_user_id uuid REFERENCES "user"(id),
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX employer_profile_owner_idx ON employer_profile (account_owner_user_id)`.execute(db);

  await sql`CREATE TABLE employer_location (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      name text NOT NULL,
      address_line1 text,
      city text,
      state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
      postal_code text,
      county_fips text NOT NULL CHECK (county_fips ~ '^\\d{5}$'),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX employer_location_org_idx ON employer_location (organization_id)`.execute(db);

  await sql`CREATE TABLE contact (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      name text NOT NULL,
      title text,
      email text,
      phone text,
      roles text[] NOT NULL DEFAULT '{}',
      is_primary boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX contact_org_idx ON contact (organization_id, name)`.execute(db);

  await sql`CREATE TABLE interaction (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      contact_id uuid REFERENCES contact(id),
      kind text NOT NULL CHECK (kind IN ('call', 'meeting', 'site_visit', 'event', 'email')),
      occurred_on date NOT NULL,
      summary text NOT NULL,
      staff_user_id uuid REFERENCES "user"(id),
      follow_up_on date,
      follow_up_note text,
      follow_up_done_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX interaction_org_idx ON interaction (organization_id, occurred_on)`.execute(db);
  await sql`CREATE INDEX interaction_follow_up_idx ON interaction (staff_user_id, follow_up_on)
      WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL`.execute(db);

  // Hourly living wage by county and household type (MIT living-wage layout: 1A0C = one adult, no children).
  await sql`CREATE TABLE living_wage (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      county_fips text NOT NULL CHECK (county_fips ~ '^\\d{5}$'),
      household_type text NOT NULL CHECK (household_type IN ('1A0C', '1A1C', '1A2C', '2A0C', '2A1C', '2A2C')),
      hourly_cents integer NOT NULL CHECK (hourly_cents > 0 AND hourly_cents <= 100000),
      source text,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, county_fips, household_type)
    )`.execute(db);

  await sql`CREATE TABLE job_order (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      soc_code text NOT NULL CHECK (soc_code ~ '^\\d{2}-\\d{4}$'),
      title text NOT NULL,
      description text,
      openings integer NOT NULL CHECK (openings BETWEEN 1 AND 10000),
      wage_min_cents integer NOT NULL CHECK (wage_min_cents > 0),
      wage_max_cents integer NOT NULL,
      hours_per_week numeric(5, 2) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 80),
      shift text NOT NULL CHECK (shift IN ('day', 'evening', 'night', 'rotating', 'weekend')),
      schedule text NOT NULL CHECK (schedule IN ('fixed', 'predictable', 'variable', 'on_call')),
      benefits text[] NOT NULL DEFAULT '{}',
      advancement_pathway boolean NOT NULL DEFAULT false,
      required_credentials text[] NOT NULL DEFAULT '{}',
      required_skills text[] NOT NULL DEFAULT '{}',
      location_id uuid REFERENCES employer_location(id),
      county_fips text NOT NULL CHECK (county_fips ~ '^\\d{5}$'),
      work_mode text NOT NULL CHECK (work_mode IN ('on_site', 'hybrid', 'remote')),
      opens_on date NOT NULL,
      closes_on date,
      status text NOT NULL CHECK (status IN ('draft', 'open', 'filled', 'closed', 'cancelled')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (wage_max_cents >= wage_min_cents),
      CHECK (closes_on IS NULL OR closes_on >= opens_on)
    )`.execute(db);
  await sql`CREATE INDEX job_order_org_idx ON job_order (organization_id, opens_on)`.execute(db);
  await sql`CREATE INDEX job_order_list_idx ON job_order (tenant_id, status, opens_on, id)`.execute(db);

  await sql`CREATE TABLE employer_service (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      kind text NOT NULL CHECK (kind IN ('recruitment_event', 'customized_training', 'incumbent_worker_training',
        'on_the_job_training', 'labor_market_information', 'rapid_response')),
      service_date date NOT NULL,
      staff_user_id uuid REFERENCES "user"(id),
      cost_cents integer NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
      description text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX employer_service_org_idx ON employer_service (organization_id, service_date)`.execute(db);
  await sql`CREATE INDEX employer_service_date_idx ON employer_service (tenant_id, service_date)`.execute(db);

  await sql`CREATE TABLE commitment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      kind text NOT NULL CHECK (kind IN ('interview', 'hire', 'instructors', 'equipment', 'money')),
      description text NOT NULL,
      target_quantity integer NOT NULL CHECK (target_quantity > 0),
      due_on date,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX commitment_org_idx ON commitment (organization_id)`.execute(db);
  // quantity is in the commitment's unit: people for interview/hire, hours for instructors, items, or cents.
  await sql`CREATE TABLE commitment_fulfilment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      commitment_id uuid NOT NULL REFERENCES commitment(id),
      fulfilled_on date NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX commitment_fulfilment_idx ON commitment_fulfilment (commitment_id)`.execute(db);

  // What a participant is looking for (employment_wages category): target occupations, shifts they
  // can work, the lowest hourly wage they would accept. Read by matching beside plan goals.
  await sql`CREATE TABLE job_preference (
      participant_id uuid PRIMARY KEY REFERENCES participant(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      soc_codes text[] NOT NULL DEFAULT '{}',
      shifts text[] NOT NULL DEFAULT '{}',
      min_hourly_wage_cents integer CHECK (min_hourly_wage_cents >= 0),
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`CREATE TABLE candidate_referral (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      job_order_id uuid NOT NULL REFERENCES job_order(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      participant_id uuid NOT NULL REFERENCES participant(id),
      status text NOT NULL CHECK (status IN ('referred', 'interviewing', 'offered', 'hired', 'not_selected', 'withdrawn')),
      categories text[] NOT NULL,
      consent_ids uuid[] NOT NULL,
      match_score integer,
      note text,
      referred_on date NOT NULL,
      interviewing_on date,
      offered_on date,
      closed_on date,
      hourly_wage_cents integer,
      start_date date,
      employment_id uuid REFERENCES employment(id),
      referred_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (job_order_id, participant_id)
    )`.execute(db);
  await sql`CREATE INDEX candidate_referral_org_idx ON candidate_referral (organization_id, status)`.execute(db);
  await sql`CREATE INDEX candidate_referral_participant_idx ON candidate_referral (participant_id)`.execute(db);

  // Matching reads every consented participant's credentials, completed training and plan goals.
  await sql`CREATE INDEX training_enrollment_completed_idx ON training_enrollment (participant_id, training_program_id)
      WHERE status = 'completed'`.execute(db);
  await sql`CREATE INDEX plan_goal_soc_idx ON plan_goal (participant_id, soc_code) WHERE status = 'open' AND soc_code IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX consent_kinds_idx ON consent USING gin (recipient_kinds)`.execute(db);

  await sql`CREATE TABLE county_adjacency (
      county_fips text NOT NULL CHECK (county_fips ~ '^\\d{5}$'),
      neighbor_fips text NOT NULL CHECK (neighbor_fips ~ '^\\d{5}$'),
      PRIMARY KEY (county_fips, neighbor_fips)
    )`.execute(db);
  for (const [a, b] of ADJACENT) {
    await sql`INSERT INTO county_adjacency (county_fips, neighbor_fips) VALUES (${a}, ${b}), (${b}, ${a})`.execute(db);
  }

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
