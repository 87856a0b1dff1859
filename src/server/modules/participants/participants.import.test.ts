import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
let admin: Caller;
let director: Caller;
let intermediary: string;

beforeAll(async () => {
  t = await startTestApp();
  [admin, director] = await Promise.all([t.as('admin'), t.as('director')]);
  const orgs = (await (await admin.request('GET', '/api/organizations?pageSize=100')).json()).items;
  intermediary = orgs.find((o: { kind: string }) => o.kind === 'intermediary').id;
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
    expect(result.errors).toContainEqual({ line: 6, field: 'externalId', reason: 'Same person as line 2.' });
    expect(JSON.stringify(result.errors)).not.toContain('123');
    expect(await countWith('Torres')).toBe(0);

    const report = await admin.request('GET', `/api/participant-imports/${up.body.id}/rejected.csv`);
    const csv = await report.text();
    expect(csv.split('\r\n')[0]).toBe('line,field,reason');
    expect(csv).toContain('6,externalId,Same person as line 2.');
  });

  it('imports atomically, then a re-run of the same file creates no duplicates', async () => {
    const file = `${header}\n${good.join('\n')}\n`;
    const first = await upload(admin, 'good.csv', file);
    const r1 = await (
      await admin.request('POST', `/api/participant-imports/${first.body.id}/start`, { mapping, ownerOrganizationId: intermediary })
    ).json();
    expect(r1).toMatchObject({ status: 'completed', importedRows: 3, skippedRows: 0, rejectedRows: 0 });
    expect(await countWith('Torres')).toBe(1);

    const again = await upload(admin, 'good.csv', file);
    const r2 = await (
      await admin.request('POST', `/api/participant-imports/${again.body.id}/start`, { mapping, ownerOrganizationId: intermediary })
    ).json();
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
    const r = await (
      await admin.request('POST', `/api/participant-imports/${up.body.id}/start`, {
        mapping,
        ownerOrganizationId: intermediary,
        mode: 'skip_invalid',
      })
    ).json();
    expect(r).toMatchObject({ status: 'completed', importedRows: 1, rejectedRows: 1 });
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
    const r = await (
      await admin.request('POST', `/api/participant-imports/${up.body.id}/start`, { mapping, ownerOrganizationId: intermediary })
    ).json();
    expect(r).toMatchObject({ status: 'completed', importedRows: 1 });
    const found = await (await director.request('GET', '/api/participants?q=Stone')).json();
    const gil = await (await director.request('GET', `/api/participants/${found.items[0].id}`)).json();
    expect(gil.demographics.dateOfBirth).toBe('1980-01-02');
    expect(gil.ssnMasked).toBe('***-**-4323');
  });

  it('is for admins and directors only', async () => {
    const nav = await t.as('navigator');
    expect((await upload(nav, 'x.csv', `${header}\n`)).status).toBe(403);
  });
});
