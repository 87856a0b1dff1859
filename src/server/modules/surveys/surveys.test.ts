import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { expectProblem } from '../../../../tests/support/checks.ts';
import { needsSurveyTemplate } from '../../../shared/schemas/surveys.ts';
import { makeOps } from '../../platform/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo-partnership.ts';
import { createIn as createOrganization } from '../organizations/organizations.service.ts';
import { createTenant } from '../tenants/tenants.queries.ts';
import { createWithPassword } from '../users/users.service.ts';

// Employer needs surveys over real HTTP, a real database and a real SMTP sink: building, sending
// one-time links, answering without an account, the links' single use and expiry, tenant isolation,
// the aggregated numbers and who may see what.

let t: TestApp;
let business: Caller;
let analyst: Caller;
let navigator: Caller;
const contacts: { id: string; email: string; employer: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [business, analyst, navigator] = await Promise.all([t.as('business_services'), t.as('analyst'), t.as('navigator')]);
  const director = await t.as('director');
  const orgs = (await (await director.request('GET', '/api/employers?pageSize=100')).json()).items as { id: string; name: string }[];
  // Three employers, one survey contact each (the light demo has employers but no contacts).
  for (const [i, org] of orgs.slice(0, 3).entries()) {
    const email = `survey.${i}@employer${i}.example`;
    const res = await business.request('POST', `/api/employers/${org.id}/contacts`, { name: `Contact ${i}`, email, roles: ['survey'] });
    expect(res.status).toBe(201);
    contacts.push({ id: (await res.json()).id, email, employer: org.name });
  }
});
afterAll(() => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

async function newSurvey(over: Record<string, unknown> = {}) {
  const res = await business.request('POST', '/api/surveys', { ...needsSurveyTemplate(), ...over });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; status: string };
}

/** Sends the survey to the given contacts and returns each one's token, read from the delivered email. */
async function sendTo(surveyId: string, to: typeof contacts): Promise<string[]> {
  const before = t.smtp.messages.length;
  const res = await business.request('POST', `/api/surveys/${surveyId}/send`, { contactIds: to.map((c) => c.id) });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ sent: to.length, skipped: 0 });
  return Promise.all(to.map((c) => tokenFor(c.email, before)));
}

async function tokenFor(email: string, after: number): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const mail = t.smtp.messages.slice(after).find((m) => m.to.includes(email));
    if (mail) return /\/survey#token=([\w-]+)/.exec(mail.text)?.[1] as string;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no survey email to ${email}`);
}

const publicPost = (path: string, body: unknown) =>
  t.fetch(`/api/public/surveys/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function answersOf(n: number) {
  return {
    skills_gaps: {
      kind: 'skills_gap',
      items: [
        { socCode: '31-1131', skills: ['Patient care and safety', 'Electronic health records'], severity: n === 0 ? 'severe' : 'moderate' },
        ...(n === 1 ? [{ socCode: '29-2061', skills: ['Medical terminology'], other: 'Wound care', severity: 'minor' }] : []),
      ],
    },
    hiring_projections: {
      kind: 'hiring_projection',
      items: [
        { socCode: '31-1131', count: 10 + n * 5 },
        { socCode: '29-1141', count: 4 },
      ],
    },
    hard_to_fill_roles: { kind: 'hard_to_fill', items: [{ socCode: '29-1141', reasons: ['Too few applicants', 'Shift or schedule'] }] },
    comments: { kind: 'text', text: n === 0 ? 'Call me about night shift staffing — Ann' : '' },
  };
}

describe('survey links', () => {
  it('email a one-time link that opens the survey without an account, and mark it opened', async () => {
    const s = await newSurvey();
    expect(s.status).toBe('draft');
    const [token] = await sendTo(s.id, contacts.slice(0, 1));
    const mail = t.smtp.messages.find((m) => m.to.includes(contacts[0].email));
    expect(mail?.subject).toContain('Employer needs survey');
    expect(mail?.text).toContain('No account is needed');

    const open = await publicPost('open', { token });
    expect(open.status).toBe(200);
    const body = await open.json();
    expect(body).toMatchObject({ title: 'Employer needs survey', contactName: 'Contact 0', organizationName: contacts[0].employer });
    expect(body.sections.map((x: { id: string }) => x.id)).toEqual(['skills', 'hiring', 'hard_to_fill']);
    const recipients = (await (await business.request('GET', `/api/surveys/${s.id}/recipients`)).json()).items;
    expect(recipients).toHaveLength(1);
    expect(recipients[0]).toMatchObject({ contactName: 'Contact 0', status: 'opened' });
    // The token itself is never stored: only its hash.
    const stored = await t.db.database.db.selectFrom('survey_recipient').select('token_hash').execute();
    expect(stored.every((r) => !Buffer.from(r.token_hash).toString().includes(token))).toBe(true);
    const survey = await (await business.request('GET', `/api/surveys/${s.id}`)).json();
    expect(survey).toMatchObject({ status: 'sent', recipients: 1, opened: 1, responded: 0 });
  });

  it('work once: a submitted link cannot submit again and says so (410 survey_answered)', async () => {
    const s = await newSurvey();
    const [token] = await sendTo(s.id, contacts.slice(0, 1));
    const first = await publicPost('submit', { token, answers: answersOf(0) });
    expect(first.status).toBe(200);
    await expectProblem(await publicPost('submit', { token, answers: answersOf(1) }), 410, 'survey_answered');
    await expectProblem(await publicPost('open', { token }), 410, 'survey_answered');
    const responses = (await (await business.request('GET', `/api/surveys/${s.id}/responses`)).json()).items;
    expect(responses).toHaveLength(1);
    expect(responses[0].answers.hiring_projections.items[0]).toEqual({ socCode: '31-1131', count: 10 });
  });

  it('expire after the survey’s token days (controlled clock), with 410 token_invalid', async () => {
    const s = await newSurvey({ tokenDays: 3 });
    const [token] = await sendTo(s.id, contacts.slice(1, 2));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 86_400_000 });
    expect((await publicPost('open', { token })).status).toBe(200);
    vi.setSystemTime(Date.now() + 1.5 * 86_400_000);
    await expectProblem(await publicPost('open', { token }), 410, 'token_invalid');
    await expectProblem(await publicPost('submit', { token, answers: answersOf(0) }), 410, 'token_invalid');
    vi.useRealTimers();
    const [r] = (await (await business.request('GET', `/api/surveys/${s.id}/recipients`)).json()).items;
    expect(Date.parse(r.expiresAt) - Date.parse(r.sentAt)).toBeCloseTo(3 * 86_400_000, -4);
  });

  it('answer 404 for an unknown token, and 400 for a malformed one', async () => {
    await expectProblem(await publicPost('open', { token: 'x'.repeat(43) }), 404, 'not_found');
    await expectProblem(await publicPost('submit', { token: 'y'.repeat(43), answers: {} }), 404, 'not_found');
    await expectProblem(await publicPost('open', { token: 'short' }), 400, 'validation_failed');
  });

  it('stop working when the survey is closed', async () => {
    const s = await newSurvey();
    const [token] = await sendTo(s.id, contacts.slice(2, 3));
    expect((await business.request('POST', `/api/surveys/${s.id}/close`)).status).toBe(200);
    await expectProblem(await publicPost('open', { token }), 410, 'token_invalid');
  });

  it('are replaced by a reminder for non-respondents only: the old link stops working, the new one works', async () => {
    const s = await newSurvey();
    const [answered, pending] = await sendTo(s.id, contacts.slice(0, 2));
    expect((await publicPost('submit', { token: answered, answers: answersOf(0) })).status).toBe(200);
    const before = t.smtp.messages.length;
    const res = await business.request('POST', `/api/surveys/${s.id}/remind`);
    expect(await res.json()).toEqual({ reminded: 1 });
    const fresh = await tokenFor(contacts[1].email, before);
    expect(t.smtp.messages.slice(before).some((m) => m.to.includes(contacts[0].email))).toBe(false);
    await expectProblem(await publicPost('open', { token: pending }), 404, 'not_found');
    expect((await publicPost('open', { token: fresh })).status).toBe(200);
    const recipients = (await (await business.request('GET', `/api/surveys/${s.id}/recipients`)).json()).items;
    expect(recipients.find((r: { contactId: string }) => r.contactId === contacts[1].id)).toMatchObject({ reminders: 1 });
    // Sending again to someone who already has a link sends nothing new.
    const again = await business.request('POST', `/api/surveys/${s.id}/send`, { contactIds: [contacts[0].id] });
    expect(await again.json()).toEqual({ sent: 0, skipped: 1 });
  });

  it('check answers against the questions, field by field, and save nothing when one is wrong', async () => {
    const s = await newSurvey();
    const [token] = await sendTo(s.id, contacts.slice(0, 1));
    const res = await publicPost('submit', {
      token,
      answers: {
        skills_gaps: { kind: 'skills_gap', items: [{ socCode: '99-9999', skills: ['Juggling'], severity: 'minor' }] },
        hard_to_fill_roles: { kind: 'hard_to_fill', items: [] },
      },
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    const fields = (problem.errors ?? []).map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual([
      'body.answers.hiring_projections',
      'body.answers.skills_gaps.items.0.skills',
      'body.answers.skills_gaps.items.0.socCode',
    ]);
    const survey = await (await business.request('GET', `/api/surveys/${s.id}`)).json();
    expect(survey.responded).toBe(0);
    expect((await publicPost('open', { token })).status).toBe(200);
  });

  it('are rate-limited per address like sign-in', async () => {
    const limit = t.config.signInMaxPerIp;
    t.config.signInMaxPerIp = 0;
    try {
      const res = await publicPost('open', { token: 'z'.repeat(43) });
      await expectProblem(res, 429, 'rate_limited');
      expect(res.headers.get('retry-after')).toBeTruthy();
    } finally {
      t.config.signInMaxPerIp = limit;
    }
  });
});

describe('results', () => {
  it('sum hiring projections by occupation, count skills gaps and hard-to-fill reasons, and keep free text out', async () => {
    const s = await newSurvey();
    const tokens = await sendTo(s.id, contacts);
    for (const [n, token] of tokens.slice(0, 2).entries()) {
      expect((await publicPost('submit', { token, answers: answersOf(n) })).status).toBe(200);
    }
    const res = await analyst.request('GET', `/api/surveys/${s.id}/results`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r).toMatchObject({ recipients: 3, responded: 2 });
    expect(r.responseRate).toBeCloseTo(2 / 3);
    const q = (id: string) => r.questions.find((x: { questionId: string }) => x.questionId === id);
    // 10 + 15 nursing assistants, 4 + 4 registered nurses.
    expect(q('hiring_projections').occupations.map((o: { socCode: string; total: number }) => [o.socCode, o.total])).toEqual([
      ['31-1131', 25],
      ['29-1141', 8],
    ]);
    const gaps = q('skills_gaps');
    expect(gaps.occupations[0]).toMatchObject({ socCode: '31-1131', employers: 2, severity: { minor: 0, moderate: 1, severe: 1 } });
    expect(gaps.skills).toContainEqual(expect.objectContaining({ socCode: '31-1131', skill: 'Electronic health records', count: 2 }));
    expect(gaps.skills).toContainEqual(expect.objectContaining({ socCode: '29-2061', skill: 'Other', count: 1 }));
    expect(q('hard_to_fill_roles').counts.slice(0, 2)).toEqual([
      { label: 'Shift or schedule', count: 2 },
      { label: 'Too few applicants', count: 2 },
    ]);
    expect(q('comments').answered).toBe(1);
    expect(JSON.stringify(r)).not.toContain('Wound care');
    expect(JSON.stringify(r)).not.toContain('night shift');
  });

  it('export each employer’s answers as CSV with formula cells escaped', async () => {
    const s = await newSurvey();
    const [token] = await sendTo(s.id, contacts.slice(0, 1));
    const answers = answersOf(0);
    answers.comments.text = '=HYPERLINK("http://evil.example")';
    expect((await publicPost('submit', { token, answers })).status).toBe(200);
    const res = await business.request('GET', `/api/surveys/${s.id}/responses/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A BOM first, so Excel reads UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    expect(csv.split('\r\n')[0]).toBe('employer,contact,submitted_at,section,question,soc_code,occupation,answer,number,severity');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain('31-1131,Nursing Assistants');
  });
});

describe('who may do what', () => {
  it('lets analysts read aggregated results but not who answered what; navigators see nothing', async () => {
    const s = await newSurvey();
    expect((await analyst.request('GET', `/api/surveys/${s.id}`)).status).toBe(200);
    await expectProblem(await analyst.request('GET', `/api/surveys/${s.id}/responses`), 403, 'forbidden');
    await expectProblem(await analyst.request('GET', `/api/surveys/${s.id}/responses/export`), 403, 'forbidden');
    await expectProblem(await analyst.request('POST', '/api/surveys', needsSurveyTemplate()), 403, 'forbidden');
    await expectProblem(await navigator.request('GET', `/api/surveys/${s.id}/results`), 403, 'forbidden');
  });

  it('freezes questions once sent', async () => {
    const s = await newSurvey();
    await sendTo(s.id, contacts.slice(0, 1));
    await expectProblem(await business.request('PUT', `/api/surveys/${s.id}`, needsSurveyTemplate()), 409, 'conflict');
  });

  it('audits reading individual responses', async () => {
    const s = await newSurvey();
    await business.request('GET', `/api/surveys/${s.id}/responses`);
    const events = await t.db.database.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', '=', 'survey.responses_viewed')
      .where('entity_id', '=', s.id)
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe('tenant isolation', () => {
  it('resolves a token to its own tenant, and hides each tenant’s surveys from the other', async () => {
    const db = t.db.database.db;
    const tenantB = randomUUID();
    await createTenant(db, { id: tenantB, slug: 'bravo-surveys', name: 'Bravo Manufacturing Partnership' });
    const { ops, flush } = makeOps(t.rt.services, tenantB, { userId: null, label: 'test setup' });
    const contactB = randomUUID();
    await ops.tx(async (tx) => {
      const orgB = await createOrganization(ops, tx, { name: 'Bravo Precision Machining', kind: 'employer', naics: '332710' });
      await createWithPassword(ops, tx, {
        email: 'admin@bravo-surveys.test',
        name: 'Bea Bravo',
        password: DEMO_PASSWORD,
        organizationId: orgB,
        role: 'admin',
      });
      await tx
        .insertInto('contact')
        .values({ id: contactB, tenant_id: tenantB, organization_id: orgB, name: 'Bo Bravo', email: 'bo@bravo.example', roles: ['survey'] })
        .execute();
    });
    await flush();
    const adminB = await t.as('admin@bravo-surveys.test');
    const surveyA = await newSurvey();

    await expectProblem(await adminB.request('GET', `/api/surveys/${surveyA.id}`), 404, 'not_found');
    await expectProblem(await adminB.request('GET', `/api/surveys/${surveyA.id}/results`), 404, 'not_found');
    const contactsB = (await (await adminB.request('GET', '/api/surveys/contacts')).json()).items;
    expect(contactsB.map((c: { name: string }) => c.name)).toEqual(['Bo Bravo']);
    // Tenant A's contacts cannot be sent B's survey.
    const created = await adminB.request('POST', '/api/surveys', needsSurveyTemplate());
    const surveyB = (await created.json()).id as string;
    await expectProblem(
      await adminB.request('POST', `/api/surveys/${surveyB}/send`, { contactIds: [contacts[0].id] }),
      400,
      'validation_failed',
    );

    const before = t.smtp.messages.length;
    expect((await adminB.request('POST', `/api/surveys/${surveyB}/send`, { contactIds: [contactB] })).status).toBe(200);
    const token = await tokenFor('bo@bravo.example', before);
    const open = await (await publicPost('open', { token })).json();
    expect(open.tenantName).toBe('Bravo Manufacturing Partnership');
    expect((await publicPost('submit', { token, answers: answersOf(0) })).status).toBe(200);
    const rows = await db.selectFrom('survey_response').select(['tenant_id', 'survey_id']).where('survey_id', '=', surveyB).execute();
    expect(rows).toEqual([{ tenant_id: tenantB, survey_id: surveyB }]);
    const listA = (await (await business.request('GET', '/api/surveys?pageSize=100')).json()).items;
    expect(listA.some((x: { id: string }) => x.id === surveyB)).toBe(false);
  });
});
