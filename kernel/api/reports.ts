// The monthly close package made by the server (POST /api/reports/monthly), its runs and their files.
import { z } from 'zod';
import { IsoDate, Npi } from './common.ts';

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);

/** A file's name as the package writes them: letters, digits, '.', '_', '+' and '-', never a path. */
export const REPORT_FILE_NAME = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const MonthlyPackageRequest = z.object({
  month: z.string().regex(MONTH, 'a month like 2025-06').describe('the month to close, e.g. 2025-06'),
  practice: z.string().regex(/^\d{10}$/, 'a billing NPI (10 digits)').optional().describe('only this practice (billing NPI); default: every practice the user may see'),
  formats: z.array(ReportFormat).min(1).max(REPORT_FORMATS.length).optional().describe('default xlsx and csv; pdf needs Chromium on the server (400 naming what is missing otherwise)'),
  closeDate: IsoDate.optional().describe('count the files loaded on or before this day (default: the month end + 10 days, or the first load when it came later)'),
}).strict().meta({ id: 'MonthlyPackageRequest' });
export type MonthlyPackageRequest = z.infer<typeof MonthlyPackageRequest>;

export const ReportFile = z.object({
  name: z.string().regex(REPORT_FILE_NAME).describe('the file name, unique in the run'),
  format: ReportFormat,
  table: z.string().describe('the table a CSV holds; "package" for the workbook or PDF of every table'),
  bytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  url: z.string().describe('where to download it (GET)'),
}).meta({ id: 'ReportFile' });
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportRun = z.object({
  run_id: z.number().int(), report: z.enum(['monthly']), month: z.string().describe('YYYY-MM'),
  practices: z.array(Npi).nullable().describe('billing NPIs; null: every practice'),
  as_of: IsoDate.describe('the month end: events dated on or before it'), close_date: IsoDate.describe('files loaded on or before it count'), close_rule: z.string().describe('why this close date'),
  provisional: z.boolean().nullable().describe('the close date had not passed when the run was made; null for a failed run'),
  files_counted: z.number().int().nullable().describe('files loaded by the close date'),
  late_files: z.number().int().nullable().describe('files loaded after it carrying events of the month (post-close activity)'),
  formats: z.array(z.string()), username: z.string().describe('who made it'), started_at: z.string().describe('UTC'), finished_at: z.string().nullable().describe('UTC'),
  status: z.enum(['complete', 'failed']), error: z.string().nullable().describe('why a failed run failed'),
  numbers_sha256: z.string().nullable().describe('SHA-256 of the closed numbers (rcm report diff compares runs)'),
  files: z.array(ReportFile),
}).meta({ id: 'ReportRun' });
export type ReportRun = z.infer<typeof ReportRun>;

export const ReportRuns = z.object({ runs: z.array(ReportRun).describe('newest first') }).meta({ id: 'ReportRuns' });
export type ReportRuns = z.infer<typeof ReportRuns>;
