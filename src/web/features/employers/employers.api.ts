import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type CandidateReferral,
  type Commitment,
  type CommitmentBody,
  type Contact,
  type ContactBody,
  DASHBOARD_WINDOWS,
  type EmployerDashboard,
  type EmployerDetail,
  type EmployerProfileBody,
  type EmployerService,
  type EmployerServiceBody,
  type EmployerSummary,
  type Interaction,
  type InteractionBody,
  JOB_ORDER_STATUSES,
  type JobOrder,
  type JobOrderBody,
  type JobPreference,
  type LivingWage,
  type LivingWageBody,
  type LocationBody,
  type LocationPatch,
  type MatchResult,
  PARTNERSHIP_ROLES,
  type QualityAggregates,
  type ReferralPatch,
} from '../../../shared/schemas/employers.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';
import type { Option } from '../../ui/RemoteSelect.tsx';
import { codeOption } from '../organizations/organizations.api.ts';

export const employersSearch = z.object({
  page: pageParam,
  q: textParam,
  partnershipRole: z.enum(PARTNERSHIP_ROLES).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type EmployersSearch = z.infer<typeof employersSearch>;
export const jobOrdersSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(JOB_ORDER_STATUSES).optional().catch(undefined),
  employerId: z.uuid().optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type JobOrdersSearch = z.infer<typeof jobOrdersSearch>;
export const employerDashboardSearch = z.object({
  window: z.enum(DASHBOARD_WINDOWS).optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
});
export type EmployerDashboardSearch = z.infer<typeof employerDashboardSearch>;

export const employersQuery = (search: EmployersSearch) =>
  queryOptions({
    queryKey: ['employers', 'list', search],
    queryFn: () => api.get<Page<EmployerSummary>>('/employers', { ...search }),
    placeholderData: keepPreviousData,
  });
export const employerQuery = (id: string) =>
  queryOptions({ queryKey: ['employers', 'one', id], queryFn: () => api.get<EmployerDetail>(`/employers/${id}`) });
export const contactsQuery = (id: string) =>
  queryOptions({ queryKey: ['employers', 'contacts', id], queryFn: () => api.get<Contact[]>(`/employers/${id}/contacts`) });
export const interactionsQuery = (id: string) =>
  queryOptions({ queryKey: ['employers', 'interactions', id], queryFn: () => api.get<Interaction[]>(`/employers/${id}/interactions`) });
export const dashboardQuery = (search: EmployerDashboardSearch) =>
  queryOptions({
    queryKey: ['employers', 'dashboard', search],
    queryFn: () => api.get<EmployerDashboard>('/employers/dashboard', { ...search }),
    placeholderData: keepPreviousData,
  });
/** Job quality of the job orders the dashboard counts: the same period and initiative as dashboardQuery. */
export const qualityQuery = (search: EmployerDashboardSearch) =>
  queryOptions({
    queryKey: ['employers', 'quality', search],
    queryFn: () => api.get<QualityAggregates>('/employers/job-quality', { ...search }),
    placeholderData: keepPreviousData,
  });

export const jobOrdersQuery = (search: JobOrdersSearch) =>
  queryOptions({
    queryKey: ['job-orders', 'list', search],
    queryFn: () => api.get<Page<JobOrder>>('/job-orders', { ...search }),
    placeholderData: keepPreviousData,
  });
export const jobOrderQuery = (id: string) =>
  queryOptions({ queryKey: ['job-orders', 'one', id], queryFn: () => api.get<JobOrder>(`/job-orders/${id}`) });
export const candidatesQuery = (id: string) =>
  queryOptions({
    queryKey: ['job-orders', 'candidates', id],
    queryFn: () => api.get<MatchResult>(`/job-orders/${id}/candidates`, { limit: 25 }),
  });
export const referralsQuery = (id: string) =>
  queryOptions({ queryKey: ['job-orders', 'referrals', id], queryFn: () => api.get<CandidateReferral[]>(`/job-orders/${id}/referrals`) });

export const servicesQuery = (id: string) =>
  queryOptions({ queryKey: ['employers', 'services', id], queryFn: () => api.get<EmployerService[]>(`/employers/${id}/services`) });
export const commitmentsQuery = (id: string) =>
  queryOptions({ queryKey: ['employers', 'commitments', id], queryFn: () => api.get<Commitment[]>(`/employers/${id}/commitments`) });
export const livingWagesQuery = queryOptions({ queryKey: ['living-wages'], queryFn: () => api.get<LivingWage[]>('/living-wages') });
export const jobPreferencesQuery = (participantId: string) =>
  queryOptions({
    queryKey: ['job-preferences', participantId],
    queryFn: () => api.get<JobPreference>(`/participants/${participantId}/job-preferences`),
  });

export const updateProfile = (id: string, body: EmployerProfileBody) => api.patch<EmployerDetail>(`/employers/${id}`, body);
export const addLocation = (id: string, body: LocationBody) => api.post<EmployerDetail>(`/employers/${id}/locations`, body);
export const changeLocation = (id: string, locationId: string, body: LocationPatch) =>
  api.patch<EmployerDetail>(`/employers/${id}/locations/${locationId}`, body);
export const removeLocation = (id: string, locationId: string) => api.delete<EmployerDetail>(`/employers/${id}/locations/${locationId}`);
export const addContact = (id: string, body: ContactBody) => api.post<Contact>(`/employers/${id}/contacts`, body);
export const changeContact = (id: string, contactId: string, body: Partial<ContactBody> & { active?: boolean }) =>
  api.patch<Contact>(`/employers/${id}/contacts/${contactId}`, body);
export const logInteraction = (id: string, body: InteractionBody) => api.post<Interaction>(`/employers/${id}/interactions`, body);
export const markFollowUp = (id: string, interactionId: string, followUpDone: boolean) =>
  api.patch<Interaction>(`/employers/${id}/interactions/${interactionId}`, { followUpDone });
export const addService = (id: string, body: EmployerServiceBody) => api.post<EmployerService>(`/employers/${id}/services`, body);
export const addCommitment = (id: string, body: CommitmentBody) => api.post<Commitment>(`/employers/${id}/commitments`, body);
export const recordFulfilment = (id: string, commitmentId: string, body: { fulfilledOn: string; quantity: number; note?: string | null }) =>
  api.post<Commitment>(`/employers/${id}/commitments/${commitmentId}/fulfilments`, body);
export const setLivingWage = (body: LivingWageBody) => api.put<LivingWage[]>('/living-wages', body);
export const saveJobPreferences = (
  participantId: string,
  body: { socCodes: string[]; shifts: string[]; minHourlyWageCents: number | null },
) => api.put<JobPreference>(`/participants/${participantId}/job-preferences`, body);

export const createJobOrder = (body: JobOrderBody) => api.post<JobOrder>('/job-orders', body);
export const refer = (jobOrderId: string, participantId: string) =>
  api.post<CandidateReferral>(`/job-orders/${jobOrderId}/referrals`, { participantId });
export const decide = (referralId: string, body: ReferralPatch) => api.patch<CandidateReferral>(`/candidate-referrals/${referralId}`, body);

interface CodeList {
  items: { code: string; title: string }[];
}
export async function searchSoc(q: string): Promise<Option[]> {
  const list = await api.get<CodeList>('/codes/soc', { q });
  return list.items.filter((c) => /^\d{2}-\d{4}$/.test(c.code)).map((c) => codeOption(c.code, c.title));
}
export async function searchEmployers(q: string): Promise<Option[]> {
  const page = await api.get<Page<EmployerSummary>>('/employers', { q, pageSize: 20 });
  return page.items.map((e) => ({ value: e.id, label: e.name }));
}

export const dollars = (cents: number | null | undefined) => (cents === null || cents === undefined ? '—' : `$${(cents / 100).toFixed(2)}`);
