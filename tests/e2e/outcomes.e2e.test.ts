import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { PIRL_ELEMENTS } from '../../src/shared/schemas/outcomes.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Outcomes as the director and the analyst meet them: the director imports a small PIRL file from the
// web (first with a bad row, which rejects the file, then importing the valid rows), opens the WIOA
// report for program year 2020, switches the disaggregation and sees small groups suppressed and gaps
// against the total highlighted, then drills down from the dashboard to the participants behind a
// number. The analyst reads the dashboard and report with counts only: no drill-down.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results');

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
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

type Row = Partial<Record<(typeof PIRL_ELEMENTS)[number], string>>;
/** Exits on 1 October 2019: the employment_q2 cohort of program year 2020, which no demo record reaches. */
function pirlFile(extra: Row[] = []): Buffer {
  const rows: Row[] = [];
  const adult = (id: string, more: Row): Row => ({ '100': id, '900': '20190105', '901': '20191001', '903': '1', ...more });
  // 12 men (9 employed in Q2), 3 women (all employed), 11 who did not self-identify (none employed).
  for (let i = 0; i < 12; i++) rows.push(adult(`E2E-M${i}`, { '201': '1', '1602': i < 9 ? '1' : '0', ...(i < 11 ? { '904': '1' } : {}) }));
  for (let i = 0; i < 3; i++) rows.push(adult(`E2E-F${i}`, { '201': '2', '1602': '1' }));
  for (let i = 0; i < 11; i++) rows.push(adult(`E2E-N${i}`, { '201': '9', '1602': '0' }));
  rows.push(...extra);
  const csv = `${PIRL_ELEMENTS.join(',')}\n${rows.map((r) => PIRL_ELEMENTS.map((el) => r[el] ?? '').join(',')).join('\n')}\n`;
  return Buffer.from(csv);
}

describe('outcomes in a browser', () => {
  let director: BrowserContext;
  let dp: Page;
  let problems: string[];

  afterAll(async () => {
    await director?.close();
  });

  it('the director imports a PIRL file from the web: a bad row rejects it, then the valid rows go in', async () => {
    director = await newContext(browser, t.baseUrl);
    dp = await director.newPage();
    problems = watchForProblems(dp);
    await signIn(dp, 'director@demo.braid.test');
    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'PIRL import' }).click();
    await h1(dp, 'Import a PIRL file').waitFor();

    // Nothing chosen: said inline.
    await dp.getByRole('button', { name: 'Import', exact: true }).click();
    await dp.getByText('Choose a file to import.').waitFor();
    await expectAccessible(dp, 'PIRL import (no file)');

    const bad = { '100': 'E2E-BAD', '900': '20190105', '901': '20191301', '903': '1' };
    await dp.locator('input[type=file]').setInputFiles({ name: 'pirl-bad.csv', mimeType: 'text/csv', buffer: pirlFile([bad]) });
    await dp.getByRole('button', { name: 'Import', exact: true }).click();
    // A background job checks and imports the file; the page polls it and shows the result when it is done.
    await expect.poll(() => dp.getByTestId('import-status').textContent()).toBe('Rejected');
    expect(await dp.getByTestId('count-processedRows').textContent()).toBe('27');
    expect(await dp.getByRole('progressbar', { name: 'Import progress' }).count()).toBe(0);
    await dp.getByText('The file was rejected and nothing changed.', { exact: false }).waitFor();
    const rejected = dp.getByTestId('rejected-table');
    // Header on line 1, 26 good rows, the bad one on line 28.
    await expect.poll(() => rejected.getByRole('row').nth(1).textContent()).toMatch(/^28901/);
    expect(await dp.getByRole('link', { name: 'Download the rejected rows (CSV)' }).getAttribute('href')).toMatch(
      /^\/api\/outcomes\/imports\/[0-9a-f-]{36}\/rejected$/,
    );
    await expectAccessible(dp, 'PIRL import (rejected)');
    await dp.screenshot({ path: path.join(SHOTS, 'outcomes-pirl-rejected.png'), fullPage: true });

    await dp.getByRole('checkbox', { name: 'Import the valid rows and report the rest' }).check();
    await dp.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dp.getByTestId('import-status').textContent()).toBe('Imported');
    expect(await dp.getByTestId('count-importedRows').textContent()).toBe('26');
    expect(await dp.getByTestId('count-rejectedRows').textContent()).toBe('1');
    expect(await dp.getByTestId('rejected-table').getByRole('row').nth(1).textContent()).toMatch(/^28901/);
    await expectAccessible(dp, 'PIRL import (imported)');
    expect(problems).toEqual([]);
  });

  it('the director opens the WIOA report, switches the disaggregation and sees suppression and gaps', async () => {
    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'WIOA report' }).click();
    await h1(dp, 'WIOA performance report').waitFor();
    await dp.getByLabel('Program year').selectOption('2020');
    const q2 = dp.getByTestId('wioa-table').locator('[data-indicator=employment_q2]');
    await expect.poll(() => q2.textContent()).toContain('1226');
    expect(await q2.textContent()).toContain('46.2 %');
    expect(await q2.textContent()).toContain('Jul 1, 2019 – Jun 30, 2020');

    // By sex (the default): women (3) are suppressed, and so is the next smallest group, its complement.
    const by = dp.getByTestId('wioa-by-table');
    await expect.poll(() => by.locator('[data-group="Male"]').textContent()).toContain('75.0 %');
    expect(await by.locator('[data-group="Female"]').textContent()).toContain('Suppressed');
    expect(await by.locator('[data-group="Did not self-identify"]').textContent()).toContain('Suppressed');
    expect(await by.locator('[data-group="Male"] [data-gap=flagged]').textContent()).toBe('28.8 points above total');
    await dp.getByText('Gaps against the total').waitFor();
    await expectAccessible(dp, 'WIOA report by sex');
    await dp.screenshot({ path: path.join(SHOTS, 'outcomes-wioa-by-sex.png'), fullPage: true });

    await dp.getByLabel('Break down by').selectOption('program');
    await expect.poll(() => by.locator('[data-group="Adult"]').textContent()).toContain('46.2 %');
    expect(await by.locator('[data-group="Dislocated Worker"]').textContent()).toContain('81.8 %');
    await dp.getByText('A person can belong to several groups here', { exact: false }).waitFor();
    expect(dp.url()).toContain('by=program');

    // An invalid quarter is refused inline, before any request.
    await dp.getByLabel('Wage data through').fill('2020-3');
    await dp.getByRole('button', { name: 'Apply' }).click();
    await dp.getByText('Write a quarter as 2025Q2.').waitFor();
    await expectAccessible(dp, 'WIOA report by program');
    expect(problems).toEqual([]);
  });

  it('the director drills down from a numerator on the dashboard to the participants behind it', async () => {
    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await h1(dp, 'Outcomes').waitFor();
    await dp.getByLabel('Program year').selectOption('2020');
    const card = dp.getByTestId('indicator-cards').locator('[data-indicator=employment_q2]');
    await expect.poll(() => card.textContent()).toContain('12 / 26');
    await card.getByRole('button', { name: 'Show the participants in the Numerator of Employment rate, 2nd quarter after exit' }).click();
    const dialog = dp.getByRole('dialog', { name: /Numerator of Employment rate, 2nd quarter after exit/ });
    await dialog.waitFor();
    const rows = dialog.getByTestId('drilldown-table').locator('tbody tr');
    // The 12 employed: 9 men and 3 women; none of the 11 who were not employed.
    await expect.poll(() => rows.count()).toBe(12);
    const names = await rows.locator('td:first-child').allTextContents();
    expect(names.filter((n) => n.startsWith('PIRL E2E-M'))).toHaveLength(9);
    expect(names.filter((n) => n.startsWith('PIRL E2E-F'))).toHaveLength(3);
    expect(names.some((n) => n.startsWith('PIRL E2E-N'))).toBe(false);
    await dialog.getByText('Identified data: this view is recorded in the audit trail.').waitFor();
    await expectAccessible(dp, 'dashboard drill-down');
    await dp.screenshot({ path: path.join(SHOTS, 'outcomes-drilldown.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  it("the director keeps the region's establishment counts, and employer penetration uses them", async () => {
    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Regional establishments' }).click();
    await h1(dp, 'Establishments in the region').waitFor();
    // The demo's six counties.
    await dp.getByText('8,270 establishments in the region').waitFor();
    await dp.getByRole('button', { name: 'Save' }).click();
    // Nothing filled in: said inline, on the county and the count.
    await expect.poll(() => dp.getByText('Fill this in.').count()).toBe(2);
    await dp.getByRole('button', { name: /^Edit Geauga/ }).click();
    await dp.getByLabel('Establishments').fill('430');
    await dp.getByRole('button', { name: 'Save' }).click();
    await dp.getByText('Saved. Employer penetration now uses the new total.').waitFor();
    await dp.getByText('8,370 establishments in the region').waitFor();
    await expectAccessible(dp, 'regional establishments');
    await dp.screenshot({ path: path.join(SHOTS, 'outcomes-establishments.png'), fullPage: true });
    await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const own = dp.getByTestId('own-cards');
    await expect.poll(() => own.textContent()).toContain('Employer penetration');
    await expect.poll(() => own.textContent()).toContain('establishments in the region');
    expect(problems).toEqual([]);
  });

  it('the director imports UI wage records: a background job with a progress bar, the summary, and the list of recent imports', async () => {
    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Wage import' }).click();
    await h1(dp, 'Import UI wage records').waitFor();
    await dp.getByTestId('recent-empty').waitFor();
    await expectAccessible(dp, 'wage import (no imports yet)');

    // People who are in no PIRL file, in a quarter long before any cohort: the report above stays as it is.
    const rows = Array.from({ length: 40 }, (_, i) => `E2E-W${i},12-3456789,2005,1,${1000 + i}`);
    rows.splice(10, 0, 'E2E-WX,12-3456789,2005,7,100'); // line 12: no such quarter
    const csv = Buffer.from(`person_id,employer_fein,year,quarter,wages\n${rows.join('\n')}\n`);
    await dp.locator('input[type=file]').setInputFiles({ name: 'wages.csv', mimeType: 'text/csv', buffer: csv });
    await dp.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => dp.getByTestId('import-status').textContent()).toBe('Imported');
    expect(await dp.getByTestId('count-processedRows').textContent()).toBe('41');
    expect(await dp.getByTestId('count-acceptedRows').textContent()).toBe('40');
    expect(await dp.getByTestId('count-addedRows').textContent()).toBe('40');
    expect(await dp.getByTestId('count-replacedRows').textContent()).toBe('0');
    expect(await dp.getByTestId('count-rejectedRows').textContent()).toBe('1');
    expect(await dp.getByTestId('rejected-table').getByRole('row').nth(1).textContent()).toMatch(/^12quarter/);
    expect(await dp.getByRole('link', { name: 'Download the rejected rows (CSV)' }).getAttribute('href')).toMatch(
      /^\/api\/outcomes\/imports\/[0-9a-f-]{36}\/rejected$/,
    );
    const recent = dp.getByTestId('recent-imports');
    await expect.poll(() => recent.getByRole('row').count()).toBe(2);
    expect(await recent.getByRole('row').nth(1).textContent()).toContain('wages.csv');
    await expectAccessible(dp, 'wage import (imported)');

    // The same file with one amount changed: one record replaced, the rest already up to date.
    const changed = Buffer.from(csv.toString().replace('E2E-W0,12-3456789,2005,1,1000', 'E2E-W0,12-3456789,2005,1,1500'));
    await dp.locator('input[type=file]').setInputFiles({ name: 'wages-2.csv', mimeType: 'text/csv', buffer: changed });
    await dp.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() =>
        dp
          .getByTestId('count-replacedRows')
          .textContent()
          .catch(() => null),
      )
      .toBe('1');
    expect(await dp.getByTestId('count-addedRows').textContent()).toBe('0');
    expect(await dp.getByTestId('count-unchangedRows').textContent()).toBe('39');
    await expect.poll(() => recent.getByRole('row').count()).toBe(3);
    // An earlier run opens again from the list.
    await recent.getByRole('button', { name: /Show the import of wages\.csv/ }).click();
    await expect.poll(() => dp.getByTestId('count-addedRows').textContent()).toBe('40');
    await dp.screenshot({ path: path.join(SHOTS, 'outcomes-wages-imported.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('the analyst reads the dashboard and the WIOA report but has no import pages and no drill-down', async () => {
    const analyst = await newContext(browser, t.baseUrl);
    try {
      const ap = await analyst.newPage();
      const seen = watchForProblems(ap);
      await signIn(ap, 'analyst@demo.braid.test');
      const nav = ap.getByRole('navigation', { name: 'Main navigation' });
      expect(await nav.getByRole('link', { name: 'PIRL import' }).count()).toBe(0);
      await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await h1(ap, 'Outcomes').waitFor();
      await ap.getByLabel('Program year').selectOption('2020');
      const card = ap.getByTestId('indicator-cards').locator('[data-indicator=employment_q2]');
      await expect.poll(() => card.textContent()).toContain('12 / 26');
      expect(await card.getByRole('button').count()).toBe(0);
      await expectAccessible(ap, 'dashboard (analyst)');
      await ap.screenshot({ path: path.join(SHOTS, 'outcomes-dashboard-analyst.png'), fullPage: true });
      await ap.goto('/outcomes/wioa?programYear=2020&by=sex');
      await h1(ap, 'WIOA performance report').waitFor();
      const by = ap.getByTestId('wioa-by-table');
      await expect.poll(() => by.locator('[data-group="Female"]').textContent()).toContain('Suppressed');
      await expectAccessible(ap, 'WIOA report (analyst)');
      await ap.goto('/outcomes/imports/pirl');
      await ap.getByRole('heading', { level: 1, name: /not found/i }).waitFor();
      expect(seen).toEqual([]);
    } finally {
      await analyst.close();
    }
  });
});
