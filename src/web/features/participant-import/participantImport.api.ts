import { queryOptions } from '@tanstack/react-query';
import type { ErrorCode, Problem } from '../../../shared/errors.ts';
import type { ImportField, ImportPreview, ImportRun } from '../../../shared/schemas/participants.ts';
import { ApiError, api } from '../../api/client.ts';

export type Mapping = Partial<Record<ImportField, string>>;
export type ImportMode = 'all_or_nothing' | 'skip_invalid';
export interface StartBody {
  mapping: Mapping;
  ownerOrganizationId?: string;
  mode?: ImportMode;
}

/** Braid fields a file must map: an intake without a name cannot be created. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['firstName', 'lastName'];

/** The file goes up as multipart (the JSON client only speaks JSON), with the session's CSRF token. */
export async function uploadFile(file: File, csrfToken: string): Promise<ImportRun> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/participant-imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (res.ok) return (await res.json()) as ImportRun;
  let problem: Partial<Problem> = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    // Not a problem document (a proxy's error page): the status says enough.
  }
  throw new ApiError(res.status, (problem.code ?? 'internal') as ErrorCode, problem.title ?? res.statusText, problem.errors ?? []);
}

export const previewImport = (id: string, body: StartBody) => api.post<ImportPreview>(`/participant-imports/${id}/preview`, body);
export const startImport = (id: string, body: StartBody) => api.post<ImportRun>(`/participant-imports/${id}/start`, body);

/** The run is the progress record: polled every second while its background job works. */
export const importRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['participant-imports', id],
    queryFn: () => api.get<ImportRun>(`/participant-imports/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'importing' ? 1000 : false),
  });

export const rejectedReportUrl = (id: string) => `/api/participant-imports/${id}/rejected.csv`;
