import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import { idParams, pageOf, uuid } from '../../../shared/schemas/common.ts';
import { attachmentFields, call, callListQuery, myProposalBody, myProposalPatch } from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { asAttachment, fileResponse, readUpload } from '../../platform/uploads.ts';
import * as calls from './calls.service.ts';
import { governancePolicy, viewerOf } from './governance.policy.ts';
import * as solicitations from './solicitations.service.ts';

const tags = ['governance'];
const access = governancePolicy.submitProposals;
const proposalParams = z.strictObject({ id: uuid, proposalId: uuid });
const attachmentParams = z.strictObject({ id: uuid, proposalId: uuid, attachmentId: uuid });

export function registerCallRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/calls',
      access,
      summary: 'Calls for proposals: solicitations open to proposals, and those your organization answered',
      tags,
      query: callListQuery,
      response: pageOf(call),
    },
    async ({ query }, ctx) => calls.listCallPage(ctx, calls.proposerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/calls/:id',
      access,
      summary: 'One call for proposals, with your organizations’ proposals (never anyone else’s)',
      tags,
      params: idParams,
      response: call,
    },
    async ({ params }, ctx) => calls.getCall(ctx, calls.proposerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/calls/:id/proposals',
      access,
      summary: 'Submit your organization’s proposal before the deadline (deadline_passed after it)',
      tags,
      params: idParams,
      body: myProposalBody,
      response: call,
      status: 201,
    },
    async ({ params, body }, ctx) => calls.submitMyProposal(ctx, calls.proposerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/calls/:id/proposals/:proposalId',
      access,
      summary: 'Edit your proposal until the deadline',
      tags,
      params: proposalParams,
      body: myProposalPatch,
      response: call,
    },
    async ({ params, body }, ctx) => calls.changeMyProposal(ctx, calls.proposerOf(ctx), params.id, params.proposalId, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/calls/:id/proposals/:proposalId/withdraw',
      access,
      summary: 'Withdraw your proposal before the deadline',
      tags,
      params: proposalParams,
      response: call,
    },
    async ({ params }, ctx) => calls.withdrawMyProposal(ctx, calls.proposerOf(ctx), params.id, params.proposalId),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/calls/:id/proposals/:proposalId/attachments',
      access,
      summary: `Attach a document to your proposal: multipart/form-data with the field title, then the file part "file" (at most ${LIMITS.documentBytes / 1024 / 1024} MB)`,
      tags,
      params: proposalParams,
      response: call,
      status: 201,
    },
    async ({ params }, ctx, reply) => {
      const proposer = calls.proposerOf(ctx);
      await calls.assertCanAttach(ctx, proposer, params.id, params.proposalId);
      const upload = await readUpload(reply.request, attachmentFields, LIMITS.documentBytes);
      return calls.addMyProposalAttachment(ctx, proposer, params.id, params.proposalId, upload);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/calls/:id/proposals/:proposalId/attachments/:attachmentId/content',
      access,
      summary: 'Download an attachment of your proposal',
      tags,
      params: attachmentParams,
      response: fileResponse,
    },
    async ({ params }, ctx, reply) =>
      asAttachment(
        reply,
        await calls.myProposalAttachmentContent(ctx, calls.proposerOf(ctx), params.id, params.proposalId, params.attachmentId),
      ),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/governance/calls/:id/proposals/:proposalId/attachments/:attachmentId',
      access,
      summary: 'Remove an attachment from your proposal before the deadline',
      tags,
      params: attachmentParams,
      response: call,
    },
    async ({ params }, ctx) =>
      calls.removeMyProposalAttachment(ctx, calls.proposerOf(ctx), params.id, params.proposalId, params.attachmentId),
  );
  // The reviewers' and the awarding body's side: read a proposal's attachments.
  r.add(
    {
      method: 'GET',
      url: '/governance/proposals/:id/attachments/:attachmentId/content',
      access: governancePolicy.participate,
      summary: 'Download a proposal’s attachment (managers, reviewers, members of the awarding body)',
      tags,
      params: z.strictObject({ id: uuid, attachmentId: uuid }),
      response: fileResponse,
    },
    async ({ params }, ctx, reply) =>
      asAttachment(reply, await solicitations.proposalAttachmentContent(ctx, viewerOf(ctx), params.id, params.attachmentId)),
  );
}
