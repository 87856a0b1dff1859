import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { rememberSecret, startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';
import { linkIn } from '../support/smtp-sink.ts';

// The foundation as a person meets it: signing in, finding their way, adding a partner organization,
// inviting a colleague who then joins by email, in English and in Spanish, with role-aware navigation.

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function signIn(page: Page, email: string, password: string, submit = 'Sign in') {
  await page.getByLabel(/^(Email|Correo electrónico)/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)/).fill(password);
  await page.getByRole('button', { name: submit }).click();
}

/** Picks an option in a Mantine select (typeahead or not). */
async function choose(page: Page, label: RegExp, option: RegExp, typed?: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

describe('the foundation in a browser', () => {
  // One journey in three steps (each within the per-test time limit); each step carries on from the last.
  let admin: BrowserContext;
  let page: Page;
  let problems: string[];
  const email = `nia.${randomBytes(3).toString('hex')}@example.org`;

  afterAll(async () => {
    await admin?.close();
  });

  it('an admin signs in, finds their way and adds an organization', async () => {
    admin = await newContext(browser, t.baseUrl);
    page = await admin.newPage();
    problems = watchForProblems(page);

    // Signed out, any page leads to sign-in.
    await page.goto('/admin/organizations');
    await h1(page, 'Sign in').waitFor();
    await expectAccessible(page, 'sign-in');
    await signIn(page, 'admin@demo.braid.test', 'not-the-password');
    await page.getByRole('alert').getByText('The email or password is not right.', { exact: false }).waitFor();
    await expectAccessible(page, 'sign-in (refused)');
    await signIn(page, 'admin@demo.braid.test', DEMO_PASSWORD);
    // …and back to where the person was going.
    await h1(page, 'Organizations').waitFor();

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Home' }).click();
    await h1(page, 'Home').waitFor();
    await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
    await expectAccessible(page, 'home');

    await nav.getByRole('link', { name: 'Users' }).click();
    await h1(page, 'Users').waitFor();
    await page.getByTestId('users-table').getByRole('link', { name: 'Dana Whitfield' }).waitFor();
    await expectAccessible(page, 'users');

    await nav.getByRole('link', { name: 'Organizations' }).click();
    await h1(page, 'Organizations').waitFor();
    await page.getByTestId('organizations-table').getByRole('link', { name: 'MetroCare Health System' }).waitFor();
    await expectAccessible(page, 'organizations');

    // A new partner, with its industry picked from the NAICS typeahead.
    await page.getByRole('link', { name: 'Add organization' }).click();
    await h1(page, 'Add an organization').waitFor();
    await page.getByRole('button', { name: 'Add organization' }).click();
    await expect.poll(() => page.getByText('Fill this in.').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'new organization (with errors)');
    await page.getByLabel(/^Name/).fill('Cuyahoga Nursing Academy');
    await choose(page, /^Kind of organization/, /^Training provider$/);
    await page.getByLabel(/^EIN/).fill('341234567');
    const naics = page.getByRole('textbox', { name: /^Industry \(NAICS\)/ });
    await naics.fill('nursing care');
    await page.getByRole('option', { name: /^623110 — / }).waitFor();
    await expectAccessible(page, 'new organization (NAICS typeahead open)');
    await page.getByRole('option', { name: /^623110 — / }).click();
    await page.getByLabel(/^State/).selectOption('OH');
    await choose(page, /^County/, /^39035 — Cuyahoga County, OH$/, 'Cuyahoga');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await h1(page, 'Cuyahoga Nursing Academy').waitFor();
    await page.getByText('Cuyahoga Nursing Academy was added.').waitFor();
    await page.getByText('34-1234567').waitFor();
    await page.getByText(/623110 — Nursing Care Facilities/).waitFor();
    await page.getByTestId('audit-panel').getByText('Organization added').waitFor();
    await expectAccessible(page, 'organization detail');
    expect(problems).toEqual([]);
  });

  it('the admin invites a colleague to the new organization', async () => {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Users' }).click();
    await h1(page, 'Users').waitFor();
    await page.getByRole('link', { name: 'Invite someone' }).click();
    await h1(page, 'Invite someone').waitFor();
    await page.getByLabel(/^Name/).fill('Nia Okafor');
    await page.getByLabel(/^Email/).fill(email);
    await choose(page, /^Organization/, /^Cuyahoga Nursing Academy$/, 'Cuyahoga Nursing');
    await choose(page, /^Role/, /^Career navigator$/);
    await expectAccessible(page, 'invite');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await h1(page, 'Nia Okafor').waitFor();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    await expectAccessible(page, 'user detail');
    // Destructive actions ask first; looking at the question changes nothing.
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable Nia Okafor?' }).waitFor();
    await expectAccessible(page, 'disable confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });

  it('the colleague joins from the emailed link, lands signed in, and signs out', async () => {
    const link = linkIn(await t.smtp.waitFor(email));
    expect(link.startsWith(`${t.baseUrl}/invite#token=`)).toBe(true);
    rememberSecret(link.split('#token=')[1]);
    const invitee = await newContext(browser, t.baseUrl);
    const newPage = await invitee.newPage();
    const inviteeProblems = watchForProblems(newPage);
    await newPage.goto(link);
    await h1(newPage, 'Join your partnership').waitFor();
    await newPage.getByText(email).waitFor();
    expect(await newPage.getByLabel(/^Your name/).inputValue()).toBe('Nia Okafor');
    await expectAccessible(newPage, 'accept invitation');
    const password = `lantern-orchard-${randomBytes(6).toString('hex')}`;
    rememberSecret(password);
    await newPage.getByLabel(/^New password/).fill(password);
    await newPage.getByLabel(/^Type the new password again/).fill(password);
    await newPage.getByRole('button', { name: 'Create my account' }).click();

    // Signed in, at home, with the navigation of a navigator.
    await h1(newPage, 'Home').waitFor();
    await newPage.getByText(/Welcome to Northeast Ohio Healthcare Careers Partnership/).waitFor();
    await newPage
      .getByTestId('user-menu')
      .getByText(/Nia Okafor/)
      .waitFor();
    await expectAccessible(newPage, 'invitee home');

    await newPage.getByTestId('user-menu').click();
    await newPage.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await expectAccessible(newPage, 'user menu');
    await newPage.getByRole('menuitem', { name: 'Sign out' }).click();
    await h1(newPage, 'Sign in').waitFor();
    await newPage.getByText('You have signed out.').waitFor();
    // Signed out means signed out: the app sends the person back to sign-in.
    await newPage.goto('/');
    await h1(newPage, 'Sign in').waitFor();

    expect(inviteeProblems).toEqual([]);
    await invitee.close();
  });

  it('speaks Spanish, remembers the choice, and shows a navigator no administration', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const problems = watchForProblems(page);

    await page.goto('/sign-in');
    await h1(page, 'Sign in').waitFor();
    await page.getByLabel('Language').selectOption('es');
    await h1(page, 'Iniciar sesión').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expectAccessible(page, 'sign-in (es)');

    await signIn(page, 'navigator@demo.braid.test', DEMO_PASSWORD, 'Iniciar sesión');
    await h1(page, 'Inicio').waitFor();
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await nav.getByRole('link', { name: 'Organizaciones' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Usuarios' }).count()).toBe(0);
    expect(await nav.getByText('Administración').count()).toBe(0);
    await expectAccessible(page, 'home (es, navigator)');

    // An admin page typed into the address bar does not exist for this role.
    await page.goto('/admin/users');
    await h1(page, 'Página no encontrada').waitFor();

    // Switching language in the shell is saved to the profile, so it survives a reload.
    await page.goto('/');
    await h1(page, 'Inicio').waitFor();
    await page.getByLabel('Idioma').selectOption('en');
    await h1(page, 'Home').waitFor();
    await page.reload();
    await h1(page, 'Home').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    expect(problems).toEqual([]);
    await context.close();
  });
});
