import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// An employer needs survey end to end: business@ builds one from the template and sends it to two
// employer contacts; the email arrives; the contact opens the link signed out, answers and sends; a
// second visit says it was already answered; staff then see the answers in the results chart.

let t: TestApp;
let browser: Browser;
const contacts: { email: string; name: string; employer: string }[] = [];

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const business = await t.as('business_services');
  const employers = (await (await business.request('GET', '/api/employers?pageSize=100')).json()).items as { id: string; name: string }[];
  for (const [i, e] of employers.slice(0, 2).entries()) {
    const c = { email: `hr.${i}@survey-employer${i}.example`, name: ['Dana Whitfield', 'Omar Reyes'][i], employer: e.name };
    const res = await business.request('POST', `/api/employers/${e.id}/contacts`, {
      name: c.name,
      email: c.email,
      roles: ['hr', 'survey'],
    });
    expect(res.status).toBe(201);
    contacts.push(c);
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await h1(page, 'Sign in').waitFor();
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await h1(page, 'Home').waitFor();
}

async function choose(page: Page, scope: Locator, label: RegExp, option: RegExp, typed: string) {
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describe('employer needs surveys in a browser', () => {
  let surveyUrl = '';
  let link = '';

  it('business services builds a survey from the template and sends it to two contacts', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Needs surveys', exact: true }).click();
    await h1(page, 'Employer needs surveys').waitFor();
    await page.getByText('No surveys yet').waitFor();
    await expectAccessible(page, 'survey list (empty)');
    await page.getByRole('link', { name: 'New needs survey' }).first().click();
    await h1(page, 'New needs survey').waitFor();
    // The template's three standard sections are there already.
    await expect(page.getByLabel(/^Section 1 title/).inputValue()).resolves.toBe('Skills gaps by occupation');
    await expect(page.getByLabel(/^Section 2 title/).inputValue()).resolves.toBe('Hiring in the next 12 months');
    await expect(page.getByLabel(/^Section 3 title/).inputValue()).resolves.toBe('Hard-to-fill roles');
    await expectAccessible(page, 'survey builder');
    // Inline validation: an empty title is refused beside the field.
    await page.getByLabel(/^Title/).fill('');
    await page.getByRole('button', { name: 'Save survey' }).click();
    await page.getByText('Fill this in.').first().waitFor();
    await page.getByLabel(/^Title/).fill('Spring 2027 employer needs survey');
    await page.screenshot({ path: 'test-results/surveys-builder.png', fullPage: true });
    await page.getByRole('button', { name: 'Save survey' }).click();
    await h1(page, 'Spring 2027 employer needs survey').waitFor();
    surveyUrl = new URL(page.url()).pathname;

    for (const c of contacts) await page.getByRole('checkbox', { name: new RegExp(c.name) }).check();
    await page.getByRole('button', { name: 'Send to 2 contacts' }).click();
    await page.getByText('Survey sent to 2 contacts.').waitFor();
    await page.getByRole('cell', { name: contacts[1].name }).first().waitFor();
    await expectAccessible(page, 'survey recipients');

    const mail = await t.smtp.waitFor(contacts[0].email);
    expect(mail.subject).toContain('Spring 2027 employer needs survey');
    link = /(http\S+\/survey#token=[\w-]+)/.exec(mail.text)?.[1] as string;
    expect(link).toBeTruthy();
    await t.smtp.waitFor(contacts[1].email);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the contact answers through the emailed link without an account, once', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await h1(page, 'Spring 2027 employer needs survey').waitFor();
    await page.getByText(`For ${contacts[0].name}`).waitFor();
    await expectAccessible(page, 'public survey page');
    // Sending with nothing filled in: the required questions say so in place.
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Some answers need attention').waitFor();
    expect(await page.getByText('Please answer this.').count()).toBe(2);

    const skills = page.getByTestId('q-skills_gaps');
    await choose(page, skills, /^Occupation 1/, /Nursing Assistants/, 'nursing assistant');
    await skills.getByRole('checkbox', { name: 'Electronic health records' }).check();
    await skills.getByRole('checkbox', { name: 'Infection control' }).check();
    await skills.getByRole('radio', { name: 'Severe' }).check();
    const hiring = page.getByTestId('q-hiring_projections');
    const hiringOccupation = hiring.getByRole('textbox', { name: /^Occupation 1/ });
    await hiringOccupation.click();
    await hiringOccupation.fill('registered nurse');
    await page
      .getByRole('option', { name: /Registered Nurses \(29-1141\)/ })
      .first()
      .click();
    await hiring.getByLabel(/People you expect to hire/).fill('12');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await h1(page, 'Thank you').waitFor();
    await expectAccessible(page, 'survey thank-you page');

    // The same link again: it says the survey was already answered.
    await page.goto('/sign-in');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await h1(page, 'Already answered').waitFor();
    await expectAccessible(page, 'survey already answered');
    await page.screenshot({ path: 'test-results/surveys-already-answered.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff see the answer in the aggregated results', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.goto(surveyUrl);
    await h1(page, 'Spring 2027 employer needs survey').waitFor();
    await page.getByRole('tab', { name: 'Results' }).click();
    await expect(page.getByTestId('responded-count').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('response-rate').textContent()).resolves.toContain('50');
    const chart = page.locator('[data-chart^="Expected hires in the next 12 months"]');
    await chart.locator('svg').waitFor();
    // The chart's text equivalent carries the numbers: 12 registered nurses.
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Expected hires in the next 12 months' }) });
    await expect(table.locator('tbody tr').first().textContent()).resolves.toMatch(/Registered Nurses \(29-1141\)\s*121/);
    await expectAccessible(page, 'survey results');
    await page.screenshot({ path: 'test-results/surveys-results.png', fullPage: true });
    await page.getByRole('tab', { name: 'Individual responses' }).click();
    await page.getByRole('heading', { name: contacts[0].employer }).waitFor();
    await expectAccessible(page, 'individual responses');
    expect(problems).toEqual([]);
    await context.close();
  });
});
