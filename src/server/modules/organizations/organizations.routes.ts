import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import { organization, organizationBody, organizationListQuery, organizationPatch } from '../../../shared/schemas/organizations.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { organizationsPolicy as policy } from './organizations.policy.ts';
import * as organizations from './organizations.service.ts';

const tags = ['organizations'];

export function registerOrganizationRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/organizations',
      access: policy.read,
      summary: 'List organizations of the partnership',
      tags,
      query: organizationListQuery,
      response: pageOf(organization),
    },
    async ({ query }, ctx) => organizations.list(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/organizations/:id',
      access: policy.read,
      summary: 'One organization',
      tags,
      params: idParams,
      response: organization,
    },
    async ({ params }, ctx) => organizations.get(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/organizations',
      access: policy.manage,
      summary: 'Add an organization',
      tags,
      body: organizationBody,
      response: organization,
      status: 201,
    },
    async ({ body }, ctx) => organizations.create(ctx, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/organizations/:id',
      access: policy.manage,
      summary: 'Change an organization',
      tags,
      params: idParams,
      body: organizationPatch,
      response: organization,
    },
    async ({ params, body }, ctx) => organizations.update(ctx, params.id, body),
  );
}
