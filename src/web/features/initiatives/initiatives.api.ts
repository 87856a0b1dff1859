import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type Commitment,
  type CommitmentBody,
  INITIATIVE_STATUSES,
  type Initiative,
  type InitiativeBody,
  type InitiativeDocument,
  type InitiativePatch,
  type Jurisdiction,
  type Partner,
  type PartnerBody,
  type RegionCoverage,
  type WorkforceAreaBody,
} from '../../../shared/schemas/initiatives.ts';
import { api } from '../../api/client.ts';
import { pageParam, textParam } from '../../app/search.ts';
import type { Option } from '../../ui/RemoteSelect.tsx';

// Initiatives over the API. The list's state lives in the URL; the initiative filter of other lists
// (strategies, TA) reads the same list, so it is cached under one key.

export const initiativesSearch = z.object({
  page: pageParam,
  q: textParam,
  status: z.enum(INITIATIVE_STATUSES).optional().catch(undefined),
});
export type InitiativesSearch = z.infer<typeof initiativesSearch>;

/** `?initiativeId=` as every list spells it (shared/schemas/common.ts initiativeFilter). */
export const initiativeParam = z.uuid().optional().catch(undefined);

export const initiativesQuery = (search: InitiativesSearch) =>
  queryOptions({
    queryKey: ['initiatives', 'list', search],
    queryFn: () => api.get<Page<Initiative>>('/initiatives', { ...search }),
    placeholderData: keepPreviousData,
  });

/** Every initiative, for filters and pickers (a tenant runs a handful, never hundreds). */
export const allInitiativesQuery = queryOptions({
  queryKey: ['initiatives', 'all'],
  queryFn: () => api.get<Page<Initiative>>('/initiatives', { pageSize: 100 }),
  staleTime: 60_000,
});

export const initiativeQuery = (id: string) =>
  queryOptions({ queryKey: ['initiatives', 'one', id], queryFn: () => api.get<Initiative>(`/initiatives/${id}`) });

export const partnersQuery = (id: string) =>
  queryOptions({
    queryKey: ['initiatives', 'one', id, 'partners'],
    queryFn: () => api.get<Page<Partner>>(`/initiatives/${id}/partners`, { pageSize: 100 }),
  });

export const documentsQuery = (id: string) =>
  queryOptions({
    queryKey: ['initiatives', 'one', id, 'documents'],
    queryFn: () => api.get<Page<InitiativeDocument>>(`/initiatives/${id}/documents`, { pageSize: 100 }),
  });

export const createInitiative = (body: InitiativeBody) => api.post<Initiative>('/initiatives', body);
export const updateInitiative = (id: string, body: InitiativePatch) => api.patch<Initiative>(`/initiatives/${id}`, body);
export const addPartner = (id: string, body: PartnerBody) => api.post<Partner>(`/initiatives/${id}/partners`, body);
export const removePartner = (id: string, partnerId: string) => api.delete<unknown>(`/initiatives/${id}/partners/${partnerId}`);
export const addCommitment = (id: string, partnerId: string, body: CommitmentBody) =>
  api.post<Commitment>(`/initiatives/${id}/partners/${partnerId}/commitments`, body);
export const changeCommitmentStatus = (id: string, commitmentId: string, status: Commitment['status']) =>
  api.patch<Commitment>(`/initiatives/${id}/commitments/${commitmentId}`, { status });
export const removeDocument = (id: string, documentId: string) => api.delete<unknown>(`/initiatives/${id}/documents/${documentId}`);
export const documentHref = (id: string, documentId: string) => `/api/initiatives/${id}/documents/${documentId}/content`;

export function uploadDocument(id: string, fields: { title: string; kind: string; partnerId?: string }, file: File) {
  const form = new FormData();
  form.append('title', fields.title);
  form.append('kind', fields.kind);
  if (fields.partnerId) form.append('partnerId', fields.partnerId);
  form.append('file', file, file.name);
  return api.upload<InitiativeDocument>(`/initiatives/${id}/documents`, form);
}

/** Local workforce areas the tenant defined, for the region picker. */
export async function searchWorkforceAreas(q: string): Promise<Option[]> {
  const page = await api.get<Page<Jurisdiction>>('/jurisdictions', { kind: 'workforce_area', q, pageSize: 20 });
  return page.items.map((j) => ({ value: j.code, label: `${j.name} (${j.stateCode ?? ''})` }));
}

/** The counties an initiative's region covers (directly, through workforce areas, whole states). */
export const coverageQuery = (id: string) =>
  queryOptions({
    queryKey: ['initiatives', 'one', id, 'counties'],
    queryFn: () => api.get<RegionCoverage>(`/initiatives/${id}/counties`),
  });

export const workforceAreasSearch = z.object({ page: pageParam, q: textParam });
export type WorkforceAreasSearch = z.infer<typeof workforceAreasSearch>;

export const workforceAreasQuery = (search: WorkforceAreasSearch) =>
  queryOptions({
    queryKey: ['jurisdictions', 'workforce_area', 'list', search],
    queryFn: () => api.get<Page<Jurisdiction>>('/jurisdictions', { ...search, kind: 'workforce_area' }),
    placeholderData: keepPreviousData,
  });

export const createWorkforceArea = (body: WorkforceAreaBody) => api.post<Jurisdiction>('/jurisdictions', body);
export const updateWorkforceArea = (id: string, body: Omit<WorkforceAreaBody, 'code'>) =>
  api.patch<Jurisdiction>(`/jurisdictions/${id}`, body);

// What the browser checks before sending (the server decides by the bytes, this only spares a wait).
export const DOCUMENT_ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv,.md';
export const DOCUMENT_EXTENSIONS = DOCUMENT_ACCEPT.split(',').map((e) => e.slice(1));
