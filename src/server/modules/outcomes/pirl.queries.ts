import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/tenant.ts';
import { periodSource } from './periods.queries.ts';

// PIRL import and export, set-based: rows are validated in Node and staged into a temporary table,
// then a fixed number of statements apply the whole file, so a million periods cost a few scans
// rather than a million round trips. Every write compares before it writes (IS DISTINCT FROM), which
// is what makes re-importing the same file change nothing.

/** A validated row as staged (see pirl.service.ts stageRow). */
export interface StagedRow {
  line: number;
  pirl_id: string;
  dob_enc: string | null;
  dob_hash: string | null;
  sex: string | null;
  hispanic: string | null;
  race: string[];
  race_eth: string[];
  race_given: boolean;
  entry: string;
  exit: string | null;
  adult: string;
  dw: string;
  youth: string;
  r923: string;
  exit_reason: string | null;
  e1811: string | null;
  e1813: string | null;
  c_code: string;
  c_type: string | null;
  c_title: string | null;
  c_date: string | null;
  cred_id: string;
  sg_types: string[];
  sg_dates: string[];
  sg_ids: string[];
  emp1: string;
  emp2: string;
  emp3: string;
  emp4: string;
  ret: string;
  w1: string;
  w2: string;
  w3: string;
  w4: string;
  w2_cents: number | null;
  pl2: string;
  pl4: string;
  new_participant_id: string;
  new_participation_id: string;
}

const STAGE_COLUMNS = sql.raw(`line int, pirl_id text, dob_enc text, dob_hash text, sex text, hispanic text, race text[],
  race_eth text[], race_given boolean, entry date, exit date, adult text, dw text, youth text, r923 text, exit_reason text,
  e1811 date, e1813 date, c_code text, c_type text, c_title text, c_date date, cred_id uuid, sg_types text[], sg_dates date[],
  sg_ids uuid[], emp1 text, emp2 text, emp3 text, emp4 text, ret text, w1 text, w2 text, w3 text, w4 text, w2_cents bigint,
  pl2 text, pl4 text, new_participant_id uuid, new_participation_id uuid`);

/** The staging table lives for this transaction only, and only this session sees it. */
export async function createStage(tx: Tx): Promise<void> {
  await sql`CREATE TEMP TABLE pirl_stage (${STAGE_COLUMNS}, streams uuid[] NOT NULL DEFAULT '{}', participant_id uuid,
    participation_id uuid, existing_person boolean NOT NULL DEFAULT false, link_person boolean NOT NULL DEFAULT false,
    changed boolean NOT NULL DEFAULT false) ON COMMIT DROP`.execute(tx);
}

/** One batch as a single JSON parameter: no limit on parameters, one round trip. */
export async function stageRows(tx: Tx, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`INSERT INTO pirl_stage (${sql.raw(STAGE_NAMES)})
    SELECT ${sql.raw(STAGE_NAMES)} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${STAGE_COLUMNS})`.execute(tx);
}
const STAGE_NAMES = `line, pirl_id, dob_enc, dob_hash, sex, hispanic, race, race_eth, race_given, entry, exit, adult, dw, youth,
  r923, exit_reason, e1811, e1813, c_code, c_type, c_title, c_date, cred_id, sg_types, sg_dates, sg_ids, emp1, emp2, emp3, emp4,
  ret, w1, w2, w3, w4, w2_cents, pl2, pl4, new_participant_id, new_participation_id`;

export interface CrossRowError {
  line: number;
  element: string;
  first_line: number;
}

/**
 * Rows that contradict an earlier row of the file: the same period twice, or one person (100) with
 * two different birth dates, sexes or race/ethnicity answers. The earlier line wins.
 */
export async function crossRowErrors(tx: Tx): Promise<CrossRowError[]> {
  const { rows } = await sql<CrossRowError>`
    WITH w AS (
      SELECT line, pirl_id,
        first_value(line) OVER (PARTITION BY pirl_id, entry ORDER BY line) AS dup_first,
        dob_hash, first_value(dob_hash) OVER (PARTITION BY pirl_id ORDER BY dob_hash IS NULL, line) AS dob_first,
        first_value(line) OVER (PARTITION BY pirl_id ORDER BY dob_hash IS NULL, line) AS dob_line,
        sex, first_value(sex) OVER (PARTITION BY pirl_id ORDER BY sex IS NULL, line) AS sex_first,
        first_value(line) OVER (PARTITION BY pirl_id ORDER BY sex IS NULL, line) AS sex_line,
        CASE WHEN race_given THEN race_eth END AS race_eth,
        first_value(CASE WHEN race_given THEN race_eth END) OVER (PARTITION BY pirl_id ORDER BY NOT race_given, line) AS race_first,
        first_value(line) OVER (PARTITION BY pirl_id ORDER BY NOT race_given, line) AS race_line
      FROM pirl_stage
    )
    SELECT line, '900' AS element, dup_first AS first_line FROM w WHERE line <> dup_first
    UNION ALL SELECT line, '200', dob_line FROM w WHERE dob_hash IS NOT NULL AND dob_hash <> dob_first
    UNION ALL SELECT line, '201', sex_line FROM w WHERE sex IS NOT NULL AND sex <> sex_first
    UNION ALL SELECT line, '210a-210g', race_line FROM w WHERE race_eth IS NOT NULL AND race_eth <> race_first
    ORDER BY line, element`.execute(tx);
  return rows;
}

export async function dropStagedLines(tx: Tx, lines: number[]): Promise<void> {
  if (lines.length === 0) return;
  await sql`DELETE FROM pirl_stage WHERE line = ANY(${lines}::int[])`.execute(tx);
}

export async function stagedPrograms(tx: Tx): Promise<{ adult: boolean; dw: boolean; youth: boolean; rows: number }> {
  const { rows } = await sql<{ adult: boolean | null; dw: boolean | null; youth: boolean | null; rows: number }>`
    SELECT bool_or(adult IN ('1','2','3')) AS adult, bool_or(dw IN ('1','2','3','4')) AS dw,
      bool_or(youth IN ('1','2','3')) AS youth, count(*) AS rows FROM pirl_stage`.execute(tx);
  const r = rows[0];
  return { adult: !!r.adult, dw: !!r.dw, youth: !!r.youth, rows: Number(r.rows) };
}

export interface Streams {
  adult: string | null;
  dw: string | null;
  youth: string | null;
}

/**
 * Writes the staged file. Returns how many rows created or changed something. Order matters: persons,
 * then periods, then what hangs off a period.
 */
export async function applyStage(
  tx: Tx,
  p: { tenantId: string; ownerOrganizationId: string; userId: string | null; importRunId: string; streams: Streams },
): Promise<{ changed: number; unchanged: number; newParticipants: number; newPeriods: number }> {
  const t = p.tenantId;
  const wioa = [p.streams.adult, p.streams.dw, p.streams.youth].filter((s): s is string => !!s);
  const markChanged = (cte: ReturnType<typeof sql>, key: 'participant_id' | 'participation_id') =>
    sql`WITH c AS (${cte}) UPDATE pirl_stage s SET changed = true FROM (SELECT DISTINCT k FROM c) d
      WHERE s.${sql.ref(key)} = d.k AND NOT s.changed`.execute(tx);

  await sql`UPDATE pirl_stage SET streams = ARRAY(SELECT x FROM unnest(ARRAY[
      CASE WHEN adult IN ('1','2','3') THEN ${p.streams.adult}::uuid END,
      CASE WHEN dw IN ('1','2','3','4') THEN ${p.streams.dw}::uuid END,
      CASE WHEN youth IN ('1','2','3') THEN ${p.streams.youth}::uuid END]) x WHERE x IS NOT NULL ORDER BY x)`.execute(tx);

  // Persons: by PIRL 100; else a Braid participant exported under its own id; else new.
  await sql`UPDATE pirl_stage s SET participant_id = pp.participant_id, existing_person = true
    FROM pirl_person pp WHERE pp.tenant_id = ${t} AND pp.pirl_id = s.pirl_id`.execute(tx);
  await sql`UPDATE pirl_stage s SET participant_id = pa.id, existing_person = true, link_person = true
    FROM participant pa
    WHERE s.participant_id IS NULL AND pa.tenant_id = ${t} AND pa.status <> 'merged'
      AND pa.id = CASE WHEN s.pirl_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN s.pirl_id::uuid END`.execute(
    tx,
  );
  await sql`UPDATE pirl_stage s SET participant_id = f.id
    FROM (SELECT DISTINCT ON (pirl_id) pirl_id, new_participant_id AS id FROM pirl_stage WHERE participant_id IS NULL
      ORDER BY pirl_id, line) f
    WHERE s.participant_id IS NULL AND s.pirl_id = f.pirl_id`.execute(tx);

  // A person's data comes from the first line that gives it (the file was checked to agree).
  const facts = (which: ReturnType<typeof sql>) => sql`
    (SELECT e.participant_id, e.pirl_id, d.dob_enc, d.dob_hash, x.sex, r.hispanic, r.race, r.race_eth, r.participant_id IS NOT NULL AS race_given
     FROM (SELECT DISTINCT ON (participant_id) participant_id, pirl_id FROM pirl_stage WHERE ${which} ORDER BY participant_id, line) e
     LEFT JOIN (SELECT DISTINCT ON (participant_id) participant_id, dob_enc, dob_hash FROM pirl_stage
                WHERE ${which} AND dob_hash IS NOT NULL ORDER BY participant_id, line) d ON d.participant_id = e.participant_id
     LEFT JOIN (SELECT DISTINCT ON (participant_id) participant_id, sex FROM pirl_stage
                WHERE ${which} AND sex IS NOT NULL ORDER BY participant_id, line) x ON x.participant_id = e.participant_id
     LEFT JOIN (SELECT DISTINCT ON (participant_id) participant_id, hispanic, race, race_eth FROM pirl_stage
                WHERE ${which} AND race_given ORDER BY participant_id, line) r ON r.participant_id = e.participant_id)`;
  const newParticipants = await sql`
    INSERT INTO participant (id, tenant_id, owner_organization_id, status, first_name, last_name, dob_enc, dob_hash, sex,
      hispanic, race, external_id, created_by)
    SELECT f.participant_id, ${t}, ${p.ownerOrganizationId}, CASE WHEN o.open THEN 'enrolled' ELSE 'exited' END, 'PIRL', f.pirl_id,
      f.dob_enc, f.dob_hash, f.sex, f.hispanic, coalesce(f.race, '{}'), f.pirl_id, ${p.userId}
    FROM ${facts(sql`NOT existing_person`)} f
    JOIN (SELECT participant_id, bool_or(exit IS NULL) AS open FROM pirl_stage WHERE NOT existing_person GROUP BY participant_id) o
      ON o.participant_id = f.participant_id`.execute(tx);
  await sql`
    INSERT INTO pirl_person (participant_id, tenant_id, pirl_id, race_ethnicity)
    SELECT f.participant_id, ${t}, f.pirl_id, coalesce(f.race_eth, '{}')
    FROM ${facts(sql`(NOT existing_person OR link_person)`)} f
    ON CONFLICT (participant_id) DO NOTHING`.execute(tx);
  await sql`UPDATE pirl_stage SET changed = true WHERE NOT existing_person OR link_person`.execute(tx);

  // Existing persons: what the file gives replaces what Braid has; a blank never erases.
  await markChanged(
    sql`UPDATE participant pa SET
        dob_enc = CASE WHEN f.dob_hash IS NOT NULL AND f.dob_hash IS DISTINCT FROM pa.dob_hash THEN f.dob_enc ELSE pa.dob_enc END,
        dob_hash = coalesce(f.dob_hash, pa.dob_hash),
        sex = coalesce(f.sex, pa.sex),
        hispanic = CASE WHEN f.race_given THEN f.hispanic ELSE pa.hispanic END,
        race = CASE WHEN f.race_given THEN f.race ELSE pa.race END,
        updated_at = now()
      FROM ${facts(sql`existing_person`)} f
      WHERE pa.id = f.participant_id AND pa.tenant_id = ${t}
        AND ((f.dob_hash IS NOT NULL AND f.dob_hash IS DISTINCT FROM pa.dob_hash)
          OR (f.sex IS NOT NULL AND f.sex IS DISTINCT FROM pa.sex)
          OR (f.race_given AND (f.hispanic IS DISTINCT FROM pa.hispanic OR f.race IS DISTINCT FROM pa.race)))
      RETURNING pa.id AS k`,
    'participant_id',
  );
  await markChanged(
    sql`UPDATE pirl_person pp SET race_ethnicity = f.race_eth, updated_at = now()
      FROM ${facts(sql`existing_person`)} f
      WHERE pp.participant_id = f.participant_id AND f.race_given AND pp.race_ethnicity IS DISTINCT FROM f.race_eth
      RETURNING pp.participant_id AS k`,
    'participant_id',
  );

  // Periods: keyed by (person, 900). A Braid participation with that entry date is the same period.
  await sql`UPDATE pirl_stage s SET participation_id = m.id
    FROM (SELECT DISTINCT ON (pp.participant_id, pp.entry_date) pp.participant_id, pp.entry_date, pp.id
          FROM program_participation pp
          LEFT JOIN pirl_period x ON x.participation_id = pp.id
          WHERE pp.tenant_id = ${t} AND pp.participant_id IN (SELECT participant_id FROM pirl_stage WHERE existing_person)
          ORDER BY pp.participant_id, pp.entry_date, x.participation_id IS NULL, pp.created_at, pp.id) m
    WHERE s.existing_person AND m.participant_id = s.participant_id AND m.entry_date = s.entry`.execute(tx);
  await markChanged(
    sql`UPDATE program_participation pp SET exit_date = s.exit, exit_reason = s.exit_reason,
        funding_stream_ids = ARRAY(SELECT DISTINCT x FROM unnest(pp.funding_stream_ids || s.streams) x
          WHERE x = ANY(s.streams) OR x <> ALL(${wioa}::uuid[]) ORDER BY x)
      FROM pirl_stage s
      WHERE pp.id = s.participation_id
        AND (pp.exit_date IS DISTINCT FROM s.exit OR pp.exit_reason IS DISTINCT FROM s.exit_reason
          OR NOT pp.funding_stream_ids @> s.streams
          OR EXISTS (SELECT 1 FROM unnest(pp.funding_stream_ids) y WHERE y = ANY(${wioa}::uuid[]) AND y <> ALL(s.streams)))
      RETURNING pp.id AS k`,
    'participation_id',
  );
  await sql`UPDATE pirl_stage SET participation_id = new_participation_id, changed = true WHERE participation_id IS NULL`.execute(tx);
  const newPeriods = await sql`
    INSERT INTO program_participation (id, tenant_id, participant_id, entry_date, exit_date, exit_reason, funding_stream_ids, created_by)
    SELECT s.participation_id, ${t}, s.participant_id, s.entry, s.exit, s.exit_reason, s.streams, ${p.userId}
    FROM pirl_stage s WHERE s.participation_id = s.new_participation_id`.execute(tx);

  await markChanged(
    sql`INSERT INTO pirl_period AS pr (participation_id, tenant_id, participant_id, pirl_id, adult, dislocated_worker, youth,
        other_exit_reason, training_entered_on, training_completed_on, credential_code, employed_q1, employed_q2, employed_q3,
        employed_q4, retained_same_employer, wages_q1, wages_q2, wages_q3, wages_q4, wages_q2_cents, placement_q2, placement_q4,
        import_run_id, source_line)
      SELECT s.participation_id, ${t}, s.participant_id, s.pirl_id, s.adult, s.dw, s.youth, s.r923, s.e1811, s.e1813, s.c_code,
        s.emp1, s.emp2, s.emp3, s.emp4, s.ret, s.w1, s.w2, s.w3, s.w4, s.w2_cents, s.pl2, s.pl4, ${p.importRunId}, s.line
      FROM pirl_stage s
      ON CONFLICT (participation_id) DO UPDATE SET pirl_id = EXCLUDED.pirl_id, adult = EXCLUDED.adult,
        dislocated_worker = EXCLUDED.dislocated_worker, youth = EXCLUDED.youth, other_exit_reason = EXCLUDED.other_exit_reason,
        training_entered_on = EXCLUDED.training_entered_on, training_completed_on = EXCLUDED.training_completed_on,
        credential_code = EXCLUDED.credential_code, employed_q1 = EXCLUDED.employed_q1, employed_q2 = EXCLUDED.employed_q2,
        employed_q3 = EXCLUDED.employed_q3, employed_q4 = EXCLUDED.employed_q4,
        retained_same_employer = EXCLUDED.retained_same_employer, wages_q1 = EXCLUDED.wages_q1, wages_q2 = EXCLUDED.wages_q2,
        wages_q3 = EXCLUDED.wages_q3, wages_q4 = EXCLUDED.wages_q4, wages_q2_cents = EXCLUDED.wages_q2_cents,
        placement_q2 = EXCLUDED.placement_q2, placement_q4 = EXCLUDED.placement_q4, import_run_id = EXCLUDED.import_run_id,
        source_line = EXCLUDED.source_line, updated_at = now()
      WHERE (pr.pirl_id, pr.adult, pr.dislocated_worker, pr.youth, pr.other_exit_reason, pr.training_entered_on,
          pr.training_completed_on, pr.credential_code, pr.employed_q1, pr.employed_q2, pr.employed_q3, pr.employed_q4,
          pr.retained_same_employer, pr.wages_q1, pr.wages_q2, pr.wages_q3, pr.wages_q4, pr.placement_q2, pr.placement_q4)
        IS DISTINCT FROM (EXCLUDED.pirl_id, EXCLUDED.adult, EXCLUDED.dislocated_worker, EXCLUDED.youth, EXCLUDED.other_exit_reason,
          EXCLUDED.training_entered_on, EXCLUDED.training_completed_on, EXCLUDED.credential_code, EXCLUDED.employed_q1,
          EXCLUDED.employed_q2, EXCLUDED.employed_q3, EXCLUDED.employed_q4, EXCLUDED.retained_same_employer, EXCLUDED.wages_q1,
          EXCLUDED.wages_q2, EXCLUDED.wages_q3, EXCLUDED.wages_q4, EXCLUDED.placement_q2, EXCLUDED.placement_q4)
      RETURNING pr.participation_id AS k`,
    'participation_id',
  );

  // 1800/1801 and 1806-1810 live in Braid's credential and skill_gain tables, tied to the period.
  await markChanged(
    sql`DELETE FROM credential c USING pirl_stage s
      WHERE c.program_participation_id = s.participation_id
        AND (s.c_type IS NULL OR c.type <> s.c_type OR c.attained_on <> s.c_date)
      RETURNING c.program_participation_id AS k`,
    'participation_id',
  );
  await markChanged(
    sql`INSERT INTO credential (id, tenant_id, participant_id, type, title, attained_on, program_participation_id, created_by)
      SELECT s.cred_id, ${t}, s.participant_id, s.c_type, s.c_title, s.c_date, s.participation_id, ${p.userId}
      FROM pirl_stage s
      WHERE s.c_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.program_participation_id = s.participation_id
        AND c.type = s.c_type AND c.attained_on = s.c_date)
      RETURNING program_participation_id AS k`,
    'participation_id',
  );
  await markChanged(
    sql`DELETE FROM skill_gain g USING pirl_stage s
      WHERE g.program_participation_id = s.participation_id
        AND NOT EXISTS (SELECT 1 FROM unnest(s.sg_types, s.sg_dates) d(type, on_date) WHERE d.type = g.type AND d.on_date = g.achieved_on)
      RETURNING g.program_participation_id AS k`,
    'participation_id',
  );
  await markChanged(
    sql`INSERT INTO skill_gain (id, tenant_id, participant_id, type, achieved_on, program_participation_id, created_by)
      SELECT d.id, ${t}, s.participant_id, d.type, d.on_date, s.participation_id, ${p.userId}
      FROM pirl_stage s CROSS JOIN LATERAL unnest(s.sg_types, s.sg_dates, s.sg_ids) AS d(type, on_date, id)
      WHERE NOT EXISTS (SELECT 1 FROM skill_gain g WHERE g.program_participation_id = s.participation_id
        AND g.type = d.type AND g.achieved_on = d.on_date)
      RETURNING program_participation_id AS k`,
    'participation_id',
  );

  // A person with an open period is enrolled; one whose periods have all ended has exited. New persons
  // were inserted with the right status; only those Braid already had may change.
  await sql`UPDATE participant pa SET status = v.status, updated_at = now()
    FROM (SELECT f.participant_id,
            CASE WHEN EXISTS (SELECT 1 FROM program_participation pp WHERE pp.participant_id = f.participant_id AND pp.exit_date IS NULL)
              THEN 'enrolled' ELSE 'exited' END AS status
          FROM (SELECT DISTINCT participant_id FROM pirl_stage WHERE existing_person) f) v
    WHERE pa.id = v.participant_id AND pa.status <> 'merged' AND pa.status <> v.status`.execute(tx);

  const { rows } = await sql<{ changed: number; unchanged: number }>`
    SELECT count(*) FILTER (WHERE changed) AS changed, count(*) FILTER (WHERE NOT changed) AS unchanged FROM pirl_stage`.execute(tx);
  return {
    changed: Number(rows[0].changed),
    unchanged: Number(rows[0].unchanged),
    newParticipants: Number(newParticipants.numAffectedRows ?? 0),
    newPeriods: Number(newPeriods.numAffectedRows ?? 0),
  };
}

// ---- Funding streams and the owner organization

export function findStreamsBySourceType(db: Executor, sourceTypes: string[]) {
  return db
    .selectFrom('funding_stream')
    .select(['id', 'name', 'source_type', 'created_at'])
    .where('source_type', 'in', sourceTypes)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findStreamByName(db: Executor, name: string) {
  return db
    .selectFrom('funding_stream')
    .select(['id', 'source_type'])
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function insertStream(
  db: Executor,
  row: { id: string; tenant_id: string; name: string; source_type: string; description: string },
) {
  await db.insertInto('funding_stream').values(row).execute();
}

export function findOrganization(db: Executor, id: string) {
  return db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

export function intermediaries(db: Executor) {
  return db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('kind', '=', 'intermediary')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertOrganization(db: Executor, row: { id: string; tenant_id: string; name: string; kind: 'intermediary' }) {
  await db.insertInto('organization').values(row).execute();
}

export function tenantName(db: Executor, tenantId: string) {
  return db.selectFrom('tenant').select(['name']).where('id', '=', tenantId).executeTakeFirst();
}

// ---- Export

export interface ExportRow {
  id: string;
  pirl_id: string;
  dob_enc: string | null;
  sex: string | null;
  hispanic: string | null;
  race: string[];
  race_ethnicity: string[] | null;
  entry: string;
  exit: string | null;
  adult: string;
  dw: string;
  youth: string;
  r923: string;
  e1811: string | null;
  e1813: string | null;
  c_code: string;
  c_type: string | null;
  c_date: string | null;
  skill_gains: Record<string, string> | null;
  emp1: string;
  emp2: string;
  emp3: string;
  emp4: string;
  ret: string;
  w1: string;
  w2: string;
  w3: string;
  w4: string;
  pl2: string;
  pl4: string;
}

/** One page of periods in id order (keyset), with what the export writes for each. */
export async function exportPage(tx: Tx, tenantId: string, after: string | null, limit: number): Promise<ExportRow[]> {
  const { rows } = await sql<ExportRow>`
    SELECT p.id, p.pirl_id, pa.dob_enc, pa.sex, pa.hispanic, pa.race, ps.race_ethnicity, p.entry, p.exit, p.adult, p.dw, p.youth,
      p.r923, p.e1811, p.e1813, p.c_code, cr.type AS c_type, cr.attained_on AS c_date, sg.dates AS skill_gains,
      p.emp1, p.emp2, p.emp3, p.emp4, p.ret, p.w1, p.w2, p.w3, p.w4, p.pl2, p.pl4
    FROM ${periodSource(tenantId)} p
    JOIN participant pa ON pa.id = p.participant_id
    LEFT JOIN pirl_person ps ON ps.participant_id = p.participant_id
    -- PIRL holds one credential per period: the highest (any type before a diploma), then the earliest.
    LEFT JOIN LATERAL (
      SELECT c.type, c.attained_on FROM credential c
      WHERE c.program_participation_id = p.id
        OR (p.native AND c.program_participation_id IS NULL AND c.participant_id = p.participant_id
          AND c.attained_on >= p.entry AND (p.exit IS NULL OR c.attained_on <= (p.exit + interval '1 year')::date))
      ORDER BY c.type = 'secondary_diploma', c.attained_on, c.id LIMIT 1
    ) cr ON true
    -- And one date per type of skill gain: the latest.
    LEFT JOIN LATERAL (
      SELECT jsonb_object_agg(g.type, g.on_date) AS dates FROM (
        SELECT g.type, max(g.achieved_on)::text AS on_date FROM skill_gain g
        WHERE g.program_participation_id = p.id
          OR (p.native AND g.program_participation_id IS NULL AND g.participant_id = p.participant_id
            AND g.achieved_on >= p.entry AND (p.exit IS NULL OR g.achieved_on <= p.exit))
        GROUP BY g.type
      ) g
    ) sg ON true
    WHERE ${after === null ? sql`true` : sql`p.id > ${after}::uuid`}
    ORDER BY p.id
    LIMIT ${limit}`.execute(tx);
  return rows;
}
