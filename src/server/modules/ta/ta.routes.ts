import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  assignBody,
  capacityEvent,
  capacityEventBody,
  capacityEventListQuery,
  capacityEventPatch,
  declineBody,
  eventAttendanceBody,
  needs,
  needsQuery,
  resolveBody,
  satisfactionBody,
  taRequest,
  taRequestBody,
  taRequestListQuery,
  triageBody,
} from '../../../shared/schemas/ta.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { taPolicy as policy, taViewerOf } from './ta.policy.ts';
import * as ta from './ta.service.ts';

const tags = ['technical assistance'];

export function registerTaRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/ta/requests',
      access: policy.request,
      summary: 'Technical-assistance requests (your organization’s; managers: all), open and urgent first',
      tags,
      query: taRequestListQuery,
      response: pageOf(taRequest),
    },
    async ({ query }, ctx) => ta.listRequestPage(ctx, taViewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/ta/requests/:id',
      access: policy.request,
      summary: 'One TA request',
      tags,
      params: idParams,
      response: taRequest,
    },
    async ({ params }, ctx) => ta.getRequest(ctx, taViewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests',
      access: policy.request,
      summary: 'Ask for technical assistance (topic, urgency) for your organization',
      tags,
      body: taRequestBody,
      response: taRequest,
      status: 201,
    },
    async ({ body }, ctx) => ta.submitRequest(ctx, taViewerOf(ctx), body),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests/:id/triage',
      access: policy.manage,
      summary: 'Triage: confirm topic and urgency, note, due date',
      tags,
      params: idParams,
      body: triageBody,
      response: taRequest,
    },
    async ({ params, body }, ctx) => ta.triage(ctx, taViewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests/:id/assign',
      access: policy.manage,
      summary: 'Assign to a person',
      tags,
      params: idParams,
      body: assignBody,
      response: taRequest,
    },
    async ({ params, body }, ctx) => ta.assign(ctx, taViewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests/:id/resolve',
      access: policy.manage,
      summary: 'Resolve with what was done',
      tags,
      params: idParams,
      body: resolveBody,
      response: taRequest,
    },
    async ({ params, body }, ctx) => ta.resolve(ctx, taViewerOf(ctx), params.id, body.resolution),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests/:id/decline',
      access: policy.manage,
      summary: 'Decline with a reason',
      tags,
      params: idParams,
      body: declineBody,
      response: taRequest,
    },
    async ({ params, body }, ctx) => ta.decline(ctx, taViewerOf(ctx), params.id, body.note),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/requests/:id/satisfaction',
      access: policy.request,
      summary: 'Rate the help received (1–5), by the requesting organization',
      tags,
      params: idParams,
      body: satisfactionBody,
      response: taRequest,
    },
    async ({ params, body }, ctx) => ta.rate(ctx, taViewerOf(ctx), params.id, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/ta/events',
      access: policy.request,
      summary: 'Capacity-building events (trainings for provider staff) with attendance',
      tags,
      query: capacityEventListQuery,
      response: pageOf(capacityEvent),
    },
    async ({ query }, ctx) => ta.listEventPage(ctx, taViewerOf(ctx), query),
  );
  r.add(
    { method: 'GET', url: '/ta/events/:id', access: policy.request, summary: 'One event', tags, params: idParams, response: capacityEvent },
    async ({ params }, ctx) => ta.getEvent(ctx, taViewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/ta/events',
      access: policy.manage,
      summary: 'Record a capacity-building event',
      tags,
      body: capacityEventBody,
      response: capacityEvent,
      status: 201,
    },
    async ({ body }, ctx) => ta.createEvent(ctx, taViewerOf(ctx), body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/ta/events/:id',
      access: policy.manage,
      summary: 'Change an event',
      tags,
      params: idParams,
      body: capacityEventPatch,
      response: capacityEvent,
    },
    async ({ params, body }, ctx) => ta.changeEvent(ctx, taViewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PUT',
      url: '/ta/events/:id/attendance',
      access: policy.manage,
      summary: 'Replace the attendance of an event (organization and name of each attendee)',
      tags,
      params: idParams,
      body: eventAttendanceBody,
      response: capacityEvent,
    },
    async ({ params, body }, ctx) => ta.recordEventAttendance(ctx, taViewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/ta/needs',
      access: policy.manage,
      summary: 'Recurring needs by topic and by organization over a period (default: the last year)',
      tags,
      query: needsQuery,
      response: needs,
    },
    async ({ query }, ctx) => ta.recurringNeeds(ctx, query),
  );
}
