import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInApi } from './support/api.js';
import { launchChromium, openPage, signIn, signOut, type WatchedPage } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

// The walk of issue 5: a coordinator screens and enrols, an investigator confirms, randomizes, doses, saves and
// edits a form and answers a query; a pharmacist sees the arm, a blinded statistician does not; an investigator
// unblinds in an emergency. One server on a fresh embedded database for the whole walk.

const PASSWORD = 'walk-password-123';
const USERS = [
  { username: 'cora', fullName: 'Cora Coordinator', role: 'coordinator' },
  { username: 'ivan', fullName: 'Ivan Investigator', role: 'investigator' },
  { username: 'phil', fullName: 'Phil Pharmacist', role: 'pharmacist' },
  { username: 'stan', fullName: 'Stan Statistician', role: 'statistician' },
  { username: 'una', fullName: 'Una Unblinded', role: 'unblinded_statistician' },
] as const;
const TRIAL = 'infinity';
const BUNDLE = join(import.meta.dirname, '..', 'examples', 'fhir', 'infinity-eligible.json');

let server: RunningServer;
let browser: Browser;
let participantUrl = '';
let kitNumber = '';
let armName = '';

async function setUpTrial(): Promise<void> {
  const admin = await signInApi(server.baseUrl, 'admin', server.adminPassword);
  const sites = await admin.call<{ id: string; code: string }[]>('GET', `/api/trials/${TRIAL}/sites`);
  const site =
    sites[0] ??
    (await admin.call<{ id: string }>('POST', '/api/sites', {
      code: 'PAR',
      name: 'Paris',
      timeZone: 'Europe/Paris',
      trialIds: [TRIAL],
    }));
  for (const u of USERS) {
    const user = await admin.call<{ id: string }>('POST', '/api/users', {
      username: u.username,
      fullName: u.fullName,
      password: PASSWORD,
    });
    const siteScoped = u.role === 'coordinator' || u.role === 'investigator' || u.role === 'pharmacist';
    await admin.call('POST', `/api/users/${user.id}/grants`, {
      role: u.role,
      trialId: TRIAL,
      siteId: siteScoped ? site.id : null,
    });
  }
  const una = await signInApi(server.baseUrl, 'una', PASSWORD);
  await una.call('POST', `/api/trials/${TRIAL}/allocation-list`, {
    seed: 'e2e walk secret seed, long enough',
  });
}

async function expectNoConsoleErrors(w: WatchedPage): Promise<void> {
  await w.page.context().close();
  expect(w.errors).toEqual([]);
}

/** Fills every field of a form with a value inside its expected range (read from the field's description). */
async function fillPlausibly(form: Locator): Promise<void> {
  const numbers = form.locator('input[inputmode="decimal"], input[inputmode="numeric"]');
  for (let i = 0; i < (await numbers.count()); i++) {
    const input = numbers.nth(i);
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    const ids = describedBy.split(' ').filter((id) => id !== '');
    const hint =
      ids.length === 0
        ? ''
        : ((await form
            .page()
            .locator(`[id="${ids[0] ?? ''}"]`)
            .textContent()) ?? '');
    const range = /expected (-?[\d.]+)–(-?[\d.]+)/.exec(hint);
    const value = range === null ? 1 : Math.round((Number(range[1]) + Number(range[2])) / 2);
    await input.fill(String(value));
  }
  const selects = form.locator('select');
  for (let i = 0; i < (await selects.count()); i++) {
    const options: string[] = [];
    for (const option of await selects.nth(i).locator('option').all()) {
      options.push((await option.getAttribute('value')) ?? '');
    }
    const first = options.find((v) => v !== '');
    if (first !== undefined) await selects.nth(i).selectOption(first);
  }
  const dates = form.locator('input[type="date"]');
  for (let i = 0; i < (await dates.count()); i++) await dates.nth(i).fill('2026-03-17');
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

describe('the trial walk in Chromium', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    await setUpTrial();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('a coordinator screens a patient from a FHIR bundle, saves the screening and records consent', async () => {
    const w = await openPage(browser, '1-coordinator');
    const { page } = w;
    // Keyboard only: the first Tab reaches the user name, Enter submits.
    await page.goto(`${server.baseUrl}/`);
    await page.locator('input[autocomplete="username"]').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('cora');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await w.shot('trials');
    await page.getByRole('link', { name: 'INFINITY' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await w.shot('dashboard');
    await page.getByRole('link', { name: 'Screening' }).click();
    await page.getByLabel(/Screening time/).fill('2026-03-17T10:00');
    await page.getByTestId('file-input').setInputFiles(BUNDLE);
    await page.getByText('Eligible', { exact: true }).waitFor();
    await expect(page.getByTestId('criterion-I4').textContent()).resolves.toContain('met');
    await w.shot('screening-result');
    await page.getByRole('button', { name: 'Save to screening log' }).click();
    await page.getByText('Saved to the screening log').waitFor();
    await page.getByRole('link', { name: 'Open the participant' }).click();
    await page.getByRole('heading', { name: /^Participant / }).waitFor();
    participantUrl = page.url();
    await page.getByLabel('Date of consent').fill('2026-03-17');
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.getByText(/Consent given by patient/).waitFor();
    await w.shot('consented');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });

  it('an investigator confirms eligibility, randomizes, records doses, saves and edits a form and answers a query', async () => {
    const w = await openPage(browser, '2-investigator');
    const { page } = w;
    await signIn(page, server.baseUrl, 'ivan', PASSWORD);
    await page.goto(participantUrl);
    // Attestations: every inclusion holds (yes), no exclusion applies (no).
    const yes = page.locator('input[type="radio"][value="yes"]');
    await yes.first().waitFor({ state: 'attached' });
    const names: string[] = [];
    for (const input of await yes.all()) names.push((await input.getAttribute('name')) ?? '');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const answer = name.startsWith('attest-I') ? 'yes' : 'no';
      await page.locator(`input[type="radio"][name="${name}"][value="${answer}"]`).check();
    }
    await page.getByLabel('Your password (electronic signature)').fill(PASSWORD);
    await w.shot('eligibility-form');
    await page.getByRole('button', { name: 'Sign eligibility confirmation' }).click();
    await page.getByText(/Confirmed eligible by Ivan Investigator/).waitFor();
    await page.getByRole('button', { name: 'Randomize' }).click();
    await page.getByRole('button', { name: 'Yes, randomize' }).click();
    kitNumber = (await page.getByTestId('kit-number').textContent()) ?? '';
    expect(kitNumber).not.toBe('');
    expect(await page.getByTestId('arm').count()).toBe(0);
    await w.shot('randomized');

    await openTab(page, 'Dosing');
    await page
      .getByRole('button', { name: /^Given: dose 1/ })
      .first()
      .click();
    await page.getByText('given', { exact: true }).first().waitFor();
    await w.shot('dosing');

    await openTab(page, 'Forms');
    await page.locator('.mantine-Accordion-control').first().click();
    const form = page.locator('form').first();
    await fillPlausibly(form);
    await form.getByRole('button', { name: 'Save form' }).click();
    await form.getByText(/Revision 1/).waitFor();
    const firstNumber = form.locator('input[inputmode="decimal"], input[inputmode="numeric"]').first();
    // The edit puts a value outside the plausible range: confirmed, it is saved and the server opens a query on it.
    await firstNumber.fill('9999');
    await form.getByLabel(/^I confirm 9999/).check();
    await form.getByLabel(/Reason for change/).fill('transcription error corrected from the bedside chart');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText(/Revision 2/).waitFor();
    await w.shot('form-edited');

    await openTab(page, 'Queries');
    await page.getByLabel('Answer').first().fill('Value checked against the source document');
    await page.getByRole('button', { name: 'Send answer' }).first().click();
    await page.getByText('answered', { exact: true }).first().waitFor();
    await w.shot('queries');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });

  it('a pharmacist sees the arm of the kit', async () => {
    // On a tablet in landscape.
    const w = await openPage(browser, '3-pharmacist', { width: 1024, height: 768 });
    const { page } = w;
    await signIn(page, server.baseUrl, 'phil', PASSWORD);
    await page.goto(`${server.baseUrl}/trials/${TRIAL}/pharmacy`);
    await page.getByRole('tab', { name: 'Dispensing log' }).click();
    armName = (await page.getByTestId(`dispensed-arm-${kitNumber}`).textContent()) ?? '';
    expect(armName).not.toBe('');
    await w.shot('dispensing');
    await page.getByRole('tab', { name: 'Preparation sheet' }).click();
    await w.shot('preparation');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });

  it('a blinded statistician does not see the arm', async () => {
    const w = await openPage(browser, '4-statistician');
    const { page } = w;
    await signIn(page, server.baseUrl, 'stan', PASSWORD);
    await page.goto(participantUrl);
    await page.getByTestId('kit-number').waitFor();
    expect(await page.getByTestId('arm').count()).toBe(0);
    expect((await page.locator('main').textContent()) ?? '').not.toContain(armName);
    await w.shot('participant');
    await page.goto(`${server.baseUrl}/trials/${TRIAL}/pharmacy`);
    await page.getByText('Not available for your role').waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(armName);
    // The DSMB screen, blinded: the curves pool every participant, and no arm is named anywhere.
    await page.goto(`${server.baseUrl}/trials/${TRIAL}/statistics`);
    await page
      .getByText(/\(pooled\)/)
      .first()
      .waitFor();
    await page.getByText('Data completeness by form').waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toContain(armName);
    await w.shot('statistics');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });

  it('an investigator unblinds the participant in an emergency', async () => {
    // On a tablet in portrait, at the bedside.
    const w = await openPage(browser, '5-unblinding', { width: 768, height: 1024 });
    const { page } = w;
    await signIn(page, server.baseUrl, 'ivan', PASSWORD);
    await page.goto(participantUrl);
    await page.getByRole('button', { name: 'Emergency unblinding…' }).click();
    await page.getByLabel('Reason').fill('Severe anaphylaxis: the treating team must know the drug');
    await page.getByLabel('Your password').fill(PASSWORD);
    await w.shot('warning');
    await page.getByRole('button', { name: 'Unblind this participant' }).click();
    await expect(page.getByTestId('unblinded-arm').textContent()).resolves.toContain('Arm:');
    await w.shot('result');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });

  it('an administrator sees sites, users and roles, and exports the audit trail as CSV', async () => {
    const w = await openPage(browser, '6-admin');
    const { page } = w;
    await signIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByText('Cora Coordinator').waitFor();
    await w.shot('set-up');
    await page.goto(`${server.baseUrl}/trials/${TRIAL}/audit`);
    await page.getByText(/\d+ events? · times in/).waitFor();
    await w.shot('audit');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`audit-${TRIAL}.csv`);
    await page.goto(`${server.baseUrl}/trials/${TRIAL}/protocol`);
    await page.getByText('Inclusion criteria').waitFor();
    await w.shot('protocol');
    await signOut(page);
    await expectNoConsoleErrors(w);
  });
});
