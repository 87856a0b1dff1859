import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type AgendaBody,
  type AttendanceBody,
  type AwardBody,
  BODY_KINDS,
  DECISION_KINDS,
  type Decision,
  type Declaration,
  type DeclarationBody,
  type DeclarationStatus,
  type GovernanceBody,
  MEETING_STATUSES,
  type Meeting,
  type MeetingBody,
  type MeetingPatch,
  type MeetingSummary,
  type Motion,
  type MotionBody,
  type Ranking,
  type ScoresBody,
  type Seat,
  SOLICITATION_STATUSES,
  type Solicitation,
} from '../../../shared/schemas/governance.ts';
import { api, withQuery } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

// Governance over the API. List state lives in the URL (search schemas below); meetings and open
// motions are polled, so quorum and tallies stay live while a meeting is on.

export const LIVE_MS = 5_000;

export const bodiesSearch = z.object({
  page: pageParam,
  q: textParam,
  kind: z.enum(BODY_KINDS).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type BodiesSearch = z.infer<typeof bodiesSearch>;

export const meetingsSearch = z.object({
  page: pageParam,
  q: textParam,
  bodyId: z.uuid().optional().catch(undefined),
  status: z.enum(MEETING_STATUSES).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type MeetingsSearch = z.infer<typeof meetingsSearch>;

export const declarationsSearch = z.object({
  page: pageParam,
  q: textParam,
  active: z.enum(['true', 'false']).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type DeclarationsSearch = z.infer<typeof declarationsSearch>;

export const decisionsSearch = z.object({
  page: pageParam,
  q: textParam,
  kind: z.enum(DECISION_KINDS).optional().catch(undefined),
  bodyId: z.uuid().optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type DecisionsSearch = z.infer<typeof decisionsSearch>;

export const bodiesQuery = (search: BodiesSearch) =>
  queryOptions({
    queryKey: ['governance', 'bodies', search],
    queryFn: () => api.get<Page<GovernanceBody>>('/governance/bodies', { ...search }),
    placeholderData: keepPreviousData,
  });

export const bodyQuery = (id: string) =>
  queryOptions({ queryKey: ['governance', 'body', id], queryFn: () => api.get<GovernanceBody>(`/governance/bodies/${id}`) });

export const seatsQuery = (bodyId: string) =>
  queryOptions({
    queryKey: ['governance', 'seats', bodyId],
    queryFn: () => api.get<Page<Seat>>(`/governance/bodies/${bodyId}/seats`, { pageSize: 100 }),
  });

export const meetingsQuery = (search: MeetingsSearch & { pageSize?: number }) =>
  queryOptions({
    queryKey: ['governance', 'meetings', search],
    queryFn: () => api.get<Page<MeetingSummary>>('/governance/meetings', { ...search }),
    placeholderData: keepPreviousData,
  });

export const meetingQuery = (id: string) =>
  queryOptions({ queryKey: ['governance', 'meeting', id], queryFn: () => api.get<Meeting>(`/governance/meetings/${id}`) });

export const motionQuery = (id: string) =>
  queryOptions({ queryKey: ['governance', 'motion', id], queryFn: () => api.get<Motion>(`/governance/motions/${id}`) });

export const declarationsQuery = (search: DeclarationsSearch) =>
  queryOptions({
    queryKey: ['governance', 'declarations', search],
    queryFn: () => api.get<Page<Declaration>>('/governance/declarations', { ...search }),
    placeholderData: keepPreviousData,
  });

export const declarationStatusQuery = queryOptions({
  queryKey: ['governance', 'declarations', 'status'],
  queryFn: () => api.get<DeclarationStatus>('/governance/declarations/status'),
});

export const decisionsQuery = (search: DecisionsSearch) =>
  queryOptions({
    queryKey: ['governance', 'decisions', search],
    queryFn: () => api.get<Page<Decision>>('/governance/decisions', { ...search }),
    placeholderData: keepPreviousData,
  });

/** The CSV export is a plain download link: same filters as the list on screen. */
export const decisionsExportHref = (search: DecisionsSearch) =>
  withQuery('/api/governance/decisions/export', {
    q: search.q,
    kind: search.kind,
    bodyId: search.bodyId,
    initiativeId: search.initiativeId,
  });

export const scheduleMeeting = (bodyId: string, body: MeetingBody) => api.post<Meeting>(`/governance/bodies/${bodyId}/meetings`, body);
export const changeMeeting = (id: string, body: MeetingPatch) => api.patch<Meeting>(`/governance/meetings/${id}`, body);
export const setAgenda = (id: string, body: AgendaBody) => api.put<Meeting>(`/governance/meetings/${id}/agenda`, body);
export const recordAttendance = (id: string, body: AttendanceBody) => api.put<Meeting>(`/governance/meetings/${id}/attendance`, body);
export const checkIn = (id: string) => api.post<Meeting>(`/governance/meetings/${id}/check-in`);
export const meetingAction = (id: string, action: 'open' | 'close' | 'cancel') => api.post<Meeting>(`/governance/meetings/${id}/${action}`);
export const createMotion = (meetingId: string, body: MotionBody) => api.post<Motion>(`/governance/meetings/${meetingId}/motions`, body);
export const motionAction = (id: string, action: 'open' | 'close' | 'withdraw') => api.post<Motion>(`/governance/motions/${id}/${action}`);
export const castVote = (id: string, value: 'yes' | 'no' | 'abstain') => api.put<Motion>(`/governance/motions/${id}/vote`, { value });
export const declare = (body: DeclarationBody) => api.post<Declaration>('/governance/declarations', body);
export const endDeclaration = (id: string, endsOn: string) => api.patch<Declaration>(`/governance/declarations/${id}`, { endsOn });
export const affirmDeclarations = () => api.post<DeclarationStatus>('/governance/declarations/affirm');

/** Today as a calendar date in the reader's time zone (what a date input shows). */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---- choosing service providers

export const solicitationsSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(SOLICITATION_STATUSES).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type SolicitationsSearch = z.infer<typeof solicitationsSearch>;

export const solicitationsQuery = (search: SolicitationsSearch) =>
  queryOptions({
    queryKey: ['governance', 'solicitations', search],
    queryFn: () => api.get<Page<Solicitation>>('/governance/solicitations', { ...search }),
    placeholderData: keepPreviousData,
  });

export const solicitationQuery = (id: string) =>
  queryOptions({ queryKey: ['governance', 'solicitation', id], queryFn: () => api.get<Solicitation>(`/governance/solicitations/${id}`) });

export const rankingQuery = (id: string) =>
  queryOptions({
    queryKey: ['governance', 'solicitation', id, 'ranking'],
    queryFn: () => api.get<Ranking>(`/governance/solicitations/${id}/ranking`),
  });

export const myScoresQuery = (proposalId: string) =>
  queryOptions({
    queryKey: ['governance', 'scores', proposalId],
    queryFn: () =>
      api.get<{ items: { reviewer: { id: string }; criterionId: string; score: number }[] }>(`/governance/proposals/${proposalId}/scores`),
  });

export const scoreProposal = (proposalId: string, body: ScoresBody) => api.put<unknown>(`/governance/proposals/${proposalId}/scores`, body);
export const solicitationAction = (id: string, action: 'publish' | 'close' | 'cancel') =>
  api.post<Solicitation>(`/governance/solicitations/${id}/${action}`);
export const proposeAward = (id: string, body: AwardBody) => api.post<Motion>(`/governance/solicitations/${id}/award`, body);
