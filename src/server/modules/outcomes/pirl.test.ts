import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS } from '../../../shared/schemas/outcomes.ts';
import { decrypt } from '../../platform/crypto.ts';
import { makeOps, type Ops } from '../../platform/http.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { exportPirl, importPirl, rejectedCsv } from './pirl.service.ts';
import { wioaReport } from './wioa.service.ts';

// PIRL import and export: validation by line and element, atomicity, idempotency, the round trip,
// and periods becoming Braid participants and participations.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { seed: false });
});
afterAll(() => t?.close());

async function newTenant(): Promise<Ops> {
  const id = randomUUID();
  await createTenant(t.rt.services.database.db, { id, slug: `p-${id.slice(0, 8)}`, name: 'River Valley Partnership' });
  return makeOps(t.rt.services, id, { userId: null, label: 'test' }).ops;
}

const header = PIRL_ELEMENTS.join(',');
const line = (values: Partial<Record<(typeof PIRL_ELEMENTS)[number], string>>) => PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',');
const run = (ops: Ops, csv: string, opts: { skipRejected?: boolean } = {}) =>
  importPirl(ops, Readable.from([csv]), { filename: 'pirl.csv', ...opts });

async function exported(ops: Ops): Promise<string> {
  let out = '';
  await exportPirl(ops, (c) => {
    out += c;
  });
  return out;
}

async function counts(ops: Ops) {
  return ops.tx(async (tx) => {
    const n = async (table: 'participant' | 'program_participation' | 'pirl_period' | 'pirl_person' | 'credential' | 'skill_gain') =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      participant: await n('participant'),
      participation: await n('program_participation'),
      period: await n('pirl_period'),
      person: await n('pirl_person'),
      credential: await n('credential'),
      skillGain: await n('skill_gain'),
    };
  });
}

// Every supported element, with the values that must survive: 0 apart from blank, 9s, cents.
const RICH = [
  header,
  line({
    '100': 'AB-1001',
    '200': '19900115',
    '201': '2',
    '210a': '0',
    '210b': '0',
    '210c': '1',
    '210d': '',
    '210e': '0',
    '210f': '1',
    '210g': '0',
    '900': '20230105',
    '901': '20230920',
    '903': '2',
    '904': '0',
    '905': '',
    '923': '0',
    '1811': '20230110',
    '1813': '20230601',
    '1800': '5',
    '1801': '20230915',
    '1806': '20230201',
    '1807': '20230301',
    '1808': '20230401',
    '1809': '20230501',
    '1810': '20230601',
    '1600': '1',
    '1602': '2',
    '1604': '3',
    '1606': '9',
    '1618': '0',
    '1703': '5000.50',
    '1704': '999999.99',
    '1705': '0',
    '1706': '12',
    '1900': '9',
    '1901': '0',
  }),
  // The person's elements repeat on each of their periods, as a state's file has them.
  line({
    '100': 'AB-1001',
    '200': '19900115',
    '201': '2',
    '210a': '0',
    '210b': '0',
    '210c': '1',
    '210e': '0',
    '210f': '1',
    '210g': '0',
    '900': '20231101',
    '904': '4',
    '1800': '0',
  }),
  line({
    '100': 'Y7',
    '200': '20040229',
    '201': '9',
    '210a': '1',
    '210g': '1',
    '900': '20230201',
    '901': '20240105',
    '905': '3',
    '923': '5',
    '1800': '1',
    '1801': '20240105',
  }),
  line({ '100': 'DW9', '201': '1', '900': '20220301', '901': '20221115', '903': '3', '904': '1', '923': '7', '1900': '1', '1901': '3' }),
].join('\n');

describe('PIRL import', () => {
  it('reports every rejected row with line, element and reason, and writes nothing', async () => {
    const ops = await newTenant();
    const csv = [
      header,
      line({ '100': 'OK1', '900': '20230105', '903': '1' }), // line 2: fine
      line({ '900': '20230105' }), // 3: no 100
      line({ '100': 'X3', '900': '20230231', '201': '3' }), // 4: no such date; bad sex code
      line({ '100': 'X4', '900': '20230105', '901': '20230104' }), // 5: exit before entry
      line({ '100': 'X5', '900': '20230105', '905': '4', '923': '8', '1618': '2', '1900': '4' }), // 6: four bad codes
      line({ '100': 'X6', '900': '20230105', '1800': '5' }), // 7: credential without date
      line({ '100': 'X7', '900': '20230105', '1801': '20230301' }), // 8: date without credential
      line({ '100': 'X8', '900': '20230105', '1703': '12.345', '1704': '-5' }), // 9: amounts
      line({ '100': 'OK1', '900': '20230105', '903': '1' }), // 10: same period as line 2
      line({ '100': 'OK1', '200': '19800101', '900': '20240105' }), // 11: fine alone
      line({ '100': 'OK1', '200': '19800102', '900': '20250105' }), // 12: another birth date for OK1
      line({ '100': 'bad id!', '900': '2023-01-05' }), // 13
    ].join('\n');
    const r = await run(ops, csv);
    expect(r.status).toBe('rejected');
    expect(r.rejectedRows).toBe(10);
    const at = (l: number) => r.errors.filter((e) => e.line === l).map((e) => e.element);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['100']);
    expect(at(4).sort()).toEqual(['201', '900']);
    expect(at(5)).toEqual(['901']);
    expect(at(6).sort()).toEqual(['1618', '1900', '905', '923']);
    expect(at(7)).toEqual(['1801']);
    expect(at(8)).toEqual(['1800']);
    expect(at(9).sort()).toEqual(['1703', '1704']);
    expect(r.errors.find((e) => e.line === 10)).toEqual({ line: 10, element: '900', reason: 'The same period (100, 900) as line 2.' });
    expect(r.errors.find((e) => e.line === 12)).toEqual({
      line: 12,
      element: '200',
      reason: 'Differs from line 11 for the same person (100).',
    });
    expect(at(13).sort()).toEqual(['100', '900']);
    for (const e of r.errors) expect(e.reason.length).toBeGreaterThan(5);
    expect(await counts(ops)).toMatchObject({ participant: 0, participation: 0, period: 0 });
    expect(await rejectedCsv(ops, r.id)).toMatch(/^line,element,reason\r\n3,100,Required/);

    // Asked to, the valid rows go in and the rest are reported.
    const partial = await run(ops, csv, { skipRejected: true });
    expect(partial).toMatchObject({ status: 'completed', importedRows: 2, rejectedRows: 10 });
    expect(await counts(ops)).toMatchObject({ participant: 1, participation: 2, period: 2 });
  });

  it('rejects a file without the key columns', async () => {
    const ops = await newTenant();
    const r = await run(ops, '100,200,901\nA,19900101,20240101\n');
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ line: 1, element: '900', reason: expect.stringContaining('Required column') }]);
  });

  it('turns periods into participants and participations, and re-importing the same file changes nothing', async () => {
    const ops = await newTenant();
    const first = await run(ops, RICH);
    expect(first).toMatchObject({ status: 'completed', processedRows: 4, importedRows: 4, unchangedRows: 0, rejectedRows: 0 });
    const after = await counts(ops);
    expect(after).toEqual({ participant: 3, participation: 4, period: 4, person: 3, credential: 2, skillGain: 5 });

    const people = await ops.tx((tx) =>
      tx
        .selectFrom('participant')
        .innerJoin('pirl_person', 'pirl_person.participant_id', 'participant.id')
        .select([
          'pirl_person.pirl_id',
          'participant.status',
          'participant.sex',
          'participant.race',
          'participant.hispanic',
          'participant.dob_enc',
          'participant.owner_organization_id',
        ])
        .orderBy('pirl_person.pirl_id')
        .execute(),
    );
    expect(people.map((p) => [p.pirl_id, p.status, p.sex, p.hispanic])).toEqual([
      ['AB-1001', 'enrolled', 'female', 'no'],
      ['DW9', 'exited', 'male', null],
      ['Y7', 'exited', 'not_disclosed', 'yes'],
    ]);
    expect(people[0].race.sort()).toEqual(['asian', 'white']);
    expect(decrypt(t.rt.services.keyring, people[0].dob_enc as string)).toBe('1990-01-15');
    // Cases from the state's file join the intermediary's caseload (created, as the tenant had none).
    const org = await ops.tx((tx) => tx.selectFrom('organization').select(['id', 'kind', 'name']).execute());
    expect(org).toEqual([{ id: people[0].owner_organization_id, kind: 'intermediary', name: 'River Valley Partnership' }]);
    const periods = await ops.tx((tx) =>
      tx
        .selectFrom('program_participation as pp')
        .innerJoin('pirl_period as x', 'x.participation_id', 'pp.id')
        .select(['x.pirl_id', 'pp.entry_date', 'pp.exit_date', 'pp.exit_reason', 'pp.funding_stream_ids'])
        .orderBy('x.pirl_id')
        .orderBy('pp.entry_date')
        .execute(),
    );
    const streams = await ops.tx((tx) => tx.selectFrom('funding_stream').select(['id', 'source_type']).execute());
    const sourceOf = (ids: string[]) => ids.map((id) => streams.find((s) => s.id === id)?.source_type).sort();
    expect(periods.map((p) => [p.pirl_id, p.entry_date, p.exit_date, p.exit_reason, sourceOf(p.funding_stream_ids)])).toEqual([
      ['AB-1001', '2023-01-05', '2023-09-20', null, ['wioa_adult']],
      ['AB-1001', '2023-11-01', null, null, ['wioa_dislocated_worker']],
      ['DW9', '2022-03-01', '2022-11-15', 'criminal_offender', ['wioa_adult', 'wioa_dislocated_worker']],
      ['Y7', '2023-02-01', '2024-01-05', 'foster_care_relocation', ['wioa_youth']],
    ]);
    const creds = await ops.tx((tx) =>
      tx.selectFrom('credential').select(['type', 'attained_on', 'program_participation_id']).orderBy('type').execute(),
    );
    expect(creds.map((c) => [c.type, c.attained_on])).toEqual([
      ['occupational_certificate', '2023-09-15'],
      ['secondary_diploma', '2024-01-05'],
    ]);

    const again = await run(ops, RICH);
    expect(again).toMatchObject({ status: 'completed', importedRows: 0, unchangedRows: 4 });
    expect(await counts(ops)).toEqual(after);
    const sameParticipants = await ops.tx((tx) =>
      tx.selectFrom('participant').select(['id', 'dob_enc', 'updated_at']).orderBy('id').execute(),
    );
    await run(ops, RICH);
    expect(await ops.tx((tx) => tx.selectFrom('participant').select(['id', 'dob_enc', 'updated_at']).orderBy('id').execute())).toEqual(
      sameParticipants,
    );
  });

  it('updates a period that changed, replacing its credential and skill gains', async () => {
    const ops = await newTenant();
    await run(ops, RICH);
    const changed = RICH.replace(
      '20230920,2,0,,0,20230110,20230601,5,20230915,20230201',
      '20230930,2,0,,0,20230110,20230601,6,20230916,20230202',
    );
    expect(changed).not.toBe(RICH);
    const r = await run(ops, changed);
    expect(r).toMatchObject({ importedRows: 1, unchangedRows: 3 });
    expect(await counts(ops)).toMatchObject({ participation: 4, credential: 2, skillGain: 5 });
    const out = await exported(ops);
    expect(out).toContain('AB-1001,19900115,2,0,0,1,,0,1,0,20230105,20230930,2,0,,0,20230110,20230601,6,20230916,20230202,');
  });

  it('exports what it imported: every supported value, in the same layout', async () => {
    const ops = await newTenant();
    await run(ops, RICH);
    const out = await exported(ops);
    const lines = out.trimEnd().split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines.slice(1).sort()).toEqual(RICH.split('\n').slice(1).sort());
    // And the export imports back into another tenant unchanged.
    const other = await newTenant();
    await run(other, out);
    expect((await exported(other)).trimEnd().split('\r\n').slice(1).sort()).toEqual(lines.slice(1).sort());
  });

  it('reads headers in any order and spelling, ignoring unsupported columns', async () => {
    const ops = await newTenant();
    const csv = '\ufeffPIRL 999,901,210(c),100,900,903,1704\nx,20231001,1,Z1,20230101,1,1234.5\n';
    const r = await run(ops, csv);
    expect(r).toMatchObject({ status: 'completed', importedRows: 1 });
    const rows = parse(await exported(ops), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ '100': 'Z1', '900': '20230101', '901': '20231001', '903': '1', '210c': '1', '1704': '1234.5' });
  });

  it('exports periods recorded in Braid, deriving PIRL elements from case management, and reports them', async () => {
    const ops = await newTenant();
    const ids = { org: randomUUID(), stream: randomUUID(), participant: randomUUID(), participation: randomUUID() };
    await ops.tx(async (tx) => {
      await tx
        .insertInto('organization')
        .values({ id: ids.org, tenant_id: ops.tenantId, name: 'Navigators', kind: 'community_org' })
        .execute();
      await tx
        .insertInto('funding_stream')
        .values({ id: ids.stream, tenant_id: ops.tenantId, name: 'Adult formula', source_type: 'wioa_adult' })
        .execute();
      await tx
        .insertInto('participant')
        .values({
          id: ids.participant,
          tenant_id: ops.tenantId,
          owner_organization_id: ids.org,
          status: 'exited',
          first_name: 'Ana',
          last_name: 'Ruiz',
          sex: 'female',
        })
        .execute();
      await tx
        .insertInto('program_participation')
        .values({
          id: ids.participation,
          tenant_id: ops.tenantId,
          participant_id: ids.participant,
          entry_date: '2023-01-10',
          exit_date: '2023-10-01',
          exit_reason: 'ineligible',
          funding_stream_ids: [ids.stream],
        })
        .execute();
      await tx
        .insertInto('follow_up')
        .values({
          id: randomUUID(),
          tenant_id: ops.tenantId,
          participant_id: ids.participant,
          participation_id: ids.participation,
          quarter_after_exit: 2,
          window_start: '2024-04-01',
          window_end: '2024-06-30',
          status: 'completed',
          employed: true,
        })
        .execute();
      await tx
        .insertInto('credential')
        .values({
          id: randomUUID(),
          tenant_id: ops.tenantId,
          participant_id: ids.participant,
          type: 'occupational_licensure',
          title: 'CNA',
          attained_on: '2023-09-01',
        })
        .execute();
    });
    const rows = parse(await exported(ops), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        '100': ids.participant,
        '201': '2',
        '900': '20230110',
        '901': '20231001',
        '903': '1',
        '923': '6',
        '1602': '1',
        '1800': '4',
        '1801': '20230901',
      }),
    ]);
    const report = await wioaReport(ops, { programYear: 2024, program: 'adult' });
    expect(report.indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 1 });
    // Importing that export finds the same person and period (by id and 900) instead of a copy.
    await run(ops, await exported(ops));
    expect(await counts(ops)).toMatchObject({ participant: 1, participation: 1, period: 1 });
  });
});

describe('PIRL files that are not CSV', () => {
  it('rejects an unreadable file with a reason instead of failing', async () => {
    const ops = await newTenant();
    const r = await run(ops, '100,900\nA1,20230101\n"A2,20230101\n');
    expect(r.status).toBe('rejected');
    expect(r.errors[0]).toMatchObject({ element: 'file', reason: expect.stringContaining('Not readable as CSV') });
    expect(await counts(ops)).toMatchObject({ participant: 0 });
  });
});
