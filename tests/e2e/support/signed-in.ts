// A page of the workbench signed in as a user, the way a person does it: open the address, the login form
// shows, fill it, and the shell (its navigation) comes up on that address. Used by every browser test and
// the dashboards' benchmark, so the sign-in is written once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openContext, watchProblems } from './browser.ts';
import type { Credentials } from './workbench.ts';

export type SavedSession = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface SignInOptions {
  /** Script and console errors of the page are collected here (watchProblems). */
  problems?: string[];
  /** Console errors that are expected rather than problems (default: the 401 before signing in). */
  expected?: RegExp;
  /** A session saved from an earlier sign-in (context.storageState()): the form is skipped, its password check is slow. */
  session?: SavedSession;
}

/** A fresh context and page at `path`, signed in as `user` through the login form (or with a saved session). */
export async function signedInPage(browser: Browser, baseUrl: string, user: Credentials, path = '/overview', options: SignInOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, baseUrl, options.session);
  const page = await context.newPage();
  if (options.problems) watchProblems(page, options.problems, options.expected);
  await page.goto(path);
  if (!options.session) {
    await page.getByLabel('User name').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.locator('header nav').waitFor();
  return { context, page };
}

/** GET /api/metrics with the page's session (its cookie), as the page asks it; anything but 200 fails the test. */
export async function metricsAnswer<T>(context: BrowserContext, params: Record<string, string>): Promise<T> {
  const response = await context.request.get(`/api/metrics?${new URLSearchParams(params)}`);
  if (response.status() !== 200) throw new Error(`GET /api/metrics?${new URLSearchParams(params)} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}
