import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// A navigator (whose interface is in Spanish) imports a caseload spreadsheet with two bad rows: she
// uploads it, matches the one column Braid could not match by name, sees each rejected row with its
// line, imports the rest while the progress runs to the end, and gets the count. Importing the same
// file again adds nobody.

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const SHOTS = path.resolve('test-results');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `participant-import-${name}.png`), fullPage: true });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

// "Apellido" is not a name Braid knows for the last name: the navigator maps it herself.
const CSV = [
  'Client ID,First Name,Apellido,DOB,Gender,County,State,Education,Employment Status',
  'E2E-1,Lucia,Importada,1991-04-02,F,39035,OH,high_school_diploma,unemployed',
  'E2E-2,Mateo,Importado,03/14/1988,M,39093,OH,associate,employed',
  'E2E-3,Ines,Fechamala,1990-13-01,F,39035,OH,bachelor,unemployed',
  'E2E-4,Omar,Importado,1979-11-30,M,39085,OH,ged,not_in_labor_force',
  'E2E-5,Vera,Condado,1985-06-15,F,99999,OH,bachelor,employed',
].join('\n');

async function countImported(): Promise<number> {
  const director = await t.as('director');
  const res = await director.request('GET', `/api/participants?q=${encodeURIComponent('Importad')}&pageSize=100`);
  return (await res.json()).total as number;
}

describe('participant import in a browser', () => {
  let ctx: BrowserContext;
  let page: Page;
  let problems: string[];
  let file: string;

  afterAll(async () => {
    await ctx?.close();
  });

  it('a navigator uploads a file, maps its columns and sees every rejected row with its line', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    file = path.join(SHOTS, 'caseload-e2e.csv');
    fs.writeFileSync(file, `${CSV}\n`);

    ctx = await newContext(browser, t.baseUrl);
    page = await ctx.newPage();
    problems = watchForProblems(page);
    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel(/^Email/).fill('navigator@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Inicio').waitFor();

    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Importar participantes' }).click();
    await h1(page, 'Importar participantes').waitFor();
    await expectAccessible(page, 'upload');
    // Continuing without a file says what is missing, next to the field.
    await page.getByRole('button', { name: 'Subir y continuar' }).click();
    await page.getByText('Elija un archivo CSV o .xlsx para subir.').waitFor();
    await shot(page, '1-upload');

    await page.getByLabel(/Archivo de hoja de cálculo/).setInputFiles(file);
    await page.getByRole('button', { name: 'Subir y continuar' }).click();
    await page.getByRole('heading', { level: 2, name: 'Emparejar las columnas' }).waitFor();
    // Matched by header name: the ID, first name and birth date; the last name is required and unmatched.
    await expect(page.getByLabel('ID en su sistema', { exact: true }).inputValue()).resolves.toBe('Client ID');
    await expect(page.getByLabel('Nombre', { exact: true }).inputValue()).resolves.toBe('First Name');
    await expect(page.getByLabel('Fecha de nacimiento', { exact: true }).inputValue()).resolves.toBe('DOB');
    await expect(page.getByLabel('Apellido', { exact: true }).inputValue()).resolves.toBe('');
    await expectAccessible(page, 'mapping');
    await page.getByRole('button', { name: 'Revisar cada fila' }).click();
    await page.getByText('Elija la columna que contiene este campo.').waitFor();
    await expectAccessible(page, 'mapping with an error');
    await page.getByLabel('Apellido', { exact: true }).selectOption('Apellido');
    await shot(page, '2-mapping');
    await page.getByRole('button', { name: 'Revisar cada fila' }).click();

    await page.getByRole('heading', { level: 2, name: 'Revisar las filas' }).waitFor();
    await expect(page.getByTestId('preview-total').textContent()).resolves.toBe('5');
    await expect(page.getByTestId('preview-new').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('preview-rejected').textContent()).resolves.toBe('2');
    const rejected = page.getByTestId('rejected-rows');
    const rows = await rejected.locator('tbody tr').allTextContents();
    // The reasons read in the navigator's language (the server sends a code; the CSV keeps English).
    expect(rows.some((r) => r.startsWith('4') && r.includes('Fecha de nacimiento') && r.includes('No es una fecha'))).toBe(true);
    expect(
      rows.some((r) => r.startsWith('6') && r.includes('Condado (código FIPS)') && r.includes('Código FIPS de condado desconocido.')),
    ).toBe(true);
    expect(rows.join(' ')).not.toContain('Unknown county');
    const report = await page.request.get(
      await page.getByRole('link', { name: 'Descargar las filas rechazadas (CSV)' }).getAttribute('href').then(String),
    );
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain('6,countyFips,Unknown county FIPS code.');
    expect(await countImported()).toBe(0);
    await expectAccessible(page, 'preview');
    await shot(page, '3-preview');
  }, 180_000);

  it('runs the import, shows its progress to the end and counts the participants imported', async () => {
    await page.getByRole('button', { name: 'Importar las 3 filas válidas y omitir las rechazadas' }).click();
    await page.getByRole('heading', { level: 2, name: 'Importar', exact: true }).waitFor();
    await page.getByTestId('run-done').waitFor();
    await expect(page.getByTestId('run-progress').textContent()).resolves.toContain('5 de 5 filas procesadas.');
    await expect(page.getByTestId('run-imported').textContent()).resolves.toBe('3 participantes importados.');
    await expect(page.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    expect(await countImported()).toBe(3);
    await expectAccessible(page, 'done');
    await shot(page, '4-done');
  }, 180_000);

  it('importing the same file again adds nobody', async () => {
    await page.getByRole('button', { name: 'Importar otro archivo' }).click();
    await page.getByLabel(/Archivo de hoja de cálculo/).setInputFiles(file);
    await page.getByRole('button', { name: 'Subir y continuar' }).click();
    await page.getByLabel('Apellido', { exact: true }).selectOption('Apellido');
    await page.getByRole('button', { name: 'Revisar cada fila' }).click();
    await expect(
      page
        .getByTestId('preview-new')
        .waitFor()
        .then(() => page.getByTestId('preview-new').textContent()),
    ).resolves.toBe('0');
    await expect(page.getByTestId('preview-existing').textContent()).resolves.toBe('3');
    await page.getByText('3 personas de este archivo ya están en Braid').waitFor();
    await shot(page, '5-rerun-preview');
    await page.getByRole('button', { name: 'Importar las 3 filas válidas y omitir las rechazadas' }).click();
    await page.getByTestId('run-done').waitFor();
    await expect(page.getByTestId('run-imported').textContent()).resolves.toBe('0 participantes importados.');
    await page.getByText('3 filas omitidas: ya están en Braid.').waitFor();
    expect(await countImported()).toBe(3);
    await expectAccessible(page, 'rerun done');
    expect(problems).toEqual([]);
  }, 180_000);

  it('the navigator downloads her list; the analyst reaches only the de-identified file', async () => {
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Exportar participantes' }).click();
    await h1(page, 'Exportar participantes').waitFor();
    await page.getByLabel('Nombre o ID').fill('Importad');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="identified-downloads"] a')?.getAttribute('href')?.includes('q=Importad'),
    );
    const csvHref = String(
      await page.getByTestId('identified-downloads').getByRole('link', { name: 'Descargar CSV' }).getAttribute('href'),
    );
    const list = await page.request.get(csvHref);
    expect(list.status()).toBe(200);
    const listText = await list.text();
    expect(listText).toContain('Lucia,Importada');
    expect(listText.trim().split('\r\n')).toHaveLength(4);
    await expectAccessible(page, 'export (navigator)');
    await shot(page, '6-export-navigator');

    const analystCtx = await newContext(browser, t.baseUrl);
    const ap = await analystCtx.newPage();
    const analystProblems = watchForProblems(ap);
    await ap.goto('/sign-in');
    await ap.getByLabel(/^Email/).fill('analyst@demo.braid.test');
    await ap.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await ap.getByRole('button', { name: 'Sign in' }).click();
    await h1(ap, 'Home').waitFor();
    const nav = ap.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link', { name: 'Import participants' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Export participants' }).click();
    await h1(ap, 'Export participants').waitFor();
    await ap.getByRole('heading', { level: 2, name: 'De-identified participant file' }).waitFor();
    expect(await ap.getByTestId('identified-downloads').count()).toBe(0);
    const href = String(await ap.getByTestId('deidentified-downloads').getByRole('link', { name: 'Download CSV' }).getAttribute('href'));
    const file = await ap.request.get(href);
    expect(file.status()).toBe(200);
    const text = await file.text();
    expect(text.replace(/^\ufeff/, '').startsWith('pseudo_id,status,organization,county_fips,county,age_band')).toBe(true);
    expect(text).not.toContain('Importad');
    await expectAccessible(ap, 'export (analyst)');
    await shot(ap, '7-export-analyst');
    expect(analystProblems).toEqual([]);
    await analystCtx.close();
  }, 180_000);
});
