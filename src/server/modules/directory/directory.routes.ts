import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  directorySearchQuery,
  directoryService,
  directoryServiceDetail,
  directoryServicePatch,
} from '../../../shared/schemas/directory.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { directoryPolicy as policy } from './directory.policy.ts';
import * as directory from './directory.service.ts';

const tags = ['directory'];

export function registerDirectoryRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/directory/services',
      access: policy.read,
      summary: 'Search the service directory (text, term, place, eligibility, language, cost, open now, capacity, stale)',
      tags,
      query: directorySearchQuery,
      response: pageOf(directoryService),
    },
    async ({ query }, ctx) => directory.search(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/directory/services/:id',
      access: policy.read,
      summary: 'One service of the directory',
      tags,
      params: idParams,
      response: directoryServiceDetail,
    },
    async ({ params }, ctx) => directory.get(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/directory/services/:id',
      access: policy.maintain,
      summary: "Change a service (its organization's staff, or the intermediary); confirms the entry",
      tags,
      params: idParams,
      body: directoryServicePatch,
      response: directoryServiceDetail,
    },
    async ({ params, body }, ctx) => directory.update(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/directory/services/:id/verify',
      access: policy.maintain,
      summary: 'Confirm a service entry is current (resets its last-verified date)',
      tags,
      params: idParams,
      response: directoryServiceDetail,
    },
    async ({ params }, ctx) => directory.verify(ctx, params.id),
  );
}
