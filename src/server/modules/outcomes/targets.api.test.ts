import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { PIRL_ELEMENTS } from '../../../shared/schemas/outcomes.ts';
import { makeOps } from '../../platform/http.ts';
import { listWithStatus, statusOf } from './targets.service.ts';

// Targets and drill-down for program year 2011 over hand-built PIRL periods (exits in 2010-2011, far from the demo's
// own records). Each quarter of the year is measured over the four quarters ending then.

let t: TestApp;
let director: Caller;
beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  const row = (values: Record<string, string>) => PIRL_ELEMENTS.map((el) => values[el] ?? '').join(',');
  const lines = [PIRL_ELEMENTS.join(',')];
  // 12 adults exit 2010-09-15 (9 employed in Q2); 3 adults exit 2011-03-01 (all employed); 2 youth exit 2011-03-01 (1 employed).
  for (let i = 0; i < 12; i++)
    lines.push(row({ '100': `TG${i}`, '900': '20100105', '901': '20100915', '903': '1', '1602': i < 9 ? '1' : '0' }));
  for (let i = 0; i < 3; i++) lines.push(row({ '100': `TL${i}`, '900': '20100105', '901': '20110301', '903': '1', '1602': '1' }));
  for (let i = 0; i < 2; i++)
    lines.push(row({ '100': `TY${i}`, '900': '20100105', '901': '20110301', '905': '1', '1602': i === 0 ? '1' : '0' }));
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'targets.csv');
  const res = await t.fetch('/api/outcomes/imports/pirl', {
    method: 'POST',
    headers: { cookie: director.cookie, 'x-csrf-token': director.csrf },
    body: form,
  });
  expect(res.status).toBe(201);
  // A background job imports the file: wait for it.
  const { id } = await res.json();
  while ((await (await director.request('GET', `/api/outcomes/imports/${id}`)).json()).status !== 'completed')
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(() => t?.close());

const put = (caller: Caller, body: Record<string, unknown>) => caller.request('PUT', '/api/outcomes/targets', body);

describe('outcome targets', () => {
  it('classifies met, on track (from 90% of the target) and at risk', () => {
    expect(statusOf(80, 80)).toBe('met');
    expect(statusOf(72, 80)).toBe('on_track');
    expect(statusOf(71.9, 80)).toBe('at_risk');
    expect(statusOf(null, 80)).toBe('no_data');
  });

  it('sets targets per partnership and program, and reports status and the quarterly trend', async () => {
    for (const body of [
      { indicator: 'employment_q2', scope: 'partnership', programYear: 2011, target: 76.5 },
      { indicator: 'employment_q2', scope: 'program', scopeKey: 'adult', programYear: 2011, target: 85 },
      { indicator: 'employment_q2', scope: 'program', scopeKey: 'youth', programYear: 2011, target: 70 },
      { indicator: 'median_earnings_q2', scope: 'partnership', programYear: 2011, target: 5000 },
      // Setting the same target again replaces the level.
      { indicator: 'employment_q2', scope: 'program', scopeKey: 'adult', programYear: 2011, target: 82 },
    ]) {
      const res = await put(director, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
    }
    const list = await (await director.request('GET', '/api/outcomes/targets?programYear=2011')).json();
    expect(list.items).toHaveLength(4);
    const find = (indicator: string, scope: string, scopeKey = '') =>
      list.items.find(
        (i: { indicator: string; scope: string; scopeKey: string }) =>
          i.indicator === indicator && i.scope === scope && i.scopeKey === scopeKey,
      );
    const all = find('employment_q2', 'partnership');
    // Program year 2011 runs 2011Q3-2012Q2. From 2012Q1 the employment_q2 window (the four quarters
    // ending two quarters back) reaches the March 2011 exits: 13 / 17.
    expect(all.trend.map((p: { quarter: string; value: number | null }) => [p.quarter, p.value])).toEqual([
      ['2011Q3', 75],
      ['2011Q4', 75],
      ['2012Q1', 76.5],
      ['2012Q2', 76.5],
    ]);
    expect(all).toMatchObject({ target: 76.5, actual: 76.5, status: 'met' });
    expect(find('employment_q2', 'program', 'adult')).toMatchObject({ target: 82, actual: 80, status: 'on_track', scopeLabel: 'adult' });
    const youth = find('employment_q2', 'program', 'youth');
    expect(youth).toMatchObject({ actual: 50, status: 'at_risk' });
    expect(youth.trend[0]).toMatchObject({ value: null, cell: 0 });
    expect(find('median_earnings_q2', 'partnership')).toMatchObject({ actual: null, status: 'no_data' });

    // Funders see counts only: the youth cohort of 2 is suppressed.
    const funder = await t.as('funder_viewer');
    const seen = await (await funder.request('GET', '/api/outcomes/targets?programYear=2011')).json();
    const fy = seen.items.find((i: { scopeKey: string }) => i.scopeKey === 'youth');
    expect(fy).toMatchObject({ actual: null, status: 'no_data' });
    expect(fy.trend[3]).toMatchObject({ value: null, cell: null, suppressed: true });
  });

  it('gives no value to the quarters of the year that have not ended', async () => {
    const { ops } = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'targets test' });
    // 15 November 2011: only the first quarter of PY 2011 (ending 30 September) has ended.
    const { items } = await listWithStatus(ops, 2011, { seesSmallCells: true, today: new Date('2011-11-15T12:00:00Z') });
    const all = items.find((i) => i.indicator === 'employment_q2' && i.scope === 'partnership');
    expect(all?.trend.map((p) => [p.quarter, p.value])).toEqual([
      ['2011Q3', 75],
      ['2011Q4', null],
      ['2012Q1', null],
      ['2012Q2', null],
    ]);
    expect(all).toMatchObject({ actual: 75, status: 'on_track' });
  });

  it('refuses bad targets with the field at fault, and lets only directors set them', async () => {
    const missing = await put(director, { indicator: 'employment_q2', scope: 'program', programYear: 2011, target: 50 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toMatchObject([{ field: 'body.scopeKey' }]);
    const over = await put(director, { indicator: 'employment_q2', scope: 'partnership', programYear: 2011, target: 120 });
    expect((await over.json()).errors).toMatchObject([{ field: 'body.target' }]);
    const braidOnly = await put(director, {
      indicator: 'placement_rate',
      scope: 'program',
      scopeKey: 'adult',
      programYear: 2011,
      target: 50,
    });
    expect((await braidOnly.json()).errors).toMatchObject([{ field: 'body.scope' }]);
    const noOrg = await put(director, {
      indicator: 'employment_q2',
      scope: 'provider',
      scopeKey: '00000000-0000-4000-8000-000000000000',
      programYear: 2011,
      target: 50,
    });
    expect(noOrg.status).toBe(400);
    expect((await noOrg.json()).errors).toMatchObject([{ field: 'body.scopeKey', code: 'not_found' }]);
    const analyst = await t.as('analyst');
    expect((await put(analyst, { indicator: 'employment_q2', scope: 'partnership', programYear: 2011, target: 50 })).status).toBe(403);

    const list = await (await director.request('GET', '/api/outcomes/targets?programYear=2011')).json();
    const id = list.items[0].id;
    expect((await director.request('DELETE', `/api/outcomes/targets/${id}`)).status).toBe(200);
    expect((await director.request('DELETE', `/api/outcomes/targets/${id}`)).status).toBe(404);
  });
});

describe('drill-down to participants', () => {
  it('lists the participants behind a numerator or denominator for directors, audited', async () => {
    const url = '/api/outcomes/wioa/participants?programYear=2011&indicator=employment_q2';
    const num = await (await director.request('GET', `${url}&part=numerator&pageSize=5`)).json();
    // Same periods the report counts: 13 / 17 for the year (9 + 3 adults and 1 youth employed).
    expect(num).toMatchObject({ total: 13, page: 1, pageSize: 5 });
    expect(num.items).toHaveLength(5);
    expect(num.items[0]).toEqual({
      participantId: expect.any(String),
      participationId: expect.any(String),
      name: expect.any(String),
      exitDate: expect.stringMatching(/^201[01]-/),
    });
    const den = await (await director.request('GET', `${url}&part=denominator&pageSize=100`)).json();
    expect(den.total).toBe(17);
    const youth = await (await director.request('GET', `${url}&part=numerator&by=program&group=youth`)).json();
    expect(youth).toMatchObject({ total: 1, items: [{ exitDate: '2011-03-01' }] });

    const audited = await t.rt.services.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('action', '=', 'outcomes.drilldown_viewed')
      .execute();
    expect(audited.length).toBe(3);
    expect(audited.some((a) => (a.details as { participants: string[] }).participants.length === 13)).toBe(false);
    expect(audited.some((a) => (a.details as { participants: string[] }).participants.length === 5)).toBe(true);
  });

  it('gives analysts and funders counts only: no participant lists', async () => {
    for (const role of ['analyst', 'funder_viewer', 'navigator'] as const) {
      const caller = await t.as(role);
      const res = await caller.request('GET', '/api/outcomes/wioa/participants?programYear=2011&indicator=employment_q2&part=numerator');
      expect(res.status, role).toBe(403);
    }
  });
});
