import type { JobQuality, QualityComponent } from '../../../shared/schemas/employers.ts';

// Job-quality score, 0–100, documented in docs/job-quality.md. Every point is shown as a component
// so staff and employers can see why a job scores as it does and what would raise it.
//
//   wage         40  hourly wage (the bottom of the range) against the county's living wage for the
//                    reference household (one adult, no children): full points at or above it,
//                    none at half of it or below, linear between.
//   benefits     25  health insurance 10, retirement 5, paid leave 5, tuition assistance 5.
//   hours        15  35+ hours a week 15, 30–34 8, fewer 0.
//   schedule     10  fixed or predictable 10, variable 4, on call 0.
//   advancement  10  a documented advancement pathway.
// Bands: high 75+, moderate 50–74, low below 50. A fact that is not recorded scores 0 and says so.

export const REFERENCE_HOUSEHOLD = '1A0C';
export const QUALITY_MAX = { wage: 40, benefits: 25, hours: 15, schedule: 10, advancement: 10 } as const;
const BENEFIT_POINTS: Record<string, number> = { health_insurance: 10, retirement: 5, paid_leave: 5, tuition_assistance: 5 };
const SCHEDULE_POINTS: Record<string, number> = { fixed: 10, predictable: 10, variable: 4, on_call: 0 };

export interface QualityInput {
  hourlyWageCents: number | null;
  livingWageCents: number | null;
  benefits: readonly string[];
  hoursPerWeek: number | null;
  schedule: string | null;
  advancementPathway: boolean | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function jobQuality(input: QualityInput): JobQuality {
  const components: QualityComponent[] = [];
  const { hourlyWageCents: wage, livingWageCents: lw } = input;
  let wagePoints = 0;
  let ratio: number | null = null;
  if (wage !== null && lw !== null && lw > 0) {
    ratio = wage / lw;
    wagePoints = QUALITY_MAX.wage * Math.min(1, Math.max(0, (ratio - 0.5) / 0.5));
  }
  components.push({
    key: 'wage',
    points: round1(wagePoints),
    max: QUALITY_MAX.wage,
    detail: { hourlyWageCents: wage, livingWageCents: lw, percentOfLivingWage: ratio === null ? null : Math.round(ratio * 100) },
  });
  const counted = input.benefits.filter((b) => b in BENEFIT_POINTS);
  components.push({
    key: 'benefits',
    points: counted.reduce((s, b) => s + BENEFIT_POINTS[b], 0),
    max: QUALITY_MAX.benefits,
    detail: { offered: counted, missing: Object.keys(BENEFIT_POINTS).filter((b) => !counted.includes(b)) },
  });
  const h = input.hoursPerWeek;
  components.push({
    key: 'hours',
    points: h === null ? 0 : h >= 35 ? 15 : h >= 30 ? 8 : 0,
    max: QUALITY_MAX.hours,
    detail: { hoursPerWeek: h },
  });
  components.push({
    key: 'schedule',
    points: input.schedule ? (SCHEDULE_POINTS[input.schedule] ?? 0) : 0,
    max: QUALITY_MAX.schedule,
    detail: { schedule: input.schedule },
  });
  components.push({
    key: 'advancement',
    points: input.advancementPathway ? QUALITY_MAX.advancement : 0,
    max: QUALITY_MAX.advancement,
    detail: { advancementPathway: input.advancementPathway },
  });
  const score = Math.round(components.reduce((s, c) => s + c.points, 0));
  return { score, band: bandOf(score), components };
}

export const bandOf = (score: number): JobQuality['band'] => (score >= 75 ? 'high' : score >= 50 ? 'moderate' : 'low');
