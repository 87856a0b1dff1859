import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { expectAccessible, launchBrowser, newContext, watchForProblems } from '../support/browser.ts';

// Governance as the director and the chair meet it: the director opens the December meeting of the
// demo steering committee and records attendance while quorum changes on screen; the chair declares
// an interest in an organization; a motion about that organization lists him as recused, refuses
// his vote, counts the others' and computes the outcome. The chair votes on another motion.

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
const MOTION = 'Co-enrollment agreement with the Tri-County American Job Center';
const AJC = 'Tri-County American Job Center';

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

describe('governance in a browser', () => {
  let director: BrowserContext;
  let chair: BrowserContext;
  let dp: Page;
  let cp: Page;
  let directorProblems: string[];
  let chairProblems: string[];
  let motionUrl: string;
  let minutesMotionUrl: string;

  afterAll(async () => {
    await director?.close();
    await chair?.close();
  });

  it('the director opens the meeting and records attendance, watching quorum', async () => {
    director = await newContext(browser, t.baseUrl);
    dp = await director.newPage();
    directorProblems = watchForProblems(dp);
    await signIn(dp, 'director@demo.braid.test');

    const nav = dp.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Bodies' }).click();
    await h1(dp, 'Governance bodies').waitFor();
    await expectAccessible(dp, 'bodies');
    await dp.getByTestId('bodies-table').getByRole('link', { name: 'Steering Committee' }).click();
    await h1(dp, 'Steering Committee').waitFor();
    await dp.getByTestId('seats-table').getByText('Robert Hayes').waitFor();
    await expectAccessible(dp, 'body');
    await dp.getByTestId('body-meetings').getByRole('link', { name: 'Steering committee — December 2026' }).click();
    await h1(dp, 'Steering committee — December 2026').waitFor();
    await expectAccessible(dp, 'meeting (scheduled)');

    await dp.getByRole('button', { name: 'Open the meeting' }).click();
    await dp.getByText('In progress', { exact: true }).first().waitFor();
    const quorum = dp.getByTestId('quorum');
    await quorum.getByText(/^No quorum: 0 voting members present, 4 needed \(of 7 voting seats\)/).waitFor();
    for (const name of ['Robert Hayes', 'Alan Cho', 'Grace Liu']) await dp.getByLabel(`Attendance of ${name}`).selectOption('present');
    await dp.getByLabel('Attendance of Paul Brennan').selectOption('present');
    // Counted live, before saving; the non-voting seat does not count.
    await quorum.getByText(/^No quorum: 3 voting members present, 4 needed/).waitFor();
    await dp.getByLabel('Attendance of Luis Ortega').selectOption('present');
    await quorum.getByText(/^Quorum met: 4 voting members present, 4 needed/).waitFor();
    await quorum.getByText('Counting the attendance marked here, not yet saved.').waitFor();
    await expectAccessible(dp, 'meeting (attendance being marked)');
    await dp.getByRole('button', { name: 'Save attendance' }).click();
    await dp.getByText('Attendance saved.').waitFor();
    expect(await quorum.getByText('Counting the attendance marked here').count()).toBe(0);

    // The demo's pending motion: approve the November minutes. The chair will vote on it.
    await dp.getByTestId('meeting-motions').getByRole('link', { name: 'Approve the minutes of November 2026' }).click();
    await h1(dp, 'Approve the minutes of November 2026').waitFor();
    minutesMotionUrl = dp.url();
    await dp.getByRole('button', { name: 'Open voting' }).click();
    await dp.getByText('Voting is open.', { exact: false }).waitFor();
    expect(directorProblems).toEqual([]);
  });

  it('the director puts a motion concerning an organization, with inline validation', async () => {
    await dp.getByRole('link', { name: 'Steering committee — December 2026' }).click();
    await h1(dp, 'Steering committee — December 2026').waitFor();
    await dp.getByRole('button', { name: 'New motion' }).click();
    await dp.getByRole('button', { name: 'Put the motion' }).click();
    await dp.getByText('Fill this in.').waitFor();
    await expectAccessible(dp, 'new motion (with errors)');
    await dp.getByRole('textbox', { name: /^Motion/ }).fill(MOTION);
    await choose(dp, /^Organizations it concerns/, new RegExp(`^${AJC}$`), 'American Job');
    await dp.getByRole('button', { name: `Remove ${AJC}` }).waitFor();
    await dp.getByRole('button', { name: 'Put the motion' }).click();
    await h1(dp, MOTION).waitFor();
    await dp.getByText('The motion is before the meeting.').waitFor();
    motionUrl = dp.url();
    await dp.getByText('Voting has not opened.').waitFor();
    await expectAccessible(dp, 'motion (proposed)');
    expect(directorProblems).toEqual([]);
  });

  it('the chair declares an interest in that organization', async () => {
    chair = await newContext(browser, t.baseUrl);
    cp = await chair.newPage();
    chairProblems = watchForProblems(cp);
    await signIn(cp, 'board@demo.braid.test');
    // The demo's chair is due for his yearly statement.
    await cp.getByText('Your yearly conflict-of-interest declaration is due', { exact: false }).waitFor();

    await cp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My declarations' }).click();
    await h1(cp, 'Conflict-of-interest declarations').waitFor();
    await cp.getByTestId('declarations-table').getByText('El Puente Family Services', { exact: true }).waitFor();
    await expectAccessible(cp, 'declarations');
    await cp.getByRole('button', { name: 'Declare an interest' }).click();
    await cp.getByRole('button', { name: 'Declare', exact: true }).click();
    await cp.getByText('Fill this in.').first().waitFor();
    await choose(cp, /^Organization/, new RegExp(`^${AJC}$`), 'American Job');
    await cp.getByLabel(/^Kind of interest/).selectOption('financial_interest');
    await cp.getByLabel(/^Description/).fill('I hold a consulting contract with the job center.');
    await expectAccessible(cp, 'declare an interest');
    await cp.getByRole('button', { name: 'Declare', exact: true }).click();
    await cp.getByText(`Your interest in ${AJC} is declared.`).waitFor();
    await cp.getByTestId('declarations-table').getByText(AJC, { exact: true }).waitFor();
    await expectAccessible(cp, 'declarations (after declaring)');
    expect(chairProblems).toEqual([]);
  });

  it('the motion lists the chair as recused and refuses his vote; he votes on the other motion', async () => {
    await dp.goto(motionUrl);
    await h1(dp, MOTION).waitFor();
    await dp.getByRole('button', { name: 'Open voting' }).click();
    const recusals = dp.getByTestId('recusals');
    await recusals.getByText('Robert Hayes').waitFor();
    await recusals.getByText(`Declared interest (financial interest) in ${AJC}`).waitFor();
    await expect.poll(() => dp.getByTestId('tally-recused').textContent()).toBe('1');
    await expect.poll(() => dp.getByTestId('tally-eligible').textContent()).toBe('3');
    await expectAccessible(dp, 'motion (open, with a recusal)');

    await cp.goto(motionUrl);
    await h1(cp, MOTION).waitFor();
    const refusal = cp.getByTestId('cannot-vote');
    await refusal.getByText('You are recused from this motion and cannot vote:').waitFor();
    await refusal.getByText(`Declared interest (financial interest) in ${AJC}`).waitFor();
    expect(await cp.getByRole('button', { name: 'Vote yes' }).count()).toBe(0);
    await expectAccessible(cp, 'motion (recused member)');

    // A motion he may vote on: from the web app.
    await cp.goto(minutesMotionUrl);
    await h1(cp, 'Approve the minutes of November 2026').waitFor();
    await cp.getByRole('button', { name: 'Vote yes' }).click();
    await cp.getByTestId('my-vote').getByText('You voted: Yes.', { exact: false }).waitFor();
    expect(await cp.getByRole('button', { name: 'Vote yes' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(cp, 'motion (voted)');
    expect(chairProblems).toEqual([]);
  });

  it('the others vote, and closing computes the outcome without the recused member', async () => {
    const motionId = motionUrl.split('/').pop() as string;
    for (const role of ['employer_user', 'funder_viewer'] as const) {
      const res = await (await t.as(role)).request('PUT', `/api/governance/motions/${motionId}/vote`, { value: 'yes' });
      expect(res.status).toBe(200);
    }
    await dp.reload();
    await h1(dp, MOTION).waitFor();
    await dp.getByText('Voting is open. If it closed now, the motion would pass.').waitFor();
    await dp.getByRole('button', { name: 'Close voting' }).click();
    const dialog = dp.getByRole('dialog', { name: 'Close voting?' });
    await dialog.waitFor();
    await expectAccessible(dp, 'close voting (dialog)');
    await dialog.getByRole('button', { name: 'Close voting' }).click();
    await dp.getByTestId('tally-outcome').getByText('The motion passed.').waitFor();
    const tally = async (key: string) => dp.getByTestId(`tally-${key}`).textContent();
    expect([await tally('yes'), await tally('no'), await tally('recused'), await tally('eligible'), await tally('votesNeeded')]).toEqual([
      '2',
      '0',
      '1',
      '3',
      '2',
    ]);
    await dp.getByTestId('votes-table').getByText('Recused').waitFor();
    await expectAccessible(dp, 'motion (closed)');

    // On the record.
    await dp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Decision log' }).click();
    await h1(dp, 'Decision log').waitFor();
    await dp.getByRole('searchbox', { name: /^Search/ }).fill('American Job');
    const table = dp.getByTestId('decisions-table');
    await table.getByText('Recusal').first().waitFor();
    await table.getByRole('button', { name: 'History' }).first().click();
    await table.getByText('Voting closed, outcome computed', { exact: false }).waitFor();
    await expectAccessible(dp, 'decision log');
    expect(directorProblems).toEqual([]);
  });

  it('in a provider selection, the chair scores one proposal and is recused from the other', async () => {
    // Set up through the API: a solicitation under review, with the chair as a reviewer.
    const director = await t.as('director');
    const json = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res.json();
    };
    const steering = (await json(await director.request('GET', '/api/governance/bodies?q=Steering'))).items[0];
    const orgs = (await json(await director.request('GET', '/api/organizations?pageSize=100'))).items as { id: string; name: string }[];
    const users = (await json(await director.request('GET', '/api/users?pageSize=100'))).items as { id: string; email: string }[];
    const s = await json(
      await director.request('POST', '/api/governance/solicitations', {
        bodyId: steering.id,
        title: 'Data and reporting support',
        scope: 'Help partners report outcomes.',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
        criteria: [
          { name: 'Approach', weight: 60, maxScore: 5 },
          { name: 'Cost', weight: 40, maxScore: 5 },
        ],
        reviewerIds: [users.find((u) => u.email === 'board@demo.braid.test')?.id],
      }),
    );
    await json(await director.request('POST', `/api/governance/solicitations/${s.id}/publish`));
    for (const name of [AJC, 'Western Reserve Community College']) {
      await json(
        await director.request('POST', `/api/governance/solicitations/${s.id}/proposals`, {
          organizationId: orgs.find((o) => o.name === name)?.id,
          title: `${name} proposal`,
        }),
      );
    }
    await json(await director.request('POST', `/api/governance/solicitations/${s.id}/close`));

    await cp.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Provider selection' }).click();
    await h1(cp, 'Provider selection').waitFor();
    await expectAccessible(cp, 'solicitations');
    await cp.getByTestId('solicitations-table').getByRole('link', { name: 'Data and reporting support' }).click();
    await h1(cp, 'Data and reporting support').waitFor();
    const recused = cp.getByRole('alert').filter({ hasText: AJC });
    await recused.getByText('You are recused from scoring this proposal:').waitFor();
    const form = cp.getByRole('form', { name: 'Scores for Western Reserve Community College' });
    await form.getByLabel('Approach').fill('4');
    await form.getByLabel('Cost').fill('5');
    await form.getByRole('button', { name: 'Save scores' }).click();
    await form.getByText('Scores saved.').waitFor();
    const ranking = cp.getByTestId('ranking-table');
    await ranking
      .getByRole('row', { name: /Western Reserve Community College/ })
      .getByText('88')
      .waitFor();
    await ranking
      .getByRole('row', { name: new RegExp(AJC) })
      .getByText('Robert Hayes')
      .waitFor();
    await expectAccessible(cp, 'solicitation (reviewer)');
    expect(chairProblems).toEqual([]);
  });
});
