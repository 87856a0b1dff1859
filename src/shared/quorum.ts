import type { QuorumRule, QuorumState } from './schemas/governance.ts';

// Quorum, shared by the server (which decides) and the web app (which shows it change as attendance
// is marked, before it is saved).

/** Voting members who must be present. */
export function quorumRequired(rule: QuorumRule, votingSeats: number): number {
  switch (rule.kind) {
    case 'majority':
      return Math.floor(votingSeats / 2) + 1;
    case 'percent':
      return Math.max(1, Math.ceil((votingSeats * rule.value) / 100));
    case 'count':
      return rule.value;
  }
}

/** Recused members who are present still count toward quorum (they are in the room); they do not vote. */
export function quorumState(rule: QuorumRule, votingSeats: number, presentVoting: number): QuorumState {
  const required = quorumRequired(rule, votingSeats);
  return { votingSeats, present: presentVoting, required, met: votingSeats > 0 && presentVoting >= required };
}
