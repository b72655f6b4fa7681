import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, launched headless (no browser download: ARCHITECTURE.md). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page that records console errors and uncaught exceptions, so that a test can fail on any of them. */
export interface WatchedPage {
  readonly page: Page;
  readonly errors: string[];
  readonly shot: (name: string) => Promise<void>;
}

const screenshots = join(import.meta.dirname, '..', 'screenshots');

/**
 * Opens a page in a new context (its own cookies) at 1280x800 in the Europe/Paris zone, watching the console.
 * @param prefix - Prefix of the screenshot files (e2e/screenshots/PREFIX-NAME.png).
 */
export async function openPage(
  browser: Browser,
  prefix: string,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  mkdirSync(screenshots, { recursive: true });
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Paris', locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Asking "who is signed in?" answers 401 when nobody is (the sign-in page, after sign-out): Chromium logs
    // that response as an error, but it is the expected answer, not a fault of the page.
    const url = message.location().url;
    if (message.text().includes('status of 401') && new URL(url, 'http://x').pathname === '/api/session')
      return;
    errors.push(`console error: ${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({ path: join(screenshots, `${prefix}-${name}.png`), fullPage: true });
    },
  };
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs out through the header button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}
