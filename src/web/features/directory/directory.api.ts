import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import type { DirectoryService, DirectoryServiceDetail, DirectoryServicePatch } from '../../../shared/schemas/directory.ts';
import type { HolidayAdded, HolidayBody, HolidayList, HolidayRemoved, UsFederalHolidaysResult } from '../../../shared/schemas/holidays.ts';
import type { DirectorySettings } from '../../../shared/schemas/hsds.ts';
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
  stale: flagParam,
  /** One organization's services (the re-verification task links here). */
  org: z.uuid().optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
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
    stale: search.stale ? 'true' : undefined,
    organizationId: search.org,
    initiativeId: search.initiativeId,
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
export const settingsQuery = queryOptions({
  queryKey: ['directory', 'settings'],
  queryFn: () => api.get<DirectorySettings>('/directory/settings'),
  staleTime: 5 * 60_000,
});

// The taxonomy terms and the assembled service documents (locations, schedules, phones…) come from the
// tenant's HSDS API, which takes no session cookie: only ask it when the tenant made it public, since a
// 401 from it would read as a lost session. Otherwise the term filter and those details are not offered.
/** The HSDS API sits beside /api, at /hsds/<tenant>/, and answers plain JSON. */
async function hsdsGet<T>(path: string): Promise<T> {
  const res = await fetch(`/hsds${path}`, { headers: { accept: 'application/json' }, credentials: 'omit' });
  if (!res.ok) throw new Error(`HSDS API answered ${res.status}`);
  return (await res.json()) as T;
}

export const termsQuery = (tenantSlug: string, open: boolean) =>
  queryOptions({
    queryKey: ['directory', 'terms', tenantSlug],
    queryFn: () => hsdsGet<{ contents: HsdsTerm[] }>(`/${tenantSlug}/taxonomy_terms?per_page=100`),
    staleTime: 5 * 60_000,
    retry: false,
    enabled: open,
  });
export const hsdsServiceQuery = (tenantSlug: string, id: string, open: boolean) =>
  queryOptions({
    queryKey: ['directory', 'hsds-service', tenantSlug, id],
    queryFn: () => hsdsGet<Record<string, unknown>>(`/${tenantSlug}/services/${id}`),
    retry: false,
    enabled: open,
  });

export const patchService = (id: string, body: DirectoryServicePatch) =>
  api.patch<DirectoryServiceDetail>(`/directory/services/${id}`, body);
export const verifyService = (id: string) => api.post<DirectoryServiceDetail>(`/directory/services/${id}/verify`);

// The partnership's holiday calendar: referral deadlines count business days without these.
export const holidaysQuery = (year: number) =>
  queryOptions({
    queryKey: ['directory', 'holidays', year],
    queryFn: () => api.get<HolidayList>('/settings/holidays', { year }),
    placeholderData: keepPreviousData,
  });
export const addHoliday = (body: HolidayBody) => api.post<HolidayAdded>('/settings/holidays', body);
export const addUsFederalHolidays = (year: number) => api.post<UsFederalHolidaysResult>('/settings/holidays/us-federal', { year });
export const removeHoliday = (id: string) => api.delete<HolidayRemoved>(`/settings/holidays/${id}`);
