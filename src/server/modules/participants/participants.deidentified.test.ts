import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { keyedHash } from '../../platform/crypto.ts';
import { SMALL_CELL } from '../outcomes/outcomes.policy.ts';
import { ageBand, protectSmallCells, SUPPRESSED } from './participants.deidentified.ts';

describe('de-identification rules', () => {
  it('turns a birth date into an age band at the export date', () => {
    const on = new Date('2026-11-29T12:00:00Z');
    expect(ageBand('2008-11-30', on)).toBe('14-17');
    expect(ageBand('2008-11-29', on)).toBe('18-24');
    expect(ageBand('1961-01-01', on)).toBe('65+');
    expect(ageBand(null, on)).toBe('');
  });

  it('suppresses race, then county, then age band, then sex and ethnicity until every combination has k rows', () => {
    const base = { county: '39035', ageBand: '25-34', sex: 'female', hispanic: 'no', race: 'white' };
    const rows = [
      ...Array.from({ length: 3 }, () => ({ ...base })),
      { ...base, race: 'asian' },
      { ...base, county: '39007', race: 'asian' },
    ];
    const out = protectSmallCells(rows, 3);
    // The three alike stay as they are.
    expect(out.slice(0, 3)).toEqual([base, base, base]);
    // The other two lose race, then (still only two alike) county; then they are two of a kind
    // with each other only, so age band, then sex and ethnicity go too.
    expect(out[3]).toEqual({ county: SUPPRESSED, ageBand: SUPPRESSED, sex: SUPPRESSED, hispanic: SUPPRESSED, race: SUPPRESSED });
    expect(out[4]).toEqual(out[3]);
    expect(protectSmallCells(rows, 1)).toEqual(rows);
  });
});

let t: TestApp;
let admin: Caller;
let analyst: Caller;
let director: Caller;
let intermediary: string;

beforeAll(async () => {
  t = await startTestApp();
  [admin, analyst, director] = await Promise.all([t.as('admin'), t.as('analyst'), t.as('director')]);
  const orgs = (await (await admin.request('GET', '/api/organizations?pageSize=100')).json()).items;
  intermediary = orgs.find((o: { kind: string }) => o.kind === 'intermediary').id;
  // A cell of twelve alike, and one person alone in a county.
  const rows = [
    ...Array.from(
      { length: 12 },
      (_, i) => `D-${i},Deid${String.fromCharCode(97 + i)},Alike,1990-02-0${(i % 9) + 1},F,39035,OH,bachelor,employed`,
    ),
    'D-99,Solo,Lonely,1950-07-04,M,39007,OH,bachelor,employed',
  ];
  const form = new FormData();
  const csv = `Client ID,First Name,Last Name,DOB,Gender,County,State,Education,Employment Status\n${rows.join('\n')}\n`;
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'deid.csv');
  const up = await (
    await t.fetch('/api/participant-imports', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: form })
  ).json();
  await admin.request('POST', `/api/participant-imports/${up.id}/start`, {
    mapping: {
      externalId: 'Client ID',
      firstName: 'First Name',
      lastName: 'Last Name',
      dateOfBirth: 'DOB',
      sex: 'Gender',
      countyFips: 'County',
      stateCode: 'State',
      educationLevel: 'Education',
      employmentStatus: 'Employment Status',
    },
    ownerOrganizationId: intermediary,
  });
  for (let i = 0; i < 200; i++) {
    const run = await (await admin.request('GET', `/api/participant-imports/${up.id}`)).json();
    if (run.status !== 'importing') break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(() => t?.close());

async function deidentifiedCsv(who: Caller) {
  const res = await who.request('GET', '/api/participants/export/deidentified?format=csv');
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, rows: parse(text, { bom: true, columns: true }) as Record<string, string>[] };
}

describe('de-identified participant export', () => {
  it('gives the analyst one row per participant with no names, contact, birth dates or ids', async () => {
    const { text, rows } = await deidentifiedCsv(analyst);
    const identified = await (await director.request('GET', '/api/participants/export?format=csv')).text();
    const people = parse(identified, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(people.length);
    expect(rows.length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(rows[0])).not.toEqual(expect.arrayContaining(['first_name']));
    for (const p of people) {
      expect(text).not.toContain(p.id);
      if (p.last_name.length > 3) expect(text).not.toContain(p.last_name);
      if (p.external_id) expect(text).not.toMatch(new RegExp(`(^|,)${p.external_id}(,|\\r)`));
    }
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain('Lonely');
  });

  it('keeps a stable pseudonymous id, and suppresses the county of a person alone in it', async () => {
    const first = await deidentifiedCsv(analyst);
    const again = await deidentifiedCsv(director);
    expect(again.rows.map((r) => r.pseudo_id)).toEqual(first.rows.map((r) => r.pseudo_id));
    expect(new Set(first.rows.map((r) => r.pseudo_id)).size).toBe(first.rows.length);

    const solo = (await (await director.request('GET', '/api/participants?q=D-99')).json()).items[0];
    const pid = keyedHash(t.rt.services.keyring, `deidentified:${t.tenantId}:${solo.id}`).slice(0, 20);
    const row = first.rows.find((r) => r.pseudo_id === pid);
    expect(row).toBeDefined();
    expect(row).toMatchObject({ county_fips: SUPPRESSED, county: SUPPRESSED });

    // Every combination left visible is shared by at least SMALL_CELL participants.
    const counts = new Map<string, number>();
    const key = (r: Record<string, string>) => [r.county_fips, r.age_band, r.sex, r.hispanic, r.race].join('|');
    for (const r of first.rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    for (const r of first.rows) {
      const allHidden = [r.county_fips, r.age_band, r.sex, r.hispanic, r.race].every((v) => v === SUPPRESSED);
      if (!allHidden) expect(counts.get(key(r))).toBeGreaterThanOrEqual(SMALL_CELL);
    }
    const alike = first.rows.filter((r) => r.county_fips === '39035' && r.age_band === '35-44' && r.sex === 'female');
    expect(alike.length).toBeGreaterThanOrEqual(12);
  });

  it('writes XLSX too, and is refused to roles that see identified caseloads only or nothing', async () => {
    const res = await analyst.request('GET', '/api/participants/export/deidentified?format=xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('pseudo_id');
    expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(14);
    for (const role of ['navigator', 'funder_viewer', 'partner_staff'] as const) {
      expect((await (await t.as(role)).request('GET', '/api/participants/export/deidentified')).status).toBe(403);
    }
    // The analyst still gets no identified export.
    expect((await analyst.request('GET', '/api/participants/export')).status).toBe(403);
  });
});
