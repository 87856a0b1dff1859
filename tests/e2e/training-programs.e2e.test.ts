import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// A navigator adds a training program with the form (provider by typeahead, CIP code, a target
// occupation from the SOC typeahead, credential, hours, cost, modality, schedule), is told inline what
// is wrong before anything is sent, then changes it; and sees a case note in a participant's timeline.

let t: TestApp;
let browser: Browser;
let participantId: string;
const SHOTS = 'test-results/training-programs';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const nav = await t.as('navigator');
  // The demo navigator reads Spanish; this journey reads English.
  expect((await nav.request('PATCH', '/api/account/profile', { locale: 'en' })).status).toBe(200);
  const p = await nav.request('POST', '/api/participants', { firstName: 'Alma', lastName: 'Reyes', confirmNotDuplicate: true });
  participantId = (await p.json()).id;
  await nav.request('POST', `/api/participants/${participantId}/notes`, { body: 'Asked about evening CNA classes.' });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('training programs in a browser', { timeout: 240_000 }, () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  afterAll(async () => {
    await context?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: `${SHOTS}/failed-${ctx.task.name.slice(0, 40)}.png`, fullPage: true });
  });

  it('adds a program with inline validation, then changes it', async () => {
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
    problems = watchForProblems(page);
    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel(/^Email/).fill('navigator@demo.braid.test');
    await page.getByLabel(/^Password/).fill('care-pathways-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Home').waitFor();

    await page.goto('/training');
    await h1(page, 'Training programs').waitFor();
    await page.getByRole('button', { name: 'Add a training program' }).click();
    const form = page.getByRole('form', { name: 'Add a training program' });
    await form.waitFor();
    await expectAccessible(page, 'empty form');

    // Nothing filled in and a malformed CIP code: told beside the fields, nothing sent.
    await form.getByLabel(/^CIP code/).fill('513902');
    await form.getByRole('button', { name: 'Add the program' }).click();
    await form.getByText('Fill this in.').first().waitFor();
    await form.getByText('This is not in the expected format.').waitFor();
    await expectAccessible(page, 'form with errors');
    await page.screenshot({ path: `${SHOTS}/1-errors.png`, fullPage: true });

    await form.getByLabel(/^Program name/).fill('State Tested Nurse Aide');
    const provider = form.getByRole('textbox', { name: /^Provider organization/ });
    await provider.click();
    await provider.fill('Western Reserve');
    await page
      .getByRole('option', { name: /Western Reserve Community College/ })
      .first()
      .click();
    await form.getByLabel(/^CIP code/).fill('51.3902');
    await form.getByRole('textbox', { name: /^Target occupations/ }).fill('nursing assist');
    await page
      .getByRole('option', { name: /31-1131/ })
      .first()
      .click();
    await form.getByLabel(/^Credential offered/).fill('STNA certification');
    await form.getByLabel('Credential type').selectOption('occupational_certification');
    await form.getByLabel(/^Hours of instruction/).fill('96');
    await form.getByLabel(/^Cost per participant/).fill('1450');
    await form.getByLabel(/^How it is taught/).selectOption('hybrid');
    await form.getByLabel(/^Schedule/).fill('Mon–Thu 6–9 pm, 8 weeks');
    await page.screenshot({ path: `${SHOTS}/2-filled.png`, fullPage: true });
    await form.getByRole('button', { name: 'Add the program' }).click();
    await page.getByText('Program added.').waitFor();

    const card = page.getByRole('region', { name: 'State Tested Nurse Aide' });
    await card.getByText(/Western Reserve Community College · CIP 51\.3902 · SOC 31-1131 · STNA certification · 96 hours/).waitFor();
    await expectAccessible(page, 'list with the new program');

    await card.getByRole('button', { name: 'Change program: State Tested Nurse Aide' }).click();
    const edit = page.getByRole('form', { name: 'Change State Tested Nurse Aide' });
    await edit.getByLabel(/^Hours of instruction/).fill('120');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('region', { name: 'State Tested Nurse Aide' })
      .getByText(/120 hours/)
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/3-saved.png`, fullPage: true });

    const api = await t.as('navigator');
    const list = (await (await api.request('GET', '/api/training-programs')).json()) as {
      name: string;
      hours: number;
      costCents: number;
      targetSocCodes: string[];
    }[];
    expect(list.find((p) => p.name === 'State Tested Nurse Aide')).toMatchObject({
      hours: 120,
      costCents: 145000,
      targetSocCodes: ['31-1131'],
    });
    expect(problems).toEqual([]);
  });

  it("shows the case note in the participant's timeline", async () => {
    await page.goto(`/participants/${participantId}`);
    await h1(page, 'Alma Reyes').waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Case note: Rosa Delgado, Lakeshore Workforce Partners').waitFor();
    await timeline.getByText('Asked about evening CNA classes.').waitFor();
    await expectAccessible(page, 'timeline');
    await page.screenshot({ path: `${SHOTS}/4-timeline.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
