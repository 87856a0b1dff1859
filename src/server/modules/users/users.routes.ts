import { idParams, ok, pageOf } from '../../../shared/schemas/common.ts';
import { inviteUserBody, membershipBody, membershipParams, userListQuery, userSummary } from '../../../shared/schemas/users.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { usersPolicy as policy } from './users.policy.ts';
import * as users from './users.service.ts';

const tags = ['users'];

export function registerUserRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/users',
      access: policy.read,
      summary: 'List people in the partnership',
      tags,
      query: userListQuery,
      response: pageOf(userSummary),
    },
    async ({ query }, ctx) => users.list(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/users/:id',
      access: policy.read,
      summary: 'One person, with their memberships',
      tags,
      params: idParams,
      response: userSummary,
    },
    async ({ params }, ctx) => users.get(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/users/invitations',
      access: policy.manage,
      summary: 'Invite a person by email',
      tags,
      body: inviteUserBody,
      response: userSummary,
      status: 201,
    },
    async ({ body }, ctx) => users.invite(ctx, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/users/:id/resend-invitation',
      access: policy.manage,
      summary: 'Send a new invitation link',
      tags,
      params: idParams,
      response: ok,
    },
    async ({ params }, ctx) => {
      await users.resendInvitation(ctx, params.id);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/users/:id/disable',
      access: policy.manage,
      summary: 'Disable a person (ends their sessions at once)',
      tags,
      params: idParams,
      response: userSummary,
    },
    async ({ params }, ctx) => users.setDisabled(ctx, params.id, true),
  );
  r.add(
    {
      method: 'POST',
      url: '/users/:id/enable',
      access: policy.manage,
      summary: 'Enable a disabled person',
      tags,
      params: idParams,
      response: userSummary,
    },
    async ({ params }, ctx) => users.setDisabled(ctx, params.id, false),
  );
  r.add(
    {
      method: 'POST',
      url: '/users/:id/memberships',
      access: policy.manageMemberships,
      summary: 'Give a person a role in an organization',
      tags,
      params: idParams,
      body: membershipBody,
      response: userSummary,
      status: 201,
    },
    async ({ params, body }, ctx) => users.addMembership(ctx, params.id, body),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/users/:id/memberships/:membershipId',
      access: policy.manageMemberships,
      summary: 'Remove a role',
      tags,
      params: membershipParams,
      response: userSummary,
    },
    async ({ params }, ctx) => users.removeMembership(ctx, params.id, params.membershipId),
  );
}
