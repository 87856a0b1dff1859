import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import { STORED_FILE_META } from '../../platform/uploads.ts';

// The proposer's side of solicitations. A proposer sees a solicitation while it takes proposals, and
// afterwards only if one of their organizations answered it; drafts never.

function ownProposalExists(organizationIds: string[]) {
  if (organizationIds.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM proposal p WHERE p.solicitation_id = solicitation.id
    AND p.organization_id IN (${sql.join(organizationIds)}))`;
}

function calls(db: Executor, organizationIds: string[]) {
  return db
    .selectFrom('solicitation')
    .select([
      'solicitation.id',
      'solicitation.initiative_id',
      'solicitation.title',
      'solicitation.scope',
      'solicitation.budget_cents',
      'solicitation.deadline',
      'solicitation.status',
    ])
    .where(
      sql<boolean>`((solicitation.status = 'open' AND solicitation.deadline > now())
        OR (solicitation.status <> 'draft' AND ${ownProposalExists(organizationIds)}))`,
    );
}

export function listCalls(db: Executor, organizationIds: string[], f: { q?: string; initiativeId?: string }) {
  let q = calls(db, organizationIds);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('solicitation.title', 'ilike', likePattern(f.q!)), eb('solicitation.scope', 'ilike', likePattern(f.q!))]),
    );
  q = whereInitiative(q, 'solicitation.initiative_id', f.initiativeId);
  // Open calls first, soonest deadline first; then the closed ones the caller answered.
  return q
    .orderBy(sql`(solicitation.status = 'open' AND solicitation.deadline > now())`, 'desc')
    .orderBy('solicitation.deadline')
    .orderBy('solicitation.id');
}

export function findCall(db: Executor, organizationIds: string[], id: string) {
  return calls(db, organizationIds).where('solicitation.id', '=', id).executeTakeFirst();
}

export function proposalIdsOfOrganizations(db: Executor, solicitationIds: string[], organizationIds: string[]) {
  if (solicitationIds.length === 0 || organizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('proposal')
    .select(['proposal.id', 'proposal.solicitation_id'])
    .where('proposal.solicitation_id', 'in', solicitationIds)
    .where('proposal.organization_id', 'in', organizationIds)
    .orderBy('proposal.submitted_at')
    .execute();
}

export function attachmentsOfProposals(db: Executor, proposalIds: string[]) {
  if (proposalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('proposal_attachment')
    .innerJoin('stored_file', 'stored_file.id', 'proposal_attachment.file_id')
    .select([
      'proposal_attachment.id',
      'proposal_attachment.proposal_id',
      'proposal_attachment.title',
      'proposal_attachment.file_id',
      'proposal_attachment.created_at',
      ...STORED_FILE_META,
    ])
    .where('proposal_attachment.proposal_id', 'in', proposalIds)
    .orderBy('proposal_attachment.created_at')
    .orderBy('proposal_attachment.id')
    .execute();
}

export async function insertProposalAttachment(
  db: Executor,
  row: { id: string; tenant_id: string; proposal_id: string; title: string; file_id: string; created_by: string | null },
) {
  await db.insertInto('proposal_attachment').values(row).execute();
}

export function findProposalAttachment(db: Executor, proposalId: string, id: string) {
  return db
    .selectFrom('proposal_attachment')
    .select(['id', 'title', 'file_id'])
    .where('proposal_id', '=', proposalId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteProposalAttachment(db: Executor, id: string) {
  await db.deleteFrom('proposal_attachment').where('id', '=', id).execute();
}

export async function updateProposal(
  db: Executor,
  id: string,
  patch: { title?: string; summary?: string | null; amount_cents?: number | null; status?: 'submitted' | 'withdrawn' },
  userId: string | null,
) {
  await db
    .updateTable('proposal')
    .set({ ...patch, updated_at: new Date(), updated_by: userId })
    .where('id', '=', id)
    .execute();
}
