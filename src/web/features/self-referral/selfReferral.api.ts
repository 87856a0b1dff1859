import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type PublicService,
  SELF_REFERRAL_STATUSES,
  type SelfReferral,
  type SelfReferralAcceptBody,
  type SelfReferralDismissBody,
  type SelfReferralSummary,
} from '../../../shared/schemas/self-referral.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

export const selfReferralsSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(SELF_REFERRAL_STATUSES).optional().catch(undefined),
});
export type SelfReferralsSearch = z.infer<typeof selfReferralsSearch>;

export const publicServiceQuery = (slug: string, serviceId: string) =>
  queryOptions({
    queryKey: ['self-referral', 'public', slug, serviceId],
    queryFn: () => api.get<PublicService>(`/public/self-referral/${slug}/${serviceId}`),
    retry: false,
    // The form token is issued with the page; do not refetch it while someone is typing.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });

export const submitSelfReferral = (slug: string, serviceId: string, body: unknown) =>
  api.post<{ received: true }>(`/public/self-referral/${slug}/${serviceId}`, body);

export const selfReferralsQuery = (search: SelfReferralsSearch) =>
  queryOptions({
    queryKey: ['self-referrals', 'list', search],
    queryFn: () =>
      api.get<Page<SelfReferralSummary>>('/self-referrals', { page: search.page, q: search.q, status: search.status ?? 'pending_review' }),
    placeholderData: keepPreviousData,
  });

export const selfReferralQuery = (id: string) =>
  queryOptions({ queryKey: ['self-referrals', 'one', id], queryFn: () => api.get<SelfReferral>(`/self-referrals/${id}`) });

export const acceptSelfReferral = (id: string, body: Partial<SelfReferralAcceptBody>) =>
  api.post<SelfReferral>(`/self-referrals/${id}/accept`, body);
export const dismissSelfReferral = (id: string, body: SelfReferralDismissBody) =>
  api.post<SelfReferral>(`/self-referrals/${id}/dismiss`, body);
