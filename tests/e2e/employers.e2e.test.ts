import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/server/db/tenant.ts';
import { encrypt } from '../../src/server/platform/crypto.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The demand side as business services and an employer meet it: business@ posts a phlebotomist job
// order for MetroCare, sees its quality score and the consented candidates ranked with reasons, and
// refers two; employer@ (MetroCare) signs in, sees only MetroCare's job orders, and records a hire;
// the hired participant's record then holds the job.

let t: TestApp;
let browser: Browser;
const ids = new Map<string, string>();
let otherJobTitle = '';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const director = await t.as('director');
  const orgs = new Map<string, string>();
  for (const o of (await (await director.request('GET', '/api/organizations?pageSize=100')).json()).items) orgs.set(o.name, o.id);
  const owner = orgs.get('Lakeshore Workforce Partners') as string;
  // Three participants who consented to share with employers, one who did not.
  await withTenant(t.rt.services.database.db, t.tenantId, async (tx) => {
    for (const [first, last, soc, kinds, email] of [
      ['Imani', 'Brooks', '31-9097', ['employer'], 'imani@example.test'],
      ['Luis', 'Ortega', '31-9093', ['employer'], null],
      ['Grace', 'Kim', '43-4051', ['employer'], null],
      ['Noor', 'Haddad', '31-9097', ['community_org'], null],
    ] as const) {
      const id = randomUUID();
      ids.set(first, id);
      await tx
        .insertInto('participant')
        .values({
          id,
          tenant_id: t.tenantId,
          owner_organization_id: owner,
          status: 'enrolled',
          first_name: first,
          last_name: last,
          county_fips: '39035',
          email_enc: email ? encrypt(t.rt.services.keyring, email) : null,
        } as never)
        .execute();
      await tx
        .insertInto('consent')
        .values({
          id: randomUUID(),
          tenant_id: t.tenantId,
          participant_id: id,
          recipient_organization_ids: [],
          recipient_kinds: [...kinds],
          categories: ['contact', 'education_training'],
          purpose: 'Job placement',
          method: 'paper',
          given_at: new Date(Date.now() - 86_400_000),
        } as never)
        .execute();
      await tx
        .insertInto('job_preference')
        .values({
          participant_id: id,
          tenant_id: t.tenantId,
          soc_codes: [soc],
          shifts: ['day'],
          min_hourly_wage_cents: 1800,
          updated_by: null,
        })
        .execute();
    }
  });
  // Another employer's opening, which MetroCare's user must never see.
  const business = await t.as('business_services');
  otherJobTitle = 'Lake Regional Phlebotomist';
  const res = await business.request('POST', '/api/job-orders', {
    employerId: orgs.get('Lake Regional Medical Center'),
    socCode: '31-9097',
    title: otherJobTitle,
    openings: 2,
    wageMinCents: 1900,
    wageMaxCents: 2200,
    hoursPerWeek: 36,
    shift: 'day',
    schedule: 'fixed',
    countyFips: '39085',
    opensOn: new Date().toISOString().slice(0, 10),
  });
  expect(res.status).toBe(201);
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

async function choose(page: Page, label: RegExp, option: RegExp, typed: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describe('employers in a browser', () => {
  let jobUrl = '';

  it('business services posts a job order, sees its quality and ranked candidates, and refers two', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Job orders' }).click();
    await h1(page, 'Job orders').waitFor();
    await page.getByRole('link', { name: 'New job order' }).first().click();
    await h1(page, 'New job order').waitFor();
    await expectAccessible(page, 'job order form');
    // Inline validation: submitting empty says what is missing, by field.
    await page.getByRole('button', { name: 'Post job order' }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await choose(page, /^Employer/, /MetroCare/, 'MetroCare');
    await choose(page, /^Occupation/, /31-9097/, 'phlebotom');
    await page.getByLabel(/^Job title/).fill('Phlebotomist, outpatient lab');
    await page.getByLabel(/^Openings/).fill('3');
    await page.getByLabel(/^Lowest hourly wage/).fill('19.50');
    await page.getByLabel(/^Highest hourly wage/).fill('22.50');
    await page.getByLabel(/^Hours per week/).fill('36');
    await page.getByRole('checkbox', { name: 'Health insurance' }).check();
    await page.getByRole('checkbox', { name: 'Retirement' }).check();
    await page.getByLabel(/^Required credentials/).fill('Phlebotomy');
    await choose(page, /^County/, /Cuyahoga/, 'Cuyahoga');
    await page.getByRole('button', { name: 'Post job order' }).click();
    await h1(page, 'Phlebotomist, outpatient lab').waitFor();
    jobUrl = new URL(page.url()).pathname;
    const quality = page.getByTestId('job-quality');
    await expect.poll(() => quality.textContent()).toContain('Wage against living wage');
    const candidates = page.getByTestId('candidates-table');
    await candidates.waitFor();
    const rows = candidates.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // Best fit first, with the reasons; the participant without employer consent is not there.
    await expect.poll(() => rows.first().textContent()).toContain('Imani Brooks');
    expect(await rows.first().textContent()).toContain('Targets this occupation');
    expect(await candidates.textContent()).not.toContain('Noor');
    await expectAccessible(page, 'job order page');
    await page.screenshot({ path: 'test-results/employers-job-order.png', fullPage: true });
    await page.getByRole('button', { name: 'Refer Imani Brooks' }).click();
    await page.getByRole('button', { name: 'Refer Luis Ortega' }).click();
    const referrals = page.getByTestId('referrals-table');
    await expect.poll(() => referrals.locator('tbody tr').count()).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the employer user sees only their job orders and records a hire; the participant’s record holds the job', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'employer@demo.braid.test');
    await page.getByRole('link', { name: 'Job orders' }).click();
    await h1(page, 'Job orders').waitFor();
    const table = page.getByTestId('job-orders-table');
    await expect.poll(() => table.textContent()).toContain('Phlebotomist, outpatient lab');
    expect(await table.textContent()).not.toContain(otherJobTitle);
    await expectAccessible(page, 'employer job orders');
    await page.getByRole('link', { name: 'Phlebotomist, outpatient lab' }).click();
    await h1(page, 'Phlebotomist, outpatient lab').waitFor();
    const referrals = page.getByTestId('referrals-table');
    await expect.poll(() => referrals.textContent()).toContain('imani@example.test');
    // Employers see referred candidates only: no ranking of everyone else.
    expect(await page.getByTestId('candidates-table').count()).toBe(0);
    await page.getByRole('button', { name: 'Mark Imani Brooks as Hired' }).click();
    await expect.poll(() => referrals.locator('tbody tr', { hasText: 'Imani Brooks' }).textContent()).toContain('Hired');
    await expectAccessible(page, 'employer job order page');
    await page.screenshot({ path: 'test-results/employers-portal.png', fullPage: true });
    expect(problems).toEqual([]);
    // Another employer's job order does not exist for this user.
    const other = await (
      await (await t.as('business_services')).request('GET', `/api/job-orders?q=${encodeURIComponent(otherJobTitle)}`)
    ).json();
    await page.goto(`/job-orders/${other.items[0].id}`);
    await page
      .getByText(/not found|does not exist|No such/i)
      .first()
      .waitFor();
    await context.close();

    const director = await t.as('director');
    const jobs = await (await director.request('GET', `/api/participants/${ids.get('Imani')}/employment`)).json();
    expect(jobs[0]).toMatchObject({
      jobTitle: 'Phlebotomist, outpatient lab',
      socCode: '31-9097',
      hourlyWageCents: 1950,
      source: 'employer_verification',
    });
    expect(jobUrl).toMatch(/^\/job-orders\//);
  });
});
