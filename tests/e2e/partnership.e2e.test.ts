import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// The partnership workspace as the director and a partner meet it: the director starts an initiative
// whose region crosses a state line and uploads its agreement; reports a strategy milestone done and
// sees it on the timeline; a partner asks for technical assistance and the director resolves it.

let t: TestApp;
let browser: Browser;
const SHOTS = path.resolve('test-results/partnership');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await h1(page, 'Sign in').waitFor();
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await h1(page, 'Home').waitFor();
}

/** Picks an option in a Mantine typeahead. */
async function choose(page: Page, label: RegExp, option: RegExp, typed: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

const INITIATIVE = 'Tri-State Advanced Manufacturing Pathways';
const STRATEGY = 'Skills-based hiring across hospital systems';
const MILESTONE = 'Three systems post skills-based job orders';
const TA_TITLE = 'Set up quarterly WIOA performance reports';

describe('partnership workspace in a browser', () => {
  let director: BrowserContext;
  let dp: Page;
  let directorProblems: string[];

  afterAll(async () => {
    await director?.close();
  });

  it('the director starts an initiative whose region crosses a state line, and uploads its agreement', async () => {
    director = await newContext(browser, t.baseUrl);
    dp = await director.newPage();
    onTestFailed(() => shot(dp, 'failed-initiative'));
    directorProblems = watchForProblems(dp);
    await signIn(dp, 'director@demo.braid.test');

    await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Initiatives' }).click();
    await h1(dp, 'Initiatives').waitFor();
    await dp.getByTestId('initiatives-table').getByRole('link', { name: 'Northeast Ohio Healthcare Careers' }).waitFor();
    await expectAccessible(dp, 'initiatives');
    await shot(dp, 'initiatives');
    // The status filter narrows the list, and says so when nothing is left.
    await dp.getByLabel('Status').selectOption('closed');
    await dp.getByText('No initiative matches').waitFor();
    await dp.getByRole('button', { name: 'Clear search and filters' }).click();
    await dp.getByTestId('initiatives-table').waitFor();

    await dp.getByRole('link', { name: 'New initiative' }).click();
    await h1(dp, 'New initiative').waitFor();
    await dp.getByRole('button', { name: 'Create the initiative' }).click();
    await dp.getByText('No place yet: add at least one.').waitFor();
    await expect.poll(() => dp.getByText('Fill this in.').count()).toBeGreaterThan(1);
    await expectAccessible(dp, 'new initiative (with errors)');

    await dp.getByRole('textbox', { name: /^Name/ }).fill(INITIATIVE);
    await dp.getByRole('textbox', { name: /^Sector/ }).fill('Advanced manufacturing');
    await choose(dp, /^Industries/, /^332710 — Machine Shops$/, '332710');
    await choose(dp, /^Industries/, /^333517 — /, '333517');
    await choose(dp, /^Add a county/, /^39085 — Lake County, OH$/, 'Lake County, OH');
    await choose(dp, /^Add a county/, /^42049 — Erie County, PA$/, 'Erie County, PA');
    await dp.getByLabel('Kind of place').selectOption('state');
    await dp.getByLabel('Add a whole state').selectOption('NY');
    await dp.getByRole('button', { name: 'Add the state' }).click();
    await dp.getByText('This region crosses state lines: NY, OH, PA.').waitFor();
    await dp.getByRole('button', { name: 'Remove New York' }).click();
    await dp.getByText('This region crosses state lines: OH, PA.').waitFor();
    await dp.getByRole('textbox', { name: /^Goals/ }).fill('Place 120 machinists by 2028\nAlign two community college curricula');
    await dp.getByLabel(/^Start date/).fill('2027-01-15');
    await dp.getByLabel('Status').selectOption('active');
    await expectAccessible(dp, 'new initiative (filled)');
    await shot(dp, 'initiative-form');
    await dp.getByRole('button', { name: 'Create the initiative' }).click();

    await h1(dp, INITIATIVE).waitFor();
    await dp.getByText(`Initiative ${INITIATIVE} created.`, { exact: false }).waitFor();
    const region = dp.getByTestId('initiative-region');
    await region.getByText('Lake County, OH', { exact: false }).waitFor();
    await region.getByText('Erie County, PA', { exact: false }).waitFor();
    await dp.getByText('This region crosses state lines: OH, PA.').waitFor();
    await dp.getByText('Place 120 machinists by 2028').waitFor();

    // A partner in its role, with a commitment.
    await dp.getByRole('button', { name: 'Add a partner' }).click();
    await choose(dp, /^Organization/, /^Lake Regional Medical Center$/, 'Lake Regional');
    await dp.getByLabel(/^Role/).selectOption('lead_employer');
    await dp.getByLabel('Agreement signed on').fill('2027-01-10');
    await dp.getByRole('button', { name: 'Add the partner' }).click();
    const partners = dp.getByTestId('partners-table');
    await partners.getByText('Lead employer').waitFor();
    await partners.getByRole('button', { name: /^Add a commitment\W+Lake Regional Medical Center$/ }).click();
    await dp.getByRole('textbox', { name: /^Description/ }).fill('Hire 30 graduates');
    await dp.getByLabel('Quantity').fill('30');
    await dp.getByRole('button', { name: 'Save the commitment' }).click();
    await partners.getByText('Hire 30 graduates', { exact: false }).waitFor();

    // A file the server would refuse is stopped in the browser first; an agreement goes through.
    await dp.getByRole('textbox', { name: /^Title/ }).fill('Partnership agreement 2027');
    const file = dp.getByTestId('document-file');
    const chooser = dp.waitForEvent('filechooser');
    await file.click();
    await (await chooser).setFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    await dp.getByText('This kind of file is not accepted.', { exact: false }).waitFor();
    const chooser2 = dp.waitForEvent('filechooser');
    await file.click();
    await (await chooser2).setFiles({
      name: 'agreement.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    });
    await dp.getByRole('button', { name: 'Upload the document' }).click();
    await dp.getByText('Document uploaded.').waitFor();
    const link = dp.getByTestId('documents-table').getByRole('link', { name: 'Partnership agreement 2027' });
    await link.waitFor();
    const download = dp.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe('agreement.pdf');
    await expectAccessible(dp, 'initiative');
    await shot(dp, 'initiative');
    // Deleted again from its row, after confirming.
    await dp.getByRole('button', { name: 'Delete: Partnership agreement 2027', exact: true }).click();
    await dp.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => link.count()).toBe(0);
    expect(directorProblems).toEqual([]);
  }, 180_000);

  it('the director reports a milestone reached, with evidence, and sees it on the timeline', async () => {
    onTestFailed(() => shot(dp, 'failed-strategy'));
    await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Systems change' }).click();
    await h1(dp, 'Systems change').waitFor();
    await expectAccessible(dp, 'strategies');
    await dp.getByTestId('strategies-table').getByRole('link', { name: STRATEGY }).click();
    await h1(dp, STRATEGY).waitFor();
    const timeline = dp.getByTestId('strategy-timeline');
    const reached = timeline.getByRole('listitem').filter({ hasText: MILESTONE }).filter({ hasText: 'Milestone reached' });
    expect(await reached.count()).toBe(0);
    await expectAccessible(dp, 'strategy');

    await dp.getByRole('button', { name: 'Report the progress' }).click();
    await dp.getByText('Fill this in.').waitFor();
    await dp.getByLabel('Milestone', { exact: true }).selectOption({ label: MILESTONE });
    await dp.getByLabel('Milestone is now').selectOption('done');
    await dp
      .getByRole('textbox', { name: /^What happened/ })
      .fill('Lake Regional and Summit Health posted skills-based job orders, joining MetroCare.');
    await dp.getByLabel('Evidence 1: what it is').fill('Job orders posted');
    await dp.getByLabel('Evidence 1: web address').fill('https://neohealthcareers.example/job-orders');
    await dp.getByRole('button', { name: 'Report the progress' }).click();
    await dp.getByText('Progress reported; the timeline shows it.').waitFor();

    await reached.first().waitFor();
    await dp
      .getByTestId('milestones-table')
      .getByRole('row', { name: new RegExp(MILESTONE) })
      .getByText('Done', { exact: true })
      .waitFor();
    await dp.getByTestId('strategy-updates').getByRole('link', { name: 'Job orders posted' }).waitFor();
    await expectAccessible(dp, 'strategy (after the report)');
    await shot(dp, 'strategy');
    expect(directorProblems).toEqual([]);
  }, 180_000);

  it('the director creates a body with its rules, seats a member and attaches a file to a meeting', async () => {
    onTestFailed(() => shot(dp, 'failed-governance'));
    await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Bodies' }).click();
    await h1(dp, 'Governance bodies').waitFor();
    await dp.getByRole('button', { name: 'New body' }).click();
    const bodyForm = dp.getByRole('form', { name: 'New body' });
    await bodyForm.getByRole('textbox', { name: /^Name/ }).fill('Data working group');
    await bodyForm.getByLabel('Kind of body', { exact: true }).selectOption('working_group');
    await bodyForm.getByLabel('Quorum', { exact: true }).selectOption('count');
    await dp.getByRole('button', { name: 'Create the body' }).click();
    await dp.getByText('Fill this in.').waitFor();
    await dp.getByLabel(/^Quorum \(voting members present\)/).fill('2');
    await bodyForm.getByLabel('Passing rule', { exact: true }).selectOption('consensus');
    await dp.getByRole('textbox', { name: /^Charter/ }).fill('Agrees the shared data definitions of the partnership.');
    await dp.getByRole('button', { name: 'Create the body' }).click();
    await h1(dp, 'Data working group').waitFor();
    await dp.getByText('2 voting members present').waitFor();
    await dp.getByText('Consensus (no objection)').waitFor();

    await dp.getByRole('button', { name: 'Add a seat' }).click();
    await choose(dp, /^Member/, /^Priya Natarajan$/, 'Priya');
    await dp.getByRole('button', { name: 'Save the seat' }).click();
    await dp.getByTestId('seats-table').getByText('Priya Natarajan').waitFor();
    await expectAccessible(dp, 'new body with a seat');
    await shot(dp, 'governance-body');

    await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Meetings' }).click();
    await dp.getByRole('link', { name: 'Steering committee — December 2026' }).click();
    await h1(dp, 'Steering committee — December 2026').waitFor();
    await dp
      .getByRole('form', { name: 'Attach the file' })
      .getByRole('textbox', { name: /^Title/ })
      .fill('Draft budget 2027');
    const chooser = dp.waitForEvent('filechooser');
    await dp.getByTestId('attachment-file').click();
    await (await chooser).setFiles({ name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('line,amount\ncoaching,120000\n') });
    await dp.getByRole('button', { name: 'Attach the file' }).click();
    await dp.getByRole('link', { name: 'Draft budget 2027' }).waitFor();
    await expectAccessible(dp, 'meeting with an attachment');
    expect(directorProblems).toEqual([]);
  }, 180_000);

  it('a partner asks for help; the director takes it from the home page and resolves it; the partner rates it', async () => {
    const partner = await newContext(browser, t.baseUrl);
    try {
      const pp = await partner.newPage();
      onTestFailed(async () => {
        await shot(pp, 'failed-ta-partner').catch(() => undefined);
        await shot(dp, 'failed-ta-director');
      });
      const partnerProblems = watchForProblems(pp);
      await signIn(pp, 'partner@demo.braid.test');
      await pp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Requests for help' }).click();
      await h1(pp, 'Requests for technical assistance').waitFor();
      await expectAccessible(pp, 'TA requests (partner)');
      await pp.getByRole('link', { name: 'Ask for help' }).click();
      await h1(pp, 'Ask for technical assistance').waitFor();
      await pp.getByRole('button', { name: 'Send the request' }).click();
      await pp.getByText('Fill this in.').first().waitFor();
      await expectAccessible(pp, 'new TA request (with errors)');
      await pp.getByLabel(/^Topic/).selectOption('wioa_compliance');
      await pp.getByLabel('Urgency').selectOption('high');
      await pp.getByRole('textbox', { name: /^What do you need help with/ }).fill(TA_TITLE);
      await pp.getByRole('textbox', { name: /^Details/ }).fill('Our first quarterly WIOA performance report is due in January.');
      await pp.getByRole('button', { name: 'Send the request' }).click();
      await h1(pp, TA_TITLE).waitFor();
      await pp.getByText('Request sent.', { exact: false }).waitFor();
      await pp.getByText('Submitted', { exact: true }).first().waitFor();
      // Partner staff see their request, not the intermediary's triage tools.
      expect(await pp.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
      await expectAccessible(pp, 'TA request (partner)');
      const requestUrl = pp.url();

      await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Requests for help' }).click();
      await h1(dp, 'Requests for technical assistance').waitFor();
      await dp.getByTestId('ta-requests-table').getByRole('link', { name: TA_TITLE }).click();
      await h1(dp, TA_TITLE).waitFor();
      await expectAccessible(dp, 'TA request (director)');
      await dp.getByRole('button', { name: 'Assign to me' }).click();
      await dp.getByText('Assigned', { exact: true }).first().waitFor();

      // The home task leads to the request (it used to be a page that did not exist).
      await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
      await h1(dp, 'Home').waitFor();
      await dp
        .getByTestId('task-list')
        .getByRole('link', { name: new RegExp(`^Open request\\W+${TA_TITLE}$`) })
        .click();
      await h1(dp, TA_TITLE).waitFor();

      await dp.getByRole('button', { name: 'Resolve', exact: true }).click();
      await dp.getByText('Fill this in.').waitFor();
      await dp.getByRole('textbox', { name: /^Resolution/ }).fill('Built the report template with their data lead; next review in April.');
      await dp.getByRole('button', { name: 'Resolve', exact: true }).click();
      await dp.getByText('Resolved', { exact: true }).first().waitFor();
      await expectAccessible(dp, 'TA request (resolved)');
      await shot(dp, 'ta-request');

      await pp.goto(requestUrl);
      await h1(pp, TA_TITLE).waitFor();
      await pp.getByText('Built the report template', { exact: false }).waitFor();
      await pp.getByRole('button', { name: 'Send the rating' }).click();
      await pp.getByText('Fill this in.').waitFor();
      // By keyboard: Mantine's rating keeps its radio inputs visually hidden.
      await pp.getByRole('radio', { name: '5 out of 5' }).focus();
      await pp.keyboard.press('Space');
      await pp.getByRole('button', { name: 'Send the rating' }).click();
      await pp.getByText('5 out of 5', { exact: true }).waitFor();
      expect(await pp.getByRole('button', { name: 'Send the rating' }).count()).toBe(0);
      expect(partnerProblems).toEqual([]);

      // The intermediary sees the need among the recurring ones, by topic and organization.
      await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Recurring needs' }).click();
      await h1(dp, 'Recurring needs').waitFor();
      await dp
        .getByTestId('needs-topics-table')
        .getByRole('rowheader', { name: /WIOA compliance/ })
        .waitFor();
      await dp.locator('[data-chart="Requests by topic"] svg').waitFor();
      await expectAccessible(dp, 'recurring needs');
      await shot(dp, 'ta-needs');
      await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Capacity building' }).click();
      await h1(dp, 'Capacity building').waitFor();
      await dp.getByTestId('ta-events-table').waitFor();
      await expectAccessible(dp, 'capacity building');
      expect(directorProblems).toEqual([]);
    } finally {
      await partner.close();
    }
  }, 240_000);
});
