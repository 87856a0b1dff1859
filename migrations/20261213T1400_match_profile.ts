import { type Kysely, sql } from 'kysely';

// Candidate matching reads one narrow row per participant instead of joining job preferences, plan goals,
// credentials and completed training for every consented participant (docs/matching.md "Speed"). The row
// is derived data: it is recomputed from those tables by statement-level triggers on each of them, in the
// writing transaction, so every write path (services, imports, seeds, scripts) keeps it in step and it
// can never drift. Consent and the participant's county, status and name are not copied: they are read
// when the ranking runs, so a revocation or an expiry date passing counts on the next ranking.
// Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE participant_match_profile (
      participant_id uuid PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      -- target occupations (job preferences and open plan goals): detailed codes, broad groups (29-206), minor groups (29-2)
      target_socs text[] NOT NULL DEFAULT '{}',
      target_broad text[] NOT NULL DEFAULT '{}',
      target_minor text[] NOT NULL DEFAULT '{}',
      -- the titles of the credentials held, lower case, one a line; null when none
      credential_titles text,
      -- completed any training; the broad groups the completed programs aim at
      trained boolean NOT NULL DEFAULT false,
      training_broad text[] NOT NULL DEFAULT '{}',
      -- from the job preference: shifts (null when none recorded) and lowest acceptable hourly wage
      shifts text[],
      min_wage_cents integer,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`ALTER TABLE participant_match_profile ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE participant_match_profile FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON participant_match_profile
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);

  // Recomputes the rows of the given participants from the source tables (an upsert; a participant that
  // no longer exists is skipped, its row goes with it by the foreign key).
  await sql`CREATE FUNCTION braid_match_profile_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO participant_match_profile AS m (participant_id, tenant_id, target_socs, target_broad, target_minor,
      credential_titles, trained, training_broad, shifts, min_wage_cents, updated_at)
    SELECT p.id, p.tenant_id, coalesce(t.socs, '{}'), coalesce(t.broad, '{}'), coalesce(t.minor, '{}'),
      (SELECT string_agg(lower(cr.title), E'\\n' ORDER BY lower(cr.title)) FROM credential cr WHERE cr.participant_id = p.id),
      EXISTS (SELECT 1 FROM training_enrollment te WHERE te.participant_id = p.id AND te.status = 'completed'),
      ARRAY(SELECT DISTINCT left(s, 6) FROM training_enrollment te
        JOIN training_program tp ON tp.id = te.training_program_id, unnest(tp.target_soc_codes) s
        WHERE te.participant_id = p.id AND te.status = 'completed' ORDER BY 1),
      nullif(jp.shifts, '{}'), jp.min_hourly_wage_cents, now()
    FROM participant p
    LEFT JOIN job_preference jp ON jp.participant_id = p.id
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT x.soc ORDER BY x.soc) AS socs, array_agg(DISTINCT left(x.soc, 6)) AS broad,
        array_agg(DISTINCT left(x.soc, 4)) AS minor
      FROM (
        SELECT unnest(jp.soc_codes) AS soc
        UNION ALL
        SELECT g.soc_code FROM plan_goal g WHERE g.participant_id = p.id AND g.status = 'open' AND g.soc_code IS NOT NULL
      ) x WHERE x.soc IS NOT NULL
    ) t ON true
    WHERE p.id = ANY (ids)
    ON CONFLICT (participant_id) DO UPDATE SET target_socs = EXCLUDED.target_socs, target_broad = EXCLUDED.target_broad,
      target_minor = EXCLUDED.target_minor, credential_titles = EXCLUDED.credential_titles, trained = EXCLUDED.trained,
      training_broad = EXCLUDED.training_broad, shifts = EXCLUDED.shifts, min_wage_cents = EXCLUDED.min_wage_cents,
      updated_at = EXCLUDED.updated_at
  $$`.execute(db);

  // One trigger per table and event (a trigger with transition tables has one event): the participants
  // the statement touched are refreshed once, however many rows it wrote (bulk loads stay one statement).
  await sql`CREATE FUNCTION braid_match_profile_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM braid_match_profile_refresh(ARRAY(SELECT DISTINCT participant_id FROM new_rows));
      ELSIF TG_OP = 'UPDATE' THEN
        PERFORM braid_match_profile_refresh(ARRAY(SELECT participant_id FROM new_rows UNION SELECT participant_id FROM old_rows));
      ELSE
        PERFORM braid_match_profile_refresh(ARRAY(SELECT DISTINCT participant_id FROM old_rows));
      END IF;
      RETURN NULL;
    END
  $$`.execute(db);
  for (const table of ['job_preference', 'plan_goal', 'credential', 'training_enrollment']) {
    const t = sql.table(table);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_match_profile_ins`)} AFTER INSERT ON ${t}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION braid_match_profile_sync()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_match_profile_upd`)} AFTER UPDATE ON ${t}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION braid_match_profile_sync()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_match_profile_del`)} AFTER DELETE ON ${t}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION braid_match_profile_sync()`.execute(db);
  }
  // A program's target occupations decide whether its completers' training is related to a job.
  await sql`CREATE FUNCTION braid_match_profile_program_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM braid_match_profile_refresh(ARRAY(
        SELECT DISTINCT te.participant_id FROM training_enrollment te
        JOIN new_rows n ON n.id = te.training_program_id
        JOIN old_rows o ON o.id = n.id
        WHERE te.status = 'completed' AND n.target_soc_codes IS DISTINCT FROM o.target_soc_codes));
      RETURN NULL;
    END
  $$`.execute(db);
  await sql`CREATE TRIGGER training_program_match_profile_upd AFTER UPDATE ON training_program
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION braid_match_profile_program_sync()`.execute(
    db,
  );

  // Backfill: every participant who has any of the facts (the others score as "nothing known" without a row).
  await sql`SELECT braid_match_profile_refresh(ARRAY(
      SELECT participant_id FROM job_preference UNION SELECT participant_id FROM plan_goal
      UNION SELECT participant_id FROM credential UNION SELECT participant_id FROM training_enrollment))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
