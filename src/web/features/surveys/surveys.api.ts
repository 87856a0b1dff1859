import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type Recipient,
  SURVEY_STATUSES,
  type Survey,
  type SurveyContact,
  type SurveyListItem,
  type SurveyResponse,
  type SurveyResults,
} from '../../../shared/schemas/surveys.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';

export const surveysSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(SURVEY_STATUSES).optional().catch(undefined),
});
export type SurveysSearch = z.infer<typeof surveysSearch>;

export const surveysQuery = (search: SurveysSearch) =>
  queryOptions({
    queryKey: ['surveys', 'list', search],
    queryFn: () => api.get<Page<SurveyListItem>>('/surveys', { ...search }),
    placeholderData: keepPreviousData,
  });
export const surveyQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'one', id], queryFn: () => api.get<Survey>(`/surveys/${id}`) });
export const resultsQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'results', id], queryFn: () => api.get<SurveyResults>(`/surveys/${id}/results`) });
export const recipientsQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'recipients', id], queryFn: () => api.get<{ items: Recipient[] }>(`/surveys/${id}/recipients`) });
export const responsesQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'responses', id], queryFn: () => api.get<{ items: SurveyResponse[] }>(`/surveys/${id}/responses`) });
export const surveyContactsQuery = queryOptions({
  queryKey: ['surveys', 'contacts'],
  queryFn: () => api.get<{ items: SurveyContact[] }>('/surveys/contacts'),
});
