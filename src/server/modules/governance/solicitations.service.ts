import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  AwardBody,
  ConflictReason,
  Motion,
  Proposal,
  ProposalBody,
  Ranking,
  ScoresBody,
  Solicitation,
  SolicitationBody,
  SolicitationPatch,
} from '../../../shared/schemas/governance.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { findFileContent, presentFile } from '../../platform/uploads.ts';
import { requireInitiative, requireOrganizations, requireUsers } from '../initiatives/initiatives.service.ts';
import { findBody } from './bodies.queries.ts';
import { earlierDate, iso, today } from './bodies.service.ts';
import { attachmentsOfProposals, findProposalAttachment } from './calls.queries.ts';
import type { Viewer } from './governance.policy.ts';
import { rankProposals } from './governance.rules.ts';
import { conflictsOf } from './interests.service.ts';
import { findMeeting } from './meetings.queries.ts';
import { createMotionIn, getMotion } from './motions.service.ts';
import {
  awardMotionsOf,
  criteriaOf,
  findProposal,
  findSolicitation,
  insertCriteria,
  insertProposals,
  insertReviewers,
  insertSolicitations,
  listProposals,
  listSolicitations,
  proposalOfOrganization,
  replaceCriteria,
  replaceReviewers,
  reviewersOf,
  scoresOf,
  updateSolicitation,
  upsertScores,
} from './solicitations.queries.ts';

type SolicitationRow = NonNullable<Awaited<ReturnType<typeof findSolicitation>>>;

/** An open solicitation whose deadline has passed is under review: proposals close, scoring opens. */
export function effectiveStatus(
  r: { status: SolicitationRow['status']; deadline: Date | string },
  now = new Date(),
): SolicitationRow['status'] {
  return r.status === 'open' && new Date(r.deadline) <= now ? 'review' : r.status;
}

async function present(tx: Tx, rows: SolicitationRow[]): Promise<Solicitation[]> {
  const ids = rows.map((r) => r.id);
  const criteria = await criteriaOf(tx, ids);
  const reviewers = await reviewersOf(tx, ids);
  return rows.map((r) => ({
    id: r.id,
    initiativeId: r.initiative_id,
    body: { id: r.body_id, name: r.body_name },
    title: r.title,
    scope: r.scope,
    budgetCents: r.budget_cents === null ? null : Number(r.budget_cents),
    deadline: iso(r.deadline),
    status: effectiveStatus(r),
    criteria: criteria
      .filter((c) => c.solicitation_id === r.id)
      .map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight, maxScore: c.max_score })),
    reviewers: reviewers.filter((x) => x.solicitation_id === r.id).map((x) => ({ id: x.id, name: x.name })),
    proposalCount: Number(r.proposal_count),
    awardedProposalId: r.awarded_proposal_id,
    amReviewer: !!r.am_reviewer,
    createdAt: iso(r.created_at),
  }));
}

export async function listSolicitationPage(
  ops: Ops,
  viewer: Viewer,
  query: { page: number; pageSize: number; q?: string; status?: string; bodyId?: string; initiativeId?: string },
): Promise<Page<Solicitation>> {
  return ops.tx(async (tx) => {
    const page = await paginate(listSolicitations(tx, viewer, query), query.page, query.pageSize);
    return { ...page, items: await present(tx, page.items) };
  });
}

async function mustSee(tx: Tx, viewer: Viewer, id: string) {
  const row = await findSolicitation(tx, viewer, id);
  if (!row) throw notFound('solicitation');
  return row;
}

export async function getSolicitation(ops: Ops, viewer: Viewer, id: string): Promise<Solicitation> {
  return ops.tx(async (tx) => (await present(tx, [await mustSee(tx, viewer, id)]))[0]);
}

const criterionRows = (tenantId: string, solicitationId: string, criteria: SolicitationBody['criteria']) =>
  criteria.map((c, i) => ({
    id: randomUUID(),
    tenant_id: tenantId,
    solicitation_id: solicitationId,
    position: i + 1,
    name: c.name,
    description: c.description ?? null,
    weight: c.weight,
    max_score: c.maxScore,
  }));

export async function createSolicitationIn(
  ops: Ops,
  tx: Tx,
  viewer: Viewer,
  body: SolicitationBody,
  status: 'draft' | 'open' = 'draft',
): Promise<string> {
  await requireInitiative(tx, body.initiativeId);
  if (!(await findBody(tx, viewer, today(), body.bodyId))) {
    throw new AppError('validation_failed', 'No such governance body.', [
      { field: 'body.bodyId', code: 'unknown_body', message: 'No such governance body.' },
    ]);
  }
  await requireUsers(tx, body.reviewerIds, 'body.reviewerIds');
  const id = randomUUID();
  await insertSolicitations(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      initiative_id: body.initiativeId ?? null,
      body_id: body.bodyId,
      title: body.title,
      scope: body.scope,
      budget_cents: body.budgetCents ?? null,
      deadline: body.deadline,
      status,
      created_by: ops.actor.userId,
    },
  ]);
  await insertCriteria(tx, criterionRows(ops.tenantId, id, body.criteria));
  await insertReviewers(
    tx,
    [...new Set(body.reviewerIds)].map((user_id) => ({ solicitation_id: id, user_id, tenant_id: ops.tenantId })),
  );
  await ops.audit(tx, {
    action: 'solicitation.created',
    entityType: 'solicitation',
    entityId: id,
    details: {
      title: body.title,
      deadline: body.deadline,
      criteria: body.criteria.map((c) => `${c.name} (${c.weight})`),
      reviewerIds: body.reviewerIds,
    },
  });
  return id;
}

export async function createSolicitation(ops: Ops, viewer: Viewer, body: SolicitationBody): Promise<Solicitation> {
  const id = await ops.tx((tx) => createSolicitationIn(ops, tx, viewer, body));
  return getSolicitation(ops, viewer, id);
}

export async function changeSolicitation(ops: Ops, viewer: Viewer, id: string, body: SolicitationPatch): Promise<Solicitation> {
  await ops.tx(async (tx) => {
    const row = await mustSee(tx, viewer, id);
    const status = effectiveStatus(row);
    if (status === 'awarded' || status === 'cancelled') throw new AppError('conflict', `The solicitation is ${status}.`);
    // Criteria and weights are fixed once proposers can see them.
    if (body.criteria && status !== 'draft') throw new AppError('conflict', 'Criteria can only change while the solicitation is a draft.');
    if (body.reviewerIds) await requireUsers(tx, body.reviewerIds, 'body.reviewerIds');
    const columns = Object.fromEntries(
      Object.entries({ title: body.title, scope: body.scope, budget_cents: body.budgetCents, deadline: body.deadline }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    if (Object.keys(columns).length) await updateSolicitation(tx, id, columns);
    if (body.criteria) await replaceCriteria(tx, id, criterionRows(ops.tenantId, id, body.criteria));
    if (body.reviewerIds) await replaceReviewers(tx, ops.tenantId, id, [...new Set(body.reviewerIds)]);
    await ops.audit(tx, { action: 'solicitation.updated', entityType: 'solicitation', entityId: id, details: { ...body } });
  });
  return getSolicitation(ops, viewer, id);
}

export async function setSolicitationStatus(
  ops: Ops,
  viewer: Viewer,
  id: string,
  to: 'open' | 'review' | 'cancelled',
): Promise<Solicitation> {
  await ops.tx(async (tx) => {
    const row = await mustSee(tx, viewer, id);
    const from = effectiveStatus(row);
    const allowed: Record<typeof to, string[]> = { open: ['draft'], review: ['open'], cancelled: ['draft', 'open', 'review'] };
    if (!allowed[to].includes(from)) throw new AppError('conflict', `A ${from} solicitation cannot become ${to}.`);
    if (to === 'open' && new Date(row.deadline) <= new Date())
      throw new AppError('deadline_passed', 'Move the deadline into the future before publishing.');
    await updateSolicitation(tx, id, { status: to });
    await ops.audit(tx, {
      action: `solicitation.${to === 'open' ? 'published' : to === 'review' ? 'closed' : 'cancelled'}`,
      entityType: 'solicitation',
      entityId: id,
    });
  });
  return getSolicitation(ops, viewer, id);
}

// ---- proposals

type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;
type AttachmentRow = Awaited<ReturnType<typeof attachmentsOfProposals>>[number];

function presentProposal(r: ProposalRow, attachments: AttachmentRow[]): Proposal {
  return {
    id: r.id,
    solicitationId: r.solicitation_id,
    organization: { id: r.organization_id, name: r.organization_name },
    title: r.title,
    summary: r.summary,
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
    status: r.status,
    submittedAt: iso(r.submitted_at),
    updatedAt: r.updated_at ? iso(r.updated_at) : null,
    attachments: attachments
      .filter((a) => a.proposal_id === r.id)
      .map((a) => ({ id: a.id, title: a.title, file: presentFile(a), createdAt: iso(a.created_at) })),
  };
}

/** Proposals with their attachments, in one query for the attachments. */
export async function presentProposals(tx: Tx, rows: ProposalRow[]): Promise<Proposal[]> {
  const attachments = await attachmentsOfProposals(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentProposal(r, attachments));
}

export async function listProposalsOf(ops: Ops, viewer: Viewer, solicitationId: string): Promise<{ items: Proposal[] }> {
  return ops.tx(async (tx) => {
    await mustSee(tx, viewer, solicitationId);
    return { items: await presentProposals(tx, await listProposals(tx, solicitationId)) };
  });
}

/** Staff record a proposal as received from an organization, while the solicitation is open. */
export async function submitProposal(ops: Ops, viewer: Viewer, solicitationId: string, body: ProposalBody): Promise<Proposal> {
  return ops.tx(async (tx) => {
    const row = await mustSee(tx, viewer, solicitationId);
    const status = effectiveStatus(row);
    if (status === 'review' || (status === 'open' && new Date(row.deadline) <= new Date())) {
      throw new AppError('deadline_passed', `Proposals were due by ${iso(row.deadline)}.`);
    }
    if (status !== 'open') throw new AppError('conflict', `The solicitation is ${status}, not open for proposals.`);
    await requireOrganizations(tx, [body.organizationId], 'body.organizationId');
    if (await proposalOfOrganization(tx, solicitationId, body.organizationId)) {
      throw new AppError('conflict', 'This organization has already submitted a proposal.');
    }
    const id = randomUUID();
    await insertProposals(tx, [
      {
        id,
        tenant_id: ops.tenantId,
        solicitation_id: solicitationId,
        organization_id: body.organizationId,
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
      entityId: solicitationId,
      details: { proposalId: id, organizationId: body.organizationId },
    });
    return (await presentProposals(tx, [(await findProposal(tx, id))!]))[0];
  });
}

// ---- reviewers, recusal and scores

/** Each reviewer's conflicts with each proposing organization, since the solicitation began. */
async function reviewerConflicts(tx: Tx, row: SolicitationRow, reviewerIds: string[], proposals: ProposalRow[]) {
  const from = new Date(row.created_at).toISOString().slice(0, 10);
  const window = { from: earlierDate(from, today()), to: today() };
  const conflicts = await conflictsOf(
    tx,
    reviewerIds.map((userId) => ({ userId })),
    proposals.map((p) => p.organization_id),
    window,
  );
  return (reviewerId: string, proposal: { organization_id: string }): ConflictReason[] =>
    (conflicts.get(reviewerId) ?? []).filter((c) => c.organizationId === proposal.organization_id);
}

export async function proposalFor(tx: Tx, viewer: Viewer, proposalId: string) {
  const proposal = await findProposal(tx, proposalId);
  const solicitation = proposal ? await findSolicitation(tx, viewer, proposal.solicitation_id) : undefined;
  if (!proposal || !solicitation) throw notFound('proposal');
  return { proposal, solicitation };
}

export async function scoreProposal(ops: Ops, viewer: Viewer, proposalId: string, body: ScoresBody) {
  return ops.tx(async (tx) => {
    const { proposal, solicitation } = await proposalFor(tx, viewer, proposalId);
    if (!solicitation.am_reviewer)
      throw new AppError('not_a_reviewer', 'Only reviewers assigned to this solicitation can score its proposals.');
    const status = effectiveStatus(solicitation);
    if (status !== 'review') {
      throw new AppError(
        'conflict',
        status === 'open' || status === 'draft' ? 'Scoring opens when proposals are closed.' : `The solicitation is ${status}.`,
      );
    }
    if (proposal.status !== 'submitted') throw new AppError('conflict', 'This proposal was withdrawn.');
    const conflicts = (await reviewerConflicts(tx, solicitation, [viewer.userId], [proposal]))(viewer.userId, proposal);
    if (conflicts.length) {
      throw new AppError(
        'recused',
        `You have an interest in ${proposal.organization_name}, which submitted this proposal: you are recused from scoring it.`,
        conflicts.map((c) => ({ field: 'organization', code: c.kind, message: c.organizationName })),
      );
    }
    const criteria = await criteriaOf(tx, [solicitation.id]);
    const errors = body.scores.flatMap((s, i) => {
      const c = criteria.find((x) => x.id === s.criterionId);
      if (!c)
        return [{ field: `body.scores.${i}.criterionId`, code: 'unknown_criterion', message: 'Not a criterion of this solicitation.' }];
      if (s.score > c.max_score) return [{ field: `body.scores.${i}.score`, code: 'too_big', message: `At most ${c.max_score}.` }];
      return [];
    });
    if (errors.length) throw new AppError('validation_failed', errors[0].message, errors);
    const now = new Date();
    await upsertScores(
      tx,
      body.scores.map((s) => ({
        proposal_id: proposalId,
        criterion_id: s.criterionId,
        reviewer_id: viewer.userId,
        tenant_id: ops.tenantId,
        score: s.score,
        comment: s.comment ?? null,
        scored_at: now,
      })),
    );
    await ops.audit(tx, {
      action: 'proposal.scored',
      entityType: 'solicitation',
      entityId: solicitation.id,
      details: { proposalId, reviewerId: viewer.userId, scores: body.scores.map((s) => ({ criterionId: s.criterionId, score: s.score })) },
    });
    return scoresIn(tx, viewer, proposalId);
  });
}

async function scoresIn(tx: Tx, viewer: Viewer, proposalId: string) {
  const { proposal } = await proposalFor(tx, viewer, proposalId);
  // Reviewers see their own scores; managers see every reviewer's.
  const rows = (await scoresOf(tx, proposal.solicitation_id, viewer.manager ? undefined : viewer.userId)).filter(
    (s) => s.proposal_id === proposalId,
  );
  return {
    proposalId,
    items: rows.map((s) => ({
      reviewer: { id: s.reviewer_id, name: s.reviewer_name },
      criterionId: s.criterion_id,
      score: s.score,
      comment: s.comment,
      scoredAt: iso(s.scored_at),
    })),
  };
}

export async function proposalScores(ops: Ops, viewer: Viewer, proposalId: string) {
  return ops.tx((tx) => scoresIn(tx, viewer, proposalId));
}

export async function rankingOf(ops: Ops, viewer: Viewer, solicitationId: string): Promise<Ranking> {
  return ops.tx(async (tx) => {
    const solicitation = await mustSee(tx, viewer, solicitationId);
    const criteria = await criteriaOf(tx, [solicitationId]);
    const proposals = (await listProposals(tx, solicitationId)).filter((p) => p.status === 'submitted');
    const reviewers = await reviewersOf(tx, [solicitationId]);
    const scores = await scoresOf(tx, solicitationId);
    const conflictWith = await reviewerConflicts(
      tx,
      solicitation,
      reviewers.map((r) => r.id),
      proposals,
    );
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const presented = new Map((await presentProposals(tx, proposals)).map((p) => [p.id, p]));
    const ranked = rankProposals(
      criteria.map((c) => ({ id: c.id, weight: c.weight, maxScore: c.max_score })),
      proposals.map((p) => p.id),
      scores.map((s) => ({ proposalId: s.proposal_id, criterionId: s.criterion_id, reviewerId: s.reviewer_id, score: s.score })),
      (reviewerId, proposalId) => conflictWith(reviewerId, byId.get(proposalId)!).length > 0,
    );
    return {
      solicitationId,
      items: ranked.map((r) => {
        const p = byId.get(r.proposalId)!;
        return {
          rank: r.rank,
          proposal: presented.get(p.id)!,
          weightedScore: r.weightedScore,
          criteria: r.criteria,
          reviewersScored: r.reviewersScored,
          recusedReviewers: reviewers
            .map((rv) => ({ reviewer: { id: rv.id, name: rv.name }, reasons: conflictWith(rv.id, p) }))
            .filter((x) => x.reasons.length > 0),
        };
      }),
    };
  });
}

/** The award is a motion of the awarding body, concerning every proposing organization, so members with an interest in any proposer are recused. */
export async function proposeAward(ops: Ops, viewer: Viewer, solicitationId: string, body: AwardBody): Promise<Motion> {
  const motionId = await ops.tx(async (tx) => {
    const solicitation = await mustSee(tx, viewer, solicitationId);
    if (effectiveStatus(solicitation) !== 'review')
      throw new AppError('conflict', 'An award is moved once proposals are closed and under review.');
    const proposals = (await listProposals(tx, solicitationId)).filter((p) => p.status === 'submitted');
    const chosen = proposals.find((p) => p.id === body.proposalId);
    if (!chosen) {
      throw new AppError('validation_failed', 'Not a proposal to this solicitation.', [
        { field: 'body.proposalId', code: 'unknown_proposal', message: 'Not a proposal to this solicitation.' },
      ]);
    }
    if ((await awardMotionsOf(tx, solicitationId)).some((m) => m.status === 'proposed' || m.status === 'open')) {
      throw new AppError('conflict', 'An award motion for this solicitation is already before the body.');
    }
    const meeting = await findMeeting(tx, viewer, body.meetingId);
    if (!meeting || meeting.body_id !== solicitation.body_id) {
      throw new AppError('validation_failed', 'The award is moved at a meeting of the awarding body.', [
        { field: 'body.meetingId', code: 'wrong_body', message: `Choose a meeting of ${solicitation.body_name}.` },
      ]);
    }
    const id = await createMotionIn(ops, tx, viewer, body.meetingId, {
      kind: 'award',
      proposalId: chosen.id,
      title: body.title ?? `Award "${solicitation.title}" to ${chosen.organization_name}`,
      resolution: body.resolution ?? null,
      organizationIds: proposals.map((p) => p.organization_id),
    });
    await ops.audit(tx, {
      action: 'solicitation.award_moved',
      entityType: 'solicitation',
      entityId: solicitationId,
      details: { proposalId: chosen.id, motionId: id },
    });
    return id;
  });
  return getMotion(ops, viewer, motionId);
}

/** A proposal's attachment, for those who may see the proposal: managers, reviewers, the awarding body. */
export async function proposalAttachmentContent(ops: Ops, viewer: Viewer, proposalId: string, attachmentId: string) {
  return ops.tx(async (tx) => {
    await proposalFor(tx, viewer, proposalId);
    const a = await findProposalAttachment(tx, proposalId, attachmentId);
    const file = a ? await findFileContent(tx, a.file_id) : undefined;
    if (!file) throw notFound('attachment');
    return file;
  });
}
