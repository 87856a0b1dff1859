import type { Candidate, MatchReason, MatchResult, ReferralStatus } from '../../../shared/schemas/employers.ts';
import { MATCH_WEIGHTS } from '../../../shared/schemas/employers.ts';
import type { Context } from '../../platform/http.ts';
import { countyName, socTitle } from '../codes/codes.service.ts';
import { mustSeeJobOrder } from './job-orders.service.ts';
import { type MatchRow, rankCandidates } from './matching.queries.ts';

const LEVELS = ['none', 'minor_group', 'broad_group', 'detailed'] as const;

/** The reasons behind a candidate's score, one per component, from the columns SQL computed. */
export function reasonsOf(r: MatchRow, required: string[], jobShift: string): MatchReason[] {
  return [
    {
      key: 'occupation',
      points: r.occupation_points,
      max: MATCH_WEIGHTS.occupation,
      detail: { level: LEVELS[r.occupation_level], targetSoc: r.target_soc, targetTitle: socTitle(r.target_soc) },
    },
    {
      key: 'credentials',
      points: r.credential_points,
      max: MATCH_WEIGHTS.credentials,
      detail: { held: r.credentials_held, missing: required.filter((c) => !r.credentials_held.includes(c)), required: required.length },
    },
    {
      key: 'training',
      points: r.training_points,
      max: MATCH_WEIGHTS.training,
      detail: { related: r.training_related, completedAny: r.training_any },
    },
    {
      key: 'location',
      points: r.location_points,
      max: MATCH_WEIGHTS.location,
      detail: { relation: r.location ?? 'far', county: countyName(r.county_fips) },
    },
    {
      key: 'shift',
      points: r.shift_points,
      max: MATCH_WEIGHTS.shift,
      detail: { jobShift, available: r.shift_pref, known: r.shift_pref !== null },
    },
    {
      key: 'wage',
      points: r.wage_points,
      max: MATCH_WEIGHTS.wage,
      detail: { expectedCents: r.wage_pref, known: r.wage_pref !== null },
    },
  ];
}

export async function match(ctx: Context, jobOrderId: string, limit: number): Promise<MatchResult> {
  return ctx.tx(async (tx) => {
    const job = await mustSeeJobOrder(ctx, tx, jobOrderId);
    const rows = await rankCandidates(tx, jobOrderId, limit);
    const candidates: Candidate[] = rows.map((r) => ({
      participantId: r.participant_id,
      name: `${r.first_name} ${r.last_name}`,
      countyName: countyName(r.county_fips),
      score: Number(r.score),
      reasons: reasonsOf(
        {
          ...r,
          occupation_level: Number(r.occupation_level),
          occupation_points: Number(r.occupation_points),
          credential_points: Number(r.credential_points),
          training_points: Number(r.training_points),
          location_points: Number(r.location_points),
          shift_points: Number(r.shift_points),
          wage_points: Number(r.wage_points),
          wage_pref: r.wage_pref === null ? null : Number(r.wage_pref),
        },
        job.required_credentials,
        job.shift,
      ),
      referral: r.referral_id ? { id: r.referral_id, status: r.referral_status as ReferralStatus } : null,
    }));
    // Names of participants are personal data: the read is audited with whom it showed.
    await ctx.audit(tx, {
      action: 'job_order.matched',
      entityType: 'job_order',
      entityId: jobOrderId,
      personalData: true,
      details: { participantIds: candidates.map((c) => c.participantId) },
    });
    return { jobOrderId, considered: rows.length ? Number(rows[0].considered) : 0, candidates };
  });
}
