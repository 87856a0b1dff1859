import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The director moves the directory out as an HSDS data package (a zip of CSVs), sees a broken copy
// refused with every problem named by file, line and column, and brings the good copy back in.

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

describe('directory import and export in a browser', () => {
  it('exports the data package, refuses a broken one with its problems, imports the good one', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto('/sign-in');
    await page.getByLabel(/^Email/).fill('director@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Home').waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Service directory' }).click();
    await h1(page, 'Service directory').waitFor();
    await page.getByRole('link', { name: 'Import and export', exact: true }).click();
    await h1(page, 'Directory import and export').waitFor();
    await expectAccessible(page, 'directory data');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'HSDS data package (zip of CSV files)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hsds-.*\.zip$/);
    const zipped = new Uint8Array(fs.readFileSync(await download.path()));
    const files = Object.fromEntries(Object.entries(unzipSync(zipped)).map(([k, v]) => [k, strFromU8(v)]));
    expect(Object.keys(files)).toContain('services.csv');

    // A copy whose first service lost its name.
    const lines = (files['services.csv'] as string).split('\r\n');
    const header = (lines[0] as string).split(',');
    const cells = (lines[1] as string).split(',');
    cells[header.indexOf('name')] = '';
    lines[1] = cells.join(',');
    const broken = zipSync({
      ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])),
      'services.csv': strToU8(lines.join('\r\n')),
    });
    const dir = fs.mkdtempSync(path.join(SHOTS, 'hsds-'));
    fs.writeFileSync(path.join(dir, 'broken.zip'), broken);
    fs.writeFileSync(path.join(dir, 'directory.zip'), zipped);

    await page.locator('input[type=file]').setInputFiles(path.join(dir, 'broken.zip'));
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByRole('heading', { name: /problems? to fix/ }).waitFor();
    await page.getByRole('list', { name: 'Problems, by file, line and column' }).getByText('services.csv:2.name').waitFor();
    await expectAccessible(page, 'directory data, refused');
    await page.screenshot({ path: path.join(SHOTS, 'directory-data-refused.png'), fullPage: true });

    await page.locator('input[type=file]').setInputFiles(path.join(dir, 'directory.zip'));
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByRole('status').getByText('Imported', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Records imported' }).getByText('Services', { exact: true }).waitFor();
    await expectAccessible(page, 'directory data, imported');
    await page.screenshot({ path: path.join(SHOTS, 'directory-data-imported.png'), fullPage: true });
    expect(problems).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  });
});
