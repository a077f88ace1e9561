// Every metric of the registry on a practice small enough to compute by hand (tests/support/fixture-practice.ts:
// eleven visits, one edge case each), through the real path: the demo's writers → files → ingest → models →
// metrics. Every expected number is worked out in the comments from the fixture's events and metrics.md (with
// the README's rules where it is silent), never from the truth builder or the SQL. Money in the comments is in
// cents; the registry answers in dollars, compared here as cents.
//
// The claims' balances, day by day (T total, P patient portion; insurance portion = T − P):
//   FX-REV      DOS 01-08 T 15000 │ 02-05 paid 9000, CO 45 4000, PR 3 2000: T 2000 P 2000 │ 02-20 patient 2000: T 0 (resolved)
//               │ 04-10 reversal (+9000 +4000, P −2000) and correction (−10000 −3000, P +2000): T 0 P 0
//   FX-APPEAL   DOS 01-15 T 120000 │ 02-12 CLP02 4, CO 197 120000 (denied dollars stay): T 120000 │ 05-06 reversal (denied CAS
//               only: nothing moves) + paid 50000, CO 45 60000, PR 2 10000: T 10000 P 10000 │ 05-30 patient 10000: T 0 (resolved)
//   FX-LINE     DOS 01-22 T 25000 │ 02-12 L1 paid 12000, CO 45 6000, PR 2 2000; L2 CO 97 5000 (denied, stays): T 7000 P 2000
//               │ 03-10 patient 2000: T 5000 P 0 │ 04-30 write-off 5000 (insurance): T 0 (resolved)
//   FX-DUP      DOS 01-08 T 15000 │ 03-25 CLP02 4, CO 18 15000: T 15000 │ 04-05 write-off 15000 (insurance): T 0 (resolved)
//   FX-REJECT   DOS 02-05 T 20000 │ 03-04 paid 12000, CO 45 6000, PR 2 2000: T 2000 P 2000 │ 04-15 patient 2000: T 0
//   FX-XOVER    DOS 02-12 T 20000 │ 03-04 (19) paid 8000, CO 45 10000, PR 2 2000: T 2000 P 2000 │ 04-08 ACME (2) paid 1500
//               out of the patient portion; OA 23 18000 not taken off again, PR 2 500 restates: T 500 P 500 │ 05-20 patient 500: T 0
//   FX-PRONLY   DOS 03-04 T 18000 │ 03-25 paid 0, CO 45 6000, PR 1 12000: T 12000 P 12000 │ 04-22 patient 5000: T 7000 P 7000
//   FX-CREDIT   DOS 03-06 T 15000, copay 4000 the same day: T 11000 P −4000 │ 03-25 paid 10000, CO 45 3000, PR 3 2000:
//               T −2000 P −2000 (a credit balance; resolved) │ 04-18 refund 2000: T 0
//   FX-SELF     DOS 03-18 T 18000 all the patient's, discount 7200 and deposit 5000 the same day: T 5800 P 5800 │ 04-25 5800: T 0
//   FX-277REJ   DOS 04-01 T 15000 │ 05-06 paid 10000, CO 45 3000, PR 3 2000: T 2000 P 2000
//   FX-UNBILLED DOS 06-03 T 20000 (ACME, never sent)
//
// Submissions (first send; DOS → send = charge lag) and first adjudications (first send → first 835 = payer lag):
//   FX-REV 01-09 (1) → 02-05 (27)    FX-APPEAL 01-18 (3) → 02-12 (25)   FX-LINE 01-23 (1) → 02-12 (20)
//   FX-DUP 02-06 (29) → 03-25 (48)   FX-REJECT 02-06 (1; 999 R, resent 02-09) → 03-04 (27)   FX-XOVER 02-13 (1) → 03-04 (20)
//   FX-PRONLY 03-05 (1) → 03-25 (20) FX-CREDIT 03-07 (1) → 03-25 (18)  FX-277REJ 04-02 (1; 277CA A7, resent 04-05) → 05-06 (34)
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, type IngestRun } from '../ingest/loader/ingest-run.ts';
import { buildModels, type BuildResult } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type BreakdownRow, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { METRICS, metric } from '../warehouse/metrics/registry.ts';
import { fixtureFiles } from './support/fixture-practice.ts';
import { tempDir, tempWarehouse, writeFile } from './support/temp.ts';

const D1 = '2024-03-31'; // before the reprocessing, the appeal, the refund and the second rejection
const D2 = '2024-06-30'; // after them
const Q2 = { from: '2024-04-01', to: '2024-06-30' };

const cents = (dollars: number | null | undefined): number | null => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));

/** A breakdown as { key: cents of its numerator }, zero rows left out (a payer with nothing open may or may not be listed). */
const amounts = (rows: BreakdownRow[] | undefined) => Object.fromEntries((rows ?? []).filter((b) => (b.numerator ?? 0) !== 0).map((b) => [b.key, cents(b.numerator)]));
/** A count rate: [numerator, denominator, value]; its dollar pair in cents. */
const count = (r: MetricResult | BreakdownRow) => [r.numerator, r.denominator, r.value];
const dollars = (r: MetricResult | BreakdownRow) => [cents(r.dollars?.numerator), cents(r.dollars?.denominator), r.dollars?.value];
const lag = (r: MetricResult | BreakdownRow) => ({ n: r.n, median: r.value, p90: r.p90 });
const row = (r: MetricResult, key: string) => {
  const found = r.breakdown?.find((b) => b.key === key);
  if (!found) throw new Error(`${r.id}: no breakdown row ${key} in ${JSON.stringify(r.breakdown?.map((b) => b.key))}`);
  return found;
};

describe('every metric on a hand-built practice, through its files', () => {
  const dir = tempDir('rcm-fixture-');
  let warehouse: Warehouse;
  let run: IngestRun;
  let build: BuildResult;

  beforeAll(async () => {
    warehouse = await tempWarehouse(dir);
    run = await ingestFiles(warehouse, fixtureFiles().map(([name, text]) => writeFile(dir, name, text)));
    build = await buildModels(warehouse);
  });

  const get = (id: string, asOf: string, options: { by?: Dimension; from?: string; to?: string; payer?: string } = {}) =>
    computeMetric(warehouse, metric(id)!, { asOf, from: options.from, to: options.to, by: options.by ? [options.by] : undefined, filters: options.payer ? { payer: options.payer } : undefined });
  /** A days metric as [A/R in cents, 90 days' charges in cents, days]. */
  const days = (r: MetricResult | BreakdownRow) => [cents(r.numerator), Math.round((r.denominator ?? 0) * 90 * 100), r.value];

  it('loads every file without a refusal or warning, and the build passes its checks', async () => {
    expect(run.outcomes.filter((o) => o.status !== 'loaded' || o.warnings !== 0)).toEqual([]);
    expect(run.outcomes).toHaveLength(fixtureFiles().length);
    expect(await warehouse.all('SELECT * FROM ingest_warning')).toEqual([]);
    expect(await warehouse.all('SELECT source, claim_id, reason FROM mart_unmatched_record')).toEqual([]);
    expect(build.checks.map((c) => c.name)).toEqual(expect.arrayContaining([
      'int_adjudication.balances', 'int_adjudication.one_first_adjudication', 'mart_claim.key', 'mart_claim_balance.ar_roll_forward', 'mart_claim_balance.charges_identity',
    ]));
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
  });

  it('sees eleven claims, each once: a resend, a reversal and a correction add none, and the first adjudication stays the original', async () => {
    const claims = await warehouse.all<{ claim_id: string; submissions: bigint; first: string | null; first_paid: string | null; first_denied: boolean | null }>(
      "SELECT claim_id, submissions, strftime(first_adjudicated_date, '%Y-%m-%d') AS first, first_paid::VARCHAR AS first_paid, first_denied FROM mart_claim ORDER BY claim_id");
    expect(claims.map((c) => [c.claim_id, Number(c.submissions), c.first, c.first_paid, c.first_denied])).toEqual([
      ['FX-277REJ', 2, '2024-05-06', '100.00', false],
      ['FX-APPEAL', 1, '2024-02-12', '0.00', true], // the denial, not the paid record of 05-06
      ['FX-CREDIT', 1, '2024-03-25', '100.00', false],
      ['FX-DUP', 1, '2024-03-25', '0.00', true],
      ['FX-LINE', 1, '2024-02-12', '120.00', true],
      ['FX-PRONLY', 1, '2024-03-25', '0.00', false],
      ['FX-REJECT', 2, '2024-03-04', '120.00', false],
      ['FX-REV', 1, '2024-02-05', '90.00', false], // the original, not the correction of 04-10 (100.00)
      ['FX-SELF', 0, null, null, null],
      ['FX-UNBILLED', 0, null, null, null],
      ['FX-XOVER', 1, '2024-03-04', '80.00', false], // the primary's 19, never the secondary's 2
    ]);
  });

  describe(`A/R at ${D1}`, () => {
    // open (DOS ≤ D1, T > 0): APPEAL 120000, LINE 5000, DUP 15000 (all insurance, ACME), REJECT 2000, XOVER 2000,
    // PRONLY 12000, SELF 5800 (all patient) → 161800. FX-CREDIT owes −2000: a credit balance, beside A/R.
    // FX-277REJ and FX-UNBILLED are not served yet.
    it('ar_total: total, by payer (insurance portion to the payer, patient portion to "patient"), by kind', async () => {
      const total = await get('ar_total', D1);
      expect([cents(total.numerator), cents(total.value)]).toEqual([161800, 161800]);
      // ACME 120000 + 5000 + 15000 = 140000; MCR 0 (FX-REJECT and FX-XOVER owe only their patients);
      // patient 2000 + 2000 + 12000 + 5800 = 21800
      expect(amounts((await get('ar_total', D1, { by: 'payer' })).breakdown)).toEqual({ ACME: 140000, patient: 21800 });
      // credit balances 2000 are reported, not netted: insurance + patient = 161800 still
      expect(amounts((await get('ar_total', D1, { by: 'kind' })).breakdown)).toEqual({ insurance: 140000, patient: 21800, 'credit balances': 2000 });
    });

    it('ar_aging by date of service and by first submission; % over 90', async () => {
      // age = D1 − DOS: PRONLY 27, SELF 13 → 0-30: 12000 + 5800 = 17800; REJECT 55, XOVER 48 → 31-60: 4000;
      // APPEAL 76, LINE 69, DUP 83 → 61-90: 120000 + 5000 + 15000 = 140000; nothing over 90 → 0 / 161800
      const aging = await get('ar_aging', D1);
      expect(amounts(aging.breakdown)).toEqual({ '0-30': 17800, '31-60': 4000, '61-90': 140000 });
      expect([cents(aging.numerator), cents(aging.denominator), aging.value]).toEqual([0, 161800, 0]);
      // age = D1 − first send: PRONLY 26 → 0-30 12000; DUP 54 (sent 02-06, a month after its DOS), REJECT 54 (its
      // first, rejected send), XOVER 47 → 31-60 15000 + 2000 + 2000 = 19000; APPEAL 73, LINE 68 → 61-90 125000;
      // SELF never sent → unsubmitted 5800
      const bySubmission = await get('ar_aging_by_submission', D1);
      expect(amounts(bySubmission.breakdown)).toEqual({ '0-30': 12000, '31-60': 19000, '61-90': 125000, unsubmitted: 5800 });
      const over90 = await get('ar_over_90_pct', D1);
      expect([cents(over90.numerator), cents(over90.denominator), over90.value]).toEqual([0, 161800, 0]);
    });

    it('days_in_ar: A/R over the average daily charges of the 90 days ending D1', async () => {
      // D1 − 90 = 2024-01-01 < DOS ≤ 03-31: REV 15000, DUP 15000, APPEAL 120000, LINE 25000, REJECT 20000, XOVER 20000,
      // PRONLY 18000, CREDIT 15000, SELF 18000 = 266000 → 266000 / 90 a day; 161800 × 90 / 266000 = 54.744 → 54.74
      const days = await get('days_in_ar', D1);
      expect([cents(days.numerator), Math.round(days.denominator! * 90 * 100), days.value]).toEqual([161800, 266000, 54.74]);
    });
  });

  describe(`A/R at ${D2}`, () => {
    // open: PRONLY 7000 (patient), 277REJ 2000 (patient), UNBILLED 20000 (ACME) → 29000. REV nets to 0 after its
    // reversal and correction; APPEAL, LINE, DUP, REJECT, XOVER, SELF are paid or written off; CREDIT was refunded.
    it('ar_total: total, by payer, by kind; no credit balance once refunded; the bad debt written off', async () => {
      // open: UNBILLED 20000 (ACME), 277REJ 2000 (patient); PRONLY's last 7000 written off as bad debt on 06-25
      expect(cents((await get('ar_total', D2)).numerator)).toBe(22000);
      expect(amounts((await get('ar_total', D2, { by: 'payer' })).breakdown)).toEqual({ ACME: 20000, patient: 2000 });
      const kinds = await get('ar_total', D2, { by: 'kind' });
      expect(amounts(kinds.breakdown)).toEqual({ insurance: 20000, patient: 2000 });
      expect(kinds.breakdown!.find((b) => b.key === 'credit balances')?.value ?? 0).toBe(0);
    });

    it('ar_aging by date of service and by first submission; % over 90', async () => {
      // age = D2 − DOS: UNBILLED 27 → 0-30 20000; 277REJ 90 (the last day of 61-90) → 2000
      const aging = await get('ar_aging', D2);
      expect(amounts(aging.breakdown)).toEqual({ '0-30': 20000, '61-90': 2000 });
      // share over 90: 0 / 22000
      expect([cents(aging.numerator), cents(aging.denominator), aging.value]).toEqual([0, 22000, 0]);
      // age = D2 − first send: 277REJ 89 (its first, rejected send of 04-02) → 61-90; UNBILLED never sent → unsubmitted
      expect(amounts((await get('ar_aging_by_submission', D2)).breakdown)).toEqual({ '61-90': 2000, unsubmitted: 20000 });
      const over90 = await get('ar_over_90_pct', D2);
      expect([cents(over90.numerator), cents(over90.denominator), over90.value]).toEqual([0, 22000, 0]);
      // 277REJ is exactly 90 days old: not over 90
    });

    it('days_in_total_ar: 04-01 is D2 − 90, so FX-277REJ (DOS 04-01) is outside the 90 days', async () => {
      // 04-01 < DOS ≤ 06-30: UNBILLED 20000 only → 20000 / 90 a day; 22000 × 90 / 20000 = 99 (days_in_ar, of the
      // billed A/R alone, is below)
      const total = await get('days_in_total_ar', D2);
      expect([cents(total.numerator), Math.round(total.denominator! * 90 * 100), total.value]).toEqual([22000, 20000, 99]);
    });
  });

  describe('billed and unbilled A/R; A/R by payer: the insurance portion to the payer, the patient portion to "patient"', () => {
    it(`at 2024-01-31 FX-DUP (DOS 01-08, first sent 02-06) is unbilled: out of days_in_ar, in days_in_total_ar`, async () => {
      // open: REV 15000 (sent 01-09), APPEAL 120000 (01-18), LINE 25000 (01-23): billed 160000; DUP 15000 not sent
      // yet: unbilled, 23 days old → 0-30. Charges with 2023-11-02 < DOS ≤ 01-31: 15000 + 120000 + 25000 + 15000
      // = 175000. days_in_ar = 160000 × 90 / 175000 = 82.2857 → 82.29; days_in_total_ar = 175000 × 90 / 175000 = 90
      const D0 = '2024-01-31';
      expect(days(await get('days_in_ar', D0))).toEqual([160000, 175000, 82.29]);
      expect(days(await get('days_in_total_ar', D0))).toEqual([175000, 175000, 90]);
      const unbilled = await get('unbilled_ar', D0);
      expect([cents(unbilled.numerator), amounts(unbilled.breakdown)]).toEqual([15000, { '0-30': 15000 }]);
      expect(amounts((await get('unbilled_ar', D0, { by: 'payer' })).breakdown)).toEqual({ ACME: 15000 });
      const visits = await get('unbilled_visits', D0);
      expect([visits.numerator, visits.breakdown!.map((b) => [b.key, b.numerator])]).toEqual([1, [['0-30', 1]]]);
    });

    it(`at ${D1} every open claim is billed; FX-SELF (self-pay) is billed at the visit`, async () => {
      // open 161800 (see A/R at D1), all sent by then, and SELF 5800 is self-pay: billed 161800, nothing unbilled
      expect(days(await get('days_in_ar', D1))).toEqual([161800, 266000, 54.74]);
      expect(days(await get('days_in_total_ar', D1))).toEqual([161800, 266000, 54.74]);
      expect([cents((await get('unbilled_ar', D1)).numerator), (await get('unbilled_visits', D1)).numerator]).toEqual([0, 0]);
    });

    it(`at ${D1} by payer: days in A/R over each payer's own charges, the patients' over all charges; aging and % over 90 by owner`, async () => {
      // charges of the 90 days: ACME REV 15000 + DUP 15000 + APPEAL 120000 + LINE 25000 + PRONLY 18000 + CREDIT 15000
      // = 208000; MCR REJECT 20000 + XOVER 20000 = 40000; all 266000.
      // ACME 140000 × 90 / 208000 = 60.577 → 60.58; MCR 0 / 40000 → 0; patient 21800 × 90 / 266000 = 7.376 → 7.38
      const byPayer = await get('days_in_ar', D1, { by: 'payer' });
      expect(days(row(byPayer, 'ACME'))).toEqual([140000, 208000, 60.58]);
      expect(days(row(byPayer, 'MCR'))).toEqual([0, 40000, 0]);
      expect(days(row(byPayer, 'patient'))).toEqual([21800, 266000, 7.38]);
      expect(row(await get('days_in_ar', D1, { by: 'payer_name' }), 'Patient').value).toBe(7.38);
      // the payer filter is that owner's row
      expect(days(await get('days_in_ar', D1, { payer: 'ACME' }))).toEqual([140000, 208000, 60.58]);
      // aging narrowed to an owner: ACME's insurance portions APPEAL 120000, LINE 5000, DUP 15000 (61-90); the
      // patients' portions PRONLY 12000 + SELF 5800 (0-30), REJECT 2000 + XOVER 2000 (31-60)
      expect(amounts((await get('ar_aging', D1, { payer: 'ACME' })).breakdown)).toEqual({ '61-90': 140000 });
      expect(amounts((await get('ar_aging', D1, { payer: 'patient' })).breakdown)).toEqual({ '0-30': 17800, '31-60': 4000 });
      // MCR's claims owe only their patients: MCR has no A/R, its claims' portions are the patients'
      expect(cents((await get('ar_total', D1, { payer: 'MCR' })).numerator)).toBe(0);
      expect(cents((await get('ar_total', D1, { payer: 'patient' })).numerator)).toBe(21800);
    });

    it(`at ${D2} FX-UNBILLED (ACME, never sent) is unbilled: days_in_ar counts the billed 2000 alone`, async () => {
      // open: 277REJ 2000 (a patient portion, billed), UNBILLED 20000 (ACME, not sent, 27 days old); PRONLY's 7000
      // was written off as bad debt on 06-25. 04-01 < DOS ≤ 06-30: UNBILLED 20000 only.
      // days_in_ar = 2000 × 90 / 20000 = 9; total 22000 × 90 / 20000 = 99
      expect(days(await get('days_in_ar', D2))).toEqual([2000, 20000, 9]);
      expect(days(await get('days_in_total_ar', D2))).toEqual([22000, 20000, 99]);
      const unbilled = await get('unbilled_ar', D2);
      expect([cents(unbilled.numerator), amounts(unbilled.breakdown)]).toEqual([20000, { '0-30': 20000 }]);
      expect((await get('unbilled_visits', D2, { by: 'payer' })).breakdown!.map((b) => [b.key, b.numerator])).toEqual([['ACME', 1]]);
      // by payer: ACME's A/R is all unbilled (0 billed over its 20000 of charges); the patients' 2000 over all
      // charges 20000 = 9. Total A/R by payer: ACME 20000 × 90 / 20000 = 90
      const byPayer = await get('days_in_ar', D2, { by: 'payer' });
      expect([days(row(byPayer, 'ACME')), days(row(byPayer, 'patient'))]).toEqual([[0, 20000, 0], [2000, 20000, 9]]);
      expect(days(row(await get('days_in_total_ar', D2, { by: 'payer' }), 'ACME'))).toEqual([20000, 20000, 90]);
      // % over 90 by owner: ACME 0 of 20000; patient 0 of 2000 (277REJ is exactly 90; PRONLY's 118-day-old 7000 is
      // bad debt)
      const over90 = await get('ar_over_90_pct', D2, { by: 'payer' });
      expect([count(row(over90, 'ACME')), count(row(over90, 'patient'))].map(([n, d, v]) => [cents(n), cents(d), v])).toEqual([[0, 20000, 0], [0, 2000, 0]]);
    });
  });

  describe(`denials, quarter ending ${D1} (2024-01-01 … 03-31)`, () => {
    // first adjudicated in the quarter: REV 02-05 (clean), APPEAL 02-12 (CO 197 authorization, 120000), LINE 02-12
    // (L2 CO 97 bundling, claim 25000), REJECT 03-04 (clean), XOVER 03-04 (19, clean), DUP 03-25 (CO 18: set
    // apart), PRONLY 03-25 (PR only: no denial), CREDIT 03-25 (clean).
    it('initial_denial_rate: claims, count and dollars, the duplicate set apart', async () => {
      // 2 of 7 = 0.285714; dollars (120000 + 25000) / (15000 + 120000 + 25000 + 20000 + 20000 + 18000 + 15000)
      // = 145000 / 233000 = 0.622318
      const r = await get('initial_denial_rate', D1);
      expect(count(r)).toEqual([2, 7, 0.285714]);
      expect(dollars(r)).toEqual([145000, 233000, 0.622318]);
    });

    it('initial_denial_rate by payer, by denial category and by CARC', async () => {
      // ACME: REV, APPEAL, LINE, PRONLY, CREDIT → 2/5; 145000 / 193000 = 0.751295. MCR: REJECT, XOVER → 0/2; 0 / 40000
      const byPayer = await get('initial_denial_rate', D1, { by: 'payer' });
      expect([count(row(byPayer, 'ACME')), dollars(row(byPayer, 'ACME'))]).toEqual([[2, 5, 0.4], [145000, 193000, 0.751295]]);
      expect([count(row(byPayer, 'MCR')), dollars(row(byPayer, 'MCR'))]).toEqual([[0, 2, 0], [0, 40000, 0]]);
      // by category the denominator stays all seven claims: authorization 1/7, 120000 / 233000 = 0.515021;
      // bundling 1/7, 25000 / 233000 = 0.107296; the duplicate category is not there (set apart)
      const byCategory = await get('initial_denial_rate', D1, { by: 'denial_category' });
      expect(byCategory.breakdown!.map((b) => [b.key, ...count(b), ...dollars(b)])).toEqual([
        ['authorization', 1, 7, 0.142857, 120000, 233000, 0.515021],
        ['bundling', 1, 7, 0.142857, 25000, 233000, 0.107296],
      ]);
      const byCarc = await get('initial_denial_rate', D1, { by: 'carc' });
      expect(byCarc.breakdown!.map((b) => [b.key, ...count(b)])).toEqual([['97', 1, 7, 0.142857], ['197', 1, 7, 0.142857]]);
    });

    it('initial_denial_rate_line: lines, count and dollars, by procedure', async () => {
      // lines first adjudicated (DUP's line set apart): REV 15000, APPEAL 120000, LINE L1 20000 + L2 5000, REJECT 20000,
      // XOVER 20000, PRONLY 18000, CREDIT 15000 → 8 lines, 233000; denied APPEAL L1 and LINE L2 → 2/8 = 0.25;
      // 125000 / 233000 = 0.536481
      const r = await get('initial_denial_rate_line', D1);
      expect(count(r)).toEqual([2, 8, 0.25]);
      expect(dollars(r)).toEqual([125000, 233000, 0.536481]);
      // by CPT: 73721 1/1, 96372 1/1, 99203 0/1 (PRONLY), 99213 0/2 (REV, CREDIT), 99214 0/3 (LINE L1, REJECT, XOVER)
      const byCpt = await get('initial_denial_rate_line', D1, { by: 'cpt' });
      expect(byCpt.breakdown!.map((b) => [b.key, b.numerator, b.denominator])).toEqual([
        ['73721', 1, 1], ['96372', 1, 1], ['99203', 0, 1], ['99213', 0, 2], ['99214', 0, 3],
      ]);
    });

    it('duplicate_denials: the CARC 18 claim, over all claims first adjudicated', async () => {
      // 1 of 8 = 0.125; 15000 / (233000 + 15000) = 0.060484
      const r = await get('duplicate_denials', D1);
      expect(count(r)).toEqual([1, 8, 0.125]);
      expect(dollars(r)).toEqual([15000, 248000, 0.060484]);
    });

    it('final_denial_rate: no denial write-off yet (the self-pay discount is policy)', async () => {
      // write-offs in the quarter: SELF's discount 7200 (policy) → 0; net revenue: charges with DOS in the
      // quarter 266000 − contractual 35000 − policy 7200 = 223800
      const r = await get('final_denial_rate', D1);
      expect([cents(r.numerator), cents(r.denominator), r.value]).toEqual([0, 223800, 0]);
    });

    it('denial_overturn_rate: no denied claim resolved yet → unavailable, not 0 %', async () => {
      // resolved in the quarter: REV 02-20 and CREDIT 03-25, neither denied → 0 / 0
      const r = await get('denial_overturn_rate', D1);
      expect([r.value, r.unavailable_reason]).toEqual([null, expect.stringMatching(/zero/)]);
    });
  });

  describe(`denials, quarter ending ${D2} (04-01 … 06-30) and the twelve months`, () => {
    it('initial rates: only FX-277REJ is first adjudicated in the quarter; the correction and the appeal add no claim', async () => {
      // Q2: 277REJ 05-06 (clean). REV's correction (04-10) and APPEAL's paid record (05-06) are re-adjudications.
      const r = await get('initial_denial_rate', D2);
      expect([count(r), dollars(r)]).toEqual([[0, 1, 0], [0, 15000, 0]]);
      expect(count(await get('initial_denial_rate_line', D2))).toEqual([0, 1, 0]);
      expect(count(await get('duplicate_denials', D2))).toEqual([0, 1, 0]);
      // twelve months ending D2: the eight of D1's quarter less DUP, plus 277REJ: 2/8 = 0.25;
      // 145000 / (233000 + 15000) = 0.584677 — REV and APPEAL counted once each
      const ttm = await get('initial_denial_rate', D2, { from: '2023-07-01', to: D2 });
      expect([count(ttm), dollars(ttm)]).toEqual([[2, 8, 0.25], [145000, 248000, 0.584677]]);
    });

    it('final_denial_rate: the denied line written off, over net revenue; the duplicate is no denial', async () => {
      // write-offs in Q2: DUP 15000 (04-05, DUPLICATE: class duplicate, never revenue), LINE 5000 (04-30, DENIAL:
      // class denial); nothing paid on LINE after it. Net revenue of Q2: charges with DOS in Q2 (277REJ 15000 +
      // UNBILLED 20000 = 35000) − contractual 62000 − duplicate 15000 = −42000: no number
      const r = await get('final_denial_rate', D2);
      expect([cents(r.numerator), cents(r.denominator), r.value]).toEqual([5000, -42000, null]);
      // twelve months: 5000 / (all charges 301000 − contractual 97000 − policy 7200 − duplicate 15000 = 181800) = 0.027503
      const ttm = await get('final_denial_rate', D2, { from: '2023-07-01', to: D2 });
      expect([cents(ttm.numerator), cents(ttm.denominator), ttm.value]).toEqual([5000, 181800, 0.027503]);
      // by the category of LINE's first adjudication: its line denied CO 97 (bundling)
      const byCategory = await get('denial_write_offs', D2, { from: '2023-07-01', to: D2 });
      expect(byCategory.breakdown!.map((b) => [b.key, cents(b.value)])).toEqual([['bundling', 5000]]);
    });

    it('adjustments by class and net revenue, twelve months ending D2', async () => {
      // contractual 97000 (the payer adjustments outside a denial category), policy 7200 (SELF's discount),
      // duplicate 15000 (DUP), denial 5000 (LINE), bad debt 7000 (PRONLY); net revenue 301000 − 97000 − 7200 −
      // 15000 = 181800 (bad debt and denials are losses: they stay in it)
      const ttm = { from: '2023-07-01', to: D2 };
      const byClass = await get('adjustments', D2, ttm);
      expect(byClass.breakdown!.map((b) => [b.key, cents(b.value)])).toEqual([['bad_debt', 7000], ['contractual', 97000], ['denial', 5000], ['duplicate', 15000], ['policy', 7200]]);
      expect(cents((await get('net_revenue', D2, ttm)).value)).toBe(181800);
    });

    it('denial_overturn_rate: of two denied claims resolved in Q2, the appeal was overturned; the duplicate is not counted', async () => {
      // resolved in Q2 with a denial before: LINE 04-30 (written off), APPEAL 05-30 (its denied line paid 50000 on
      // 05-06) → 1/2. DUP 04-05 was first denied as a duplicate (CO 18): apart, as in the initial rates. (REJECT
      // 04-15, SELF 04-25, XOVER 05-20 resolved too, never denied.)
      const r = await get('denial_overturn_rate', D2);
      expect(count(r)).toEqual([1, 2, 0.5]);
    });
  });

  describe('the front end and first pass', () => {
    it(`first_pass_acceptance, quarter ending ${D1}: the 999 rejected MCR's set, not ACME's in the same file`, async () => {
      // first sends with an acknowledgment: REV A, APPEAL E (accepted with errors), LINE A, REJECT R, DUP A, XOVER A,
      // PRONLY A, CREDIT A → 7/8; REJECT's resend of 02-09 is no first submission
      expect(count(await get('first_pass_acceptance', D1))).toEqual([7, 8, 0.875]);
      // ACME 6/6 (DUP sat in the same file as REJECT, in set 0002); MCR: REJECT R, XOVER A → 1/2
      const byPayer = await get('first_pass_acceptance', D1, { by: 'payer' });
      expect(byPayer.breakdown!.map((b) => [b.key, ...count(b)])).toEqual([['ACME', 6, 6, 1], ['MCR', 1, 2, 0.5]]);
    });

    it(`first_pass_acceptance, quarter ending ${D2}: the 277CA A7 rejects the first send; the resend is not a new claim`, async () => {
      // 277REJ sent 04-02, A7 04-03; resent 04-05 (A2 04-06, not the first send's) → 0/1
      expect(count(await get('first_pass_acceptance', D2))).toEqual([0, 1, 0]);
      // twelve months: 9 first sends, REJECT and 277REJ rejected → 7/9 = 0.777778
      expect(count(await get('first_pass_acceptance', D2, { from: '2023-07-01', to: D2 }))).toEqual([7, 9, 0.777778]);
    });

    it('first_pass_yield: paid, or moved wholly to the patient, with no denied line', async () => {
      // D1 quarter: REV, REJECT, XOVER, PRONLY (paid 0, all PR), CREDIT yes; APPEAL, LINE, DUP no → 5/8
      expect(count(await get('first_pass_yield', D1))).toEqual([5, 8, 0.625]);
      // Q2: 277REJ yes → 1/1; twelve months 6/9 = 0.666667
      expect(count(await get('first_pass_yield', D2))).toEqual([1, 1, 1]);
      expect(count(await get('first_pass_yield', D2, { from: '2023-07-01', to: D2 }))).toEqual([6, 9, 0.666667]);
    });
  });

  describe('lags (quantile_cont: linear interpolation)', () => {
    it('payer_lag_days: first send → first adjudication', async () => {
      // D1 quarter, any outcome: 18 20 20 20 25 27 27 48 → median pos 3.5: (20 + 25) / 2 = 22.5; p90 pos 6.3:
      // 27 + 0.3 × 21 = 33.3
      expect(lag(await get('payer_lag_days', D1))).toEqual({ n: 8, median: 22.5, p90: 33.3 });
      // ACME (REV 27, APPEAL 25, LINE 20, DUP 48, PRONLY 20, CREDIT 18): 18 20 20 25 27 48 → median 22.5;
      // p90 pos 4.5: 27 + 0.5 × 21 = 37.5. MCR (REJECT 27 from its rejected first send, XOVER 20): median 23.5;
      // p90 pos 0.9: 20 + 0.9 × 7 = 26.3
      const byPayer = await get('payer_lag_days', D1, { by: 'payer' });
      expect([lag(row(byPayer, 'ACME')), lag(row(byPayer, 'MCR'))]).toEqual([{ n: 6, median: 22.5, p90: 37.5 }, { n: 2, median: 23.5, p90: 26.3 }]);
      // Q2: 277REJ 34 (from its rejected first send of 04-02)
      expect(lag(await get('payer_lag_days', D2))).toEqual({ n: 1, median: 34, p90: 34 });
      // twelve months: 18 20 20 20 25 27 27 34 48 → median 25; p90 pos 7.2: 34 + 0.2 × 14 = 36.8
      expect(lag(await get('payer_lag_days', D2, { from: '2023-07-01', to: D2 }))).toEqual({ n: 9, median: 25, p90: 36.8 });
    });

    it('charge_lag_days: DOS → first send; the resends and the unsent are not counted', async () => {
      // D1 quarter: 1 1 1 1 1 1 3 29 → median 1; p90 pos 6.3: 3 + 0.3 × 26 = 10.8
      expect(lag(await get('charge_lag_days', D1))).toEqual({ n: 8, median: 1, p90: 10.8 });
      expect(lag(await get('charge_lag_days', D2))).toEqual({ n: 1, median: 1, p90: 1 });
      // twelve months: seven 1s, 3, 29 → median 1; p90 pos 7.2: 3 + 0.2 × 26 = 8.2
      expect(lag(await get('charge_lag_days', D2, { from: '2023-07-01', to: D2 }))).toEqual({ n: 9, median: 1, p90: 8.2 });
    });
  });

  describe('cash', () => {
    // Insurance paid (Σ CLP04, reversals negative): 02-05 REV 9000; 02-12 LINE 12000; 03-04 REJECT 12000, XOVER 8000;
    // 03-25 CREDIT 10000 → 51000 by D1. 04-08 XOVER's secondary 1500; 04-10 REV −9000 + 10000; 05-06 APPEAL 50000,
    // 277REJ 10000 → 62500 in Q2; 113500 in all.
    // Contractual (CO 45): REV 4000, LINE 6000, REJECT 6000, XOVER 10000, PRONLY 6000, CREDIT 3000 → 35000 by D1;
    // REV −4000 + 3000, APPEAL 60000, 277REJ 3000 → 62000 in Q2 (CO 97, CO 197, CO 18, OA 23 are not contractual).
    // Patient payments: REV 2000, CREDIT 4000, LINE 2000, SELF 5000 → 13000 by D1; REJECT 2000, PRONLY 5000,
    // SELF 5800, XOVER 500, APPEAL 10000 → 23300 in Q2. Refunds: CREDIT 2000 in Q2.
    // PLB: MCR recoups 500 (WO) on 03-04; ACME adds 150 interest (L6 −1.50) on 04-10.
    it(`net and gross collection rates, twelve months ending ${D1}`, async () => {
      // (51000 + 13000) / net revenue (266000 − contractual 35000 − policy 7200) = 64000 / 223800 = 0.28597;
      // gross 64000 / 266000 = 0.240602
      const net = await get('net_collection_rate', D1);
      expect([cents(net.numerator), cents(net.denominator), net.value]).toEqual([64000, 223800, 0.28597]);
      const gross = await get('gross_collection_rate', D1);
      expect([cents(gross.numerator), cents(gross.denominator), gross.value]).toEqual([64000, 266000, 0.240602]);
    });

    it(`net and gross collection rates, twelve months ending ${D2}, and by payer`, async () => {
      // (113500 + 36300 − 2000) / (301000 − contractual 97000 − policy 7200 − duplicate 15000) = 147800 / 181800
      // = 0.812981; gross 147800 / 301000 = 0.49103
      const net = await get('net_collection_rate', D2);
      expect([cents(net.numerator), cents(net.denominator), net.value]).toEqual([147800, 181800, 0.812981]);
      const gross = await get('gross_collection_rate', D2);
      expect([cents(gross.numerator), cents(gross.denominator), gross.value]).toEqual([147800, 301000, 0.49103]);
      // by the claim's payer: ACME claims paid 9000 − 9000 + 10000 + 12000 + 10000 + 50000 + 10000 = 92000, patients
      // 2000 + 4000 + 2000 + 5000 + 10000 − refund 2000 = 21000 → 113000 / (243000 − 81000 − DUP's 15000) = 0.768707;
      // MCR claims (the secondary's 1500 from ACME included): 12000 + 8000 + 1500 + 2000 + 500 = 24000 / (40000 − 16000) = 1;
      // self-pay 10800 / (18000 − the discount 7200) = 1
      const byPayer = await get('net_collection_rate', D2, { by: 'payer' });
      expect(byPayer.breakdown!.map((b) => [b.key, cents(b.numerator), cents(b.denominator), b.value])).toEqual([
        ['ACME', 113000, 147000, 0.768707], ['MCR', 24000, 24000, 1], ['SELFPAY', 10800, 10800, 1],
      ]);
    });

    it('net collection rate over Q2: a negative denominator is no number', async () => {
      // (62500 + 23300 − 2000) / (35000 − contractual 62000 − duplicate 15000) = 83800 / −42000 → unavailable;
      // gross 83800 / 35000 = 2.394286
      const net = await get('net_collection_rate', D2, Q2);
      expect([cents(net.numerator), cents(net.denominator), net.value, net.unavailable_reason]).toEqual([83800, -42000, null, 'the denominator is negative']);
      const gross = await get('gross_collection_rate', D2, Q2);
      expect(gross.value).toBe(2.394286);
    });

    it('collections by kind and by payer tie to Σ BPR02', async () => {
      // by D1 (twelve months): insurance 51000, patients 13000, recoupment −500 → 63500
      const d1 = await get('collections', D1);
      expect(amounts(d1.breakdown)).toEqual({ insurance_paid: 51000, patient_payment: 13000, plb_recoupment: -500 });
      expect(cents(d1.value)).toBe(63500);
      // by D2: insurance 113500, patients 36300, refunds −2000, interest 150, recoupment −500 → 147450
      const d2 = await get('collections', D2);
      expect(amounts(d2.breakdown)).toEqual({ insurance_paid: 113500, patient_payment: 36300, refund: -2000, plb_interest: 150, plb_recoupment: -500 });
      expect(cents(d2.value)).toBe(147450);
      // Σ BPR02: 9000 + 12000 + 19500 + 10000 + 1500 + 1150 + 60000 = 113150 = 113500 + 150 − 500 (the remittances' money);
      // by payer: ACME 9000 + 12000 + 10000 + 1500 + 1150 + 60000 = 93650, MCR 19500, patient 36300 − 2000 = 34300
      expect(amounts((await get('collections', D2, { by: 'payer' })).breakdown)).toEqual({ ACME: 93650, MCR: 19500, patient: 34300 });
      // Q2 alone: 62500 + 23300 − 2000 + 150 = 83950; the reversal nets REV's cash to +1000 on 04-10
      const q2 = await get('collections', D2, Q2);
      expect(amounts(q2.breakdown)).toEqual({ insurance_paid: 62500, patient_payment: 23300, refund: -2000, plb_interest: 150 });
      // by month: April: insurance 1500 + (−9000 + 10000) = 2500, interest 150, patients 2000 + 5000 + 5800 = 12800, refund
      // −2000 → 13450; May: insurance 60000, patients 500 + 10000 → 70500; June: nothing
      expect(amounts((await get('collections', D2, { ...Q2, by: 'month' })).breakdown)).toEqual({ '2024-04': 13450, '2024-05': 70500 });
    });
  });

  describe('by payer name', () => {
    // every payer id with the name its 837s give it (the 835s name ACME and MCR alike); FX-SELF's payer has
    // no name but its id. ACME: REV, APPEAL, LINE, DUP, PRONLY, CREDIT, 277REJ, UNBILLED; MCR: REJECT, XOVER.
    const NAMES: Record<string, string> = { ACME: 'ACME HEALTH PLAN', MCR: 'MEDICARE PART B FIXTURE', SELFPAY: 'SELFPAY', patient: 'Patient' };

    it('mart_payer names each payer as its claims do, with its count of claims', async () => {
      expect(await warehouse.all("SELECT payer_id, payer_name, claims::INTEGER AS claims FROM mart_payer ORDER BY payer_id")).toEqual([
        { payer_id: 'ACME', payer_name: 'ACME HEALTH PLAN', claims: 8 },
        { payer_id: 'MCR', payer_name: 'MEDICARE PART B FIXTURE', claims: 2 },
        { payer_id: 'SELFPAY', payer_name: 'SELFPAY', claims: 1 },
      ]);
    });

    it('breaks every metric by payer down by payer name too, alone and crossed with the month: the payer breakdown, each id named', async () => {
      const named = (key: string | null) => (key === null ? null : key.split(' × ').map((part, i) => (i === 0 ? NAMES[part] ?? `unnamed ${part}` : part)).join(' × '));
      const byKey = (a: BreakdownRow, b: BreakdownRow) => String(a.key).localeCompare(String(b.key), 'en', { numeric: true });
      const withPayer = METRICS.filter((m) => m.breakdowns.includes('payer'));
      expect(withPayer.filter((m) => !m.breakdowns.includes('payer_name')).map((m) => m.id)).toEqual([]);
      let compared = 0;
      for (const m of withPayer) {
        for (const [asOf, by] of [[D1, 'payer'], [D2, 'payer'], [D2, 'payer,month']] as const) {
          if (by.includes('month') && !m.breakdowns.includes('month')) continue;
          const ids = await computeMetric(warehouse, m, { asOf, by: by.split(',') as Dimension[] });
          const names = await computeMetric(warehouse, m, { asOf, by: by.replace('payer', 'payer_name').split(',') as Dimension[] });
          expect(names.breakdown, `${m.id} by ${by} at ${asOf}`).toEqual(ids.breakdown!.map((r) => ({ ...r, key: named(r.key) })).sort(byKey));
          compared += ids.breakdown!.length;
        }
      }
      expect(compared).toBeGreaterThan(100);
      // by D2: ACME 93650, MCR 19500, patient 34300 (collections by payer, above)
      expect(amounts((await get('collections', D2, { by: 'payer_name' })).breakdown)).toEqual({ 'ACME HEALTH PLAN': 93650, 'MEDICARE PART B FIXTURE': 19500, Patient: 34300 });
    });

    it('names each rendering provider as its 837s do, and breaks every metric by provider down by provider name: the provider breakdown, each NPI named', async () => {
      const providers = await warehouse.all<{ npi: string; provider_name: string; claims: number }>('SELECT npi, provider_name, claims::INTEGER AS claims FROM mart_provider ORDER BY npi');
      // the fixture's 837s name their rendering providers
      expect(providers.length).toBeGreaterThan(0);
      expect(providers.filter((p) => p.provider_name === p.npi)).toEqual([]);
      // every NPI of a claim is named, by an 837 where one sent it, else by itself
      expect(providers.reduce((n, p) => n + p.claims, 0)).toBe(Number((await warehouse.one<{ n: bigint }>('SELECT count(*) AS n FROM mart_claim WHERE rendering_npi IS NOT NULL'))!.n));
      const names = Object.fromEntries(providers.map((p) => [p.npi, p.provider_name]));
      const byKey = (a: BreakdownRow, b: BreakdownRow) => String(a.key).localeCompare(String(b.key), 'en', { numeric: true });
      const withProvider = METRICS.filter((m) => m.breakdowns.includes('provider'));
      expect(withProvider.filter((m) => !m.breakdowns.includes('provider_name')).map((m) => m.id)).toEqual([]);
      let compared = 0;
      for (const m of withProvider) {
        const ids = await computeMetric(warehouse, m, { asOf: D2, by: ['provider'] });
        const named = await computeMetric(warehouse, m, { asOf: D2, by: ['provider_name'] });
        expect(named.breakdown, m.id).toEqual(ids.breakdown!.map((r) => ({ ...r, key: r.key === null ? null : names[r.key] ?? `unnamed ${r.key}` })).sort(byKey));
        compared += ids.breakdown!.length;
      }
      expect(compared).toBeGreaterThan(10);
    });
  });
});
