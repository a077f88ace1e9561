// Expected payment's hand case (tests/support/expected-payment-case.ts) through files → ingest → models →
// metrics, the CLI and the API. Schedule: SUMMT 99213 $81.20, 99214 $121.80; MCRB1 99213 $58.80.
// March: EP-1 as expected (61.20 + PR 20.00), EP-2 and EP-3 underpaid $6.80 each (85.00 + PR 30.00; 115.00),
// EP-4 as expected with sequestration (46.10 + PR 11.76 + CO 253 0.94), EP-5 denied (excluded): $13.60 underpaid
// on 2 lines, 3.55 % of the expected $383.60. April: EP-6 as expected by its AMT*B6 (81.20, though paid + PR is
// 76.20), EP-7 overpaid $8.20, EP-8 $0.40 short (within the tolerance of max($0.50, $0.81)), EP-9 no schedule.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModels } from '../warehouse/build.ts';
import { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type BreakdownRow, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { expectedPaymentFiles } from './support/expected-payment-case.ts';
import { rcmHere } from './support/cli-here.ts';
import { addUser, createToken } from '../access/users.ts';
import { createApp } from '../server/app.ts';
import { workQueues } from '../warehouse/queries/work-queues.ts';
import { caseWarehouse } from './support/case-warehouse.ts';
import { tempDir } from './support/temp.ts';

const MARCH = { asOf: '2025-03-31', from: '2025-03-01', to: '2025-03-31' };
const APRIL = { asOf: '2025-04-30', from: '2025-04-01', to: '2025-04-30' };

const cents = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));
const inCents = (r: MetricResult | BreakdownRow) => [cents(r.numerator), cents(r.denominator)];
const count = (r: MetricResult | BreakdownRow) => [r.numerator, r.denominator];
const byKey = <T>(r: MetricResult, f: (b: BreakdownRow) => T) => Object.fromEntries((r.breakdown ?? []).map((b) => [b.key, f(b)]));

describe('expected payment: the hand case', () => {
  const dir = tempDir('rcm-expected-');
  const db = join(dir, 'expected.duckdb');
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await caseWarehouse(dir, expectedPaymentFiles(), 'expected.duckdb');
  }, 60_000);

  const get = (id: string, at: { asOf: string; from?: string; to?: string }, by?: Dimension[]) =>
    computeMetric(warehouse, metric(id)!, { asOf: at.asOf, from: at.from, to: at.to, by });
  const lines = () => warehouse.all<Record<string, string | null>>(`SELECT claim_id, status, expected_allowed::VARCHAR AS expected, actual_allowed::VARCHAR AS actual,
    variance::VARCHAR AS variance, underpaid_amount::VARCHAR AS underpaid FROM mart_expected_payment ORDER BY claim_id`);

  it('judges each line: expected = schedule × units, actual = AMT*B6, else paid + PR + CO 253', async () => {
    expect(await lines()).toEqual([
      { claim_id: 'EP-1', status: 'as_expected', expected: '81.20', actual: '81.20', variance: '0.00', underpaid: '0.00' },
      { claim_id: 'EP-2', status: 'underpaid', expected: '121.80', actual: '115.00', variance: '-6.80', underpaid: '6.80' },
      { claim_id: 'EP-3', status: 'underpaid', expected: '121.80', actual: '115.00', variance: '-6.80', underpaid: '6.80' },
      { claim_id: 'EP-4', status: 'as_expected', expected: '58.80', actual: '58.80', variance: '0.00', underpaid: '0.00' },
      { claim_id: 'EP-5', status: 'denied', expected: '58.80', actual: '0.00', variance: '-58.80', underpaid: '0.00' },
      { claim_id: 'EP-6', status: 'as_expected', expected: '81.20', actual: '81.20', variance: '0.00', underpaid: '0.00' },
      { claim_id: 'EP-7', status: 'overpaid', expected: '121.80', actual: '130.00', variance: '8.20', underpaid: '0.00' },
      { claim_id: 'EP-8', status: 'as_expected', expected: '81.20', actual: '80.80', variance: '-0.40', underpaid: '0.00' },
      { claim_id: 'EP-9', status: 'no_expectation', expected: null, actual: '70.00', variance: null, underpaid: '0.00' },
    ]);
  });

  it('March: $13.60 underpaid on 2 lines, 3.55 % of the expected $383.60; the denied line is in neither', async () => {
    const rate = await get('underpayment_rate', MARCH);
    expect(inCents(rate)).toEqual([1360, 38360]);
    expect(rate.value!.toFixed(4)).toBe('0.0355');
    expect(cents((await get('underpaid_dollars', MARCH)).value)).toBe(1360);
    expect((await get('underpaid_lines', MARCH)).value).toBe(2);
    expect(count(await get('schedule_coverage', MARCH))).toEqual([4, 4]);
    expect(byKey(await get('underpayment_rate', MARCH, ['payer']), inCents)).toEqual({ MCRB1: [0, 5880], SUMMT: [1360, 32480] });
    expect(byKey(await get('underpayment_rate', MARCH, ['payer', 'cpt']), inCents)).toEqual({
      'MCRB1 × 99213': [0, 5880], 'SUMMT × 99213': [0, 8120], 'SUMMT × 99214': [1360, 24360],
    });
    expect(byKey(await get('underpaid_dollars', MARCH, ['payer', 'month']), (b) => cents(b.value))).toEqual({ 'MCRB1 × 2025-03': 0, 'SUMMT × 2025-03': 1360 });
  });

  it('April: the AMT*B6 line and the $0.40 short one are as expected, the overpaid one apart; a line of a payer with no schedule lowers the coverage', async () => {
    expect(inCents(await get('underpayment_rate', APRIL))).toEqual([0, 28420]);
    expect(count(await get('schedule_coverage', APRIL))).toEqual([3, 4]);
    expect(byKey(await get('schedule_coverage', APRIL, ['payer']), count)).toEqual({ ACME: [0, 1], SUMMT: [3, 3] });
  });

  it('rcm metrics --metric underpayment_rate --by payer,cpt answers the same', async () => {
    const r = await rcmHere('metrics', '--db', db, '--as-of', MARCH.asOf, '--from', MARCH.from, '--to', MARCH.to, '--metric', 'underpayment_rate', '--by', 'payer,cpt', '--json');
    expect(r.status, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout).metrics.underpayment_rate;
    expect([answer.numerator, answer.denominator]).toEqual([13.6, 383.6]);
    expect(answer.breakdown.map((b: BreakdownRow) => [b.key, b.numerator, b.denominator])).toEqual([
      ['MCRB1 × 99213', 0, 58.8], ['SUMMT × 99213', 0, 81.2], ['SUMMT × 99214', 13.6, 243.6],
    ]);
  });

  it('rcm contracts variance lists the lines, the most underpaid first; --status narrows them', async () => {
    const window = ['--db', db, '--as-of', MARCH.asOf, '--from', MARCH.from, '--to', MARCH.to];
    const all = await rcmHere('contracts', 'variance', ...window, '--json');
    expect(all.status, all.stderr).toBe(0);
    const doc = JSON.parse(all.stdout);
    expect(doc.total).toBe(5);
    expect(doc.lines.map((l: { claim_id: string; status: string; variance: string | null }) => [l.claim_id, l.status, l.variance])).toEqual([
      // a denied line's shortfall is a denial, not an underpayment: last
      ['EP-2', 'underpaid', '-6.80'], ['EP-3', 'underpaid', '-6.80'], ['EP-1', 'as_expected', '0.00'], ['EP-4', 'as_expected', '0.00'], ['EP-5', 'denied', '-58.80'],
    ]);
    const underpaid = await rcmHere('contracts', 'variance', ...window, '--status', 'underpaid', '--payer', 'SUMMT', '--cpt', '99214');
    expect(underpaid.status, underpaid.stderr).toBe(0);
    expect(underpaid.stdout).toMatch(/lines adjudicated 2025-03-01 to 2025-03-31: 2\n/);
    expect(underpaid.stdout).toMatch(/EP-2[\s│]+2025-03-03[\s│]+SUMMT[\s│]+99214[\s│]+1\.00[\s│]+121\.80[\s│]+115\.00[\s│]+-6\.80[\s│]+underpaid/);
    const refused = await rcmHere('contracts', 'variance', ...window, '--status', 'short');
    expect([refused.status, refused.stderr]).toEqual([2, expect.stringMatching(/--status must be one of underpaid, overpaid, as_expected, no_expectation, denied/)]);
  });

  it('rcm contracts reimbursement: allowed and paid per unit by code and payer, the denied line left out', async () => {
    const r = await rcmHere('contracts', 'reimbursement', '--db', db, '--as-of', MARCH.asOf, '--from', MARCH.from, '--to', MARCH.to, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rows).toEqual([
      { payer_id: 'MCRB1', procedure_code: '99213', lines: 1, units: '1.00', allowed_median: '58.80', allowed_p10: '58.80', allowed_p90: '58.80', paid_median: '46.10', paid_p10: '46.10', paid_p90: '46.10' },
      { payer_id: 'SUMMT', procedure_code: '99213', lines: 1, units: '1.00', allowed_median: '81.20', allowed_p10: '81.20', allowed_p90: '81.20', paid_median: '61.20', paid_p10: '61.20', paid_p90: '61.20' },
      // paid 85.00 and 115.00: the median between, the percentiles interpolated (85 + 0.1 × 30, 85 + 0.9 × 30)
      { payer_id: 'SUMMT', procedure_code: '99214', lines: 2, units: '2.00', allowed_median: '115.00', allowed_p10: '115.00', allowed_p90: '115.00', paid_median: '100.00', paid_p10: '88.00', paid_p90: '112.00' },
    ]);
  });

  it('GET /api/contracts/variance pages the lines (audited, the reader’s practices only); GET /api/contracts/reimbursement answers the table', async () => {
    await addUser(warehouse, 'lead', 'admin', 'a long enough password', []);
    await addUser(warehouse, 'other', 'billing_lead', 'a long enough password', ['1588667638']);
    const app = createApp(warehouse);
    const ask = async (user: string, path: string, params: Record<string, string>) => {
      const { token } = await createToken(warehouse, user, 'test');
      return app.request(`${path}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${token}` } });
    };
    const window = { as_of: MARCH.asOf, from: MARCH.from, to: MARCH.to };
    const page = await ask('lead', '/api/contracts/variance', { ...window, status: 'underpaid', page_size: '1' });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { total: number; page_size: number; rows: Record<string, unknown>[] };
    expect([body.total, body.page_size]).toEqual([2, 1]);
    expect(body.rows).toEqual([{
      claim_id: 'EP-2', practice: '1234567893', payer_id: 'SUMMT', service_date: '2025-03-03', adjudication_date: '2025-03-20', procedure_code: '99214', modifier: null,
      units: '1.00', expected_allowed: '121.80', actual_allowed: '115.00', variance: '-6.80', tolerance: '1.22', status: 'underpaid',
    }]);
    const csv = await ask('lead', '/api/contracts/variance', { ...window, format: 'csv' });
    expect((await csv.text()).trim().split('\n')).toHaveLength(6);
    expect((await warehouse.all("SELECT route FROM audit_event WHERE route LIKE '/api/contracts/variance%' ORDER BY event_id")).map((r) => r.route))
      .toEqual(['/api/contracts/variance', '/api/contracts/variance (csv export)']);
    const elsewhere = await ask('other', '/api/contracts/variance', window);
    expect(((await elsewhere.json()) as { total: number }).total).toBe(0);
    expect((await ask('lead', '/api/contracts/variance', { ...window, status: 'short' })).status).toBe(400);
    const table = await ask('lead', '/api/contracts/reimbursement', { ...window, payer: 'SUMMT', cpt: '99214' });
    expect(table.status).toBe(200);
    expect(((await table.json()) as { rows: unknown[] }).rows).toEqual([
      { payer_id: 'SUMMT', procedure_code: '99214', lines: 2, units: '2.00', allowed_median: '115.00', allowed_p10: '115.00', allowed_p90: '115.00', paid_median: '100.00', paid_p10: '88.00', paid_p90: '112.00' },
    ]);
  });

  it('the underpaid work queue: each claim whose latest record left a line short, ranked by dollars, its appeal clock running from that record; done resolves it', async () => {
    const queue = async () => (await workQueues(warehouse, MARCH.asOf)).filter((r) => r.queue === 'underpaid')
      .map((r) => ({ claim: r.claim_id, rank: r.rank, balance: r.balance, days_left: r.days_left, days_since: r.days_since, reason: r.reason }));
    // SUMMT is a commercial plan (180 appeal days): 180 − (03-31 − 03-20); EP-2's balance is its patient's 30.00 of PR
    expect(await queue()).toEqual([
      { claim: 'EP-2', rank: 1, balance: '30.00', days_left: 169, days_since: 11, reason: 'underpaid 6.80 below the fee schedule (99214 6.80)' },
      { claim: 'EP-3', rank: 2, balance: '0.00', days_left: 169, days_since: 11, reason: 'underpaid 6.80 below the fee schedule (99214 6.80)' },
    ]);
    // the verb opens the file itself: this test's connection closed meanwhile
    warehouse.close();
    const set = await rcmHere('work', 'set', 'EP-3', '--db', db, '--status', 'done');
    warehouse = await Warehouse.open(db);
    expect(set.status, set.stderr).toBe(0);
    expect((await queue()).map((r) => r.claim)).toEqual(['EP-2']);
  });

  it('a tolerance of the payer’s own (ref_underpayment_tolerance) makes the $0.40 short line underpaid', async () => {
    await warehouse.run("INSERT INTO ref_underpayment_tolerance VALUES ('SUMMT', 0.25, 0, 'the contract’s own')");
    await buildModels(warehouse);
    expect((await lines()).find((l) => l.claim_id === 'EP-8')).toMatchObject({ status: 'underpaid', underpaid: '0.40' });
    expect(inCents(await get('underpayment_rate', APRIL))).toEqual([40, 28420]);
  });
});
