import { type RawBuilder, sql } from 'kysely';
import { EXIT_REASONS } from '../../../shared/schemas/casework.ts';

// Every program_participation of the tenant as a PIRL period: the one relation the WIOA report and
// the PIRL export read. A period imported from PIRL takes its PIRL elements from pirl_period (the file
// is the record of them); a period recorded in Braid derives them from case management: programs from
// its funding streams, 923 from its exit reason, 1811/1813 from training enrollments and 1600-1606
// from completed follow-ups. Columns:
//   id, participant_id, pirl_id, entry, exit, adult, dw, youth, r923, e1811, e1813, c_code,
//   emp1..emp4, ret, w1..w4, w2_cents, pl2, pl4, native, initiative_id, funding_stream_ids

const exitReasonCode = sql.raw(
  `CASE pp.exit_reason ${Object.entries(EXIT_REASONS)
    .map(([key, code]) => `WHEN '${key}' THEN '${code}'`)
    .join(' ')} ELSE '' END`,
);

const streamFlag = (sourceType: string) =>
  sql`CASE WHEN EXISTS (SELECT 1 FROM funding_stream f WHERE f.id = ANY(pp.funding_stream_ids) AND f.source_type = ${sourceType})
    THEN '1' ELSE '' END`;

const followUp = (k: number) =>
  sql`coalesce((SELECT CASE WHEN fu.employed THEN '1' ELSE '0' END FROM follow_up fu WHERE fu.participation_id = pp.id
    AND fu.quarter_after_exit = ${k} AND fu.status = 'completed' AND fu.employed IS NOT NULL LIMIT 1), '')`;

export function periodSource(tenantId: string): RawBuilder<unknown> {
  return sql`(
    SELECT pp.id, pp.participant_id, x.pirl_id, pp.entry_date AS entry, pp.exit_date AS exit, x.adult, x.dislocated_worker AS dw,
      x.youth, x.other_exit_reason AS r923, x.training_entered_on AS e1811, x.training_completed_on AS e1813,
      x.credential_code AS c_code, x.employed_q1 AS emp1, x.employed_q2 AS emp2, x.employed_q3 AS emp3, x.employed_q4 AS emp4,
      x.retained_same_employer AS ret, x.wages_q1 AS w1, x.wages_q2 AS w2, x.wages_q3 AS w3, x.wages_q4 AS w4,
      x.wages_q2_cents AS w2_cents, x.placement_q2 AS pl2, x.placement_q4 AS pl4, false AS native,
      pp.initiative_id, pp.funding_stream_ids
    FROM pirl_period x JOIN program_participation pp ON pp.id = x.participation_id
    WHERE x.tenant_id = ${tenantId}
    UNION ALL
    SELECT pp.id, pp.participant_id, coalesce(ps.pirl_id, pp.participant_id::text), pp.entry_date, pp.exit_date,
      ${streamFlag('wioa_adult')}, ${streamFlag('wioa_dislocated_worker')}, ${streamFlag('wioa_youth')}, ${exitReasonCode},
      te.e1811, te.e1813, '', ${followUp(1)}, ${followUp(2)}, ${followUp(3)}, ${followUp(4)},
      '', '', '', '', '', NULL::bigint, '', '', true, pp.initiative_id, pp.funding_stream_ids
    -- Periods with no PIRL row first (OFFSET 0 keeps the planner from deriving elements for every period
    -- and discarding the imported ones afterwards: a million wasted sub-queries in a large tenant).
    FROM (SELECT n.id, n.participant_id, n.entry_date, n.exit_date, n.exit_reason, n.funding_stream_ids, n.initiative_id
          FROM program_participation n
          WHERE n.tenant_id = ${tenantId} AND NOT EXISTS (SELECT 1 FROM pirl_period x WHERE x.participation_id = n.id)
          OFFSET 0) pp
    JOIN participant pa ON pa.id = pp.participant_id AND pa.status <> 'merged'
    LEFT JOIN pirl_person ps ON ps.participant_id = pp.participant_id
    LEFT JOIN LATERAL (
      SELECT min(e.enrolled_on) AS e1811,
        CASE WHEN bool_and(e.status = 'completed') THEN max(e.completed_on) END AS e1813
      FROM training_enrollment e
      WHERE e.participant_id = pp.participant_id AND e.enrolled_on >= pp.entry_date
        AND (pp.exit_date IS NULL OR e.enrolled_on <= pp.exit_date)
    ) te ON true
  )`;
}
