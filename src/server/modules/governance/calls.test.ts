import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { makeOps } from '../../platform/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo-partnership.ts';
import { createWithPassword } from '../users/users.service.ts';

// Calls for proposals from the proposer's side: partner staff submit and edit their own organization's
// proposal with attachments until the deadline, and never see anyone else's proposal, scores or ranking.

let t: TestApp;
let director: Caller;
let partner: Caller; // Eastside staff (demo)
let rival: Caller; // staff of another proposing organization
let board: Caller;
const ids: Record<string, string> = {};

async function call(who: Caller, method: string, url: string, body?: unknown, status = 200) {
  const res = await who.request(method, url, body);
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : null;
}

function upload(caller: Caller, url: string, title: string, file: { name: string; bytes: string }) {
  const form = new FormData();
  form.append('title', title);
  form.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.name);
  return t.fetch(url, { method: 'POST', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf }, body: form });
}

const PDF = `%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  director = await t.as('director');
  partner = await t.as('partner_staff');
  board = await t.as('board_member');
  const orgs = await call(director, 'GET', '/api/organizations?pageSize=100');
  const orgId = (prefix: string) => orgs.items.find((o: { name: string }) => o.name.startsWith(prefix)).id as string;
  ids.eastside = orgId('Eastside');
  ids.northshore = orgId('Northshore');
  const { ops } = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'calls test' });
  await ops.tx((tx) =>
    createWithPassword(ops, tx, {
      email: 'rival@calls.test',
      name: 'Rival Proposer',
      password: DEMO_PASSWORD,
      organizationId: ids.northshore,
      role: 'partner_staff',
    }),
  );
  rival = await t.as('rival@calls.test');
  const users = await call(director, 'GET', '/api/users?pageSize=100');
  const boardId = users.items.find((u: { email: string }) => u.email === 'board@demo.braid.test').id;
  const body = await call(director, 'POST', '/api/governance/bodies', { name: 'Calls Test Council', kind: 'working_group' }, 201);
  const solicitation = (title: string) => ({
    bodyId: body.id,
    title,
    scope: 'Career coaching for 200 participants a year.',
    deadline: inDays(14),
    criteria: [
      { name: 'Approach', weight: 60, maxScore: 5 },
      { name: 'Cost', weight: 40, maxScore: 5 },
    ],
    reviewerIds: [boardId],
  });
  ids.open = (await call(director, 'POST', '/api/governance/solicitations', solicitation('Coaching call'), 201)).id;
  await call(director, 'POST', `/api/governance/solicitations/${ids.open}/publish`);
  ids.draft = (await call(director, 'POST', '/api/governance/solicitations', solicitation('Draft call'), 201)).id;
});
afterAll(() => t?.close());

describe('calls for proposals', () => {
  it('lists open calls to partner staff, with scope and criteria but not reviewers or counts; never drafts', async () => {
    const page = await call(partner, 'GET', '/api/governance/calls?pageSize=100');
    const open = page.items.find((x: { id: string }) => x.id === ids.open);
    expect(open).toMatchObject({ title: 'Coaching call', status: 'open', myProposals: [] });
    expect(open.criteria.map((c: { name: string }) => c.name)).toEqual(['Approach', 'Cost']);
    expect(open).not.toHaveProperty('reviewers');
    expect(open).not.toHaveProperty('proposalCount');
    expect(page.items.some((x: { id: string }) => x.id === ids.draft)).toBe(false);
    await call(partner, 'GET', `/api/governance/calls/${ids.draft}`, undefined, 404);
    // Only partner staff answer calls; the director records proposals on the solicitation itself.
    await call(director, 'GET', '/api/governance/calls', undefined, 403);
    await call(board, 'GET', '/api/governance/calls', undefined, 403);
  });

  it('takes one proposal per organization, for the caller’s own organization only', async () => {
    const refused = await call(
      partner,
      'POST',
      `/api/governance/calls/${ids.open}/proposals`,
      { organizationId: ids.northshore, title: 'Not mine' },
      400,
    );
    expect(refused.errors[0]).toMatchObject({ field: 'body.organizationId', code: 'not_your_organization' });
    const blank = await call(partner, 'POST', `/api/governance/calls/${ids.open}/proposals`, { title: '' }, 400);
    expect(blank.errors[0].field).toBe('body.title');
    const got = await call(
      partner,
      'POST',
      `/api/governance/calls/${ids.open}/proposals`,
      { title: 'Eastside coaching', summary: 'Two coaches, evening hours.', amountCents: 9_500_000 },
      201,
    );
    expect(got.myProposals).toHaveLength(1);
    expect(got.myProposals[0]).toMatchObject({
      organization: { id: ids.eastside },
      title: 'Eastside coaching',
      amountCents: 9_500_000,
      status: 'submitted',
      updatedAt: null,
    });
    ids.mine = got.myProposals[0].id;
    await call(partner, 'POST', `/api/governance/calls/${ids.open}/proposals`, { title: 'Again' }, 409);
    const theirs = await call(rival, 'POST', `/api/governance/calls/${ids.open}/proposals`, { title: 'Northshore coaching' }, 201);
    ids.theirs = theirs.myProposals[0].id;
    // Each proposer sees only their own.
    expect(theirs.myProposals.map((p: { id: string }) => p.id)).toEqual([ids.theirs]);
    const mine = await call(partner, 'GET', `/api/governance/calls/${ids.open}`);
    expect(mine.myProposals.map((p: { id: string }) => p.id)).toEqual([ids.mine]);
    // The director sees both on the solicitation.
    const all = await call(director, 'GET', `/api/governance/solicitations/${ids.open}/proposals`);
    expect(all.items).toHaveLength(2);
  });

  it('lets the proposer edit and attach documents until the deadline; others get 404', async () => {
    const edited = await call(partner, 'PATCH', `/api/governance/calls/${ids.open}/proposals/${ids.mine}`, {
      summary: 'Three coaches, evening and weekend hours.',
      amountCents: 11_000_000,
    });
    expect(edited.myProposals[0]).toMatchObject({ summary: 'Three coaches, evening and weekend hours.', amountCents: 11_000_000 });
    expect(edited.myProposals[0].updatedAt).not.toBeNull();

    const res = await upload(partner, `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments`, 'Budget', {
      name: 'budget.pdf',
      bytes: PDF,
    });
    expect(res.status).toBe(201);
    const withFile = await res.json();
    const attachment = withFile.myProposals[0].attachments[0];
    expect(attachment).toMatchObject({ title: 'Budget', file: { filename: 'budget.pdf', contentType: 'application/pdf' } });
    ids.attachment = attachment.id;
    const exe = await t.fetch(`/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments`, {
      method: 'POST',
      headers: { cookie: partner.cookie, 'x-csrf-token': partner.csrf },
      body: (() => {
        const f = new FormData();
        f.append('title', 'Program');
        f.append('file', new Blob(['MZ\x90\x00binary'], { type: 'application/pdf' }), 'x.pdf');
        return f;
      })(),
    });
    expect(exe.status).toBe(415);

    const download = await partner.request(
      'GET',
      `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments/${ids.attachment}/content`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await download.text()).toBe(PDF);

    // The other proposer can neither read nor change it, even knowing the ids.
    await call(rival, 'PATCH', `/api/governance/calls/${ids.open}/proposals/${ids.mine}`, { title: 'Mine now' }, 404);
    await call(
      rival,
      'GET',
      `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments/${ids.attachment}/content`,
      undefined,
      404,
    );
    await call(rival, 'DELETE', `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments/${ids.attachment}`, undefined, 404);
    const upRes = await upload(rival, `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments`, 'x', {
      name: 'x.pdf',
      bytes: PDF,
    });
    expect(upRes.status).toBe(404);
    await call(rival, 'POST', `/api/governance/calls/${ids.open}/proposals/${ids.mine}/withdraw`, undefined, 404);
  });

  it('never shows a proposer the solicitation’s other proposals, scores or ranking', async () => {
    for (const url of [
      `/api/governance/solicitations/${ids.open}`,
      `/api/governance/solicitations/${ids.open}/proposals`,
      `/api/governance/solicitations/${ids.open}/ranking`,
      `/api/governance/proposals/${ids.mine}/scores`,
      `/api/governance/proposals/${ids.theirs}/scores`,
      `/api/governance/proposals/${ids.mine}/attachments/${ids.attachment}/content`,
    ]) {
      await call(partner, 'GET', url, undefined, 404);
    }
    const list = await call(partner, 'GET', '/api/governance/solicitations');
    expect(list.items.some((s: { id: string }) => s.id === ids.open)).toBe(false);
  });

  it('closes edits at the deadline; reviewers and the director read the attachments', async () => {
    await call(director, 'POST', `/api/governance/solicitations/${ids.open}/close`);
    const closed = await call(partner, 'GET', `/api/governance/calls/${ids.open}`);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed.myProposals[0].attachments).toHaveLength(1);
    const late = await call(partner, 'PATCH', `/api/governance/calls/${ids.open}/proposals/${ids.mine}`, { title: 'Late' }, 409);
    expect(late.code).toBe('deadline_passed');
    const lateFile = await upload(partner, `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments`, 'x', {
      name: 'x.pdf',
      bytes: PDF,
    });
    expect(lateFile.status).toBe(409);
    await call(partner, 'DELETE', `/api/governance/calls/${ids.open}/proposals/${ids.mine}/attachments/${ids.attachment}`, undefined, 409);

    for (const who of [director, board]) {
      const proposals = await call(who, 'GET', `/api/governance/solicitations/${ids.open}/proposals`);
      const mine = proposals.items.find((p: { id: string }) => p.id === ids.mine);
      expect(mine.attachments[0].title).toBe('Budget');
      const res = await who.request('GET', `/api/governance/proposals/${ids.mine}/attachments/${ids.attachment}/content`);
      expect(res.status).toBe(200);
    }
  });

  it('records submissions, edits and attachments in the solicitation’s audit trail', async () => {
    const trail = await call(director, 'GET', `/api/governance/decisions/trail?entityType=solicitation&entityId=${ids.open}`);
    const actions = trail.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['proposal.submitted', 'proposal.updated', 'proposal.attachment_added']));
  });
});
