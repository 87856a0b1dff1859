import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import { motion, motionListQuery, motionPatch, motionSummary, voteBody } from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';
import * as motions from './motions.service.ts';

const tags = ['governance'];

export function registerMotionRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/motions',
      access: policy.participate,
      summary: 'Motions of the bodies the caller may see (filter by body, meeting, status, organization, initiative)',
      tags,
      query: motionListQuery,
      response: pageOf(motionSummary),
    },
    async ({ query }, ctx) => motions.listMotionPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/motions/:id',
      access: policy.participate,
      summary: 'A motion with its votes, recusals and outcome (computed live while open, frozen when closed)',
      tags,
      params: idParams,
      response: motion,
    },
    async ({ params }, ctx) => motions.getMotion(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/motions/:id',
      access: policy.manage,
      summary: 'Change a motion before voting opens',
      tags,
      params: idParams,
      body: motionPatch,
      response: motion,
    },
    async ({ params, body }, ctx) => motions.changeMotion(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/motions/:id/open',
      access: policy.manage,
      summary: 'Open voting (the meeting must be in progress with quorum)',
      tags,
      params: idParams,
      response: motion,
    },
    async ({ params }, ctx) => motions.openVoting(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/motions/:id/close',
      access: policy.manage,
      summary: 'Close voting: the outcome is computed from the body’s rules and frozen',
      tags,
      params: idParams,
      response: motion,
    },
    async ({ params }, ctx) => motions.closeVoting(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/motions/:id/withdraw',
      access: policy.manage,
      summary: 'Withdraw a motion',
      tags,
      params: idParams,
      response: motion,
    },
    async ({ params }, ctx) => motions.withdrawMotion(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'PUT',
      url: '/governance/motions/:id/vote',
      access: policy.participate,
      summary:
        'Cast or change your vote (yes, no, abstain). Refused: not_a_member, non_voting_seat, recused (declared interest), not_present, voting_not_open, voting_closed',
      tags,
      params: idParams,
      body: voteBody,
      response: motion,
    },
    async ({ params, body }, ctx) => motions.castVote(ctx, viewerOf(ctx), params.id, body.value),
  );
}
