import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  bodyBody,
  bodyListQuery,
  bodyPatch,
  governanceBody,
  seat,
  seatBody,
  seatListQuery,
  seatPatch,
} from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import * as bodies from './bodies.service.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';

const tags = ['governance'];

export function registerBodyRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/bodies',
      access: policy.participate,
      summary: 'Governance bodies (managers: all; members: the bodies they sit or sat on)',
      tags,
      query: bodyListQuery,
      response: pageOf(governanceBody),
    },
    async ({ query }, ctx) => bodies.listBodyPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/bodies/:id',
      access: policy.participate,
      summary: 'One governance body',
      tags,
      params: idParams,
      response: governanceBody,
    },
    async ({ params }, ctx) => bodies.getBody(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/bodies',
      access: policy.manage,
      summary: 'Create a body with its charter, quorum rule and passing rule',
      tags,
      body: bodyBody,
      response: governanceBody,
      status: 201,
    },
    async ({ body }, ctx) => bodies.createBody(ctx, viewerOf(ctx), body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/bodies/:id',
      access: policy.manage,
      summary: 'Change a body (rules apply to motions closed from now on)',
      tags,
      params: idParams,
      body: bodyPatch,
      response: governanceBody,
    },
    async ({ params, body }, ctx) => bodies.changeBody(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/bodies/:id/seats',
      access: policy.participate,
      summary: 'Seats of a body: person, organization represented, voting, term',
      tags,
      params: idParams,
      query: seatListQuery,
      response: pageOf(seat),
    },
    async ({ params, query }, ctx) => bodies.listSeatPage(ctx, viewerOf(ctx), params.id, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/bodies/:id/seats',
      access: policy.manage,
      summary: 'Seat a person on a body for a term',
      tags,
      params: idParams,
      body: seatBody,
      response: seat,
      status: 201,
    },
    async ({ params, body }, ctx) => bodies.addSeat(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/seats/:id',
      access: policy.manage,
      summary: 'Change a seat (end a term: set termEndsOn)',
      tags,
      params: idParams,
      body: seatPatch,
      response: seat,
    },
    async ({ params, body }, ctx) => bodies.changeSeat(ctx, viewerOf(ctx), params.id, body),
  );
}
