import { describe, expect, it } from 'vitest';
import { decide, quorumRequired, quorumState, rankProposals } from './governance.rules.ts';

const quorum = quorumState({ kind: 'majority' }, 7, 5);
const noQuorum = quorumState({ kind: 'majority' }, 7, 3);
const tally = (
  rule: 'majority_of_votes_cast' | 'two_thirds' | 'consensus',
  yes: number,
  no: number,
  abstain = 0,
  extra: { recused?: number; eligible?: number } = {},
) => decide({ rule, quorum, yes, no, abstain, recused: extra.recused ?? 0, eligible: extra.eligible ?? yes + no + abstain, final: true });

describe('quorum', () => {
  it('majority is more than half of the voting seats', () => {
    expect(quorumRequired({ kind: 'majority' }, 7)).toBe(4);
    expect(quorumRequired({ kind: 'majority' }, 8)).toBe(5);
    expect(quorumRequired({ kind: 'majority' }, 1)).toBe(1);
  });
  it('a percentage rounds up, a count is a count', () => {
    expect(quorumRequired({ kind: 'percent', value: 67 }, 7)).toBe(5);
    expect(quorumRequired({ kind: 'percent', value: 50 }, 8)).toBe(4);
    expect(quorumRequired({ kind: 'count', value: 3 }, 9)).toBe(3);
  });
  it('is met when enough voting members are present; never for a body without voting seats', () => {
    expect(quorumState({ kind: 'majority' }, 7, 4)).toEqual({ votingSeats: 7, present: 4, required: 4, met: true });
    expect(quorumState({ kind: 'majority' }, 7, 3).met).toBe(false);
    expect(quorumState({ kind: 'count', value: 1 }, 0, 0).met).toBe(false);
  });
});

describe('majority of votes cast', () => {
  it('passes with more yes than no; abstentions are not votes cast', () => {
    expect(tally('majority_of_votes_cast', 3, 2)).toMatchObject({ status: 'passed', votesCast: 5, votesNeeded: 3 });
    expect(tally('majority_of_votes_cast', 2, 1, 4)).toMatchObject({ status: 'passed', votesCast: 3, votesNeeded: 2, abstain: 4 });
  });
  it('fails on a tie', () => {
    expect(tally('majority_of_votes_cast', 3, 3)).toMatchObject({ status: 'failed', reason: 'tie', votesNeeded: 4 });
    expect(tally('majority_of_votes_cast', 2, 2, 3)).toMatchObject({ status: 'failed', reason: 'tie' });
  });
  it('fails when nobody votes yes, or everyone abstains', () => {
    expect(tally('majority_of_votes_cast', 0, 0, 5)).toMatchObject({ status: 'failed', reason: 'no_votes', votesNeeded: 1 });
    expect(tally('majority_of_votes_cast', 0, 2)).toMatchObject({ status: 'failed', reason: 'no_votes' });
  });
  it('fails without quorum, whatever the votes', () => {
    const t = decide({ rule: 'majority_of_votes_cast', quorum: noQuorum, yes: 3, no: 0, abstain: 0, recused: 0, eligible: 3, final: true });
    expect(t).toMatchObject({ status: 'failed', reason: 'no_quorum' });
  });
  it('is pending until final, with the outcome it would have now', () => {
    const t = decide({ rule: 'majority_of_votes_cast', quorum, yes: 2, no: 1, abstain: 0, recused: 1, eligible: 5, final: false });
    expect(t).toMatchObject({ status: 'pending', projected: 'passed', notVoted: 2, recused: 1 });
  });
});

describe('two thirds', () => {
  it('needs two thirds of the votes cast', () => {
    expect(tally('two_thirds', 4, 2)).toMatchObject({ status: 'passed', votesNeeded: 4 });
    expect(tally('two_thirds', 3, 2)).toMatchObject({ status: 'failed', reason: 'not_enough_yes', votesNeeded: 4 });
    expect(tally('two_thirds', 2, 1)).toMatchObject({ status: 'passed', votesNeeded: 2 });
    expect(tally('two_thirds', 2, 2)).toMatchObject({ status: 'failed', reason: 'tie' });
  });
  it('excludes abstentions from the votes cast', () => {
    expect(tally('two_thirds', 4, 2, 3)).toMatchObject({ status: 'passed', votesCast: 6, votesNeeded: 4 });
  });
});

describe('consensus', () => {
  it('passes with yes and stand-asides, fails on any objection', () => {
    expect(tally('consensus', 5, 0, 2)).toMatchObject({ status: 'passed', votesNeeded: 5 });
    expect(tally('consensus', 6, 1)).toMatchObject({ status: 'failed', reason: 'objection' });
    expect(tally('consensus', 0, 0, 3)).toMatchObject({ status: 'failed', reason: 'no_votes' });
  });
});

describe('recused members', () => {
  it('are not eligible and never count toward the votes needed', () => {
    // 7 voting seats, all present, 2 recused: 5 eligible; 3 yes, 2 no passes a majority of votes cast.
    const t = decide({
      rule: 'majority_of_votes_cast',
      quorum: quorumState({ kind: 'majority' }, 7, 7),
      yes: 3,
      no: 2,
      abstain: 0,
      recused: 2,
      eligible: 5,
      final: true,
    });
    expect(t).toMatchObject({ status: 'passed', votesNeeded: 3, eligible: 5, recused: 2, notVoted: 0 });
  });
});

describe('ranking proposals', () => {
  const criteria = [
    { id: 'quality', weight: 50, maxScore: 5 },
    { id: 'cost', weight: 30, maxScore: 10 },
    { id: 'reach', weight: 20, maxScore: 5 },
  ];
  const s = (proposalId: string, reviewerId: string, scores: [number, number, number]) =>
    criteria.map((c, i) => ({ proposalId, reviewerId, criterionId: c.id, score: scores[i] }));

  it('weights the per-criterion averages and ranks best first', () => {
    const scores = [
      ...s('A', 'r1', [5, 10, 5]),
      ...s('A', 'r2', [3, 6, 3]),
      ...s('B', 'r1', [4, 8, 4]),
      ...s('B', 'r2', [4, 8, 4]),
      ...s('C', 'r1', [2, 2, 2]),
    ];
    const ranked = rankProposals(criteria, ['A', 'B', 'C'], scores, () => false);
    // A: quality 4/5, cost 8/10, reach 4/5 → 80; B: the same averages → 80; C: 40·.5 + 20·.3 + 40·.2 = 34.
    expect(ranked.map((r) => [r.proposalId, r.rank, r.weightedScore])).toEqual([
      ['A', 1, 80],
      ['B', 1, 80],
      ['C', 3, 34],
    ]);
  });

  it('drops the scores of a recused reviewer and leaves incomplete proposals unranked', () => {
    const scores = [...s('A', 'r1', [5, 10, 5]), ...s('A', 'r2', [1, 1, 1]), ...s('B', 'r1', [3, 6, 3])];
    const ranked = rankProposals(criteria, ['A', 'B', 'D'], scores, (reviewer, proposal) => reviewer === 'r2' && proposal === 'A');
    expect(ranked.map((r) => [r.proposalId, r.rank, r.weightedScore, r.reviewersScored])).toEqual([
      ['A', 1, 100, 1],
      ['B', 2, 60, 1],
      ['D', null, null, 0],
    ]);
  });
});
