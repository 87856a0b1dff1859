import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { activeConsent } from '../participants/participants.queries.ts';

// Candidate matching, computed in one SQL statement (docs/matching.md). Each component is a column so
// the service can explain the score without recomputing it; the score is their sum, ranked in SQL.
//
// Who is considered: participants (not drafts, not merged records) with an unrevoked, unexpired consent
// naming the job order's employer or employers as a kind, read from `consent` when the ranking runs.
// What they bring (target occupations, credentials, training, shifts, wage) is read from one narrow row
// per participant, `participant_match_profile`, which triggers keep in step with job preferences, plan
// goals, credentials and training (migration 20261213T1400): the score is plain expressions over it, with
// no per-participant sets to build. The details shown as reasons (which target occupation, which
// credentials, which program) are looked up from the source tables for the page only.

export interface MatchRow {
  participant_id: string;
  first_name: string;
  last_name: string;
  county_fips: string | null;
  occupation_level: number;
  target_soc: string | null;
  credentials_held: string[];
  training_related: string | null;
  training_any: boolean;
  location: 'same' | 'adjacent' | 'remote' | null;
  shift_pref: string[] | null;
  wage_pref: number | null;
  occupation_points: number;
  credential_points: number;
  training_points: number;
  location_points: number;
  shift_points: number;
  wage_points: number;
  score: number;
  considered: number;
  referral_id: string | null;
  referral_status: string | null;
}

export async function rankCandidates(db: Executor, jobOrderId: string, limit: number): Promise<MatchRow[]> {
  // The planner cannot see that each joined set has one row per participant, overestimates by orders of
  // magnitude and would spend seconds JIT-compiling a query that runs in a fraction of that.
  await sql`SET LOCAL jit = off`.execute(db);
  // The consented set and the profiles are hashed in memory; at the default 4 MB the set of participants
  // counted for `considered` spilled to a temporary file. For this transaction only.
  await sql`SET LOCAL work_mem = '32MB'`.execute(db);
  const { rows: job } = await sql<{ required: string[] }>`
    SELECT required_credentials AS required FROM job_order WHERE id = ${jobOrderId}`.execute(db);
  if (!job.length) return [];
  const { rows } = await rankSql(jobOrderId, limit, job[0].required).execute(db);
  return rows;
}

/** Consent naming the job order's employer, or employers as a kind, in force now (for rows aliased p). */
function consentCovers(jobOrderId: string) {
  return sql`EXISTS (
      SELECT 1 FROM consent c
      WHERE c.participant_id = p.id
        AND ${activeConsent}
        AND ('employer' = ANY (c.recipient_kinds)
          OR (SELECT organization_id FROM job_order WHERE id = ${jobOrderId}) = ANY (c.recipient_organization_ids)))`;
}

/**
 * How many of the job's required credentials (distinct titles) a profile holds: a credential title
 * containing the required name, ignoring case. One expression per required title, so no set is built
 * per participant; `credential_titles` is every title, lower case, one a line (null without any).
 */
function heldCount(required: string[]) {
  const titles = [...new Set(required)];
  if (!titles.length) return sql`0`;
  return sql.join(
    titles.map((title) =>
      // A name with a line break could span two titles in the joined text: that one is checked title by title.
      title.includes('\n')
        ? sql`CASE WHEN EXISTS (SELECT 1 FROM credential cr WHERE cr.participant_id = pr.participant_id
            AND position(lower(${title}::text) IN lower(cr.title)) > 0) THEN 1 ELSE 0 END`
        : sql`CASE WHEN position(lower(${title}::text) IN pr.credential_titles) > 0 THEN 1 ELSE 0 END`,
    ),
    sql` + `,
  );
}

export function rankSql(jobOrderId: string, limit: number, required: string[]) {
  return sql<MatchRow>`
    WITH job AS MATERIALIZED (
      SELECT id, organization_id, soc_code, left(soc_code, 6) AS soc_broad, left(soc_code, 4) AS soc_minor,
        required_credentials, county_fips, shift, wage_max_cents, work_mode,
        ARRAY(SELECT a.neighbor_fips FROM county_adjacency a WHERE a.county_fips = job_order.county_fips) AS adjacent_fips
      FROM job_order WHERE id = ${jobOrderId}
    ),
    eligible AS MATERIALIZED (
      -- The consents in force are read once and hashed, then participants are scanned once against them
      -- (a hash semi-join); as a correlated EXISTS the planner probed participants one by one by key.
      SELECT p.id AS participant_id, p.first_name, p.last_name, p.county_fips
      FROM participant p
      WHERE p.status NOT IN ('draft', 'merged') AND p.id IN (
        SELECT c.participant_id FROM consent c, job
        WHERE ${activeConsent}
          AND ('employer' = ANY (c.recipient_kinds) OR job.organization_id = ANY (c.recipient_organization_ids)))
    ),
    scored AS (
      -- A participant without a profile row has none of the facts: no target, credential, training or preference.
      SELECT e.participant_id, e.first_name, e.last_name, e.county_fips, pr.target_socs,
        -- 3: same detailed occupation (29-2061), 2: same broad group (29-206x), 1: same minor group (29-2xxx).
        CASE WHEN job.soc_code = ANY (pr.target_socs) THEN 3 WHEN job.soc_broad = ANY (pr.target_broad) THEN 2
             WHEN job.soc_minor = ANY (pr.target_minor) THEN 1 ELSE 0 END AS occupation_level,
        ${heldCount(required)} AS credentials_count,
        job.soc_broad = ANY (pr.training_broad) AS training_related_any, coalesce(pr.trained, false) AS training_any,
        CASE WHEN job.work_mode = 'remote' THEN 'remote'
             WHEN e.county_fips = job.county_fips THEN 'same'
             WHEN e.county_fips = ANY (job.adjacent_fips) THEN 'adjacent' END AS location,
        pr.shifts AS shift_pref, pr.min_wage_cents AS wage_pref,
        job.required_credentials, job.shift AS job_shift, job.wage_max_cents
      FROM eligible e
      CROSS JOIN job
      LEFT JOIN participant_match_profile pr ON pr.participant_id = e.participant_id
    ),
    totals AS (
      SELECT s.*,
        CASE s.occupation_level WHEN 3 THEN 35 WHEN 2 THEN 25 WHEN 1 THEN 15 ELSE 0 END AS occupation_points,
        CASE WHEN cardinality(s.required_credentials) = 0 THEN 20
             ELSE round(20.0 * s.credentials_count / cardinality(s.required_credentials))::int END AS credential_points,
        CASE WHEN s.training_related_any THEN 15 WHEN s.training_any THEN 5 ELSE 0 END AS training_points,
        CASE s.location WHEN 'remote' THEN 10 WHEN 'same' THEN 10 WHEN 'adjacent' THEN 5 ELSE 0 END AS location_points,
        -- Half points when the participant has not said: unknown is neither a fit nor a misfit.
        CASE WHEN s.shift_pref IS NULL THEN 5 WHEN s.job_shift = ANY (s.shift_pref) THEN 10 ELSE 0 END AS shift_points,
        CASE WHEN s.wage_pref IS NULL THEN 5 WHEN s.wage_max_cents >= s.wage_pref THEN 10 ELSE 0 END AS wage_points
      FROM scored s
    ),
    top AS (
      -- A top-N sort keeps only the page. How many were considered is counted from \`eligible\` apart: as a
      -- window over the scored rows it held every participant's row (spilled to disk) just to count them.
      SELECT t.*,
        (t.occupation_points + t.credential_points + t.training_points + t.location_points + t.shift_points + t.wage_points) AS score
      FROM totals t
      ORDER BY score DESC, t.last_name, t.first_name, t.participant_id
      LIMIT ${limit}
    )
    -- The reasons' details for the page only, from the source tables: the first target occupation at the
    -- level reached, the required credentials held, the first related program completed.
    SELECT top.participant_id, top.first_name, top.last_name, top.county_fips, top.occupation_level,
      CASE top.occupation_level
        WHEN 3 THEN job.soc_code
        WHEN 2 THEN (SELECT min(s) FROM unnest(top.target_socs) s WHERE left(s, 6) = job.soc_broad)
        WHEN 1 THEN (SELECT min(s) FROM unnest(top.target_socs) s WHERE left(s, 4) = job.soc_minor) END AS target_soc,
      ARRAY(
        SELECT DISTINCT req.title FROM unnest(job.required_credentials) AS req(title)
        WHERE EXISTS (SELECT 1 FROM credential cr
          WHERE cr.participant_id = top.participant_id AND position(lower(req.title) IN lower(cr.title)) > 0)
        ORDER BY req.title) AS credentials_held,
      (SELECT min(tp.name) FROM training_enrollment te JOIN training_program tp ON tp.id = te.training_program_id
        WHERE te.participant_id = top.participant_id AND te.status = 'completed'
          AND EXISTS (SELECT 1 FROM unnest(tp.target_soc_codes) s WHERE left(s, 6) = job.soc_broad)) AS training_related,
      top.training_any, top.location, top.shift_pref, top.wage_pref,
      top.occupation_points, top.credential_points, top.training_points, top.location_points, top.shift_points, top.wage_points,
      top.score, (SELECT count(*) FROM eligible) AS considered,
      r.id AS referral_id, r.status AS referral_status
    FROM top
    CROSS JOIN job
    LEFT JOIN candidate_referral r ON r.job_order_id = ${jobOrderId} AND r.participant_id = top.participant_id
    ORDER BY top.score DESC, top.last_name, top.first_name, top.participant_id`;
}

/** The baseline for the benchmark: the same consented participants, listed by name with no scoring. */
export async function listConsented(db: Executor, jobOrderId: string, limit: number) {
  const { rows } = await sql<{ id: string; first_name: string; last_name: string }>`
    SELECT p.id, p.first_name, p.last_name, count(*) OVER () AS considered
    FROM participant p
    WHERE p.status NOT IN ('draft', 'merged') AND ${consentCovers(jobOrderId)}
    ORDER BY p.last_name, p.first_name, p.id
    LIMIT ${limit}`.execute(db);
  return rows;
}
