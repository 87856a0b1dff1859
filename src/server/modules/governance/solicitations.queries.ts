import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ProposalScoreTable, ProposalTable, SolicitationCriterionTable, SolicitationTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Viewer } from './governance.policy.ts';

/** Managers see every solicitation; others those they review or whose awarding body they sit on. */
function solicitationVisibleTo(viewer: Viewer) {
  if (viewer.manager) return sql<boolean>`true`;
  return sql<boolean>`(EXISTS (SELECT 1 FROM solicitation_reviewer r WHERE r.solicitation_id = solicitation.id AND r.user_id = ${viewer.userId})
    OR EXISTS (SELECT 1 FROM seat s WHERE s.body_id = solicitation.body_id AND s.user_id = ${viewer.userId}))`;
}

function solicitations(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('solicitation')
    .innerJoin('governance_body', 'governance_body.id', 'solicitation.body_id')
    .select([
      'solicitation.id',
      'solicitation.initiative_id',
      'solicitation.body_id',
      'solicitation.title',
      'solicitation.scope',
      'solicitation.budget_cents',
      'solicitation.deadline',
      'solicitation.status',
      'solicitation.awarded_proposal_id',
      'solicitation.created_at',
      'governance_body.name as body_name',
      sql<number>`(SELECT count(*) FROM proposal p WHERE p.solicitation_id = solicitation.id AND p.status = 'submitted')`.as(
        'proposal_count',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM solicitation_reviewer r WHERE r.solicitation_id = solicitation.id AND r.user_id = ${viewer.userId})`.as(
        'am_reviewer',
      ),
    ])
    .where(solicitationVisibleTo(viewer));
}

export function listSolicitations(
  db: Executor,
  viewer: Viewer,
  f: { q?: string; status?: string; bodyId?: string; initiativeId?: string },
) {
  let q = solicitations(db, viewer);
  if (f.status) q = q.where('solicitation.status', '=', f.status as 'open');
  if (f.bodyId) q = q.where('solicitation.body_id', '=', f.bodyId);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('solicitation.title', 'ilike', likePattern(f.q!)), eb('solicitation.scope', 'ilike', likePattern(f.q!))]),
    );
  q = whereInitiative(q, 'solicitation.initiative_id', f.initiativeId);
  return q.orderBy('solicitation.deadline', 'desc').orderBy('solicitation.id');
}

export function findSolicitation(db: Executor, viewer: Viewer, id: string) {
  return solicitations(db, viewer).where('solicitation.id', '=', id).executeTakeFirst();
}

export function criteriaOf(db: Executor, solicitationIds: string[]) {
  if (solicitationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('solicitation_criterion')
    .select(['id', 'solicitation_id', 'position', 'name', 'description', 'weight', 'max_score'])
    .where('solicitation_id', 'in', solicitationIds)
    .orderBy('solicitation_id')
    .orderBy('position')
    .execute();
}

export function reviewersOf(db: Executor, solicitationIds: string[]) {
  if (solicitationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('solicitation_reviewer')
    .innerJoin('user', 'user.id', 'solicitation_reviewer.user_id')
    .select(['solicitation_reviewer.solicitation_id', 'user.id', 'user.name'])
    .where('solicitation_reviewer.solicitation_id', 'in', solicitationIds)
    .orderBy('user.name')
    .execute();
}

export async function insertSolicitations(db: Executor, rows: Insertable<SolicitationTable>[]) {
  if (rows.length) await db.insertInto('solicitation').values(rows).execute();
}

export async function updateSolicitation(db: Executor, id: string, patch: Partial<Insertable<SolicitationTable>>) {
  await db
    .updateTable('solicitation')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceCriteria(db: Executor, solicitationId: string, rows: Insertable<SolicitationCriterionTable>[]) {
  await db.deleteFrom('solicitation_criterion').where('solicitation_id', '=', solicitationId).execute();
  await insertCriteria(db, rows);
}

export async function insertCriteria(db: Executor, rows: Insertable<SolicitationCriterionTable>[]) {
  if (rows.length) await db.insertInto('solicitation_criterion').values(rows).execute();
}

export async function replaceReviewers(db: Executor, tenantId: string, solicitationId: string, userIds: string[]) {
  await db.deleteFrom('solicitation_reviewer').where('solicitation_id', '=', solicitationId).execute();
  await insertReviewers(
    db,
    userIds.map((user_id) => ({ solicitation_id: solicitationId, user_id, tenant_id: tenantId })),
  );
}

export async function insertReviewers(db: Executor, rows: { solicitation_id: string; user_id: string; tenant_id: string }[]) {
  if (rows.length) await db.insertInto('solicitation_reviewer').values(rows).execute();
}

// ---- proposals and scores

const PROPOSAL_COLUMNS = [
  'proposal.id',
  'proposal.solicitation_id',
  'proposal.organization_id',
  'proposal.title',
  'proposal.summary',
  'proposal.amount_cents',
  'proposal.status',
  'proposal.submitted_at',
  'proposal.updated_at',
] as const;

function proposals(db: Executor) {
  return db
    .selectFrom('proposal')
    .innerJoin('organization', 'organization.id', 'proposal.organization_id')
    .select(PROPOSAL_COLUMNS)
    .select('organization.name as organization_name');
}

export function listProposals(db: Executor, solicitationId: string) {
  return proposals(db)
    .where('proposal.solicitation_id', '=', solicitationId)
    .orderBy('proposal.submitted_at')
    .orderBy('proposal.id')
    .execute();
}

export function findProposal(db: Executor, id: string) {
  return proposals(db).where('proposal.id', '=', id).executeTakeFirst();
}

export function proposalOfOrganization(db: Executor, solicitationId: string, organizationId: string) {
  return db
    .selectFrom('proposal')
    .select('id')
    .where('solicitation_id', '=', solicitationId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

export async function insertProposals(db: Executor, rows: Insertable<ProposalTable>[]) {
  if (rows.length) await db.insertInto('proposal').values(rows).execute();
}

export function scoresOf(db: Executor, solicitationId: string, reviewerId?: string) {
  let q = db
    .selectFrom('proposal_score')
    .innerJoin('proposal', 'proposal.id', 'proposal_score.proposal_id')
    .innerJoin('user', 'user.id', 'proposal_score.reviewer_id')
    .select([
      'proposal_score.proposal_id',
      'proposal_score.criterion_id',
      'proposal_score.reviewer_id',
      'proposal_score.score',
      'proposal_score.comment',
      'proposal_score.scored_at',
      'user.name as reviewer_name',
    ])
    .where('proposal.solicitation_id', '=', solicitationId);
  if (reviewerId) q = q.where('proposal_score.reviewer_id', '=', reviewerId);
  return q.orderBy('user.name').orderBy('proposal_score.criterion_id').execute();
}

export async function upsertScores(db: Executor, rows: Insertable<ProposalScoreTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('proposal_score')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['proposal_id', 'criterion_id', 'reviewer_id']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        comment: eb.ref('excluded.comment'),
        scored_at: eb.ref('excluded.scored_at'),
      })),
    )
    .execute();
}

/** The awarding motion passed: the solicitation is awarded to that proposal. */
export async function markSolicitationAwarded(db: Executor, proposalId: string) {
  await db
    .updateTable('solicitation')
    .set({ status: 'awarded', awarded_proposal_id: proposalId, updated_at: new Date() })
    .where('id', '=', (eb) => eb.selectFrom('proposal').select('proposal.solicitation_id').where('proposal.id', '=', proposalId))
    .execute();
}

export function awardMotionsOf(db: Executor, solicitationId: string) {
  return db
    .selectFrom('motion')
    .innerJoin('proposal', 'proposal.id', 'motion.proposal_id')
    .select(['motion.id', 'motion.status', 'motion.outcome'])
    .where('proposal.solicitation_id', '=', solicitationId)
    .where('motion.kind', '=', 'award')
    .execute();
}
