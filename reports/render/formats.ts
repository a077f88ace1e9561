// The formats a package can be written in: each is a writer of the package's content (its about lines and
// tables) into the run's folder, returning the files it wrote. A format not written yet says so instead;
// the PDF's writer takes its place here when it exists.
import { join } from 'node:path';
import type { ReportTable } from '../table.ts';
import { writeCsv } from './csv.ts';
import { PDF_NOT_YET } from './pdf.ts';
import { writeWorkbook } from './xlsx.ts';

export interface PackageContent {
  title: string;
  /** Label and value lines saying what the package is (month, practice, close date, run). */
  about: [string, string][];
  /** The summary first, then the other tables in order. */
  tables: ReportTable[];
  generatedAt: Date;
  /** Every file's name starts with it. */
  baseName: string;
}

export interface WrittenFile {
  /** The table (one file per table) or 'package' (one file for all). */
  name: string;
  path: string;
}

export type PackageWriter = (content: PackageContent, dir: string) => Promise<WrittenFile[]>;

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['xlsx', 'csv'];

export const WRITERS: Record<ReportFormat, PackageWriter | { notYet: string }> = {
  xlsx: async (content, dir) => {
    const path = join(dir, `${content.baseName}.xlsx`);
    const [summary, ...sheets] = content.tables;
    await writeWorkbook({ title: content.title, about: content.about, summary, sheets, generatedAt: content.generatedAt }, path);
    return [{ name: 'package', path }];
  },
  csv: async (content, dir) =>
    content.tables.map((table) => {
      const path = join(dir, `${content.baseName}-${table.name}.csv`);
      writeCsv(table, path);
      return { name: table.name, path };
    }),
  pdf: { notYet: PDF_NOT_YET },
};
