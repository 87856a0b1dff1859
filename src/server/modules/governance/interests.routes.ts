import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  declaration,
  declarationBody,
  declarationListQuery,
  declarationPatch,
  declarationStatus,
} from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';
import * as interests from './interests.service.ts';

const tags = ['governance'];

export function registerInterestRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/declarations',
      access: policy.participate,
      summary: 'Conflict-of-interest declarations (your own; managers see everyone’s)',
      tags,
      query: declarationListQuery,
      response: pageOf(declaration),
    },
    async ({ query }, ctx) => interests.listDeclarationPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/declarations/status',
      access: policy.participate,
      summary: 'Your yearly re-declaration: last statement, when the next is due',
      tags,
      response: declarationStatus,
    },
    async (_i, ctx) => interests.declarationStatus(ctx, viewerOf(ctx)),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/declarations/affirm',
      access: policy.participate,
      summary: 'State that your declarations are complete and current (the yearly re-declaration)',
      tags,
      response: declarationStatus,
    },
    async (_i, ctx) => interests.affirm(ctx, viewerOf(ctx)),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/declarations/:id',
      access: policy.participate,
      summary: 'One declaration',
      tags,
      params: idParams,
      response: declaration,
    },
    async ({ params }, ctx) => interests.getDeclaration(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/declarations',
      access: policy.participate,
      summary: 'Declare an interest (employment, board seat, financial interest, family) in an organization',
      tags,
      body: declarationBody,
      response: declaration,
      status: 201,
    },
    async ({ body }, ctx) => interests.declare(ctx, viewerOf(ctx), body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/declarations/:id',
      access: policy.participate,
      summary: 'Change your declaration (end it with endsOn; declarations are never deleted)',
      tags,
      params: idParams,
      body: declarationPatch,
      response: declaration,
    },
    async ({ params, body }, ctx) => interests.changeDeclaration(ctx, viewerOf(ctx), params.id, body),
  );
}
