import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type { Organization, OrganizationBody } from '../../../shared/schemas/organizations.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';
import type { Option } from '../../ui/RemoteSelect.tsx';

/** The list's state lives in the URL, so it survives reloads and the back button. */
export const organizationsSearch = z.object({
  page: pageParam,
  q: textParam,
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
});
export type OrganizationsSearch = z.infer<typeof organizationsSearch>;

export const organizationsQuery = (search: OrganizationsSearch) =>
  queryOptions({
    queryKey: ['organizations', 'list', search],
    queryFn: () => api.get<Page<Organization>>('/organizations', { ...search }),
    placeholderData: keepPreviousData,
  });

export const organizationQuery = (id: string) =>
  queryOptions({ queryKey: ['organizations', 'one', id], queryFn: () => api.get<Organization>(`/organizations/${id}`) });

export const createOrganization = (body: OrganizationBody) => api.post<Organization>('/organizations', body);
export const updateOrganization = (id: string, body: Partial<OrganizationBody>) => api.patch<Organization>(`/organizations/${id}`, body);

/** For pickers: organizations whose name or EIN matches. */
export async function searchOrganizations(q: string): Promise<Option[]> {
  const page = await api.get<Page<Organization>>('/organizations', { q, pageSize: 20 });
  return page.items.map((o) => ({ value: o.id, label: o.name }));
}

interface CodeList {
  items: { code: string; title: string }[];
}
export const codeOption = (code: string, title: string): Option => ({ value: code, label: `${code} — ${title}` });

export async function searchNaics(q: string): Promise<Option[]> {
  const list = await api.get<CodeList>('/codes/naics', { q });
  return list.items.map((c) => codeOption(c.code, c.title));
}

export async function searchCounties(q: string, state: string | null): Promise<Option[]> {
  const list = await api.get<CodeList>('/codes/counties', { q, state });
  return list.items.map((c) => codeOption(c.code, c.title));
}
