// The default demo (`rcm demo`, `npm start`) as a newcomer sees it: its headline numbers, asked of the metrics
// registry over the ingested files, sit where a real practice's would (issue #22: net collection rate 92–97 %
// with one payer clearly worse, 20–35 % of the initially denied dollars lost, insured patients paying 55–75 %
// of their statements, a few write-offs in every adjustment class, OA 18 duplicates, AMT*B6 on Medicare and
// most commercial lines, the planted coding patterns found), and docs/demo.md prints them as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEFAULTS } from '../cli/run-demo.ts';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PAYERS } from '../demo/practice/payers.ts';
import type { Truth } from '../demo/truth/truth-types.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { formatCents } from '../kernel/money.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { windowFor } from '../warehouse/metrics/window.ts';
import { findDenialPatterns } from '../warehouse/patterns/denial-patterns.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';
import { expectOwnersAndFixes, expectSummitCoverage, expectSummitPair, isPlanted } from './support/planted-patterns.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Statements of insured visits dated in the twelve months ending 90 days before the last day (time to pay them),
 *  and what the patients paid on those visits after the statement, by the last day. */
const STATEMENT_COLLECTION = `
  WITH statement AS (
    SELECT p.claim_id, min(p.posting_date) AS billed, sum(p.amount) AS amount
    FROM payment_posting p JOIN int_claim c USING (claim_id)
    WHERE p.posting_type = 'statement' AND NOT c.is_self_pay
    GROUP BY p.claim_id
    HAVING min(p.posting_date) BETWEEN $from AND $to)
  SELECT sum(s.amount)::VARCHAR AS billed,
         coalesce(sum((SELECT sum(CASE p.posting_type WHEN 'patient_payment' THEN p.amount ELSE -p.amount END) FROM payment_posting p
                       WHERE p.claim_id = s.claim_id AND p.posting_type IN ('patient_payment', 'refund') AND p.posting_date >= s.billed AND p.posting_date <= $asOf)), 0)::VARCHAR AS paid
  FROM statement s`;

describe('the default demo practice', () => {
  const dir = tempDir('rcm-demo-headline-');
  let truth: Truth;
  let warehouse: Warehouse;
  let asOf: string;

  beforeAll(async () => {
    const out = join(dir, 'files');
    await writeDataset({ seed: DEMO_DEFAULTS.seed, claims: DEMO_DEFAULTS.claims, months: DEMO_DEFAULTS.months, start: DEMO_DEFAULTS.start, out });
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
    asOf = truth.asOf.at(-1)!.date;
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(out, f)));
    const build = await buildModels(warehouse);
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
  }, 300_000);

  const ttm = (id: string, by?: Dimension) => computeMetric(warehouse, metric(id)!, { ...windowFor('ttm', asOf), by: by ? [by] : undefined });

  /** The headline numbers docs/demo.md prints, computed here from the registry and the warehouse. */
  async function headline() {
    const ncr = await ttm('net_collection_rate');
    const byPayer = (await ttm('net_collection_rate', 'payer')).breakdown!.filter((b) => PAYERS.some((p) => p.id === b.key) && b.value !== null);
    const denied = (await ttm('initial_denial_rate_line')).dollars!.numerator;
    const lost = (await ttm('denial_write_offs')).numerator!;
    const twelveMonthsEndingNinetyDaysAgo = windowFor('ttm', new Date(Date.parse(asOf) - 90 * 86_400_000).toISOString().slice(0, 10));
    const statements = await warehouse.one<{ billed: string; paid: string }>(STATEMENT_COLLECTION.replaceAll('$from', `DATE '${twelveMonthsEndingNinetyDaysAgo.from}'`)
      .replaceAll('$to', `DATE '${twelveMonthsEndingNinetyDaysAgo.to}'`).replaceAll('$asOf', `DATE '${asOf}'`));
    const initialDenialRate = (await ttm('initial_denial_rate')).value!;
    const finalDenialRate = (await ttm('final_denial_rate')).value!;
    return { ncr: ncr.value!, byPayer, denied, lost, statements: { billed: Number(statements!.billed), paid: Number(statements!.paid) }, initialDenialRate, finalDenialRate };
  }

  it('collects 92–97 % of net revenue over the trailing twelve months, with one payer clearly worse than the others', async () => {
    const { ncr, byPayer } = await headline();
    expect(ncr).toBeGreaterThanOrEqual(0.92);
    expect(ncr).toBeLessThanOrEqual(0.97);
    const [worst, next] = [...byPayer].sort((a, b) => a.value! - b.value!);
    expect(worst.key).toBe('NWPPO');
    expect(next.value! - worst.value!, `${worst.key} ${pct(worst.value!)}, then ${next.key} ${pct(next.value!)}`).toBeGreaterThanOrEqual(0.04);
  });

  it('loses 20–35 % of the initially denied dollars to denial write-offs', async () => {
    const { denied, lost } = await headline();
    expect(lost / denied).toBeGreaterThanOrEqual(0.2);
    expect(lost / denied).toBeLessThanOrEqual(0.35);
  });

  it('has insured patients pay 55–75 % of the balances billed to them on statements', async () => {
    const { statements } = await headline();
    expect(statements.billed).toBeGreaterThan(10_000);
    expect(statements.paid / statements.billed).toBeGreaterThanOrEqual(0.55);
    expect(statements.paid / statements.billed).toBeLessThanOrEqual(0.75);
  });

  it('writes off some dollars in every adjustment class, a few under a reason no table knows', async () => {
    const byClass = Object.fromEntries((await ttm('adjustments', 'adjustment_class')).breakdown!.map((b) => [b.key, b.numerator]));
    for (const c of ['contractual', 'policy', 'duplicate', 'denial', 'bad_debt', 'unclassified']) expect(byClass[c], c).toBeGreaterThan(0);
    const unclassified = await warehouse.one<{ n: bigint }>("SELECT count(*) AS n FROM payment_posting WHERE posting_type = 'write_off' AND reason_code = 'MISC'");
    expect(unclassified!.n).toBeGreaterThan(0n);
    expect(unclassified!.n).toBeLessThan(20n);
  });

  it('denies duplicates OA 18 and sends the allowed amount on Medicare and most commercial lines', async () => {
    const duplicates = await warehouse.all<{ group_code: string }>("SELECT DISTINCT group_code FROM remit_adjustment WHERE reason_code = '18'");
    expect(duplicates).toEqual([{ group_code: 'OA' }]);
    const lines = await warehouse.all<{ payer: string; lines: bigint; allowed: bigint; mismatched: bigint }>(`
      WITH contractual AS (
        SELECT file_id, line_position, sum(amount) AS amount FROM remit_adjustment
        WHERE line_position IS NOT NULL AND group_code = 'CO' AND reason_code = '45' GROUP BY ALL)
      SELECT p.payer_id AS payer, count(*) AS lines, count(l.allowed_amount) AS allowed,
             count(*) FILTER (WHERE l.allowed_amount IS NOT NULL AND l.paid > 0 AND l.allowed_amount <> l.charge - coalesce(k.amount, 0)) AS mismatched
      FROM remit_service_line l JOIN remit_claim c USING (file_id, claim_position) JOIN remit_payment p USING (file_id, transaction_position)
      LEFT JOIN contractual k USING (file_id, line_position)
      GROUP BY ALL ORDER BY payer`);
    const of = (payer: string) => lines.find((l) => l.payer === payer)!;
    expect(of('MCRB1').allowed).toBe(of('MCRB1').lines);
    const commercial = PAYERS.filter((p) => p.kind === 'commercial').map((p) => of(p.id));
    expect(Number(commercial.reduce((s, l) => s + l.allowed, 0n)) / Number(commercial.reduce((s, l) => s + l.lines, 0n))).toBeGreaterThan(0.6);
    expect(lines.map((l) => [l.payer, l.mismatched])).toEqual(lines.map((l) => [l.payer, 0n]));
  });

  it('finds the planted underpayment in mart_expected_payment exactly as truth.json counts it, and no other underpaid line', async () => {
    const { underpayment } = truth;
    const cells = await warehouse.all<{ payer_id: string; procedure_code: string; month: string; lines: bigint; expected: string; actual: string; underpaid_lines: bigint; underpaid: string }>(`
      SELECT payer_id, procedure_code, adjudication_month AS month, count(*) AS lines, sum(expected_allowed)::VARCHAR AS expected, sum(actual_allowed)::VARCHAR AS actual,
             count(*) FILTER (WHERE status = 'underpaid') AS underpaid_lines, sum(underpaid_amount)::VARCHAR AS underpaid
      FROM mart_expected_payment
      WHERE status <> 'denied' AND status <> 'no_expectation' AND reversed_date IS NULL
      GROUP BY ALL ORDER BY ALL`);
    const asCells = cells.map((c) => ({ payerId: c.payer_id, procedureCode: c.procedure_code, month: c.month, lines: Number(c.lines), expected: c.expected, actual: c.actual, underpaidLines: Number(c.underpaid_lines), underpaid: c.underpaid }));
    const fromTruth = underpayment.byPayerCodeMonth.map((c) => ({ ...c, expected: formatCents(c.expected), actual: formatCents(c.actual), underpaid: formatCents(c.underpaid) }));
    const order = (x: { payerId: string; procedureCode: string; month: string }, y: typeof x) => x.payerId.localeCompare(y.payerId) || x.procedureCode.localeCompare(y.procedureCode) || x.month.localeCompare(y.month);
    expect(asCells.sort(order)).toEqual(fromTruth.sort(order));
    expect(underpayment.planted!.lines).toBeGreaterThan(50);
    expect([underpayment.underpaidLines, underpayment.underpaid]).toEqual([underpayment.planted!.lines, underpayment.planted!.underpaid]);
    expect(await warehouse.all("SELECT DISTINCT payer_id, procedure_code FROM mart_expected_payment WHERE status = 'underpaid' AND reversed_date IS NULL")).toEqual([{ payer_id: 'SUMMT', procedure_code: '99214' }]);
  });

  it('still shows the three planted coding patterns among the five strongest denial patterns, Summit’s as its code pair, each with owner and fix', async () => {
    const { patterns } = await findDenialPatterns(warehouse, { window: windowFor('ttm', asOf), minClaims: 5, limit: 5 });
    const planted = truth.patterns.map((x) => x.definition!);
    for (const found of patterns) expect(planted.some((p) => isPlanted(found, p)), found.label).toBe(true);
    for (const p of planted) expect(patterns.some((f) => isPlanted(f, p)), `${p.name}: ${patterns.map((f) => f.label).join('; ')}`).toBe(true);
    expectOwnersAndFixes(patterns, planted);
    expectSummitPair(patterns);
    await expectSummitCoverage(warehouse, truth, DEMO_DEFAULTS.start);
  });

  it('is the practice docs/demo.md describes, to the printed digit', async () => {
    const { ncr, byPayer, denied, lost, statements, initialDenialRate, finalDenialRate } = await headline();
    const docs = readFileSync(join(import.meta.dirname, '..', 'docs', 'demo.md'), 'utf8');
    const printed = [
      `net collection rate ${pct(ncr)}`,
      ...byPayer.map((b) => `${b.key} ${pct(b.value!)}`),
      `${pct(lost / denied)} of the initially denied dollars`,
      `${pct(statements.paid / statements.billed)} of their statements`,
      `initial denial rate ${pct(initialDenialRate)}`,
      `final denial rate ${pct(finalDenialRate)}`,
      `${truth.underpayment.planted!.lines} lines, $${formatCents(truth.underpayment.planted!.underpaid)} underpaid`,
    ];
    for (const p of printed) expect(docs, p).toContain(p);
    // the README's sentence about the demo, its lines joined
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ');
    const worst = byPayer.reduce((a, b) => (b.value! < a.value! ? b : a));
    for (const p of [`net collection rate is ${pct(ncr)}`, `${worst.key}, at ${pct(worst.value!)}`, `loses ${pct(lost / denied)} of the dollars first denied`, `pay ${pct(statements.paid / statements.billed)} of their statements`]) {
      expect(readme, p).toContain(p);
    }
  });
});
