// npm run screenshots — the pictures of the main pages in the README and docs/, taken in Debian's Chromium from the demo
// practice of the browser tests (docs/screenshots/*.png). Not a test: it only looks.
import { join } from 'node:path';
import { launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { REPO, startWorkbench } from './support/workbench.ts';

/** Each page, and what shows that it has drawn everything worth seeing. */
const PAGES: [name: string, path: string, ready: string][] = [
  ['overview', '/overview', '.tiles[data-ready="all"]'],
  ['ar', '/ar', 'main svg'],
  ['denials', '/denials', '.denials-patterns [data-ready="true"]'],
  ['payers', '/payers', 'main table'],
  ['collections', '/collections', 'main svg'],
  ['claims', '/claims?claim=', '.claim-explorer[data-ready="all"] .claim-history-panel'],
  ['work', '/work?queue=open_denial', '.work[data-ready="all"]'],
  ['ingest', '/ingest', 'main table'],
];
/** Pages whose tail is more of the same rows: cut shorter. */
const SHORTER: Record<string, number> = { ingest: 1000 };
/** The pictures stay readable and small: the page's width, and at most this much of its height. */
const MAX_HEIGHT = 1800;

const bench = await startWorkbench();
const browser = await launchBrowser();
try {
  const { context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager);
  // the claim explorer shows a denied claim: its history and the 835 that denied it
  const denied = (await (await context.request.get('/api/claims?denied=true&sort=charge&order=desc&page_size=1')).json()) as { rows: { claim_id: string }[] };
  for (const [name, path, ready] of PAGES) {
    await page.goto(path.endsWith('=') ? `${path}${encodeURIComponent(denied.rows[0].claim_id)}` : path);
    await page.locator(ready).first().waitFor({ timeout: 60_000 }).catch(() => process.stderr.write(`${name}: nothing matched ${ready}; taken as it is\n`));
    await page.waitForLoadState('networkidle');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const file = join(REPO, 'docs', 'screenshots', `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, SHORTER[name] ?? MAX_HEIGHT) } });
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
  await bench.close();
}
