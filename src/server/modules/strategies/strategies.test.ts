import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
const c: Record<string, Caller> = {};
const users: Record<string, string> = {};

async function call(who: Caller, method: string, url: string, body?: unknown, status = 200) {
  const res = await who.request(method, url, body);
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : null;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['director', 'analyst', 'navigator', 'board_member', 'funder_viewer'] as const) c[role] = await t.as(role);
  for (const u of (await call(c.director, 'GET', '/api/users?pageSize=100')).items) users[u.email] = u.id;
});
afterAll(() => t?.close());

describe('systems-change strategies', () => {
  let id: string;
  let objectiveId: string;
  let initiativeId: string;
  const milestones: Record<string, string> = {};

  it('creates a strategy with objectives, owners and named indicators', async () => {
    const initiative = await call(
      c.director,
      'POST',
      '/api/initiatives',
      {
        name: 'Strategy test initiative',
        sector: 'Healthcare',
        naicsCodes: ['62'],
        startsOn: '2026-01-01',
        region: [{ kind: 'state', code: 'OH' }],
      },
      201,
    );
    const s = await call(
      c.director,
      'POST',
      '/api/strategies',
      {
        initiativeId: initiative.id,
        title: 'Align hospital hiring with credentials',
        status: 'active',
        ownerId: users['director@demo.braid.test'],
        startsOn: day(-120),
        endsOn: day(365),
        objectives: [{ title: 'Common skills-based job descriptions', ownerId: users['analyst@demo.braid.test'] }],
        indicators: ['Employers using skills-based postings', 'Median time to hire'],
      },
      201,
    );
    id = s.id;
    initiativeId = initiative.id;
    objectiveId = s.objectives[0].id;
    expect(s.objectives[0].owner).toEqual({ id: users['analyst@demo.braid.test'], name: 'Tom Kowalski' });
    expect(s.indicators.map((i: { name: string; indicatorId: string | null }) => [i.name, i.indicatorId])).toEqual([
      ['Employers using skills-based postings', null],
      ['Median time to hire', null],
    ]);
    const byInitiative = await call(c.board_member, 'GET', `/api/strategies?initiativeId=${initiative.id}`);
    expect(byInitiative.items.map((x: { id: string }) => x.id)).toEqual([id]);
    await call(c.board_member, 'POST', '/api/strategies', { title: 'Mine' }, 403);
  });

  it('tracks milestones with due dates and status, and shows overdue ones', async () => {
    const add = async (key: string, body: Record<string, unknown>) => {
      milestones[key] = (await call(c.director, 'POST', `/api/strategies/${id}/milestones`, body, 201)).id;
    };
    await add('late', { title: 'Draft job descriptions', dueOn: day(-30), objectiveId, ownerId: users['analyst@demo.braid.test'] });
    await add('done', { title: 'Convene HR leads', dueOn: day(-60), status: 'done' });
    await add('next', { title: 'Pilot at two hospitals', dueOn: day(45), status: 'in_progress' });
    const s = await call(c.funder_viewer, 'GET', `/api/strategies/${id}`);
    expect(s.progress).toEqual({ milestones: 3, done: 1, overdue: 1, atRisk: 0, percentDone: 33 });
    expect(s.nextMilestone).toMatchObject({ id: milestones.late, title: 'Draft job descriptions' });
    expect(s.milestones.find((m: { id: string }) => m.id === milestones.late).overdue).toBe(true);
    const overdue = await call(c.board_member, 'GET', `/api/strategies/milestones?overdue=true&initiativeId=${initiativeId}`);
    expect(overdue.items.map((m: { id: string; strategyTitle: string }) => [m.id, m.strategyTitle])).toEqual([
      [milestones.late, 'Align hospital hiring with credentials'],
    ]);
    const bad = await call(
      c.director,
      'POST',
      `/api/strategies/${id}/milestones`,
      { title: 'x', dueOn: day(1), objectiveId: milestones.late },
      400,
    );
    expect(bad.errors[0].field).toBe('body.objectiveId');
  });

  it('takes progress with evidence from the owner of the work, moving the milestone', async () => {
    const update = await call(
      c.analyst,
      'POST',
      `/api/strategies/${id}/updates`,
      {
        summary: 'Four hospitals adopted the shared descriptions.',
        occurredOn: day(-1),
        milestoneId: milestones.late,
        milestoneStatus: 'done',
        evidence: [{ label: 'Signed adoption letters', url: 'https://example.org/letters.pdf' }, { label: 'HR council minutes' }],
      },
      201,
    );
    expect(update).toMatchObject({ author: { name: 'Tom Kowalski' }, milestoneStatus: 'done', milestone: { id: milestones.late } });
    expect(update.evidence).toEqual([
      { label: 'Signed adoption letters', url: 'https://example.org/letters.pdf' },
      { label: 'HR council minutes', url: null },
    ]);
    const s = await call(c.director, 'GET', `/api/strategies/${id}`);
    expect(s.milestones.find((m: { id: string }) => m.id === milestones.late)).toMatchObject({
      status: 'done',
      completedOn: day(-1),
      overdue: false,
    });
    expect(s.progress).toMatchObject({ done: 2, overdue: 0, percentDone: 67 });
    expect(s.lastUpdateOn).toBe(day(-1));
  });

  it('refuses progress from someone who does not own the work, and unsafe evidence links', async () => {
    const refused = await call(c.navigator, 'POST', `/api/strategies/${id}/updates`, { summary: 'x', occurredOn: day(0) }, 403);
    expect(refused.code).toBe('forbidden');
    await call(c.funder_viewer, 'POST', `/api/strategies/${id}/updates`, { summary: 'x', occurredOn: day(0) }, 403);
    const link = await call(
      c.director,
      'POST',
      `/api/strategies/${id}/updates`,
      { summary: 'x', occurredOn: day(0), evidence: [{ label: 'x', url: 'javascript:alert(1)' }] },
      400,
    );
    expect(link.errors[0].field).toMatch(/^body\.evidence\.0\.url/);
    const noMilestone = await call(
      c.director,
      'POST',
      `/api/strategies/${id}/updates`,
      { summary: 'x', occurredOn: day(0), milestoneStatus: 'done' },
      400,
    );
    expect(noMilestone.errors[0].field).toBe('body.milestoneId');
  });

  it('lays everything out on a timeline in date order', async () => {
    await call(c.director, 'POST', `/api/strategies/${id}/updates`, { summary: 'Kick-off with HR council', occurredOn: day(-100) }, 201);
    const tl = await call(c.board_member, 'GET', `/api/strategies/${id}/timeline`);
    const dates = tl.items.map((i: { date: string }) => i.date);
    expect(dates).toEqual([...dates].sort());
    expect(tl.items[0]).toMatchObject({ kind: 'strategy_start', date: day(-120) });
    expect(tl.items.at(-1)).toMatchObject({ kind: 'strategy_end', date: day(365) });
    expect(
      tl.items
        .filter((i: { kind: string }) => i.kind === 'milestone_done')
        .map((i: { milestoneId: string }) => i.milestoneId)
        .sort(),
    ).toEqual([milestones.late, milestones.done].sort());
    expect(tl.items.filter((i: { kind: string }) => i.kind === 'update')).toHaveLength(2);
    const updates = await call(c.board_member, 'GET', `/api/strategies/${id}/updates?milestoneId=${milestones.late}`);
    expect(updates.total).toBe(1);
  });

  it('renames indicators, keeping the ones that stay', async () => {
    const before = await call(c.director, 'GET', `/api/strategies/${id}`);
    const kept = before.indicators.find((i: { name: string }) => i.name === 'Median time to hire').id;
    const after = await call(c.director, 'PUT', `/api/strategies/${id}/indicators`, {
      names: ['Median time to hire', 'Credential attainment'],
    });
    expect(after.indicators.map((i: { name: string }) => i.name)).toEqual(['Credential attainment', 'Median time to hire']);
    expect(after.indicators.find((i: { name: string }) => i.name === 'Median time to hire').id).toBe(kept);
  });
});
