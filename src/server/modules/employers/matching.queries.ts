import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';

// Candidate matching, computed in one SQL statement (docs/matching.md). Each component is a column so
// the service can explain the score without recomputing it; the score is their sum, ranked in SQL.
//
// Who is considered: participants (not drafts, not merged records) with an unrevoked, unexpired consent
// naming the job order's employer or employers as a kind. Everything else is joined by participant
// with GROUP BY (hash joins), so the cost grows with the rows that exist, not with a query per person.

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

export function consentedToEmployer(jobOrderId: string) {
  return sql`
    SELECT DISTINCT c.participant_id
    FROM consent c, job_order j
    WHERE j.id = ${jobOrderId}
      AND c.revoked_at IS NULL AND c.given_at <= now()
      AND (c.expires_on IS NULL OR c.expires_on >= CURRENT_DATE)
      AND ('employer' = ANY (c.recipient_kinds) OR j.organization_id = ANY (c.recipient_organization_ids))`;
}

export async function rankCandidates(db: Executor, jobOrderId: string, limit: number): Promise<MatchRow[]> {
  const { rows } = await sql<MatchRow>`
    WITH job AS (
      SELECT id, organization_id, soc_code, required_credentials, county_fips, shift, wage_max_cents, work_mode
      FROM job_order WHERE id = ${jobOrderId}
    ),
    eligible AS (${consentedToEmployer(jobOrderId)}),
    targets AS (
      SELECT jp.participant_id, unnest(jp.soc_codes) AS soc FROM job_preference jp JOIN eligible e USING (participant_id)
      UNION ALL
      SELECT g.participant_id, g.soc_code FROM plan_goal g JOIN eligible e USING (participant_id)
      WHERE g.status = 'open' AND g.soc_code IS NOT NULL
    ),
    occupation AS (
      -- 3: same detailed occupation (29-2061), 2: same broad group (29-206x), 1: same minor group (29-2xxx).
      SELECT DISTINCT ON (t.participant_id) t.participant_id, t.soc,
        CASE WHEN t.soc = job.soc_code THEN 3
             WHEN left(t.soc, 6) = left(job.soc_code, 6) THEN 2
             WHEN left(t.soc, 4) = left(job.soc_code, 4) THEN 1 ELSE 0 END AS level
      FROM targets t, job
      ORDER BY t.participant_id, level DESC, t.soc
    ),
    creds AS (
      SELECT cr.participant_id, array_agg(DISTINCT req.title ORDER BY req.title) AS held
      FROM credential cr
      JOIN eligible e USING (participant_id)
      JOIN job ON true
      JOIN unnest(job.required_credentials) AS req(title)
        ON position(lower(req.title) IN lower(cr.title)) > 0
      GROUP BY cr.participant_id
    ),
    training AS (
      SELECT te.participant_id,
        min(tp.name) FILTER (WHERE EXISTS (
          SELECT 1 FROM unnest(tp.target_soc_codes) s WHERE left(s, 6) = left(job.soc_code, 6))) AS related
      FROM training_enrollment te
      JOIN eligible e USING (participant_id)
      JOIN training_program tp ON tp.id = te.training_program_id
      JOIN job ON true
      WHERE te.status = 'completed'
      GROUP BY te.participant_id
    ),
    scored AS (
      SELECT p.id AS participant_id, p.first_name, p.last_name, p.county_fips,
        coalesce(o.level, 0) AS occupation_level, o.soc AS target_soc,
        coalesce(cr.held, '{}') AS credentials_held,
        tr.related AS training_related, tr.participant_id IS NOT NULL AS training_any,
        CASE WHEN job.work_mode = 'remote' THEN 'remote'
             WHEN p.county_fips = job.county_fips THEN 'same'
             WHEN EXISTS (SELECT 1 FROM county_adjacency a WHERE a.county_fips = job.county_fips AND a.neighbor_fips = p.county_fips)
               THEN 'adjacent' END AS location,
        nullif(jp.shifts, '{}') AS shift_pref,
        jp.min_hourly_wage_cents AS wage_pref,
        CASE coalesce(o.level, 0) WHEN 3 THEN 35 WHEN 2 THEN 25 WHEN 1 THEN 15 ELSE 0 END AS occupation_points,
        CASE WHEN cardinality(job.required_credentials) = 0 THEN 20
             ELSE round(20.0 * cardinality(coalesce(cr.held, '{}')) / cardinality(job.required_credentials))::int END AS credential_points,
        CASE WHEN tr.related IS NOT NULL THEN 15 WHEN tr.participant_id IS NOT NULL THEN 5 ELSE 0 END AS training_points,
        job.shift AS job_shift, job.wage_max_cents, job.work_mode, job.county_fips AS job_county
      FROM participant p
      JOIN eligible e ON e.participant_id = p.id
      CROSS JOIN job
      LEFT JOIN occupation o ON o.participant_id = p.id
      LEFT JOIN creds cr ON cr.participant_id = p.id
      LEFT JOIN training tr ON tr.participant_id = p.id
      LEFT JOIN job_preference jp ON jp.participant_id = p.id
      WHERE p.status NOT IN ('draft', 'merged')
    ),
    totals AS (
      SELECT s.*,
        CASE s.location WHEN 'remote' THEN 10 WHEN 'same' THEN 10 WHEN 'adjacent' THEN 5 ELSE 0 END AS location_points,
        -- Half points when the participant has not said: unknown is neither a fit nor a misfit.
        CASE WHEN s.shift_pref IS NULL THEN 5 WHEN s.job_shift = ANY (s.shift_pref) THEN 10 ELSE 0 END AS shift_points,
        CASE WHEN s.wage_pref IS NULL THEN 5 WHEN s.wage_max_cents >= s.wage_pref THEN 10 ELSE 0 END AS wage_points
      FROM scored s
    )
    SELECT t.participant_id, t.first_name, t.last_name, t.county_fips, t.occupation_level, t.target_soc, t.credentials_held,
      t.training_related, t.training_any, t.location, t.shift_pref, t.wage_pref,
      t.occupation_points, t.credential_points, t.training_points, t.location_points, t.shift_points, t.wage_points,
      (t.occupation_points + t.credential_points + t.training_points + t.location_points + t.shift_points + t.wage_points) AS score,
      count(*) OVER () AS considered,
      r.id AS referral_id, r.status AS referral_status
    FROM totals t
    LEFT JOIN candidate_referral r ON r.job_order_id = ${jobOrderId} AND r.participant_id = t.participant_id
    ORDER BY score DESC, t.last_name, t.first_name, t.participant_id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** The baseline for the benchmark: the same consented participants, listed by name with no scoring. */
export async function listConsented(db: Executor, jobOrderId: string, limit: number) {
  const { rows } = await sql<{ id: string; first_name: string; last_name: string }>`
    SELECT p.id, p.first_name, p.last_name, count(*) OVER () AS considered
    FROM participant p JOIN (${consentedToEmployer(jobOrderId)}) e ON e.participant_id = p.id
    WHERE p.status NOT IN ('draft', 'merged')
    ORDER BY p.last_name, p.first_name, p.id
    LIMIT ${limit}`.execute(db);
  return rows;
}
