// The dashboards' entry: asks who is signed in (GET /api/session), shows the login form or the shell, and
// routes over the URL — the path names the page (/overview, /ar, /denials, /payers, /collections,
// /claims, /ingest), the query holds the filters, so a view can be shared by its address.
import { currentSession, logOut, whenModelsStale, whenUnauthorized, type Session } from './api.ts';
import { askOnPress } from './claim-answers.ts';
import { filtersOf, searchWith, type Filters } from './filters.ts';
import { renderLogin } from './login.ts';
import { errorText, heading, isAbort, stateMessage } from './page.ts';
import { DEFAULT_PAGE, PAGES, mayOpen, pageOf } from './routes.ts';
import { renderShell, type Shell } from './shell.ts';

const root = document.getElementById('app')!;
let session: Session | null = null;
let shell: Shell | null = null;
let running: AbortController | null = null;

function go(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  void route();
}

function showLogin(notice?: string): void {
  running?.abort();
  session = null;
  shell = null;
  document.title = 'Sign in · rcm workbench';
  renderLogin(root, (s) => {
    session = s;
    void route();
  }, notice);
}

async function route(): Promise<void> {
  if (!session) return showLogin();
  const url = new URL(location.href);
  if (url.pathname === '/' || url.pathname === '') return go(`/${DEFAULT_PAGE}${url.search}`, true);
  const page = pageOf(url.pathname);
  const filters: Filters = filtersOf(url.search);
  shell ??= renderShell(root, session, {
    navigate: (href) => go(href),
    applyFilters: (next) => go(`${location.pathname}${searchWith(next, new URLSearchParams(location.search))}`),
    logOut: () => void logOut().catch(() => undefined).then(() => showLogin('You are signed out.')),
  });
  shell.update(page?.id, filters);
  running?.abort();
  const controller = (running = new AbortController());
  const main = shell.main;
  // the page being left may have marked the main area ready; the next one marks it again when it is
  delete main.dataset.ready;
  if (!page) {
    document.title = 'Not found · rcm workbench';
    main.replaceChildren(heading('Not found'), stateMessage(`There is no page ${url.pathname}.`, 'empty'));
    return;
  }
  document.title = `${page.title} · rcm workbench`;
  if (!mayOpen(session.user.views, page)) {
    main.replaceChildren(heading(page.title), stateMessage(`A ${session.user.role.replace('_', ' ')} may not open this page.`, 'unavailable'));
    return;
  }
  main.replaceChildren(heading(page.title), stateMessage('Loading…', 'loading'));
  try {
    const module = await page.load();
    if (controller.signal.aborted) return;
    await module.render(main, { session, filters, signal: controller.signal });
    preloadPages(session);
  } catch (e) {
    if (controller.signal.aborted || isAbort(e)) return;
    main.append(stateMessage(`Could not show this page: ${errorText(e)}`, 'error'));
  }
}

let preloaded = false;
/** Once a page is drawn, the code of the others the user may open loads while the browser is idle, so switching page waits for data only. */
function preloadPages(s: Session): void {
  if (preloaded) return;
  preloaded = true;
  const idle = window.requestIdleCallback ?? ((work: () => void) => setTimeout(work, 200));
  idle(() => {
    for (const p of PAGES) if (mayOpen(s.user.views, p)) void p.load().catch(() => undefined);
  });
}

whenUnauthorized(() => showLogin('Your session has ended: sign in again.'));
whenModelsStale((reason) => shell?.modelsStale(reason));
// the page's code loads while the session is asked, not after (route() then finds it loaded)
void pageOf(location.pathname)?.load().catch(() => undefined);
window.addEventListener('popstate', () => void route());
// A link inside a page to another view of the workbench (a claim, a drill-down) opens without a reload;
// downloads, /api/ addresses, new tabs and links a page handled itself are left to the browser.
root.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="/"]') as HTMLAnchorElement | null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.hasAttribute('download') || link.target || link.pathname.startsWith('/api/')) return;
  event.preventDefault();
  go(`${link.pathname}${link.search}`);
});

// A press on a link to a claim asks for the claim's answers at once (claim-answers.ts).
root.addEventListener('pointerdown', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="/claims?"]') as HTMLAnchorElement | null;
  const claim = link && event.button === 0 ? new URLSearchParams(link.search).get('claim')?.trim() : undefined;
  if (claim && session && !link!.hasAttribute('download') && !link!.target) askOnPress(claim);
});

currentSession().then(
  (s) => {
    session = s;
    void route();
  },
  (e) => root.replaceChildren(stateMessage(`The workbench cannot start: ${errorText(e)}`, 'error')),
);
