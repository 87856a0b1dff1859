import { sql } from 'kysely';
import { CREDENTIAL_TYPES, SKILL_GAIN_TYPES } from '../../../shared/schemas/casework.ts';
import type { WioaDimension, WioaProgram } from '../../../shared/schemas/outcomes.ts';
import type { Executor } from '../../db/tenant.ts';
import type { PeriodBands } from './age-bands.ts';
import { periodSource } from './periods.queries.ts';

// The WIOA primary indicators in one statement (docs/wioa-indicators.md is the rule book; each
// clause there is one expression here). Everything is counted in the database: Node receives one row.
// Quarters are numbered year * 4 + quarter - 1, so "quarter k after exit" is exit quarter + k.

export interface WioaWindows {
  /** employment_q2 and median_earnings_q2: exits 1 July N-1 - 30 June N. */
  q2From: string;
  q2To: string;
  /** employment_q4, credential_attainment, retention: exits in calendar year N-1. */
  cyFrom: string;
  cyTo: string;
  /** measurable_skill_gains: the program year itself. */
  pyFrom: string;
  pyTo: string;
}

export interface WioaCounts {
  q2_num: number;
  q2_den: number;
  q4_num: number;
  q4_den: number;
  med_count: number;
  med_cents: number | null;
  cred_num: number;
  cred_den: number;
  msg_num: number;
  msg_den: number;
  ret_num: number;
  ret_den: number;
}

const PARTICIPANT = sql.raw(`('1','2','3')`);
const programFilter = (program: WioaProgram) => {
  switch (program) {
    case 'adult':
      return sql`p.adult IN ${PARTICIPANT}`;
    case 'dw':
      return sql`p.dw IN ${PARTICIPANT}`;
    case 'youth':
      return sql`p.youth IN ${PARTICIPANT}`;
    case 'all':
      return sql`(p.adult IN ${PARTICIPANT} OR p.dw IN ${PARTICIPANT} OR p.youth IN ${PARTICIPANT})`;
  }
};
const quoted = (values: string[]) => sql.raw(`(${values.map((v) => `'${v}'`).join(', ')})`);
/** 1800 = 2-7: every credential type but the secondary school diploma (1). */
const HIGHER_CREDENTIALS = quoted(Object.keys(CREDENTIAL_TYPES).filter((k) => k !== 'secondary_diploma'));
const SKILL_GAINS = quoted(Object.keys(SKILL_GAIN_TYPES));

export async function latestWageQuarter(db: Executor, tenantId: string): Promise<number | null> {
  const row = await db
    .selectFrom('wage_quarter')
    .select(sql<number | null>`max(year * 4 + quarter - 1)`.as('q'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row?.q ?? null;
}

/** Names of the provider organizations among the given group keys (others, such as unknown, are skipped). */
export async function organizationNames(db: Executor, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Groups for disaggregation. sex, ethnicity and county partition the periods (each falls in exactly one
 * group, so the groups add up to the total); barrier and program do not (a person may have several
 * barriers, or be co-enrolled in Adult and Dislocated Worker), so a period counts in each of its groups
 * and in "none" when it has no barrier. Provider is the organization whose caseload holds the person.
 */

/** The report's dimensions, and two more that target trends partition by (never offered as a breakdown). */
export type GroupDimension = WioaDimension | 'initiative' | 'funding_stream';

const GROUPS: Record<GroupDimension, string> = {
  sex: `ARRAY[coalesce(pa.sex, 'unknown')]`,
  ethnicity: `ARRAY[coalesce(pa.hispanic, 'unknown')]`,
  // From the (period, band) pairs Node worked out from the encrypted birth dates (age-bands.ts).
  age: `ARRAY[coalesce(ab.band, 'unknown')]`,
  county: `ARRAY[coalesce(pa.county_fips, 'unknown')]`,
  barrier: `CASE WHEN cardinality(pa.barriers) > 0 THEN pa.barriers ELSE ARRAY['none'] END`,
  program: `array_remove(ARRAY[CASE WHEN p.adult IN ('1','2','3') THEN 'adult' END,
    CASE WHEN p.dw IN ('1','2','3') THEN 'dw' END, CASE WHEN p.youth IN ('1','2','3') THEN 'youth' END], NULL)`,
  provider: `ARRAY[coalesce(pa.owner_organization_id::text, 'unknown')]`,
  // A period names at most one initiative (a partition); it may be charged to several streams (overlapping).
  initiative: `ARRAY[coalesce(p.initiative_id::text, 'none')]`,
  funding_stream: `CASE WHEN cardinality(p.funding_stream_ids) > 0 THEN p.funding_stream_ids::text[] ELSE ARRAY['none'] END`,
};

export async function wioaCounts(
  db: Executor,
  p: { tenantId: string; program: WioaProgram; wageThrough: number | null; w: WioaWindows; initiativeId?: string },
): Promise<WioaCounts> {
  const [row] = await wioaCountsBy(db, p);
  return row ?? { ...ZERO };
}

const ZERO: WioaCounts = {
  q2_num: 0,
  q2_den: 0,
  q4_num: 0,
  q4_den: 0,
  med_count: 0,
  med_cents: null,
  cred_num: 0,
  cred_den: 0,
  msg_num: 0,
  msg_den: 0,
  ret_num: 0,
  ret_den: 0,
};

type CountParams = {
  tenantId: string;
  program: WioaProgram;
  wageThrough: number | null;
  w: WioaWindows;
  by?: GroupDimension;
  /** by = age: each period's band (periods not listed are unknown). */
  ageBands?: PeriodBands;
  /** Only the periods that name this sector initiative (the report filtered to one). */
  initiativeId?: string;
};

/**
 * Who is in the numerator and the denominator of each rate indicator, over the columns of f (and cred,
 * msg). The counts and the drill-down to participants both use these, so the list behind a number is
 * exactly the periods that number counts.
 */
export const INDICATOR_FILTERS = {
  employment_q2: { numerator: 'in_q2 AND (e2 OR placed2)', denominator: 'in_q2 AND (NOT nya2 OR placed2)' },
  employment_q4: { numerator: 'in_cy AND (e4 OR placed4)', denominator: 'in_cy AND (NOT nya4 OR placed4)' },
  median_earnings_q2: { numerator: 'in_q2 AND e2 AND earn2 IS NOT NULL', denominator: 'in_q2 AND e2 AND earn2 IS NOT NULL' },
  credential_attainment: {
    numerator: `in_cred AND (coalesce(cred.higher, false)
        OR (coalesce(cred.diploma, false) AND (e1 OR e2 OR e3 OR e4 OR placed2 OR placed4)))`,
    denominator: 'in_cred',
  },
  measurable_skill_gains: { numerator: 'in_msg AND msg.id IS NOT NULL', denominator: 'in_msg' },
  retention_same_employer: {
    numerator: `in_cy AND e2 AND (q4_wages_in OR ret IN ('0', '1')) AND (same_employer OR ret = '1')`,
    denominator: `in_cy AND e2 AND (q4_wages_in OR ret IN ('0', '1'))`,
  },
} as const;
export type IndicatorPart = 'numerator' | 'denominator';
const cond = (key: keyof typeof INDICATOR_FILTERS, part: IndicatorPart) => sql.raw(INDICATOR_FILTERS[key][part]);

/** The periods of the report with every flag the indicators need: CTEs s, pf, wp, f, cred and msg. */
function periodFlags(p: CountParams) {
  const { w } = p;
  const through = p.wageThrough;
  const grp = p.by ? sql.raw(GROUPS[p.by]) : sql`ARRAY['']`;
  const people =
    p.by === 'age'
      ? sql`LEFT JOIN unnest(${p.ageBands?.ids ?? []}::uuid[], ${p.ageBands?.bands ?? []}::text[]) AS ab(id, band) ON ab.id = p.id`
      : p.by && !['program', 'initiative', 'funding_stream'].includes(p.by)
        ? sql`LEFT JOIN participant pa ON pa.id = p.participant_id`
        : sql``;
  return sql`
    WITH s AS MATERIALIZED (
      SELECT p.id, p.participant_id, p.pirl_id, p.entry, p.exit, p.e1811, p.e1813, p.native, ${grp}::text[] AS grps,
        coalesce(p.youth IN ${PARTICIPANT}, false) AS yr,
        (extract(year FROM p.exit)::int * 4 + extract(quarter FROM p.exit)::int - 1) AS xq,
        coalesce(p.emp1, '') AS emp1, coalesce(p.emp2, '') AS emp2, coalesce(p.emp3, '') AS emp3, coalesce(p.emp4, '') AS emp4,
        coalesce(p.ret, '') AS ret, p.w2_cents, coalesce(p.pl2, '') AS pl2, coalesce(p.pl4, '') AS pl4,
        coalesce(p.exit BETWEEN ${w.q2From}::date AND ${w.q2To}::date, false) AS in_q2,
        coalesce(p.exit BETWEEN ${w.cyFrom}::date AND ${w.cyTo}::date, false) AS in_cy,
        coalesce(p.e1811 <= ${w.pyTo}::date AND (p.exit IS NULL OR p.exit >= ${w.pyFrom}::date)
          AND (p.e1813 IS NULL OR p.e1813 >= ${w.pyFrom}::date), false) AS in_msg
      FROM ${periodSource(p.tenantId)} p
      ${people}
      WHERE ${programFilter(p.program)}
        ${p.initiativeId ? sql`AND p.initiative_id = ${p.initiativeId}::uuid` : sql``}
        -- 904 = 4: incumbent-worker training only, a reportable individual, never in an indicator.
        AND coalesce(p.dw, '') <> '4'
        -- 923 = 1-4 leaves every indicator; 923 = 5 (foster care) leaves it where youth rules apply.
        AND coalesce(p.r923, '') NOT IN ('1', '2', '3', '4')
        AND NOT (coalesce(p.r923, '') = '5' AND coalesce(p.youth IN ${PARTICIPANT}, false))
        AND (p.exit BETWEEN ${w.cyFrom}::date AND ${w.q2To}::date
          OR (p.e1811 <= ${w.pyTo}::date AND (p.exit IS NULL OR p.exit >= ${w.pyFrom}::date)
            AND (p.e1813 IS NULL OR p.e1813 >= ${w.pyFrom}::date)))
    ),
    -- Wage records with wages in quarters 1-4 after exit, per period and employer.
    pf AS (
      SELECT s.id, wr.employer_fein,
        bool_or(wr.q = s.xq + 1) AS w1, bool_or(wr.q = s.xq + 2) AS w2, bool_or(wr.q = s.xq + 3) AS w3, bool_or(wr.q = s.xq + 4) AS w4,
        sum(wr.wages_cents) FILTER (WHERE wr.q = s.xq + 2) AS c2
      FROM s
      JOIN LATERAL (
        SELECT r.employer_fein, r.wages_cents, r.year * 4 + r.quarter - 1 AS q FROM wage_record r
        WHERE r.tenant_id = ${p.tenantId} AND r.person_key = s.pirl_id AND r.wages_cents > 0
          AND r.year BETWEEN (s.xq + 1) / 4 AND (s.xq + 4) / 4
      ) wr ON wr.q BETWEEN s.xq + 1 AND s.xq + 4
      WHERE s.in_q2 OR s.in_cy
      GROUP BY s.id, wr.employer_fein
    ),
    wp AS (
      SELECT id, bool_or(w1) AS w1, bool_or(w2) AS w2, bool_or(w3) AS w3, bool_or(w4) AS w4, sum(c2) AS c2,
        bool_or(w2 AND w4) AS same_employer
      FROM pf GROUP BY id
    ),
    f AS MATERIALIZED (
      SELECT s.id, s.grps, s.participant_id, s.native, s.entry, s.exit, s.e1811, s.yr, s.in_q2, s.in_cy, s.in_msg, s.ret,
        -- Employed in quarter k: a wage record with wages, or supplemental code 1-3.
        coalesce(wp.w1, false) OR s.emp1 IN ${PARTICIPANT} AS e1,
        coalesce(wp.w2, false) OR s.emp2 IN ${PARTICIPANT} AS e2,
        coalesce(wp.w3, false) OR s.emp3 IN ${PARTICIPANT} AS e3,
        coalesce(wp.w4, false) OR s.emp4 IN ${PARTICIPANT} AS e4,
        -- Not yet available: no wage record, code blank or 9, and the quarter is past the wage data.
        NOT coalesce(wp.w2, false) AND s.emp2 IN ('', '9') AND (${through}::int IS NULL OR s.xq + 2 > ${through}::int) AS nya2,
        NOT coalesce(wp.w4, false) AND s.emp4 IN ('', '9') AND (${through}::int IS NULL OR s.xq + 4 > ${through}::int) AS nya4,
        s.yr AND s.pl2 IN ${PARTICIPANT} AS placed2,
        s.yr AND s.pl4 IN ${PARTICIPANT} AS placed4,
        coalesce(s.xq + 4 <= ${through}::int, false) AS q4_wages_in,
        coalesce(wp.same_employer, false) AS same_employer,
        CASE WHEN wp.c2 > 0 THEN wp.c2 WHEN s.w2_cents > 0 THEN s.w2_cents END AS earn2,
        s.in_cy AND s.e1811 BETWEEN s.entry AND s.exit AS in_cred
      FROM s LEFT JOIN wp ON wp.id = s.id
    ),
    cred AS (
      SELECT c.id, bool_or(c.type IN ${HIGHER_CREDENTIALS}) AS higher, bool_or(c.type = 'secondary_diploma') AS diploma
      FROM (
        SELECT f.id, c.type FROM f JOIN credential c ON c.program_participation_id = f.id
        WHERE f.in_cred AND c.attained_on BETWEEN f.entry AND (f.exit + interval '1 year')::date
        UNION ALL
        SELECT f.id, c.type FROM f JOIN credential c ON c.participant_id = f.participant_id AND c.program_participation_id IS NULL
        WHERE f.in_cred AND f.native AND c.attained_on BETWEEN f.entry AND (f.exit + interval '1 year')::date
      ) c GROUP BY c.id
    ),
    msg AS (
      SELECT DISTINCT g.id FROM (
        SELECT f.id, g.achieved_on, f.e1811, f.exit FROM f JOIN skill_gain g ON g.program_participation_id = f.id
        WHERE f.in_msg AND g.type IN ${SKILL_GAINS}
        UNION ALL
        SELECT f.id, g.achieved_on, f.e1811, f.exit FROM f
        JOIN skill_gain g ON g.participant_id = f.participant_id AND g.program_participation_id IS NULL
        WHERE f.in_msg AND f.native AND g.type IN ${SKILL_GAINS}
      ) g
      WHERE g.achieved_on BETWEEN ${w.pyFrom}::date AND ${w.pyTo}::date AND g.achieved_on >= g.e1811
        AND (g.exit IS NULL OR g.achieved_on <= g.exit)
    )`;
}

/** The same counts per group of `by` (one row per group that has periods); one row overall without it. */
export async function wioaCountsBy(db: Executor, p: CountParams): Promise<(WioaCounts & { grp: string })[]> {
  const { rows } = await sql<WioaCounts & { grp: string }>`
    ${periodFlags(p)}
    SELECT g.grp,
      count(*) FILTER (WHERE ${cond('employment_q2', 'numerator')}) AS q2_num,
      count(*) FILTER (WHERE ${cond('employment_q2', 'denominator')}) AS q2_den,
      count(*) FILTER (WHERE ${cond('employment_q4', 'numerator')}) AS q4_num,
      count(*) FILTER (WHERE ${cond('employment_q4', 'denominator')}) AS q4_den,
      count(*) FILTER (WHERE ${cond('median_earnings_q2', 'numerator')}) AS med_count,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY earn2) FILTER (WHERE ${cond('median_earnings_q2', 'numerator')}))::numeric)::bigint
        AS med_cents,
      count(*) FILTER (WHERE ${cond('credential_attainment', 'numerator')}) AS cred_num,
      count(*) FILTER (WHERE ${cond('credential_attainment', 'denominator')}) AS cred_den,
      count(*) FILTER (WHERE ${cond('measurable_skill_gains', 'numerator')}) AS msg_num,
      count(*) FILTER (WHERE ${cond('measurable_skill_gains', 'denominator')}) AS msg_den,
      count(*) FILTER (WHERE ${cond('retention_same_employer', 'numerator')}) AS ret_num,
      count(*) FILTER (WHERE ${cond('retention_same_employer', 'denominator')}) AS ret_den
    FROM f CROSS JOIN LATERAL unnest(f.grps) AS g(grp) LEFT JOIN cred ON cred.id = f.id LEFT JOIN msg ON msg.id = f.id
    GROUP BY g.grp ORDER BY g.grp`.execute(db);
  const n = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    grp: r.grp,
    q2_num: n(r.q2_num),
    q2_den: n(r.q2_den),
    q4_num: n(r.q4_num),
    q4_den: n(r.q4_den),
    med_count: n(r.med_count),
    med_cents: r.med_cents === null ? null : Number(r.med_cents),
    cred_num: n(r.cred_num),
    cred_den: n(r.cred_den),
    msg_num: n(r.msg_num),
    msg_den: n(r.msg_den),
    ret_num: n(r.ret_num),
    ret_den: n(r.ret_den),
  }));
}

/**
 * The participants behind one number of the report: the periods in an indicator's numerator or
 * denominator (within one group of `by` when given), a page at a time, with the total.
 */
export async function wioaPeriods(
  db: Executor,
  p: CountParams & { indicator: keyof typeof INDICATOR_FILTERS; part: IndicatorPart; group?: string; limit: number; offset: number },
): Promise<{
  total: number;
  rows: { participation_id: string; participant_id: string; exit: string | null; first_name: string; last_name: string }[];
}> {
  const inGroup = p.by && p.group !== undefined ? sql`AND ${p.group} = ANY(f.grps)` : sql``;
  const { rows } = await sql<{
    participation_id: string;
    participant_id: string;
    exit: string | null;
    first_name: string;
    last_name: string;
    total: string;
  }>`
    ${periodFlags(p)}
    SELECT f.id AS participation_id, f.participant_id, to_char(f.exit, 'YYYY-MM-DD') AS exit, who.first_name, who.last_name,
      count(*) OVER () AS total
    FROM f LEFT JOIN cred ON cred.id = f.id LEFT JOIN msg ON msg.id = f.id
    JOIN participant who ON who.id = f.participant_id
    WHERE ${cond(p.indicator, p.part)} ${inGroup}
    ORDER BY who.last_name, who.first_name, f.id
    LIMIT ${p.limit} OFFSET ${p.offset}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _t, ...r }) => r) };
}
