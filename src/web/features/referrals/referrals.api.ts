import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  REFERRAL_STATUSES,
  type Referral,
  type ReferralBody,
  type ReferralPage,
  type ReferralStep,
} from '../../../shared/schemas/referrals.ts';
import { api } from '../../api/client.ts';
import { pageParam } from '../../app/search.ts';

export const referralsSearch = z.object({
  page: pageParam,
  box: z.enum(['inbox', 'outbox', 'all']).optional().catch(undefined),
  status: z.enum(REFERRAL_STATUSES).optional().catch(undefined),
  overdue: z.coerce.boolean().optional().catch(undefined),
  escalated: z.coerce.boolean().optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type ReferralsSearch = z.infer<typeof referralsSearch>;

export const newReferralSearch = z.object({
  participant: z.uuid().optional().catch(undefined),
  service: z.uuid().optional().catch(undefined),
});

export const referralsQuery = (search: ReferralsSearch, box: 'inbox' | 'outbox' | 'all') =>
  queryOptions({
    queryKey: ['referrals', 'list', search, box],
    queryFn: () =>
      api.get<ReferralPage>('/referrals', {
        page: search.page,
        box,
        status: search.status,
        overdue: search.overdue ? 'true' : undefined,
        escalated: search.escalated ? 'true' : undefined,
        initiativeId: search.initiativeId,
      }),
    placeholderData: keepPreviousData,
  });
export const referralQuery = (id: string) =>
  queryOptions({ queryKey: ['referrals', 'one', id], queryFn: () => api.get<Referral>(`/referrals/${id}`) });

export const sendReferral = (body: ReferralBody) => api.post<Referral>('/referrals', body);
export const stepReferral = (id: string, body: ReferralStep) => api.post<Referral>(`/referrals/${id}/status`, body);
