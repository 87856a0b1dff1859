import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseLine } from 'csv-parse/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { OutcomeImport, RowError } from '../../../shared/schemas/outcomes.ts';
import type { Ops } from '../../platform/http.ts';
import { findRun, insertRun, type RunRow, updateRun } from './imports.queries.ts';
import { presentRun } from './pirl.service.ts';
import {
  COPY_STAGE,
  markQuarters,
  mergeStageSlice,
  openStageSession,
  stageBlocks,
  upsertWageBatch,
  type WageRow,
} from './wages.queries.ts';

// UI wage record import: CSV with the header person_id,employer_fein,year,quarter,wages (person_id is
// PIRL 100; wages in dollars). Files of any size stream through: memory holds one chunk and one batch,
// never the file. Valid rows are loaded, rejected rows are reported with line, column and reason, and
// progress is committed to the import_run row as the import goes, so another request can watch it.
// Not atomic (a 10-million-row file is not one transaction), but idempotent: re-running a file that
// stopped half-way finishes it, and re-sending a record replaces it, never adds a second.

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
const PROGRESS_EVERY = 100_000;
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

export interface WageImportOptions {
  filename: string;
  /** Called as progress is committed (the command line prints it). */
  onProgress?: (p: { processed: number; changed: number; rejected: number }) => void;
}

export async function importWages(ops: Ops, input: Readable, opts: WageImportOptions): Promise<OutcomeImport> {
  const runId = randomUUID();
  const t = ops.tenantId;
  await ops.tx((tx) =>
    insertRun(tx, {
      id: runId,
      tenant_id: t,
      kind: 'wages',
      filename: opts.filename.slice(0, 200),
      content_type: 'text/csv',
      file_sha256: '',
      status: 'importing',
      headers: '[]',
      errors: '[]',
      created_by: ops.actor.userId,
    }),
  );
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
  let changed = 0;
  const progress = async () => {
    await ops.tx((tx) => updateRun(tx, runId, { processed_rows: processed, imported_rows: changed, rejected_rows: rejectedLines.size }));
    opts.onProgress?.({ processed, changed, rejected: rejectedLines.size });
  };

  // Reads the file a chunk at a time, handing each chunk's valid rows to `load`; false when the header
  // is unusable. Lines are handled synchronously within a chunk: no promise per line.
  async function read(load: (rows: WageRow[]) => Promise<void>): Promise<boolean> {
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
    let reported = 0;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      const out: WageRow[] = [];
      const it = lines(rest + decoder.write(chunk));
      let r = it.next();
      while (!r.done) {
        if (!take(r.value, out)) return false;
        r = it.next();
      }
      rest = r.value;
      if (out.length > 0) await load(out);
      if (processed - reported >= PROGRESS_EVERY) {
        reported = processed;
        await progress();
      }
    }
    rest += decoder.end();
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    const out: WageRow[] = [];
    if (rest !== '' && !take(rest, out)) return false;
    if (out.length > 0) await load(out);
    if (!index) {
      reject({ line: 1, element: 'file', reason: `The file is empty: expected the header ${WAGE_COLUMNS.join(',')}.` });
      return false;
    }
    return true;
  }

  let headerOk = false;
  try {
    if (ops.services.database.engine === 'postgres' && ops.services.config.databaseUrl) {
      headerOk = await loadPostgres(ops.services.config.databaseUrl);
    } else {
      let batch: WageRow[] = [];
      const flush = async () => {
        const rows = batch;
        batch = [];
        changed += await ops.tx((tx) => upsertWageBatch(tx, t, rows));
      };
      headerOk = await read(async (rows) => {
        for (const row of rows) batch.push(row);
        if (batch.length >= PGLITE_BATCH) await flush();
      });
      await flush();
      await progress();
    }
  } catch (err) {
    input.destroy();
    await ops.tx(async (tx) => {
      await updateRun(tx, runId, {
        status: 'failed',
        processed_rows: processed,
        imported_rows: changed,
        rejected_rows: rejectedLines.size,
        errors: JSON.stringify([...errors.slice(0, 1000), { line: 0, element: 'file', reason: (err as Error).message.slice(0, 500) }]),
        finished_at: new Date(),
      });
      await ops.audit(tx, { action: 'outcomes.wages_failed', entityType: 'import_run', entityId: runId, details: { processed, changed } });
    });
    throw err;
  }

  const run = await ops.tx(async (tx) => {
    await markQuarters(tx, t, [...quarters.values()]);
    await updateRun(tx, runId, {
      status: headerOk ? 'completed' : 'rejected',
      file_sha256: hash.digest('hex'),
      headers: JSON.stringify(header ?? []),
      total_rows: processed,
      processed_rows: processed,
      imported_rows: changed,
      skipped_rows: valid - changed,
      rejected_rows: rejectedLines.size,
      errors: JSON.stringify(errors),
      finished_at: new Date(),
    });
    await ops.audit(tx, {
      action: headerOk ? 'outcomes.wages_imported' : 'outcomes.wages_rejected',
      entityType: 'import_run',
      entityId: runId,
      details: { rows: processed, changed, unchanged: valid - changed, rejected: rejectedLines.size, quarters: quarters.size },
    });
    return findRun(tx, runId);
  });
  return presentRun(run as RunRow);

  // PostgreSQL: COPY into the session's staging table while reading, then merge slice by slice.
  async function loadPostgres(url: string): Promise<boolean> {
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
      let ok: boolean;
      try {
        // Validated values hold no tab, newline or backslash, so COPY's text format needs no escaping.
        ok = await read(async (rows) => {
          for (const r of rows) buffer.push(`${r.person_key}\t${r.employer_fein}\t${r.year}\t${r.quarter}\t${r.wages_cents}\n`);
          if (buffer.length >= 2000) await write();
        });
        if (buffer.length > 0) await write();
      } finally {
        copy.end();
      }
      await copied;
      await progress();
      if (!ok) return false;
      const blocks = await stageBlocks(client);
      for (let from = 0; from < blocks; from += SLICE_BLOCKS) {
        changed += await mergeStageSlice(client, t, from, from + SLICE_BLOCKS);
        await progress();
      }
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  }
}
