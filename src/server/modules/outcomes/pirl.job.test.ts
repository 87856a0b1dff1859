import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS } from '../../../shared/schemas/outcomes.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { getRun, importPirl, rejectedCsv, runPirlImport, uploadPirl } from './pirl.service.ts';

// The web app's PIRL import: a stored file and a background job that reports progress, then imports
// exactly as the CLI does. The job is driven here by hand: uploadPirl queues it only after a request
// commits (afterCommit), and these Ops are never flushed, so no worker races the test.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
});
afterAll(() => t?.close());

async function newTenant(): Promise<Ops> {
  const id = randomUUID();
  await createTenant(t.rt.services.database.db, { id, slug: `j-${id.slice(0, 8)}`, name: 'River Valley Partnership' });
  return makeOps(t.rt.services, id, { userId: null, label: 'test' }).ops;
}

const line = (values: Partial<Record<(typeof PIRL_ELEMENTS)[number], string>>) => PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',');
const FILE = [
  PIRL_ELEMENTS.join(','),
  line({ '100': 'J1', '900': '20230105', '903': '1' }),
  line({ '100': 'J2', '900': '20230105', '901': '20230104' }), // line 3: exit before entry
  line({ '100': 'J3', '900': '20230105', '905': '1' }),
  line({ '100': 'J1', '900': '20230105', '903': '1' }), // line 5: same period as line 2
  line({ '100': 'J4', '900': '20230105', '904': '1' }),
  line({ '100': 'J5', '900': '2023-01-05' }), // line 7: not a PIRL date
].join('\n');

async function periods(ops: Ops): Promise<number> {
  return ops.tx(async (tx) =>
    Number(
      (
        await tx
          .selectFrom('pirl_period')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
}

describe('PIRL import job', () => {
  it('reports progress chunk by chunk, then the same result and rejected rows as the CLI', async () => {
    const web = await newTenant();
    const up = await uploadPirl(web, Buffer.from(FILE), { filename: 'pirl.csv', skipRejected: true });
    expect(up).toMatchObject({ status: 'validating', totalRows: 6, processedRows: 0 });

    await runPirlImport(t.rt.services, web.tenantId, up.id, { chunkRows: 2 });
    // Progress is committed as the job goes: a second job, stopped after its second chunk, shows it.
    const again = await uploadPirl(web, Buffer.from(FILE), { filename: 'pirl.csv', skipRejected: true });
    await expect(
      runPirlImport(t.rt.services, web.tenantId, again.id, {
        chunkRows: 2,
        afterChunk: (n) => {
          if (n === 4) throw new Error('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    expect(await getRun(web, again.id)).toMatchObject({ status: 'validating', processedRows: 4, rejectedRows: 1, totalRows: 6 });

    const done = await getRun(web, up.id);
    const cli = await importPirl(await newTenant(), Readable.from([FILE]), { filename: 'pirl.csv', skipRejected: true });
    expect(done).toMatchObject({ status: 'completed', totalRows: 6, processedRows: 6, importedRows: 3, rejectedRows: 3 });
    expect(cli).toMatchObject({ status: 'completed', processedRows: 6, importedRows: 3, rejectedRows: 3 });
    expect(done.errors).toEqual(cli.errors);
    expect(done.errors.map((e) => [e.line, e.element])).toEqual(
      expect.arrayContaining([
        [3, '901'],
        [5, '900'],
        [7, '900'],
      ]),
    );
    expect(await rejectedCsv(web, up.id)).toContain('3,901,');
    expect(await periods(web)).toBe(3);

    // The interrupted run's retry finishes it; the same file again changes nothing.
    await runPirlImport(t.rt.services, web.tenantId, again.id, { chunkRows: 2 });
    expect(await getRun(web, again.id)).toMatchObject({ status: 'completed', importedRows: 0, unchangedRows: 3, rejectedRows: 3 });
    expect(await periods(web)).toBe(3);
    // A replayed job, after the run finished, does nothing.
    await runPirlImport(t.rt.services, web.tenantId, again.id);
    expect(await getRun(web, again.id)).toMatchObject({ status: 'completed', unchangedRows: 3 });
  });

  it('rolls back a crash during the import and imports the file whole on the retry', async () => {
    const ops = await newTenant();
    const up = await uploadPirl(ops, Buffer.from(FILE), { filename: 'pirl.csv', skipRejected: true });
    await expect(
      runPirlImport(t.rt.services, ops.tenantId, up.id, {
        beforeCommit: () => {
          throw new Error('worker died');
        },
      }),
    ).rejects.toThrow('worker died');
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'failed', importedRows: 0 });
    expect(await periods(ops)).toBe(0);

    await runPirlImport(t.rt.services, ops.tenantId, up.id);
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'completed', importedRows: 3, rejectedRows: 3 });
    expect(await periods(ops)).toBe(3);
  });

  it('rejects the whole file when a row is rejected and skipping was not asked for', async () => {
    const ops = await newTenant();
    const up = await uploadPirl(ops, Buffer.from(FILE), { filename: 'pirl.csv' });
    await runPirlImport(t.rt.services, ops.tenantId, up.id);
    expect(await getRun(ops, up.id)).toMatchObject({ status: 'rejected', processedRows: 6, importedRows: 0, rejectedRows: 3 });
    expect(await periods(ops)).toBe(0);
  });
});
