import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type {
  assessment,
  CaseNote,
  Cohort,
  credential,
  Enrollment,
  employmentRecord,
  FollowUp,
  Participation,
  Plan,
  ServiceRecord,
  skillGain,
  TrainingProgram,
} from '../../../shared/schemas/casework.ts';
import type { CappedPage } from '../../../shared/schemas/common.ts';
import type { Consent, Disclosure } from '../../../shared/schemas/consent.ts';
import type { Determination, FundingStream } from '../../../shared/schemas/eligibility.ts';
import {
  PARTICIPANT_STATUSES,
  type Participant,
  type ParticipantSummary,
  type SavedFilter,
  type TimelineEvent,
} from '../../../shared/schemas/participants.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

// Participant case management over the API. The caseload's filters live in the URL; every section of
// a participant's page is its own query under ['participant', id, …], so a write refreshes only what
// it changed (plus the timeline, which shows everything).

export type Assessment = z.infer<typeof assessment>;
export type Credential = z.infer<typeof credential>;
export type SkillGain = z.infer<typeof skillGain>;
export type EmploymentRecord = z.infer<typeof employmentRecord>;

export const caseloadSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(PARTICIPANT_STATUSES).optional().catch(undefined),
  fundingStreamId: z.uuid().optional().catch(undefined),
  cohortId: z.uuid().optional().catch(undefined),
  navigatorUserId: z.uuid().optional().catch(undefined),
  initiativeId: z.uuid().optional().catch(undefined),
  mine: z.enum(['true', 'false']).optional().catch(undefined),
});
export type CaseloadSearch = z.infer<typeof caseloadSearch>;

export const PARTICIPANT_TABS = [
  'overview',
  'timeline',
  'consent',
  'eligibility',
  'programs',
  'plan',
  'services',
  'training',
  'employment',
  'followUps',
  'notes',
] as const;
export type ParticipantTab = (typeof PARTICIPANT_TABS)[number];
export const participantSearch = z.object({
  tab: z.enum(PARTICIPANT_TABS).optional().catch(undefined),
  // From a referral refused for want of consent: open the consent form for this organization and these categories.
  consentOrg: z.uuid().optional().catch(undefined),
  consentCategories: z.string().max(200).optional().catch(undefined),
});

export const intakeSearch = z.object({ id: z.uuid().optional().catch(undefined) });

export const caseloadQuery = (search: CaseloadSearch) =>
  queryOptions({
    queryKey: ['participants', 'list', search],
    queryFn: () => api.get<CappedPage<ParticipantSummary>>('/participants', { ...search }),
    placeholderData: keepPreviousData,
  });

export const savedFiltersQuery = queryOptions({
  queryKey: ['participants', 'saved-filters'],
  queryFn: () => api.get<SavedFilter[]>('/participants/saved-filters'),
});

export const fundingStreamsQuery = queryOptions({
  queryKey: ['funding-streams'],
  queryFn: () => api.get<FundingStream[]>('/funding-streams'),
  staleTime: 5 * 60_000,
});

export const programsQuery = queryOptions({
  queryKey: ['training-programs'],
  queryFn: () => api.get<TrainingProgram[]>('/training-programs'),
  staleTime: 60_000,
});
/** The programs whose provider partners in an initiative (the training list's initiative filter). */
export const programsInInitiativeQuery = (initiativeId: string) =>
  queryOptions({
    queryKey: ['training-programs', 'initiative', initiativeId],
    queryFn: () => api.get<TrainingProgram[]>('/training-programs', { initiativeId }),
    staleTime: 60_000,
  });

export const cohortsQuery = (programId: string) =>
  queryOptions({
    queryKey: ['training-programs', programId, 'cohorts'],
    queryFn: () => api.get<Cohort[]>(`/training-programs/${programId}/cohorts`),
    staleTime: 60_000,
  });

export const participantQuery = (id: string) =>
  queryOptions({ queryKey: ['participant', id], queryFn: () => api.get<Participant>(`/participants/${id}`) });

/** One section of a participant's record: GET /participants/:id/<path>. */
export const sectionQuery = <T>(id: string, path: string) =>
  queryOptions({ queryKey: ['participant', id, path], queryFn: () => api.get<T>(`/participants/${id}/${path}`) });

export const timelineQuery = (id: string) => sectionQuery<TimelineEvent[]>(id, 'timeline');
export const consentsQuery = (id: string) => sectionQuery<Consent[]>(id, 'consents');
export const disclosuresQuery = (id: string) => sectionQuery<Disclosure[]>(id, 'disclosures');
export const determinationsQuery = (id: string) => sectionQuery<Determination[]>(id, 'eligibility/determinations');
export const participationsQuery = (id: string) => sectionQuery<Participation[]>(id, 'participations');
export const servicesQuery = (id: string) => sectionQuery<ServiceRecord[]>(id, 'services');
export const enrollmentsQuery = (id: string) => sectionQuery<Enrollment[]>(id, 'enrollments');
export const credentialsQuery = (id: string) => sectionQuery<Credential[]>(id, 'credentials');
export const skillGainsQuery = (id: string) => sectionQuery<SkillGain[]>(id, 'skill-gains');
export const employmentQuery = (id: string) => sectionQuery<EmploymentRecord[]>(id, 'employment');
export const followUpsQuery = (id: string) => sectionQuery<FollowUp[]>(id, 'follow-ups');
export const notesQuery = (id: string) => sectionQuery<CaseNote[]>(id, 'notes');
export const assessmentsQuery = (id: string) => sectionQuery<Assessment[]>(id, 'assessments');
export const plansQuery = (id: string) => sectionQuery<Plan[]>(id, 'plans');

/** Today as an ISO date, in the reader's calendar. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
