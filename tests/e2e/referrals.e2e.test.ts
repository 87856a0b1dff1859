import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/server/db/tenant.ts';
import { escalateOverdue } from '../../src/server/modules/referrals/referrals.escalation.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { type Caller, startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The closed loop as people meet it: the navigator finds Eastside's childcare service from a
// participant's page; without consent the flow says what is missing and where to record it; once the
// participant consents to share contact details, the referral goes. Eastside's partner staff see it in
// their inbox with the contact details only, accept and complete it; the navigator sees it completed.

let t: TestApp;
let browser: Browser;
let nav: Caller;
let participantId: string;
const SERVICE = 'Eastside Child Care Assistance';
const SHOTS = path.resolve('test-results');

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
  nav = await t.as('navigator');
  // With the tenant's HSDS API public, the service page shows the full entry (locations, hours, phones).
  const director = await t.as('director');
  const open = await director.request('PATCH', '/api/directory/settings', { hsdsPublic: true });
  expect(open.status, await open.clone().text()).toBe(200);
  // The demo navigator reads Spanish; this journey reads English (the i18n test keeps both complete).
  const locale = await nav.request('PATCH', '/api/account/profile', { locale: 'en' });
  expect(locale.status).toBe(200);
  const res = await nav.request('POST', '/api/participants', {
    firstName: 'Nadia',
    lastName: 'Brooks',
    dateOfBirth: '1991-02-17',
    sex: 'female',
    email: 'nadia.brooks@example.test',
    preferredLanguage: 'es',
    stateCode: 'OH',
    countyFips: '39035',
    employmentStatus: 'unemployed',
    educationLevel: 'high_school_diploma',
    veteran: 'no',
    disability: 'no',
    complete: true,
    confirmNotDuplicate: true,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  participantId = (await res.json()).id;
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

describe('closed-loop referral in a browser', () => {
  let navigator: BrowserContext;
  let partner: BrowserContext;
  let np: Page;
  let pp: Page;
  let navProblems: string[];
  let referralUrl: string;

  afterAll(async () => {
    await navigator?.close();
    await partner?.close();
  });

  it('the navigator searches the directory and opens the childcare service', async () => {
    navigator = await newContext(browser, t.baseUrl);
    np = await navigator.newPage();
    navProblems = watchForProblems(np);
    await signIn(np, 'navigator@demo.braid.test');
    await np.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Service directory' }).click();
    await h1(np, 'Service directory').waitFor();
    await np.getByTestId('directory-results').waitFor();
    await expectAccessible(np, 'directory');
    await np.getByRole('searchbox', { name: 'Search services' }).fill('child care');
    await np.getByTestId('directory-results').getByRole('link', { name: SERVICE }).click();
    await h1(np, SERVICE).waitFor();
    await np.getByTestId('service-details').waitFor();
    await np.getByTestId('service-where').getByText('Weekdays, 9 am to 5 pm').waitFor();
    await np
      .getByTestId('service-where')
      .getByRole('link', { name: /^216-555-/ })
      .waitFor();
    await expectAccessible(np, 'service');
    await np.screenshot({ path: path.join(SHOTS, 'referrals-service.png'), fullPage: true });
    expect(navProblems).toEqual([]);
  });

  it('refers from the participant page; missing consent is explained, then the referral is sent', async () => {
    await np.goto(`/participants/${participantId}`);
    await h1(np, 'Nadia Brooks').waitFor();
    await np.getByRole('link', { name: 'Refer', exact: true }).click();
    await h1(np, 'New referral').waitFor();
    await np.getByRole('searchbox', { name: 'Search services' }).fill('child care');
    await np.getByRole('button', { name: `Choose ${SERVICE}` }).click();
    await np.getByTestId('chosen-service').getByText(SERVICE).waitFor();
    await np.getByRole('textbox', { name: /^Reason/ }).fill('Needs childcare to start the STNA course in January');
    await np.getByRole('button', { name: 'Send referral' }).click();
    const consentAlert = np.getByTestId('consent-required');
    await consentAlert.getByText('Contact details').waitFor();
    await consentAlert.getByText(/Eastside/).waitFor();
    const service = await (await nav.request('GET', '/api/directory/services?q=child%20care')).json();
    const eastside = service.items.find((s: { name: string }) => s.name === SERVICE).organization.id;
    // The problem names Eastside and exactly the missing categories; the link and the form carry them.
    const link = consentAlert.getByRole('link', { name: "Record the participant's consent" });
    expect(await link.getAttribute('href')).toBe(
      `/participants/${participantId}?tab=consent&consentOrg=${eastside}&consentCategories=contact`,
    );
    await expectAccessible(np, 'new referral (consent required)');
    await np.screenshot({ path: path.join(SHOTS, 'referrals-consent-required.png'), fullPage: true });

    // The participant signs, right here, a consent pre-filled for Eastside and contact details only;
    // the referral then goes out as written.
    await consentAlert.getByRole('button', { name: 'Record consent for exactly these data' }).click();
    const consentForm = consentAlert.getByTestId('consent-form');
    expect(await consentForm.getByRole('checkbox', { name: 'Eastside Neighborhood Opportunity Center' }).isChecked()).toBe(true);
    expect(await consentForm.getByRole('checkbox', { name: 'Contact details', exact: true }).isChecked()).toBe(true);
    expect(await consentForm.getByRole('checkbox', { name: 'Case notes', exact: true }).isChecked()).toBe(false);
    await consentForm.getByRole('textbox', { name: /^Purpose/ }).fill('Childcare referral');
    await consentForm.getByRole('textbox', { name: /^Participant types their full name/ }).fill('Nadia Brooks');
    await expectAccessible(np, 'new referral (consent form)');
    await np.screenshot({ path: path.join(SHOTS, 'referrals-consent-prefilled.png'), fullPage: true });
    await consentForm.getByRole('button', { name: 'Save consent' }).click();
    await h1(np, `Referral to ${SERVICE}`).waitFor();
    referralUrl = new URL(np.url()).pathname;
    await np.getByTestId('referral-history').getByText('Sent', { exact: true }).waitFor();
    await expectAccessible(np, 'referral (sent)');
    expect(navProblems).toEqual([]);
  });

  it("Eastside's partner staff see only the consented data, accept and complete", async () => {
    partner = await newContext(browser, t.baseUrl);
    pp = await partner.newPage();
    const problems = watchForProblems(pp);
    await signIn(pp, 'partner@demo.braid.test');
    await pp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referrals' }).click();
    await h1(pp, 'Referrals').waitFor();
    const row = pp.getByTestId('referrals-table').getByRole('row').filter({ hasText: 'Nadia Brooks' });
    await row.getByRole('link', { name: SERVICE }).waitFor();
    await expectAccessible(pp, 'referrals inbox');
    await row.getByRole('link', { name: SERVICE }).click();
    await h1(pp, `Referral to ${SERVICE}`).waitFor();

    const shown = pp.getByTestId('referral-participant');
    await shown.getByText('nadia.brooks@example.test').waitFor();
    // Coded values read as words, not codes.
    await shown.getByText('Spanish', { exact: true }).waitFor();
    // Consent covers contact details only: no date of birth, education or employment.
    expect(await shown.getByText('Date of birth').count()).toBe(0);
    expect(await shown.getByText('Education').count()).toBe(0);
    expect(await shown.getByText('Employment').count()).toBe(0);
    await expectAccessible(pp, 'referral (receiver)');

    await pp.getByRole('button', { name: 'Accept' }).click();
    await pp.getByTestId('referral-history').getByText('Accepted', { exact: true }).waitFor();
    await pp.getByRole('textbox', { name: 'Note' }).fill('Enrolled at the Eastside centre from 6 January');
    await pp.getByRole('button', { name: 'Mark completed' }).click();
    await pp.getByTestId('referral-history').getByText('Completed', { exact: true }).waitFor();
    await pp.getByTestId('referral-details').getByText('Enrolled at the Eastside centre from 6 January').waitFor();
    expect(await pp.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await expectAccessible(pp, 'referral (completed, receiver)');
    await pp.screenshot({ path: path.join(SHOTS, 'referrals-partner-completed.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('the navigator sees the loop closed', async () => {
    await np.goto('/referrals?box=outbox');
    await h1(np, 'Referrals').waitFor();
    const row = np.getByTestId('referrals-table').getByRole('row').filter({ hasText: 'Nadia Brooks' });
    await row.getByText('Completed', { exact: true }).waitFor();
    await expectAccessible(np, 'referrals outbox');
    await np.screenshot({ path: path.join(SHOTS, 'referrals-outbox.png'), fullPage: true });
    await np.goto(referralUrl);
    await np.getByTestId('referral-details').getByText('Enrolled at the Eastside centre from 6 January').waitFor();
    await np.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(navProblems).toEqual([]);
  });

  it('an unanswered referral past its deadline is escalated: the director takes it from the home page', async () => {
    const service = await (await nav.request('GET', '/api/directory/services?q=child%20care')).json();
    const serviceId = service.items.find((s: { name: string }) => s.name === SERVICE).id;
    const sent = await nav.request('POST', '/api/referrals', {
      participantId,
      serviceId,
      reason: 'Evening care while the course runs late',
      categories: ['contact'],
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const id = (await sent.json()).id as string;
    // Sent two weeks ago and never answered; the recurring job escalates it as of now.
    await withTenant(t.rt.services.database.db, t.tenantId, (tx) =>
      tx
        .updateTable('referral')
        .set({ sent_at: new Date(Date.now() - 14 * 86_400_000), due_on: new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10) })
        .where('id', '=', id)
        .execute(),
    );
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date())).toEqual([{ referralId: id, level: 1 }]);

    const director = await newContext(browser, t.baseUrl);
    try {
      const dp = await director.newPage();
      const problems = watchForProblems(dp);
      await signIn(dp, 'director@demo.braid.test');
      // One task for all escalations, however many, leading to the list of exactly those.
      const task = dp.getByTestId('task-list').getByRole('listitem').filter({ hasText: '1 referral escalated to you is still unanswered' });
      await task.waitFor();
      await expectAccessible(dp, 'home (escalated referral)');
      await dp.screenshot({ path: path.join(SHOTS, 'referrals-escalated-home.png'), fullPage: true });
      await task.getByRole('link', { name: /^Follow up/ }).click();
      await h1(dp, 'Referrals').waitFor();
      await expect.poll(() => dp.getByRole('checkbox', { name: 'Escalated only', exact: true }).isChecked()).toBe(true);
      await dp.getByTestId('referrals-count').getByText('1 referral', { exact: true }).waitFor();
      const rows = dp.getByTestId('referrals-table').getByRole('row');
      await rows.filter({ hasText: 'Escalated' }).first().waitFor();
      expect(await rows.count()).toBe(2); // the header and the one escalated referral
      await expectAccessible(dp, 'referrals (escalated only)');
      await dp.screenshot({ path: path.join(SHOTS, 'referrals-escalated-list.png'), fullPage: true });

      await rows.getByRole('link', { name: SERVICE, exact: true }).click();
      await h1(dp, `Referral to ${SERVICE}`).waitFor();
      await dp.getByTestId('referral-escalated').waitFor();
      await dp.getByTestId('referral-history').getByText('Escalated to the intermediary', { exact: true }).waitFor();
      await expectAccessible(dp, 'referral (escalated)');
      expect(problems).toEqual([]);
    } finally {
      await director.close();
    }
  });
});
