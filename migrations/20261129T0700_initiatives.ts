import { type Kysely, sql } from 'kysely';

// Partnership: initiatives, the jurisdictions their regions are built of, partners with their
// commitments, and uploaded documents. Frozen: never import app code.

const TENANT_TABLES = [
  'stored_file',
  'jurisdiction',
  'initiative',
  'region_jurisdiction',
  'initiative_partner',
  'partner_commitment',
  'initiative_document',
];

export async function up(db: Kysely<any>): Promise<void> {
  // File contents live in the database, not the data folder: app processes stay stateless (any
  // number can share one PostgreSQL), backups and tenant isolation (RLS) cover the files too.
  await sql`CREATE TABLE stored_file (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      filename text NOT NULL,
      content_type text NOT NULL,
      byte_size integer NOT NULL CHECK (byte_size >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Counties and states come from the code lists and are created on first use; workforce areas are
  // defined by the tenant (a code, a name and the counties they cover).
  await sql`CREATE TABLE jurisdiction (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      kind text NOT NULL CHECK (kind IN ('county', 'state', 'workforce_area')),
      code text NOT NULL,
      name text NOT NULL,
      state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
      county_fips text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, kind, code)
    )`.execute(db);

  await sql`CREATE TABLE initiative (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      name text NOT NULL,
      sector text NOT NULL,
      naics_codes text[] NOT NULL DEFAULT '{}',
      description text,
      goals text[] NOT NULL DEFAULT '{}',
      starts_on date NOT NULL,
      ends_on date,
      status text NOT NULL CHECK (status IN ('planning', 'active', 'sustaining', 'closed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`.execute(db);
  await sql`CREATE INDEX initiative_tenant_name_idx ON initiative (tenant_id, name, id)`.execute(db);

  await sql`CREATE TABLE region_jurisdiction (
      initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
      jurisdiction_id uuid NOT NULL REFERENCES jurisdiction(id),
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      PRIMARY KEY (initiative_id, jurisdiction_id)
    )`.execute(db);
  await sql`CREATE INDEX region_jurisdiction_jurisdiction_idx ON region_jurisdiction (jurisdiction_id)`.execute(db);

  // One row per role: an organization may be both a funder and a lead employer of an initiative.
  await sql`CREATE TABLE initiative_partner (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      role text NOT NULL CHECK (role IN ('lead_employer', 'training_partner', 'community_partner', 'public_agency',
        'funder', 'union', 'economic_development')),
      agreement_signed_on date,
      agreement_starts_on date,
      agreement_ends_on date,
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (initiative_id, organization_id, role),
      CHECK (agreement_ends_on IS NULL OR agreement_starts_on IS NULL OR agreement_ends_on >= agreement_starts_on)
    )`.execute(db);
  await sql`CREATE INDEX initiative_partner_org_idx ON initiative_partner (organization_id, initiative_id)`.execute(db);

  // What a partner promised the initiative (named partner_commitment so the employer module's
  // hiring commitments can own "commitment").
  await sql`CREATE TABLE partner_commitment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_partner_id uuid NOT NULL REFERENCES initiative_partner(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('hires', 'work_based_learning', 'training_seats', 'funding', 'in_kind',
        'data_sharing', 'other')),
      description text NOT NULL,
      quantity integer CHECK (quantity >= 0),
      amount_cents bigint CHECK (amount_cents >= 0),
      due_on date,
      status text NOT NULL CHECK (status IN ('committed', 'in_progress', 'fulfilled', 'lapsed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX partner_commitment_partner_idx ON partner_commitment (initiative_partner_id)`.execute(db);

  await sql`CREATE TABLE initiative_document (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
      initiative_partner_id uuid REFERENCES initiative_partner(id) ON DELETE SET NULL,
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('agreement', 'mou', 'charter', 'report', 'other')),
      file_id uuid NOT NULL REFERENCES stored_file(id),
      created_by uuid REFERENCES "user"(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX initiative_document_initiative_idx ON initiative_document (initiative_id, created_at)`.execute(db);

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
