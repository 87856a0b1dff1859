import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import type { OutcomeTarget } from '../../shared/schemas/outcomes.ts';
import { listWithStatus } from '../modules/outcomes/targets.service.ts';
import { makeOps } from '../platform/http.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { demo: 'full' });
});
afterAll(() => t?.close());

describe('demo targets', () => {
  it('sets targets for the previous and the current program year, measured, with a mix of statuses', async () => {
    const { ops } = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'demo targets test' });
    // The demo's "today" (demo-participants.ts): the first quarter of PY 2026 has ended.
    const today = new Date('2026-11-15T12:00:00Z');
    for (const py of [2025, 2026]) {
      const { items } = await listWithStatus(ops, py, { seesSmallCells: true, today });
      // Every target is measured, for every kind of scope and the indicators the partnership reports on.
      expect(items.filter((i) => i.actual === null)).toEqual([]);
      expect(new Set(items.map((i) => i.scope))).toEqual(new Set(['partnership', 'program', 'provider', 'initiative', 'funding_stream']));
      expect(items.filter((i) => i.scope === 'partnership').map((i) => i.indicator)).toEqual(
        expect.arrayContaining([
          'employment_q2',
          'employment_q4',
          'median_earnings_q2',
          'credential_attainment',
          'measurable_skill_gains',
          'placement_rate',
          'living_wage_share',
        ]),
      );
      expect(items.every((i) => i.scopeLabel !== null || i.scope === 'partnership')).toBe(true);
      const statuses = new Set<OutcomeTarget['status']>(items.map((i) => i.status));
      expect(statuses).toEqual(new Set(['met', 'on_track', 'at_risk']));
    }
    // PY 2025 is over: its trend has a value in every quarter, as the director's Targets screen shows it.
    const director = await t.as('director');
    const past = await (await director.request('GET', '/api/outcomes/targets?programYear=2025')).json();
    const all = past.items.find((i: OutcomeTarget) => i.indicator === 'employment_q2' && i.scope === 'partnership');
    expect(all.trend.every((p: OutcomeTarget['trend'][number]) => p.value !== null)).toBe(true);
  });
});
