import { z } from 'zod';
import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  awardBody,
  motion,
  proposal,
  proposalBody,
  proposalScores,
  ranking,
  scoresBody,
  solicitation,
  solicitationBody,
  solicitationListQuery,
  solicitationPatch,
} from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';
import * as solicitations from './solicitations.service.ts';

const tags = ['governance'];

export function registerSolicitationRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/solicitations',
      access: policy.participate,
      summary: 'Solicitations for service providers (managers: all; reviewers and members of the awarding body: theirs)',
      tags,
      query: solicitationListQuery,
      response: pageOf(solicitation),
    },
    async ({ query }, ctx) => solicitations.listSolicitationPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/solicitations/:id',
      access: policy.participate,
      summary: 'One solicitation',
      tags,
      params: idParams,
      response: solicitation,
    },
    async ({ params }, ctx) => solicitations.getSolicitation(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/solicitations',
      access: policy.manage,
      summary: 'Draft a solicitation: scope, weighted criteria, deadline, awarding body, reviewers',
      tags,
      body: solicitationBody,
      response: solicitation,
      status: 201,
    },
    async ({ body }, ctx) => solicitations.createSolicitation(ctx, viewerOf(ctx), body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/solicitations/:id',
      access: policy.manage,
      summary: 'Change a solicitation (criteria only while a draft)',
      tags,
      params: idParams,
      body: solicitationPatch,
      response: solicitation,
    },
    async ({ params, body }, ctx) => solicitations.changeSolicitation(ctx, viewerOf(ctx), params.id, body),
  );
  for (const [action, to, summary] of [
    ['publish', 'open', 'Publish: proposals are accepted until the deadline'],
    ['close', 'review', 'Close proposals early and start review'],
    ['cancel', 'cancelled', 'Cancel the solicitation'],
  ] as const) {
    r.add(
      {
        method: 'POST',
        url: `/governance/solicitations/:id/${action}`,
        access: policy.manage,
        summary,
        tags,
        params: idParams,
        response: solicitation,
      },
      async ({ params }, ctx) => solicitations.setSolicitationStatus(ctx, viewerOf(ctx), params.id, to),
    );
  }
  r.add(
    {
      method: 'GET',
      url: '/governance/solicitations/:id/proposals',
      access: policy.participate,
      summary: 'Proposals received',
      tags,
      params: idParams,
      response: z.object({ items: z.array(proposal) }),
    },
    async ({ params }, ctx) => solicitations.listProposalsOf(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/solicitations/:id/proposals',
      access: policy.manage,
      summary: 'Record a proposal received from an organization (before the deadline)',
      tags,
      params: idParams,
      body: proposalBody,
      response: proposal,
      status: 201,
    },
    async ({ params, body }, ctx) => solicitations.submitProposal(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/proposals/:id/scores',
      access: policy.participate,
      summary: 'Scores of a proposal (reviewers: their own; managers: all)',
      tags,
      params: idParams,
      response: proposalScores,
    },
    async ({ params }, ctx) => solicitations.proposalScores(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'PUT',
      url: '/governance/proposals/:id/scores',
      access: policy.participate,
      summary: 'Score a proposal per criterion (assigned reviewers; refused with recused if you have an interest in the proposer)',
      tags,
      params: idParams,
      body: scoresBody,
      response: proposalScores,
    },
    async ({ params, body }, ctx) => solicitations.scoreProposal(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/solicitations/:id/ranking',
      access: policy.participate,
      summary: 'Proposals ranked by weighted score (recused reviewers’ scores excluded)',
      tags,
      params: idParams,
      response: ranking,
    },
    async ({ params }, ctx) => solicitations.rankingOf(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/solicitations/:id/award',
      access: policy.manage,
      summary: 'Move the award as a motion of the awarding body at one of its meetings',
      tags,
      params: idParams,
      body: awardBody,
      response: motion,
      status: 201,
    },
    async ({ params, body }, ctx) => solicitations.proposeAward(ctx, viewerOf(ctx), params.id, body),
  );
}
