import { idParams, pageOf, pageQuery, uuid } from '../../../shared/schemas/common.ts';
import {
  indicatorsBody,
  milestone,
  milestoneBody,
  milestoneListItem,
  milestoneListQuery,
  milestonePatch,
  objectiveBody,
  objectivePatch,
  progressUpdate,
  progressUpdateBody,
  strategy,
  strategyBody,
  strategyChildParams,
  strategyListQuery,
  strategyPatch,
  strategySummary,
  timeline,
} from '../../../shared/schemas/strategies.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { strategiesPolicy as policy } from './strategies.policy.ts';
import * as strategies from './strategies.service.ts';

const tags = ['systems change'];

export function registerStrategyRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/strategies',
      access: policy.read,
      summary: 'Systems-change strategies with progress (filter by status, owner, initiative)',
      tags,
      query: strategyListQuery,
      response: pageOf(strategySummary),
    },
    async ({ query }, ctx) => strategies.listStrategyPage(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/strategies/milestones',
      access: policy.read,
      summary: 'Milestones across strategies, by due date (filter overdue, status, owner, initiative)',
      tags,
      query: milestoneListQuery,
      response: pageOf(milestoneListItem),
    },
    async ({ query }, ctx) => strategies.listMilestonePage(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/strategies/:id',
      access: policy.read,
      summary: 'A strategy with objectives, milestones and indicators',
      tags,
      params: idParams,
      response: strategy,
    },
    async ({ params }, ctx) => strategies.getStrategy(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/strategies',
      access: policy.manage,
      summary: 'Start a strategy with objectives, owners and named indicators',
      tags,
      body: strategyBody,
      response: strategy,
      status: 201,
    },
    async ({ body }, ctx) => strategies.createStrategy(ctx, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/strategies/:id',
      access: policy.manage,
      summary: 'Change a strategy',
      tags,
      params: idParams,
      body: strategyPatch,
      response: strategy,
    },
    async ({ params, body }, ctx) => strategies.changeStrategy(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/strategies/:id/objectives',
      access: policy.manage,
      summary: 'Add an objective',
      tags,
      params: idParams,
      body: objectiveBody,
      response: strategy,
      status: 201,
    },
    async ({ params, body }, ctx) => strategies.addObjective(ctx, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/strategies/:id/objectives/:childId',
      access: policy.manage,
      summary: 'Change an objective',
      tags,
      params: strategyChildParams,
      body: objectivePatch,
      response: strategy,
    },
    async ({ params, body }, ctx) => strategies.changeObjective(ctx, params.id, params.childId, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/strategies/:id/milestones',
      access: policy.manage,
      summary: 'Add a milestone (due date, status, owner)',
      tags,
      params: idParams,
      body: milestoneBody,
      response: milestone,
      status: 201,
    },
    async ({ params, body }, ctx) => strategies.addMilestone(ctx, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/strategies/:id/milestones/:childId',
      access: policy.manage,
      summary: 'Change a milestone',
      tags,
      params: strategyChildParams,
      body: milestonePatch,
      response: milestone,
    },
    async ({ params, body }, ctx) => strategies.changeMilestone(ctx, params.id, params.childId, body),
  );
  r.add(
    {
      method: 'PUT',
      url: '/strategies/:id/indicators',
      access: policy.manage,
      summary: 'Name the indicators of a strategy (links to outcome indicators are kept for names that stay)',
      tags,
      params: idParams,
      body: indicatorsBody,
      response: strategy,
    },
    async ({ params, body }, ctx) => strategies.setIndicators(ctx, params.id, body.names),
  );
  r.add(
    {
      method: 'GET',
      url: '/strategies/:id/updates',
      access: policy.read,
      summary: 'Progress updates, newest first',
      tags,
      params: idParams,
      query: pageQuery.extend({ milestoneId: uuid.optional() }),
      response: pageOf(progressUpdate),
    },
    async ({ params, query }, ctx) => strategies.listUpdatePage(ctx, params.id, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/strategies/:id/updates',
      access: policy.report,
      summary: 'Report progress with evidence, optionally moving a milestone (owners of the work, or the director)',
      tags,
      params: idParams,
      body: progressUpdateBody,
      response: progressUpdate,
      status: 201,
    },
    async ({ params, body }, ctx) => strategies.reportProgress(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/strategies/:id/timeline',
      access: policy.read,
      summary: 'Dated events of a strategy for a timeline: start, milestones due and done, updates, end',
      tags,
      params: idParams,
      response: timeline,
    },
    async ({ params }, ctx) => strategies.timelineOf(ctx, params.id),
  );
}
