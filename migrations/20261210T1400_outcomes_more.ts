import { type Kysely, sql } from 'kysely';

// Employer penetration (issue 7) needs the number of establishments in the region the partnership
// serves: one row per county, kept by the tenant's administrators from a published source (Census County
// Business Patterns or BLS QCEW establishment counts, for the sector the initiative serves).
// Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE region_establishment (
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      county_fips text NOT NULL CHECK (county_fips ~ '^\\d{5}$'),
      establishments integer NOT NULL CHECK (establishments >= 0 AND establishments <= 10000000),
      reference_year integer NOT NULL CHECK (reference_year BETWEEN 1990 AND 2100),
      source text,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, county_fips)
    )`.execute(db);
  await sql`ALTER TABLE region_establishment ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE region_establishment FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON region_establishment
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
  // Referral completion counts referrals closed in a window.
  await sql`CREATE INDEX referral_closed_idx ON referral (tenant_id, closed_at) WHERE closed_at IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
