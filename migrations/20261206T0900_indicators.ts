import { type Kysely, sql } from 'kysely';

// Outcome targets (issue 7): the level a partnership aims at for an indicator in a program year, for the
// whole partnership, one WIOA program or one provider. Rates are percents, medians dollars.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE outcome_target (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      indicator text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('partnership', 'program', 'provider')),
      -- partnership: '' ; program: adult, dw or youth; provider: the organization's id.
      scope_key text NOT NULL DEFAULT '',
      program_year integer NOT NULL CHECK (program_year BETWEEN 2000 AND 2100),
      target numeric(12, 2) NOT NULL CHECK (target >= 0),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, program_year, indicator, scope, scope_key)
    )`.execute(db);
  await sql`ALTER TABLE outcome_target ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE outcome_target FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON outcome_target
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
