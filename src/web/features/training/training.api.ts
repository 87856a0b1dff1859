import { queryOptions } from '@tanstack/react-query';
import type { Cohort } from '../../../shared/schemas/casework.ts';
import { api } from '../../api/client.ts';

export interface RosterEntry {
  enrollmentId: string;
  participantId: string;
  firstName: string;
  lastName: string;
  status: 'enrolled' | 'completed' | 'withdrawn';
  enrolledOn: string;
  completedOn: string | null;
}

export const cohortQuery = (id: string) => queryOptions({ queryKey: ['cohort', id], queryFn: () => api.get<Cohort>(`/cohorts/${id}`) });
export const rosterQuery = (id: string) =>
  queryOptions({ queryKey: ['cohort', id, 'roster'], queryFn: () => api.get<RosterEntry[]>(`/cohorts/${id}/enrollments`) });
