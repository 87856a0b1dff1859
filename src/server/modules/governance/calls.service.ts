import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type { Call, MyProposalBody, MyProposalPatch } from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { deleteFile, findFileContent, storeFile, type Upload } from '../../platform/uploads.ts';
import { iso } from './bodies.service.ts';
import {
  deleteProposalAttachment,
  findCall,
  findProposalAttachment,
  insertProposalAttachment,
  listCalls,
  proposalIdsOfOrganizations,
  updateProposal,
} from './calls.queries.ts';
import { criteriaOf, findProposal, insertProposals, proposalOfOrganization } from './solicitations.queries.ts';
import { effectiveStatus, presentProposals } from './solicitations.service.ts';

// Calls for proposals: partner organizations' staff answer an open solicitation for their own
// organizations, and edit their proposal and its attachments until the deadline. They see the
// scope, criteria and deadline, and their own proposals: never other proposals, reviewers, scores
// or the ranking (those routes answer 404 to them, see solicitationVisibleTo).

export interface Proposer {
  userId: string;
  organizationIds: string[];
}

export function proposerOf(ctx: Context): Proposer {
  return { userId: ctx.principal.userId, organizationIds: ctx.principal.organizationIds };
}

type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

const isOpen = (r: CallRow) => effectiveStatus(r) === 'open';

async function present(tx: Tx, proposer: Proposer, rows: CallRow[]): Promise<Call[]> {
  const ids = rows.map((r) => r.id);
  const criteria = await criteriaOf(tx, ids);
  const own = await proposalIdsOfOrganizations(tx, ids, proposer.organizationIds);
  const proposals = await presentProposals(
    tx,
    (await Promise.all(own.map((p) => findProposal(tx, p.id)))).filter((p) => p !== undefined),
  );
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    title: r.title,
    scope: r.scope,
    budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
    deadline: iso(r.deadline),
    status: isOpen(r) ? 'open' : 'closed',
    criteria: criteria
      .filter((c) => c.solicitation_id === r.id)
      .map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, maxScore: c.max_score })),
    myProposals: proposals.filter((p) => p.solicitationId === r.id),
  }));
}

export async function listCallPage(
  ops: Ops,
  proposer: Proposer,
  query: { page: number; pageSize: number; q?: string; initiativeId?: string },
): Promise<Page<Call>> {
  return ops.tx(async (tx) => {
    const page = await paginate(listCalls(tx, proposer.organizationIds, query), query.page, query.pageSize);
    return { ...page, items: await present(tx, proposer, page.items) };
  });
}

async function mustSeeCall(tx: Tx, proposer: Proposer, id: string) {
  const row = await findCall(tx, proposer.organizationIds, id);
  if (!row) throw notFound('solicitation');
  return row;
}

export async function getCall(ops: Ops, proposer: Proposer, id: string): Promise<Call> {
  return ops.tx(async (tx) => (await present(tx, proposer, [await mustSeeCall(tx, proposer, id)]))[0]);
}

function mustBeOpen(row: CallRow) {
  if (!isOpen(row)) throw new AppError('deadline_passed', `Proposals were due by ${iso(row.deadline)}.`);
}

/** The caller's own proposal to this call; anyone else's answers 404. */
async function mustOwnProposal(tx: Tx, proposer: Proposer, callId: string, proposalId: string) {
  const p = await findProposal(tx, proposalId);
  if (!p || p.solicitation_id !== callId || !proposer.organizationIds.includes(p.organization_id)) throw notFound('proposal');
  return p;
}

export async function submitMyProposal(ops: Ops, proposer: Proposer, callId: string, body: MyProposalBody): Promise<Call> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    mustBeOpen(row);
    let organizationId = body.organizationId;
    if (!organizationId) {
      if (proposer.organizationIds.length !== 1) {
        throw new AppError('validation_failed', 'Say which organization is proposing.', [
          { field: 'body.organizationId', code: 'required', message: 'Choose the organization.' },
        ]);
      }
      organizationId = proposer.organizationIds[0];
    }
    if (!proposer.organizationIds.includes(organizationId)) {
      throw new AppError('validation_failed', 'You can propose for your own organization only.', [
        { field: 'body.organizationId', code: 'not_your_organization', message: 'Not your organization.' },
      ]);
    }
    if (await proposalOfOrganization(tx, callId, organizationId)) {
      throw new AppError('conflict', 'Your organization has already submitted a proposal: edit it instead.');
    }
    const id = randomUUID();
    await insertProposals(tx, [
      {
        id,
        tenant_id: ops.tenantId,
        solicitation_id: callId,
        organization_id: organizationId,
        title: body.title,
        summary: body.summary ?? null,
        amount_cents: body.amountCents ?? null,
        status: 'submitted',
        submitted_at: new Date(),
        created_by: ops.actor.userId,
      },
    ]);
    await ops.audit(tx, {
      action: 'proposal.submitted',
      entityType: 'solicitation',
      entityId: callId,
      details: { proposalId: id, organizationId, byProposer: true },
    });
  });
  return getCall(ops, proposer, callId);
}

export async function changeMyProposal(
  ops: Ops,
  proposer: Proposer,
  callId: string,
  proposalId: string,
  body: MyProposalPatch,
): Promise<Call> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    const p = await mustOwnProposal(tx, proposer, callId, proposalId);
    mustBeOpen(row);
    if (p.status !== 'submitted') throw new AppError('conflict', 'This proposal was withdrawn.');
    const patch = Object.fromEntries(
      Object.entries({ title: body.title, summary: body.summary, amount_cents: body.amountCents }).filter(([, v]) => v !== undefined),
    );
    await updateProposal(tx, proposalId, patch, ops.actor.userId);
    await ops.audit(tx, {
      action: 'proposal.updated',
      entityType: 'solicitation',
      entityId: callId,
      details: { proposalId, changed: Object.keys(patch) },
    });
  });
  return getCall(ops, proposer, callId);
}

export async function withdrawMyProposal(ops: Ops, proposer: Proposer, callId: string, proposalId: string): Promise<Call> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    const p = await mustOwnProposal(tx, proposer, callId, proposalId);
    mustBeOpen(row);
    if (p.status !== 'submitted') throw new AppError('conflict', 'This proposal was already withdrawn.');
    await updateProposal(tx, proposalId, { status: 'withdrawn' }, ops.actor.userId);
    await ops.audit(tx, { action: 'proposal.withdrawn', entityType: 'solicitation', entityId: callId, details: { proposalId } });
  });
  return getCall(ops, proposer, callId);
}

/** Checked before the upload is read, so a refused caller never streams a file. */
export async function assertCanAttach(ops: Ops, proposer: Proposer, callId: string, proposalId: string): Promise<void> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    await mustOwnProposal(tx, proposer, callId, proposalId);
    mustBeOpen(row);
  });
}

export async function addMyProposalAttachment(
  ops: Ops,
  proposer: Proposer,
  callId: string,
  proposalId: string,
  upload: Upload<{ title: string }>,
): Promise<Call> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    await mustOwnProposal(tx, proposer, callId, proposalId);
    mustBeOpen(row);
    const fileId = await storeFile(tx, ops.tenantId, ops.actor.userId, upload);
    const attachmentId = randomUUID();
    await insertProposalAttachment(tx, {
      id: attachmentId,
      tenant_id: ops.tenantId,
      proposal_id: proposalId,
      title: upload.fields.title,
      file_id: fileId,
      created_by: ops.actor.userId,
    });
    await updateProposal(tx, proposalId, {}, ops.actor.userId);
    await ops.audit(tx, {
      action: 'proposal.attachment_added',
      entityType: 'solicitation',
      entityId: callId,
      details: { proposalId, attachmentId, title: upload.fields.title, filename: upload.filename, byteSize: upload.content.length },
    });
  });
  return getCall(ops, proposer, callId);
}

export async function removeMyProposalAttachment(
  ops: Ops,
  proposer: Proposer,
  callId: string,
  proposalId: string,
  attachmentId: string,
): Promise<Call> {
  await ops.tx(async (tx) => {
    const row = await mustSeeCall(tx, proposer, callId);
    await mustOwnProposal(tx, proposer, callId, proposalId);
    const a = await findProposalAttachment(tx, proposalId, attachmentId);
    if (!a) throw notFound('attachment');
    mustBeOpen(row);
    await deleteProposalAttachment(tx, attachmentId);
    await deleteFile(tx, a.file_id);
    await updateProposal(tx, proposalId, {}, ops.actor.userId);
    await ops.audit(tx, {
      action: 'proposal.attachment_removed',
      entityType: 'solicitation',
      entityId: callId,
      details: { proposalId, attachmentId, title: a.title },
    });
  });
  return getCall(ops, proposer, callId);
}

export async function myProposalAttachmentContent(ops: Ops, proposer: Proposer, callId: string, proposalId: string, attachmentId: string) {
  return ops.tx(async (tx) => {
    await mustSeeCall(tx, proposer, callId);
    await mustOwnProposal(tx, proposer, callId, proposalId);
    const a = await findProposalAttachment(tx, proposalId, attachmentId);
    const file = a ? await findFileContent(tx, a.file_id) : undefined;
    if (!file) throw notFound('attachment');
    return file;
  });
}
