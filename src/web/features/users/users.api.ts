import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import { USER_STATUSES, type UserSummary } from '../../../shared/schemas/users.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

/** The list's state lives in the URL, so it survives reloads and the back button. */
export const usersSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  organizationId: z.uuid().optional().catch(undefined),
});
export type UsersSearch = z.infer<typeof usersSearch>;

export const usersQuery = (search: UsersSearch) =>
  queryOptions({
    queryKey: ['users', 'list', search],
    queryFn: () => api.get<Page<UserSummary>>('/users', { ...search }),
    placeholderData: keepPreviousData,
  });

export const userQuery = (id: string) =>
  queryOptions({ queryKey: ['users', 'one', id], queryFn: () => api.get<UserSummary>(`/users/${id}`) });
