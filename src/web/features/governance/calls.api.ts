import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import type { Call, MyProposalBody, MyProposalPatch } from '../../../shared/schemas/governance.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

// Calls for proposals: the proposer's side of solicitations (partner staff, 'proposals.submit').

export const callsSearch = z.object({
  page: pageParam,
  q: textParam,
  initiativeId: z.uuid().optional().catch(undefined),
});
export type CallsSearch = z.infer<typeof callsSearch>;

export const callsQuery = (search: CallsSearch) =>
  queryOptions({
    queryKey: ['governance', 'calls', search],
    queryFn: () => api.get<Page<Call>>('/governance/calls', { ...search }),
    placeholderData: keepPreviousData,
  });

export const callQuery = (id: string) =>
  queryOptions({ queryKey: ['governance', 'call', id], queryFn: () => api.get<Call>(`/governance/calls/${id}`) });

export const submitMyProposal = (callId: string, body: MyProposalBody) => api.post<Call>(`/governance/calls/${callId}/proposals`, body);
export const changeMyProposal = (callId: string, proposalId: string, body: MyProposalPatch) =>
  api.patch<Call>(`/governance/calls/${callId}/proposals/${proposalId}`, body);
export const withdrawMyProposal = (callId: string, proposalId: string) =>
  api.post<Call>(`/governance/calls/${callId}/proposals/${proposalId}/withdraw`);
export const attachToMyProposal = (callId: string, proposalId: string, form: FormData) =>
  api.upload<Call>(`/governance/calls/${callId}/proposals/${proposalId}/attachments`, form);
export const removeMyAttachment = (callId: string, proposalId: string, attachmentId: string) =>
  api.delete<Call>(`/governance/calls/${callId}/proposals/${proposalId}/attachments/${attachmentId}`);
export const myAttachmentHref = (callId: string, proposalId: string, attachmentId: string) =>
  `/api/governance/calls/${callId}/proposals/${proposalId}/attachments/${attachmentId}/content`;
