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
