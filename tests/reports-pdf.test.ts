// The monthly close package as a PDF, checked as pages: a demo practice's June over fourteen months of
// files, printed by Debian's Chromium; pdfinfo's page count and size, every page turned into an image
// (pdftoppm) and found not blank, and the text of the pages (pdftotext) holding the headline numbers as
// the registry computes them and as the workbook holds them, the roll-forward's tie, the charts' labels,
// and the header and footer. Without Chromium the package is refused before anything is computed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { ReportRequestError, runMonthlyPackage, type MonthlyPackageRun } from '../reports/monthly/run.ts';
import { listRuns } from '../warehouse/queries/report-runs.ts';
import { browserAvailable } from './e2e/support/browser.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const MONTH = '2025-06';
const END = '2025-06-30';
const user = { username: 'test' };

/** A PNG as pdftoppm writes it (8 bits a sample, not interlaced), decoded to one gray level a pixel. */
function readPng(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  let at = 8;
  let [width, height, channels] = [0, 0, 0];
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      expect([body[8], body[12]], 'bit depth, interlace').toEqual([8, 0]);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[body[9]];
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  // gray: the mean of the colour samples (alpha, if any, left out)
  const colours = channels >= 3 ? 3 : 1;
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    let sum = 0;
    for (let k = 0; k < colours; k++) sum += out[i * channels + k];
    pixels[i] = Math.round(sum / colours);
  }
  return { width, height, pixels };
}

/** The variance of a page's gray levels, and the share of its pixels that carry ink (darker than light grey). */
function inkOf(pixels: Uint8Array): { variance: number; ink: number } {
  let sum = 0;
  let squares = 0;
  let ink = 0;
  for (const v of pixels) {
    sum += v;
    squares += v * v;
    if (v < 160) ink++;
  }
  const mean = sum / pixels.length;
  return { variance: squares / pixels.length - mean * mean, ink: ink / pixels.length };
}

/** Money as the pages write it, made here from the numbers record's exact text: '1234.5' → $1,234.50, '-3' → −$3.00. */
function dollars(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  return `${negative ? '−' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

const percent = (text: string) => `${(Number(text) * 100).toFixed(1)}%`;
const days = (text: string) => `${Number(text).toFixed(1)} days`;

describe.skipIf(!browserAvailable)('the monthly close package as a PDF', () => {
  const dir = tempDir('rcm-reports-pdf-');
  let w: Warehouse;
  let run: MonthlyPackageRun;
  let pdf: string;
  let text: string;
  let pages: string[];

  beforeAll(async () => {
    const files = join(dir, 'files');
    await writeDataset({ seed: 11, claims: 300, months: 14, start: '2024-05-01', out: files });
    w = await tempWarehouse(dir);
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(files, f)));
    await buildModels(w);
    run = await runMonthlyPackage(w, { month: MONTH, formats: ['xlsx', 'pdf'], outDir: join(dir, 'out'), user });
    pdf = run.files.find((f) => f.format === 'pdf')!.path;
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    pages = text.split('\f').filter((p) => p.trim() !== '');
  }, 90_000);

  it('is a few Letter pages, each page an image with something on it', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(6);
    expect(info).toMatch(/^Page size:\s+612 x 792 pts \(letter\)$/m);
    expect(info).toMatch(new RegExp(`^Title:\\s+Monthly close package, ${MONTH}$`, 'm'));
    expect(pages).toHaveLength(count);

    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    expect(images).toHaveLength(count);
    const inks = images.map((f) => {
      const { width, height, pixels } = readPng(readFileSync(join(dir, f)));
      expect([width, height], f).toEqual([425, 550]); // 8.5 × 11 in at 50 dpi
      const { variance, ink } = inkOf(pixels);
      expect(variance, `${f}: a blank page has no variance`).toBeGreaterThan(200);
      expect(ink, `${f}: share of inked pixels`).toBeGreaterThan(0.01);
      return ink;
    });
    // the aging page's stacked bars are solid dark areas: more ink than the page with the least (how much more
    // depends on how A/R spreads over the payers: one large payer leaves the others' bars short)
    const aging = pages.findIndex((p) => p.includes('A/R aging by payer'));
    expect(aging).toBeGreaterThan(0);
    expect(inks[aging]).toBeGreaterThan(0.04);
    expect(inks[aging]).toBeGreaterThan(Math.min(...inks) * 1.2);
  });

  it('writes the headline numbers the registry computes and the workbook holds', async () => {
    const n = run.numbers;
    const window = { asOf: END, from: '2025-06-01', to: END };
    const collections = await computeMetric(w, metric('collections')!, window);
    const rate = await computeMetric(w, metric('net_collection_rate')!, window);
    const dar = await computeMetric(w, metric('days_in_ar')!, { asOf: END });
    const denial = await computeMetric(w, metric('initial_denial_rate')!, window);
    const ar = await computeMetric(w, metric('ar_total')!, { asOf: END });
    // nothing was loaded after the close, so the closed numbers are the live warehouse's
    expect(Number(n['summary/collections/month'])).toBe(collections.numerator);
    expect(Number(n['summary/net_collection_rate/month'])).toBe(rate.value);
    expect(Number(n['summary/days_in_ar/month'])).toBe(dar.value);
    expect(Number(n['summary/initial_denial_rate/month'])).toBe(denial.value);
    expect(Number(n['summary/ar_total/month'])).toBe(ar.numerator);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(run.files.find((f) => f.format === 'xlsx')!.path);
    const sheet = book.getWorksheet('Summary')!;
    const header = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => sheet.getCell(r, 1).value === 'KPI')!;
    const row = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => sheet.getCell(r, 1).value === 'collections')!;
    expect(row).toBeGreaterThan(header);
    expect(sheet.getCell(row, 3).value).toBe(collections.numerator);

    const [first, second] = pages;
    expect(first).toContain(dollars(n['summary/collections/month']!));
    expect(first).toContain(dollars(n['summary/ar_total/month']!));
    expect(first).toContain(percent(n['summary/net_collection_rate/month']!));
    expect(first).toContain(days(n['summary/days_in_ar/month']!));
    expect(first).toContain(percent(n['summary/initial_denial_rate/month']!));
    // the summary table: the month beside the month before and the year before
    // (the label may wrap, by the fonts the machine has: the numbers stand on its first line)
    const line = second.split('\n').find((l) => l.trimStart().startsWith('Collections ('))!;
    expect(line).toBeDefined();
    for (const column of ['month', 'prior_month', 'same_month_last_year']) expect(line).toContain(dollars(n[`summary/collections/${column}`]!));
    // the collections by payer total
    expect(text).toContain(dollars(n['collections_by_payer/TOTAL/total']!));
  });

  it('shows the roll-forward and that it ties to the cent', () => {
    const n = run.numbers;
    const first = pages[0];
    expect(run.rollForward.ties).toBe(true);
    expect(first).toMatch(/Ties to the cent\./);
    const opening = first.split('\n').find((l) => l.includes('Net balance at 2025-05-31'))!;
    expect(opening).toContain(dollars(n['ar_roll_forward/opening_balance/amount']!));
    const rolled = first.split('\n').find((l) => l.includes('Net balance at 2025-06-30, rolled forward'))!;
    const balances = first.split('\n').find((l) => l.includes('Net balance at 2025-06-30, from the balances'))!;
    expect(rolled).toContain(dollars(n['ar_roll_forward/closing_computed/amount']!));
    expect(balances).toContain(dollars(n['ar_roll_forward/closing_computed/amount']!));
    expect(first.split('\n').find((l) => l.includes('Difference (ties to the cent)'))).toMatch(/\$0\.00\s*$/);
  });

  it('draws the charts with their labels: twelve-month trends, aging by payer, denials by category', () => {
    const kpis = pages.find((p) => p.includes('Twelve-month trends'))!;
    expect(kpis).toBeDefined();
    for (const title of ['Days in A/R', 'Net collection rate', 'Initial denial rate', 'Collections']) expect(kpis).toContain(`${title}, Jul 2024 – Jun 2025`);
    // each trend's latest point is labelled with the month's own number
    expect(kpis).toContain(days(run.numbers['summary/days_in_ar/month']!));
    const aging = pages.find((p) => p.includes('A/R aging by payer'))!;
    for (const bucket of ['0–30 days', '31–60 days', '181+ days']) expect(aging).toContain(bucket);
    const payers = run.tables.find((t) => t.name === 'ar_aging_by_payer')!.rows.filter((r) => !r.total);
    for (const r of payers) expect(aging).toContain(dollars(run.numbers[`ar_aging_by_payer/${r.cells.payer}/total`]!));
    const denials = pages.find((p) => p.includes('Denials by category'))!;
    expect(denials).toMatch(/\d+ claims? · \$[\d,]+\.\d\d/);
  });

  it('shows what became of the month’s denials and its rejections by reason, as the workbook holds them', () => {
    const page = pages.find((p) => p.includes('What became of the denials'))!;
    expect(page).toBeDefined();
    expect(page).toContain('Rejections by reason');
    const total = page.split('\n').find((l) => l.trimStart().startsWith('All denials'))!;
    expect(total).toContain(dollars(run.numbers['denial_outcomes/TOTAL/open_balance']!));
    expect(total).toContain(dollars(run.numbers['denial_outcomes/TOTAL/denial_write_offs']!));
    expect(Number(run.numbers['denial_outcomes/TOTAL/open_at_month_end'])).toBeGreaterThan(0);
    const reasons = run.tables.find((t) => t.name === 'rejections_by_reason')!.rows.filter((r) => !r.total);
    for (const r of reasons.slice(0, 12)) expect(page).toContain(String(r.cells.reason));
  });

  it('heads every page with the practice, month and close date, and foots it with the PHI line and page x of y', () => {
    pages.forEach((page, i) => {
      expect(page).toContain(`Monthly close Jun 2025 · close date ${run.closeDate}`);
      expect(page).toContain('Every practice');
      expect(page).toContain('contains protected health information (PHI)');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('records the PDF in the run with its checksum', async () => {
    const sha = createHash('sha256').update(readFileSync(pdf)).digest('hex');
    expect(run.checksums[pdf]).toBe(sha);
    const [recorded] = await listRuns(w, { limit: 1 });
    expect(recorded.formats).toEqual(['xlsx', 'pdf']);
  });

  it('is refused before anything is computed when Chromium is not there', async () => {
    const before = process.env.RCM_CHROMIUM;
    process.env.RCM_CHROMIUM = join(dir, 'no-chromium');
    try {
      const out = join(dir, 'refused');
      const attempt = runMonthlyPackage(w, { month: MONTH, formats: ['pdf'], outDir: out, user });
      await expect(attempt).rejects.toThrow(ReportRequestError);
      await expect(attempt).rejects.toThrow(/apt-get install chromium/);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.RCM_CHROMIUM;
      else process.env.RCM_CHROMIUM = before;
    }
  });
});
