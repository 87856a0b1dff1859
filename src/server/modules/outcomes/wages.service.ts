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
  addLoadQuarters,
  attachLoadQuarter,
  beginLoad,
  COPY_LOAD,
  dropLoad,
  type LoadQuarter,
  markLoadedQuarters,
  mergeLoadQuarter,
  openQuarters,
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
const FAST_LINE = /^([A-Za-z0-9-]{1,40}),(?:(\d{2})-?(\d{7})|([A-Za-z0-9-]{1,20})),(19\d\d|2\d\d\d),([1-4]),(\d{1,10})(?:\.(\d{1,2}))?$/;
/** Rows between progress commits. */
const PROGRESS_EVERY = 20_000;
const PROGRESS_MS = 1000;
const PGLITE_BATCH = 5_000;

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
  onProgress?: (p: { processed: number; rejected: number }) => void;
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
  /** The quarters of the file's valid rows, with their count of them. */
  quarters: { year: number; quarter: number; rows: number }[];
}

/** What one chunk of the file gave: its valid rows (as objects, or as COPY text), and the quarters first met in it. */
interface Batch {
  rows: WageRow[];
  copy: string;
  met: { year: number; quarter: number }[];
  /** The quarters whose lines this chunk holds. */
  touched: Quarter[];
}

/** A quarter met in the file: its valid rows so far, and the current chunk's COPY lines of it. */
interface Quarter {
  year: number;
  quarter: number;
  rows: number;
  text: string;
}

/**
 * Reads a file once, a chunk at a time, handing each chunk's valid rows to `load` and calling `progress`
 * every so many rows. Lines are handled synchronously within a chunk: no promise per line. `as` 'copy'
 * gives the rows as COPY text lines (person, employer, year, quarter, cents), built straight from the
 * matched line on the fast path: the PostgreSQL import reads ten million lines, and each object or number
 * it need not make shows.
 */
async function scanWages(
  input: Readable,
  as: 'rows' | 'copy',
  load: (batch: Batch) => Promise<void>,
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
  // Keyed by the year's four digits and the quarter's one, as text ("20241"): the fast path never makes numbers.
  // `text`: the chunk's COPY lines of the quarter. A chunk is sent grouped by quarter (in file order within
  // each), so that PostgreSQL's COPY fills each partition in runs, not a row here and a row there (measured
  // on a million rows: the reading and COPY 2.9 s in file order, 2.3 s grouped by chunk; held back for runs
  // of 64 kB, 4.0 s, as the reader and the COPY then take turns instead of running side by side).
  const quarters = new Map<string, Quarter>();
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
    quarters: [...quarters.values()].map(({ year, quarter, rows }) => ({ year, quarter, rows })),
  });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let canonical = false;
  const count = (key: string, year: number, quarter: number, out: Batch): Quarter => {
    let seen = quarters.get(key);
    if (seen) seen.rows++;
    else {
      seen = { year, quarter, rows: 1, text: '' };
      quarters.set(key, seen);
      out.met.push({ year, quarter });
    }
    return seen;
  };
  const copyLine = (q: Quarter, line: string, out: Batch) => {
    if (q.text === '') out.touched.push(q);
    q.text += line;
  };
  const take = (text: string, out: Batch): boolean => {
    line++;
    if (index) {
      processed++;
      // Fast path: the usual column order and plain values, one regular expression per line.
      const m = canonical ? FAST_LINE.exec(text) : null;
      if (m) {
        valid++;
        const key = m[5] + m[6];
        let q = quarters.get(key);
        if (q) q.rows++;
        else q = count(key, Number(m[5]), Number(m[6]), out);
        const employer = m[2] !== undefined ? m[2] + m[3] : m[4];
        const cents = m[8] === undefined ? `${m[7]}00` : m[8].length === 1 ? `${m[7]}${m[8]}0` : m[7] + m[8];
        if (as === 'copy') copyLine(q, `${m[1]}\t${employer}\t${m[5]}\t${m[6]}\t${cents}\n`, out);
        else
          out.rows.push({
            person_key: m[1],
            employer_fein: employer,
            year: Number(m[5]),
            quarter: Number(m[6]),
            wages_cents: Number(cents),
          });
        return true;
      }
      if (text.trim() === '') {
        processed--;
        return true;
      }
      const { row, errors } = parseWageRow(cellsOf(text), index, line);
      for (const e of errors) reject(e);
      if (row) {
        valid++;
        const q = count(`${row.year}${row.quarter}`, row.year, row.quarter, out);
        if (as === 'copy') copyLine(q, `${row.person_key}\t${row.employer_fein}\t${row.year}\t${row.quarter}\t${row.wages_cents}\n`, out);
        else out.rows.push(row);
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
  /** Takes the whole lines of text; returns what follows the last newline, or null when the header is refused. */
  const takeLines = (text: string, out: Batch): string | null => {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) return text.slice(from);
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (!take(text.slice(from, end), out)) return null;
      from = nl + 1;
    }
  };
  const finish = (headerOk: boolean): Scan => ({ ...snapshot(headerOk), sha256: hash.digest('hex') });
  const batch = (): Batch => ({ rows: [], copy: '', met: [], touched: [] });
  const loaded = (out: Batch) => {
    for (const q of out.touched) {
      out.copy += q.text;
      q.text = '';
    }
    return out.rows.length > 0 || out.copy !== '' || out.met.length > 0 ? load(out) : undefined;
  };
  let reported = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    const out = batch();
    const left = takeLines(rest + decoder.write(chunk), out);
    if (left === null) {
      input.destroy();
      return finish(false);
    }
    rest = left;
    await loaded(out);
    if (processed - reported >= every) {
      reported = processed;
      await progress(snapshot(true));
    }
  }
  rest += decoder.end();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  const out = batch();
  if (rest !== '' && !take(rest, out)) return finish(false);
  await loaded(out);
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
 * the file is read once, COPYed into the import's load table inside one transaction on a session of its
 * own (wages.queries.ts), with progress committed on another connection.
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
  // Committed at most once a second (each commit is a transaction the reader waits for; at 20,000 rows a
  // commit, a 10-million-row file waited 5 s for them), except under the test hook's row count.
  let committedAt = 0;
  const progress = async (s: Scan, final = false) => {
    if (!final && opts.progressRows === undefined && Date.now() - committedAt < PROGRESS_MS) return;
    committedAt = Date.now();
    await ops.tx((tx) => updateRun(tx, runId, { processed_rows: s.processed, rejected_rows: s.rejected, processed_bytes: s.bytes }));
    opts.onProgress?.({ processed: s.processed, rejected: s.rejected });
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
      scan = await scanWages(open(within), 'copy', async () => {}, progress, every);
      const checked = scan;
      await progress(checked, true);
      if (!checked.headerOk) await ops.tx((tx) => finish(tx, checked));
      else {
        // Pass 2: the file again, written in file order within one transaction.
        await ops.tx(async (tx) => {
          await updateRun(tx, runId, { status: 'importing' });
          await openQuarters(tx, t, checked.quarters);
          let batch: WageRow[] = [];
          const flush = async () => {
            const c = await upsertWageBatch(tx, t, batch);
            batch = [];
            changes.inserted += c.inserted;
            changes.replaced += c.replaced;
          };
          const s = await scanWages(
            open((fn) => fn(tx)),
            'rows',
            async (b) => {
              for (const row of b.rows) batch.push(row);
              if (batch.length >= PGLITE_BATCH) await flush();
            },
            async () => {},
            Number.POSITIVE_INFINITY,
          );
          await flush();
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

  // PostgreSQL: one transaction on a session of its own, COPYing the rows into the import's load table
  // while reading them (a partition per quarter, made when the reader first meets the quarter, between two
  // COPYs); then each new quarter becomes wage_record's partition and each loaded one is merged.
  async function loadPostgres(url: string): Promise<Scan> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const load = await beginLoad(client, t, runId);
      const quarters: LoadQuarter[] = [];
      let copy: ReturnType<typeof copyFrom> | null = null;
      let copied: Promise<void> = Promise.resolve();
      const endCopy = async () => {
        copy?.end();
        copy = null;
        await copied;
      };
      let s: Scan;
      try {
        s = await scanWages(
          open(within),
          'copy',
          async (batch) => {
            // Quarters first met in this chunk get their partitions together, between two COPYs.
            if (batch.met.length > 0) {
              await endCopy();
              quarters.push(...(await addLoadQuarters(client, load, t, batch.met)));
            }
            if (!copy) {
              copy = client.query(copyFrom(COPY_LOAD(load)));
              copied = finished(copy);
              copied.catch(() => {});
            }
            if (batch.copy !== '' && !copy.write(batch.copy)) await once(copy, 'drain');
          },
          progress,
          every,
        );
      } finally {
        await endCopy();
      }
      scan = s;
      await progress(s, true);
      if (!s.headerOk) {
        await client.query('ROLLBACK');
        return s;
      }
      try {
        for (const q of quarters) {
          if (q.fresh) {
            const repeats = await attachLoadQuarter(client, load, t, q);
            const rows = s.quarters.find((x) => x.year === q.year && x.quarter === q.quarter)?.rows ?? 0;
            changes.inserted += rows - repeats;
          } else {
            const c = await mergeLoadQuarter(client, t, q);
            changes.inserted += c.inserted;
            changes.replaced += c.replaced;
          }
        }
        await dropLoad(client, load);
        await markLoadedQuarters(client, t, s.quarters);
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
