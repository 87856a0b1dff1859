import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../tests/support/app.ts';

// The demo's partnership workspace, read back through the API as the director and the chair see it.

let t: TestApp;
let director: Caller;
let board: Caller;
beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  board = await t.as('board_member');
});
afterAll(() => t?.close());

const get = async (who: Caller, url: string) => {
  const res = await who.request('GET', url);
  expect(res.status, url).toBe(200);
  return res.json();
};

describe('demo partnership workspace', () => {
  it("leaves no organization incomplete, so the director's home starts with real work", async () => {
    const home = await get(director, '/api/home');
    expect(home.tasks.filter((task: { kind: string }) => task.kind === 'organization_incomplete')).toEqual([]);
  });

  it('has the initiative with its region and partners', async () => {
    const list = await get(director, '/api/initiatives');
    const initiative = list.items.find((i: { name: string }) => i.name === 'Northeast Ohio Healthcare Careers');
    expect(initiative.region.map((j: { code: string }) => j.code).sort()).toEqual(['39035', '39085', '39093']);
    expect(initiative.partnerCount).toBe(12);
    const bodies = await get(director, `/api/governance/bodies?initiativeId=${initiative.id}`);
    expect(
      bodies.items.map((b: { name: string; currentSeats: number; currentVotingSeats: number }) => [
        b.name,
        b.currentSeats,
        b.currentVotingSeats,
      ]),
    ).toEqual([
      ['Employer Council', 5, 4],
      ['Steering Committee', 9, 7],
    ]);
  });

  it('has a year of steering meetings with minutes, approved by the following meeting', async () => {
    const bodies = await get(director, '/api/governance/bodies?q=Steering');
    const meetings = await get(director, `/api/governance/meetings?bodyId=${bodies.items[0].id}&pageSize=100`);
    const closed = meetings.items.filter((m: { status: string }) => m.status === 'closed');
    expect(closed).toHaveLength(12);
    expect(closed.filter((m: { minutesStatus: string }) => m.minutesStatus === 'approved')).toHaveLength(11);
    expect(meetings.items.filter((m: { status: string }) => m.status === 'scheduled')).toHaveLength(1);
  });

  it('selected a provider by motion, with the chair recused for a declared interest', async () => {
    const solicitations = await get(director, '/api/governance/solicitations');
    const s = solicitations.items[0];
    expect(s.status).toBe('awarded');
    const ranking = await get(board, `/api/governance/solicitations/${s.id}/ranking`);
    expect(ranking.items[0]).toMatchObject({
      rank: 1,
      proposal: { id: s.awardedProposalId, organization: { name: 'El Puente Family Services' } },
    });
    expect(ranking.items[0].recusedReviewers.map((r: { reviewer: { name: string } }) => r.reviewer.name)).toEqual(['Robert Hayes']);
    const awards = await get(board, '/api/governance/decisions?kind=award');
    const motion = await get(board, `/api/governance/motions/${awards.items[0].motionId}`);
    expect(motion.recusals).toHaveLength(1);
    expect(motion.recusals[0]).toMatchObject({
      user: { name: 'Robert Hayes' },
      present: true,
      reasons: [{ source: 'declaration', kind: 'family' }],
    });
    expect(motion.tally).toMatchObject({ status: 'passed', yes: 3, no: 1, recused: 1, eligible: 4 });
  });

  it('shows a failed motion (a tie) and the chair a reminder to re-declare', async () => {
    const failed = await get(director, '/api/governance/decisions?kind=motion&q=wage floor');
    expect(failed.items[0].detail).toBe('failed (tie)');
    const home = await get(board, '/api/home');
    expect(home.tasks.map((x: { kind: string }) => x.kind)).toContain('interest_redeclaration_due');
  });

  it('has two strategies with milestones and a handful of TA requests', async () => {
    const strategies = await get(director, '/api/strategies');
    expect(strategies.total).toBe(2);
    for (const s of strategies.items) expect(s.progress.milestones).toBeGreaterThanOrEqual(3);
    const requests = await get(director, '/api/ta/requests');
    expect(requests.total).toBe(6);
    const needs = await get(director, '/api/ta/needs');
    expect(needs.byTopic.find((x: { topic: string }) => x.topic === 'data_and_reporting').recurring).toBe(true);
  });
});
