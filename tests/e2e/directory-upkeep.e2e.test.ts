import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Upkeep of the directory as a partner meets it: the home page says how many of Eastside's entries need
// re-verification and opens the directory on exactly those; one click confirms an entry unchanged.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results');

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  // Eastside's entries were verified 5, 25 and 60 days ago: with a 20-day line, two need re-verification.
  const res = await (await t.as('director')).request('PATCH', '/api/directory/settings', { staleAfterDays: 20 });
  expect(res.status, await res.clone().text()).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('directory upkeep in a browser', () => {
  it('the partner goes from the home task to the stale entries and confirms one', async () => {
    const ctx = await newContext(browser, t.baseUrl);
    try {
      const page = await ctx.newPage();
      const problems = watchForProblems(page);
      await page.goto('/sign-in');
      await page.getByLabel(/^Email/).fill('partner@demo.braid.test');
      await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const task = page
        .getByTestId('task-list')
        .getByRole('listitem')
        .filter({ hasText: '2 services of Eastside Neighborhood Opportunity Center need re-verification' });
      await task.waitFor();
      await expectAccessible(page, 'home (re-verification task)');
      await task.getByRole('link', { name: /^Review the entries/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
      const results = page.getByTestId('directory-results');
      await results.getByRole('link', { name: 'Rides to Work' }).waitFor();
      expect(await results.getByRole('listitem').count()).toBe(2);
      expect(await page.getByRole('checkbox', { name: 'Needs re-verification' }).isChecked()).toBe(true);
      await expectAccessible(page, 'directory (needs re-verification)');
      await page.screenshot({ path: path.join(SHOTS, 'directory-reverification.png'), fullPage: true });

      await results.getByRole('link', { name: 'Rides to Work' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rides to Work' }).waitFor();
      await page.getByTestId('verify-service').click();
      await page.goto('/');
      await page
        .getByTestId('task-list')
        .getByText('1 service of Eastside Neighborhood Opportunity Center needs re-verification')
        .waitFor();
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
