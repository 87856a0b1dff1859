import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Referral reports as people meet them, on the full demo's year of referrals: the director opens the
// page from the navigation, reads the KPIs, the funnel and the completion table, and narrows to one
// organization; Eastside's partner staff see only the referrals their organization sent or received.

let t: TestApp;
let browser: Browser;
const EASTSIDE = 'Eastside Neighborhood Opportunity Center';
const SHOTS = path.resolve('test-results');

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp({}, { demo: 'full' }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const who of ['director', 'partner_staff'] as const) {
    const res = await (await t.as(who)).request('PATCH', '/api/account/profile', { locale: 'en' });
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await h1(page, 'Sign in').waitFor();
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await h1(page, 'Home').waitFor();
}

/** The rows of the Sankey's text equivalent: sender, receiver, count. */
async function flowRows(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Referral flows between organizations' });
  await table.waitFor({ state: 'attached' });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')));
}

describe('referral reports in a browser', () => {
  let ctx: BrowserContext;
  afterAll(async () => {
    await ctx?.close();
  });

  it('the director sees KPIs, charts and the completion table, then filters by an organization', async () => {
    ctx = await newContext(browser, t.baseUrl);
    const page = await ctx.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'director@demo.braid.test');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referral reports' }).click();
    await h1(page, 'Referral reports').waitFor();
    const kpis = page.getByTestId('referral-kpis');
    await kpis.getByText('Completion rate').waitFor();
    await kpis.getByText('Overdue now').waitFor();
    await page.getByText('All referrals of the partnership.', { exact: false }).waitFor();
    const table = page.getByTestId('completion-table');
    await table.getByRole('rowheader', { name: EASTSIDE }).waitFor();
    const orgRows = await table.locator('tbody tr').count();
    expect(orgRows).toBeGreaterThan(1);
    expect(await page.locator('[data-chart="Referral funnel"] svg').count()).toBe(1);
    expect(await page.locator('[data-chart="Referral flows between organizations"] svg').count()).toBe(1);
    const allFlows = await flowRows(page);
    expect(allFlows.some((r) => !r.join(' ').includes('Eastside'))).toBe(true);
    const csv = page.getByRole('link', { name: 'Download table (CSV)' });
    expect(await csv.getAttribute('href')).toBe('/api/referrals/reports/organizations.csv');
    await expectAccessible(page, 'referral reports');
    await page.screenshot({ path: path.join(SHOTS, 'referral-reports-director.png'), fullPage: true });

    await page.getByRole('combobox', { name: 'Organization' }).selectOption({ label: EASTSIDE });
    await page.waitForURL(/organizationId=/);
    await expect.poll(async () => (await flowRows(page)).every((r) => r.join(' ').includes('Eastside'))).toBe(true);
    expect(await csv.getAttribute('href')).toMatch(/organizations\.csv\?organizationId=/);
    await page.getByRole('button', { name: 'Clear search and filters' }).first().waitFor();
    await expectAccessible(page, 'referral reports (filtered)');
    expect(problems).toEqual([]);
  });

  it("Eastside's partner staff see only their organization's flows", async () => {
    const partner = await newContext(browser, t.baseUrl);
    const page = await partner.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'partner@demo.braid.test');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referral reports' }).click();
    await h1(page, 'Referral reports').waitFor();
    await page.getByText('Referrals your organization sent or received.', { exact: false }).waitFor();
    const flows = await flowRows(page);
    expect(flows.length).toBeGreaterThan(0);
    for (const row of flows) expect(row.slice(0, 2).join(' ')).toContain('Eastside');
    await expectAccessible(page, 'referral reports (partner)');
    await page.screenshot({ path: path.join(SHOTS, 'referral-reports-partner.png'), fullPage: true });
    expect(problems).toEqual([]);
    await partner.close();
  });
});
