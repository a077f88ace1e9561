// One run of the monthly close package: picks the close date, computes the tables over the warehouse as it
// stood then (a snapshot of the files loaded by the close date), checks the roll-forward, sets the post-close
// activity apart, writes the formats asked for into a folder of the run's own, and records the run (who,
// when, parameters, each file's SHA-256, the numbers and their SHA-256). The CLI and the server call this.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { modelsUpToDate } from '../../warehouse/build.ts';
import { isIsoDate } from '../../kernel/dates.ts';
import { kpiTrends } from '../charts/kpi-trends.ts';
import { DEFAULT_FORMATS, REPORT_FORMATS, WRITERS, formatUnavailable, type PackageContent, type ReportFormat } from '../render/formats.ts';
import { numbersSha256 } from '../runs/run-store.ts';
import { nextRunId, recordRun, timestampText, type RunFile, type RunRecord } from '../../warehouse/queries/report-runs.ts';
import { numbersOf, type ReportTable } from '../table.ts';
import { openSnapshot, type WarehouseSnapshot } from './close-snapshot.ts';
import { anyLoadedAfter, billingProviderNames, buildProvenance, builtAfterLastLoad, firstLoadDate, hasTable, practicesWithFiles } from '../../warehouse/queries/monthly-package.ts';
import { PackageContext } from './context.ts';
import { computeMonthlyTables } from './package.ts';
import { DEFAULT_CLOSE_DAYS, defaultCloseDate, isMonth, monthPeriod } from './period.ts';
import { postCloseTables, type LateFile } from './post-close.ts';
import type { RollForward } from './roll-forward.ts';

export { DEFAULT_FORMATS, REPORT_FORMATS, type ReportFormat };

/** A request the package cannot be made for (a bad month, date, practice or format): the caller's mistake. */
export class ReportRequestError extends Error {}

export interface MonthlyPackageRequest {
  /** YYYY-MM */
  month: string;
  /** Billing NPIs in scope; undefined: every practice (an admin's package). */
  practices?: readonly string[];
  /** Default xlsx and csv; 'pdf' needs Chromium (refused up front when it is missing). */
  formats?: readonly ReportFormat[];
  /** The run's folder is made inside it. */
  outDir: string;
  /** Files loaded on or before this day count (default: month end + 10 days, see resolveCloseDate). */
  closeDate?: string;
  /** Who runs it: a signed-in user (the server's User fits) or the CLI's system user. */
  user: { username: string; userId?: bigint | null };
  /** The clock (tests pin it). */
  now?: Date;
}

export interface MonthlyPackageRun {
  runId: bigint;
  month: string;
  /** The month end: events dated on or before it. */
  asOf: string;
  closeDate: string;
  closeRule: string;
  /** The close date is today or later: files loaded by its end would still count. */
  provisional: boolean;
  practices: string[] | null;
  /** The run's folder. */
  dir: string;
  files: RunFile[];
  /** path → SHA-256 of each file written. */
  checksums: Record<string, string>;
  numbersSha256: string;
  /** The closed numbers, table/row/column → exact text (money 1234.50). */
  numbers: Record<string, string | null>;
  postClose: { files: LateFile[]; numbers: Record<string, string | null> };
  filesCounted: number;
  rollForward: RollForward;
  /** Every table (closed and post-close), for another renderer or an API answer. */
  tables: ReportTable[];
}

const NPI = /^\d{10}$/;

function check(request: MonthlyPackageRequest): { formats: ReportFormat[]; practices: string[] | undefined } {
  if (!isMonth(request.month)) throw new ReportRequestError(`the month must look like 2025-06, not "${request.month}"`);
  const formats = [...new Set(request.formats ?? DEFAULT_FORMATS)];
  if (formats.length === 0) throw new ReportRequestError(`name at least one format: ${REPORT_FORMATS.join(', ')}`);
  for (const f of formats) {
    if (!REPORT_FORMATS.includes(f)) throw new ReportRequestError(`no format "${f}"; the formats are ${REPORT_FORMATS.join(', ')}`);
    const unavailable = formatUnavailable(f);
    if (unavailable) throw new ReportRequestError(unavailable);
  }
  const practices = request.practices === undefined ? undefined : [...new Set(request.practices)].sort();
  for (const p of practices ?? []) if (!NPI.test(p)) throw new ReportRequestError(`"${p}" is not a billing NPI (10 digits)`);
  if (practices?.length === 0) throw new ReportRequestError('no practice to report on');
  if (request.closeDate !== undefined) {
    if (!isIsoDate(request.closeDate)) throw new ReportRequestError(`the close date must be a date like 2025-07-10, not "${request.closeDate}"`);
    const end = monthPeriod(request.month).to;
    if (request.closeDate < end) throw new ReportRequestError(`the close date ${request.closeDate} is before the month ends (${end})`);
  }
  return { formats, practices };
}

/**
 * The close date and why: the one given; else the month end + 10 days; but when nothing of the practices
 * had been loaded by then (their history was loaded in bulk later, as the demo's is), the day of their
 * first load, the earliest day this warehouse could have closed the month.
 */
export async function resolveCloseDate(live: Warehouse, month: string, practices: readonly string[] | undefined, given?: string): Promise<{ closeDate: string; rule: string }> {
  if (given !== undefined) return { closeDate: given, rule: 'given' };
  const standard = defaultCloseDate(month);
  const first = await firstLoadDate(live, practices === undefined || !(await hasTable(live, 'mart_file_practice')) ? undefined : practices);
  if (first !== null && first > standard) {
    return { closeDate: first, rule: `the first load: nothing${practices ? ' of the practice' : ''} was loaded by ${standard} (month end + ${DEFAULT_CLOSE_DAYS} days)` };
  }
  return { closeDate: standard, rule: `month end + ${DEFAULT_CLOSE_DAYS} days` };
}

/** Every practice asked for has files in the warehouse (when the marts say which files are whose). */
async function checkPractices(live: Warehouse, practices: readonly string[] | undefined): Promise<void> {
  if (practices === undefined || !(await hasTable(live, 'mart_file_practice'))) return;
  const known = await practicesWithFiles(live, practices);
  const missing = practices.filter((p) => !known.has(p));
  if (missing.length) throw new ReportRequestError(`the warehouse holds nothing of practice ${missing.join(', ')} (billing NPI)`);
}

/** Whether the live marts were built by these models after the last file was loaded. */
async function liveIsCurrent(live: Warehouse): Promise<boolean> {
  if (!(await hasTable(live, 'mart_claim')) || !(await modelsUpToDate(live))) return false;
  return builtAfterLastLoad(live);
}

function localDate(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function record(numbers: ReturnType<typeof numbersOf>, section: 'closed' | 'post_close'): Record<string, string | null> {
  return Object.fromEntries([...numbers].filter(([, n]) => n.section === section).map(([k, n]) => [k, n.value]));
}

/**
 * Makes the package and records the run. It works on a connection of its own to the warehouse (a server's
 * other requests go on meanwhile), reads the live marts only for the post-close comparison, and writes
 * only report_run*.
 */
export async function runMonthlyPackage(warehouse: Warehouse, request: MonthlyPackageRequest): Promise<MonthlyPackageRun> {
  const live = await warehouse.connect();
  try {
    return await makePackage(live, request);
  } finally {
    live.close();
  }
}

async function makePackage(live: Warehouse, request: MonthlyPackageRequest): Promise<MonthlyPackageRun> {
  const { formats, practices } = check(request);
  const now = request.now ?? new Date();
  const began = performance.now();
  const finished = () => timestampText(new Date(now.getTime() + Math.round(performance.now() - began)));
  const period = monthPeriod(request.month);
  await checkPractices(live, practices);
  const { closeDate, rule } = await resolveCloseDate(live, request.month, practices, request.closeDate);
  const runId = await nextRunId(live);
  const practiceLabel = practices ? practices.join('+') : 'all-practices';
  const base = `monthly-close-${request.month}-${practiceLabel}`;
  const dir = resolve(join(request.outDir, `${base}-run${runId}`));
  const provisional = closeDate >= localDate(now);
  const run: RunRecord = {
    runId, report: 'monthly', month: request.month, practices: practices ?? null, asOf: period.to, closeDate, closeRule: rule, formats, outDir: dir,
    username: request.user.username, userId: request.user.userId ?? null, startedAt: timestampText(now), finishedAt: null, status: 'failed', error: null,
    parameters: {}, numbersSha256: null,
  };
  const snapshots: WarehouseSnapshot[] = [];
  try {
    const closed = await openSnapshot(live, closeDate);
    snapshots.push(closed);
    if (closed.files === 0) throw new ReportRequestError(`no file had been loaded by the close date ${closeDate}: there is nothing to close (rcm batches lists the loads)`);
    const { tables, rollForward, kpis } = await computeMonthlyTables(closed.warehouse, request.month, practices);

    // what came after the close: the warehouse as it is now (the live marts when they are current)
    const anyLate = await anyLoadedAfter(live, closeDate);
    let nowSource: 'none' | 'live' | 'snapshot' = 'none';
    let nowWarehouse: Warehouse | null = null;
    if (anyLate) {
      if (await liveIsCurrent(live)) {
        nowWarehouse = live;
        nowSource = 'live';
      } else {
        const all = await openSnapshot(live, null);
        snapshots.push(all);
        nowWarehouse = all.warehouse;
        nowSource = 'snapshot';
      }
    }
    const nowCtx = nowWarehouse ? new PackageContext(nowWarehouse, period, practices) : null;
    const { files: lateFiles, tables: post } = await postCloseTables(nowCtx, period, kpis, closeDate);
    const all = [...tables, ...post];
    const numbers = numbersOf(all);
    const numbersHash = numbersSha256(numbers);
    const { modelsHash, reference } = await buildProvenance(closed.warehouse);
    run.parameters = {
      files_counted: closed.files, late_files: lateFiles.length, models_hash: modelsHash,
      reference: Object.fromEntries(reference.map((r) => [r.name, r.sha256])), post_close_from: nowSource, provisional,
    };

    mkdirSync(dir, { recursive: true });
    const files: RunFile[] = [];
    const content: PackageContent = {
      title: `Monthly close package, ${request.month}`, about: about(run, closed.files, lateFiles.length, rollForward, numbersHash), tables: all, generatedAt: now, baseName: base,
      header: { practice: await practiceLabelOf(closed.warehouse, practices), month: request.month, closeDate },
      // the PDF's trend charts: the same registry metrics over the same close snapshot as the summary
      trends: formats.includes('pdf') ? await kpiTrends(new PackageContext(closed.warehouse, period, practices), request.month) : undefined,
    };
    for (const format of formats) {
      for (const f of await WRITERS[format](content, dir)) files.push({ format, name: f.name, path: f.path, bytes: statSync(f.path).size, sha256: sha256(f.path) });
    }
    run.status = 'complete';
    run.numbersSha256 = numbersHash;
    run.finishedAt = finished();
    await recordRun(live, run, files, numbers);
    return {
      runId, month: request.month, asOf: period.to, closeDate, closeRule: rule, provisional, practices: practices ?? null, dir, files,
      checksums: Object.fromEntries(files.map((f) => [f.path, f.sha256])), numbersSha256: numbersHash,
      numbers: record(numbers, 'closed'), postClose: { files: lateFiles, numbers: record(numbers, 'post_close') },
      filesCounted: closed.files, rollForward, tables: all,
    };
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
    run.finishedAt = finished();
    await recordRun(live, run, [], new Map()).catch(() => undefined);
    throw error;
  } finally {
    for (const s of snapshots) s.close();
  }
}

/** The practices as a reader knows them: the billing provider's name from the claims, with its NPI. */
async function practiceLabelOf(w: Warehouse, practices: readonly string[] | undefined): Promise<string> {
  if (practices === undefined) return 'Every practice';
  const rows = await billingProviderNames(w, practices);
  const names = new Map(rows.map((r) => [r.npi, r.name]));
  return practices.map((p) => (names.get(p) ? `${names.get(p)} (NPI ${p})` : `Practice NPI ${p}`)).join(', ');
}

function about(run: RunRecord, counted: number, late: number, rf: RollForward, numbersHash: string): [string, string][] {
  const provisional = run.parameters.provisional === true;
  return [
    ['Practice', run.practices ? run.practices.join(', ') : 'every practice'],
    ['Month', `${run.month} (events dated ${monthPeriod(run.month).from} – ${run.asOf})`],
    ['Close date', `${run.closeDate} (${run.closeRule}): files loaded on or before it count`],
    ['Files counted', `${counted}${provisional ? '; provisional: the close date has not passed, files loaded by its end still count' : ''}`],
    ['Post-close activity', late ? `${late} file(s) loaded after the close date carry events dated in the month: shown apart (sheets Post-close), not in these numbers` : 'none: no file loaded after the close date carries an event dated in the month'],
    ['A/R roll-forward', rf.ties ? 'ties to the cent (sheet A-R roll-forward)' : 'DOES NOT TIE'],
    ['Run', `${run.runId}, by ${run.username}, ${run.startedAt} UTC`],
    ['Numbers SHA-256', numbersHash],
  ];
}
