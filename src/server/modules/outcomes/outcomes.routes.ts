import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { LIMITS } from '../../../shared/limits.ts';
import { idParams, ok } from '../../../shared/schemas/common.ts';
import {
  braidIndicators,
  countyParams,
  drilldownPage,
  drilldownQuery,
  establishmentBody,
  indicatorsQuery,
  outcomeImport,
  outcomeImportPage,
  outcomeImportsQuery,
  outcomeTargets,
  pirlUploadFields,
  regionEstablishments,
  targetBody,
  targetsQuery,
  wioaByQuery,
  wioaByReport,
  wioaReport,
  wioaReportQuery,
} from '../../../shared/schemas/outcomes.ts';
import { AppError } from '../../platform/errors.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { asAttachment, fileResponse, mapMultipartError, readUpload } from '../../platform/uploads.ts';
import {
  braidIndicators as computeIndicators,
  establishmentTable,
  removeEstablishments,
  setEstablishments,
  suppressIndicators,
} from './indicators.service.ts';
import { outcomesPolicy as policy, seesSmallCells } from './outcomes.policy.ts';
import * as pirl from './pirl.service.ts';
import * as targets from './targets.service.ts';
import * as wages from './wages.service.ts';
import { wioaReport as computeWioa, drilldown, suppressSmallCells, wioaReportBy } from './wioa.service.ts';

const tags = ['outcomes'];
/** Wage files are streamed into the database, never held in memory, so they may be large. */
const WAGE_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export function registerOutcomeRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/outcomes/wioa',
      access: policy.read,
      summary: 'WIOA primary indicators for a program year (same JSON as `braid report wioa --format json`)',
      tags,
      query: wioaReportQuery,
      response: wioaReport,
    },
    async ({ query }, ctx) => {
      const report = await computeWioa(ctx, query);
      return seesSmallCells(ctx.principal) ? report : suppressSmallCells(report);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/wioa/by',
      access: policy.read,
      summary:
        'WIOA indicators disaggregated by sex, ethnicity, age band, county, barrier, program or provider; cells under 10 suppressed with complementary suppression',
      tags,
      query: wioaByQuery,
      response: wioaByReport,
    },
    async ({ query }, ctx) => wioaReportBy(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/wioa/participants',
      access: policy.drilldown,
      summary: 'The participants behind a WIOA numerator or denominator (optionally one disaggregation group); identified, audited',
      tags,
      query: drilldownQuery,
      response: drilldownPage,
    },
    async ({ query }, ctx) => drilldown(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/indicators',
      access: policy.read,
      summary:
        "Braid's own indicators (placement, starting wage, living wage, health benefits, wage gain, credentials, referrals, employers) for a window of dates",
      tags,
      query: indicatorsQuery,
      response: braidIndicators,
    },
    async ({ query }, ctx) => {
      const report = await computeIndicators(ctx, query);
      return seesSmallCells(ctx.principal) ? report : suppressIndicators(report);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/establishments',
      // Published statistics (County Business Patterns, QCEW), no personal data: anyone signed in may read them.
      access: 'authenticated',
      summary: "The region's establishments per county: the denominator of employer penetration",
      tags,
      response: regionEstablishments,
    },
    async (_i, ctx) => establishmentTable(ctx),
  );
  r.add(
    {
      method: 'PUT',
      url: '/outcomes/establishments',
      access: policy.referenceData,
      summary: "Set one county's establishment count (replaces), with the reference year and source",
      tags,
      body: establishmentBody,
      response: regionEstablishments,
    },
    async ({ body }, ctx) => setEstablishments(ctx, body),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/outcomes/establishments/:countyFips',
      access: policy.referenceData,
      summary: "Remove a county's establishment count",
      tags,
      params: countyParams,
      response: regionEstablishments,
    },
    async ({ params }, ctx) => removeEstablishments(ctx, params.countyFips),
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/targets',
      access: policy.read,
      summary: 'Targets of a program year with the latest value, status (met / on track / at risk) and a quarterly trend',
      tags,
      query: targetsQuery,
      response: outcomeTargets,
    },
    async ({ query }, ctx) => targets.listWithStatus(ctx, query.programYear, { seesSmallCells: seesSmallCells(ctx.principal) }),
  );
  r.add(
    {
      method: 'PUT',
      url: '/outcomes/targets',
      access: policy.manageTargets,
      summary:
        'Set the target of an indicator for a program year, for the partnership, a WIOA program, a provider, an initiative or a funding stream (replaces)',
      tags,
      body: targetBody,
      response: ok,
    },
    async ({ body }, ctx) => {
      await targets.setTarget(ctx, body);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'DELETE',
      url: '/outcomes/targets/:id',
      access: policy.manageTargets,
      summary: 'Remove a target',
      tags,
      params: idParams,
      response: ok,
    },
    async ({ params }, ctx) => {
      await targets.removeTarget(ctx, params.id);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/outcomes/imports/pirl',
      access: policy.import,
      summary:
        'Upload a PIRL CSV (multipart, field "file"; header row of element numbers); a background job imports it, keyed by (100, 900), atomic, idempotent: poll GET /outcomes/imports/:id',
      tags,
      response: outcomeImport,
      status: 201,
    },
    async (_i, ctx, reply) => {
      const upload = await readUpload(reply.request, pirlUploadFields, LIMITS.uploadBytes);
      if (upload.type.extensions[0] !== 'csv' && upload.type.extensions[0] !== 'txt') {
        throw new AppError('unsupported_media_type', 'Upload the PIRL file as CSV.');
      }
      return pirl.uploadPirl(ctx, upload.content, {
        filename: upload.filename,
        ownerOrganizationId: upload.fields.ownerOrganizationId,
        skipRejected: upload.fields.skipRejected === 'true',
      });
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/outcomes/imports/wages',
      access: policy.import,
      summary:
        'Upload UI wage records (multipart, field "file"; person_id,employer_fein,year,quarter,wages): streamed into storage, then a background job imports them, atomic per file, idempotent; answers 202: poll GET /outcomes/imports/:id',
      tags,
      response: outcomeImport,
      status: 202,
    },
    async (_i, ctx, reply) => {
      const req = reply.request;
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data with a "file" part.');
      let part: Awaited<ReturnType<typeof req.file>>;
      try {
        part = await req.file({ limits: { fileSize: WAGE_UPLOAD_BYTES, files: 1 } });
      } catch (err) {
        throw mapMultipartError(err, WAGE_UPLOAD_BYTES);
      }
      if (!part)
        throw new AppError('validation_failed', 'Choose a file to upload.', [
          { field: 'file', code: 'required', message: 'Choose a file.' },
        ]);
      if (!/\.(csv|txt)$/i.test(part.filename ?? '')) {
        part.file.resume();
        throw new AppError('unsupported_media_type', 'Upload the wage records as a .csv file.');
      }
      const file = part.file;
      const tooLarge = () => new AppError('file_too_large', 'The file is larger than an upload may be; use `braid import wages`.');
      try {
        return await wages.uploadWages(ctx, file, { filename: part.filename, truncated: () => file.truncated, tooLarge });
      } catch (err) {
        throw (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
      }
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/imports',
      access: policy.import,
      summary: 'Recent outcome imports of one kind (pirl or wages), newest first, with their counts',
      tags,
      query: outcomeImportsQuery,
      response: outcomeImportPage,
    },
    async ({ query }, ctx) => wages.listImports(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/imports/:id',
      access: policy.import,
      summary: 'An outcome import and its progress (rows read, changed, unchanged, rejected)',
      tags,
      params: idParams,
      response: outcomeImport,
    },
    async ({ params }, ctx) => pirl.getRun(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/imports/:id/rejected',
      access: policy.import,
      summary: 'Every rejected row of an outcome import as CSV (line, element, reason)',
      tags,
      params: idParams,
      response: fileResponse,
    },
    async ({ params }, ctx, reply) => {
      const csv = await pirl.rejectedCsv(ctx, params.id);
      return asAttachment(reply, { filename: 'rejected-rows.csv', content_type: 'text/csv; charset=utf-8', content: Buffer.from(csv) });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/outcomes/pirl/export',
      access: policy.export,
      summary: 'Every period of participation in PIRL layout (CSV; identified data, audited)',
      tags,
      response: fileResponse,
    },
    async (_i, ctx, reply) => {
      // Streamed page by page: a statewide tenant's export never sits in memory whole.
      const out = new PassThrough();
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="pirl.csv"')
        .header('Cache-Control', 'private, no-store');
      pirl
        .exportPirl(ctx, async (chunk) => {
          if (out.destroyed) throw new Error('the client went away');
          if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        })
        .then(
          () => out.end(),
          (err: Error) => {
            ctx.services.logger.error({ err: { message: err.message } }, 'PIRL export failed');
            out.destroy(err);
          },
        );
      return out;
    },
  );
}
