import { type Kysely, sql } from 'kysely';

// Service directory on the Open Referral HSDS 3.0 model, and closed-loop referrals (issue 6).
// Braid's organization table is the HSDS organization; hsds_organization holds the HSDS fields Braid does
// not use itself. Every HSDS record keeps its one-to-one fields exactly as HSDS spells them in `doc`
// (so an import exports back unchanged and a future HSDS field needs no migration); the columns beside
// it are the keys, relations and what search filters on.
// Frozen: never import app code.

// Records that HSDS nests under several parents (a phone under a service, its location, a contact…).
// The specification's own examples attach one phone id to many parents, so a row is per (owner, id).
const OWNED = [
  'hsds_phone',
  'hsds_schedule',
  'hsds_contact',
  'hsds_address',
  'hsds_language',
  'hsds_cost_option',
  'hsds_required_document',
  'hsds_service_area',
  'hsds_funding',
  'hsds_accessibility',
  'hsds_organization_identifier',
  'hsds_attribute',
  'hsds_metadata',
];

const TENANT_TABLES = [
  'directory_settings',
  'hsds_organization',
  'hsds_program',
  'hsds_service',
  'hsds_location',
  'hsds_service_at_location',
  'hsds_taxonomy',
  'hsds_taxonomy_term',
  ...OWNED,
  'referral',
  'referral_event',
];

export async function up(db: Kysely<any>): Promise<void> {
  // Per tenant: whether the HSDS API is open to anyone or needs an API token, when an entry goes stale,
  // and how many business days a receiving organization has to accept a referral.
  await sql`CREATE TABLE directory_settings (
      tenant_id uuid PRIMARY KEY REFERENCES tenant(id),
      hsds_public boolean NOT NULL DEFAULT false,
      stale_after_days integer NOT NULL DEFAULT 180 CHECK (stale_after_days BETWEEN 1 AND 3650),
      accept_within_business_days integer NOT NULL DEFAULT 3 CHECK (accept_within_business_days BETWEEN 1 AND 60),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`CREATE TABLE hsds_organization (
      organization_id uuid PRIMARY KEY REFERENCES organization(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      doc jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`CREATE TABLE hsds_program (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid REFERENCES organization(id),
      name text NOT NULL,
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`CREATE TABLE hsds_taxonomy (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      name text NOT NULL,
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // parent_id is not a foreign key: HSDS documents name parents they do not carry.
  await sql`CREATE TABLE hsds_taxonomy_term (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      taxonomy_id uuid REFERENCES hsds_taxonomy(id),
      parent_id uuid,
      code text,
      name text NOT NULL,
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX hsds_taxonomy_term_taxonomy_idx ON hsds_taxonomy_term (taxonomy_id)`.execute(db);
  await sql`CREATE INDEX hsds_taxonomy_term_parent_idx ON hsds_taxonomy_term (parent_id)`.execute(db);

  // Braid's own columns: when the owner last confirmed the entry, capacity for new referrals, the
  // populations it serves, whether the public may refer themselves.
  await sql`CREATE TABLE hsds_service (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid NOT NULL REFERENCES organization(id),
      program_id uuid REFERENCES hsds_program(id),
      name text NOT NULL,
      description text,
      status text NOT NULL,
      minimum_age numeric,
      maximum_age numeric,
      populations text[] NOT NULL DEFAULT '{}',
      verified_at timestamptz,
      open_slots integer CHECK (open_slots >= 0),
      waitlist integer CHECK (waitlist >= 0),
      self_referral boolean NOT NULL DEFAULT false,
      doc jsonb NOT NULL,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX hsds_service_org_idx ON hsds_service (tenant_id, organization_id, name, id)`.execute(db);
  await sql`CREATE INDEX hsds_service_name_idx ON hsds_service (tenant_id, name, id)`.execute(db);
  await sql`CREATE INDEX hsds_service_search_idx ON hsds_service USING gin (search)`.execute(db);
  await sql`CREATE INDEX hsds_service_trgm_idx ON hsds_service USING gin (name gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX hsds_service_updated_idx ON hsds_service (tenant_id, updated_at)`.execute(db);

  await sql`CREATE TABLE hsds_location (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      organization_id uuid REFERENCES organization(id),
      name text,
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX hsds_location_org_idx ON hsds_location (organization_id)`.execute(db);

  await sql`CREATE TABLE hsds_service_at_location (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      service_id uuid NOT NULL REFERENCES hsds_service(id),
      location_id uuid REFERENCES hsds_location(id),
      doc jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX hsds_sal_service_idx ON hsds_service_at_location (service_id)`.execute(db);
  await sql`CREATE INDEX hsds_sal_location_idx ON hsds_service_at_location (location_id)`.execute(db);

  for (const table of OWNED) {
    // ref_id: the one-to-one record an owned record points at (an attribute's taxonomy term).
    await sql`CREATE TABLE ${sql.table(table)} (
        tenant_id uuid NOT NULL REFERENCES tenant(id),
        owner_type text NOT NULL,
        owner_id uuid NOT NULL,
        id uuid NOT NULL,
        position integer NOT NULL,
        ref_id uuid,
        doc jsonb NOT NULL,
        PRIMARY KEY (tenant_id, owner_type, owner_id, id)
      )`.execute(db);
    await sql`CREATE INDEX ${sql.raw(`${table}_owner_idx`)} ON ${sql.table(table)} (owner_id, position)`.execute(db);
  }
  await sql`CREATE INDEX hsds_attribute_term_idx ON hsds_attribute (ref_id, owner_type)`.execute(db);

  // Closed-loop referrals: participant → service of another organization, under a consent.
  await sql`CREATE TABLE referral (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      participant_id uuid REFERENCES participant(id),
      service_id uuid NOT NULL REFERENCES hsds_service(id),
      sender_organization_id uuid REFERENCES organization(id),
      sender_user_id uuid REFERENCES "user"(id),
      receiving_organization_id uuid NOT NULL REFERENCES organization(id),
      consent_id uuid REFERENCES consent(id),
      categories text[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('pending_review', 'sent', 'accepted', 'declined', 'in_progress', 'completed',
        'not_completed', 'deleted')),
      urgency text NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
      reason text NOT NULL,
      notes text,
      due_on date,
      escalated_at timestamptz,
      decline_reason text,
      suggested_service_id uuid REFERENCES hsds_service(id),
      outcome text,
      self_referral jsonb,
      sent_at timestamptz NOT NULL,
      accepted_at timestamptz,
      closed_at timestamptz,
      deleted_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX referral_inbox_idx ON referral (tenant_id, receiving_organization_id, status, sent_at DESC, id)`.execute(db);
  await sql`CREATE INDEX referral_outbox_idx ON referral (tenant_id, sender_organization_id, status, sent_at DESC, id)`.execute(db);
  await sql`CREATE INDEX referral_participant_idx ON referral (participant_id)`.execute(db);
  await sql`CREATE INDEX referral_due_idx ON referral (tenant_id, due_on) WHERE status = 'sent'`.execute(db);

  await sql`CREATE TABLE referral_event (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      referral_id uuid NOT NULL REFERENCES referral(id),
      at timestamptz NOT NULL,
      user_id uuid,
      organization_id uuid,
      status text NOT NULL,
      note text
    )`.execute(db);
  await sql`CREATE INDEX referral_event_referral_idx ON referral_event (referral_id, at)`.execute(db);

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
