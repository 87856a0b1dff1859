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
// the hired participant's record then holds the job. Business services then reads the employer dashboard:
// the openings, referrals, hires and fills of those orders by employer and occupation, and the fill trend.

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

  it('business services reads openings, referrals, hires and fills on the employer dashboard', async () => {
    // Ten more employers with one opening each, so the by-employer table has more rows than the chart.
    await withTenant(t.rt.services.database.db, t.tenantId, async (tx) => {
      for (let i = 1; i <= 10; i++) {
        const org = randomUUID();
        await tx
          .insertInto('organization')
          .values({ id: org, tenant_id: t.tenantId, name: `Test Employer ${String(i).padStart(2, '0')}`, kind: 'employer' } as never)
          .execute();
        await tx
          .insertInto('job_order')
          .values({
            id: randomUUID(),
            tenant_id: t.tenantId,
            organization_id: org,
            soc_code: '31-1131',
            title: 'Nursing Assistant',
            openings: 1,
            wage_min_cents: 1800,
            wage_max_cents: 2000,
            hours_per_week: 36,
            shift: 'day',
            schedule: 'fixed',
            county_fips: '39035',
            work_mode: 'on_site',
            opens_on: new Date().toISOString().slice(0, 10),
            status: 'open',
          } as never)
          .execute();
      }
    });
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await signIn(page, 'business@demo.braid.test');
    await page.getByRole('link', { name: 'Employer dashboard' }).click();
    await h1(page, 'Employer dashboard').waitFor();
    const cells = async (table: ReturnType<Page['getByTestId']>, row: string) =>
      table.locator('tbody tr', { hasText: row }).locator('td').allTextContents();

    // By employer: the chart draws the top ten, its text alternative and the table beside give the figures.
    const byEmployer = page.getByRole('region', { name: 'Openings, referrals and hires by employer' });
    const employers = page.getByTestId('by-employer-table');
    await expect.poll(() => employers.locator('tbody tr').count()).toBe(10);
    // MetroCare: 3 openings, 2 referred, 1 hired → 1 filled, 2 still open, 33.3 %.
    expect(await cells(employers, 'MetroCare Health System')).toEqual(['3', '2', '1', '1', '2', '33.3%']);
    expect(await cells(employers, 'Lake Regional Medical Center')).toEqual(['2', '0', '0', '0', '2', '0%']);
    expect(await byEmployer.locator('[data-chart] svg').count()).toBe(1);
    expect(await byEmployer.locator('figure table caption').textContent()).toBe('Openings, referrals and hires by employer');
    expect(await byEmployer.locator('figure table tbody tr').count()).toBe(10);
    const showAll = byEmployer.getByRole('button', { name: 'Show all 12' });
    expect(await showAll.getAttribute('aria-expanded')).toBe('false');
    await showAll.click();
    await expect.poll(() => employers.locator('tbody tr').count()).toBe(12);
    expect(await byEmployer.getByRole('button', { name: 'Show the top 10' }).getAttribute('aria-expanded')).toBe('true');

    // By occupation, with the SOC title and code.
    const occupations = page.getByTestId('by-occupation-table');
    expect(await cells(occupations, 'Phlebotomists')).toEqual(['5', '2', '1', '1', '4', '20%']);
    expect(await occupations.locator('tbody tr', { hasText: 'Phlebotomists' }).textContent()).toContain('31-9097');
    expect(await cells(occupations, 'Nursing Assistants')).toEqual(['10', '0', '0', '0', '10', '0%']);
    // 1 of 15 positions filled.
    expect(await page.getByTestId('fill-rate').textContent()).toBe('6.7%');

    // The trend: eight quarters, this one with everything posted and the one fill.
    const now = new Date();
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const trend = page.getByTestId('fill-trend-table');
    expect(await trend.locator('tbody tr').count()).toBe(8);
    expect(await cells(trend, quarter)).toEqual(['15', '1', '6.7%', '0', '—']);
    expect(await page.getByRole('region', { name: 'Positions posted and filled, by quarter' }).locator('[data-chart] svg').count()).toBe(2);
    await expectAccessible(page, 'employer dashboard');
    await page.screenshot({ path: 'test-results/employers-dashboard.png', fullPage: true });

    // Job quality covers the same job orders, and says which: the period's dates, as at the top.
    const window = await page.getByTestId('dashboard-window').textContent();
    const dates = window?.match(/from (.+) to (.+), and/)?.slice(1) ?? [];
    expect(dates).toHaveLength(2);
    const qualityWindow = page.getByTestId('quality-window');
    for (const d of dates) expect(await qualityWindow.textContent()).toContain(d);
    expect(await page.getByTestId('placement-window').textContent()).toContain(dates[0]);
    const qualityByEmployer = page.getByRole('region', { name: 'Job quality by employer' }).locator('table').last();
    const qualityCells = async (row: string) => qualityByEmployer.locator('tbody tr', { hasText: row }).locator('td').allTextContents();
    // Job orders and openings as in the table above: MetroCare's one order (3 positions), one of each test employer.
    expect((await qualityCells('MetroCare Health System')).slice(0, 2)).toEqual(['1', '3']);
    expect((await qualityCells('Test Employer 01')).slice(0, 2)).toEqual(['1', '1']);

    // This quarter holds the same orders; the period is kept in the address.
    await page.getByLabel('Period').selectOption('this_quarter');
    await expect.poll(() => new URL(page.url()).searchParams.get('window')).toBe('this_quarter');
    await expect.poll(() => cells(employers, 'MetroCare Health System')).toEqual(['3', '2', '1', '1', '2', '33.3%']);

    // The initiative narrows job quality as it narrows the openings: the test employers are no partners.
    await page.getByTestId('initiative-filter').selectOption({ label: 'Northeast Ohio Healthcare Careers' });
    await expect.poll(() => new URL(page.url()).searchParams.get('initiativeId')).toBeTruthy();
    await expect.poll(() => employers.locator('tbody tr', { hasText: 'Test Employer 01' }).count()).toBe(0);
    await expect.poll(() => qualityByEmployer.locator('tbody tr', { hasText: 'Test Employer 01' }).count()).toBe(0);
    expect((await qualityCells('MetroCare Health System')).slice(0, 2)).toEqual(['1', '3']);
    await expectAccessible(page, 'employer dashboard narrowed to an initiative');
    expect(problems).toEqual([]);
    await context.close();
  });
});
