import { type Kysely, sql } from 'kysely';

// Business days that know the partnership's holidays (issue 6): a tenant's own calendar of days off,
// skipped by every business-day count (referral deadlines, escalation, reports). And the language an
// employer contact reads (issue 4), so a needs survey reaches them in it; users already have `locale`.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE tenant_holiday (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      day date NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, day)
    )`.execute(db);
  await sql`ALTER TABLE tenant_holiday ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE tenant_holiday FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON tenant_holiday
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);

  await sql`ALTER TABLE contact ADD COLUMN preferred_language text NOT NULL DEFAULT 'en'
      CHECK (preferred_language IN ('en', 'es'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
