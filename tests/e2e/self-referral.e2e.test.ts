import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServiceId } from '../../src/server/seed/demo-directory.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Self-referral as people meet it: a visitor with no account opens the STNA training's public form,
// reads it in Spanish or English, gets told what is missing, sends it and learns what happens next. The
// director sees a task on the home page, opens the request, accepts it, and the referral to the service
// exists.

let t: TestApp;
let browser: Browser;
const SERVICE = 'State Tested Nursing Aide (STNA) Training';
const serviceId = demoServiceId(SERVICE);
const SHOTS = path.resolve('test-results');

beforeAll(async () => {
  // The form token's minimum age guards against bots; a scripted browser types faster than a person.
  [t, browser] = await Promise.all([startTestApp({ selfReferralMinSeconds: 0 }), launchBrowser()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('public self-referral in a browser', () => {
  let visitor: BrowserContext;
  let director: BrowserContext;

  afterAll(async () => {
    await visitor?.close();
    await director?.close();
  });

  it('a visitor fills in the public form, in either language, and learns what happens next', async () => {
    visitor = await newContext(browser, t.baseUrl);
    const page = await visitor.newPage();
    const problems = watchForProblems(page);
    await page.goto(`/apply/neo-health/${serviceId}`);
    await h1(page, SERVICE).waitFor();
    await expectAccessible(page, 'public self-referral form');

    await page.getByTestId('language-switcher').selectOption('es');
    await page.getByRole('button', { name: 'Enviar mi solicitud' }).waitFor();
    await page.getByTestId('language-switcher').selectOption('en');

    // Sent empty: every problem is named beside its field.
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.getByText('Give a phone number or an email address.').count()).toBe(1);
    await page.getByText('Tick this box so we may contact you and share your request.').waitFor();

    await page.getByLabel('First name').fill('Amina');
    await page.getByLabel('Last name').fill('Farah');
    await page.getByLabel('Phone').fill('216-555-0199');
    await page.getByLabel('County or ZIP code').fill('44105');
    await page.getByLabel('What do you need help with?').fill('I would like to become a nursing aide. I work nights now.');
    await page.getByRole('checkbox', { name: /may contact me/ }).check();
    await page.screenshot({ path: path.join(SHOTS, 'self-referral-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send my request' }).click();
    await h1(page, 'Thank you, we received your request').waitFor();
    await page.getByRole('heading', { name: 'What happens next' }).waitFor();
    await expectAccessible(page, 'self-referral sent');
    expect(problems).toEqual([]);
  });

  it('the director reviews the request from the home page and accepts it; the referral is sent', async () => {
    director = await newContext(browser, t.baseUrl);
    const page = await director.newPage();
    const problems = watchForProblems(page);
    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel(/^Email/).fill('director@demo.braid.test');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Home').waitFor();
    await page.getByText('1 self-referrals to review').waitFor();
    await page.getByRole('link', { name: 'Review requests' }).click();

    await h1(page, 'Self-referrals').waitFor();
    await expectAccessible(page, 'self-referral queue');
    await page.getByRole('link', { name: 'Amina Farah', exact: true }).click();
    await h1(page, 'Amina Farah').waitFor();
    await page.getByText('I would like to become a nursing aide. I work nights now.').waitFor();
    await expectAccessible(page, 'self-referral request');
    await page.screenshot({ path: path.join(SHOTS, 'self-referral-review.png'), fullPage: true });

    await page.getByRole('button', { name: 'Accept and refer' }).click();
    await page.getByRole('link', { name: 'Open the referral' }).click();
    await h1(page, SERVICE)
      .or(page.getByRole('heading', { level: 1 }))
      .first()
      .waitFor();
    await page.getByText('Amina Farah').first().waitFor();
    expect(page.url()).toMatch(/\/referrals\/[0-9a-f-]{36}$/);

    // The service page says the service takes self-referrals and gives the link to hand out.
    await page.goto(`/directory/services/${serviceId}`);
    await h1(page, SERVICE).waitFor();
    expect(await page.getByRole('switch', { name: 'Accepts self-referrals' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Public form link').inputValue()).toBe(`${t.baseUrl}/apply/neo-health/${serviceId}`);
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    await expectAccessible(page, 'service page with self-referral setting');
    expect(problems).toEqual([]);
  });
});
