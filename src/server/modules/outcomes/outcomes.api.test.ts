import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS } from '../../../shared/schemas/outcomes.ts';

// The web app's doors to outcomes: uploads, progress, the report and the export, by role.
// Fixture periods exit in 2010-2011 so the demo partnership's own records never meet them.

let t: TestApp;
let director: Caller;
beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
});
afterAll(() => t?.close());

function upload(caller: Caller, url: string, filename: string, text: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([text], { type: 'text/csv' }), filename);
  return t.fetch(url, { method: 'POST', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf }, body: form });
}

/** Polls an import until its job has finished with it. */
async function finished(started: { id: string } | Promise<{ id: string }>): Promise<Record<string, number | string>> {
  const { id } = await started;
  for (;;) {
    const run = await (await director.request('GET', `/api/outcomes/imports/${id}`)).json();
    if (!['uploaded', 'validating', 'importing'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const row = (values: Record<string, string>) => PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',');
// Twelve adults exiting in 2010Q3 (program year 2011's employment_q2 cohort), one youth.
const PIRL = [
  PIRL_ELEMENTS.join(','),
  ...Array.from({ length: 12 }, (_, i) => row({ '100': `API${i}`, '900': '20100105', '901': '20100915', '903': '1' })),
  row({ '100': 'APIY', '900': '20100105', '901': '20100915', '905': '1', '1602': '1' }),
].join('\n');
// Q2 after a 2010Q3 exit is 2011Q1: nine of the twelve adults earned wages.
const WAGES = [
  'person_id,employer_fein,year,quarter,wages',
  ...Array.from({ length: 9 }, (_, i) => `API${i},12-3456789,2011,1,${1000 + i * 100}`),
  'API0,12-3456789,2011,1,1000.00',
  'APIZ,nope!,2011,5,x',
].join('\n');

describe('outcomes API', () => {
  it('imports a PIRL file and wage records, and reports progress and rejected rows', async () => {
    const res = await upload(director, '/api/outcomes/imports/pirl', 'pirl.csv', PIRL);
    expect(res.status).toBe(201);
    // The upload is stored and a background job imports it; the run answers how far it got.
    const started = await res.json();
    expect(started).toMatchObject({ kind: 'pirl', status: 'validating', totalRows: 13 });
    const run = await finished(started);
    expect(run).toMatchObject({ kind: 'pirl', status: 'completed', processedRows: 13, importedRows: 13, rejectedRows: 0 });
    const again = await finished((await upload(director, '/api/outcomes/imports/pirl', 'pirl.csv', PIRL)).json());
    expect(again).toMatchObject({ status: 'completed', importedRows: 0, unchangedRows: 13 });

    // A wage upload is streamed into storage and answered at once (202); a background job imports it.
    const wages = await upload(director, '/api/outcomes/imports/wages', 'wages.csv', WAGES);
    expect(wages.status).toBe(202);
    const queued = await wages.json();
    expect(queued).toMatchObject({ kind: 'wages', status: 'uploaded', totalBytes: Buffer.byteLength(WAGES), processedRows: 0 });
    const w = await finished(queued);
    expect(w).toMatchObject({
      kind: 'wages',
      status: 'completed',
      processedRows: 11,
      processedBytes: Buffer.byteLength(WAGES),
      importedRows: 9,
      replacedRows: 0,
      unchangedRows: 1,
      rejectedRows: 1,
    });
    const errors = w.errors as unknown as { line: number; element: string; reason: string }[];
    expect(errors.map((e) => e.element).sort()).toEqual(['employer_fein', 'quarter', 'wages']);
    expect(errors.every((e) => e.line === 12 && e.reason.length > 0)).toBe(true);

    const csv = await director.request('GET', `/api/outcomes/imports/${w.id}/rejected`);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    expect(await csv.text()).toMatch(/^line,element,reason\r\n12,employer_fein,/);

    // The same file again changes nothing; a file that changes one record's wages replaces it.
    const count = async () =>
      (
        await t.rt.services.database.db
          .selectFrom('wage_record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const same = await finished((await upload(director, '/api/outcomes/imports/wages', 'wages.csv', WAGES)).json());
    expect(same).toMatchObject({ status: 'completed', importedRows: 0, replacedRows: 0, unchangedRows: 10, rejectedRows: 1 });
    expect(Number(await count())).toBe(before);
    const changed = await finished(
      (
        await upload(
          director,
          '/api/outcomes/imports/wages',
          'wages.csv',
          'person_id,employer_fein,year,quarter,wages\nAPI1,12-3456789,2011,1,1100\nAPI1,98-7654321,2011,1,5\n',
        )
      ).json(),
    );
    expect(changed).toMatchObject({ status: 'completed', importedRows: 1, replacedRows: 0, unchangedRows: 1 });
    const replaced = await finished(
      (
        await upload(
          director,
          '/api/outcomes/imports/wages',
          'wages.csv',
          'person_id,employer_fein,year,quarter,wages\nAPI1,987654321,2011,1,0\n',
        )
      ).json(),
    );
    expect(replaced).toMatchObject({ status: 'completed', importedRows: 1, replacedRows: 1, unchangedRows: 0 });
    expect(Number(await count())).toBe(before + 1);

    // A file without the header is rejected whole; the list shows the runs, newest first.
    const headless = await finished((await upload(director, '/api/outcomes/imports/wages', 'w.csv', 'API1,12-3456789,2011,1,1\n')).json());
    expect(headless).toMatchObject({ status: 'rejected', importedRows: 0 });
    const list = await (await director.request('GET', '/api/outcomes/imports?kind=wages&pageSize=3')).json();
    expect(list).toMatchObject({ total: 5, page: 1, pageSize: 3 });
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([headless.id, replaced.id, changed.id]);
    expect(list.items[0].errors).toBeUndefined();
    expect((await director.request('GET', '/api/outcomes/imports?kind=other')).status).toBe(400);
    // Not a CSV: refused before anything is stored.
    expect((await upload(director, '/api/outcomes/imports/wages', 'w.xlsx', 'x')).status).toBe(415);

    const bad = await finished(
      (await upload(director, '/api/outcomes/imports/pirl', 'bad.csv', `${PIRL}\n${row({ '100': 'API1', '900': '2010-01-05' })}`)).json(),
    );
    expect(bad).toMatchObject({ status: 'rejected', rejectedRows: 1, errors: [{ line: 15, element: '900' }] });
  });

  it('serves the report to analysts in full and to funders without small cells', async () => {
    const analyst = await t.as('analyst');
    const full = await (await analyst.request('GET', '/api/outcomes/wioa?programYear=2011&program=all')).json();
    expect(full).toMatchObject({ programYear: 2011, program: 'all' });
    expect(full.indicators.employment_q2).toMatchObject({ numerator: 10, denominator: 13, rate: 1000 / 13, rateRounded: 76.9 });
    expect(full.indicators.median_earnings_q2).toMatchObject({ count: 9, median: 1400 });
    const youth = await (await analyst.request('GET', '/api/outcomes/wioa?programYear=2011&program=youth')).json();
    expect(youth.indicators.employment_q2).toMatchObject({ numerator: 1, denominator: 1 });

    const funder = await t.as('funder_viewer');
    const agg = await (await funder.request('GET', '/api/outcomes/wioa?programYear=2011&program=all')).json();
    expect(agg.indicators.employment_q2).toMatchObject({ numerator: 10, denominator: 13 });
    expect(agg.indicators.median_earnings_q2).toMatchObject({ count: null, median: null, suppressed: true });
    const small = await (await funder.request('GET', '/api/outcomes/wioa?programYear=2011&program=youth')).json();
    expect(small.indicators.employment_q2).toEqual({
      numerator: null,
      denominator: null,
      rate: null,
      rateRounded: null,
      cohort: { from: '2010-07-01', to: '2011-06-30' },
      suppressed: true,
    });

    const bad = await analyst.request('GET', '/api/outcomes/wioa?programYear=2011&wageDataThrough=2011-3');
    expect(bad.status).toBe(400);
    expect((await (await t.as('navigator')).request('GET', '/api/outcomes/wioa?programYear=2011')).status).toBe(403);
  });

  it('exports PIRL to directors only, audited', async () => {
    const res = await director.request('GET', '/api/outcomes/pirl/export');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe(PIRL_ELEMENTS.join(','));
    expect(text).toContain('API3,,,,,,,,,,20100105,20100915,1,');
    expect((await (await t.as('analyst')).request('GET', '/api/outcomes/pirl/export')).status).toBe(403);
    expect((await (await t.as('funder_viewer')).request('POST', '/api/outcomes/imports/wages', {})).status).toBe(403);
  });
});
