import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Case management as a navigator meets it: an intake that finds a likely duplicate (the navigator
// decides it is someone else), consent, an eligibility check that is recorded, enrollment in a
// program and a training cohort, one service for the whole cohort, a credential and a job, the
// exit, and the follow-up task it schedules on the home page. Every page is checked with axe.

let t: TestApp;
let browser: Browser;
let cohortName: string;
const SHOTS = 'test-results/participants';

const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
// Entry ~9 months ago and exit ~200 days ago, so the 2nd-quarter follow-up window is open today.
const ENTRY = iso(-270);
const SERVICE = iso(-250);
const EXIT = iso(-200);

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  // The light demo has no case data: a funding stream, a program with a cohort of two, and the
  // person whose record the intake will seem to duplicate.
  const director = await t.as('director');
  const nav = await t.as('navigator');
  // The demo navigator reads Spanish; this journey reads English (the i18n test keeps both complete).
  await json(await nav.request('PATCH', '/api/account/profile', { locale: 'en' }));
  await json(
    await director.request('POST', '/api/funding-streams', { name: 'WIOA Adult', sourceType: 'wioa_adult', builtInRule: 'wioa_adult' }),
  );
  const providers = await json<{ items: { id: string }[] }>(await nav.request('GET', '/api/organizations?kind=education'));
  const program = await json<{ id: string }>(
    await nav.request('POST', '/api/training-programs', {
      providerOrganizationId: providers.items[0].id,
      name: 'Phlebotomy Technician',
      cipCode: '51.1009',
      targetSocCodes: ['31-9097'],
      credentialOffered: 'Certified Phlebotomy Technician (CPT)',
      credentialType: 'occupational_certification',
      hours: 120,
      costCents: 180000,
      modality: 'hybrid',
    }),
  );
  cohortName = 'Phlebotomy — spring cohort';
  const cohort = await json<{ id: string }>(
    await nav.request('POST', `/api/training-programs/${program.id}/cohorts`, { name: cohortName, startDate: ENTRY, capacity: 12 }),
  );
  for (const [firstName, lastName, dateOfBirth] of [
    ['Maria', 'Lopez', '1991-04-12'],
    ['Devon', 'Carter', '1988-09-30'],
  ]) {
    const p = await json<{ id: string }>(
      await nav.request('POST', '/api/participants', { firstName, lastName, dateOfBirth, confirmNotDuplicate: true }),
    );
    await json(await nav.request('POST', `/api/participants/${p.id}/enrollments`, { cohortId: cohort.id, enrolledOn: ENTRY }));
  }
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
  await page.getByLabel(/^Password/).fill('care-pathways-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await h1(page, 'Home').waitFor();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

describe('participant case management in a browser', { timeout: 240_000 }, () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  afterAll(async () => {
    await context?.close();
  });
  // What the page showed when a step failed.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page?.screenshot({ path: `${SHOTS}/failed-${ctx.task.name.slice(0, 40)}.png`, fullPage: true });
  });

  it('the navigator opens the caseload and starts an intake that finds a likely duplicate', async () => {
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
    problems = watchForProblems(page);
    await signIn(page, 'navigator@demo.braid.test');

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Participants', exact: true }).click();
    await h1(page, 'Participants').waitFor();
    await page.getByTestId('caseload-table').getByRole('link', { name: 'Lopez, Maria' }).waitFor();
    await page.getByLabel('Search participants').fill('Carter');
    await expect.poll(() => page.getByTestId('caseload-table').getByRole('link').allTextContents()).toEqual(['Carter, Devon']);
    // A saved filter brings the search back after it is cleared.
    await page.getByLabel('Save the current filter as').fill('Devon only');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.getByLabel('Use a saved filter').waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Participants', exact: true }).click();
    await expect.poll(() => page.getByTestId('caseload-table').getByRole('link').count()).toBe(2);
    await page.getByLabel('Use a saved filter').selectOption({ label: 'Devon only' });
    await expect.poll(() => page.getByTestId('caseload-table').getByRole('link').allTextContents()).toEqual(['Carter, Devon']);
    await expectAccessible(page, 'caseload');
    await shot(page, '01-caseload');

    await page.getByRole('link', { name: 'New intake' }).first().click();
    await h1(page, 'New intake').waitFor();
    await page.getByLabel(/^First name/).fill('Maria');
    await page.getByLabel(/^Last name/).fill('Lopez');
    await page.getByLabel(/^Date of birth/).fill('1991-04-12');
    await page.getByLabel(/^Social Security number/).fill('123-45-6789');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const dupes = page.getByTestId('duplicates');
    await dupes.getByText('Similar name, same date of birth').waitFor();
    await expect.poll(() => dupes.getByRole('link', { name: /Open/ }).count()).toBe(1);
    await dupes.getByRole('button', { name: /Same person: link/ }).waitFor();
    await expectAccessible(page, 'intake: duplicate warning');
    await shot(page, '02-duplicate-warning');
    await dupes.getByRole('button', { name: 'This is someone else: continue' }).click();
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Saved as a draft: the address now resumes it.
    await page.getByRole('heading', { level: 2, name: 'Contact and address' }).waitFor();
    expect(page.url()).toMatch(/\/participants\/new\?id=/);
    await page.getByLabel(/^Email/).fill('maria.lopez@example.org');
    await page.getByLabel(/^ZIP code/).fill('not a zip');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByText('A ZIP code is five digits').waitFor();
    await page.getByLabel(/^ZIP code/).fill('44115');
    await page.getByLabel(/^State/).selectOption('OH');
    const county = page.getByRole('textbox', { name: /^County/ });
    await county.click();
    await county.fill('Cuyahoga');
    await page.getByRole('option', { name: /Cuyahoga/ }).click();
    await expectAccessible(page, 'intake: contact');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Demographics' }).waitFor();
    await page.getByLabel(/^Sex/).selectOption('female');
    await page.getByLabel(/^Veteran/).selectOption('no');
    await page.getByLabel(/^Individual with a disability/).selectOption('no');
    await page.getByRole('checkbox', { name: 'Black or African American' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Education and employment' }).waitFor();
    await page.getByLabel(/^Highest education completed/).selectOption('high_school_diploma');
    await page.getByLabel(/^Employment status at entry/).selectOption('unemployed');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Barriers and eligibility' }).waitFor();
    await page.getByRole('checkbox', { name: 'Low income' }).check();
    await page.getByRole('checkbox', { name: 'Single parent' }).check();
    await page.getByLabel(/^Authorized to work/).selectOption('yes');
    await expectAccessible(page, 'intake: barriers');
    await shot(page, '03-intake-barriers');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Review and finish' }).waitFor();
    await page.getByText('Ready to finish').waitFor();
    await page.getByRole('button', { name: 'Finish intake' }).click();
    await h1(page, 'Maria Lopez').waitFor();
    await page.getByText('Applicant', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('ssn-masked').textContent()).toBe('***-**-6789');
    await expectAccessible(page, 'participant overview');
    await shot(page, '04-participant-overview');
  });

  it('reveals the SSN for a stated reason', async () => {
    await page.getByRole('button', { name: 'Reveal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reveal the full number' });
    await dialog.getByLabel(/^Why do you need it/).fill('Verifying identity for the wage match');
    await expectAccessible(page, 'reveal dialog');
    await dialog.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => page.getByTestId('ssn-revealed').textContent()).toBe('123456789');
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByTestId('ssn-masked').waitFor();
    expect(await page.getByTestId('ssn-revealed').count()).toBe(0);
  });

  it('records consent, then checks and records eligibility', async () => {
    await openTab(page, 'Consent');
    await page.getByText('No consent recorded').waitFor();
    await page.getByRole('button', { name: 'Record consent' }).click();
    const form = page.getByTestId('consent-form');
    await form.getByRole('checkbox', { name: 'Training provider' }).check();
    await form.getByRole('checkbox', { name: 'Contact details' }).check();
    await form.getByRole('checkbox', { name: 'Education and training' }).check();
    await form.getByLabel(/^Purpose/).fill('Coordinate phlebotomy training and job placement');
    await form.getByRole('button', { name: 'Save consent' }).click();
    await form.getByText('Fill this in.').waitFor();
    await form.getByLabel(/^Participant types their full name/).fill('Maria Lopez');
    await form.getByRole('button', { name: 'Save consent' }).click();
    const consents = page.getByTestId('consents');
    await consents.getByText('Active', { exact: true }).waitFor();
    await consents.getByText('Shares: Contact details, Education and training').waitFor();
    await expectAccessible(page, 'consent');
    await shot(page, '05-consent');

    await openTab(page, 'Eligibility');
    await page.getByLabel('Funding stream').selectOption({ label: 'WIOA Adult' });
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const results = page.getByTestId('eligibility-results');
    await results.getByText('WIOA Adult', { exact: true }).waitFor();
    await results
      .getByText(/^(Met|Not met|Not recorded):$/)
      .first()
      .waitFor();
    await results.getByRole('button', { name: /Record this determination/ }).click();
    await page.getByTestId('determinations').getByText('WIOA Adult').waitFor();
    await expectAccessible(page, 'eligibility');
    await shot(page, '06-eligibility');
  });

  it('enrolls in the program and in a training cohort', async () => {
    await openTab(page, 'Programs');
    await page.getByRole('checkbox', { name: 'WIOA Adult' }).check();
    await page.getByLabel(/^Entry date/).fill(ENTRY);
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.getByTestId('participations').getByText('Open', { exact: true }).waitFor();
    // The tenant runs one initiative: the period was opened in it without asking.
    await page
      .getByTestId('participation-initiative')
      .getByText('Initiative: Northeast Ohio Healthcare Careers', { exact: true })
      .waitFor();

    await openTab(page, 'Training and credentials');
    const enroll = page.getByTestId('enroll-form');
    await enroll.getByLabel('Training program').selectOption({ label: 'Phlebotomy Technician' });
    await enroll.getByLabel('Cohort').selectOption({ label: `${cohortName} (2/12)` });
    await enroll.getByLabel(/^Enrolled on/).fill(ENTRY);
    await enroll.getByRole('button', { name: 'Enroll in training' }).click();
    await page.getByTestId('enrollments').getByRole('link', { name: cohortName }).waitFor();
    await expectAccessible(page, 'training');
  });

  it('records one service for the whole cohort', async () => {
    await page.getByTestId('enrollments').getByRole('link', { name: cohortName }).click();
    await h1(page, cohortName).waitFor();
    await expect.poll(() => page.getByTestId('roster').getByRole('link').count()).toBe(3);
    const bulk = page.getByTestId('bulk-service');
    await bulk.getByLabel(/^Activity/).selectOption('career_counseling');
    await bulk.getByLabel(/^Date/).fill(SERVICE);
    await bulk.getByLabel(/^Hours/).fill('1.5');
    await expectAccessible(page, 'cohort');
    await bulk.getByRole('button', { name: 'Record for 3 people' }).click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent()).toBe('Recorded for 3 people.');
    await shot(page, '07-cohort-bulk-service');
    // Two people share the name (the intake decided they differ): go back to the one we came from.
    await page.goBack();
  });

  it('records a credential and a job, exits the participant and sees the follow-ups', async () => {
    await h1(page, 'Maria Lopez').waitFor();
    await openTab(page, 'Services');
    await page.getByTestId('services').getByText('Career counseling').waitFor();

    await openTab(page, 'Training and credentials');
    const cred = page.getByTestId('credential-form');
    await cred.getByLabel(/^Credential type/).selectOption('occupational_certification');
    await cred.getByLabel(/^Credential name/).fill('Certified Phlebotomy Technician (CPT)');
    await cred.getByLabel(/^Issued by/).fill('National Healthcareer Association');
    await cred.getByLabel(/^Attained on/).fill(iso(-220));
    await cred.getByRole('button', { name: 'Save credential' }).click();
    await page.getByTestId('credentials').getByText('Certified Phlebotomy Technician (CPT)').waitFor();

    await openTab(page, 'Employment');
    await page.getByRole('button', { name: 'Record a job' }).click();
    const job = page.getByTestId('employment-form');
    await job.getByRole('textbox', { name: 'Employer', exact: true }).fill('Cleveland Clinic');
    await job.getByLabel(/^Job title/).fill('Phlebotomist');
    await job.getByLabel(/^Occupation/).fill('31-9097');
    await job.getByLabel(/^Started/).fill(iso(-205));
    await job.getByLabel(/^Hourly wage/).fill('19.25');
    await job.getByLabel(/^Hours per week/).fill('40');
    await job.getByRole('checkbox', { name: 'Health insurance' }).check();
    await job.getByRole('button', { name: 'Save job' }).click();
    await page.getByTestId('employment').getByText('Cleveland Clinic').waitFor();
    await page.getByTestId('employment').getByText('$19.25').waitFor();
    await expectAccessible(page, 'employment');
    await shot(page, '08-employment');

    await openTab(page, 'Programs');
    await page.getByLabel(/^Exit date/).fill(EXIT);
    await page.getByRole('button', { name: 'Exit', exact: true }).click();
    await page.getByTestId('participations').getByText('Exited', { exact: true }).waitFor();
    await page.getByText('Exited', { exact: true }).first().waitFor();

    await openTab(page, 'Follow-ups');
    await page.getByTestId('follow-ups').getByText('Quarter 2 after exit').waitFor();
    await page.getByTestId('follow-ups').getByText('Quarter 4 after exit').waitFor();
    await expectAccessible(page, 'follow-ups');

    await openTab(page, 'Timeline');
    const timeline = page.getByTestId('timeline');
    for (const event of ['Intake started', 'Consent given', 'Entered a program', 'Service: Career counseling', 'Exited']) {
      await timeline.getByText(event, { exact: false }).first().waitFor();
    }
    await expectAccessible(page, 'timeline');
    await shot(page, '09-timeline');
  });

  it('sees the follow-up task on the home page, and its link opens the participant', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
    await h1(page, 'Home').waitFor();
    const task = page.getByTestId('task-list').getByRole('listitem').filter({ hasText: 'Follow up with Maria Lopez' });
    await expect.poll(() => task.count()).toBe(1);
    await expectAccessible(page, 'home');
    await shot(page, '10-home');
    await task.getByRole('link', { name: /Open participant/ }).click();
    await h1(page, 'Maria Lopez').waitFor();
    await page.getByRole('tab', { name: 'Follow-ups', selected: true }).waitFor();
    await page.getByTestId('follow-ups').getByText('Quarter 2 after exit').waitFor();
    expect(problems).toEqual([]);
  });

  it('a search past a thousand matches says "1,000+" and still pages to its end', async () => {
    // 1,010 people with one name, written directly: enough to pass the cap without 1,010 intakes.
    const { rows } = await sql<{ id: string }>`SELECT id FROM organization WHERE name = 'Lakeshore Workforce Partners'`.execute(
      t.rt.services.database.db,
    );
    await sql`INSERT INTO participant (id, tenant_id, owner_organization_id, status, first_name, last_name, import_key)
      SELECT gen_random_uuid(), ${t.tenantId}, ${rows[0].id}, 'applicant', 'Zebulon', 'Capstone', 'cap:' || g
      FROM generate_series(1, 1010) g`.execute(t.rt.services.database.db);

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Participants', exact: true }).click();
    await h1(page, 'Participants').waitFor();
    await page.getByLabel('Search participants').fill('Zebulon Capstone');
    await page.getByTestId('caseload-count').getByText('1,000+ participants', { exact: true }).waitFor();
    await page.getByText('Showing 1–25 of 1,000+', { exact: true }).waitFor();
    await expectAccessible(page, 'caseload past the cap');
    await shot(page, '11-caseload-capped');
    // One page more than the thousand counted: it counts on to the end.
    await page.getByRole('button', { name: 'Page 41', exact: true }).click();
    await page.getByTestId('caseload-count').getByText('1,010 participants', { exact: true }).waitFor();
    await page.getByText('Showing 1,001–1,010 of 1,010', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('caseload-table').getByRole('link').count()).toBe(10);
    // None of them has a period in the initiative: filtered by it, the same search finds nobody.
    await page.getByTestId('initiative-filter').selectOption({ label: 'Northeast Ohio Healthcare Careers' });
    await page.getByText('No participants match', { exact: true }).waitFor();
    await expectAccessible(page, 'caseload filtered by initiative');
    expect(problems).toEqual([]);
  });
});
