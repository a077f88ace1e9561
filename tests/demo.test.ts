// The synthetic practice end to end: generated twice from one seed (same bytes), every X12 file read by
// node-x12 without a diagnostic, ingested through the normal path without a refusal or a warning, and the
// warehouse's own sums equal to truth.json, which the simulation computed from its events. The metric
// models are checked against truth.json in their own tests; `rcm demo` as a command: tests/demo-cli.test.ts.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { nodeX12 } from '../demo/files/test-read.ts';
import { PAYERS } from '../demo/practice/payers.ts';
import { PAYER_LIMITS } from '../demo/practice/payer-limits.ts';
import { simulate } from '../demo/simulation/simulate.ts';
import { checkInvariants } from '../demo/truth/invariants.ts';
import type { Truth } from '../demo/truth/truth-types.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { formatCents } from '../kernel/money.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const money = (cents: number) => formatCents(cents);

describe('the demo practice', () => {
  const dir = tempDir('rcm-demo-');
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  let truth: Truth;
  let warehouse: Warehouse;

  beforeAll(async () => {
    await writeDataset({ seed: 3, claims: 1500, months: 6, out: first });
    await writeDataset({ seed: 3, claims: 1500, months: 6, out: second });
    truth = JSON.parse(readFileSync(join(first, 'truth.json'), 'utf8')) as Truth;
    warehouse = await tempWarehouse(dir);
  }, 120_000);

  it('writes the same bytes for the same seed', () => {
    const a = files(first);
    expect(a.length).toBeGreaterThan(300);
    expect(a.map((f) => relative(first, f))).toEqual(files(second).map((f) => relative(second, f)));
    for (const f of a) expect(sha(f), relative(first, f)).toBe(sha(join(second, relative(first, f))));
  });

  it('writes X12 that node-x12 parses without a diagnostic', () => {
    const x12 = files(first).filter((f) => /\.(837|999|277|835)$/.test(f));
    for (const f of x12) expect(nodeX12(readFileSync(f, 'utf8')).diagnostics, relative(first, f)).toEqual([]);
  });

  it('ingests every file without a refusal, a row error or a warning', async () => {
    const run = await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(first, f)));
    const refused = run.outcomes.filter((o) => o.status !== 'loaded' || o.warnings > 0 || o.rowErrors > 0);
    expect(refused).toEqual([]);
    expect(await warehouse.one('SELECT (SELECT count(*) FROM ingest_warning) AS warnings, (SELECT count(*) FROM ingest_error) AS errors')).toEqual({ warnings: 0n, errors: 0n });
  }, 120_000);

  it("gives every payer the practice's own limits from the demo's payer profile, and the class its filing indicator says", async () => {
    await buildModels(warehouse);
    const payers = await warehouse.all('SELECT payer_id, payer_name, payer_class, timely_filing_days, appeal_days, follow_up_days, limits_source FROM mart_payer WHERE limits_source = \'profile\' ORDER BY payer_id');
    expect(payers).toEqual(PAYERS.map((p) => {
      const l = PAYER_LIMITS.get(p.id)!;
      return { payer_id: p.id, payer_name: p.name, payer_class: p.kind, timely_filing_days: l.timelyFilingDays, appeal_days: l.appealDays, follow_up_days: l.followUpDays, limits_source: 'profile' };
    }).sort((a, b) => (a.payer_id < b.payer_id ? -1 : 1)));
    // self-pay visits have no profile: no filing or appeal limit
    expect(await warehouse.all("SELECT payer_class, timely_filing_days, appeal_days, limits_source FROM mart_payer WHERE limits_source = 'default'"))
      .toEqual([{ payer_class: 'self_pay', timely_filing_days: null, appeal_days: null, limits_source: 'default' }]);
  }, 120_000);

  it('has truth whose own identities hold (A/R roll-forward month by month, no unmapped CARC)', () => {
    expect(checkInvariants(truth)).toEqual([]);
    expect(truth.monthly.length).toBe(6);
    expect(truth.monthly.every((m) => m.rollForward.holds)).toBe(true);
  });

  it('reproduces the collections of truth.json in the warehouse, month by month and to the cent', async () => {
    const cash = await warehouse.all<{ month: string; cash: string; paid: string; interest: string; recouped: string }>(`
      WITH months AS (SELECT DISTINCT strftime(payment_date, '%Y-%m') AS month FROM remit_payment)
      SELECT month,
        (SELECT coalesce(sum(amount), 0) FROM remit_payment p WHERE strftime(p.payment_date, '%Y-%m') = m.month)::VARCHAR AS cash,
        (SELECT coalesce(sum(c.paid), 0) FROM remit_claim c JOIN remit_payment p USING (file_id, transaction_position) WHERE strftime(p.payment_date, '%Y-%m') = m.month)::VARCHAR AS paid,
        (SELECT coalesce(-sum(a.amount), 0) FROM remit_provider_adjustment a JOIN remit_payment p USING (file_id, transaction_position) WHERE a.reason_code = 'L6' AND strftime(p.payment_date, '%Y-%m') = m.month)::VARCHAR AS interest,
        (SELECT coalesce(sum(a.amount), 0) FROM remit_provider_adjustment a JOIN remit_payment p USING (file_id, transaction_position) WHERE a.reason_code = 'WO' AND strftime(p.payment_date, '%Y-%m') = m.month)::VARCHAR AS recouped
      FROM months m ORDER BY month`);
    const posted = await warehouse.all<{ month: string; type: string; amount: string }>(
      "SELECT strftime(posting_date, '%Y-%m') AS month, posting_type AS type, sum(amount)::VARCHAR AS amount FROM payment_posting GROUP BY ALL");
    const postedAs = (month: string, type: string) => posted.find((p) => p.month === month && p.type === type)?.amount ?? '0.00';
    expect(cash.map((c) => c.month)).toEqual(truth.monthly.map((m) => m.month));
    for (const m of truth.monthly) {
      const c = cash.find((x) => x.month === m.month)!;
      expect([c.cash, c.paid, c.interest, c.recouped, postedAs(m.month, 'patient_payment'), postedAs(m.month, 'refund')], m.month).toEqual(
        [money(m.collections.remittanceCash), money(m.collections.insurancePayments), money(m.collections.plbInterest), money(m.collections.plbRecoupments),
          money(m.collections.patientPayments), money(m.collections.refunds)],
      );
    }
  });

  it('holds every visit (the charges export) and every claim billed by the end of the data set', async () => {
    const row = await warehouse.one<{ visits: bigint; charges: string; billed: bigint }>(`
      SELECT (SELECT count(DISTINCT claim_id) FROM charge_line) AS visits, (SELECT sum(charge)::VARCHAR FROM charge_line) AS charges,
             (SELECT count(DISTINCT patient_control_number) FROM claim) AS billed`);
    const histories = [...simulate({ seed: 3, claims: 1500, months: 6 }).claims()].map((c) => c.history);
    expect(truth.population.claims).toBe(1500);
    expect(row).toEqual({
      visits: 1500n,
      charges: money(histories.reduce((s, h) => s + h.claim.charge, 0)),
      billed: BigInt(histories.filter((h) => h.submissions.length > 0).length),
    });
  });
});
