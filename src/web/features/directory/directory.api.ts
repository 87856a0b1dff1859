import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import type { DirectoryService, DirectoryServiceDetail, DirectoryServicePatch } from '../../../shared/schemas/directory.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

const flagParam = z.coerce.boolean().optional().catch(undefined);

export const directorySearch = z.object({
  page: pageParam,
  q: textParam,
  termId: z.uuid().optional().catch(undefined),
  county: z
    .string()
    .regex(/^\d{5}$/)
    .optional()
    .catch(undefined),
  postcode: textParam,
  language: textParam,
  cost: z.enum(['free', 'paid']).optional().catch(undefined),
  openNow: flagParam,
  capacity: flagParam,
});
export type DirectorySearch = z.infer<typeof directorySearch>;

export function apiSearch(search: DirectorySearch, pageSize?: number) {
  return {
    page: search.page,
    pageSize,
    q: search.q,
    termId: search.termId,
    countyFips: search.county,
    postcode: search.postcode,
    language: search.language,
    cost: search.cost,
    openNow: search.openNow ? 'true' : undefined,
    capacity: search.capacity ? 'true' : undefined,
  };
}

export const servicesQuery = (search: DirectorySearch, pageSize?: number) =>
  queryOptions({
    queryKey: ['directory', 'services', search, pageSize],
    queryFn: () => api.get<Page<DirectoryService>>('/directory/services', apiSearch(search, pageSize)),
    placeholderData: keepPreviousData,
  });

export const serviceQuery = (id: string) =>
  queryOptions({ queryKey: ['directory', 'service', id], queryFn: () => api.get<DirectoryServiceDetail>(`/directory/services/${id}`) });

interface HsdsTerm {
  id: string;
  name: string;
}
/** The taxonomy terms, from the tenant's HSDS API; when that API is closed to the app the filter is simply not offered. */
export const termsQuery = (tenantSlug: string) =>
  queryOptions({
    queryKey: ['directory', 'terms', tenantSlug],
    queryFn: () => api.get<{ contents: HsdsTerm[] }>(`/hsds/${tenantSlug}/taxonomy_terms`, { per_page: 100 }),
    staleTime: 5 * 60_000,
    retry: false,
  });

export const patchService = (id: string, body: DirectoryServicePatch) =>
  api.patch<DirectoryServiceDetail>(`/directory/services/${id}`, body);
export const verifyService = (id: string) => api.post<DirectoryServiceDetail>(`/directory/services/${id}/verify`);
