import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { LIMITS } from '../../../shared/limits.ts';

let t: TestApp;
let director: Caller;
let board: Caller;
beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  board = await t.as('board_member');
});
afterAll(() => t?.close());

async function json(res: Response, status: number) {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body);
}

async function orgId(name: string): Promise<string> {
  const page = await json(await director.request('GET', `/api/organizations?q=${encodeURIComponent(name)}`), 200);
  return page.items[0].id;
}

function upload(
  caller: Caller,
  url: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string } | null,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return t.fetch(url, { method: 'POST', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf }, body: form });
}

const PDF = `%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`;

describe('initiatives', () => {
  let initiativeId: string;

  it('creates an initiative whose region crosses state lines, with a workforce area', async () => {
    const area = await json(
      await director.request('POST', '/api/jurisdictions', {
        code: 'OH-LWDA-3',
        name: 'Cuyahoga and Lake Workforce Area',
        stateCode: 'OH',
        countyFips: ['39035', '39085'],
      }),
      201,
    );
    expect(area).toMatchObject({ kind: 'workforce_area', code: 'OH-LWDA-3', countyFips: ['39035', '39085'] });

    const created = await json(
      await director.request('POST', '/api/initiatives', {
        name: 'Tri-State Advanced Manufacturing',
        sector: 'Advanced manufacturing',
        naicsCodes: ['332', '333'],
        goals: ['Place 300 machinists by 2028'],
        startsOn: '2026-01-01',
        status: 'active',
        region: [
          { kind: 'workforce_area', code: 'OH-LWDA-3' },
          { kind: 'county', code: '42049' },
          { kind: 'state', code: 'WV' },
        ],
      }),
      201,
    );
    initiativeId = created.id;
    expect(created.states).toEqual(['OH', 'PA', 'WV']);
    expect(created.crossesStateLines).toBe(true);
    expect(created.naicsCodes[0]).toEqual({ code: '332', title: 'Fabricated Metal Product Manufacturing' });
    expect(created.region.map((j: { kind: string; name: string }) => `${j.kind}:${j.name}`)).toEqual([
      'county:Erie County, PA',
      'state:West Virginia',
      'workforce_area:Cuyahoga and Lake Workforce Area',
    ]);
  });

  it('refuses unknown codes with field errors', async () => {
    const problem = await json(
      await director.request('POST', '/api/initiatives', {
        name: 'Bad codes',
        sector: 'x',
        naicsCodes: ['999999'],
        startsOn: '2026-01-01',
        region: [{ kind: 'county', code: '99999' }],
      }),
      400,
    );
    expect(problem.errors[0]).toMatchObject({ field: 'body.naicsCodes.0', code: 'unknown_code' });
    const area = await json(
      await director.request('POST', '/api/initiatives', {
        name: 'Bad area',
        sector: 'x',
        naicsCodes: ['62'],
        startsOn: '2026-01-01',
        region: [{ kind: 'workforce_area', code: 'NOPE' }],
      }),
      400,
    );
    expect(area.errors[0]).toMatchObject({ field: 'body.region.0.code', code: 'unknown_code' });
  });

  it('filters by county covered (directly, through a workforce area or a state) and by NAICS prefix', async () => {
    const byCounty = async (fips: string) =>
      (await json(await board.request('GET', `/api/initiatives?county=${fips}`), 200)).items.map((i: { name: string }) => i.name);
    expect(await byCounty('39085')).toContain('Tri-State Advanced Manufacturing'); // Lake County, OH, in the workforce area
    expect(await byCounty('54039')).toContain('Tri-State Advanced Manufacturing'); // Kanawha County, WV, by state
    expect(await byCounty('39093')).not.toContain('Tri-State Advanced Manufacturing'); // Lorain: not in the region
    const byNaics = (await json(await board.request('GET', '/api/initiatives?naics=332710'), 200)).items.map(
      (i: { name: string }) => i.name,
    );
    expect(byNaics).toEqual(['Tri-State Advanced Manufacturing']);
  });

  it('lists the counties a region covers: directly, through workforce areas, and whole states by count', async () => {
    const created = await json(
      await director.request('POST', '/api/initiatives', {
        name: 'Lake Erie Logistics',
        sector: 'Logistics',
        naicsCodes: ['4931'],
        startsOn: '2026-01-01',
        region: [
          { kind: 'workforce_area', code: 'OH-LWDA-3' },
          { kind: 'county', code: '39035' }, // Cuyahoga again, also in the workforce area
          { kind: 'county', code: '54039' }, // Kanawha, inside West Virginia below
          { kind: 'state', code: 'WV' },
        ],
      }),
      201,
    );
    const coverage = await json(await board.request('GET', `/api/initiatives/${created.id}/counties`), 200);
    expect(coverage.counties).toEqual([
      {
        fips: '39035',
        name: 'Cuyahoga County, OH',
        stateCode: 'OH',
        via: [
          { kind: 'county', code: '39035', name: 'Cuyahoga County, OH' },
          { kind: 'workforce_area', code: 'OH-LWDA-3', name: 'Cuyahoga and Lake Workforce Area' },
        ],
      },
      {
        fips: '39085',
        name: 'Lake County, OH',
        stateCode: 'OH',
        via: [{ kind: 'workforce_area', code: 'OH-LWDA-3', name: 'Cuyahoga and Lake Workforce Area' }],
      },
    ]);
    expect(coverage.wholeStates).toEqual([{ code: 'WV', name: 'West Virginia', countyCount: 55 }]);
    expect(coverage.totalCounties).toBe(57);
    expect((await board.request('GET', '/api/initiatives/00000000-0000-4000-8000-000000000000/counties')).status).toBe(404);

    // The areas screen finds an area by any part of its code, in any case, and names its counties.
    const found = await json(await board.request('GET', '/api/jurisdictions?kind=workforce_area&q=lwda-3'), 200);
    expect(found.items.map((j: { code: string }) => j.code)).toEqual(['OH-LWDA-3']);
    expect(found.items[0].counties).toEqual([
      { fips: '39035', name: 'Cuyahoga County, OH' },
      { fips: '39085', name: 'Lake County, OH' },
    ]);
  });

  it('keeps partners with roles, agreement dates and commitments; lists filter by initiative', async () => {
    const college = await orgId('Western Reserve');
    const partner = await json(
      await director.request('POST', `/api/initiatives/${initiativeId}/partners`, {
        organizationId: college,
        role: 'training_partner',
        agreementSignedOn: '2026-01-15',
        agreementStartsOn: '2026-02-01',
        agreementEndsOn: '2027-01-31',
      }),
      201,
    );
    const dup = await director.request('POST', `/api/initiatives/${initiativeId}/partners`, {
      organizationId: college,
      role: 'training_partner',
    });
    expect(dup.status).toBe(409);
    const bad = await json(
      await director.request('PATCH', `/api/initiatives/${initiativeId}/partners/${partner.id}`, { agreementEndsOn: '2025-01-01' }),
      400,
    );
    expect(bad.errors[0].field).toBe('body.agreementEndsOn');
    const commitment = await json(
      await director.request('POST', `/api/initiatives/${initiativeId}/partners/${partner.id}/commitments`, {
        kind: 'training_seats',
        description: '40 CNC seats a year',
        quantity: 40,
        dueOn: '2026-12-31',
      }),
      201,
    );
    await json(
      await director.request('PATCH', `/api/initiatives/${initiativeId}/commitments/${commitment.id}`, { status: 'in_progress' }),
      200,
    );
    const partners = await json(await board.request('GET', `/api/initiatives/${initiativeId}/partners`), 200);
    expect(partners.items[0].commitments[0]).toMatchObject({ quantity: 40, status: 'in_progress' });

    const orgs = await json(await director.request('GET', `/api/organizations?initiativeId=${initiativeId}`), 200);
    expect(orgs.items.map((o: { id: string }) => o.id)).toEqual([college]);
    const juris = await json(await director.request('GET', `/api/jurisdictions?initiativeId=${initiativeId}`), 200);
    expect(juris.total).toBe(3);
  });

  it('lets board members read but not change initiatives', async () => {
    expect((await board.request('GET', `/api/initiatives/${initiativeId}`)).status).toBe(200);
    const res = await board.request('PATCH', `/api/initiatives/${initiativeId}`, { name: 'Mine now' });
    expect(res.status).toBe(403);
  });

  it('audits changes with what changed', async () => {
    await json(
      await director.request('PATCH', `/api/initiatives/${initiativeId}`, {
        status: 'sustaining',
        region: [{ kind: 'state', code: 'OH' }],
      }),
      200,
    );
    const audit = await json(
      await director.request('GET', `/api/audit?entityType=initiative&entityId=${initiativeId}&action=initiative.updated`),
      200,
    );
    expect(audit.items[0].details.changes.status).toEqual({ from: 'active', to: 'sustaining' });
    expect(audit.items[0].details.changes.region.to).toEqual(['state:OH']);
  });
});

describe('initiative documents', () => {
  let initiativeId: string;
  beforeAll(async () => {
    const page = await json(await director.request('GET', '/api/initiatives?q=Tri-State'), 200);
    initiativeId = page.items[0].id;
  });

  it('uploads a PDF and downloads it as an attachment with the type decided by its bytes', async () => {
    const doc = await json(
      await upload(
        director,
        `/api/initiatives/${initiativeId}/documents`,
        { title: 'Partnership MOU', kind: 'mou' },
        { name: 'mou.pdf', bytes: PDF, type: 'text/html' },
      ),
      201,
    );
    expect(doc.file).toMatchObject({ filename: 'mou.pdf', contentType: 'application/pdf', byteSize: PDF.length });
    const res = await board.request('GET', `/api/initiatives/${initiativeId}/documents/${doc.id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mou.pdf"/);
    expect(await res.text()).toBe(PDF);
    const list = await json(await board.request('GET', `/api/initiatives/${initiativeId}/documents`), 200);
    expect(list.items.map((d: { title: string }) => d.title)).toEqual(['Partnership MOU']);
  });

  it('refuses files of other types, whatever their name says', async () => {
    const html = await json(
      await upload(
        director,
        `/api/initiatives/${initiativeId}/documents`,
        { title: 'x' },
        { name: 'agreement.pdf', bytes: '<html><script>alert(1)</script>' },
      ),
      415,
    );
    expect(html.code).toBe('file_type_not_allowed');
    const exe = await json(
      await upload(
        director,
        `/api/initiatives/${initiativeId}/documents`,
        { title: 'x' },
        { name: 'notes.txt', bytes: new Uint8Array([0x4d, 0x5a, 0, 0, 1]) },
      ),
      415,
    );
    expect(exe.errors[0]).toMatchObject({ field: 'file', code: 'file_type' });
    const zip = await json(
      await upload(
        director,
        `/api/initiatives/${initiativeId}/documents`,
        { title: 'x' },
        { name: 'a.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) },
      ),
      415,
    );
    expect(zip.code).toBe('file_type_not_allowed');
  });

  it(`refuses a file over ${LIMITS.documentBytes / 1024 / 1024} MB with file_too_large and stores nothing`, async () => {
    const big = new Uint8Array(LIMITS.documentBytes + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    const problem = await json(
      await upload(director, `/api/initiatives/${initiativeId}/documents`, { title: 'Too big' }, { name: 'big.pdf', bytes: big }),
      413,
    );
    expect(problem.code).toBe('file_too_large');
    expect(problem.title).toMatch(/at most 10 MB/);
    const list = await json(await director.request('GET', `/api/initiatives/${initiativeId}/documents`), 200);
    expect(list.items.map((d: { title: string }) => d.title)).not.toContain('Too big');
  });

  it('needs a file, a title, and multipart', async () => {
    const noFile = await json(await upload(director, `/api/initiatives/${initiativeId}/documents`, { title: 'x' }, null), 400);
    expect(noFile.errors[0].field).toBe('file');
    const noTitle = await json(
      await upload(director, `/api/initiatives/${initiativeId}/documents`, {}, { name: 'a.txt', bytes: 'hello' }),
      400,
    );
    expect(noTitle.errors[0].field).toBe('body.title');
    const asJson = await json(await director.request('POST', `/api/initiatives/${initiativeId}/documents`, { title: 'x' }), 415);
    expect(asJson.code).toBe('unsupported_media_type');
  });

  it('lets only managers upload', async () => {
    const res = await upload(board, `/api/initiatives/${initiativeId}/documents`, { title: 'x' }, { name: 'a.txt', bytes: 'hello' });
    expect(res.status).toBe(403);
  });
});
