import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeOps } from '../platform/http.ts';
import { employersDemoStep } from './demo-employers.ts';
import { surveysDemoStep } from './demo-surveys.ts';

// The surveys demo step on top of the demo employers (without the full demo's participants, which
// the survey does not need): the results page must open on real charts.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const { ops, flush } = makeOps(t.rt.services, t.tenantId, { userId: null, label: 'demo seed' });
  const users = new Map(
    (await t.db.database.db.selectFrom('user').select(['id', 'email']).where('tenant_id', '=', t.tenantId).execute()).map((u) => [
      u.email,
      u.id,
    ]),
  );
  await ops.tx(async (tx) => {
    const ctx = { ops, tx, tenantId: t.tenantId, organizations: new Map<string, string>(), users };
    await employersDemoStep.run(ctx);
    await surveysDemoStep.run(ctx);
  });
  await flush();
});
afterAll(() => t?.close());

describe('demo needs survey', () => {
  it('is sent to every employer’s survey contact and has about fifteen responses that aggregate into charts', async () => {
    const business = await t.as('business_services');
    const list = (await (await business.request('GET', '/api/surveys')).json()).items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'sent', responded: 15 });
    expect(list[0].recipients).toBeGreaterThanOrEqual(20);
    const results = await (await business.request('GET', `/api/surveys/${list[0].id}/results`)).json();
    const hiring = results.questions.find((q: { kind: string }) => q.kind === 'hiring_projection');
    expect(hiring.answered).toBe(15);
    expect(hiring.occupations[0].socCode).toBe('31-1131');
    expect(hiring.occupations.length).toBeGreaterThan(3);
    const gaps = results.questions.find((q: { kind: string }) => q.kind === 'skills_gap');
    expect(gaps.skills.length).toBeGreaterThan(5);
    const hard = results.questions.find((q: { kind: string }) => q.kind === 'hard_to_fill');
    expect(hard.counts.length).toBeGreaterThan(3);
    const responses = (await (await business.request('GET', `/api/surveys/${list[0].id}/responses`)).json()).items;
    expect(responses).toHaveLength(15);
  });
});
