import { z } from 'zod';
import { cappedPageOf, idParams, ok } from '../../../shared/schemas/common.ts';
import {
  deidentifiedExportQuery,
  duplicateCheckBody,
  duplicateCheckResult,
  exportQuery,
  importPreview,
  importRun,
  importStartBody,
  intakeBody,
  intakePatch,
  linkBody,
  mergeBody,
  participant,
  participantListQuery,
  participantSummary,
  revealBody,
  revealResult,
  savedFilter,
  savedFilterBody,
  timelineEvent,
} from '../../../shared/schemas/participants.ts';
import { AppError } from '../../platform/errors.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { exportDeidentified } from './participants.deidentified.ts';
import * as transfer from './participants.import.ts';
import { participantsPolicy as policy } from './participants.policy.ts';
import * as participants from './participants.service.ts';

const tags = ['participants'];
/** File downloads: the body is the file itself, not JSON. */
const file = z.any();

export function registerParticipantRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/participants',
      access: policy.read,
      summary: 'Caseload: participants the caller may see, filtered (status, program, cohort, navigator, search)',
      tags,
      query: participantListQuery,
      response: cappedPageOf(participantSummary),
    },
    async ({ query }, ctx) => participants.list(ctx, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/duplicates',
      access: policy.manage,
      summary: 'Likely duplicates of a person before intake: same SSN, or similar name and same date of birth',
      tags,
      body: duplicateCheckBody,
      response: duplicateCheckResult,
    },
    async ({ body }, ctx) => participants.checkDuplicates(ctx, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants',
      access: policy.manage,
      summary: 'Intake: create a participant (a draft unless complete is true); 409 duplicate_suspected if likely duplicates exist',
      tags,
      body: intakeBody,
      response: participant,
      status: 201,
    },
    async ({ body }, ctx) => participants.create(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/saved-filters',
      access: policy.read,
      summary: 'Your saved caseload filters',
      tags,
      response: z.array(savedFilter),
    },
    async (_i, ctx) => participants.listSavedFilters(ctx),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/saved-filters',
      access: policy.read,
      summary: 'Save a caseload filter',
      tags,
      body: savedFilterBody,
      response: savedFilter,
      status: 201,
    },
    async ({ body }, ctx) => participants.saveFilter(ctx, body.name, body.filters),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/participants/saved-filters/:id',
      access: policy.read,
      summary: 'Delete a saved filter',
      tags,
      params: idParams,
      response: ok,
    },
    async ({ params }, ctx) => {
      await participants.removeFilter(ctx, params.id);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/export',
      access: policy.export,
      summary: 'Export the filtered list as CSV or XLSX (cells that a spreadsheet would run as formulas are escaped)',
      tags,
      query: exportQuery,
      response: file,
    },
    async ({ query }, ctx, reply) => {
      const out = await transfer.exportList(ctx, query);
      reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`);
      return reply.send(out.body);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/export/deidentified',
      access: policy.exportDeidentified,
      summary:
        'De-identified participant-level export (CSV or XLSX): pseudonymous id, age band, county, no names or contact; small cells suppressed',
      tags,
      query: deidentifiedExportQuery,
      response: file,
    },
    async ({ query }, ctx, reply) => {
      const out = await exportDeidentified(ctx, query);
      reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`);
      return reply.send(out.body);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:id',
      access: policy.read,
      summary: 'One participant: the data categories the caller may see (read audited; releases logged)',
      tags,
      params: idParams,
      response: participant,
    },
    async ({ params }, ctx) => participants.get(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/participants/:id',
      access: policy.manage,
      summary: 'Change or resume an intake; complete: true finishes it',
      tags,
      params: idParams,
      body: intakePatch,
      response: participant,
    },
    async ({ params, body }, ctx) => participants.update(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:id/reveal',
      access: policy.reveal,
      summary: 'Reveal a masked field (SSN, date of birth); needs a reason and is audited',
      tags,
      params: idParams,
      body: revealBody,
      response: revealResult,
    },
    async ({ params, body }, ctx) => participants.reveal(ctx, params.id, body.field, body.reason),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:id/links',
      access: policy.manage,
      summary: 'Link two records of the same person (nothing is merged)',
      tags,
      params: idParams,
      body: linkBody,
      response: participant,
    },
    async ({ params, body }, ctx) => participants.link(ctx, params.id, body.otherParticipantId, body.note),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:id/merge',
      access: policy.merge,
      summary: 'Admin: merge this record into another, with an audited reason',
      tags,
      params: idParams,
      body: mergeBody,
      response: participant,
    },
    async ({ params, body }, ctx) => participants.merge(ctx, params.id, body.intoParticipantId, body.reason),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:id/timeline',
      access: policy.read,
      summary: 'Every event of the case, in order (only the categories the caller may see)',
      tags,
      params: idParams,
      response: z.array(timelineEvent),
    },
    async ({ params }, ctx) => participants.timeline(ctx, params.id),
  );

  r.add(
    {
      method: 'POST',
      url: '/participant-imports',
      access: policy.import,
      summary: 'Upload a CSV or XLSX of participants (multipart, field "file"); returns its columns and a suggested mapping',
      tags,
      response: importRun,
      status: 201,
    },
    async (_i, ctx, reply) => {
      const req = reply.request;
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data (field "file").');
      const part = await req.file();
      if (!part) throw new AppError('validation_failed', 'No file.', [{ field: 'file', code: 'required', message: 'Choose a file.' }]);
      const bytes = await part.toBuffer();
      return transfer.upload(ctx, part.filename, part.mimetype, bytes);
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/participant-imports/:id/preview',
      access: policy.import,
      summary: 'Dry run with this column mapping: every row validated, rejected rows listed (and kept for the report), nothing imported',
      tags,
      params: idParams,
      body: importStartBody,
      response: importPreview,
    },
    async ({ params, body }, ctx) => transfer.preview(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participant-imports/:id/start',
      access: policy.import,
      summary:
        'Validate every row with this mapping, then import in the background (poll the run for progress; resumable; re-running skips rows already imported)',
      tags,
      params: idParams,
      body: importStartBody,
      response: importRun,
    },
    async ({ params, body }, ctx) => transfer.start(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/participant-imports/:id',
      access: policy.import,
      summary: 'An import run: status, progress, counts and rejected rows',
      tags,
      params: idParams,
      response: importRun,
    },
    async ({ params }, ctx) => transfer.get(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/participant-imports/:id/rejected.csv',
      access: policy.import,
      summary: 'The rejected rows report (line, field, reason) as CSV',
      tags,
      params: idParams,
      response: file,
    },
    async ({ params }, ctx, reply) => {
      const csv = await transfer.rejectedReport(ctx, params.id);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="rejected-rows.csv"');
      return reply.send(csv);
    },
  );
}
