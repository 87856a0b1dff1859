import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { MilestoneTable, ProgressUpdateTable, StrategyObjectiveTable, StrategyTable } from '../../db/types.ts';
import { whereInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';

const open = sql<boolean>`m.status NOT IN ('done', 'dropped')`;

function strategies(db: Executor, today: string) {
  return db
    .selectFrom('strategy')
    .leftJoin('user as owner', 'owner.id', 'strategy.owner_id')
    .select([
      'strategy.id',
      'strategy.initiative_id',
      'strategy.title',
      'strategy.description',
      'strategy.status',
      'strategy.owner_id',
      'strategy.starts_on',
      'strategy.ends_on',
      'strategy.created_at',
      'strategy.updated_at',
      'owner.name as owner_name',
      sql<number>`(SELECT count(*) FROM milestone m WHERE m.strategy_id = strategy.id)`.as('milestones'),
      sql<number>`(SELECT count(*) FROM milestone m WHERE m.strategy_id = strategy.id AND m.status = 'done')`.as('milestones_done'),
      sql<number>`(SELECT count(*) FROM milestone m WHERE m.strategy_id = strategy.id AND m.status = 'dropped')`.as('milestones_dropped'),
      sql<number>`(SELECT count(*) FROM milestone m WHERE m.strategy_id = strategy.id AND m.status = 'at_risk')`.as('milestones_at_risk'),
      sql<number>`(SELECT count(*) FROM milestone m WHERE m.strategy_id = strategy.id AND ${open} AND m.due_on < ${today}::date)`.as(
        'milestones_overdue',
      ),
      sql<string | null>`(SELECT m.id || '|' || m.due_on || '|' || m.title FROM milestone m WHERE m.strategy_id = strategy.id AND ${open}
        ORDER BY m.due_on, m.id LIMIT 1)`.as('next_milestone'),
      sql<string | null>`(SELECT max(u.occurred_on)::text FROM progress_update u WHERE u.strategy_id = strategy.id)`.as('last_update_on'),
    ]);
}

export function listStrategies(db: Executor, today: string, f: { q?: string; status?: string; ownerId?: string; initiativeId?: string }) {
  let q = strategies(db, today);
  if (f.status) q = q.where('strategy.status', '=', f.status);
  if (f.ownerId) q = q.where('strategy.owner_id', '=', f.ownerId);
  if (f.q)
    q = q.where((eb) => eb.or([eb('strategy.title', 'ilike', likePattern(f.q!)), eb('strategy.description', 'ilike', likePattern(f.q!))]));
  q = whereInitiative(q, 'strategy.initiative_id', f.initiativeId);
  return q.orderBy('strategy.title').orderBy('strategy.id');
}

export function findStrategy(db: Executor, today: string, id: string) {
  return strategies(db, today).where('strategy.id', '=', id).executeTakeFirst();
}

export async function insertStrategies(db: Executor, rows: Insertable<StrategyTable>[]) {
  if (rows.length) await db.insertInto('strategy').values(rows).execute();
}

export async function updateStrategy(db: Executor, id: string, patch: Partial<Insertable<StrategyTable>>) {
  await db
    .updateTable('strategy')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function objectivesOf(db: Executor, strategyId: string) {
  return db
    .selectFrom('strategy_objective')
    .leftJoin('user', 'user.id', 'strategy_objective.owner_id')
    .select([
      'strategy_objective.id',
      'strategy_objective.position',
      'strategy_objective.title',
      'strategy_objective.description',
      'strategy_objective.owner_id',
      'user.name as owner_name',
    ])
    .where('strategy_objective.strategy_id', '=', strategyId)
    .orderBy('strategy_objective.position')
    .execute();
}

export function findObjective(db: Executor, strategyId: string, id: string) {
  return db
    .selectFrom('strategy_objective')
    .select(['id', 'title', 'description', 'owner_id', 'position'])
    .where('strategy_id', '=', strategyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertObjectives(db: Executor, rows: Insertable<StrategyObjectiveTable>[]) {
  if (rows.length) await db.insertInto('strategy_objective').values(rows).execute();
}

export async function updateObjective(db: Executor, id: string, patch: Partial<Insertable<StrategyObjectiveTable>>) {
  await db.updateTable('strategy_objective').set(patch).where('id', '=', id).execute();
}

export async function nextObjectivePosition(db: Executor, strategyId: string): Promise<number> {
  const row = await db
    .selectFrom('strategy_objective')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('n'))
    .where('strategy_id', '=', strategyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function milestones(db: Executor) {
  return db
    .selectFrom('milestone')
    .innerJoin('strategy', 'strategy.id', 'milestone.strategy_id')
    .leftJoin('user', 'user.id', 'milestone.owner_id')
    .select([
      'milestone.id',
      'milestone.strategy_id',
      'milestone.objective_id',
      'milestone.title',
      'milestone.description',
      'milestone.due_on',
      'milestone.status',
      'milestone.completed_on',
      'milestone.owner_id',
      'user.name as owner_name',
      'strategy.title as strategy_title',
    ]);
}

export function milestonesOf(db: Executor, strategyId: string) {
  return milestones(db).where('milestone.strategy_id', '=', strategyId).orderBy('milestone.due_on').orderBy('milestone.id').execute();
}

export function findMilestone(db: Executor, strategyId: string, id: string) {
  return milestones(db).where('milestone.strategy_id', '=', strategyId).where('milestone.id', '=', id).executeTakeFirst();
}

export function listMilestones(
  db: Executor,
  today: string,
  f: { q?: string; status?: string; ownerId?: string; dueBefore?: string; overdue?: boolean; initiativeId?: string },
) {
  let q = milestones(db);
  if (f.status) q = q.where('milestone.status', '=', f.status);
  if (f.ownerId) q = q.where('milestone.owner_id', '=', f.ownerId);
  if (f.dueBefore) q = q.where('milestone.due_on', '<', f.dueBefore);
  if (f.overdue === true) q = q.where('milestone.due_on', '<', today).where('milestone.status', 'not in', ['done', 'dropped']);
  if (f.q)
    q = q.where((eb) => eb.or([eb('milestone.title', 'ilike', likePattern(f.q!)), eb('strategy.title', 'ilike', likePattern(f.q!))]));
  q = whereInitiative(q, 'strategy.initiative_id', f.initiativeId);
  return q.orderBy('milestone.due_on').orderBy('milestone.id');
}

export async function insertMilestones(db: Executor, rows: Insertable<MilestoneTable>[]) {
  if (rows.length) await db.insertInto('milestone').values(rows).execute();
}

export async function updateMilestone(db: Executor, id: string, patch: Partial<Insertable<MilestoneTable>>) {
  await db
    .updateTable('milestone')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function indicatorsOf(db: Executor, strategyId: string) {
  return db
    .selectFrom('strategy_indicator')
    .select(['id', 'name', 'indicator_id'])
    .where('strategy_id', '=', strategyId)
    .orderBy('name')
    .execute();
}

/** Keeps indicators whose names stay (and their links), adds new names, removes the rest. */
export async function replaceIndicators(db: Executor, tenantId: string, strategyId: string, names: string[], newId: () => string) {
  await db
    .deleteFrom('strategy_indicator')
    .where('strategy_id', '=', strategyId)
    .where('name', 'not in', names.length ? names : [''])
    .execute();
  if (names.length === 0) return;
  await db
    .insertInto('strategy_indicator')
    .values(names.map((name) => ({ id: newId(), tenant_id: tenantId, strategy_id: strategyId, name })))
    .onConflict((oc) => oc.columns(['strategy_id', 'name']).doNothing())
    .execute();
}

function updates(db: Executor) {
  return db
    .selectFrom('progress_update')
    .leftJoin('milestone', 'milestone.id', 'progress_update.milestone_id')
    .leftJoin('user', 'user.id', 'progress_update.author_id')
    .select([
      'progress_update.id',
      'progress_update.strategy_id',
      'progress_update.milestone_id',
      'progress_update.author_id',
      'progress_update.occurred_on',
      'progress_update.summary',
      'progress_update.milestone_status',
      'progress_update.evidence',
      'progress_update.created_at',
      'milestone.title as milestone_title',
      'user.name as author_name',
    ]);
}

export function listUpdates(db: Executor, strategyId: string, f: { q?: string; milestoneId?: string }) {
  let q = updates(db).where('progress_update.strategy_id', '=', strategyId);
  if (f.milestoneId) q = q.where('progress_update.milestone_id', '=', f.milestoneId);
  if (f.q) q = q.where('progress_update.summary', 'ilike', likePattern(f.q));
  return q.orderBy('progress_update.occurred_on', 'desc').orderBy('progress_update.created_at', 'desc').orderBy('progress_update.id');
}

export function allUpdates(db: Executor, strategyId: string) {
  return updates(db)
    .where('progress_update.strategy_id', '=', strategyId)
    .orderBy('progress_update.occurred_on')
    .orderBy('progress_update.id')
    .execute();
}

export function findUpdate(db: Executor, id: string) {
  return updates(db).where('progress_update.id', '=', id).executeTakeFirst();
}

export async function insertUpdates(db: Executor, rows: Insertable<ProgressUpdateTable>[]) {
  if (rows.length) await db.insertInto('progress_update').values(rows).execute();
}
