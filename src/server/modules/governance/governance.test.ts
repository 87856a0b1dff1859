import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { makeOps } from '../../platform/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo-partnership.ts';
import { createWithPassword } from '../users/users.service.ts';

// Governance against a real database: quorum, passing rules, automatic recusal for votes and scores,
// refused votes, proposal ranking, and what a board member may see.

let t: TestApp;
const c: Record<string, Caller> = {};
const ids: Record<string, string> = {};
const orgs: Record<string, string> = {};
const seats: Record<string, string> = {};

async function call(who: Caller, method: string, url: string, body?: unknown, status = 200) {
  const res = await who.request(method, url, body);
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : null;
}

const TODAY = new Date().toISOString().slice(0, 10);
const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  c.director = await t.as('director');
  for (const role of ['board_member', 'employer_user', 'funder_viewer', 'partner_staff', 'analyst'] as const) c[role] = await t.as(role);
  const page = await call(c.director, 'GET', '/api/organizations?pageSize=100');
  for (const o of page.items) orgs[o.name] = o.id;
  const { ops } = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'governance test' });
  const extra = [
    ['m1', 'Tri-County Workforce'],
    ['m2', 'Healthcare Workers Local'],
    ['m3', 'Lakeshore Health'],
    ['m4', 'Tri-County American'],
    ['m5', 'Lakeshore Health'],
  ];
  await ops.tx(async (tx) => {
    for (const [key, orgName] of extra) {
      const organizationId = Object.entries(orgs).find(([n]) => n.startsWith(orgName))?.[1];
      ids[key] = await createWithPassword(ops, tx, {
        email: `${key}@gov.test`,
        name: `Member ${key.toUpperCase()}`,
        password: DEMO_PASSWORD,
        organizationId: organizationId as string,
        role: 'board_member',
      });
    }
  });
  for (const key of ['m1', 'm2', 'm3', 'm4', 'm5']) c[key] = await t.as(`${key}@gov.test`);
  const users = await call(c.director, 'GET', '/api/users?pageSize=100');
  for (const u of users.items) ids[u.email] = u.id;
});
afterAll(() => t?.close());

const org = (prefix: string) => Object.entries(orgs).find(([n]) => n.startsWith(prefix))?.[1] as string;
const userId = (email: string) => ids[email];

describe('bodies, seats and who sees them', () => {
  it('creates a steering committee with 7 voting seats and 1 non-voting seat, and another body', async () => {
    const body = await call(
      c.director,
      'POST',
      '/api/governance/bodies',
      {
        name: 'Test Steering Committee',
        kind: 'steering_committee',
        charter: 'Sets direction.',
        quorumRule: { kind: 'majority' },
        passingRule: 'majority_of_votes_cast',
      },
      201,
    );
    ids.bodyA = body.id;
    const voting: [string, string | undefined][] = [
      ['board', userId('board@demo.braid.test')],
      ['employer', userId('employer@demo.braid.test')],
      ['funder', userId('funder@demo.braid.test')],
      ['m1', ids.m1],
      ['m2', ids.m2],
      ['m3', ids.m3],
      ['m4', ids.m4],
    ];
    for (const [key, uid] of voting) {
      const seat = await call(
        c.director,
        'POST',
        `/api/governance/bodies/${body.id}/seats`,
        { userId: uid, voting: true, termStartsOn: '2026-01-01' },
        201,
      );
      seats[key] = seat.id;
    }
    seats.partner = (
      await call(
        c.director,
        'POST',
        `/api/governance/bodies/${body.id}/seats`,
        { userId: userId('partner@demo.braid.test'), voting: false, termStartsOn: '2026-01-01' },
        201,
      )
    ).id;
    const overlap = await c.director.request('POST', `/api/governance/bodies/${body.id}/seats`, {
      userId: ids.m1,
      voting: true,
      termStartsOn: '2026-06-01',
    });
    expect(overlap.status).toBe(409);
    const got = await call(c.director, 'GET', `/api/governance/bodies/${body.id}`);
    expect(got).toMatchObject({ currentSeats: 8, currentVotingSeats: 7, mySeat: null });

    const other = await call(c.director, 'POST', '/api/governance/bodies', { name: 'Other Council', kind: 'working_group' }, 201);
    ids.bodyB = other.id;
    await call(
      c.director,
      'POST',
      `/api/governance/bodies/${other.id}/seats`,
      { userId: ids.m5, voting: true, termStartsOn: '2026-01-01' },
      201,
    );
  });

  it('shows a board member only the bodies they sit on; others answer 404', async () => {
    const mine = await call(c.board_member, 'GET', '/api/governance/bodies');
    const names = mine.items.map((b: { name: string }) => b.name);
    expect(names).toContain('Test Steering Committee');
    expect(names).not.toContain('Other Council');
    expect(mine.items.find((b: { name: string }) => b.name === 'Test Steering Committee').mySeat).toEqual({
      id: seats.board,
      voting: true,
    });
    await call(c.board_member, 'GET', `/api/governance/bodies/${ids.bodyB}`, undefined, 404);
    await call(c.board_member, 'GET', `/api/governance/bodies/${ids.bodyB}/seats`, undefined, 404);
    await call(c.m5, 'GET', `/api/governance/bodies/${ids.bodyA}`, undefined, 404);
    await call(c.board_member, 'POST', '/api/governance/bodies', { name: 'Mine', kind: 'other' }, 403);
  });
});

describe('a meeting: quorum, votes and refusals', () => {
  it('computes quorum live from attendance', async () => {
    const m = await call(
      c.director,
      'POST',
      `/api/governance/bodies/${ids.bodyA}/meetings`,
      {
        title: 'December meeting',
        startsAt: soon(0),
        location: 'Room 4',
        agenda: [{ title: 'Work plan' }, { title: 'Minutes', durationMinutes: 5 }],
      },
      201,
    );
    ids.meeting1 = m.id;
    expect(m.agenda.map((a: { position: number; title: string }) => `${a.position} ${a.title}`)).toEqual(['1 Work plan', '2 Minutes']);
    expect(m.quorum).toEqual({ votingSeats: 7, present: 0, required: 4, met: false });
    const after = await call(c.director, 'PUT', `/api/governance/meetings/${m.id}/attendance`, {
      entries: [
        { seatId: seats.board, status: 'present' },
        { seatId: seats.employer, status: 'present' },
        { seatId: seats.funder, status: 'present' },
        { seatId: seats.partner, status: 'present' },
        { seatId: seats.m4, status: 'absent' },
      ],
    });
    // The non-voting seat is present but does not count toward quorum.
    expect(after.quorum).toEqual({ votingSeats: 7, present: 3, required: 4, met: false });
    await call(c.director, 'POST', `/api/governance/meetings/${m.id}/open`);
    const motion = await call(c.director, 'POST', `/api/governance/meetings/${m.id}/motions`, { title: 'Adopt the 2027 work plan' }, 201);
    ids.motion1 = motion.id;
    expect((await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`, undefined, 409)).code).toBe('quorum_not_met');

    const checkedIn = await call(c.m1, 'POST', `/api/governance/meetings/${m.id}/check-in`);
    expect(checkedIn.quorum).toEqual({ votingSeats: 7, present: 4, required: 4, met: true });
    expect(checkedIn.mySeatId).toBe(seats.m1);
  });

  it('refuses votes before voting opens, by non-members, by non-voting seats and by absent members', async () => {
    expect((await call(c.board_member, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' }, 409)).code).toBe(
      'voting_not_open',
    );
    await call(c.director, 'POST', `/api/governance/motions/${ids.motion1}/open`);
    const director = await call(c.director, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' }, 403);
    expect(director.code).toBe('not_a_member');
    expect(director.type).toBe('https://braid.dev/problems/not_a_member');
    expect((await call(c.partner_staff, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' }, 403)).code).toBe(
      'non_voting_seat',
    );
    expect((await call(c.m4, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' }, 409)).code).toBe('not_present');
    // Someone on another body cannot even see the motion.
    await call(c.m5, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' }, 404);
    const motion = await call(c.partner_staff, 'GET', `/api/governance/motions/${ids.motion1}`);
    expect(motion.me).toEqual({ seatId: seats.partner, vote: null, canVote: false, reason: 'non_voting_seat' });
  });

  it('computes the outcome from the votes: a tie is failing, abstentions are not votes cast', async () => {
    await call(c.board_member, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' });
    let m = await call(c.employer_user, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'no' });
    expect(m.tally).toMatchObject({ status: 'pending', projected: 'failed', reason: 'tie', yes: 1, no: 1, eligible: 4, notVoted: 2 });
    await call(c.funder_viewer, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'abstain' });
    m = await call(c.m1, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'yes' });
    expect(m.tally).toMatchObject({
      status: 'pending',
      projected: 'passed',
      yes: 2,
      no: 1,
      abstain: 1,
      votesCast: 3,
      votesNeeded: 2,
      notVoted: 0,
    });
    expect(m.me).toMatchObject({ seatId: seats.m1, vote: 'yes', canVote: true, reason: null });
    const closed = await call(c.director, 'POST', `/api/governance/motions/${ids.motion1}/close`);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'passed' });
    expect(closed.tally).toMatchObject({ status: 'passed', yes: 2, no: 1, abstain: 1, recused: 0 });
    expect((await call(c.m1, 'PUT', `/api/governance/motions/${ids.motion1}/vote`, { value: 'no' }, 409)).code).toBe('voting_closed');
  });

  it('lets a member change their vote while voting is open, and keeps the change in the trail', async () => {
    const m = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting1}/motions`, { title: 'Change of heart' }, 201);
    await call(c.director, 'POST', `/api/governance/motions/${m.id}/open`);
    await call(c.employer_user, 'PUT', `/api/governance/motions/${m.id}/vote`, { value: 'no' });
    const after = await call(c.employer_user, 'PUT', `/api/governance/motions/${m.id}/vote`, { value: 'yes' });
    expect(after.tally).toMatchObject({ yes: 1, no: 0 });
    const trail = await call(c.board_member, 'GET', `/api/governance/decisions/trail?entityType=motion&entityId=${m.id}`);
    const votes = trail.items
      .filter((e: { action: string }) => e.action === 'vote.cast')
      .map((e: { details: { value: string; previous: string | null } }) => e.details);
    expect(votes).toEqual([
      expect.objectContaining({ value: 'no', previous: null }),
      expect.objectContaining({ value: 'yes', previous: 'no' }),
    ]);
    ids.motionChange = m.id;
  });
});

describe('conflicts of interest: automatic recusal', () => {
  it('recuses a member who declared an interest in an organization the motion concerns', async () => {
    const college = org('Western Reserve');
    const d = await call(
      c.board_member,
      'POST',
      '/api/governance/declarations',
      { organizationId: college, kind: 'board_seat', description: 'Trustee', startsOn: TODAY },
      201,
    );
    ids.boardDeclaration = d.id;
    expect(d).toMatchObject({ active: true, kind: 'board_seat', organization: { id: college } });

    const motion = await call(
      c.director,
      'POST',
      `/api/governance/meetings/${ids.meeting1}/motions`,
      { title: '=HYPERLINK("https://evil.example","Approve the college contract")', organizationIds: [college] },
      201,
    );
    ids.motionCollege = motion.id;
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`);
    const live = await call(c.employer_user, 'GET', `/api/governance/motions/${motion.id}`);
    expect(live.recusals).toEqual([
      {
        seatId: seats.board,
        user: { id: userId('board@demo.braid.test'), name: 'Robert Hayes' },
        present: true,
        reasons: [
          { source: 'declaration', kind: 'board_seat', organizationId: college, organizationName: 'Western Reserve Community College' },
        ],
      },
    ]);
    // Four voting members present, one recused: three eligible.
    expect(live.tally).toMatchObject({ recused: 1, eligible: 3 });

    const refused = await call(c.board_member, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' }, 403);
    expect(refused.code).toBe('recused');
    expect(refused.title).toMatch(/Western Reserve Community College/);
    const mine = await call(c.board_member, 'GET', `/api/governance/motions/${motion.id}`);
    expect(mine.me).toMatchObject({ canVote: false, reason: 'recused' });

    await call(c.employer_user, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' });
    await call(c.funder_viewer, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'no' });
    await call(c.m1, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' });
    const closed = await call(c.director, 'POST', `/api/governance/motions/${motion.id}/close`);
    expect(closed.tally).toMatchObject({ status: 'passed', yes: 2, no: 1, recused: 1, eligible: 3, votesNeeded: 2 });
    expect(closed.votes.find((v: { seatId: string }) => v.seatId === seats.board)).toMatchObject({ value: 'recused', counted: false });
    expect(closed.recusals[0].reasons[0].kind).toBe('board_seat');
  });

  it('recuses a member for the organization they represent or belong to, and a late vote stops counting', async () => {
    const wdb = org('Tri-County Workforce');
    const motion = await call(
      c.director,
      'POST',
      `/api/governance/meetings/${ids.meeting1}/motions`,
      { title: 'Data-sharing agreement with the WDB', organizationIds: [wdb] },
      201,
    );
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`);
    // M1 works at the WDB (membership in Braid): recused without declaring anything.
    const live = await call(c.director, 'GET', `/api/governance/motions/${motion.id}`);
    expect(live.recusals.map((r: { seatId: string; reasons: { source: string }[] }) => [r.seatId, r.reasons[0].source])).toEqual([
      [seats.m1, 'membership'],
    ]);

    // The employer votes, then declares an interest in the WDB: the vote no longer counts.
    await call(c.employer_user, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' });
    const d = await call(
      c.employer_user,
      'POST',
      '/api/governance/declarations',
      { organizationId: wdb, kind: 'family', startsOn: '2020-01-01' },
      201,
    );
    ids.employerDeclaration = d.id;
    const after = await call(c.director, 'GET', `/api/governance/motions/${motion.id}`);
    expect(after.tally).toMatchObject({ yes: 0, recused: 2 });
    expect(after.votes.find((v: { seatId: string }) => v.seatId === seats.employer)).toMatchObject({ value: 'yes', counted: false });
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/withdraw`);
  });
});

describe('a board member sees only their own declarations', () => {
  it('lists only their own; others answer 404; only the declarer changes one', async () => {
    const mine = await call(c.board_member, 'GET', '/api/governance/declarations');
    expect(mine.items.map((d: { id: string }) => d.id)).toContain(ids.boardDeclaration);
    expect(new Set(mine.items.map((d: { user: { id: string } }) => d.user.id))).toEqual(new Set([userId('board@demo.braid.test')]));
    await call(c.board_member, 'GET', `/api/governance/declarations/${ids.employerDeclaration}`, undefined, 404);
    await call(c.board_member, 'PATCH', `/api/governance/declarations/${ids.employerDeclaration}`, { endsOn: TODAY }, 404);
    const all = await call(c.director, 'GET', '/api/governance/declarations?pageSize=100');
    expect(all.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([ids.boardDeclaration, ids.employerDeclaration]));
    await call(c.director, 'GET', `/api/governance/declarations/${ids.boardDeclaration}`);
    // Narrowed to an initiative: interests in its partner organizations.
    const demo = (await call(c.director, 'GET', '/api/initiatives?q=Northeast Ohio')).items[0];
    const inDemo = await call(c.director, 'GET', `/api/governance/declarations?pageSize=100&initiativeId=${demo.id}`);
    expect(inDemo.items.map((d: { id: string }) => d.id)).toContain(ids.boardDeclaration);
    const other = await call(
      c.director,
      'POST',
      '/api/initiatives',
      { name: 'Empty', sector: 'x', naicsCodes: ['62'], startsOn: '2026-01-01', region: [{ kind: 'state', code: 'OH' }] },
      201,
    );
    expect((await call(c.director, 'GET', `/api/governance/declarations?initiativeId=${other.id}`)).total).toBe(0);
    await call(c.director, 'PATCH', `/api/governance/declarations/${ids.boardDeclaration}`, { description: 'edited' }, 403);
    const bad = await call(c.board_member, 'PATCH', `/api/governance/declarations/${ids.boardDeclaration}`, { endsOn: '2000-01-01' }, 400);
    expect(bad.errors[0].field).toBe('body.endsOn');
  });
});

describe('closing the meeting', () => {
  it('closes open votes with their computed outcome, then refuses votes and attendance', async () => {
    const motion = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting1}/motions`, { title: 'Late motion' }, 201);
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`);
    await call(c.m1, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' });
    const never = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting1}/motions`, { title: 'Never opened' }, 201);
    const closed = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting1}/close`);
    expect(closed.status).toBe('closed');
    const byTitle = Object.fromEntries(
      closed.motions.map((m: { title: string; status: string; outcome: string }) => [m.title, `${m.status}/${m.outcome}`]),
    );
    expect(byTitle['Late motion']).toBe('closed/passed');
    expect(byTitle['Never opened']).toBe('withdrawn/null');
    expect(byTitle['Change of heart']).toBe('closed/passed');
    const refused = await call(c.m1, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'no' }, 409);
    expect(refused.code).toBe('voting_closed');
    expect(refused.title).toMatch(/meeting is closed/);
    await call(c.m1, 'PUT', `/api/governance/motions/${never.id}/vote`, { value: 'no' }, 409);
    await call(
      c.director,
      'PUT',
      `/api/governance/meetings/${ids.meeting1}/attendance`,
      { entries: [{ seatId: seats.m4, status: 'present' }] },
      409,
    );
  });
});

describe('minutes approved by a later motion', () => {
  it('approves draft minutes of an earlier meeting; approved minutes are final', async () => {
    const draft = await call(c.director, 'PATCH', `/api/governance/meetings/${ids.meeting1}`, {
      minutes: 'Present: four voting members. The work plan passed.',
    });
    expect(draft.minutesStatus).toBe('draft');
    const m2 = await call(
      c.director,
      'POST',
      `/api/governance/bodies/${ids.bodyA}/meetings`,
      { title: 'January meeting', startsAt: soon(60) },
      201,
    );
    ids.meeting2 = m2.id;
    const backwards = await call(
      c.director,
      'POST',
      `/api/governance/meetings/${ids.meeting1}/motions`,
      { kind: 'approve_minutes', title: 'x', minutesMeetingId: m2.id },
      409,
    );
    expect(backwards.code).toBe('conflict'); // meeting 1 is closed: no more motions there
    const approve = await call(
      c.director,
      'POST',
      `/api/governance/meetings/${m2.id}/motions`,
      { kind: 'approve_minutes', title: 'Approve the December minutes', minutesMeetingId: ids.meeting1 },
      201,
    );
    await call(c.director, 'POST', `/api/governance/meetings/${m2.id}/open`);
    await call(c.director, 'PUT', `/api/governance/meetings/${m2.id}/attendance`, {
      entries: ['board', 'employer', 'funder', 'm2', 'm3'].map((k) => ({ seatId: seats[k], status: 'present' })),
    });
    await call(c.director, 'POST', `/api/governance/motions/${approve.id}/open`);
    for (const who of ['board_member', 'employer_user', 'm2'])
      await call(c[who], 'PUT', `/api/governance/motions/${approve.id}/vote`, { value: 'yes' });
    await call(c.director, 'POST', `/api/governance/motions/${approve.id}/close`);
    const m1 = await call(c.board_member, 'GET', `/api/governance/meetings/${ids.meeting1}`);
    expect(m1).toMatchObject({ minutesStatus: 'approved', minutesApprovedBy: approve.id });
    await call(c.director, 'PATCH', `/api/governance/meetings/${ids.meeting1}`, { minutes: 'rewritten' }, 409);
  });
});

describe('passing rules set on the body', () => {
  it('two thirds and consensus, computed on the same votes', async () => {
    const run = async (rule: string, votes: Record<string, string>) => {
      await call(c.director, 'PATCH', `/api/governance/bodies/${ids.bodyA}`, { passingRule: rule });
      const m = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting2}/motions`, { title: `Under ${rule}` }, 201);
      await call(c.director, 'POST', `/api/governance/motions/${m.id}/open`);
      for (const [who, value] of Object.entries(votes)) await call(c[who], 'PUT', `/api/governance/motions/${m.id}/vote`, { value });
      return (await call(c.director, 'POST', `/api/governance/motions/${m.id}/close`)).tally;
    };
    expect(await run('two_thirds', { board_member: 'yes', employer_user: 'yes', m2: 'no', m3: 'abstain' })).toMatchObject({
      status: 'passed',
      votesCast: 3,
      votesNeeded: 2,
    });
    expect(await run('two_thirds', { board_member: 'yes', employer_user: 'no', m2: 'no', m3: 'yes' })).toMatchObject({
      status: 'failed',
      reason: 'tie',
    });
    expect(await run('consensus', { board_member: 'yes', employer_user: 'yes', m2: 'abstain', m3: 'yes' })).toMatchObject({
      status: 'passed',
    });
    expect(await run('consensus', { board_member: 'yes', employer_user: 'yes', m2: 'no', m3: 'yes' })).toMatchObject({
      status: 'failed',
      reason: 'objection',
    });
    await call(c.director, 'PATCH', `/api/governance/bodies/${ids.bodyA}`, { passingRule: 'majority_of_votes_cast' });
  });
});

describe('choosing a service provider', () => {
  const criteria = [
    { name: 'Quality of approach', weight: 50, maxScore: 5 },
    { name: 'Cost', weight: 30, maxScore: 10 },
    { name: 'Reach into the community', weight: 20, maxScore: 5 },
  ];
  const proposals: Record<string, string> = {};
  let crit: { id: string }[];

  it('runs a solicitation with weighted criteria and reviewers', async () => {
    const s = await call(
      c.director,
      'POST',
      '/api/governance/solicitations',
      {
        bodyId: ids.bodyA,
        title: 'Career coaching provider',
        scope: 'Career coaching for 200 participants a year.',
        deadline: soon(7 * 24 * 60),
        criteria,
        reviewerIds: [userId('director@demo.braid.test'), userId('board@demo.braid.test'), ids.m2],
      },
      201,
    );
    ids.solicitation = s.id;
    crit = s.criteria;
    expect(s).toMatchObject({ status: 'draft', proposalCount: 0 });
    await call(c.director, 'POST', `/api/governance/solicitations/${s.id}/proposals`, { organizationId: org('Eastside'), title: 'x' }, 409);
    await call(c.director, 'POST', `/api/governance/solicitations/${s.id}/publish`);
    for (const [key, prefix] of [
      ['college', 'Western Reserve'],
      ['eastside', 'Eastside'],
      ['northshore', 'Northshore'],
    ]) {
      proposals[key] = (
        await call(
          c.director,
          'POST',
          `/api/governance/solicitations/${s.id}/proposals`,
          { organizationId: org(prefix), title: `${prefix} coaching`, amountCents: 12_000_000 },
          201,
        )
      ).id;
    }
    await call(
      c.director,
      'POST',
      `/api/governance/solicitations/${s.id}/proposals`,
      { organizationId: org('Eastside'), title: 'again' },
      409,
    );
    const early = await call(
      c.m2,
      'PUT',
      `/api/governance/proposals/${proposals.college}/scores`,
      { scores: [{ criterionId: crit[0].id, score: 3 }] },
      409,
    );
    expect(early.code).toBe('conflict');
    await call(c.director, 'POST', `/api/governance/solicitations/${s.id}/close`);
    const late = await call(
      c.director,
      'POST',
      `/api/governance/solicitations/${s.id}/proposals`,
      { organizationId: org('Lake Regional'), title: 'late' },
      409,
    );
    expect(late.code).toBe('deadline_passed');
  });

  it('recuses a reviewer with an interest in the proposer, refuses non-reviewers, and limits visibility', async () => {
    const scores = (values: number[]) => ({ scores: values.map((score, i) => ({ criterionId: crit[i].id, score })) });
    const recused = await call(c.board_member, 'PUT', `/api/governance/proposals/${proposals.college}/scores`, scores([5, 10, 5]), 403);
    expect(recused.code).toBe('recused');
    expect((await call(c.m3, 'PUT', `/api/governance/proposals/${proposals.college}/scores`, scores([5, 10, 5]), 403)).code).toBe(
      'not_a_reviewer',
    );
    await call(c.m5, 'GET', `/api/governance/solicitations/${ids.solicitation}`, undefined, 404);
    await call(c.m5, 'PUT', `/api/governance/proposals/${proposals.college}/scores`, scores([5, 10, 5]), 404);
    const tooHigh = await call(c.m2, 'PUT', `/api/governance/proposals/${proposals.college}/scores`, scores([6, 10, 5]), 400);
    expect(tooHigh.errors[0]).toMatchObject({ field: 'body.scores.0.score', code: 'too_big' });

    await call(c.director, 'PUT', `/api/governance/proposals/${proposals.college}/scores`, scores([5, 10, 5]));
    await call(c.director, 'PUT', `/api/governance/proposals/${proposals.eastside}/scores`, scores([3, 6, 3]));
    await call(c.director, 'PUT', `/api/governance/proposals/${proposals.northshore}/scores`, scores([4, 8, 4]));
    await call(c.board_member, 'PUT', `/api/governance/proposals/${proposals.eastside}/scores`, scores([5, 10, 5]));
    await call(c.board_member, 'PUT', `/api/governance/proposals/${proposals.northshore}/scores`, scores([2, 4, 2]));
    for (const p of ['college', 'eastside', 'northshore'])
      await call(c.m2, 'PUT', `/api/governance/proposals/${proposals[p]}/scores`, scores([4, 8, 4]));
    const own = await call(c.m2, 'GET', `/api/governance/proposals/${proposals.eastside}/scores`);
    expect(new Set(own.items.map((s: { reviewer: { id: string } }) => s.reviewer.id))).toEqual(new Set([ids.m2]));
    const all = await call(c.director, 'GET', `/api/governance/proposals/${proposals.eastside}/scores`);
    expect(all.items).toHaveLength(9);
  });

  it('ranks proposals by weighted score', async () => {
    const ranking = await call(c.m3, 'GET', `/api/governance/solicitations/${ids.solicitation}/ranking`);
    expect(
      ranking.items.map((i: { rank: number; proposal: { id: string }; weightedScore: number }) => [i.rank, i.proposal.id, i.weightedScore]),
    ).toEqual([
      [1, proposals.college, 90],
      [2, proposals.eastside, 80],
      [3, proposals.northshore, 66.67],
    ]);
    const college = ranking.items[0];
    expect(college.reviewersScored).toBe(2);
    expect(college.recusedReviewers).toEqual([
      {
        reviewer: { id: userId('board@demo.braid.test'), name: 'Robert Hayes' },
        reasons: [expect.objectContaining({ kind: 'board_seat' })],
      },
    ]);
  });

  it('awards by a motion of the body, recusing members with an interest in any proposer', async () => {
    const motion = await call(
      c.director,
      'POST',
      `/api/governance/solicitations/${ids.solicitation}/award`,
      { proposalId: proposals.college, meetingId: ids.meeting2 },
      201,
    );
    expect(motion).toMatchObject({ kind: 'award', proposalId: proposals.college });
    expect(motion.organizations).toHaveLength(3);
    await call(
      c.director,
      'POST',
      `/api/governance/solicitations/${ids.solicitation}/award`,
      { proposalId: proposals.eastside, meetingId: ids.meeting2 },
      409,
    );
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`);
    expect((await call(c.board_member, 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' }, 403)).code).toBe('recused');
    for (const who of ['employer_user', 'm2', 'm3'])
      await call(c[who], 'PUT', `/api/governance/motions/${motion.id}/vote`, { value: 'yes' });
    const closed = await call(c.director, 'POST', `/api/governance/motions/${motion.id}/close`);
    expect(closed.tally).toMatchObject({ status: 'passed', yes: 3, recused: 1 });
    const s = await call(c.director, 'GET', `/api/governance/solicitations/${ids.solicitation}`);
    expect(s).toMatchObject({ status: 'awarded', awardedProposalId: proposals.college });
  });
});

describe('the decision log', () => {
  it('lists motions, votes, recusals, awards and declarations, searchable, with an audit trail', async () => {
    const all = await call(c.director, 'GET', '/api/governance/decisions?pageSize=100');
    expect([...new Set(all.items.map((d: { kind: string }) => d.kind))].sort()).toEqual([
      'award',
      'declaration',
      'motion',
      'recusal',
      'vote',
    ]);
    const log = await call(c.director, 'GET', `/api/governance/decisions?pageSize=100&bodyId=${ids.bodyA}`);
    expect(log.items.every((d: { body: { id: string } }) => d.body.id === ids.bodyA)).toBe(true);
    const award = log.items.find((d: { kind: string }) => d.kind === 'award');
    expect(award).toMatchObject({ title: 'Career coaching provider', organizations: ['Western Reserve Community College'] });
    const recusals = await call(c.director, 'GET', `/api/governance/decisions?kind=recusal&q=Robert&bodyId=${ids.bodyA}`);
    expect(recusals.total).toBe(2);
    expect(recusals.items[0].organizations).toContain('Western Reserve Community College');
    const trail = await call(
      c.director,
      'GET',
      `/api/governance/decisions/trail?entityType=${award.trail.entityType}&entityId=${award.trail.entityId}`,
    );
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual([
      'motion.created',
      'motion.opened',
      'vote.cast',
      'vote.cast',
      'vote.cast',
      'motion.closed',
    ]);
    expect(trail.items.at(-1).details.recusals[0]).toMatchObject({ name: 'Robert Hayes' });
  });

  it('shows a board member decisions of their bodies and only their own declarations', async () => {
    const log = await call(c.board_member, 'GET', '/api/governance/decisions?kind=declaration');
    expect(log.items.map((d: { key: string }) => d.key)).toContain(`declaration:${ids.boardDeclaration}`);
    expect(new Set(log.items.map((d: { person: string }) => d.person))).toEqual(new Set(['Robert Hayes']));
    await call(
      c.board_member,
      'GET',
      `/api/governance/decisions/trail?entityType=interest_declaration&entityId=${ids.employerDeclaration}`,
      undefined,
      404,
    );
    const other = await call(c.m5, 'GET', '/api/governance/decisions?kind=motion');
    expect(other.total).toBe(0);
  });

  it('exports CSV with spreadsheet formulas escaped', async () => {
    const res = await c.director.request('GET', '/api/governance/decisions/export?kind=motion&q=HYPERLINK');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="decision-log-/);
    const csv = await res.text();
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('occurred_at,kind,body,title,person,organizations,detail,motion_id,trail_entity_type,trail_entity_id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""Approve the college contract"")"`);
  });
});

describe('the yearly re-declaration reminder', () => {
  it('asks seated members to re-declare once a year', async () => {
    const tasks = async () => (await call(c.m2, 'GET', '/api/home')).tasks.map((x: { kind: string }) => x.kind);
    expect(await tasks()).toContain('interest_redeclaration_due');
    const status = await call(c.m2, 'POST', '/api/governance/declarations/affirm');
    expect(status).toMatchObject({ required: true, due: false });
    expect(await tasks()).not.toContain('interest_redeclaration_due');
    await t.db.database.db
      .updateTable('declaration_affirmation')
      .set({ affirmed_at: new Date(Date.now() - 400 * 86_400_000) })
      .where('user_id', '=', ids.m2)
      .execute();
    expect(await tasks()).toContain('interest_redeclaration_due');
    // Someone with no seat and no review is never asked.
    expect((await call(c.analyst, 'GET', '/api/governance/declarations/status')).required).toBe(false);
  });

  it('lists votes waiting for a present member', async () => {
    const motion = await call(c.director, 'POST', `/api/governance/meetings/${ids.meeting2}/motions`, { title: 'Waiting for you' }, 201);
    await call(c.director, 'POST', `/api/governance/motions/${motion.id}/open`);
    const home = await call(c.m3, 'GET', '/api/home');
    expect(home.tasks).toContainEqual(expect.objectContaining({ kind: 'motion_awaiting_vote', subjectId: motion.id }));
    // A recused member is not asked to vote.
    const college = await call(
      c.director,
      'POST',
      `/api/governance/meetings/${ids.meeting2}/motions`,
      { title: 'College lab lease', organizationIds: [org('Western Reserve')] },
      201,
    );
    await call(c.director, 'POST', `/api/governance/motions/${college.id}/open`);
    const chair = (await call(c.board_member, 'GET', '/api/home')).tasks.map((x: { subjectId: string | null }) => x.subjectId);
    expect(chair).toContain(motion.id);
    expect(chair).not.toContain(college.id);
    const shown = await call(c.board_member, 'GET', `/api/governance/motions/${college.id}`);
    expect(shown.me).toMatchObject({ canVote: false, reason: 'recused' });
  });
});
