import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { withTenant } from '../../db/tenant.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { countChunks } from './imports.queries.ts';
import { getRun, rejectedCsv } from './pirl.service.ts';
import { countWageRecords } from './wages.queries.ts';
import { importWages, runWageImport, uploadWages } from './wages.service.ts';

// The web app's wage import: the upload streamed into stored chunks, then a background job that reports
// progress as it reads and writes the file all at once. The job is driven here by hand: uploadWages
// queues it only after a request commits (afterCommit), and these Ops are never flushed.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
});
afterAll(() => t?.close());

async function newTenant(): Promise<Ops> {
  const id = randomUUID();
  await createTenant(t.rt.services.database.db, { id, slug: `w-${id.slice(0, 8)}`, name: 'River Valley Partnership' });
  return makeOps(t.rt.services, id, { userId: null, label: 'test' }).ops;
}

const FILE = [
  'person_id,employer_fein,year,quarter,wages',
  'W1,12-3456789,2024,1,1000',
  'W2,12-3456789,2024,1,2000.5',
  'W3,12-3456789,2024,9,3000', // line 4: no such quarter
  'W4,123456789,2024,1,4000',
  'W5,,2024,1,5000', // line 6: no employer
  'W1,12-3456789,2024,1,1100', // the same record as line 2: the later line wins
  'W6,98-7654321,2024,2,600',
].join('\n');

/** Sent in pieces of `piece` bytes, as a request body arrives; stored in chunks of about `chunkBytes`. */
function upload(ops: Ops, text: string, piece = 64 * 1024, chunkBytes?: number) {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += piece) pieces.push(bytes.subarray(at, at + piece));
  return uploadWages(ops, Readable.from(pieces), {
    filename: 'wages.csv',
    truncated: () => false,
    tooLarge: () => new Error('too large'),
    chunkBytes,
  });
}
const db = () => t.rt.services.database.db;
const partitionName = (tenantId: string) => `w_${tenantId.replace(/-/g, '')}`;
/** The tenant's partitions of wage_record, by name (the catalog, read as the owner). */
async function partitionsOf(tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'wage_record'::regclass AND c.relname LIKE ${`${partitionName(tenantId)}_%`} ORDER BY 1`.execute(db());
  return rows.map((r) => r.name);
}
const records = async (ops: Ops) => Number((await ops.tx((tx) => countWageRecords(tx, ops.tenantId))).n);

describe('wage import job', () => {
  it('reports progress as it reads, then the same result and rejected rows as the CLI; a replay changes nothing', async () => {
    const web = await newTenant();
    // Stored in chunks of about 50 bytes: the job reads the file in pieces, as it reads a large one.
    const up = await upload(web, FILE, 25, 50);
    expect(up).toMatchObject({ kind: 'wages', status: 'uploaded', totalBytes: Buffer.byteLength(FILE), processedBytes: 0 });
    expect(await web.tx((tx) => countChunks(tx, up.id))).toBe(Math.ceil(Buffer.byteLength(FILE) / 50));

    const seen: number[] = [];
    await runWageImport(t.rt.services, web.tenantId, up.id, { progressRows: 2, afterProgress: (n) => seen.push(n) });
    // Committed several times while reading (pass 1 on PGlite, the COPY on PostgreSQL), rising to all 7 rows.
    expect(seen.filter((n) => n < 7).length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(7);
    const done = await getRun(web, up.id);
    expect(done).toMatchObject({
      status: 'completed',
      processedRows: 7,
      processedBytes: Buffer.byteLength(FILE),
      importedRows: 4,
      replacedRows: 0,
      unchangedRows: 1,
      rejectedRows: 2,
    });
    expect(done.errors.map((e) => [e.line, e.element])).toEqual([
      [4, 'quarter'],
      [6, 'employer_fein'],
    ]);
    expect(await rejectedCsv(web, up.id)).toMatch(/^line,element,reason\r\n4,quarter,.+\r\n6,employer_fein,Required\.\r\n$/);
    expect(await records(web)).toBe(4);
    // The stored file is dropped once the run has ended; a replayed job does nothing.
    expect(await web.tx((tx) => countChunks(tx, up.id))).toBe(0);
    await runWageImport(t.rt.services, web.tenantId, up.id);
    expect(await getRun(web, up.id)).toMatchObject({ status: 'completed', importedRows: 4 });

    const cli = await importWages(await newTenant(), () => Readable.from([FILE]), { filename: 'wages.csv' });
    expect(cli).toMatchObject({ status: 'completed', processedRows: 7, importedRows: 4, unchangedRows: 1, rejectedRows: 2 });
    expect(cli.errors).toEqual(done.errors);

    // The same file again: nothing new; one changed amount: one record replaced.
    const again = await upload(web, FILE);
    await runWageImport(t.rt.services, web.tenantId, again.id);
    expect(await getRun(web, again.id)).toMatchObject({ status: 'completed', importedRows: 0, unchangedRows: 5, rejectedRows: 2 });
    const change = await upload(web, 'person_id,employer_fein,year,quarter,wages\nW6,987654321,2024,2,650\n');
    await runWageImport(t.rt.services, web.tenantId, change.id);
    expect(await getRun(web, change.id)).toMatchObject({ status: 'completed', importedRows: 1, replacedRows: 1 });
    expect(await records(web)).toBe(4);
  });

  it('keeps progress committed while it reads, and leaves nothing written when it stops half-way', async () => {
    const ops = await newTenant();
    const up = await upload(ops, FILE, 25, 50);
    let stoppedAt = 0;
    await expect(
      runWageImport(t.rt.services, ops.tenantId, up.id, {
        progressRows: 2,
        afterProgress: (n) => {
          if (n >= 3 && n < 7) {
            stoppedAt = n;
            throw new Error('worker died');
          }
        },
      }),
    ).rejects.toThrow('worker died');
    const failed = await getRun(ops, up.id);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(failed).toMatchObject({ status: 'failed', processedRows: stoppedAt, importedRows: 0 });
    expect(failed.errors.at(-1)).toMatchObject({ line: 0, element: 'file', reason: 'Nothing was imported: worker died' });
    expect(await records(ops)).toBe(0);

    // The retry (pg-boss runs the job again) reads the stored file from the start and imports it whole.
    await runWageImport(t.rt.services, ops.tenantId, up.id);
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'completed', processedRows: 7, importedRows: 4, rejectedRows: 2 });
    expect(await records(ops)).toBe(4);
  });

  it('rolls back a crash while writing: no record of the file is kept', async () => {
    const ops = await newTenant();
    const up = await upload(ops, FILE);
    await expect(
      runWageImport(t.rt.services, ops.tenantId, up.id, {
        beforeCommit: () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'failed', importedRows: 0 });
    expect(await records(ops)).toBe(0);
    // Nor a partition: they were made in the same transaction.
    expect(await partitionsOf(ops.tenantId)).toEqual([]);
    expect(await ops.tx((tx) => countChunks(tx, up.id))).toBe(1);
    await runWageImport(t.rt.services, ops.tenantId, up.id);
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'completed', importedRows: 4 });
    expect(await records(ops)).toBe(4);
  });

  it('makes each new quarter a partition of the tenant and merges a loaded one; the later line wins either way', async () => {
    const wagesOf = async (ops: Ops) =>
      (
        await ops.tx((tx) =>
          tx
            .selectFrom('wage_record')
            .select(['person_key', 'year', 'quarter', 'wages_cents'])
            .orderBy('person_key')
            .orderBy('year')
            .orderBy('quarter')
            .execute(),
        )
      ).map((r) => `${r.person_key} ${r.year}Q${r.quarter} ${r.wages_cents}`);
    const load = (ops: Ops, text: string) => importWages(ops, () => Readable.from([text]), { filename: 'w.csv' });
    // New quarters, each record once (PostgreSQL: loaded unindexed, keyed and attached).
    const ops = await newTenant();
    expect(await load(ops, 'person_id,employer_fein,year,quarter,wages\nA,12-3456789,2025,1,100\nB,12-3456789,2025,1,200\n')).toMatchObject(
      {
        importedRows: 2,
        replacedRows: 0,
      },
    );
    // A loaded quarter and a new one in one file: the loaded one is merged, its changed record replaced.
    expect(await load(ops, 'person_id,employer_fein,year,quarter,wages\nA,12-3456789,2025,1,150\nA,12-3456789,2025,2,300\n')).toMatchObject(
      {
        importedRows: 2,
        replacedRows: 1,
      },
    );
    expect(await wagesOf(ops)).toEqual(['A 2025Q1 15000', 'A 2025Q2 30000', 'B 2025Q1 20000']);
    expect(await partitionsOf(ops.tenantId)).toEqual([`${partitionName(ops.tenantId)}_2025q1`, `${partitionName(ops.tenantId)}_2025q2`]);
    // No load table of an import outlives it.
    const { rows: loads } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'wage_load_%'`.execute(
      db(),
    );
    expect(loads[0].n).toBe(0);
    // The application role reaches the records only through wage_record (and its row-level security).
    await expect(
      withTenant(db(), ops.tenantId, (tx) =>
        sql`SELECT count(*) FROM ${sql.table(`wage_part.${partitionName(ops.tenantId)}_2025q1`)}`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    // New quarters, one record twice (PostgreSQL: the key is built after the repeat is removed).
    const twice = await newTenant();
    expect(await load(twice, FILE)).toMatchObject({ importedRows: 4, unchangedRows: 1, rejectedRows: 2 });
    expect(await wagesOf(twice)).toEqual(['W1 2024Q1 110000', 'W2 2024Q1 200050', 'W4 2024Q1 400000', 'W6 2024Q2 60000']);
  });

  it('streams a file larger than one stored chunk, and rejects a file without the header', async () => {
    const ops = await newTenant();
    const lines = ['person_id,employer_fein,year,quarter,wages'];
    for (let i = 0; i < 60_000; i++) lines.push(`L${i},12-3456789,2023,${(i % 4) + 1},${1000 + (i % 500)}.25`);
    const big = `${lines.join('\r\n')}\r\n`;
    const up = await upload(ops, big);
    expect(await ops.tx((tx) => countChunks(tx, up.id))).toBeGreaterThan(1);
    await runWageImport(t.rt.services, ops.tenantId, up.id);
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'completed', processedRows: 60_000, importedRows: 60_000, rejectedRows: 0 });
    expect(await records(ops)).toBe(60_000);

    const headless = await upload(ops, 'W1,12-3456789,2024,1,1000\n');
    await runWageImport(t.rt.services, ops.tenantId, headless.id);
    expect(await getRun(ops, headless.id)).toMatchObject({ status: 'rejected', importedRows: 0 });
    expect(await ops.tx((tx) => countChunks(tx, headless.id))).toBe(0);
  });
});
