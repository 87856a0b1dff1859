import { pageOf } from '../../../shared/schemas/common.ts';
import { decision, decisionExportQuery, decisionListQuery, trail, trailQuery } from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { fileResponse } from '../../platform/uploads.ts';
import * as decisions from './decisions.service.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';

const tags = ['governance'];

export function registerDecisionRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/decisions',
      access: policy.participate,
      summary: 'The decision log: motions, votes, recusals, awards and declarations, newest first, searchable',
      tags,
      query: decisionListQuery,
      response: pageOf(decision),
    },
    async ({ query }, ctx) => decisions.listDecisionPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/decisions/export',
      access: policy.participate,
      summary: 'The decision log as CSV (same filters; cells that spreadsheets would run as formulas are escaped)',
      tags,
      query: decisionExportQuery,
      response: fileResponse,
    },
    async ({ query }, ctx, reply) => {
      const csv = await decisions.exportDecisions(ctx, viewerOf(ctx), query);
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="decision-log-${new Date().toISOString().slice(0, 10)}.csv"`);
      return Buffer.from(csv, 'utf8');
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/decisions/trail',
      access: policy.participate,
      summary: 'The audit trail of a decision’s record (a motion with its votes, a declaration, a solicitation)',
      tags,
      query: trailQuery,
      response: trail,
    },
    async ({ query }, ctx) => decisions.decisionTrail(ctx, viewerOf(ctx), query.entityType, query.entityId),
  );
}
