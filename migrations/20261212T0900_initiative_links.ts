import { type Kysely, sql } from 'kysely';

// Participants belong to a sector initiative through their periods of participation (issues 5 and 7): a
// person enrolled by a provider that serves several initiatives is counted only in the initiative their
// period names, so an organization-based filter would be wrong for people. Targets can then be set per
// initiative and per funding stream (the grant a period is charged to). Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE program_participation ADD COLUMN initiative_id uuid REFERENCES initiative(id)`.execute(db);
  await sql`CREATE INDEX program_participation_initiative_idx ON program_participation (tenant_id, initiative_id, participant_id)
      WHERE initiative_id IS NOT NULL`.execute(db);

  await sql`ALTER TABLE outcome_target DROP CONSTRAINT outcome_target_scope_check`.execute(db);
  await sql`ALTER TABLE outcome_target ADD CONSTRAINT outcome_target_scope_check
      CHECK (scope IN ('partnership', 'program', 'provider', 'initiative', 'funding_stream'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
