import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type CapacityEvent,
  type CapacityEventBody,
  type EventAttendanceBody,
  type Needs,
  TA_STATUSES,
  TA_TOPICS,
  TA_URGENCIES,
  type TaRequest,
  type TaRequestBody,
  type TriageBody,
} from '../../../shared/schemas/ta.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';
import { initiativeParam } from '../initiatives/initiatives.api.ts';

const dateParam = z.iso.date().optional().catch(undefined);

export const requestsSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(TA_STATUSES).optional().catch(undefined),
  topic: z.enum(TA_TOPICS).optional().catch(undefined),
  urgency: z.enum(TA_URGENCIES).optional().catch(undefined),
  initiativeId: initiativeParam,
});
export type RequestsSearch = z.infer<typeof requestsSearch>;

export const eventsSearch = z.object({
  page: pageParam,
  q: textParam,
  topic: z.enum(TA_TOPICS).optional().catch(undefined),
  initiativeId: initiativeParam,
});
export type EventsSearch = z.infer<typeof eventsSearch>;

export const needsSearch = z.object({ from: dateParam, to: dateParam, initiativeId: initiativeParam });
export type NeedsSearch = z.infer<typeof needsSearch>;

export const requestsQuery = (search: RequestsSearch) =>
  queryOptions({
    queryKey: ['ta', 'requests', search],
    queryFn: () => api.get<Page<TaRequest>>('/ta/requests', { ...search }),
    placeholderData: keepPreviousData,
  });
export const requestQuery = (id: string) =>
  queryOptions({ queryKey: ['ta', 'request', id], queryFn: () => api.get<TaRequest>(`/ta/requests/${id}`) });

export const eventsQuery = (search: EventsSearch) =>
  queryOptions({
    queryKey: ['ta', 'events', search],
    queryFn: () => api.get<Page<CapacityEvent>>('/ta/events', { ...search }),
    placeholderData: keepPreviousData,
  });
export const eventQuery = (id: string) =>
  queryOptions({ queryKey: ['ta', 'event', id], queryFn: () => api.get<CapacityEvent>(`/ta/events/${id}`) });

export const needsQuery = (search: NeedsSearch) =>
  queryOptions({
    queryKey: ['ta', 'needs', search],
    queryFn: () => api.get<Needs>('/ta/needs', { ...search }),
    placeholderData: keepPreviousData,
  });

export const submitRequest = (body: TaRequestBody) => api.post<TaRequest>('/ta/requests', body);
export const triageRequest = (id: string, body: TriageBody) => api.post<TaRequest>(`/ta/requests/${id}/triage`, body);
export const assignRequest = (id: string, body: { assigneeId: string; dueOn?: string | null }) =>
  api.post<TaRequest>(`/ta/requests/${id}/assign`, body);
export const resolveRequest = (id: string, resolution: string) => api.post<TaRequest>(`/ta/requests/${id}/resolve`, { resolution });
export const declineRequest = (id: string, note: string) => api.post<TaRequest>(`/ta/requests/${id}/decline`, { note });
export const rateRequest = (id: string, rating: number, comment: string) =>
  api.post<TaRequest>(`/ta/requests/${id}/satisfaction`, { rating, comment });
export const createEvent = (body: CapacityEventBody) => api.post<CapacityEvent>('/ta/events', body);
export const recordAttendance = (id: string, body: EventAttendanceBody) => api.put<CapacityEvent>(`/ta/events/${id}/attendance`, body);
