// The PDF engine: Debian's Chromium (apt-get install chromium) driven by playwright-core, never a browser
// downloaded at run time. RCM_CHROMIUM names another executable. A package run launches one browser and
// closes it whatever happens; the page it prints gets its HTML by setContent and may fetch nothing.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What works on this kind of machine (stack-notes.md): no sandbox in containers, no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function chromiumPath(): string {
  return process.env.RCM_CHROMIUM || DEFAULT_CHROMIUM;
}

/** Why the PDF cannot be rendered here (null: it can), in words that say what to install. */
export function pdfEngineMissing(): string | null {
  const path = chromiumPath();
  if (existsSync(path)) return null;
  return process.env.RCM_CHROMIUM
    ? `the PDF is rendered by Chromium, and RCM_CHROMIUM names ${path}, which does not exist: point it at a Chromium executable, or unset it and apt-get install chromium`
    : `the PDF is rendered by Chromium, which is not installed at ${path}: apt-get install chromium (Debian's package), or set RCM_CHROMIUM to a Chromium executable; xlsx and csv need no browser`;
}

/** Chromium could not start or print: the message says which executable and why. */
export class PdfEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfEngineError';
  }
}

/** Runs `use` with a browser launched for it, and closes the browser after, whether `use` succeeds or throws. */
export async function withChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const missing = pdfEngineMissing();
  if (missing) throw new PdfEngineError(missing);
  let browser: Browser;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
  } catch (error) {
    throw new PdfEngineError(`Chromium at ${chromiumPath()} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
  }
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}
