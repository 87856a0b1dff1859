import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The director defines a local workforce area with two counties, puts it in an initiative's region,
// and the initiative page lists the counties the region now covers.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results/workforce-areas');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

async function choose(page: Page, label: RegExp, option: RegExp, typed: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

const AREA = 'Lorain and Medina Workforce Area';
const INITIATIVE = 'Northeast Ohio Healthcare Careers';

describe('local workforce areas in a browser', () => {
  it('the director defines an area with two counties, adds it to a region and sees its counties', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    onTestFailed(() => shot(page, 'failed'));
    const problems = watchForProblems(page);

    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel(/^Email/).fill('director@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Home').waitFor();

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workforce areas' }).click();
    await h1(page, 'Local workforce areas').waitFor();
    await page.getByText('No workforce areas yet').waitFor();
    await expectAccessible(page, 'workforce areas, empty');

    await page.getByRole('button', { name: 'New workforce area' }).first().click();
    const dialog = page.getByRole('dialog');
    // Nothing filled in: every field says what it needs, and no request is sent.
    await dialog.getByRole('button', { name: 'Create the workforce area' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Fill this in.' }).waitFor(); // the member counties
    expect(await dialog.getByRole('textbox', { name: /^Name/ }).getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill(AREA);
    await dialog.getByRole('textbox', { name: /^Code/ }).fill('OH-LWDA-4');
    await dialog.getByLabel(/^State/).selectOption('OH');
    await choose(page, /^Add a county/, /^39093 — Lorain County, OH$/, 'Lorain');
    await choose(page, /^Add a county/, /^39103 — Medina County, OH$/, 'Medina');
    await dialog.getByRole('listitem').filter({ hasText: 'Medina County, OH (39103)' }).waitFor();
    await expectAccessible(page, 'workforce area form');
    await shot(page, 'area-form');
    await dialog.getByRole('button', { name: 'Create the workforce area' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('workforce-areas-table').getByRole('row').filter({ hasText: AREA });
    await row.getByText('Lorain County, Medina County').waitFor();
    // Searching: nothing matches, then part of its code finds it.
    const searchbox = page.getByRole('searchbox', { name: 'Search by name or code' });
    await searchbox.fill('Toledo');
    await page.getByText('No workforce area matches').waitFor();
    await searchbox.fill('lwda-4');
    await row.waitFor();
    expect(page.url()).toContain('q=lwda-4');
    await expectAccessible(page, 'workforce areas');
    await shot(page, 'areas');

    // Into the region of an initiative.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Initiatives', exact: true }).click();
    await page.getByTestId('initiatives-table').getByRole('link', { name: INITIATIVE }).click();
    await h1(page, INITIATIVE).waitFor();
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await h1(page, `Edit ${INITIATIVE}`).waitFor();
    await page.getByLabel('Kind of place').selectOption('workforce_area');
    await choose(page, /^Add a local workforce area/, new RegExp(`^${AREA}`), 'Lorain');
    await page.getByTestId('region-list').getByText(`Local workforce area: ${AREA}`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();

    await h1(page, INITIATIVE).waitFor();
    const counties = page.getByTestId('initiative-counties');
    const county = (name: string) => counties.getByRole('listitem').filter({ hasText: name });
    await county('Medina County, OH (39103)')
      .filter({ hasText: `through ${AREA}` })
      .waitFor();
    // Lorain County was in the region already: listed once, saying both ways it is covered.
    await county('Lorain County, OH (39093)')
      .filter({ hasText: `named directly; through ${AREA}` })
      .waitFor();
    expect(await county('Lorain County').count()).toBe(1);
    await page.getByRole('heading', { name: /counties covered$/ }).waitFor();
    await expectAccessible(page, 'initiative with counties');
    await shot(page, 'initiative-counties');
    expect(problems).toEqual([]);
    await context.close();
  });
});
