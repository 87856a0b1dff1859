import { randomUUID } from 'node:crypto';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  Milestone,
  MilestoneBody,
  MilestonePatch,
  MilestoneStatus,
  ObjectiveBody,
  ProgressUpdate,
  ProgressUpdateBody,
  Strategy,
  StrategyBody,
  StrategyPatch,
  StrategySummary,
} from '../../../shared/schemas/strategies.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, Ops } from '../../platform/http.ts';
import { paginate } from '../../platform/pagination.ts';
import { requireInitiative, requireUsers } from '../initiatives/initiatives.service.ts';
import {
  allUpdates,
  findMilestone,
  findObjective,
  findStrategy,
  findUpdate,
  indicatorsOf,
  insertMilestones,
  insertObjectives,
  insertStrategies,
  insertUpdates,
  listMilestones,
  listStrategies,
  listUpdates,
  milestonesOf,
  nextObjectivePosition,
  objectivesOf,
  replaceIndicators,
  updateMilestone,
  updateObjective,
  updateStrategy,
} from './strategies.queries.ts';

const today = () => new Date().toISOString().slice(0, 10);
const iso = (d: Date | string) => new Date(d).toISOString();
const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const owner = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

type StrategyRow = NonNullable<Awaited<ReturnType<typeof findStrategy>>>;
type MilestoneRow = Awaited<ReturnType<typeof milestonesOf>>[number];

function summary(r: StrategyRow): StrategySummary {
  const total = Number(r.milestones);
  const done = Number(r.milestones_done);
  const counted = total - Number(r.milestones_dropped);
  const [nextId, nextDue, ...nextTitle] = r.next_milestone?.split('|') ?? [];
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    title: r.title,
    status: r.status as StrategySummary['status'],
    owner: owner(r.owner_id, r.owner_name),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    progress: {
      milestones: total,
      done,
      overdue: Number(r.milestones_overdue),
      atRisk: Number(r.milestones_at_risk),
      percentDone: counted > 0 ? Math.round((100 * done) / counted) : 0,
    },
    nextMilestone: nextId ? { id: nextId, dueOn: nextDue, title: nextTitle.join('|') } : null,
    lastUpdateOn: r.last_update_on,
  };
}

function presentMilestone(m: MilestoneRow, on: string): Milestone {
  return {
    id: m.id,
    strategyId: m.strategy_id,
    objectiveId: m.objective_id,
    title: m.title,
    description: m.description,
    dueOn: m.due_on,
    status: m.status as MilestoneStatus,
    completedOn: m.completed_on,
    owner: owner(m.owner_id, m.owner_name),
    overdue: m.due_on < on && m.status !== 'done' && m.status !== 'dropped',
  };
}

async function present(tx: Tx, r: StrategyRow): Promise<Strategy> {
  const on = today();
  return {
    ...summary(r),
    description: r.description,
    objectives: (await objectivesOf(tx, r.id)).map((o) => ({
      id: o.id,
      position: o.position,
      title: o.title,
      description: o.description,
      owner: owner(o.owner_id, o.owner_name),
    })),
    milestones: (await milestonesOf(tx, r.id)).map((m) => presentMilestone(m, on)),
    indicators: (await indicatorsOf(tx, r.id)).map((i) => ({ id: i.id, name: i.name, indicatorId: i.indicator_id })),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

async function mustFind(tx: Tx, id: string) {
  const row = await findStrategy(tx, today(), id);
  if (!row) throw notFound('strategy');
  return row;
}

export async function listStrategyPage(
  ops: Ops,
  query: { page: number; pageSize: number; q?: string; status?: string; ownerId?: string; initiativeId?: string },
): Promise<Page<StrategySummary>> {
  const page = await ops.tx((tx) => paginate(listStrategies(tx, today(), query), query.page, query.pageSize));
  return { ...page, items: page.items.map(summary) };
}

export async function getStrategy(ops: Ops, id: string): Promise<Strategy> {
  return ops.tx(async (tx) => present(tx, await mustFind(tx, id)));
}

async function checkOwners(tx: Tx, ids: (string | null | undefined)[], field: string) {
  const list = ids.filter((x): x is string => !!x);
  if (list.length) await requireUsers(tx, list, field);
}

export async function createStrategyIn(ops: Ops, tx: Tx, body: StrategyBody): Promise<string> {
  await requireInitiative(tx, body.initiativeId);
  await checkOwners(tx, [body.ownerId], 'body.ownerId');
  await checkOwners(
    tx,
    body.objectives.map((o) => o.ownerId),
    'body.objectives',
  );
  const id = randomUUID();
  await insertStrategies(tx, [
    {
      id,
      tenant_id: ops.tenantId,
      initiative_id: body.initiativeId ?? null,
      title: body.title,
      description: body.description ?? null,
      status: body.status,
      owner_id: body.ownerId ?? null,
      starts_on: body.startsOn ?? null,
      ends_on: body.endsOn ?? null,
    },
  ]);
  await insertObjectives(
    tx,
    body.objectives.map((o, i) => ({
      id: randomUUID(),
      tenant_id: ops.tenantId,
      strategy_id: id,
      position: i + 1,
      title: o.title,
      description: o.description ?? null,
      owner_id: o.ownerId ?? null,
    })),
  );
  await replaceIndicators(tx, ops.tenantId, id, [...new Set(body.indicators)], randomUUID);
  await ops.audit(tx, {
    action: 'strategy.created',
    entityType: 'strategy',
    entityId: id,
    details: { title: body.title, status: body.status },
  });
  return id;
}

export async function createStrategy(ops: Ops, body: StrategyBody): Promise<Strategy> {
  const id = await ops.tx((tx) => createStrategyIn(ops, tx, body));
  return getStrategy(ops, id);
}

export async function changeStrategy(ops: Ops, id: string, body: StrategyPatch): Promise<Strategy> {
  return ops.tx(async (tx) => {
    const before = await mustFind(tx, id);
    await requireInitiative(tx, body.initiativeId);
    await checkOwners(tx, [body.ownerId], 'body.ownerId');
    const startsOn = body.startsOn === undefined ? before.starts_on : body.startsOn;
    const endsOn = body.endsOn === undefined ? before.ends_on : body.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new AppError('validation_failed', 'The strategy ends before it starts.', [
        { field: 'body.endsOn', code: 'before_start', message: 'The strategy ends before it starts.' },
      ]);
    }
    const columns = pick({
      initiative_id: body.initiativeId,
      title: body.title,
      description: body.description,
      status: body.status,
      owner_id: body.ownerId,
      starts_on: body.startsOn,
      ends_on: body.endsOn,
    });
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateStrategy(tx, id, columns);
      await ops.audit(tx, { action: 'strategy.updated', entityType: 'strategy', entityId: id, details: { changes } });
    }
    return present(tx, await mustFind(tx, id));
  });
}

export async function addObjective(ops: Ops, strategyId: string, body: ObjectiveBody): Promise<Strategy> {
  return ops.tx(async (tx) => {
    await mustFind(tx, strategyId);
    await checkOwners(tx, [body.ownerId], 'body.ownerId');
    const id = randomUUID();
    await insertObjectives(tx, [
      {
        id,
        tenant_id: ops.tenantId,
        strategy_id: strategyId,
        position: await nextObjectivePosition(tx, strategyId),
        title: body.title,
        description: body.description ?? null,
        owner_id: body.ownerId ?? null,
      },
    ]);
    await ops.audit(tx, {
      action: 'strategy.objective_added',
      entityType: 'strategy',
      entityId: strategyId,
      details: { objectiveId: id, title: body.title },
    });
    return present(tx, await mustFind(tx, strategyId));
  });
}

export async function changeObjective(ops: Ops, strategyId: string, objectiveId: string, body: Partial<ObjectiveBody>): Promise<Strategy> {
  return ops.tx(async (tx) => {
    await mustFind(tx, strategyId);
    const before = await findObjective(tx, strategyId, objectiveId);
    if (!before) throw notFound('objective');
    await checkOwners(tx, [body.ownerId], 'body.ownerId');
    const columns = pick({ title: body.title, description: body.description, owner_id: body.ownerId });
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateObjective(tx, objectiveId, columns);
      await ops.audit(tx, {
        action: 'strategy.objective_updated',
        entityType: 'strategy',
        entityId: strategyId,
        details: { objectiveId, changes },
      });
    }
    return present(tx, await mustFind(tx, strategyId));
  });
}

async function checkObjective(tx: Tx, strategyId: string, objectiveId: string | null | undefined) {
  if (objectiveId && !(await findObjective(tx, strategyId, objectiveId))) {
    throw new AppError('validation_failed', 'Not an objective of this strategy.', [
      { field: 'body.objectiveId', code: 'unknown_objective', message: 'Not an objective of this strategy.' },
    ]);
  }
}

export async function addMilestone(ops: Ops, strategyId: string, body: MilestoneBody): Promise<Milestone> {
  return ops.tx(async (tx) => {
    await mustFind(tx, strategyId);
    await checkObjective(tx, strategyId, body.objectiveId);
    await checkOwners(tx, [body.ownerId], 'body.ownerId');
    const id = randomUUID();
    await insertMilestones(tx, [
      {
        id,
        tenant_id: ops.tenantId,
        strategy_id: strategyId,
        objective_id: body.objectiveId ?? null,
        title: body.title,
        description: body.description ?? null,
        due_on: body.dueOn,
        status: body.status,
        completed_on: body.status === 'done' ? today() : null,
        owner_id: body.ownerId ?? null,
      },
    ]);
    await ops.audit(tx, {
      action: 'strategy.milestone_added',
      entityType: 'strategy',
      entityId: strategyId,
      details: { milestoneId: id, title: body.title, dueOn: body.dueOn },
    });
    return presentMilestone((await findMilestone(tx, strategyId, id))!, today());
  });
}

export async function changeMilestone(ops: Ops, strategyId: string, milestoneId: string, body: MilestonePatch): Promise<Milestone> {
  return ops.tx(async (tx) => {
    const before = await findMilestone(tx, strategyId, milestoneId);
    if (!before) throw notFound('milestone');
    await checkObjective(tx, strategyId, body.objectiveId);
    await checkOwners(tx, [body.ownerId], 'body.ownerId');
    const columns = pick({
      objective_id: body.objectiveId,
      title: body.title,
      description: body.description,
      due_on: body.dueOn,
      status: body.status,
      owner_id: body.ownerId,
      completed_on:
        body.completedOn !== undefined ? body.completedOn : body.status === 'done' && !before.completed_on ? today() : undefined,
    });
    const changes = diff(before as unknown as Record<string, unknown>, columns);
    if (Object.keys(changes).length > 0) {
      await updateMilestone(tx, milestoneId, columns);
      await ops.audit(tx, {
        action: 'strategy.milestone_updated',
        entityType: 'strategy',
        entityId: strategyId,
        details: { milestoneId, changes },
      });
    }
    return presentMilestone((await findMilestone(tx, strategyId, milestoneId))!, today());
  });
}

export async function listMilestonePage(
  ops: Ops,
  query: {
    page: number;
    pageSize: number;
    q?: string;
    status?: string;
    ownerId?: string;
    dueBefore?: string;
    overdue?: boolean;
    initiativeId?: string;
  },
) {
  const on = today();
  const page = await ops.tx((tx) => paginate(listMilestones(tx, on, query), query.page, query.pageSize));
  return { ...page, items: page.items.map((m) => ({ ...presentMilestone(m, on), strategyTitle: m.strategy_title })) };
}

export async function setIndicators(ops: Ops, strategyId: string, names: string[]): Promise<Strategy> {
  return ops.tx(async (tx) => {
    await mustFind(tx, strategyId);
    await replaceIndicators(tx, ops.tenantId, strategyId, [...new Set(names)], randomUUID);
    await ops.audit(tx, { action: 'strategy.indicators_set', entityType: 'strategy', entityId: strategyId, details: { names } });
    return present(tx, await mustFind(tx, strategyId));
  });
}

// ---- progress

type UpdateRow = NonNullable<Awaited<ReturnType<typeof findUpdate>>>;

function presentUpdate(u: UpdateRow): ProgressUpdate {
  return {
    id: u.id,
    strategyId: u.strategy_id,
    milestone: u.milestone_id ? { id: u.milestone_id, title: u.milestone_title ?? '' } : null,
    author: owner(u.author_id, u.author_name),
    occurredOn: u.occurred_on,
    summary: u.summary,
    milestoneStatus: (u.milestone_status as MilestoneStatus | null) ?? null,
    evidence: ((u.evidence ?? []) as { label: string; url?: string | null }[]).map((e) => ({ label: e.label, url: e.url ?? null })),
    createdAt: iso(u.created_at),
  };
}

export async function listUpdatePage(
  ops: Ops,
  strategyId: string,
  query: { page: number; pageSize: number; q?: string; milestoneId?: string },
) {
  return ops.tx(async (tx) => {
    await mustFind(tx, strategyId);
    const page = await paginate(listUpdates(tx, strategyId, query), query.page, query.pageSize);
    return { ...page, items: page.items.map(presentUpdate) };
  });
}

/** Progress is reported by whoever owns the work (strategy, objective or milestone) or a manager. */
export async function reportProgress(ctx: Context, strategyId: string, body: ProgressUpdateBody): Promise<ProgressUpdate> {
  return ctx.tx(async (tx) => {
    const strategy = await mustFind(tx, strategyId);
    const milestone = body.milestoneId ? await findMilestone(tx, strategyId, body.milestoneId) : undefined;
    if (body.milestoneId && !milestone) {
      throw new AppError('validation_failed', 'Not a milestone of this strategy.', [
        { field: 'body.milestoneId', code: 'unknown_milestone', message: 'Not a milestone of this strategy.' },
      ]);
    }
    if (body.milestoneStatus && !milestone) {
      throw new AppError('validation_failed', 'Name the milestone whose status changes.', [
        { field: 'body.milestoneId', code: 'required', message: 'Name the milestone.' },
      ]);
    }
    const me = ctx.principal.userId;
    const objectiveOwner = milestone?.objective_id ? (await findObjective(tx, strategyId, milestone.objective_id))?.owner_id : null;
    const owns = strategy.owner_id === me || milestone?.owner_id === me || objectiveOwner === me;
    if (!owns && !ctx.principal.permissions.has('strategies.manage')) {
      throw new AppError('forbidden', 'Progress is reported by the owner of the strategy, objective or milestone.');
    }
    const id = randomUUID();
    await insertUpdates(tx, [
      {
        id,
        tenant_id: ctx.tenantId,
        strategy_id: strategyId,
        milestone_id: milestone?.id ?? null,
        author_id: me,
        occurred_on: body.occurredOn,
        summary: body.summary,
        milestone_status: body.milestoneStatus ?? null,
        evidence: JSON.stringify(body.evidence.map((e) => ({ label: e.label, url: e.url ?? null }))),
      },
    ]);
    if (milestone && body.milestoneStatus && body.milestoneStatus !== milestone.status) {
      await updateMilestone(tx, milestone.id, {
        status: body.milestoneStatus,
        completed_on: body.milestoneStatus === 'done' ? body.occurredOn : null,
      });
    }
    await ctx.audit(tx, {
      action: 'strategy.progress_reported',
      entityType: 'strategy',
      entityId: strategyId,
      details: {
        updateId: id,
        milestoneId: milestone?.id ?? null,
        milestoneStatus: body.milestoneStatus ?? null,
        evidence: body.evidence.length,
      },
    });
    return presentUpdate((await findUpdate(tx, id))!);
  });
}

/** Everything dated about a strategy, in date order, for a timeline chart. */
export async function timelineOf(ops: Ops, strategyId: string) {
  return ops.tx(async (tx) => {
    const s = await mustFind(tx, strategyId);
    const items: {
      date: string;
      kind: 'strategy_start' | 'strategy_end' | 'milestone_due' | 'milestone_done' | 'update';
      title: string;
      milestoneId: string | null;
      updateId: string | null;
      status: MilestoneStatus | null;
    }[] = [];
    if (s.starts_on)
      items.push({ date: s.starts_on, kind: 'strategy_start', title: s.title, milestoneId: null, updateId: null, status: null });
    if (s.ends_on) items.push({ date: s.ends_on, kind: 'strategy_end', title: s.title, milestoneId: null, updateId: null, status: null });
    for (const m of await milestonesOf(tx, strategyId)) {
      const status = m.status as MilestoneStatus;
      items.push({ date: m.due_on, kind: 'milestone_due', title: m.title, milestoneId: m.id, updateId: null, status });
      if (m.completed_on)
        items.push({ date: m.completed_on, kind: 'milestone_done', title: m.title, milestoneId: m.id, updateId: null, status });
    }
    for (const u of await allUpdates(tx, strategyId)) {
      items.push({
        date: u.occurred_on,
        kind: 'update',
        title: u.summary.length > 140 ? `${u.summary.slice(0, 139)}…` : u.summary,
        milestoneId: u.milestone_id,
        updateId: u.id,
        status: (u.milestone_status as MilestoneStatus | null) ?? null,
      });
    }
    const order = ['strategy_start', 'milestone_due', 'milestone_done', 'update', 'strategy_end'];
    items.sort((a, b) => (a.date === b.date ? order.indexOf(a.kind) - order.indexOf(b.kind) : a.date < b.date ? -1 : 1));
    return { strategyId, today: today(), items };
  });
}
