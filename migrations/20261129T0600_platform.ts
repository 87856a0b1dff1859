import { type Kysely, sql } from 'kysely';

// Platform tables: tenants, people, organizations, sessions, tokens, audit. Frozen: never import app code.

const TENANT_TABLES = ['user', 'organization', 'membership', 'session', 'api_token', 'user_token', 'audit_event'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'braid_app') THEN
        CREATE ROLE braid_app NOLOGIN NOBYPASSRLS NOSUPERUSER;
      END IF;
    END $$`.execute(db);
  // A non-superuser owner must be a member of braid_app to SET ROLE to it.
  await sql`DO $$ BEGIN
      EXECUTE format('GRANT braid_app TO %I', current_user);
    EXCEPTION WHEN others THEN NULL;
    END $$`.execute(db);

  await sql`CREATE FUNCTION braid_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('braid.tenant_id', true), '')::uuid $$`.execute(db);

  await sql`CREATE TABLE tenant (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`CREATE TABLE "user" (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      phone_enc text,
      status text NOT NULL CHECK (status IN ('active', 'invited', 'disabled')),
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
      last_sign_in_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // One account per email across the deployment, so sign-in needs no tenant picker.
  await sql`CREATE UNIQUE INDEX user_email_key ON "user" (lower(email))`.execute(db);
  await sql`CREATE INDEX user_tenant_name_idx ON "user" (tenant_id, name, id)`.execute(db);

  await sql`CREATE TABLE organization (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('intermediary','employer','training_provider','education','community_org',
        'public_agency','funder','union','economic_development')),
      description text,
      ein text CHECK (ein ~ '^\\d{2}-\\d{7}$'),
      naics text CHECK (naics ~ '^\\d{2,6}$'),
      email text,
      website text,
      phone text,
      address_line1 text,
      city text,
      state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
      postal_code text,
      county_fips text CHECK (county_fips ~ '^\\d{5}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX organization_tenant_name_idx ON organization (tenant_id, name, id)`.execute(db);
  await sql`CREATE INDEX organization_name_trgm_idx ON organization USING gin (name gin_trgm_ops)`.execute(db);

  await sql`CREATE TABLE membership (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organization(id),
      role text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, organization_id, role)
    )`.execute(db);
  await sql`CREATE INDEX membership_org_idx ON membership (organization_id)`.execute(db);

  await sql`CREATE TABLE session (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`CREATE INDEX session_user_idx ON session (user_id) WHERE revoked_at IS NULL`.execute(db);

  await sql`CREATE TABLE api_token (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`CREATE TABLE user_token (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      user_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
      token_hash bytea NOT NULL UNIQUE,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`.execute(db);

  await sql`CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      seq bigint NOT NULL,
      occurred_at timestamptz NOT NULL,
      actor_user_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      personal_data boolean NOT NULL DEFAULT false,
      details jsonb NOT NULL DEFAULT '{}',
      ip text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (tenant_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX audit_event_entity_idx ON audit_event (tenant_id, entity_type, entity_id)`.execute(db);
  await sql`CREATE FUNCTION braid_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION braid_audit_immutable()`.execute(db);
  await sql`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION braid_audit_immutable()`.execute(db);

  // Sliding-window counters for sign-in throttling; keys are hashes, not emails or addresses.
  await sql`CREATE TABLE rate_limit_bucket (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      count integer NOT NULL
    )`.execute(db);

  // Row-level security: ENABLE + FORCE on every tenant table, one policy each.
  for (const table of TENANT_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`CREATE POLICY tenant_isolation ON ${sql.table(table)}
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
  }
  await sql`ALTER TABLE tenant ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE tenant FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_self ON tenant USING (id = braid_current_tenant())`.execute(db);

  // The few look-ups that must find a tenant before one is set. Each returns only ids, from an
  // unguessable hash or the sign-in email; everything else happens under RLS.
  await sql`CREATE FUNCTION braid_tenant_for_email(p_email text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT tenant_id FROM "user" WHERE lower(email) = lower(p_email) $$`.execute(db);
  await sql`CREATE FUNCTION braid_tenant_for_session(p_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT tenant_id FROM session WHERE token_hash = p_hash $$`.execute(db);
  await sql`CREATE FUNCTION braid_tenant_for_api_token(p_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT tenant_id FROM api_token WHERE token_hash = p_hash $$`.execute(db);
  await sql`CREATE FUNCTION braid_tenant_for_user_token(p_hash bytea) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT tenant_id FROM user_token WHERE token_hash = p_hash $$`.execute(db);

  await sql`GRANT USAGE ON SCHEMA public TO braid_app`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO braid_app`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM braid_app`.execute(db);
  await sql`REVOKE INSERT, UPDATE, DELETE ON tenant FROM braid_app`.execute(db);
  await sql`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO braid_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO braid_app`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO braid_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
