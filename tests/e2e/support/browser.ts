// Debian's Chromium driven by playwright-core (no browser download: `apt-get install -y chromium`; .ci/run
// does it). RCM_CHROMIUM names another executable. Without one the browser tests are skipped, unless
// RCM_REQUIRE_BROWSER=1 (set by .ci/run), when they fail instead.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.RCM_CHROMIUM ?? '/usr/bin/chromium';

/** What works on this kind of machine (stack-notes.md): no sandbox in containers, no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Whether the browser tests can run here (they fail rather than skip when RCM_REQUIRE_BROWSER=1). */
export const browserAvailable = existsSync(CHROMIUM) || process.env.RCM_REQUIRE_BROWSER === '1';

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set RCM_CHROMIUM)${browserAvailable ? '' : '; skipped'}\n`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (its own cookies, or a saved session's) on the workbench, in UTC and US English as the tests' formats expect. */
export function openContext(browser: Browser, baseURL: string, storageState?: BrowserContextOptions['storageState']): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState, locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}

/** Collects the page's script errors and console errors (a CSP violation is one) into `problems`, except console errors matching `expected` (the 401 before signing in). */
export function watchProblems(page: Page, problems: string[], expected: RegExp = /401/): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}
