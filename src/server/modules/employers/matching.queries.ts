import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';

// Candidate matching, computed in one SQL statement (docs/matching.md). Each component is a column so
// the service can explain the score without recomputing it; the score is their sum, ranked in SQL.
//
// Who is considered: participants (not drafts, not merged records) with an unrevoked, unexpired consent
// naming the job order's employer or employers as a kind. Everything else is joined by participant
// with GROUP BY (hash joins), so the cost grows with the rows that exist, not with a query per person.
// At 100k participants the shape matters (docs/benchmarks.md "Candidate matching"): the consented set is
// one hash semi-join (not an index probe per participant), and only the top rows are kept while ranking.

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
  // The consented set and the per-participant joins are hashed in memory; at the default 4 MB the set of
  // participants counted for `considered` spilled to a temporary file. For this transaction only.
  await sql`SET LOCAL work_mem = '32MB'`.execute(db);
  const { rows } = await rankSql(jobOrderId, limit).execute(db);
  return rows;
}

/** Consent naming the job order's employer, or employers as a kind, in force now (for rows aliased p). */
function consentCovers(jobOrderId: string) {
  return sql`EXISTS (
      SELECT 1 FROM consent c
      WHERE c.participant_id = p.id
        AND c.revoked_at IS NULL AND c.given_at <= now()
        AND (c.expires_on IS NULL OR c.expires_on >= CURRENT_DATE)
        AND ('employer' = ANY (c.recipient_kinds)
          OR (SELECT organization_id FROM job_order WHERE id = ${jobOrderId}) = ANY (c.recipient_organization_ids)))`;
}

export function rankSql(jobOrderId: string, limit: number) {
  return sql<MatchRow>`
    WITH job AS MATERIALIZED (
      SELECT id, organization_id, soc_code, required_credentials, county_fips, shift, wage_max_cents, work_mode,
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
        WHERE c.revoked_at IS NULL AND c.given_at <= now()
          AND (c.expires_on IS NULL OR c.expires_on >= CURRENT_DATE)
          AND ('employer' = ANY (c.recipient_kinds) OR job.organization_id = ANY (c.recipient_organization_ids)))
    ),
    occupation AS (
      -- 3: same detailed occupation (29-2061), 2: same broad group (29-206x), 1: same minor group (29-2xxx).
      -- Targets outside the minor group score nothing, so they are dropped before ranking.
      SELECT DISTINCT ON (x.participant_id) x.participant_id, x.soc, x.level
      FROM (
        SELECT t.participant_id, t.soc,
          CASE WHEN t.soc = job.soc_code THEN 3 WHEN left(t.soc, 6) = left(job.soc_code, 6) THEN 2 ELSE 1 END AS level
        FROM (
          SELECT participant_id, unnest(soc_codes) AS soc FROM job_preference
          UNION ALL
          SELECT participant_id, soc_code FROM plan_goal WHERE status = 'open' AND soc_code IS NOT NULL
        ) t, job
        WHERE left(t.soc, 4) = left(job.soc_code, 4)
      ) x
      ORDER BY x.participant_id, x.level DESC, x.soc
    ),
    creds AS (
      SELECT cr.participant_id, array_agg(DISTINCT req.title ORDER BY req.title) AS held
      FROM job, unnest(job.required_credentials) AS req(title)
      JOIN credential cr ON position(lower(req.title) IN lower(cr.title)) > 0
      GROUP BY cr.participant_id
    ),
    training AS (
      SELECT te.participant_id,
        min(tp.name) FILTER (WHERE EXISTS (
          SELECT 1 FROM unnest(tp.target_soc_codes) s WHERE left(s, 6) = left(job.soc_code, 6))) AS related
      FROM training_enrollment te
      JOIN training_program tp ON tp.id = te.training_program_id
      CROSS JOIN job
      WHERE te.status = 'completed'
      GROUP BY te.participant_id
    ),
    scored AS (
      SELECT e.participant_id, e.first_name, e.last_name, e.county_fips,
        coalesce(o.level, 0) AS occupation_level, o.soc AS target_soc,
        coalesce(cr.held, '{}') AS credentials_held,
        tr.related AS training_related, tr.participant_id IS NOT NULL AS training_any,
        CASE WHEN job.work_mode = 'remote' THEN 'remote'
             WHEN e.county_fips = job.county_fips THEN 'same'
             WHEN e.county_fips = ANY (job.adjacent_fips) THEN 'adjacent' END AS location,
        nullif(jp.shifts, '{}') AS shift_pref,
        jp.min_hourly_wage_cents AS wage_pref,
        CASE coalesce(o.level, 0) WHEN 3 THEN 35 WHEN 2 THEN 25 WHEN 1 THEN 15 ELSE 0 END AS occupation_points,
        CASE WHEN cardinality(job.required_credentials) = 0 THEN 20
             ELSE round(20.0 * cardinality(coalesce(cr.held, '{}')) / cardinality(job.required_credentials))::int END AS credential_points,
        CASE WHEN tr.related IS NOT NULL THEN 15 WHEN tr.participant_id IS NOT NULL THEN 5 ELSE 0 END AS training_points,
        job.shift AS job_shift, job.wage_max_cents
      FROM eligible e
      CROSS JOIN job
      LEFT JOIN occupation o ON o.participant_id = e.participant_id
      LEFT JOIN creds cr ON cr.participant_id = e.participant_id
      LEFT JOIN training tr ON tr.participant_id = e.participant_id
      LEFT JOIN job_preference jp ON jp.participant_id = e.participant_id
    ),
    totals AS (
      SELECT s.*,
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
    SELECT top.participant_id, top.first_name, top.last_name, top.county_fips, top.occupation_level, top.target_soc,
      top.credentials_held, top.training_related, top.training_any, top.location, top.shift_pref, top.wage_pref,
      top.occupation_points, top.credential_points, top.training_points, top.location_points, top.shift_points, top.wage_points,
      top.score, (SELECT count(*) FROM eligible) AS considered,
      r.id AS referral_id, r.status AS referral_status
    FROM top
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
