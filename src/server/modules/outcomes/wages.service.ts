import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseLine } from 'csv-parse/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Page } from '../../../shared/schemas/common.ts';
import type { OutcomeImport, OutcomeImportsQuery, RowError } from '../../../shared/schemas/outcomes.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { makeOps, type Ops, type Services } from '../../platform/http.ts';
import {
  countChunks,
  deleteChunks,
  findChunk,
  findRun,
  findWageRunForJob,
  insertChunk,
  insertRun,
  listRuns,
  type RunRow,
  updateRun,
} from './imports.queries.ts';
import { presentRun, presentRunSummary } from './pirl.service.ts';
import {
  anyLoadedQuarter,
  COPY_STAGE,
  markQuarters,
  markStagedQuarters,
  mergeStageSlice,
  openStageSession,
  stageBlocks,
  upsertWageBatch,
  type WageRow,
} from './wages.queries.ts';

// UI wage record import: CSV with the header person_id,employer_fein,year,quarter,wages (person_id is
// PIRL 100; wages in dollars). Files of any size stream through: memory holds one chunk and one batch,
// never the file. Valid rows are loaded, rejected rows are reported with line, column and reason, and
// progress (bytes and rows read, rows rejected) is committed to the import_run row as the file is read,
// so another request can watch it. Atomic per file: the records of a file are written in one
// transaction, so a failure leaves none of them; and idempotent: re-sending a record replaces it, never
// adds a second, so running a file again (the job's retry, or the same file uploaded twice) changes
// nothing that is already there.
//
// The web app's import (uploadWages) streams the upload into import_chunk and answers at once; a
// background job (runWageImport) reads the stored chunks back through importWages, the same function
// the command line runs on a file.

export const WAGE_COLUMNS = ['person_id', 'employer_fein', 'year', 'quarter', 'wages'] as const;
type WageColumn = (typeof WAGE_COLUMNS)[number];

const PERSON = /^[A-Za-z0-9-]{1,40}$/;
const FEIN = /^(\d{2})-?(\d{7})$/;
/** Where a state keys records by UI account number rather than FEIN. */
const UI_ACCOUNT = /^[A-Za-z0-9-]{1,20}$/;
const DOLLARS = /^\d{1,10}(\.\d{1,2})?$/;
const MAX_STORED_ERRORS = 100_000;
/** One line in the usual form: person, FEIN (either way) or UI account, year, quarter, dollars. */
const FAST_LINE = /^([A-Za-z0-9-]{1,40}),(?:(\d{2})-?(\d{7})|([A-Za-z0-9-]{1,20})),(\d{4}),([1-4]),(\d{1,10})(?:\.(\d{1,2}))?$/;
/** Rows between progress commits. */
const PROGRESS_EVERY = 20_000;
const PGLITE_BATCH = 5_000;
/** Staging blocks merged per transaction on PostgreSQL (8 kB blocks: about 1.5 million rows). */
const SLICE_BLOCKS = 10_000;

function cellsOf(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  try {
    return (parseLine(line, { relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return [];
  }
}

export function parseWageRow(
  cells: string[],
  index: Record<WageColumn, number>,
  line: number,
): { row: WageRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (c: WageColumn) => (cells[index[c]] ?? '').trim();
  const person = get('person_id');
  if (!PERSON.test(person))
    errors.push({ line, element: 'person_id', reason: person ? 'Use 1-40 letters, digits or hyphens (PIRL 100).' : 'Required.' });
  const feinRaw = get('employer_fein');
  const fein = FEIN.exec(feinRaw);
  // One employer, one key: 12-3456789 and 123456789 are the same FEIN, or retention could not match them.
  const employer = fein ? `${fein[1]}${fein[2]}` : UI_ACCOUNT.test(feinRaw) ? feinRaw : null;
  if (!employer)
    errors.push({ line, element: 'employer_fein', reason: feinRaw ? 'Not a FEIN (12-3456789) or UI account number.' : 'Required.' });
  const yearRaw = get('year');
  const year = /^\d{4}$/.test(yearRaw) ? Number(yearRaw) : Number.NaN;
  if (!(year >= 1900 && year <= 2999)) errors.push({ line, element: 'year', reason: `"${yearRaw.slice(0, 10)}" is not a year.` });
  const quarterRaw = get('quarter');
  if (!/^[1-4]$/.test(quarterRaw))
    errors.push({ line, element: 'quarter', reason: `"${quarterRaw.slice(0, 10)}" is not a quarter (1-4).` });
  const wagesRaw = get('wages');
  if (!DOLLARS.test(wagesRaw)) {
    errors.push({
      line,
      element: 'wages',
      reason: wagesRaw ? `"${wagesRaw.slice(0, 20)}" is not an amount in dollars (as 5250.75, never negative).` : 'Required.',
    });
  }
  if (errors.length > 0 || !employer) return { row: null, errors };
  const [whole, frac = ''] = wagesRaw.split('.');
  return {
    row: {
      person_key: person,
      employer_fein: employer,
      year,
      quarter: Number(quarterRaw),
      wages_cents: Number(whole) * 100 + Number(frac.padEnd(2, '0')),
    },
    errors,
  };
}

/** Runs fn in a tenant transaction: ops.tx, or (inside PGlite's one transaction) the open one. */
type Within = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface WageImportOptions {
  filename: string;
  /** An existing run to finish (the web app's background job); default: a new run. */
  runId?: string;
  /** Called as progress is committed (the command line prints it). */
  onProgress?: (p: { processed: number; changed: number; rejected: number }) => void;
  /** Test hooks: rows between progress commits, a call after each, a call before the write commits. */
  progressRows?: number;
  afterProgress?: (processed: number) => void;
  beforeCommit?: () => void;
}

/** What one read of a file found. */
interface Scan {
  headerOk: boolean;
  header: string[];
  processed: number;
  valid: number;
  bytes: number;
  sha256: string;
  errors: RowError[];
  rejected: number;
  quarters: { year: number; quarter: number }[];
}

/**
 * Reads a file once, a chunk at a time, handing each chunk's valid rows to `load` and calling `progress`
 * every so many rows. Lines are handled synchronously within a chunk: no promise per line.
 */
async function scanWages(
  input: Readable,
  load: (rows: WageRow[]) => Promise<void>,
  progress: (s: Scan) => Promise<void>,
  every: number,
): Promise<Scan> {
  const hash = createHash('sha256');
  const errors: RowError[] = [];
  const rejectedLines = new Set<number>();
  const reject = (e: RowError) => {
    rejectedLines.add(e.line);
    if (errors.length < MAX_STORED_ERRORS) errors.push(e);
  };
  const quarters = new Map<number, { year: number; quarter: number }>();
  let header: string[] | null = null;
  let index: Record<WageColumn, number> | null = null;
  let processed = 0;
  let valid = 0;
  let bytes = 0;
  const snapshot = (headerOk: boolean): Scan => ({
    headerOk,
    header: header ?? [],
    processed,
    valid,
    bytes,
    sha256: '',
    errors,
    rejected: rejectedLines.size,
    quarters: [...quarters.values()],
  });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let canonical = false;
  const take = (text: string, out: WageRow[]): boolean => {
    line++;
    if (index) {
      processed++;
      // Fast path: the usual column order and plain values, one regular expression per line.
      const m = canonical ? FAST_LINE.exec(text) : null;
      let row: WageRow | null = null;
      if (m) {
        const year = Number(m[5]);
        if (year >= 1900 && year <= 2999) {
          row = {
            person_key: m[1],
            employer_fein: m[2] !== undefined ? m[2] + m[3] : m[4],
            year,
            quarter: Number(m[6]),
            wages_cents: Number(m[7]) * 100 + (m[8] === undefined ? 0 : Number(m[8].padEnd(2, '0'))),
          };
        }
      }
      if (!row) {
        if (text.trim() === '') {
          processed--;
          return true;
        }
        const parsed = parseWageRow(cellsOf(text), index, line);
        for (const e of parsed.errors) reject(e);
        row = parsed.row;
      }
      if (row) {
        valid++;
        const q = row.year * 4 + row.quarter - 1;
        if (!quarters.has(q)) quarters.set(q, { year: row.year, quarter: row.quarter });
        out.push(row);
      }
      return true;
    }
    if (text.trim() === '') return true;
    header = cellsOf(text).map((c) =>
      c
        .trim()
        .toLowerCase()
        .replace(/^\ufeff/, ''),
    );
    const found = Object.fromEntries(WAGE_COLUMNS.map((c) => [c, (header as string[]).indexOf(c)])) as Record<WageColumn, number>;
    const missing = WAGE_COLUMNS.filter((c) => found[c] < 0);
    if (missing.length > 0) {
      for (const m of missing) reject({ line, element: m, reason: `Missing column: the header is ${WAGE_COLUMNS.join(',')}.` });
      return false;
    }
    index = found;
    canonical = (header as string[]).join(',') === WAGE_COLUMNS.join(',');
    return true;
  };
  const lines = function* (text: string) {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) return text.slice(from);
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield text.slice(from, end);
      from = nl + 1;
    }
  };
  const finish = (headerOk: boolean): Scan => ({ ...snapshot(headerOk), sha256: hash.digest('hex') });
  let reported = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    const out: WageRow[] = [];
    const it = lines(rest + decoder.write(chunk));
    let r = it.next();
    while (!r.done) {
      if (!take(r.value, out)) {
        input.destroy();
        return finish(false);
      }
      r = it.next();
    }
    rest = r.value;
    if (out.length > 0) await load(out);
    if (processed - reported >= every) {
      reported = processed;
      await progress(snapshot(true));
    }
  }
  rest += decoder.end();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  const out: WageRow[] = [];
  if (rest !== '' && !take(rest, out)) return finish(false);
  if (out.length > 0) await load(out);
  if (!index) {
    reject({ line: 1, element: 'file', reason: `The file is empty: expected the header ${WAGE_COLUMNS.join(',')}.` });
    return finish(false);
  }
  return finish(true);
}

/**
 * Imports a wage file. `open` gives the file from its start, and is called twice on PGlite: once to
 * check the rows and commit progress, once inside the single transaction that writes them (PGlite is
 * one session, so nothing could watch progress committed from inside that transaction). On PostgreSQL
 * the file is read once, into a staging table, with progress committed on another connection; the
 * merge into wage_record is one transaction on the staging session.
 */
export async function importWages(ops: Ops, open: (within: Within) => Readable, opts: WageImportOptions): Promise<OutcomeImport> {
  const runId = opts.runId ?? randomUUID();
  const t = ops.tenantId;
  const within: Within = (fn) => ops.tx(fn);
  const every = opts.progressRows ?? PROGRESS_EVERY;
  const postgres = ops.services.database.engine === 'postgres' && !!ops.services.config.databaseUrl;
  const reset = {
    status: postgres ? ('importing' as const) : ('validating' as const),
    processed_rows: 0,
    imported_rows: 0,
    skipped_rows: 0,
    replaced_rows: 0,
    rejected_rows: 0,
    processed_bytes: 0,
    errors: '[]',
    finished_at: null,
  };
  await ops.tx((tx) =>
    opts.runId
      ? updateRun(tx, runId, reset)
      : insertRun(tx, {
          id: runId,
          tenant_id: t,
          kind: 'wages',
          filename: opts.filename.slice(0, 200),
          content_type: 'text/csv',
          file_sha256: '',
          headers: '[]',
          created_by: ops.actor.userId,
          ...reset,
        }),
  );
  const progress = async (s: Scan, changed = 0) => {
    await ops.tx((tx) => updateRun(tx, runId, { processed_rows: s.processed, rejected_rows: s.rejected, processed_bytes: s.bytes }));
    opts.onProgress?.({ processed: s.processed, changed, rejected: s.rejected });
    opts.afterProgress?.(s.processed);
  };
  const changes = { inserted: 0, replaced: 0 };
  let scan: Scan | null = null;
  const finish = async (tx: Tx, s: Scan) => {
    const changed = changes.inserted + changes.replaced;
    await updateRun(tx, runId, {
      status: s.headerOk ? 'completed' : 'rejected',
      file_sha256: s.sha256,
      headers: JSON.stringify(s.header.slice(0, 50)),
      total_rows: s.processed,
      processed_rows: s.processed,
      processed_bytes: s.bytes,
      imported_rows: changed,
      replaced_rows: changes.replaced,
      skipped_rows: s.valid - changed,
      rejected_rows: s.rejected,
      errors: JSON.stringify(s.errors),
      finished_at: new Date(),
    });
    await ops.audit(tx, {
      action: s.headerOk ? 'outcomes.wages_imported' : 'outcomes.wages_rejected',
      entityType: 'import_run',
      entityId: runId,
      details: {
        rows: s.processed,
        added: changes.inserted,
        replaced: changes.replaced,
        unchanged: s.valid - changed,
        rejected: s.rejected,
        quarters: s.quarters.length,
      },
    });
  };

  try {
    if (postgres) {
      const s = await loadPostgres(ops.services.config.databaseUrl as string);
      scan = s;
      await ops.tx((tx) => finish(tx, s));
    } else {
      // Pass 1: check every row, committing progress; nothing else is written.
      scan = await scanWages(open(within), async () => {}, progress, every);
      const checked = scan;
      await progress(checked);
      if (!checked.headerOk) await ops.tx((tx) => finish(tx, checked));
      else {
        // Pass 2: the file again, written in file order within one transaction.
        await ops.tx(async (tx) => {
          await updateRun(tx, runId, { status: 'importing' });
          let batch: WageRow[] = [];
          const flush = async () => {
            const c = await upsertWageBatch(tx, t, batch);
            batch = [];
            changes.inserted += c.inserted;
            changes.replaced += c.replaced;
          };
          const s = await scanWages(
            open((fn) => fn(tx)),
            async (rows) => {
              for (const row of rows) batch.push(row);
              if (batch.length >= PGLITE_BATCH) await flush();
            },
            async () => {},
            Number.POSITIVE_INFINITY,
          );
          await flush();
          await markQuarters(tx, t, s.quarters);
          opts.beforeCommit?.();
          await finish(tx, s);
        });
      }
    }
  } catch (err) {
    const s = scan as Scan | null;
    await ops.tx(async (tx) => {
      await updateRun(tx, runId, {
        status: 'failed',
        imported_rows: 0,
        replaced_rows: 0,
        skipped_rows: 0,
        errors: JSON.stringify([
          ...(s?.errors ?? []).slice(0, 1000),
          { line: 0, element: 'file', reason: `Nothing was imported: ${(err as Error).message.slice(0, 500)}` },
        ]),
        finished_at: new Date(),
      });
      await ops.audit(tx, {
        action: 'outcomes.wages_failed',
        entityType: 'import_run',
        entityId: runId,
        details: { processed: s?.processed ?? 0 },
      });
    });
    throw err;
  }
  return presentRun((await ops.tx((tx) => findRun(tx, runId))) as RunRow);

  // PostgreSQL: COPY into the session's staging table while reading, then merge slice by slice in one
  // transaction on that session.
  async function loadPostgres(url: string): Promise<Scan> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await openStageSession(client, t);
      const copy = client.query(copyFrom(COPY_STAGE));
      const copied = finished(copy);
      copied.catch(() => {});
      let buffer: string[] = [];
      const write = async () => {
        const ok = copy.write(buffer.join(''));
        buffer = [];
        if (!ok) await once(copy, 'drain');
      };
      let s: Scan;
      try {
        // Validated values hold no tab, newline or backslash, so COPY's text format needs no escaping.
        s = await scanWages(
          open(within),
          async (rows) => {
            for (const r of rows) buffer.push(`${r.person_key}\t${r.employer_fein}\t${r.year}\t${r.quarter}\t${r.wages_cents}\n`);
            if (buffer.length >= 2000) await write();
          },
          progress,
          every,
        );
        if (buffer.length > 0) await write();
      } finally {
        copy.end();
      }
      await copied;
      scan = s;
      await progress(s);
      if (!s.headerOk) return s;
      const blocks = await stageBlocks(client);
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL work_mem = '128MB'`);
        // Read inside the transaction: wage_quarter is written in the same transaction as the records.
        const fresh = !(await anyLoadedQuarter(client, t, s.quarters));
        for (let from = 0; from < blocks; from += SLICE_BLOCKS) {
          const c = await mergeStageSlice(client, t, from, from + SLICE_BLOCKS, fresh);
          changes.inserted += c.inserted;
          changes.replaced += c.replaced;
        }
        await markStagedQuarters(client, t, s.quarters);
        opts.beforeCommit?.();
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
      return s;
    } finally {
      await client.end().catch(() => {});
    }
  }
}

// ---- The web app's import: streamed into storage, then a background job

export const WAGE_IMPORT_QUEUE = 'outcomes.wage_import';
/** Bytes per stored chunk of an upload. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Streams an uploaded wage file into import_chunk (encrypted, a chunk per row, each in its own short
 * transaction) and queues the job that imports it; answers the run at once. Memory holds one chunk.
 * `truncated` tells whether the upload stopped at the size limit: then nothing is kept.
 */
export async function uploadWages(
  ctx: Ops,
  input: Readable,
  opts: { filename: string; truncated: () => boolean; tooLarge: () => Error; chunkBytes?: number },
): Promise<OutcomeImport> {
  const runId = randomUUID();
  await ctx.tx((tx) =>
    insertRun(tx, {
      id: runId,
      tenant_id: ctx.tenantId,
      kind: 'wages',
      filename: opts.filename.slice(0, 200),
      content_type: 'text/csv',
      file_sha256: '',
      status: 'uploaded',
      headers: '[]',
      errors: '[]',
      created_by: ctx.actor.userId,
    }),
  );
  const hash = createHash('sha256');
  let seq = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const store = async () => {
    if (pendingBytes === 0) return;
    const bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const row = { id: randomUUID(), tenant_id: ctx.tenantId, import_run_id: runId, seq: seq++, bytes: bytes.length };
    await ctx.tx((tx) => insertChunk(tx, { ...row, content_enc: encrypt(ctx.services.keyring, bytes.toString('base64')) }));
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      total += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= (opts.chunkBytes ?? CHUNK_BYTES)) await store();
    }
    if (opts.truncated()) throw opts.tooLarge();
    await store();
  } catch (err) {
    input.destroy();
    // A cut-off or refused upload keeps nothing: no stored bytes, and a run that says why.
    await ctx.tx(async (tx) => {
      await deleteChunks(tx, runId);
      await updateRun(tx, runId, {
        status: 'failed',
        total_bytes: total,
        errors: JSON.stringify([
          { line: 0, element: 'file', reason: `The upload did not arrive whole: ${(err as Error).message.slice(0, 300)}` },
        ]),
        finished_at: new Date(),
      });
    });
    throw err;
  }
  return ctx.tx(async (tx) => {
    await updateRun(tx, runId, { total_bytes: total, file_sha256: hash.digest('hex') });
    await ctx.audit(tx, { action: 'outcomes.wages_uploaded', entityType: 'import_run', entityId: runId, details: { bytes: total } });
    ctx.afterCommit(async () => {
      await ctx.services.jobs.send(WAGE_IMPORT_QUEUE, { tenantId: ctx.tenantId, runId }, { singletonKey: runId });
    });
    return presentRun((await findRun(tx, runId)) as RunRow);
  });
}

/** A run's stored upload, chunk by chunk, as a stream; each chunk is read when the reader wants it. */
function storedFile(services: Services, runId: string, within: Within): Readable {
  return Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const chunk = await within((tx) => findChunk(tx, runId, seq));
        if (!chunk) return;
        yield Buffer.from(decrypt(services.keyring, chunk.content_enc), 'base64');
      }
    })(),
    { objectMode: false },
  );
}

/**
 * The background half of a web wage import. The stored file goes through importWages exactly as the
 * CLI runs a file: all of it or none of it. A crash rolls back to nothing imported and marks the run
 * failed; pg-boss retries the job, which starts again from the stored chunks (a replay changes nothing
 * already there). Once the run is completed or rejected its chunks are dropped and a replayed job does
 * nothing.
 */
export async function runWageImport(
  services: Services,
  tenantId: string,
  runId: string,
  hooks: Pick<WageImportOptions, 'progressRows' | 'afterProgress' | 'beforeCommit'> = {},
): Promise<void> {
  const probe = makeOps(services, tenantId, { userId: null, label: 'wage import' }).ops;
  const run = await probe.tx((tx) => findWageRunForJob(tx, runId));
  if (!run || !['uploaded', 'validating', 'importing', 'failed'].includes(run.status)) return;
  // A failed upload (cut off at the limit) kept nothing: there is nothing to import.
  if (run.total_bytes > 0 && (await probe.tx((tx) => countChunks(tx, runId))) === 0) return;
  const { ops } = makeOps(services, tenantId, { userId: run.created_by, label: 'wage import' });
  const result = await importWages(ops, (within) => storedFile(services, runId, within), {
    filename: run.filename,
    runId,
    ...hooks,
  });
  if (result.status === 'completed' || result.status === 'rejected') await ops.tx((tx) => deleteChunks(tx, runId));
}

export function wageImportJobHandler(services: Services) {
  return async (data: Record<string, unknown>) => runWageImport(services, String(data.tenantId), String(data.runId));
}

/** Recent imports of one kind, newest first. */
export async function listImports(ops: Ops, q: OutcomeImportsQuery): Promise<Page<ReturnType<typeof presentRunSummary>>> {
  const { items, total } = await ops.tx((tx) => listRuns(tx, q.kind, q.pageSize, (q.page - 1) * q.pageSize));
  return { items: items.map(presentRunSummary), page: q.page, pageSize: q.pageSize, total };
}
