import type { Access, Context } from '../../platform/http.ts';

// Who may do what in governance.
//
// - 'governance.manage' (the director) runs everything: bodies, seats, meetings, motions,
//   solicitations, and sees every declaration and the whole decision log.
// - 'governance.participate' (every role: anyone may hold a seat or review proposals) sees only
//   bodies they hold or held a seat on, with their meetings, motions and decisions; their own
//   declarations; solicitations they review or whose awarding body they sit on. Anything else
//   answers 404, as if it did not exist.
// - Voting and scoring are decided by the record, not the role: a current voting seat, presence at
//   the meeting and no conflict of interest; an assigned reviewer with no interest in the proposer.
export const governancePolicy = {
  participate: 'governance.participate',
  manage: 'governance.manage',
  // Partner staff answering a call for proposals: their own organizations' proposals only.
  submitProposals: 'proposals.submit',
} as const satisfies Record<string, Access>;

export interface Viewer {
  userId: string;
  manager: boolean;
}

export function viewerOf(ctx: Context): Viewer {
  return { userId: ctx.principal.userId, manager: ctx.principal.permissions.has('governance.manage') };
}
