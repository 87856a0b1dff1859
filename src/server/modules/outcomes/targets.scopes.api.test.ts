import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS } from '../../../shared/schemas/outcomes.ts';

// Targets per initiative and funding stream, and complementary suppression of per-group target trends for
// funders. Program year 2011 over hand-built PIRL periods, all adults exiting 2010-09-15 (in every
// quarter's employment_q2 window); 1602 = 1 means employed in quarter 2.
//
//   TA0-TA11 (provider P1): TA0-TA8 employed.   TB0-TB10 (provider P2): all employed.
//   TC0-TC2 (provider P3): TC0 employed.
//   Initiative I1: TA6-TA11 and TB0-TB5 (12; 3 + 6 employed = 75 %). I2: TA0-TA2 (3, all employed).
//   Stream S1: TA7-TA11 and TB0-TB4 (10; 2 + 5 employed = 70 %). Stream S2: TB0-TB4 (5).

let t: TestApp;
let director: Caller;
let funder: Caller;
const ids = { p1: '', p2: '', p3: '', i1: randomUUID(), i2: randomUUID(), s1: randomUUID(), s2: randomUUID() };

async function upload(lines: string[], owner: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([[PIRL_ELEMENTS.join(','), ...lines].join('\n')], { type: 'text/csv' }), 'scopes.csv');
  form.append('ownerOrganizationId', owner);
  const res = await t.fetch('/api/outcomes/imports/pirl', {
    method: 'POST',
    headers: { cookie: director.cookie, 'x-csrf-token': director.csrf },
    body: form,
  });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  // A background job imports the file: wait until it is done.
  for (;;) {
    const run = await (await director.request('GET', `/api/outcomes/imports/${id}`)).json();
    if (run.status === 'completed') return;
    expect(['validating', 'importing', 'uploaded']).toContain(run.status);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  funder = await t.as('funder_viewer');
  const db = t.rt.services.database.db;
  const orgs = await db.selectFrom('organization').select('id').where('tenant_id', '=', t.tenantId).orderBy('id').limit(3).execute();
  [ids.p1, ids.p2, ids.p3] = orgs.map((o) => o.id);
  const row = (pirlId: string, employed: boolean) => {
    const values: Record<string, string> = {
      '100': pirlId,
      '900': '20100105',
      '901': '20100915',
      '903': '1',
      '1602': employed ? '1' : '0',
    };
    return PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',');
  };
  const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  await upload(
    range('TA', 12).map((p, i) => row(p, i < 9)),
    ids.p1,
  );
  await upload(
    range('TB', 11).map((p) => row(p, true)),
    ids.p2,
  );
  await upload(
    range('TC', 3).map((p, i) => row(p, i === 0)),
    ids.p3,
  );

  await db
    .insertInto('initiative')
    .values([
      { id: ids.i1, tenant_id: t.tenantId, name: 'Initiative One', sector: 'healthcare', starts_on: '2010-01-01', status: 'active' },
      { id: ids.i2, tenant_id: t.tenantId, name: 'Initiative Two', sector: 'healthcare', starts_on: '2010-01-01', status: 'active' },
    ])
    .execute();
  await db
    .insertInto('funding_stream')
    .values([
      { id: ids.s1, tenant_id: t.tenantId, name: 'Stream One', source_type: 'other' },
      { id: ids.s2, tenant_id: t.tenantId, name: 'Stream Two', source_type: 'other' },
    ])
    .execute();
  const periodsOf = (pirlIds: string[]) =>
    db.selectFrom('pirl_period').select('participation_id').where('tenant_id', '=', t.tenantId).where('pirl_id', 'in', pirlIds);
  await db
    .updateTable('program_participation')
    .set({ initiative_id: ids.i1 })
    .where('id', 'in', periodsOf([...range('TA', 12).slice(6), ...range('TB', 6)]))
    .execute();
  await db
    .updateTable('program_participation')
    .set({ initiative_id: ids.i2 })
    .where('id', 'in', periodsOf(range('TA', 3)))
    .execute();
  const addStream = (stream: string, pirlIds: string[]) =>
    db
      .updateTable('program_participation')
      .set({ funding_stream_ids: sql`array_append(funding_stream_ids, ${stream}::uuid)` })
      .where('id', 'in', periodsOf(pirlIds))
      .execute();
  await addStream(ids.s1, [...range('TA', 12).slice(7), ...range('TB', 5)]);
  await addStream(ids.s2, range('TB', 5));
});
afterAll(() => t?.close());

const put = (body: Record<string, unknown>) => director.request('PUT', '/api/outcomes/targets', body);
type Item = {
  scope: string;
  scopeKey: string;
  scopeLabel: string | null;
  trend: { value: number | null; cell: number | null; suppressed: boolean }[];
};
const list = async (caller: Caller): Promise<Item[]> =>
  (await (await caller.request('GET', '/api/outcomes/targets?programYear=2011')).json()).items;
const find = (items: Item[], scope: string, key = '') => items.find((i) => i.scope === scope && i.scopeKey === key) as Item;

describe('targets per initiative and funding stream', () => {
  it('measures only the periods that name the initiative or are charged to the stream', async () => {
    for (const [scope, scopeKey] of [
      ['partnership', undefined],
      ['initiative', ids.i1],
      ['initiative', ids.i2],
      ['funding_stream', ids.s1],
      ['funding_stream', ids.s2],
    ]) {
      const res = await put({ indicator: 'employment_q2', scope, scopeKey, programYear: 2011, target: 80 });
      expect(res.status, `${scope} ${scopeKey}`).toBe(200);
    }
    const items = await list(director);
    // 21 of 26 employed overall; I1's 12 leave out I2's three employed periods (75, not 80).
    expect(find(items, 'partnership').trend.map((p) => [p.value, p.cell])).toEqual(Array(4).fill([80.8, 26]));
    expect(find(items, 'initiative', ids.i1)).toMatchObject({
      scopeLabel: 'Initiative One',
      status: 'on_track',
      actual: 75,
      trend: Array(4).fill({ value: 75, cell: 12, suppressed: false }),
    });
    expect(find(items, 'initiative', ids.i2)).toMatchObject({ actual: 100, trend: [{ value: 100, cell: 3 }, {}, {}, {}] });
    expect(find(items, 'funding_stream', ids.s1)).toMatchObject({
      scopeLabel: 'Stream One',
      actual: 70,
      trend: [{ cell: 10 }, {}, {}, {}],
    });
    expect(find(items, 'funding_stream', ids.s2)).toMatchObject({ actual: 100, trend: [{ cell: 5 }, {}, {}, {}] });
  });

  it('refuses an initiative or stream the tenant does not have, with the field at fault', async () => {
    for (const scope of ['initiative', 'funding_stream']) {
      const unknown = await put({ indicator: 'employment_q2', scope, scopeKey: randomUUID(), programYear: 2011, target: 50 });
      expect(unknown.status, scope).toBe(400);
      expect((await unknown.json()).errors).toMatchObject([{ field: 'body.scopeKey', code: 'not_found' }]);
      const notId = await put({ indicator: 'employment_q2', scope, scopeKey: 'adult', programYear: 2011, target: 50 });
      expect((await notId.json()).errors).toMatchObject([{ field: 'body.scopeKey' }]);
    }
  });

  it('filters the WIOA report to one initiative', async () => {
    const res = await funder.request('GET', `/api/outcomes/wioa?programYear=2011&initiativeId=${ids.i1}`);
    expect((await res.json()).indicators.employment_q2).toMatchObject({ numerator: 9, denominator: 12 });
    const by = await (await director.request('GET', `/api/outcomes/wioa/by?programYear=2011&by=provider&initiativeId=${ids.i1}`)).json();
    expect(by.total.employment_q2).toMatchObject({ numerator: 9, denominator: 12 });
    const unknown = await director.request('GET', `/api/outcomes/wioa?programYear=2011&initiativeId=${randomUUID()}`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toMatchObject([{ field: 'query.initiativeId', code: 'not_found' }]);
  });
});

describe('complementary suppression of target trends for funders', () => {
  it("hides a second provider so that a hidden provider's value is not the partnership's minus the others'", async () => {
    for (const key of [ids.p1, ids.p2, ids.p3]) {
      const res = await put({ indicator: 'employment_q2', scope: 'provider', scopeKey: key, programYear: 2011, target: 80 });
      expect(res.status).toBe(200);
    }
    // Directors see every cell: P1 9/12, P2 11/11, P3 1/3.
    const all = await list(director);
    expect([ids.p1, ids.p2, ids.p3].map((k) => find(all, 'provider', k).trend[3])).toMatchObject([
      { value: 75, cell: 12 },
      { value: 100, cell: 11 },
      { value: 33.3, cell: 3 },
    ]);

    const seen = await list(funder);
    const whole = find(seen, 'partnership').trend[3];
    expect(whole).toMatchObject({ value: 80.8, cell: 26, suppressed: false });
    const [p1, p2, p3] = [ids.p1, ids.p2, ids.p3].map((k) => find(seen, 'provider', k).trend[3]);
    expect(p3).toMatchObject({ value: null, cell: null, suppressed: true });
    // Cell by cell, 26 - 12 - 11 = 3 and 21 - 9 - 11 = 1 would give P3 away; P2, the smallest other cell, is hidden too.
    expect(p2).toMatchObject({ value: null, cell: null, suppressed: true });
    expect(p1).toMatchObject({ value: 75, cell: 12, suppressed: false });
    const visible = [p1, p2, p3].filter((p) => !p.suppressed);
    expect((whole.cell ?? 0) - visible.reduce((n, p) => n + (p.cell ?? 0), 0)).toBe(14);

    // The same rule for initiatives: I2 (3) is hidden, and its complement is the periods of no
    // initiative, which no target shows, so I1 stays visible.
    expect(find(seen, 'initiative', ids.i2).trend.every((p) => p.suppressed)).toBe(true);
    expect(find(seen, 'initiative', ids.i1).trend.every((p) => !p.suppressed)).toBe(true);
    // Streams overlap but get the same rule: S2 (5) is hidden and S1 (10), the smallest other, with it.
    expect(find(seen, 'funding_stream', ids.s2).trend[3].suppressed).toBe(true);
    expect(find(seen, 'funding_stream', ids.s1).trend[3].suppressed).toBe(true);
  });
});
