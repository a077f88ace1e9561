// The package as a PDF a manager reads in two minutes: the pages of pdf-html.ts (charts drawn on the server
// with Observable Plot, the key tables) printed by headless Chromium on Letter paper, every page headed with
// the practice, the month and the close date, and footed with the confidentiality line and "page x of y".
import type { PackageContent } from './formats.ts';
import { withChromium, PdfEngineError } from './pdf-browser.ts';
import { escapeHtml as esc } from './pdf-tables.ts';
import { formatMonth } from './pdf-format.ts';
import { pageHtml } from './pdf-html.ts';

export const CONFIDENTIAL = 'Confidential: contains protected health information (PHI). For the practice’s authorized staff only; do not forward.';

/** Chromium's header and footer templates: their own little documents, styled inline (they inherit nothing). */
function templates(content: PackageContent): { headerTemplate: string; footerTemplate: string } {
  const box = 'font-family: Liberation Sans, DejaVu Sans, Arial, sans-serif; font-size: 7.5px; color: #444c56; width: 100%; margin: 0 0.5in; display: flex; justify-content: space-between;';
  const { practice, month, closeDate } = content.header;
  return {
    headerTemplate: `<div style="${box} border-bottom: 0.5px solid #c9d1d9; padding-bottom: 3px;"><span>${esc(practice)}</span><span>Monthly close ${esc(formatMonth(month))} · close date ${esc(closeDate)}</span></div>`,
    footerTemplate: `<div style="${box}"><span>${esc(CONFIDENTIAL)}</span><span style="white-space: nowrap; padding-left: 12px;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

export async function writePdf(content: PackageContent, path: string): Promise<void> {
  const html = pageHtml(content);
  await withChromium(async (browser) => {
    // no script and no network: the page is the HTML given, its CSS and SVG inline
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      const fetched: string[] = [];
      await page.route('**/*', (route) => {
        fetched.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
      if (fetched.length) throw new PdfEngineError(`the PDF's page asked for ${fetched.join(', ')}: it must carry everything inline`);
      await page.pdf({
        path, format: 'Letter', printBackground: true, displayHeaderFooter: true, ...templates(content),
        margin: { top: '0.7in', bottom: '0.7in', left: '0.5in', right: '0.5in' },
      });
    } finally {
      await context.close();
    }
  });
}
