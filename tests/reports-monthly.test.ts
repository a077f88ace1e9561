// The monthly close package over a demo practice whose files are loaded as a practice would have loaded them
// (each file the day after its date), with three June remittances held back and loaded much later: the
// workbook's cells against the registry (computeMetric) and truth.json, the CSV files against the workbook,
// the roll-forward for every month, a re-run after the late files (same numbers, the late files as
// post-close activity), a close date that takes them in, `report diff` between runs, and the CLI verbs (in this
// process; `rcm report monthly` as a process: tests/reports-monthly-cli.test.ts).
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import type { Truth } from '../demo/truth/truth-types.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { BUCKETS } from '../warehouse/metrics/ar.ts';
import { bucketColumn } from '../reports/monthly/aging.ts';
import { PackageContext } from '../reports/monthly/context.ts';
import { monthPeriod } from '../reports/monthly/period.ts';
import { rollForward } from '../reports/monthly/roll-forward.ts';
import { KPIS } from '../reports/monthly/summary.ts';
import { runMonthlyPackage, type MonthlyPackageRun } from '../reports/monthly/run.ts';
import { diffRuns } from '../reports/runs/run-store.ts';
import { TABLE_HEADER_ROW } from '../reports/render/xlsx.ts';
import type { ReportTable } from '../reports/table.ts';
import { rcmHere as cli } from './support/cli-here.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const MONTH = '2025-06';
const END = '2025-06-30';
const cents = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));
const user = { username: 'test' };

/** Each loaded file as loaded the day after the date its name carries (a monthly export: the day after the month); a file
 *  whose name carries no date (the payer profile) with the first of them. */
async function loadedLikeAPractice(w: Warehouse): Promise<void> {
  const dated = "regexp_matches(regexp_extract(file_name, '[^/]+$'), '\\d{4}-\\d{2}')";
  await w.run(`UPDATE ingest_file SET loaded_at = CASE
      WHEN regexp_matches(regexp_extract(file_name, '[^/]+$'), '\\d{4}-\\d{2}-\\d{2}')
        THEN CAST(regexp_extract(regexp_extract(file_name, '[^/]+$'), '(\\d{4}-\\d{2}-\\d{2})', 1) AS DATE) + INTERVAL 30 HOUR
      ELSE last_day(CAST(regexp_extract(file_name, '(\\d{4}-\\d{2})\\.csv$', 1) || '-01' AS DATE)) + INTERVAL 30 HOUR END
    WHERE ${dated}`);
  await w.run(`UPDATE ingest_file SET loaded_at = (SELECT min(loaded_at) FROM ingest_file WHERE ${dated}) WHERE NOT ${dated}`);
}

/** A cell as the workbook holds it (a formula: its stored result; exceljs reads a stored 0 as no result). */
function cellValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'formula' in v) return (v as { result?: unknown }).result ?? 0;
  return v;
}

interface SheetRows { header: string[]; rows: Map<string, unknown[]> }

/** A row's key: its key columns' values joined (as the package's numbers are keyed). */
const keyOf = (table: ReportTable, values: unknown[]) => table.keyColumns.map((k) => String(values[table.columns.findIndex((c) => c.key === k)] ?? '')).join('|');

/** A table's sheet: its header labels and its rows by their key. */
function sheetRows(book: ExcelJS.Workbook, table: ReportTable, headerRow = TABLE_HEADER_ROW): SheetRows {
  const sheet = book.getWorksheet(table.title)!;
  expect(sheet, table.title).toBeDefined();
  const header = table.columns.map((_, i) => String(sheet.getCell(headerRow, i + 1).value));
  const rows = new Map<string, unknown[]>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const values = table.columns.map((_, i) => cellValue(sheet.getCell(r, i + 1)));
    if (values[0] !== null) rows.set(keyOf(table, values), values);
  }
  return { header, rows };
}

/** The value in a sheet's row (by its key) and column (by its machine name). */
function at(book: ExcelJS.Workbook, run: MonthlyPackageRun, tableName: string, row: string, column: string, headerRow?: number): unknown {
  const table = run.tables.find((t) => t.name === tableName)!;
  const { rows } = sheetRows(book, table, headerRow ?? (tableName === 'summary' ? summaryHeaderRow(book) : TABLE_HEADER_ROW));
  const values = rows.get(row);
  expect(values, `${tableName} row ${row}`).toBeDefined();
  return values![table.columns.findIndex((c) => c.key === column)];
}

function summaryHeaderRow(book: ExcelJS.Workbook): number {
  const sheet = book.getWorksheet('Summary')!;
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === 'KPI') return r;
  throw new Error('no KPI header on the summary sheet');
}

async function workbook(run: MonthlyPackageRun): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(run.files.find((f) => f.format === 'xlsx')!.path);
  return book;
}

/** Runs `f` with RCM_CHROMIUM naming no executable: what a machine without Chromium answers to a PDF. */
async function withoutChromium<T>(f: () => Promise<T>): Promise<T> {
  const before = process.env.RCM_CHROMIUM;
  process.env.RCM_CHROMIUM = '/nonexistent/chromium';
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.RCM_CHROMIUM;
    else process.env.RCM_CHROMIUM = before;
  }
}

describe('the monthly close package', () => {
  const dir = tempDir('rcm-reports-');
  const files = join(dir, 'files');
  const late = join(dir, 'late');
  let truth: Truth;
  let w: Warehouse;
  let first: MonthlyPackageRun;
  let lateNames: string[];

  beforeAll(async () => {
    await writeDataset({ seed: 7, claims: 1200, months: 8, start: '2025-01-01', out: files });
    truth = JSON.parse(readFileSync(join(files, 'truth.json'), 'utf8')) as Truth;
    // the last June remittances reach the practice long after the June close
    mkdirSync(late);
    lateNames = readdirSync(join(files, FOLDERS['835'])).filter((f) => /^era-2025-06-(2[4-9]|30)-/.test(f));
    expect(lateNames.length).toBeGreaterThanOrEqual(3);
    for (const f of lateNames) renameSync(join(files, FOLDERS['835'], f), join(late, f));
    w = await tempWarehouse(dir);
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(files, f)));
    await loadedLikeAPractice(w);
    await buildModels(w);
    first = await runMonthlyPackage(w, { month: MONTH, outDir: join(dir, 'out'), user });
  }, 120_000);

  it('closes the month at the month end + 10 days, and its numbers are the registry’s over the files loaded by then', async () => {
    expect([first.closeDate, first.closeRule, first.provisional]).toEqual(['2025-07-10', 'month end + 10 days', false]);
    expect(first.rollForward.ties).toBe(true);
    for (const f of first.postClose.files) expect(f.loadedAt > '2025-07-11', f.fileName).toBe(true);
    // nothing loaded after 2025-07-10 carries an event of June or before: the closed package is the warehouse as of June 30
    const book = await workbook(first);
    const ar = await computeMetric(w, metric('ar_total')!, { asOf: END });
    expect(at(book, first, 'summary', 'ar_total', 'month')).toBe(ar.numerator);
    const claims = await computeMetric(w, metric('initial_denial_rate')!, { asOf: END, from: '2025-06-01', to: END });
    expect(at(book, first, 'denials_by_payer', 'TOTAL', 'claims_adjudicated')).toBe(claims.denominator);
  });

  describe('with the late remittances loaded', () => {
    let stale: MonthlyPackageRun;
    let again: MonthlyPackageRun;
    let all: MonthlyPackageRun;
    let book: ExcelJS.Workbook;

    beforeAll(async () => {
      await ingestFiles(w, lateNames.map((f) => join(late, f)));
      // before the models are rebuilt the package reads what came late from a snapshot of every file
      stale = await runMonthlyPackage(w, { month: MONTH, outDir: join(dir, 'out'), user });
      await buildModels(w);
      again = await runMonthlyPackage(w, { month: MONTH, outDir: join(dir, 'out'), user });
      const today = (await w.one<{ d: string }>("SELECT strftime(max(loaded_at), '%Y-%m-%d') AS d FROM ingest_file"))!.d;
      all = await runMonthlyPackage(w, { month: MONTH, outDir: join(dir, 'out'), user, closeDate: today });
      book = await workbook(all);
    }, 120_000);

    it('gives the same numbers when run again, and shows the late files as post-close activity', async () => {
      expect(again.numbers).toEqual(first.numbers);
      expect(again.numbersSha256).toBe(first.numbersSha256);
      expect([stale.numbersSha256, stale.postClose]).toEqual([first.numbersSha256, again.postClose]);
      const from = async (run: MonthlyPackageRun) => JSON.parse((await w.one<{ p: string }>('SELECT parameters AS p FROM report_run WHERE run_id = $1', [run.runId]))!.p).post_close_from;
      expect([await from(stale), await from(again)]).toEqual(['snapshot', 'live']);
      const late = again.postClose.files.map((f) => basename(f.fileName));
      expect(late).toEqual(expect.arrayContaining(lateNames));
      expect(late.filter((f) => !lateNames.includes(f)).filter((f) => !f.endsWith('.837'))).toEqual([]);
      // the late remittances' balance changes in June are what the close left out of June's closing balance
      const activity = again.tables.find((t) => t.name === 'post_close_activity')!;
      const moved = activity.rows.filter((r) => lateNames.includes(basename(String(r.cells.file)))).reduce((s, r) => s + (r.cells.balance_change as number), 0);
      const closing = (run: MonthlyPackageRun) => cents(Number(run.numbers['ar_roll_forward/closing_balance/amount']))!;
      expect(moved).toBeLessThan(0);
      expect(closing(all) - closing(first)).toBe(moved);
      // and the restated KPIs put the closed numbers beside those with everything loaded
      const restated = again.tables.find((t) => t.name === 'post_close_restated')!;
      const collections = restated.rows.find((r) => r.cells.kpi === 'collections')!.cells;
      const total = (run: MonthlyPackageRun) => cents(Number(run.numbers['collections_by_payer/TOTAL/total']));
      expect([collections.closed, collections.with_late_files]).toEqual([total(first), total(all)]);
      expect(total(all)).toBeGreaterThan(total(first)!);
      // a closed sheet never holds the late money
      const workbookAgain = await workbook(again);
      expect(at(workbookAgain, again, 'collections_by_payer', 'TOTAL', 'total')).toBe(Number(first.numbers['collections_by_payer/TOTAL/total']));
    });

    it('lists exactly the changed numbers between two runs', async () => {
      const same = await diffRuns(w, first.runId, again.runId);
      expect(same.sameNumbers).toBe(true);
      expect(same.changed.filter((c) => c.section === 'closed')).toEqual([]);
      expect(same.changed.filter((c) => c.section === 'post_close').length).toBeGreaterThan(0);

      const diff = await diffRuns(w, first.runId, all.runId);
      const expected = Object.keys({ ...first.numbers, ...all.numbers }).filter((k) => first.numbers[k] !== all.numbers[k]).sort();
      expect(expected.length).toBeGreaterThan(10);
      const closed = diff.changed.filter((c) => c.section === 'closed');
      expect(closed.map((c) => c.key)).toEqual(expected);
      for (const c of closed) expect([c.a, c.b], c.key).toEqual([first.numbers[c.key], all.numbers[c.key]]);
      const both = new Set([...Object.keys(first.numbers), ...Object.keys(all.numbers), ...Object.keys(first.postClose.numbers), ...Object.keys(all.postClose.numbers)]);
      expect(diff.unchanged + diff.changed.length).toBe(both.size);
      expect(diff.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['close_date', 'files_counted']));
    });

    it('writes the registry’s numbers into the workbook (everything loaded)', async () => {
      const period = { asOf: END, from: '2025-06-01', to: END };
      const get = (id: string, asOf: string, window: { from: string; to: string } | undefined, by?: Dimension, payer?: string): Promise<MetricResult> =>
        computeMetric(w, metric(id)!, { asOf, from: window?.from, to: window?.to, by: by ? [by] : undefined, filters: { payer } });
      // summary: every KPI, this month and the month before
      for (const kpi of KPIS) {
        for (const [column, month] of [['month', MONTH], ['prior_month', '2025-05']] as const) {
          const p = monthPeriod(month);
          const r = await get(kpi.metric, p.to, kpi.snapshot ? undefined : p, kpi.by);
          const v = kpi.pick(r);
          expect(at(book, all, 'summary', kpi.key, column), `${kpi.key} ${month}`).toBe(v === null ? null : v);
        }
      }
      // aging: each payer's buckets
      const payers = (await get('ar_over_90_pct', END, undefined, 'payer')).breakdown!.map((b) => b.key!);
      for (const payer of payers) {
        const aging = await get('ar_aging', END, undefined, undefined, payer);
        for (const [bucket] of BUCKETS) expect(at(book, all, 'ar_aging_by_payer', payer, bucketColumn(bucket)) ?? 0, `${payer} ${bucket}`).toBe(aging.breakdown!.find((b) => b.key === bucket)?.numerator ?? 0);
        expect(at(book, all, 'ar_aging_by_payer', payer, 'total')).toBe(aging.denominator);
      }
      // collections by payer, kind by kind
      for (const b of (await get('collections', END, period, 'payer')).breakdown!) {
        expect(at(book, all, 'collections_by_payer', b.key!, 'total'), b.key!).toBe(b.numerator);
      }
      // denials and lags by payer
      const denied = await get('initial_denial_rate', END, period, 'payer');
      for (const b of denied.breakdown!) {
        expect([at(book, all, 'denials_by_payer', b.key!, 'claims_denied'), at(book, all, 'denials_by_payer', b.key!, 'claims_adjudicated'), at(book, all, 'denials_by_payer', b.key!, 'charges_denied')])
          .toEqual([b.numerator, b.denominator, b.dollars!.numerator]);
      }
      for (const b of (await get('payer_lag_days', END, period, 'payer')).breakdown!) {
        expect([at(book, all, 'payer_lags', b.key!, 'payer_lag_median'), at(book, all, 'payer_lags', b.key!, 'payer_lag_p90')]).toEqual([b.value, b.p90]);
      }
      // adjustments: the contractual CAS amounts of the month are the registry's contractual adjustments (mart_cash)
      const contractual = all.tables.find((t) => t.name === 'adjustments_by_group_and_reason')!.rows
        .filter((r) => r.cells.category === 'contractual' && r.cells.group !== 'PR').reduce((s, r) => s + (r.cells.amount as number), 0);
      const cash = await w.one<{ c: string }>(`SELECT sum(amount)::VARCHAR AS c FROM mart_cash WHERE kind = 'contractual' AND cash_date BETWEEN DATE '2025-06-01' AND DATE '${END}'`);
      expect(contractual).toBe(cents(Number(cash!.c)));
      // frozen headers and real formats
      const sheet = book.getWorksheet('A-R aging by payer')!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: TABLE_HEADER_ROW });
      expect(sheet.getCell(TABLE_HEADER_ROW + 1, 3).numFmt).toContain('$');
      expect(sheet.getCell(TABLE_HEADER_ROW + 1, 3 + BUCKETS.length + 1).numFmt).toBe('0.0%');
      expect(book.getWorksheet('Payer lags')!.getCell(TABLE_HEADER_ROW + 1, 4).numFmt).toContain('days');
    }, 60_000);

    it('matches truth.json for June: A/R, aging, roll-forward, collections, denials, lags', () => {
      const a = truth.asOf.find((x) => x.date === END)!;
      const t = a.windows.month;
      expect([t.from, t.to]).toEqual(['2025-06-01', END]);
      const m = truth.monthly.find((x) => x.month === MONTH)!;
      const n = (key: string) => all.numbers[key];
      const c = (key: string) => (n(key) === undefined || n(key) === null ? null : cents(Number(n(key))));
      expect(c('summary/ar_total/month')).toBe(a.ar.total);
      expect(c('summary/credit_balances/month')).toBe(a.ar.creditBalances.amount);
      for (const [bucket, b] of Object.entries(a.ar.agingByServiceDate.buckets)) expect(c(`ar_aging_by_payer/TOTAL/${bucketColumn(bucket)}`), bucket).toBe(b.amount);
      const minus = (key: string) => 0 - c(key)!;
      expect([c('ar_roll_forward/opening_ar/amount'), minus('ar_roll_forward/opening_credit_balances/amount'), c('ar_roll_forward/closing_ar/amount'), minus('ar_roll_forward/closing_credit_balances/amount')])
        .toEqual([m.rollForward.arStart, m.rollForward.creditBalancesStart, m.rollForward.arEnd, m.rollForward.creditBalancesEnd]);
      expect([c('ar_roll_forward/charges/amount'), minus('ar_roll_forward/insurance_paid/amount'), minus('ar_roll_forward/patient_payments/amount'), c('ar_roll_forward/refunds/amount')])
        .toEqual([m.rollForward.charges, m.rollForward.insurancePaid, m.rollForward.patientPayments, m.rollForward.refunds]);
      // payer adjustments and write-offs by adjustment class, each as the truth classes it
      const classes = ['contractual', 'policy', 'duplicate', 'denial', 'bad_debt', 'unclassified'] as const;
      expect(Object.fromEntries(classes.map((k) => [k, minus(`ar_roll_forward/${k}/amount`)]))).toEqual(m.rollForward.adjustmentsByClass);
      expect(classes.reduce((sum, k) => sum + m.rollForward.adjustmentsByClass[k], 0)).toBe(m.rollForward.payerAdjustments + m.rollForward.writeOffs);
      expect([c('collections_by_payer/TOTAL/insurance_paid'), c('collections_by_payer/TOTAL/patient_payment'), minus('collections_by_payer/TOTAL/refund'), c('collections_by_payer/TOTAL/plb_interest'), minus('collections_by_payer/TOTAL/plb_recoupment')])
        .toEqual([m.collections.insurancePayments, m.collections.patientPayments, m.collections.refunds, m.collections.plbInterest, m.collections.plbRecoupments]);
      for (const [payer, cash] of Object.entries(m.collections.byPayer)) expect(c(`collections_by_payer/${payer}/insurance_paid`) ?? 0, payer).toBe(cash.insurancePayments);
      expect([Number(n('denials_by_payer/TOTAL/claims_denied')), Number(n('denials_by_payer/TOTAL/claims_adjudicated')), c('denials_by_payer/TOTAL/charges_denied'), c('denials_by_payer/TOTAL/charges_adjudicated')])
        .toEqual([t.initialDenialRate.count.numerator, t.initialDenialRate.count.denominator, t.initialDenialRate.amount.numerator, t.initialDenialRate.amount.denominator]);
      for (const [category, r] of Object.entries(t.initialDenialRate.byCategory)) {
        if (r.count.numerator) expect([Number(n(`denials_by_category/${category}/claims_denied`)), c(`denials_by_category/${category}/charges_denied`)], category).toEqual([r.count.numerator, r.amount.numerator]);
      }
      expect(c('denials_by_payer/TOTAL/final_write_offs')).toBe(t.finalDenialRate.amount.numerator);
      expect(Math.abs(Number(n('payer_lags/TOTAL/payer_lag_median')) - t.payerLagDays.overall.median!)).toBeLessThanOrEqual(0.01);
      expect(Number(n('payer_lags/TOTAL/payer_lag_claims'))).toBe(t.payerLagDays.overall.n);
    });

    it('writes what became of June’s denials and its rejections by reason as the registry and truth.json have them, rows adding up', async () => {
      const period = { asOf: END, from: '2025-06-01', to: END };
      const get = (id: string, window: typeof period | undefined, by?: Dimension) => computeMetric(w, metric(id)!, { asOf: END, from: window?.from, to: window?.to, by: by ? [by] : undefined });
      const n = (key: string) => all.numbers[key];
      const num = (key: string) => (n(key) === null || n(key) === undefined ? null : Number(n(key)));
      const c = (key: string) => (n(key) === null || n(key) === undefined ? null : cents(Number(n(key))));
      const outcomes = all.tables.find((t) => t.name === 'denial_outcomes')!;
      const rate = await get('denial_overturn_rate', period, 'denial_category');
      const open = await get('open_denials', undefined, 'denial_category');
      const openDollars = await get('open_denial_dollars', undefined, 'denial_category');
      const writeOffs = await get('denial_write_offs', period, 'denial_category');
      const resolution = await get('days_to_resolution', period, 'denial_category');
      const row = (r: MetricResult, key: string) => (key === 'TOTAL' ? r : r.breakdown!.find((b) => b.key === key));
      const keys = outcomes.rows.map((r) => String(r.cells.category));
      expect(keys.at(-1)).toBe('TOTAL');
      expect(new Set(keys.slice(0, -1))).toEqual(new Set([rate, open, openDollars, writeOffs, resolution].flatMap((r) => r.breakdown!.map((b) => b.key!))));
      for (const key of keys) {
        const at = (column: string) => `denial_outcomes/${key}/${column}`;
        const resolved = row(rate, key)?.denominator ?? 0;
        expect([num(at('resolved')), num(at('overturned')), num(at('open_at_month_end')), c(at('open_balance')), c(at('denial_write_offs')), num(at('resolution_median'))], key)
          .toEqual([resolved, row(rate, key)?.numerator ?? 0, row(open, key)?.numerator ?? 0, cents(row(openDollars, key)?.numerator ?? 0), cents(row(writeOffs, key)?.value ?? 0), row(resolution, key)?.value ?? null]);
        // each row adds up: resolved = overturned + written off
        expect(num(at('overturned'))! + num(at('written_off'))!, key).toBe(num(at('resolved')));
      }
      // a claim denied for two categories is in both rows and once in the total
      const sum = (column: string) => keys.slice(0, -1).reduce((s, k) => s + num(`denial_outcomes/${k}/${column}`)!, 0);
      for (const column of ['resolved', 'overturned', 'written_off', 'open_at_month_end']) expect(sum(column), column).toBeGreaterThanOrEqual(num(`denial_outcomes/TOTAL/${column}`)!);
      expect(num('denial_outcomes/TOTAL/resolved')).toBeGreaterThan(0);

      // against the demo's truth for June, as of its last day
      const a = truth.asOf.find((x) => x.date === END)!;
      const t = a.windows.month;
      expect([num('denial_outcomes/TOTAL/overturned'), num('denial_outcomes/TOTAL/resolved')]).toEqual([t.denialOverturnRate.numerator, t.denialOverturnRate.denominator]);
      for (const [category, r] of Object.entries(t.denialOverturnRateByCategory)) expect([num(`denial_outcomes/${category}/overturned`), num(`denial_outcomes/${category}/resolved`)], category).toEqual([r.numerator, r.denominator]);
      expect([num('denial_outcomes/TOTAL/open_at_month_end'), c('denial_outcomes/TOTAL/open_balance')]).toEqual([a.openDenials.count, a.openDenials.amount]);
      for (const [category, r] of Object.entries(a.openDenials.byCategory)) expect([num(`denial_outcomes/${category}/open_at_month_end`), c(`denial_outcomes/${category}/open_balance`)], category).toEqual([r.count, r.amount]);
      expect(c('denial_outcomes/TOTAL/denial_write_offs')).toBe(t.finalDenialRate.amount.numerator);
      expect(Math.abs(num('denial_outcomes/TOTAL/resolution_median')! - t.daysToResolution.overall.median!)).toBeLessThanOrEqual(0.01);

      // the rejections by reason: the registry's, truth's, each reason's share of the rejections
      const rejections = all.tables.find((t) => t.name === 'rejections_by_reason')!;
      const byReason = await get('rejection_rate', period, 'rejection_reason');
      const rejected = await get('rejection_rate', period);
      const still = await get('still_rejected', undefined, 'rejection_reason');
      const reasons = rejections.rows.filter((r) => !r.total).map((r) => String(r.cells.reason));
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) {
        const at = (column: string) => `rejections_by_reason/${reason}/${column}`;
        const b = byReason.breakdown!.find((x) => x.key === reason);
        expect([num(at('rejected_submissions')), c(at('rejected_charges')), num(at('still_rejected'))], reason).toEqual([b?.numerator ?? 0, cents(b?.dollars?.numerator ?? 0), still.breakdown!.find((x) => x.key === reason)?.numerator ?? 0]);
        expect(num(at('rejected_submissions')), reason).toBe(t.rejectionRate.byReason[reason]?.count ?? 0);
        expect(rejections.rows.find((r) => r.cells.reason === reason)!.cells.meaning, reason).toEqual(expect.any(String));
      }
      expect([num('rejections_by_reason/TOTAL/rejected_submissions'), num('rejections_by_reason/TOTAL/rejection_rate')]).toEqual([rejected.numerator, rejected.value]);
      expect([num('rejections_by_reason/TOTAL/rejected_submissions'), num('rejections_by_reason/TOTAL/still_rejected'), c('rejections_by_reason/TOTAL/still_rejected_balance')])
        .toEqual([t.rejectionRate.count.numerator, a.stillRejected.count, a.stillRejected.amount]);
      const shares = reasons.reduce((s, r) => s + num(`rejections_by_reason/${r}/share_of_rejections`)!, 0);
      expect(shares).toBeGreaterThanOrEqual(0.999999);
      // the sheets are in the workbook, after the denials
      const names = all.tables.map((x) => x.name);
      expect(names.indexOf('denial_outcomes')).toBe(names.indexOf('denials_by_category') + 1);
      expect(sheetRows(book, outcomes).rows.get('TOTAL')![outcomes.columns.findIndex((x) => x.key === 'resolved')]).toBe(num('denial_outcomes/TOTAL/resolved'));
    }, 60_000);

    it('writes CSV files that say what the workbook says', async () => {
      for (const table of all.tables) {
        const file = all.files.find((f) => f.format === 'csv' && f.name === table.name)!;
        const [header, ...records] = parse(readFileSync(file.path, 'utf8')) as string[][];
        expect(header.slice(0, table.columns.length), table.name).toEqual(table.columns.map((c) => c.key));
        const { rows } = sheetRows(book, table, table.name === 'summary' ? summaryHeaderRow(book) : TABLE_HEADER_ROW);
        expect(records.length, table.name).toBe(rows.size);
        for (const record of records) {
          const cells = rows.get(keyOf(table, record))!;
          expect(cells, `${table.name} ${record[0]}`).toBeDefined();
          table.columns.forEach((column, i) => {
            const x = cells[i];
            const text = record[i];
            if (x === null || x === undefined) expect(text, `${table.name} ${record[0]} ${column.key}`).toBe('');
            else if (typeof x === 'number') expect(Number(text), `${table.name} ${record[0]} ${column.key}`).toBe(x);
            else expect(text, `${table.name} ${record[0]} ${column.key}`).toBe(String(x));
          });
        }
      }
    });

    it('records each run with who, when, the parameters and the SHA-256 of every file', async () => {
      const row = await w.one<{ username: string; status: string; close_date: string; numbers_sha256: string; files: bigint; numbers: bigint }>(
        `SELECT username, status, strftime(close_date, '%Y-%m-%d') AS close_date, numbers_sha256,
                (SELECT count(*) FROM report_run_file f WHERE f.run_id = r.run_id) AS files, (SELECT count(*) FROM report_run_number n WHERE n.run_id = r.run_id) AS numbers
         FROM report_run r WHERE run_id = $1`, [all.runId]);
      expect(row).toMatchObject({ username: 'test', status: 'complete', close_date: all.closeDate, numbers_sha256: all.numbersSha256 });
      expect(Number(row!.files)).toBe(all.files.length);
      expect(Number(row!.numbers)).toBe(Object.keys(all.numbers).length + Object.keys(all.postClose.numbers).length);
      const { createHash } = await import('node:crypto');
      for (const f of all.files) expect(createHash('sha256').update(readFileSync(f.path)).digest('hex'), f.path).toBe(all.checksums[f.path]);
    });
  });

  it('ties the roll-forward to the cent for every month of the data', async () => {
    for (const m of truth.monthly) {
      const rf = await rollForward(new PackageContext(w, monthPeriod(m.month), undefined));
      expect([rf.ties, rf.difference], m.month).toEqual([true, 0]);
      expect([rf.opening.ar, rf.closing.ar, rf.closing.credits], m.month).toEqual([m.rollForward.arStart, m.rollForward.arEnd, m.rollForward.creditBalancesEnd]);
    }
  }, 60_000);

  it('refuses what it cannot do, and says so', async () => {
    const out = join(dir, 'out');
    await expect(runMonthlyPackage(w, { month: '2025-13', outDir: out, user })).rejects.toThrow(/month must look like/);
    // the PDF without a Chromium to print it (tests/reports-pdf.test.ts prints one)
    await expect(withoutChromium(() => runMonthlyPackage(w, { month: MONTH, outDir: out, user, formats: ['pdf'] }))).rejects.toThrow(/apt-get install chromium/);
    await expect(runMonthlyPackage(w, { month: MONTH, outDir: out, user, closeDate: '2025-06-15' })).rejects.toThrow(/before the month ends/);
    await expect(runMonthlyPackage(w, { month: MONTH, outDir: out, user, practices: ['12345'] })).rejects.toThrow(/not a billing NPI/);
    await expect(runMonthlyPackage(w, { month: MONTH, outDir: out, user, practices: ['1000000004'] })).rejects.toThrow(/holds nothing of practice 1000000004/);
    // a close before anything was loaded: refused, and the failed run is on record
    await expect(runMonthlyPackage(w, { month: '2024-12', outDir: out, user, closeDate: '2024-12-31' })).rejects.toThrow(/no file had been loaded by the close date 2024-12-31/);
    expect(await w.one("SELECT status, month FROM report_run ORDER BY run_id DESC LIMIT 1")).toEqual({ status: 'failed', month: '2024-12' });
  });

  it('runs as rcm report monthly, runs and diff', async () => {
    w.close();
    const db = w.path;
    // the verbs in this process (main() as bin/rcm.cjs calls it); as a real process: tests/reports-monthly-cli.test.ts
    const made = await cli('report', 'monthly', '--month', '2025-05', '--db', db, '--out', join(dir, 'cli'), '--format', 'csv', '--json');
    expect(made.status, made.stderr).toBe(0);
    const run = JSON.parse(made.stdout);
    expect(run.close_date).toBe('2025-06-10');
    expect(run.roll_forward.ties).toBe(true);
    expect(run.files.every((f: { format: string }) => f.format === 'csv')).toBe(true);
    const runs = await cli('report', 'runs', '--db', db, '--json');
    expect(runs.status, runs.stderr).toBe(0);
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({ run_id: run.run_id, month: '2025-05', status: 'complete' });
    const diff = await cli('report', 'diff', String(first.runId), String(run.run_id), '--db', db);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/parameters that differ:[\s\S]*month: "2025-06" → "2025-05"/);
    expect(diff.stdout).toMatch(/closed numbers: \d+ changed/);
    const pdf = await withoutChromium(() => cli('report', 'monthly', '--month', '2025-05', '--db', db, '--format', 'pdf'));
    expect([pdf.status, pdf.stderr]).toEqual([2, expect.stringMatching(/rendered by Chromium.*apt-get install chromium/)]);
    expect((await cli('report', 'diff', '1', '999', '--db', db)).stderr).toMatch(/no report run 999/);
  }, 60_000);
});

