import type { PassingRule, QuorumState, Tally } from '../../../shared/schemas/governance.ts';

// The body's rules as pure functions: quorum, the outcome of a motion, and the ranking of proposals.
// Outcomes are always computed from votes, attendance and declarations, never typed in.

export { quorumRequired, quorumState } from '../../../shared/quorum.ts';

export interface TallyInput {
  rule: PassingRule;
  quorum: QuorumState;
  /** Counted votes only: from members present, voting, not recused. */
  yes: number;
  no: number;
  abstain: number;
  recused: number;
  /** Voting members present and not recused. */
  eligible: number;
  final: boolean;
}

/**
 * majority_of_votes_cast: more yes than no; abstentions are not votes cast; a tie fails.
 * two_thirds: yes is at least two thirds of the votes cast (abstentions excluded).
 * consensus: at least one yes and no objection; an abstention is standing aside.
 * Recused members cast nothing and are not eligible, so they never count toward the votes needed.
 * Without quorum nothing passes.
 */
export function decide(input: TallyInput): Tally {
  const { yes, no, abstain } = input;
  const votesCast = yes + no;
  let votesNeeded: number;
  switch (input.rule) {
    case 'majority_of_votes_cast':
      votesNeeded = Math.floor(votesCast / 2) + 1;
      break;
    case 'two_thirds':
      votesNeeded = Math.max(1, Math.ceil((2 * votesCast) / 3));
      break;
    case 'consensus':
      votesNeeded = Math.max(1, votesCast);
      break;
  }
  let reason: Tally['reason'] = null;
  if (!input.quorum.met) reason = 'no_quorum';
  else if (input.rule === 'consensus' && no > 0) reason = 'objection';
  else if (yes === 0) reason = 'no_votes';
  else if (yes < votesNeeded) reason = yes === no ? 'tie' : 'not_enough_yes';
  const projected = reason === null ? 'passed' : 'failed';
  return {
    status: input.final ? projected : 'pending',
    projected,
    reason,
    passingRule: input.rule,
    yes,
    no,
    abstain,
    recused: input.recused,
    eligible: input.eligible,
    notVoted: Math.max(0, input.eligible - yes - no - abstain),
    votesCast,
    votesNeeded,
    quorum: input.quorum,
  };
}

export interface RankCriterion {
  id: string;
  weight: number;
  maxScore: number;
}

export interface RankScore {
  proposalId: string;
  criterionId: string;
  reviewerId: string;
  score: number;
}

export interface Ranked {
  proposalId: string;
  rank: number | null;
  weightedScore: number | null;
  criteria: { criterionId: string; average: number | null; scores: number }[];
  reviewersScored: number;
}

/**
 * Each criterion's score is averaged over the reviewers who scored it (recused reviewers' scores are
 * dropped), taken as a share of its maximum, and weighted; the total is 0–100. A proposal is ranked
 * once every criterion has at least one score; equal totals share a rank (1, 1, 3).
 */
export function rankProposals(
  criteria: RankCriterion[],
  proposalIds: string[],
  scores: RankScore[],
  isRecused: (reviewerId: string, proposalId: string) => boolean,
): Ranked[] {
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const rows: Ranked[] = proposalIds.map((proposalId) => {
    const counted = scores.filter((s) => s.proposalId === proposalId && !isRecused(s.reviewerId, proposalId));
    const perCriterion = criteria.map((c) => {
      const list = counted.filter((s) => s.criterionId === c.id).map((s) => Math.min(s.score, c.maxScore));
      return { criterionId: c.id, average: list.length ? list.reduce((a, b) => a + b, 0) / list.length : null, scores: list.length };
    });
    const complete = criteria.length > 0 && perCriterion.every((c) => c.average !== null);
    const weighted = complete
      ? criteria.reduce((sum, c, i) => sum + (c.weight * (perCriterion[i].average as number)) / c.maxScore, 0) / totalWeight
      : null;
    return {
      proposalId,
      rank: null,
      weightedScore: weighted === null ? null : Math.round(weighted * 10_000) / 100,
      criteria: perCriterion.map((c) => ({ ...c, average: c.average === null ? null : Math.round(c.average * 100) / 100 })),
      reviewersScored: new Set(counted.map((s) => s.reviewerId)).size,
    };
  });
  const scored = rows.filter((r) => r.weightedScore !== null).sort((a, b) => (b.weightedScore as number) - (a.weightedScore as number));
  scored.forEach((r, i) => {
    r.rank = i > 0 && scored[i - 1].weightedScore === r.weightedScore ? scored[i - 1].rank : i + 1;
  });
  return [...scored, ...rows.filter((r) => r.weightedScore === null)];
}
