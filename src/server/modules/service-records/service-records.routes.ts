import { z } from 'zod';
import {
  bulkServiceBody,
  bulkServiceResult,
  participantChildParams,
  participantIdParams,
  serviceBody,
  servicePatch,
  serviceRecord,
} from '../../../shared/schemas/casework.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { serviceRecordsPolicy as policy } from './service-records.policy.ts';
import * as services from './service-records.service.ts';

const tags = ['services'];

export function registerServiceRecordRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/services',
      access: policy.read,
      summary: 'The services log of a participant, newest first',
      tags,
      params: participantIdParams,
      response: z.array(serviceRecord),
    },
    async ({ params }, ctx) => services.list(ctx, params.participantId),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/services',
      access: policy.manage,
      summary: 'Record (or schedule) a service',
      tags,
      params: participantIdParams,
      body: serviceBody,
      response: serviceRecord,
      status: 201,
    },
    async ({ params, body }, ctx) => services.create(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/participants/:participantId/services/:id',
      access: policy.manage,
      summary: 'Complete, reschedule or cancel a service',
      tags,
      params: participantChildParams,
      body: servicePatch,
      response: serviceRecord,
    },
    async ({ params, body }, ctx) => services.update(ctx, params.participantId, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/services/bulk',
      access: policy.manage,
      summary: 'Record one service for a whole cohort or a selected list of participants, in one step',
      tags,
      body: bulkServiceBody,
      response: bulkServiceResult,
      status: 201,
    },
    async ({ body }, ctx) => services.bulk(ctx, body),
  );
}
