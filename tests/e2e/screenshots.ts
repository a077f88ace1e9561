// npm run screenshots — the README's pictures of the main pages, taken in Debian's Chromium from the demo
// practice of the browser tests (docs/screenshots/*.png). Not a test: it only looks.
import { join } from 'node:path';
import { launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { REPO, startWorkbench } from './support/workbench.ts';

const PAGES: [name: string, path: string, ready: string][] = [
  ['overview', '/overview', '.tile .value'],
  ['ar', '/ar', 'main svg, main table'],
  ['denials', '/denials', 'main svg, main table'],
  ['payers', '/payers', 'main table'],
  ['collections', '/collections', 'main svg, main table'],
  ['claims', '/claims', 'main'],
  ['ingest', '/ingest', 'main table'],
];

const bench = await startWorkbench();
const browser = await launchBrowser();
try {
  const { page } = await signedInPage(browser, bench.baseUrl, bench.users.manager);
  for (const [name, path, ready] of PAGES) {
    await page.goto(path);
    await page.locator(ready).first().waitFor({ timeout: 30_000 }).catch(() => process.stderr.write(`${name}: nothing matched ${ready}; taken as it is\n`));
    await page.waitForLoadState('networkidle');
    const file = join(REPO, 'docs', 'screenshots', `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
  await bench.close();
}
