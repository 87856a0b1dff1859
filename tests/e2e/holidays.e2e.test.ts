import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The director keeps the partnership's holiday calendar, which referral deadlines skip: the demo's federal
// holidays are listed, an empty year is filled with one button, and a local closure is added and removed,
// each change saying how many referral deadlines it moved.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results/holidays');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

describe('holiday calendar in a browser', () => {
  it('the director sees the federal holidays, fills an empty year and adds and removes a closure', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    onTestFailed(() => shot(page, 'failed'));
    const problems = watchForProblems(page);
    const year = new Date().getUTCFullYear();

    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel(/^Email/).fill('director@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await h1(page, 'Home').waitFor();

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Holidays', exact: true }).click();
    await h1(page, 'Holidays').waitFor();
    // Only the closest navigation item is current, not also "Service directory" (/directory).
    const current = page.getByRole('navigation', { name: 'Main navigation' }).locator('[aria-current="page"]');
    expect(await current.allTextContents()).toEqual(['Holidays']);
    const table = page.getByRole('table', { name: `Holidays in ${year}` });
    await table.getByRole('rowheader', { name: 'Thanksgiving Day', exact: true }).waitFor();
    expect(await table.getByRole('row').count()).toBe(12); // header + the 11 federal holidays
    await expectAccessible(page, 'holidays');
    await shot(page, 'holidays');

    // Required fields are said before anything is sent.
    await page.getByRole('button', { name: 'Add holiday', exact: true }).click();
    await expect.poll(() => page.getByText('Fill this in.').count()).toBeGreaterThan(0);

    // Three years on, nothing yet: the empty state says what to do, one button fills the year.
    const later = year + 3;
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next year', exact: true }).click();
    await page.getByText(`No holidays in ${later}`).waitFor();
    await page.getByRole('button', { name: `Add US federal holidays for ${later}`, exact: true }).click();
    await page.getByRole('status').getByText(`11 US federal holidays added for ${later}`).waitFor();
    const laterTable = page.getByRole('table', { name: `Holidays in ${later}` });
    await laterTable.getByRole('rowheader', { name: 'Independence Day', exact: true }).waitFor();

    // A local closure, then removed again.
    await page.getByLabel(/^Date/).fill(`${later}-12-26`);
    await page.getByLabel(/^Name/).fill('Agency winter closure');
    await page.getByRole('button', { name: 'Add holiday', exact: true }).click();
    await laterTable.getByRole('rowheader', { name: 'Agency winter closure', exact: true }).waitFor();
    // Each change says how many deadlines of referrals awaiting an answer it moved: none, three years on.
    const status = page.getByRole('status');
    await status.getByText('Agency winter closure').waitFor();
    expect(await status.textContent()).toContain('added. No deadline of a referral awaiting an answer changed.');
    await page.getByRole('button', { name: 'Remove Agency winter closure', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => laterTable.getByRole('rowheader', { name: 'Agency winter closure', exact: true }).count()).toBe(0);
    await expect.poll(() => status.textContent()).toContain('removed. No deadline of a referral awaiting an answer changed.');
    await expectAccessible(page, 'holidays, later year');

    expect(problems).toEqual([]);
    await context.close();
  });
});
