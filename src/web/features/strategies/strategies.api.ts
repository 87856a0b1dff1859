import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type Milestone,
  type MilestoneBody,
  type ObjectiveBody,
  type ProgressUpdate,
  type ProgressUpdateBody,
  STRATEGY_STATUSES,
  type Strategy,
  type StrategyBody,
  type StrategySummary,
  type timeline,
} from '../../../shared/schemas/strategies.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';
import type { Option } from '../../ui/RemoteSelect.tsx';
import { initiativeParam } from '../initiatives/initiatives.api.ts';

export type Timeline = z.infer<typeof timeline>;

export const strategiesSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(STRATEGY_STATUSES).optional().catch(undefined),
  initiativeId: initiativeParam,
});
export type StrategiesSearch = z.infer<typeof strategiesSearch>;

export const strategiesQuery = (search: StrategiesSearch) =>
  queryOptions({
    queryKey: ['strategies', 'list', search],
    queryFn: () => api.get<Page<StrategySummary>>('/strategies', { ...search }),
    placeholderData: keepPreviousData,
  });

export const strategyQuery = (id: string) =>
  queryOptions({ queryKey: ['strategies', 'one', id], queryFn: () => api.get<Strategy>(`/strategies/${id}`) });

export const timelineQuery = (id: string) =>
  queryOptions({ queryKey: ['strategies', 'one', id, 'timeline'], queryFn: () => api.get<Timeline>(`/strategies/${id}/timeline`) });

export const updatesQuery = (id: string) =>
  queryOptions({
    queryKey: ['strategies', 'one', id, 'updates'],
    queryFn: () => api.get<Page<ProgressUpdate>>(`/strategies/${id}/updates`, { pageSize: 100 }),
  });

export const createStrategy = (body: StrategyBody) => api.post<Strategy>('/strategies', body);
export const addObjective = (id: string, body: ObjectiveBody) => api.post<Strategy>(`/strategies/${id}/objectives`, body);
export const addMilestone = (id: string, body: MilestoneBody) => api.post<Milestone>(`/strategies/${id}/milestones`, body);
export const reportProgress = (id: string, body: ProgressUpdateBody) => api.post<ProgressUpdate>(`/strategies/${id}/updates`, body);

/** People to own work: the tenant's users (the director may list them). */
export async function searchUsers(q: string): Promise<Option[]> {
  const page = await api.get<Page<{ id: string; name: string; email: string }>>('/users', { q, pageSize: 20 });
  return page.items.map((u) => ({ value: u.id, label: u.name }));
}
