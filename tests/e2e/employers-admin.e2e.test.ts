import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Business services keeps an employer account in a browser: adds a contact, logs a site visit with a
// follow-up, records a commitment and its first fulfilment; then raises a county's living wage and sees
// the job-quality score of a job order there fall; the dashboard shows job quality by employer. It also
// keeps an employer's locations (add, edit, remove) and sees how many of a job order's openings are filled.

let t: TestApp;
let browser: Browser;
let lakeJobId = '';
const LAKE_JOB = 'Lake Regional Lab Assistant';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const director = await t.as('director');
  const orgs = await (await director.request('GET', '/api/organizations?q=Lake%20Regional&pageSize=10')).json();
  const business = await t.as('business_services');
  // $19.00 in Lake County (39085), where the demo living wage for one adult is $21.02.
  const res = await business.request('POST', '/api/job-orders', {
    employerId: orgs.items[0].id,
    socCode: '31-9097',
    title: LAKE_JOB,
    openings: 2,
    wageMinCents: 1900,
    wageMaxCents: 2200,
    hoursPerWeek: 40,
    shift: 'day',
    schedule: 'fixed',
    countyFips: '39085',
    opensOn: new Date().toISOString().slice(0, 10),
  });
  expect(res.status).toBe(201);
  lakeJobId = (await res.json()).id;
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
  // Each role lands on its own home page.
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.getByRole('navigation').first().waitFor();
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('employer account upkeep in a browser', () => {
  it('business services adds a contact, logs an interaction with a follow-up and records a commitment', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Employer accounts' }).click();
    await h1(page, 'Employers').waitFor();
    await page.getByRole('link', { name: 'MetroCare Health System' }).first().click();
    await h1(page, 'MetroCare Health System').waitFor();

    // A contact: the empty form is refused field by field, then saved.
    await page.getByRole('button', { name: 'Add a contact' }).click();
    const contactForm = page.getByRole('form', { name: 'Add a contact' });
    await contactForm.getByRole('button', { name: 'Add a contact' }).click();
    await expect.poll(() => contactForm.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await contactForm.getByLabel(/^Name/).fill('Dana Whitfield');
    await contactForm.getByLabel(/^Job title/).fill('Talent acquisition lead');
    await contactForm.getByLabel(/^Email/).fill('not-an-email');
    await contactForm.getByLabel(/^Phone/).click();
    await expect.poll(() => contactForm.getByLabel(/^Email/).getAttribute('aria-invalid')).toBe('true');
    await contactForm.getByLabel(/^Email/).fill('dana.whitfield@metrocare.example');
    await contactForm.getByRole('checkbox', { name: 'Hiring manager' }).check();
    await contactForm.getByRole('button', { name: 'Add a contact' }).click();
    const contacts = page.getByRole('region', { name: 'Contacts' });
    await expect.poll(() => contacts.textContent()).toContain('Dana Whitfield');
    expect(await contacts.textContent()).toContain('Hiring manager');

    // An interaction with Dana, with a follow-up date.
    await page.getByRole('button', { name: 'Log an interaction' }).click();
    const visit = page.getByRole('form', { name: 'Log an interaction' });
    await visit.getByLabel(/^Kind/).selectOption('site_visit');
    await visit.getByLabel(/^With/).selectOption({ label: 'Dana Whitfield' });
    await visit.getByLabel(/^What happened/).fill('Toured the outpatient lab; two phlebotomy openings next month.');
    // A follow-up before the visit is refused inline.
    await visit.getByLabel(/^Follow up by/).fill(inDays(-30));
    await visit.getByLabel(/^Follow-up to do/).click();
    await expect.poll(() => visit.getByLabel(/^Follow up by/).getAttribute('aria-invalid')).toBe('true');
    await visit.getByLabel(/^Follow up by/).fill(inDays(14));
    await visit.getByLabel(/^Follow-up to do/).fill('Send the cohort’s résumés');
    await visit.getByRole('button', { name: 'Log an interaction' }).click();
    const interactions = page.getByRole('region', { name: 'Interactions' });
    await expect.poll(() => interactions.textContent()).toContain('Toured the outpatient lab');
    const text = (await interactions.textContent()) ?? '';
    expect(text).toContain('Site visit · Dana Whitfield');
    expect(text).toContain('Follow-up due');
    expect(text).toContain('Send the cohort’s résumés');

    // A commitment of four hires, and the first one fulfilled.
    await page.getByRole('button', { name: 'Add a commitment' }).click();
    const pledge = page.getByRole('form', { name: 'Add a commitment' });
    await pledge.getByLabel(/^Commitment/).selectOption('hire');
    await pledge.getByLabel(/^Pledged quantity/).fill('4');
    await pledge.getByLabel(/^Description/).fill('Hire four graduates of the spring cohort');
    await pledge.getByRole('button', { name: 'Add a commitment' }).click();
    const commitments = page.getByRole('region', { name: 'Commitments' });
    await expect.poll(() => commitments.textContent()).toContain('Hire four graduates of the spring cohort');
    expect(await commitments.textContent()).toContain('0 of 4 (0%)');
    await commitments.getByRole('button', { name: 'Record fulfilment' }).last().click();
    const fulfil = page.getByRole('form', { name: 'Record fulfilment of Hire four graduates of the spring cohort' });
    await fulfil.getByLabel(/^Quantity/).fill('1');
    await fulfil.getByRole('button', { name: 'Record fulfilment' }).click();
    await expect.poll(() => commitments.textContent()).toContain('1 of 4 (25%)');

    await expectAccessible(page, 'employer detail with forms');
    await page.screenshot({ path: 'test-results/employers-detail-forms.png', fullPage: true });

    // The follow-up can be marked done.
    await interactions
      .getByRole('button', { name: /^Mark the follow-up due .* done$/ })
      .first()
      .click();
    await expect.poll(() => interactions.textContent()).toContain('Follow-up done');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('business services adds, edits and removes an employer location, and sees openings filled', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Employer accounts' }).click();
    await h1(page, 'Employers').waitFor();
    await page.getByRole('link', { name: 'Lake Regional Medical Center', exact: true }).first().click();
    await h1(page, 'Lake Regional Medical Center').waitFor();
    const locations = page.getByRole('region', { name: 'Locations', exact: true });
    await expect.poll(() => locations.textContent()).toContain('No locations yet');
    expect(await locations.textContent()).toContain('Add each site where people work');

    // The empty form is refused field by field; a state that is not two letters is refused inline.
    await locations.getByRole('button', { name: 'Add a location', exact: true }).click();
    const add = page.getByRole('form', { name: 'Add a location', exact: true });
    await add.getByRole('button', { name: 'Add a location', exact: true }).click();
    await expect.poll(() => add.getByLabel(/^Name of the site/).getAttribute('aria-invalid')).toBe('true');
    await add.getByLabel(/^Name of the site/).fill('Main campus');
    await add.getByLabel(/^Street address/).fill('7590 Auburn Rd');
    await add.getByLabel(/^City/).fill('Concord');
    await add.getByLabel(/^State/).fill('O');
    await add.getByLabel(/^ZIP code/).click();
    await expect.poll(() => add.getByLabel(/^State/).getAttribute('aria-invalid')).toBe('true');
    await add.getByLabel(/^State/).fill('OH');
    await add.getByLabel(/^ZIP code/).fill('44077');
    const county = add.getByRole('textbox', { name: /^County/ });
    await county.click();
    await county.fill('Lake');
    await page.getByRole('option', { name: /Lake/ }).first().click();
    await add.getByRole('button', { name: 'Add a location', exact: true }).click();
    // Wait for the saved address: the form's own hint ("like "Main campus"…") already holds the name.
    await expect.poll(() => locations.textContent()).toContain('7590 Auburn Rd, Concord, OH 44077');
    expect(await locations.textContent()).toContain('Main campus');
    expect(await locations.textContent()).toContain('Lake County');
    await expectAccessible(page, 'employer locations');
    await page.screenshot({ path: 'test-results/employers-locations.png', fullPage: true });

    // Edit: a new name.
    await locations.getByRole('button', { name: 'Edit location Main campus', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Edit location Main campus', exact: true });
    await edit.getByLabel(/^Name of the site/).fill('Main campus (Concord)');
    await edit.getByRole('button', { name: 'Save the location', exact: true }).click();
    await expect.poll(() => locations.textContent()).toContain('Main campus (Concord)');

    // Remove, after confirming.
    await locations.getByRole('button', { name: 'Remove location Main campus (Concord)', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => locations.textContent()).toContain('No locations yet');

    // The job order shows how many of its openings are filled.
    await page.goto(`/job-orders/${lakeJobId}`);
    await h1(page, LAKE_JOB).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'The job', exact: true }).textContent()).toContain('0 of 2 filled');
    expect(problems).toEqual([]);
    await context.close();
  });

  // The demo navigator works in Spanish, so this journey also checks the Spanish strings.
  it('a navigator records a participant’s target occupation, shift and lowest wage on the participant page', async () => {
    const nav = await t.as('navigator');
    const created = await nav.request('POST', '/api/participants', {
      firstName: 'Marisol',
      lastName: 'Vega',
      dateOfBirth: '1994-02-03',
      confirmNotDuplicate: true,
    });
    expect(created.status).toBe(201);
    const participantId = (await created.json()).id;
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'navigator@demo.braid.test');
    await page.goto(`/participants/${participantId}`);
    await h1(page, 'Marisol Vega').waitFor();
    await page.getByRole('tab', { name: 'Empleo' }).click();
    const prefs = page.getByRole('form', { name: 'Preferencias de empleo' });
    await prefs.getByRole('textbox', { name: /^Ocupaciones buscadas/ }).fill('phlebotom');
    await page
      .getByRole('option', { name: /31-9097/ })
      .first()
      .click();
    await prefs.getByRole('checkbox', { name: 'Vespertino' }).check();
    await prefs.getByLabel(/^Salario por hora mínimo aceptable/).fill('18.50');
    await prefs.getByRole('button', { name: 'Guardar preferencias de empleo' }).click();
    await page.getByRole('status').filter({ hasText: 'Preferencias de empleo guardadas' }).waitFor();
    await expectAccessible(page, 'participant job preferences');
    await page.screenshot({ path: 'test-results/employers-job-preferences.png', fullPage: true });
    const saved = await (await nav.request('GET', `/api/participants/${participantId}/job-preferences`)).json();
    expect(saved).toMatchObject({ socCodes: ['31-9097'], shifts: ['evening'], minHourlyWageCents: 1850 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('business services raises a living wage, which lowers the job-quality score in that county', async () => {
    const business = await t.as('business_services');
    const before = (await (await business.request('GET', `/api/job-orders/${lakeJobId}`)).json()).quality.score;
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Living wages' }).click();
    await h1(page, 'Living wages').waitFor();
    expect(await page.getByText(/Job-quality scores weigh/).count()).toBe(1);
    await page.getByRole('button', { name: /^Change Lake .*One adult, no children: \$21\.02$/ }).click();
    const form = page.getByRole('form', { name: 'Set a living wage' });
    await form.getByLabel(/^Hourly living wage/).fill('38.00');
    await form.getByLabel(/^Source/).fill('Partnership survey 2026');
    await form.getByRole('button', { name: 'Save living wage' }).click();
    await page.getByRole('status').filter({ hasText: 'Living wage saved' }).waitFor();
    await page.getByRole('button', { name: /^Change Lake .*One adult, no children: \$38\.00$/ }).waitFor();
    await expectAccessible(page, 'living wages');
    await page.screenshot({ path: 'test-results/employers-living-wages.png', fullPage: true });
    const after = (await (await business.request('GET', `/api/job-orders/${lakeJobId}`)).json()).quality.score;
    expect(after).toBeLessThan(before);

    // The dashboard shows job quality by employer, in a chart with its table and in a plain table.
    await page.getByRole('link', { name: 'Employer dashboard' }).click();
    await h1(page, 'Employer dashboard').waitFor();
    const byEmployer = page.getByRole('region', { name: 'Job quality by employer' });
    await expect.poll(() => byEmployer.locator('table').last().textContent()).toContain('Lake Regional Medical Center');
    expect(await page.getByRole('region', { name: 'Job quality by occupation' }).textContent()).toContain('Phlebotomists');
    await expectAccessible(page, 'employer dashboard');
    await page.screenshot({ path: 'test-results/employers-dashboard-quality.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
