import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TargetIndicator, TargetScope } from '../../shared/schemas/outcomes.ts';
import { upsertTarget } from '../modules/outcomes/targets.queries.ts';
import { openQuarters } from '../modules/outcomes/wages.queries.ts';
import type { DemoContext } from './demo.ts';

// Outcomes reference data of the demo: establishments of the healthcare sector (NAICS 62) in the demo
// region's counties, the denominator of employer penetration. Plausible demo values in the range of the
// Census Bureau's County Business Patterns for these counties, not the published figures.
const HEALTHCARE_ESTABLISHMENTS: Record<string, number> = {
  '39035': 4120, // Cuyahoga
  '39153': 1710, // Summit
  '39093': 820, // Lorain
  '39085': 760, // Lake
  '39103': 530, // Medina
  '39055': 330, // Geauga
};

export const establishmentsDemoStep = {
  name: 'outcomes: healthcare establishments per county of the region (demo values)',
  async run(ctx: DemoContext) {
    for (const [county_fips, establishments] of Object.entries(HEALTHCARE_ESTABLISHMENTS)) {
      await ctx.tx
        .insertInto('region_establishment')
        .values({
          tenant_id: ctx.tenantId,
          county_fips,
          establishments,
          reference_year: 2022,
          source: 'Demo values in the range of County Business Patterns 2022, NAICS 62 (illustrative)',
          updated_by: null,
        })
        .execute();
    }
  },
};

/**
 * The last quarter a state would have delivered UI wage records for on the demo's "today" (15 November
 * 2026): wage records arrive about a quarter and a half after the quarter ends.
 */
const WAGES_THROUGH = { year: 2026, quarter: 2 };

/**
 * UI wage records for the demo participants' jobs, as the state would send them: one record per person,
 * employer and calendar quarter the job covered, wages = hourly wage × weekly hours × weeks worked in the
 * quarter. Employers without a FEIN are keyed by a UI-account-like key from their name. This is what lets
 * the WIOA report and the dashboard show employment, median earnings and retention from wage data.
 */
export const wageRecordsDemoStep = {
  name: 'outcomes: UI wage records for the demo participants’ jobs',
  heavy: true,
  async run(ctx: DemoContext) {
    const lastDay = sql`(make_date(${WAGES_THROUGH.year}, ${WAGES_THROUGH.quarter * 3}, 1) + interval '1 month' - interval '1 day')::date`;
    const jobQuarters = sql`FROM employment e
      CROSS JOIN LATERAL generate_series(date_trunc('quarter', e.start_date),
        date_trunc('quarter', least(coalesce(e.end_date, ${lastDay}), ${lastDay})), interval '3 months') AS q
      WHERE e.tenant_id = ${ctx.tenantId} AND e.hourly_wage_cents > 0 AND e.start_date <= ${lastDay}`;
    const { rows: quarters } = await sql<{ year: number; quarter: number }>`
      SELECT DISTINCT extract(year FROM q)::int AS year, extract(quarter FROM q)::int AS quarter ${jobQuarters}`.execute(ctx.tx);
    await openQuarters(ctx.tx, ctx.tenantId, quarters);
    await sql`
      INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
      SELECT ${ctx.tenantId}::uuid, e.participant_id::text, extract(year FROM q)::int, extract(quarter FROM q)::int,
        coalesce(e.employer_fein, 'UI-' || upper(substr(md5(lower(btrim(e.employer_name))), 1, 9))),
        sum(round(e.hourly_wage_cents * coalesce(e.hours_per_week, 40) / 7.0
          * (least(coalesce(e.end_date, ${lastDay}), (q + interval '3 months' - interval '1 day')::date, ${lastDay})
             - greatest(e.start_date, q::date) + 1)))::bigint
      ${jobQuarters}
      GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT DO NOTHING`.execute(ctx.tx);
  },
};

type DemoTarget = { indicator: TargetIndicator; scope: TargetScope; key?: string; levels: Record<number, number> };

/**
 * Targets of the previous and the current program year (PY 2025 and PY 2026), as a partnership would set
 * them: the WIOA levels negotiated with the state for the whole partnership, Braid's own indicators, and
 * a few per initiative, grant (funding stream), WIOA program and provider. The levels are set against the
 * demo's own data so the Targets screen shows a mix of met, on track and at risk.
 */
const DEMO_TARGETS: DemoTarget[] = [
  { indicator: 'employment_q2', scope: 'partnership', levels: { 2025: 72, 2026: 70 } },
  { indicator: 'employment_q4', scope: 'partnership', levels: { 2025: 70, 2026: 68 } },
  { indicator: 'median_earnings_q2', scope: 'partnership', levels: { 2025: 7800, 2026: 8000 } },
  { indicator: 'credential_attainment', scope: 'partnership', levels: { 2025: 65, 2026: 62 } },
  { indicator: 'measurable_skill_gains', scope: 'partnership', levels: { 2025: 60, 2026: 60 } },
  { indicator: 'placement_rate', scope: 'partnership', levels: { 2025: 60, 2026: 65 } },
  // Entry-level healthcare wages sit well below the county living wage for one adult: a modest level.
  { indicator: 'living_wage_share', scope: 'partnership', levels: { 2025: 10, 2026: 12 } },
  { indicator: 'median_starting_wage', scope: 'partnership', levels: { 2025: 17, 2026: 17.5 } },
  { indicator: 'employment_q2', scope: 'initiative', key: 'initiative', levels: { 2025: 65, 2026: 65 } },
  { indicator: 'employment_q2', scope: 'funding_stream', key: 'wioa_adult', levels: { 2025: 74, 2026: 74 } },
  { indicator: 'credential_attainment', scope: 'funding_stream', key: 'philanthropic', levels: { 2025: 60, 2026: 60 } },
  { indicator: 'employment_q2', scope: 'program', key: 'adult', levels: { 2025: 74, 2026: 74 } },
  { indicator: 'employment_q2', scope: 'program', key: 'dw', levels: { 2025: 76, 2026: 76 } },
  { indicator: 'employment_q2', scope: 'program', key: 'youth', levels: { 2025: 68, 2026: 68 } },
  { indicator: 'employment_q2', scope: 'provider', key: 'eastside', levels: { 2025: 70, 2026: 70 } },
  { indicator: 'employment_q2', scope: 'provider', key: 'ajc', levels: { 2025: 70, 2026: 70 } },
];

export const targetsDemoStep = {
  name: 'outcomes: targets for PY 2025 and PY 2026',
  // Measured against the generated participants: without them every target would read "no data".
  heavy: true,
  async run(ctx: DemoContext) {
    const initiative = await ctx.tx
      .selectFrom('initiative')
      .select('id')
      .where('status', '=', 'active')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const streams = await ctx.tx.selectFrom('funding_stream').select(['id', 'source_type']).execute();
    const keyOf = (t: DemoTarget): string => {
      if (t.scope === 'partnership') return '';
      if (t.scope === 'program') return t.key as string;
      if (t.scope === 'initiative') return initiative.id;
      if (t.scope === 'provider') return ctx.organizations.get(t.key as string) as string;
      return (streams.find((s) => s.source_type === t.key) as { id: string }).id;
    };
    for (const t of DEMO_TARGETS)
      for (const [year, target] of Object.entries(t.levels))
        await upsertTarget(ctx.tx, {
          id: randomUUID(),
          tenant_id: ctx.tenantId,
          indicator: t.indicator,
          scope: t.scope,
          scope_key: keyOf(t),
          program_year: Number(year),
          target,
          created_by: ctx.users.get('director@demo.braid.test') ?? null,
        });
  },
};
