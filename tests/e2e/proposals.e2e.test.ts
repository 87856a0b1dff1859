import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// A partner's staff member answers a call for proposals: finds it, sends a proposal with a budget,
// attaches a document, edits it before the deadline.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results/proposals');
const CALL = 'Employer engagement services';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const director = await t.as('director');
  const body = await (
    await director.request('POST', '/api/governance/bodies', { name: 'Proposals Council', kind: 'working_group' })
  ).json();
  const s = await (
    await director.request('POST', '/api/governance/solicitations', {
      bodyId: body.id,
      title: CALL,
      scope: 'Recruit and support 40 employers into the healthcare pathway.',
      deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      criteria: [
        { name: 'Approach', weight: 60, maxScore: 5 },
        { name: 'Cost', weight: 40, maxScore: 5 },
      ],
    })
  ).json();
  expect((await director.request('POST', `/api/governance/solicitations/${s.id}/publish`)).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('calls for proposals in a browser', () => {
  it('a partner sends a proposal with a document and edits it before the deadline', async () => {
    const ctx = await newContext(browser, t.baseUrl);
    const page = await ctx.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(SHOTS, 'failed.png'), fullPage: true }).catch(() => undefined);
    });
    const problems = watchForProblems(page);
    await page.goto('/sign-in');
    await page.getByLabel(/^Email/).fill('partner@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Home').waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Calls for proposals' }).click();
    await h1(page, 'Calls for proposals').waitFor();
    await expectAccessible(page, 'calls for proposals');
    await page.getByTestId('calls-table').getByRole('link', { name: CALL }).click();
    await h1(page, CALL).waitFor();
    await page.getByRole('button', { name: 'Send the proposal' }).click();
    await page.getByText('Fill this in.').first().waitFor();
    await expectAccessible(page, 'new proposal (with errors)');
    await page.getByRole('textbox', { name: /^Proposal title/ }).fill('Eastside employer network');
    await page.getByRole('textbox', { name: /^Response to the scope/ }).fill('Two account managers; monthly employer forums.');
    await page.getByRole('textbox', { name: /^Budget requested/ }).fill('85000');
    await page.getByRole('button', { name: 'Send the proposal' }).click();
    await page.getByRole('heading', { name: /^Proposal of Eastside/ }).waitFor();

    await page.getByRole('textbox', { name: /^Document title/ }).fill('Budget narrative');
    await page.getByTestId('proposal-file').click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'budget.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Attach the document' }).click();
    await page.getByRole('link', { name: 'Budget narrative' }).waitFor();

    await page.getByRole('textbox', { name: /^Budget requested/ }).fill('90000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByText(/last changed/).waitFor();
    await expectAccessible(page, 'own proposal');
    await page.screenshot({ path: path.join(SHOTS, 'proposal.png'), fullPage: true });

    // The list shows the proposal as sent.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Calls for proposals' }).click();
    await page.getByTestId('calls-table').getByText('Eastside employer network · Submitted').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
