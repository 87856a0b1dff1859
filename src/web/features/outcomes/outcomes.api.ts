import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Problem } from '../../../shared/errors.ts';
import {
  type BraidIndicators,
  type DrilldownPage,
  type EstablishmentBody,
  type OutcomeImport,
  type OutcomeImportSummary,
  type OutcomeTarget,
  type RegionEstablishments,
  TARGET_INDICATORS,
  TARGET_SCOPES,
  type TargetBody,
  WIOA_DIMENSIONS,
  WIOA_PROGRAMS,
  type WioaByReport,
  type WioaReport,
  yearQuarter,
} from '../../../shared/schemas/outcomes.ts';
import { ApiError, api } from '../../api/client.ts';

type OutcomeTargets = { programYear: number; items: OutcomeTarget[] };

// The outcomes pages' requests. The search parameters of the WIOA page are its state, so a report can be
// bookmarked or sent to a colleague exactly as it is on screen.

/** The program year that is running today: PY N runs 1 July N - 30 June N+1. */
export function currentProgramYear(today = new Date()): number {
  return today.getUTCMonth() >= 6 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

export const RATE_INDICATORS = [
  'employment_q2',
  'employment_q4',
  'credential_attainment',
  'measurable_skill_gains',
  'retention_same_employer',
] as const;
export type RateKey = (typeof RATE_INDICATORS)[number];
export const INDICATOR_KEYS = [
  'employment_q2',
  'employment_q4',
  'median_earnings_q2',
  'credential_attainment',
  'measurable_skill_gains',
  'retention_same_employer',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const wioaSearch = z.object({
  programYear: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  program: z.enum(WIOA_PROGRAMS).optional().catch(undefined),
  wageDataThrough: yearQuarter.optional().catch(undefined),
  by: z.enum(WIOA_DIMENSIONS).optional().catch(undefined),
  indicator: z.enum(INDICATOR_KEYS).optional().catch(undefined),
});
export type WioaSearch = z.infer<typeof wioaSearch>;

const reportParams = (s: WioaSearch) => ({
  programYear: s.programYear ?? currentProgramYear(),
  program: s.program ?? 'all',
  wageDataThrough: s.wageDataThrough,
});

export const wioaQuery = (s: WioaSearch) => {
  const q = reportParams(s);
  return queryOptions({ queryKey: ['outcomes', 'wioa', q], queryFn: () => api.get<WioaReport>('/outcomes/wioa', q) });
};

export const wioaByQuery = (s: WioaSearch) => {
  const q = { ...reportParams(s), by: s.by ?? 'sex' };
  return queryOptions({ queryKey: ['outcomes', 'wioa-by', q], queryFn: () => api.get<WioaByReport>('/outcomes/wioa/by', q) });
};

/** An outcome import and its progress; polled every second while its job runs. */
export const importRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['outcomes', 'import', id],
    queryFn: () => api.get<OutcomeImport>(`/outcomes/imports/${id}`),
    refetchInterval: (q) => (q.state.data && !RUNNING.includes(q.state.data.status) ? false : 1000),
  });
export const RUNNING: OutcomeImport['status'][] = ['uploaded', 'validating', 'importing'];

/** Recent imports of one kind, newest first. */
export const importRunsQuery = (kind: 'pirl' | 'wages', page: number) =>
  queryOptions({
    queryKey: ['outcomes', 'imports', kind, page],
    queryFn: () =>
      api.get<{ items: OutcomeImportSummary[]; page: number; pageSize: number; total: number }>('/outcomes/imports', {
        kind,
        page,
        pageSize: 10,
      }),
  });

export const rejectedCsvHref = (id: string) => `/api/outcomes/imports/${id}/rejected`;

/**
 * Sends a file as multipart/form-data. XMLHttpRequest rather than fetch because only it reports upload
 * progress, which is what a person watching a large wage file wants to see.
 */
export function uploadImport(
  kind: 'pirl' | 'wages',
  file: File,
  fields: Record<string, string>,
  csrfToken: string,
  onProgress: (fraction: number) => void,
): Promise<OutcomeImport> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/outcomes/imports/${kind}`);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status alone says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as OutcomeImport);
      const p = (body ?? {}) as Partial<Problem>;
      reject(
        new ApiError(
          xhr.status,
          p.code ?? (xhr.status >= 500 ? 'internal' : 'malformed_request'),
          p.title ?? xhr.statusText,
          p.errors ?? [],
        ),
      );
    };
    xhr.send(form);
  });
}

export const dashboardSearch = z.object({
  programYear: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

export const targetsQuery = (programYear: number) =>
  queryOptions({
    queryKey: ['outcomes', 'targets', programYear],
    queryFn: () => api.get<OutcomeTargets>('/outcomes/targets', { programYear }),
  });

/** The targets page's state: the year and the list's filters (the API lists a whole year; the page filters). */
export const targetsSearch = z.object({
  programYear: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  scope: z.enum(TARGET_SCOPES).optional().catch(undefined),
  indicator: z.enum(TARGET_INDICATORS).optional().catch(undefined),
});
export type TargetsSearch = z.infer<typeof targetsSearch>;
export const setTarget = (body: TargetBody) => api.put<{ ok: true }>('/outcomes/targets', body);
export const removeTarget = (id: string) => api.delete<{ ok: true }>(`/outcomes/targets/${id}`);

export const braidIndicatorsQuery = (programYear: number) =>
  queryOptions({
    queryKey: ['outcomes', 'indicators', programYear],
    queryFn: () => api.get<BraidIndicators>('/outcomes/indicators', { from: `${programYear}-07-01`, to: `${programYear + 1}-06-30` }),
  });

export const drilldownQuery = (q: {
  programYear: number;
  indicator: RateKey | 'median_earnings_q2';
  part: 'numerator' | 'denominator';
  page: number;
}) =>
  queryOptions({
    queryKey: ['outcomes', 'drilldown', q],
    queryFn: () => api.get<DrilldownPage>('/outcomes/wioa/participants', { ...q, pageSize: 25 }),
  });

export const establishmentsQuery = queryOptions({
  queryKey: ['outcomes', 'establishments'],
  queryFn: () => api.get<RegionEstablishments>('/outcomes/establishments'),
});
export const setEstablishments = (body: EstablishmentBody) => api.put<RegionEstablishments>('/outcomes/establishments', body);
export const removeEstablishments = (countyFips: string) => api.delete<RegionEstablishments>(`/outcomes/establishments/${countyFips}`);
