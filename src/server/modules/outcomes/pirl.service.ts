import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { CREDENTIAL_TYPES, SKILL_GAIN_TYPES } from '../../../shared/schemas/casework.ts';
import { type OutcomeImport, type OutcomeImportSummary, PIRL_ELEMENTS, type RowError } from '../../../shared/schemas/outcomes.ts';
import { RACE, SEX, YES_NO } from '../../../shared/schemas/participants.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { makeOps, type Ops, type Services } from '../../platform/http.ts';
import { dobHashOf } from '../participants/participants.service.ts';
import { findRun, findRunForJob, insertRun, type RunRow, updateRun } from './imports.queries.ts';
import {
  applyStage,
  createStage,
  crossRowErrors,
  dropStagedLines,
  exportPage,
  findOrganization,
  findStreamByName,
  findStreamsBySourceType,
  insertOrganization,
  insertStream,
  intermediaries,
  type StagedRow,
  type Streams,
  stagedPrograms,
  stageRows,
  tenantName,
} from './pirl.queries.ts';
import { type HeaderMap, type PirlRow, parseRow, readHeader, toPirlDate } from './pirl.rows.ts';

// PIRL import and export (issue 7). An import reads the file once, as a stream, validating each row
// and staging the valid ones; then, in the same transaction, either the whole file is applied or
// (when any row was rejected and the caller did not ask to skip rejected rows) nothing is. Every
// rejected row is reported with its line, element and reason.

const BATCH = 2000;
/** Rejected-row reasons kept on the run; the count is always exact. */
const MAX_STORED_ERRORS = 100_000;

const CREDENTIAL_BY_CODE = Object.fromEntries(Object.entries(CREDENTIAL_TYPES).map(([k, v]) => [v, k])) as Record<string, string>;
const CREDENTIAL_TITLES: Record<string, string> = {
  secondary_diploma: 'Secondary school diploma or recognized equivalent',
  associate_degree: "Associate's degree",
  bachelor_degree: "Bachelor's degree",
  occupational_licensure: 'Occupational licensure',
  occupational_certificate: 'Occupational certificate',
  occupational_certification: 'Occupational certification',
  other_recognized: 'Other recognized diploma, degree or certificate',
};
const SKILL_GAIN_BY_ELEMENT = Object.fromEntries(Object.entries(SKILL_GAIN_TYPES).map(([k, v]) => [String(v), k])) as Record<
  string,
  string
>;
const STREAMS = {
  adult: { sourceType: 'wioa_adult', name: 'WIOA Adult' },
  dw: { sourceType: 'wioa_dislocated_worker', name: 'WIOA Dislocated Worker' },
  youth: { sourceType: 'wioa_youth', name: 'WIOA Youth' },
} as const;

class Rejected extends Error {}

export interface PirlImportOptions {
  filename: string;
  ownerOrganizationId?: string;
  /** Import the valid rows and report the rest (default: one rejected row rejects the file). */
  skipRejected?: boolean;
  /** An existing run to finish (the web app's background job); default: a new run. */
  runId?: string;
  /** Test hook: runs inside the import's transaction once everything is written, before it commits. */
  beforeCommit?: () => void;
}

export function presentRun(r: RunRow): OutcomeImport {
  const errors = (r.errors as RowError[]) ?? [];
  return { ...presentRunSummary(r), errors: errors.slice(0, 1000) };
}

export function presentRunSummary(r: Omit<RunRow, 'errors'>): OutcomeImportSummary {
  return {
    id: r.id,
    kind: r.kind as OutcomeImport['kind'],
    filename: r.filename,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    importedRows: r.imported_rows,
    unchangedRows: r.skipped_rows,
    replacedRows: r.replaced_rows,
    rejectedRows: r.rejected_rows,
    totalBytes: r.total_bytes,
    processedBytes: r.processed_bytes,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export async function getRun(ops: Ops, id: string): Promise<OutcomeImport> {
  const row = await ops.tx((tx) => findRun(tx, id));
  if (!row) throw new AppError('not_found', 'No such import.');
  return presentRun(row);
}

/** Every rejected row of a run as CSV (line, element, reason). */
export async function rejectedCsv(ops: Ops, id: string): Promise<string> {
  const row = await ops.tx((tx) => findRun(tx, id));
  if (!row) throw new AppError('not_found', 'No such import.');
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ((row.errors as RowError[]) ?? []).map((e) => `${e.line},${quote(e.element)},${quote(e.reason)}`);
  return `line,element,reason\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
}

function toStaged(ops: Ops, r: PirlRow): StagedRow {
  const ring = ops.services.keyring;
  const cType = CREDENTIAL_BY_CODE[r.credentialCode] ?? null;
  return {
    line: r.line,
    pirl_id: r.pirlId,
    dob_enc: r.dob ? encrypt(ring, r.dob) : null,
    dob_hash: r.dob ? dobHashOf(ring, r.dob) : null,
    sex: r.sex,
    hispanic: r.hispanic,
    race: r.race,
    race_eth: r.raceEthnicity,
    race_given: r.raceEthnicity.some((v) => v !== ''),
    entry: r.entry,
    exit: r.exit,
    adult: r.adult,
    dw: r.dislocatedWorker,
    youth: r.youth,
    r923: r.otherExitReason,
    exit_reason: r.exitReason,
    e1811: r.trainingEntered,
    e1813: r.trainingCompleted,
    c_code: r.credentialCode,
    c_type: cType,
    c_title: cType ? CREDENTIAL_TITLES[cType] : null,
    c_date: cType ? r.credentialDate : null,
    cred_id: randomUUID(),
    sg_types: r.skillGains.map((g) => SKILL_GAIN_BY_ELEMENT[g.element]),
    sg_dates: r.skillGains.map((g) => g.date),
    sg_ids: r.skillGains.map(() => randomUUID()),
    emp1: r.employed[0],
    emp2: r.employed[1],
    emp3: r.employed[2],
    emp4: r.employed[3],
    ret: r.retainedSameEmployer,
    w1: r.wages[0],
    w2: r.wages[1],
    w3: r.wages[2],
    w4: r.wages[3],
    w2_cents: r.wagesQ2Cents,
    pl2: r.placementQ2,
    pl4: r.placementQ4,
    new_participant_id: randomUUID(),
    new_participation_id: randomUUID(),
  };
}

async function ensureOwner(ops: Ops, tx: Tx, requested: string | undefined): Promise<string> {
  if (requested) {
    const org = await findOrganization(tx, requested);
    if (!org)
      throw new AppError('validation_failed', 'No such organization.', [
        { field: 'ownerOrganizationId', code: 'not_found', message: 'No such organization.' },
      ]);
    return org.id;
  }
  // The tenant is one intermediary: its organization holds cases that arrive from the state's files.
  const [first] = await intermediaries(tx);
  if (first) return first.id;
  const id = randomUUID();
  const tenant = await tenantName(tx, ops.tenantId);
  await insertOrganization(tx, { id, tenant_id: ops.tenantId, name: tenant?.name ?? 'Intermediary', kind: 'intermediary' });
  await ops.audit(tx, { action: 'organization.created', entityType: 'organization', entityId: id, details: { via: 'pirl_import' } });
  return id;
}

async function ensureStreams(ops: Ops, tx: Tx, needed: { adult: boolean; dw: boolean; youth: boolean }): Promise<Streams> {
  const existing = await findStreamsBySourceType(
    tx,
    Object.values(STREAMS).map((s) => s.sourceType),
  );
  const out: Streams = { adult: null, dw: null, youth: null };
  for (const key of ['adult', 'dw', 'youth'] as const) {
    const spec = STREAMS[key];
    const found = existing.find((s) => s.source_type === spec.sourceType);
    if (found) {
      out[key] = found.id;
      continue;
    }
    if (!needed[key]) continue;
    const byName = await findStreamByName(tx, spec.name);
    if (byName) {
      out[key] = byName.id;
      continue;
    }
    const id = randomUUID();
    await insertStream(tx, {
      id,
      tenant_id: ops.tenantId,
      name: spec.name,
      source_type: spec.sourceType,
      description: 'Created by a PIRL import',
    });
    await ops.audit(tx, { action: 'funding_stream.created', entityType: 'funding_stream', entityId: id, details: { via: 'pirl_import' } });
    out[key] = id;
  }
  return out;
}

export async function importPirl(ops: Ops, input: Readable, opts: PirlImportOptions): Promise<OutcomeImport> {
  const runId = opts.runId ?? randomUUID();
  await ops.tx((tx) =>
    opts.runId
      ? updateRun(tx, runId, { status: 'importing' })
      : insertRun(tx, {
          id: runId,
          tenant_id: ops.tenantId,
          kind: 'pirl',
          filename: opts.filename.slice(0, 200),
          content_type: 'text/csv',
          file_sha256: '',
          status: 'importing',
          options: JSON.stringify({ skipRejected: !!opts.skipRejected }),
          headers: '[]',
          errors: '[]',
          created_by: ops.actor.userId,
        }),
  );
  const errors: RowError[] = [];
  const rejectedLines = new Set<number>();
  let errorCount = 0;
  const reject = (e: RowError) => {
    rejectedLines.add(e.line);
    errorCount++;
    if (errors.length < MAX_STORED_ERRORS) errors.push(e);
  };
  let rows = 0;
  let headerCells: string[] = [];
  const hash = createHash('sha256');
  try {
    const result = await ops.tx(async (tx) => {
      await createStage(tx);
      const hashing = new PassThrough();
      hashing.on('data', (chunk: Buffer) => hash.update(chunk));
      const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
      // Errors of the stream reach the loop below through the parser; this only keeps them handled.
      let feedError: Error | null = null;
      const feeding = pipeline(input, hashing, parser).catch((err: Error) => {
        feedError = err;
      });
      let header: HeaderMap | null = null;
      let batch: StagedRow[] = [];
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!header) {
          headerCells = record;
          const h = readHeader(record);
          if (h.errors.length > 0) {
            for (const e of h.errors) reject(e);
            throw new Rejected();
          }
          header = h.header;
          continue;
        }
        rows++;
        const { row, errors: rowErrors } = parseRow(header, record, info.lines);
        for (const e of rowErrors) reject(e);
        if (row) batch.push(toStaged(ops, row));
        if (batch.length >= BATCH) {
          await stageRows(tx, batch);
          batch = [];
        }
      }
      await feeding;
      if (feedError) throw feedError;
      if (!header) {
        reject({ line: 1, element: 'file', reason: 'The file is empty: expected a header row of PIRL element numbers.' });
        throw new Rejected();
      }
      await stageRows(tx, batch);
      for (const e of await crossRowErrors(tx)) {
        reject({
          line: e.line,
          element: e.element,
          reason:
            e.element === '900'
              ? `The same period (100, 900) as line ${e.first_line}.`
              : `Differs from line ${e.first_line} for the same person (100).`,
        });
      }
      if (errorCount > 0 && !opts.skipRejected) throw new Rejected();
      await dropStagedLines(tx, [...rejectedLines]);
      const owner = await ensureOwner(ops, tx, opts.ownerOrganizationId);
      const streams = await ensureStreams(ops, tx, await stagedPrograms(tx));
      const applied = await applyStage(tx, {
        tenantId: ops.tenantId,
        ownerOrganizationId: owner,
        userId: ops.actor.userId,
        importRunId: runId,
        streams,
      });
      opts.beforeCommit?.();
      await updateRun(tx, runId, {
        status: 'completed',
        content_enc: null,
        file_sha256: hash.digest('hex'),
        headers: JSON.stringify(headerCells.slice(0, 200)),
        total_rows: rows,
        processed_rows: rows,
        imported_rows: applied.changed,
        skipped_rows: applied.unchanged,
        rejected_rows: rejectedLines.size,
        errors: JSON.stringify(errors),
        finished_at: new Date(),
      });
      await ops.audit(tx, {
        action: 'outcomes.pirl_imported',
        entityType: 'import_run',
        entityId: runId,
        details: {
          rows,
          changed: applied.changed,
          unchanged: applied.unchanged,
          rejected: rejectedLines.size,
          newParticipants: applied.newParticipants,
          newPeriods: applied.newPeriods,
        },
      });
      return findRun(tx, runId);
    });
    return presentRun(result as RunRow);
  } catch (err) {
    input.destroy();
    // A file csv-parse cannot read (an unclosed quote, a stray byte) is a rejected file, not a server error.
    const csvError = (err as { code?: string }).code?.startsWith('CSV_') ? (err as Error & { lines?: number }) : null;
    if (csvError)
      reject({
        line: csvError.lines ?? 0,
        element: 'file',
        reason: `Not readable as CSV: ${csvError.message.split('\n')[0].slice(0, 200)}`,
      });
    const rejected = err instanceof Rejected || csvError !== null;
    const row = await ops.tx(async (tx) => {
      await updateRun(tx, runId, {
        status: rejected ? 'rejected' : 'failed',
        // A rejected file is finished with; a failed one keeps its stored file so the job's retry can start over.
        ...(rejected ? { content_enc: null } : {}),
        file_sha256: rejected ? hash.copy().digest('hex') : '',
        headers: JSON.stringify(headerCells.slice(0, 200)),
        total_rows: rows,
        processed_rows: rows,
        imported_rows: 0,
        skipped_rows: 0,
        rejected_rows: rejected ? Math.max(rejectedLines.size, 1) : 0,
        errors: JSON.stringify(rejected ? errors : [{ line: 0, element: 'file', reason: (err as Error).message.slice(0, 500) }]),
        finished_at: new Date(),
      });
      await ops.audit(tx, {
        action: rejected ? 'outcomes.pirl_rejected' : 'outcomes.pirl_failed',
        entityType: 'import_run',
        entityId: runId,
        details: { rows, rejected: rejectedLines.size },
      });
      return findRun(tx, runId);
    });
    if (!rejected) throw err;
    return presentRun(row as RunRow);
  }
}

// ---- The web app's import: stored, then a background job

export const PIRL_IMPORT_QUEUE = 'outcomes.pirl_import';
const PROGRESS_ROWS = 500;

/** Data rows of a file, counted by line ends (PIRL values never hold a line break); the progress bar's 100%. */
function countDataRows(bytes: Buffer): number {
  const lines = bytes
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return Math.max(lines.length - 1, 0);
}

/**
 * Keep an uploaded PIRL file (encrypted, like a participant import's) and queue its job; the page polls
 * the run. The owner organization is checked now, so a wrong one is a form error, not a failed job.
 */
export async function uploadPirl(
  ctx: Ops,
  bytes: Buffer,
  opts: { filename: string; ownerOrganizationId?: string; skipRejected?: boolean },
): Promise<OutcomeImport> {
  const runId = randomUUID();
  return ctx.tx(async (tx) => {
    if (opts.ownerOrganizationId && !(await findOrganization(tx, opts.ownerOrganizationId)))
      throw new AppError('validation_failed', 'No such organization.', [
        { field: 'ownerOrganizationId', code: 'not_found', message: 'No such organization.' },
      ]);
    await insertRun(tx, {
      id: runId,
      tenant_id: ctx.tenantId,
      kind: 'pirl',
      filename: opts.filename.slice(0, 200),
      content_type: 'text/csv',
      content_enc: encrypt(ctx.services.keyring, bytes.toString('base64')),
      file_sha256: createHash('sha256').update(bytes).digest('hex'),
      status: 'validating',
      options: JSON.stringify({ skipRejected: !!opts.skipRejected, ownerOrganizationId: opts.ownerOrganizationId ?? null }),
      total_rows: countDataRows(bytes),
      headers: '[]',
      errors: '[]',
      created_by: ctx.actor.userId,
    });
    await ctx.audit(tx, { action: 'outcomes.pirl_uploaded', entityType: 'import_run', entityId: runId, details: { bytes: bytes.length } });
    ctx.afterCommit(async () => {
      await ctx.services.jobs.send(PIRL_IMPORT_QUEUE, { tenantId: ctx.tenantId, runId }, { singletonKey: runId });
    });
    return presentRun((await findRun(tx, runId)) as RunRow);
  });
}

/**
 * The background half of a web PIRL import, in two passes over the stored file. First every row is
 * checked, chunk by chunk, and the run's rows processed / rejected are committed as it goes (the page's
 * progress bar); this pass writes nothing else. Then the file goes through importPirl exactly as the CLI
 * runs it: one transaction, all or nothing. A crash in either pass rolls back to nothing imported; the
 * job's retry starts again from the stored file, and because the import is keyed by (100, 900) a replay
 * changes nothing that is already there. Once completed or rejected the file is dropped and a replayed
 * job does nothing.
 */
export async function runPirlImport(
  services: Services,
  tenantId: string,
  runId: string,
  hooks: { chunkRows?: number; afterChunk?: (processed: number) => void; beforeCommit?: () => void } = {},
): Promise<void> {
  const probe = makeOps(services, tenantId, { userId: null, label: 'PIRL import' }).ops;
  const run = await probe.tx((tx) => findRunForJob(tx, runId));
  if (!run?.content_enc || !['validating', 'importing', 'failed'].includes(run.status)) return;
  const { ops } = makeOps(services, tenantId, { userId: run.created_by, label: 'PIRL import' });
  const options = run.options as { skipRejected?: boolean; ownerOrganizationId?: string | null };
  let bytes: Buffer;
  try {
    bytes = Buffer.from(decrypt(services.keyring, run.content_enc), 'base64');
  } catch (err) {
    // A stored file that cannot be decrypted will not improve on retry: fail now so the page stops waiting.
    await ops.tx(async (tx) => {
      await updateRun(tx, runId, { status: 'failed', content_enc: null, finished_at: new Date() });
      await ops.audit(tx, {
        action: 'outcomes.pirl_failed',
        entityType: 'import_run',
        entityId: runId,
        details: { reason: (err as Error).name },
      });
    });
    return;
  }

  // Pass 1: progress. Row-level checks only; the cross-row checks and the writing happen in pass 2.
  const chunkRows = hooks.chunkRows ?? PROGRESS_ROWS;
  await ops.tx((tx) => updateRun(tx, runId, { status: 'validating', processed_rows: 0, rejected_rows: 0, finished_at: null }));
  const parser = Readable.from([bytes]).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let header: HeaderMap | null = null;
  let processed = 0;
  let rejected = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        const h = readHeader(record);
        if (h.errors.length > 0) break;
        header = h.header;
        continue;
      }
      processed++;
      if (parseRow(header, record, info.lines).errors.length > 0) rejected++;
      if (processed % chunkRows === 0) {
        await ops.tx((tx) => updateRun(tx, runId, { processed_rows: processed, rejected_rows: rejected }));
        hooks.afterChunk?.(processed);
      }
    }
  } catch (err) {
    // Not readable as CSV: pass 2 reports it as a rejected file, with the line.
    if (!(err as { code?: string }).code?.startsWith('CSV_')) throw err;
  }
  await ops.tx((tx) => updateRun(tx, runId, { processed_rows: processed, rejected_rows: rejected }));

  // Pass 2: the import itself, atomic and idempotent as from the CLI.
  await importPirl(ops, Readable.from([bytes]), {
    filename: run.filename,
    runId,
    skipRejected: !!options.skipRejected,
    ownerOrganizationId: options.ownerOrganizationId ?? undefined,
    beforeCommit: hooks.beforeCommit,
  });
}

export function pirlImportJobHandler(services: Services) {
  return async (data: Record<string, unknown>) => runPirlImport(services, String(data.tenantId), String(data.runId));
}

// ---- Export

const SEX_CODE = SEX as Record<string, string>;
const YES_NO_CODE = YES_NO as Record<string, string>;
const RACE_KEYS = Object.keys(RACE);
const SKILL_KEYS = [
  'educational_functioning_level',
  'postsecondary_transcript',
  'secondary_transcript',
  'training_milestone',
  'skills_progression',
];

/**
 * Writes every period of the tenant in PIRL layout (the same header an import reads), page by page so
 * any number of periods streams. Values are codes, dates, amounts and identifiers (validated to
 * [A-Za-z0-9-]), so no cell ever needs quoting.
 */
export async function exportPirl(ops: Ops, write: (chunk: string) => void | Promise<void>): Promise<number> {
  const ring = ops.services.keyring;
  await write(`${PIRL_ELEMENTS.join(',')}\r\n`);
  let after: string | null = null;
  let count = 0;
  for (;;) {
    const page = await ops.tx((tx) => exportPage(tx, ops.tenantId, after, 5000));
    if (page.length === 0) break;
    const lines: string[] = [];
    for (const r of page) {
      const raw = r.race_ethnicity ?? [];
      const race = RACE_KEYS.map((key, i) => {
        const given = raw[i + 1] ?? '';
        if (r.race.includes(key)) return '1';
        return given === '1' ? '' : given;
      });
      const credentialCode = r.c_type ? ((CREDENTIAL_TYPES as Record<string, string>)[r.c_type] ?? '') : r.c_code;
      const values: Record<string, string> = {
        '100': r.pirl_id,
        '200': r.dob_enc ? toPirlDate(decrypt(ring, r.dob_enc)) : '',
        '201': r.sex ? (SEX_CODE[r.sex] ?? '') : '',
        '210a': r.hispanic ? (YES_NO_CODE[r.hispanic] ?? '') : '',
        '210b': race[0],
        '210c': race[1],
        '210d': race[2],
        '210e': race[3],
        '210f': race[4],
        '210g': raw[6] ?? '',
        '900': toPirlDate(r.entry),
        '901': toPirlDate(r.exit),
        '903': r.adult,
        '904': r.dw,
        '905': r.youth,
        '923': r.r923,
        '1811': toPirlDate(r.e1811),
        '1813': toPirlDate(r.e1813),
        '1800': credentialCode,
        '1801': r.c_type ? toPirlDate(r.c_date) : '',
        '1600': r.emp1,
        '1602': r.emp2,
        '1604': r.emp3,
        '1606': r.emp4,
        '1618': r.ret,
        '1703': r.w1,
        '1704': r.w2,
        '1705': r.w3,
        '1706': r.w4,
        '1900': r.pl2,
        '1901': r.pl4,
      };
      SKILL_KEYS.forEach((key, i) => {
        values[String(1806 + i)] = toPirlDate(r.skill_gains?.[key] ?? null);
      });
      lines.push(`${PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',')}\r\n`);
    }
    await write(lines.join(''));
    count += page.length;
    after = page[page.length - 1].id;
  }
  await ops.tx((tx) =>
    ops.audit(tx, { action: 'outcomes.pirl_exported', entityType: 'participant', personalData: true, details: { periods: count } }),
  );
  return count;
}
