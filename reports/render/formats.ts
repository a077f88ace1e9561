// The formats a package can be written in: each is a writer of the package's content (its about lines and
// tables) into the run's folder, returning the files it wrote. A format that needs something the machine
// may lack (the PDF: Chromium) says so before anything is computed. The workbook and PDF writers are loaded
// when a package asks for them: exceljs, jsdom, Plot and playwright-core took about three of the five
// seconds every `rcm` command spent starting.
import { join } from 'node:path';
import type { KpiTrend } from '../charts/kpi-trends.ts';
import type { ReportTable } from '../table.ts';
import { writeCsv } from './csv.ts';
import { REPORT_FORMATS } from '../../kernel/api/reports.ts';
import { pdfEngineMissing } from './pdf-browser.ts';

export interface PackageContent {
  title: string;
  /** Label and value lines saying what the package is (month, practice, close date, run). */
  about: [string, string][];
  /** The summary first, then the other tables in order. */
  tables: ReportTable[];
  generatedAt: Date;
  /** Every file's name starts with it. */
  baseName: string;
  /** What each page of the PDF is headed with. */
  header: { practice: string; month: string; closeDate: string };
  /** The headline KPIs over the twelve months ending at the month, for the PDF's trend charts (computed only when the PDF is asked for). */
  trends?: KpiTrend[];
}

export interface WrittenFile {
  /** The table (one file per table) or 'package' (one file for all). */
  name: string;
  path: string;
}

export type PackageWriter = (content: PackageContent, dir: string) => Promise<WrittenFile[]>;

// the formats are the API's vocabulary (kernel/api/reports.ts): one list for the writers, the routes and the pages
export { REPORT_FORMATS };
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['xlsx', 'csv'];

/** Why a format cannot be written on this machine (null: it can). */
export function formatUnavailable(format: ReportFormat): string | null {
  return format === 'pdf' ? pdfEngineMissing() : null;
}

export const WRITERS: Record<ReportFormat, PackageWriter> = {
  xlsx: async (content, dir) => {
    const path = join(dir, `${content.baseName}.xlsx`);
    const [summary, ...sheets] = content.tables;
    const { writeWorkbook } = await import('./xlsx.ts');
    await writeWorkbook({ title: content.title, about: content.about, summary, sheets, generatedAt: content.generatedAt }, path);
    return [{ name: 'package', path }];
  },
  csv: async (content, dir) =>
    content.tables.map((table) => {
      const path = join(dir, `${content.baseName}-${table.name}.csv`);
      writeCsv(table, path);
      return { name: table.name, path };
    }),
  pdf: async (content, dir) => {
    const path = join(dir, `${content.baseName}.pdf`);
    const { writePdf } = await import('./pdf.ts');
    await writePdf(content, path);
    return [{ name: 'package', path }];
  },
};
