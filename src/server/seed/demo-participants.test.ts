import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { DEMO_TODAY, demoUuid, prng } from './demo-participants.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { demo: 'full' });
});
afterAll(() => t?.close());

describe('demo participants', () => {
  it('is deterministic', () => {
    const a = prng(7);
    const b = prng(7);
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
    expect(demoUuid('participant:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives the navigator a caseload over three program years, with tasks, and the partner only consented records', async () => {
    const nav = await t.as('navigator');
    const list = await (await nav.request('GET', '/api/participants?pageSize=100')).json();
    expect(list.total).toBeGreaterThan(200);
    const exited = await (await nav.request('GET', '/api/participants?status=exited&pageSize=1')).json();
    expect(exited.total).toBeGreaterThan(100);
    // Every demo period belongs to the demo initiative, so the caseload filtered by it is the whole caseload.
    const [initiative] = (await (await nav.request('GET', '/api/initiatives')).json()).items;
    const inInitiative = await (await nav.request('GET', `/api/participants?pageSize=1&initiativeId=${initiative.id}`)).json();
    expect(inInitiative.total).toBeGreaterThan(200);
    const home = await (await nav.request('GET', '/api/home')).json();
    const kinds = new Set(home.tasks.map((task: { kind: string }) => task.kind));
    expect(kinds.has('follow_up_due') || kinds.has('exit_proposed')).toBe(true);
    // The follow-ups still to do are a recent backlog, not windows that closed years ago.
    const { rows: backlog } = await t.rt.services.database.executeSql(
      `SELECT count(*) FILTER (WHERE window_end < CAST($1 AS date) - 90) AS stale,
        count(*) FILTER (WHERE window_end < CAST($1 AS date)) AS overdue
       FROM follow_up WHERE status = 'scheduled'`,
      [DEMO_TODAY],
    );
    expect(Number(backlog[0].stale)).toBe(0);
    expect(Number(backlog[0].overdue)).toBeGreaterThan(0);

    const partner = await t.as('partner_staff');
    const shared = await (await partner.request('GET', '/api/participants?pageSize=5')).json();
    expect(shared.total).toBeGreaterThan(20);
    expect(shared.total).toBeLessThan(list.total + 200);
    expect(shared.items.every((i: { basis: string }) => i.basis === 'consent' || i.basis === 'owner')).toBe(true);

    const streams = await (await nav.request('GET', '/api/funding-streams')).json();
    expect(streams.map((s: { sourceType: string }) => s.sourceType)).toEqual(
      expect.arrayContaining(['wioa_adult', 'wioa_dislocated_worker', 'wioa_youth', 'tanf', 'snap_et', 'philanthropic']),
    );
    const { rows } = await t.rt.services.database.executeSql(
      `SELECT (SELECT count(*) FROM participant) AS p, (SELECT count(*) FROM credential) AS c, (SELECT count(*) FROM skill_gain) AS g,
        (SELECT count(*) FROM program_participation WHERE initiative_id IS NULL) AS unlinked,
        (SELECT count(DISTINCT extract(year FROM entry_date - interval '6 months')) FROM program_participation) AS years`,
    );
    expect(Number(rows[0].p)).toBe(400);
    expect(Number(rows[0].c)).toBeGreaterThan(50);
    expect(Number(rows[0].g)).toBeGreaterThan(50);
    expect(Number(rows[0].unlinked)).toBe(0);
    expect(Number(rows[0].years)).toBeGreaterThanOrEqual(3);
  });
});
