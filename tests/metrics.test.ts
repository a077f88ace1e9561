// The metrics of the registry, computed by the SQL models over the demo practice as ingested, against
// truth.json, which the simulation computed from its own events: for every as-of date and every window
// (the month so far, the quarter, the trailing twelve months), numerators and denominators exactly (cents
// and counts), medians and p90 exactly as well (both use linear interpolation; stated tolerance 0.01 day).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import type { AsOfReport, Truth } from '../demo/truth/truth-types.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { METRICS, metric } from '../warehouse/metrics/registry.ts';
import { findDenialPatterns, wilsonLowerBound } from '../warehouse/patterns/denial-patterns.ts';
import { windowFor } from '../warehouse/metrics/window.ts';
import { QUEUES, workQueues } from '../warehouse/queries/work-queues.ts';
import { listClaims } from '../warehouse/queries/claim-list.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';
import { expectOwnersAndFixes, expectSummitCoverage, expectSummitPair, isPlanted } from './support/planted-patterns.ts';

const cents = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));

describe('the metrics on the demo practice reproduce truth.json', () => {
  const dir = tempDir('rcm-metrics-');
  let truth: Truth;
  let warehouse: Warehouse;

  beforeAll(async () => {
    const out = join(dir, 'files');
    await writeDataset({ seed: 5, claims: 3000, months: 15, start: '2024-10-01', out });
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(out, f)));
    const build = await buildModels(warehouse);
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
  }, 180_000);

  const get = (id: string, asOf: string, window?: { from: string; to: string }, by?: Dimension, payer?: string) =>
    computeMetric(warehouse, metric(id)!, { asOf, from: window?.from, to: window?.to, by: by ? [by] : undefined, filters: payer ? { payer } : undefined });

  const snapshot = (check: (a: AsOfReport) => Promise<void>) => async () => {
    expect(truth.asOf.length).toBeGreaterThanOrEqual(5);
    for (const a of truth.asOf) await check(a);
  };

  it('A/R: total, insurance and patient portions, by payer, credit balances', snapshot(async (a) => {
    const total = await get('ar_total', a.date);
    expect(cents(total.numerator), a.date).toBe(a.ar.total);
    const byPayer = await get('ar_total', a.date, undefined, 'payer');
    const expected = Object.entries(a.ar.byPayer).filter(([, v]) => v !== 0);
    expect(byPayer.breakdown!.filter((b) => b.numerator !== 0).map((b) => [b.key, cents(b.numerator)]).sort(), a.date).toEqual(expected.sort());
    const kinds = await get('ar_total', a.date, undefined, 'kind');
    const kind = (k: string) => cents(kinds.breakdown!.find((b) => b.key === k)?.numerator) ?? 0;
    expect([kind('insurance'), kind('patient'), kind('credit balances')], a.date).toEqual([a.ar.insurance, a.ar.patient, a.ar.creditBalances.amount]);
  }));

  it('A/R aging by date of service and by first submission, % over 90 and 120', snapshot(async (a) => {
    for (const [id, aging] of [['ar_aging', a.ar.agingByServiceDate], ['ar_aging_by_submission', a.ar.agingBySubmissionDate]] as const) {
      const r = await get(id, a.date);
      const buckets = Object.fromEntries(r.breakdown!.map((b) => [b.key, cents(b.numerator)]));
      const expected = Object.fromEntries(Object.entries(aging.buckets).filter(([, b]) => b.amount !== 0).map(([k, b]) => [k, b.amount]));
      expect(buckets, `${id} ${a.date}`).toEqual(expected);
    }
    const over90 = await get('ar_over_90_pct', a.date);
    const over120 = await get('ar_over_120_pct', a.date);
    expect([cents(over90.numerator), cents(over120.numerator)], a.date).toEqual([a.ar.agingByServiceDate.over90.numerator, a.ar.agingByServiceDate.over120.numerator]);
    expect(over90.value, a.date).toBe(a.ar.agingByServiceDate.over90.value);
  }));

  it('A/R by payer has one meaning: each payer’s insurance portions, the patients’ portions, in totals, aging and shares over 90 / 120 days', snapshot(async (a) => {
    const [over90, over120] = await Promise.all([get('ar_over_90_pct', a.date, undefined, 'payer'), get('ar_over_120_pct', a.date, undefined, 'payer')]);
    for (const [owner, o] of Object.entries(a.ar.byOwner)) {
      const at = `${owner} ${a.date}`;
      expect(o.total, at).toBe(a.ar.byPayer[owner]);
      const aging = await get('ar_aging', a.date, undefined, undefined, owner);
      expect(Object.fromEntries(aging.breakdown!.map((b) => [b.key, cents(b.numerator)])), at).toEqual(Object.fromEntries(Object.entries(o.agingByServiceDate).filter(([, v]) => v !== 0)));
      expect(cents((await get('ar_total', a.date, undefined, undefined, owner)).numerator), at).toBe(o.total);
      if (o.total === 0) continue;
      const [r90, r120] = [over90, over120].map((r) => r.breakdown!.find((b) => b.key === owner)!);
      expect([cents(r90.numerator), cents(r90.denominator), r90.value, cents(r120.numerator), r120.value], at).toEqual([o.over90.numerator, o.over90.denominator, o.over90.value, o.over120.numerator, o.over120.value]);
    }
  }));

  it('billed and unbilled A/R: days in A/R (billed), days in total A/R, unbilled A/R and visits aged by DOS', snapshot(async (a) => {
    const total = await get('days_in_total_ar', a.date);
    expect([cents(total.numerator), Math.round(total.denominator! * 90 * 100), total.value], a.date).toEqual([a.daysInTotalAr.numerator, a.daysInTotalAr.denominator, a.daysInTotalAr.value]);
    const [amount, visits] = await Promise.all([get('unbilled_ar', a.date), get('unbilled_visits', a.date)]);
    expect([cents(amount.numerator), visits.numerator], a.date).toEqual([a.ar.unbilled.amount, a.ar.unbilled.claims]);
    const buckets = Object.entries(a.ar.unbilled.buckets).filter(([, b]) => b.claims !== 0);
    expect(amount.breakdown!.map((b) => [b.key, cents(b.numerator)]), a.date).toEqual(buckets.map(([k, b]) => [k, b.amount]));
    expect(visits.breakdown!.map((b) => [b.key, b.numerator]), a.date).toEqual(buckets.map(([k, b]) => [k, b.claims]));
    expect(a.ar.billed.amount + a.ar.unbilled.amount, a.date).toBe(a.ar.total);
    const byPayer = await get('days_in_ar', a.date, undefined, 'payer');
    for (const [owner, d] of Object.entries(a.daysInArByPayer)) {
      const row = byPayer.breakdown!.find((b) => b.key === owner);
      if (d.numerator === 0 && d.denominator === 0) {
        expect(row, `${owner} ${a.date}`).toBeUndefined();
        continue;
      }
      expect([cents(row!.numerator), Math.round((row!.denominator ?? 0) * 90 * 100), row!.value], `${owner} ${a.date}`).toEqual([d.numerator, d.denominator, d.value]);
    }
  }));

  it('puts the same claims in the same work queues as truth.json, with their balance and clocks, at every as-of date', snapshot(async (a) => {
    const rows = await workQueues(warehouse, a.date);
    let queued = 0;
    for (const queue of QUEUES) {
      const claims = Object.fromEntries(rows.filter((r) => r.queue === queue).map((r) => [r.claim_id, { balance: cents(Number(r.balance)), daysLeft: r.days_left, daysSince: r.days_since }]));
      expect(claims, `${queue} at ${a.date}`).toEqual(a.queues[queue].claims);
      queued += Object.keys(claims).length;
    }
    expect(queued, a.date).toBeGreaterThan(0);
  }));

  it('days in A/R, gross and net', snapshot(async (a) => {
    const gross = await get('days_in_ar', a.date);
    expect([cents(gross.numerator), Math.round(gross.denominator! * 90 * 100), gross.value], a.date).toEqual([a.daysInAr.numerator, a.daysInAr.denominator, a.daysInAr.value]);
    const net = await get('days_in_ar_net', a.date);
    // expected contractuals are rounded per claim on both sides; the ratio is a double: within a cent per claim
    expect(Math.abs(cents(net.numerator)! - a.daysInArNet.numerator), a.date).toBeLessThanOrEqual(100);
    expect(Math.abs(net.value! - a.daysInArNet.value!), a.date).toBeLessThanOrEqual(0.02);
  }));

  const windows = (check: (w: { from: string; to: string }, metrics: AsOfReport['windows']['month'], asOf: string, name: string) => Promise<void>) => async () => {
    for (const a of truth.asOf) for (const [name, w] of Object.entries(a.windows)) await check(w, w, a.date, name);
  };
  const pair = (r: MetricResult) => [r.numerator, r.denominator];
  const drillQuery = { status: 'any', sort: 'claim_id', order: 'asc', limit: 10, offset: 0 } as const;
  const dollars = (r: MetricResult) => [cents(r.dollars?.numerator), cents(r.dollars?.denominator)];

  it('initial denial rates, claim and line, count and dollars, by payer and by category; duplicates apart', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    const claims = await get('initial_denial_rate', asOf, w);
    expect(pair(claims), where).toEqual([t.initialDenialRate.count.numerator, t.initialDenialRate.count.denominator]);
    expect(dollars(claims), where).toEqual([t.initialDenialRate.amount.numerator, t.initialDenialRate.amount.denominator]);
    const lines = await get('initial_denial_rate_line', asOf, w);
    expect(pair(lines), where).toEqual([t.initialDenialRateLine.count.numerator, t.initialDenialRateLine.count.denominator]);
    expect(dollars(lines), where).toEqual([t.initialDenialRateLine.amount.numerator, t.initialDenialRateLine.amount.denominator]);
    const duplicates = await get('duplicate_denials', asOf, w);
    expect([duplicates.numerator, cents(duplicates.dollars?.numerator)], where).toEqual([t.initialDenialRate.duplicatesExcluded.count, t.initialDenialRate.duplicatesExcluded.amount]);
    const byPayer = await get('initial_denial_rate', asOf, w, 'payer');
    for (const [payer, r] of Object.entries(t.initialDenialRate.byPayer)) {
      const row = byPayer.breakdown!.find((b) => b.key === payer);
      expect([row?.numerator ?? 0, row?.denominator ?? 0], `${where} ${payer}`).toEqual([r.count.numerator, r.count.denominator]);
    }
    const byCategory = await get('initial_denial_rate', asOf, w, 'denial_category');
    for (const [category, r] of Object.entries(t.initialDenialRate.byCategory)) {
      const row = byCategory.breakdown!.find((b) => b.key === category);
      expect([row?.numerator ?? 0, cents(row?.dollars?.numerator) ?? 0], `${where} ${category}`).toEqual([r.count.numerator, r.amount.numerator]);
    }
  }));

  it('final denial rate, overturn rate, first-pass acceptance and yield', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    expect(cents((await get('net_revenue', asOf, w)).value), where).toBe(t.finalDenialRate.amount.denominator);
    const final = await get('final_denial_rate', asOf, w);
    expect([cents(final.numerator), cents(final.denominator)], where).toEqual([t.finalDenialRate.amount.numerator, t.finalDenialRate.amount.denominator]);
    expect(pair(await get('denial_overturn_rate', asOf, w)), where).toEqual([t.denialOverturnRate.numerator, t.denialOverturnRate.denominator]);
    // declared over measures: write-offs on denied claims and the overturn rate, by denial category
    const writeOffs = await get('denial_write_offs', asOf, w, 'denial_category');
    expect(cents(writeOffs.value), where).toBe(t.finalDenialRate.amount.numerator);
    expect(Object.fromEntries(writeOffs.breakdown!.map((b) => [b.key, cents(b.value)])), where).toEqual(t.denialWriteOffsByCategory);
    const overturns = await get('denial_overturn_rate', asOf, w, 'denial_category');
    expect(Object.fromEntries(overturns.breakdown!.map((b) => [b.key, [b.numerator, b.denominator]])), where)
      .toEqual(Object.fromEntries(Object.entries(t.denialOverturnRateByCategory).map(([c, r]) => [c, [r.numerator, r.denominator]])));
    expect(pair(await get('first_pass_acceptance', asOf, w)), where).toEqual([t.firstPassAcceptance.numerator, t.firstPassAcceptance.denominator]);
    expect(pair(await get('first_pass_yield', asOf, w)), where).toEqual([t.firstPassYield.numerator, t.firstPassYield.denominator]);
  }));

  it('days from denial to appeal (the appeal log) and to resolution: median and p90, overall and by denial category', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    if (name === 'ttm' && asOf === truth.asOf.at(-1)!.date) expect(Math.min(t.daysToAppeal.overall.n, t.daysToResolution.overall.n), where).toBeGreaterThan(50);
    for (const [id, q] of [['days_to_appeal', t.daysToAppeal], ['days_to_resolution', t.daysToResolution]] as const) {
      const overall = await get(id, asOf, w);
      expect([overall.n ?? 0, overall.value, overall.p90 ?? null], `${id} ${where}`).toEqual([q.overall.n, q.overall.median, q.overall.p90]);
      const byCategory = await get(id, asOf, w, 'denial_category');
      expect(Object.fromEntries(byCategory.breakdown!.map((b) => [b.key, [b.n, b.value, b.p90]])), `${id} ${where}`)
        .toEqual(Object.fromEntries(Object.entries(q.byCategory).map(([c, x]) => [c, [x.n, x.median, x.p90]])));
    }
  }));

  it('drills from the outcomes table to exactly its claims: overturned, written off and open, by denial category and by CPT', async () => {
    const a = truth.asOf.at(-1)!;
    const w = a.windows.ttm;
    const drill = async (q: Partial<Parameters<typeof listClaims>[1]>) => (await listClaims(warehouse, { ...drillQuery, asOf: a.date, resolvedFrom: w.from, resolvedTo: w.to, ...q }, {})).total;
    const cells: [string, number | null, number][] = [];
    for (const [by, filter] of [['denial_category', 'denialCategory'], ['cpt', 'deniedCpt']] as const) {
      const overturns = await get('denial_overturn_rate', a.date, w, by);
      const open = await get('open_denials', a.date, undefined, by);
      expect(overturns.breakdown!.length, by).toBeGreaterThan(2);
      for (const b of overturns.breakdown!) {
        cells.push([`${by} ${b.key} overturned`, b.numerator, await drill({ outcome: 'overturned', [filter]: b.key! })]);
        cells.push([`${by} ${b.key} written off`, b.denominator! - b.numerator!, await drill({ outcome: 'written_off', [filter]: b.key! })]);
      }
      for (const b of open.breakdown!) cells.push([`${by} ${b.key} open`, b.value, await drill({ outcome: 'open', [filter]: b.key! })]);
    }
    for (const [cell, expected, found] of cells) expect(found, cell).toBe(expected);
    expect(await drill({ outcome: 'open' })).toBe(a.openDenials.count);
  });

  it('denials open at each as-of date: count and balance, by denial category and by age since the first denial', snapshot(async (a) => {
    const o = a.openDenials;
    expect(truth.asOf.some((x) => x.openDenials.count > 0)).toBe(true);
    expect([(await get('open_denials', a.date)).value, cents((await get('open_denial_dollars', a.date)).value)], a.date).toEqual([o.count, o.amount]);
    for (const [by, expected] of [['denial_category', o.byCategory], ['bucket', o.byAge]] as const) {
      const [claims, dollars] = await Promise.all([get('open_denials', a.date, undefined, by), get('open_denial_dollars', a.date, undefined, by)]);
      const found = Object.fromEntries(claims.breakdown!.map((b) => [b.key, { count: b.value, amount: cents(dollars.breakdown!.find((d) => d.key === b.key)?.value) }]));
      expect(found, `${by} ${a.date}`).toEqual(expected);
    }
  }));

  it('front-end rejections: rate in count and dollars, by reason code and by payer; resubmission lag', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    if (name === 'ttm' && asOf === truth.asOf.at(-1)!.date) {
      // the demo rejects at both ends: a 999 set with its IK3 / IK4 errors, and 277CA statuses, then sends again
      expect(Object.keys(t.rejectionRate.byReason), where).toEqual(expect.arrayContaining(['999 IK3 NM1:8', '999 IK4 67:7', '999 IK5 R:5', '277CA A7:33:IL']));
      expect(t.resubmissionLagDays.n, where).toBeGreaterThan(10);
    }
    const rate = await get('rejection_rate', asOf, w);
    expect([pair(rate), dollars(rate)], where).toEqual([
      [t.rejectionRate.count.numerator, t.rejectionRate.count.denominator], [t.rejectionRate.amount.numerator, t.rejectionRate.amount.denominator],
    ]);
    const byReason = await get('rejection_rate', asOf, w, 'rejection_reason');
    expect(Object.fromEntries(byReason.breakdown!.map((b) => [b.key, { count: b.numerator, amount: cents(b.dollars?.numerator) }])), where).toEqual(t.rejectionRate.byReason);
    const byPayer = await get('rejection_rate', asOf, w, 'payer');
    expect(Object.fromEntries(byPayer.breakdown!.map((b) => [b.key, [b.numerator, b.denominator]])), where)
      .toEqual(Object.fromEntries(Object.entries(t.rejectionRate.byPayer).map(([p, r]) => [p, [r.numerator, r.denominator]])));
    const lag = await get('resubmission_lag_days', asOf, w);
    expect([lag.n ?? 0, lag.value, lag.p90 ?? null], where).toEqual([t.resubmissionLagDays.n, t.resubmissionLagDays.median, t.resubmissionLagDays.p90]);
  }));

  it('claims still rejected at each as-of date: count, balance, by reason, and the rejected work queue’s claims', snapshot(async (a) => {
    expect(truth.asOf.some((x) => x.stillRejected.count > 0)).toBe(true);
    const still = await get('still_rejected', a.date);
    expect([still.numerator, cents(still.dollars?.numerator)], a.date).toEqual([a.stillRejected.count, a.stillRejected.amount]);
    const byReason = await get('still_rejected', a.date, undefined, 'rejection_reason');
    expect(Object.fromEntries(byReason.breakdown!.map((b) => [b.key, { count: b.numerator, amount: cents(b.dollars?.numerator) }])), a.date).toEqual(a.stillRejected.byReason);
    const queue = (await workQueues(warehouse, a.date)).filter((r) => r.queue === 'rejected');
    expect([queue.length, queue.reduce((s, r) => s + cents(Number(r.balance))!, 0)], a.date).toEqual([still.numerator, cents(still.dollars?.numerator)]);
    expect(queue.map((r) => r.claim_id).sort(), a.date).toEqual(a.stillRejected.claims);
    const drill = await listClaims(warehouse, { ...drillQuery, asOf: a.date, stillRejected: true }, {});
    expect(drill.total, a.date).toBe(still.numerator);
  }));

  it('drills from a rejection reason to exactly its claims', async () => {
    const a = truth.asOf.at(-1)!;
    const w = a.windows.ttm;
    const rate = await get('rejection_rate', a.date, w, 'rejection_reason');
    let equal = 0;
    for (const [code, claims] of Object.entries(w.rejectionRate.claimsByReason)) {
      const drill = await listClaims(warehouse, { ...drillQuery, asOf: a.date, rejectionReason: code, submittedFrom: w.from, submittedTo: w.to }, {});
      expect(drill.total, code).toBe(claims);
      // a claim rejected twice for one reason is one claim of the drill and two submissions of the rate
      const sends = rate.breakdown!.find((b) => b.key === code)!.numerator;
      if (claims === sends) equal++;
      else expect(claims, code).toBeLessThan(sends!);
    }
    expect(equal).toBeGreaterThan(0);
  });

  it('net and gross collection rates', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    const net = await get('net_collection_rate', asOf, w);
    expect([cents(net.numerator), cents(net.denominator)], where).toEqual([t.netCollectionRate.numerator, t.netCollectionRate.denominator]);
    const gross = await get('gross_collection_rate', asOf, w);
    expect([cents(gross.numerator), cents(gross.denominator)], where).toEqual([t.grossCollectionRate.numerator, t.grossCollectionRate.denominator]);
    expect(cents((await get('net_revenue', asOf, w)).value), where).toBe(t.netRevenue);
    const byClass = await get('adjustments', asOf, w, 'adjustment_class');
    expect(Object.fromEntries(byClass.breakdown!.map((b) => [b.key, cents(b.value)])), where)
      .toEqual(Object.fromEntries(Object.entries(t.adjustmentsByClass).filter(([, amount]) => amount !== 0)));
  }));

  it('payer lag by payer and charge lag: n, median and p90', windows(async (w, t, asOf, name) => {
    const where = `${name} ending ${asOf}`;
    const close = (r: { value: number | null; p90?: number | null; n?: number }, q: { n: number; median: number | null; p90: number | null }, label: string) => {
      expect(r.n ?? 0, label).toBe(q.n);
      if (q.n === 0) return;
      expect(Math.abs(r.value! - q.median!), label).toBeLessThanOrEqual(0.01);
      expect(Math.abs(r.p90! - q.p90!), label).toBeLessThanOrEqual(0.01);
    };
    close(await get('payer_lag_days', asOf, w), t.payerLagDays.overall, `${where} payer lag`);
    close(await get('charge_lag_days', asOf, w), t.chargeLagDays, `${where} charge lag`);
    const byPayer = await get('payer_lag_days', asOf, w, 'payer');
    for (const [payer, q] of Object.entries(t.payerLagDays.byPayer)) {
      const row = byPayer.breakdown!.find((b) => b.key === payer) ?? { value: null, p90: null, n: 0 };
      close(row, q, `${where} payer lag ${payer}`);
    }
  }));

  it('collections by month tie to the remittances and the postings', async () => {
    for (const m of truth.monthly) {
      const r = await get('collections', truth.asOf.at(-1)!.date, { from: m.from, to: m.to }, 'kind');
      const kind = (k: string) => cents(r.breakdown!.find((b) => b.key === k)?.numerator) ?? 0;
      expect([kind('insurance_paid'), kind('patient_payment'), 0 - kind('refund'), kind('plb_interest'), 0 - kind('plb_recoupment')], m.month).toEqual(
        [m.collections.insurancePayments, m.collections.patientPayments, m.collections.refunds, m.collections.plbInterest, m.collections.plbRecoupments]);
    }
  });

  it('finds the planted coding patterns at the top of the denial patterns', async () => {
    const asOf = truth.asOf.at(-1)!.date;
    const { patterns } = await findDenialPatterns(warehouse, { window: windowFor('ttm', asOf), minClaims: 5, limit: 8 });
    const planted = truth.patterns.map((p) => p.definition!);
    expect(planted.length).toBe(3);
    // every pattern in the top five is a planted one, and every planted one is there
    const top = patterns.slice(0, 5);
    for (const found of top) expect(planted.some((p) => isPlanted(found, p)), found.label).toBe(true);
    for (const p of planted) expect(top.some((found) => isPlanted(found, p)), p.name).toBe(true);
    for (const found of top) {
      expect(found.lower_bound).toBeGreaterThan(found.baseline_rate);
      expect(found.example_claims.length).toBeGreaterThan(0);
    }
    // each names its owner and fix; Summit's is the code pair, over every claim the truth counts
    expectOwnersAndFixes(top, planted);
    expectSummitPair(top);
    await expectSummitCoverage(warehouse, truth, '2024-10-01');
  });

  it('expected payment by payer × code × month is truth.json’s, and the planted underpayment is the only one beyond the tolerance', async () => {
    const t = truth.underpayment;
    // every record of the dataset, judged on those that stand at its end
    const all = { asOf: '2099-12-31', from: '2000-01-01', to: '2099-12-31' };
    const ask = (id: string, by: Dimension[], payer?: string) =>
      computeMetric(warehouse, metric(id)!, { ...all, by, filters: payer ? { payer } : undefined });
    const found: Record<string, { lines: number; expected: number; underpaidLines: number; underpaid: number }> = {};
    for (const payer of [...new Set(t.byPayerCodeMonth.map((c) => c.payerId))]) {
      const [rate, lines, underpaid] = await Promise.all([ask('underpayment_rate', ['cpt', 'month'], payer), ask('schedule_coverage', ['cpt', 'month'], payer), ask('underpaid_lines', ['cpt', 'month'], payer)]);
      // a cell of denied or unpriced lines alone has no line to judge: truth.json has none
      for (const r of rate.breakdown!.filter((b) => lines.breakdown!.find((l) => l.key === b.key)!.numerator! > 0)) {
        found[`${payer} × ${r.key}`] = {
          lines: lines.breakdown!.find((b) => b.key === r.key)!.numerator!, expected: cents(r.denominator)!,
          underpaidLines: underpaid.breakdown!.find((b) => b.key === r.key)?.value ?? 0, underpaid: cents(r.numerator)!,
        };
      }
    }
    const cells = Object.fromEntries(t.byPayerCodeMonth.map((c) => [`${c.payerId} × ${c.procedureCode} × ${c.month}`, { lines: c.lines, expected: c.expected, underpaidLines: c.underpaidLines, underpaid: c.underpaid }]));
    expect(found).toEqual(cells);
    // the planted one: its lines and dollars, and no other payer or code with a line underpaid beyond the tolerance
    expect(t.planted).not.toBeNull();
    expect(t.planted!.lines).toBeGreaterThan(0);
    const byCode = await ask('underpaid_lines', ['payer', 'cpt']);
    expect(byCode.breakdown!.filter((b) => (b.value ?? 0) > 0).map((b) => [b.key, b.value])).toEqual([[`${t.planted!.payerId} × ${t.planted!.procedureCode}`, t.planted!.lines]]);
    expect(cents((await ask('underpaid_dollars', [], t.planted!.payerId)).value)).toBe(t.planted!.underpaid);
  }, 120_000);

  it('bounds a rate with the Wilson score interval', () => {
    expect(wilsonLowerBound(5, 10)).toBeCloseTo(0.2366, 4);
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.7225, 4);
  });
  it('tells each claim’s balance in its ledger (rcm claim show) as the models do, on every date', async () => {
    // the balance after the last event of each date in the history, against mart_claim_balance on that date
    const differences = await warehouse.all(
      `WITH ledger AS (
         SELECT claim_id, event_date, last(balance ORDER BY event_rank, file_id, position) AS balance
         FROM mart_claim_history WHERE event_date IS NOT NULL GROUP BY ALL
       )
       SELECT l.claim_id, l.event_date, l.balance::VARCHAR AS ledger, m.total_balance::VARCHAR AS model
       FROM ledger l
       LEFT JOIN mart_claim_balance m ON m.claim_id = l.claim_id AND m.valid_from <= l.event_date AND (m.valid_to IS NULL OR l.event_date < m.valid_to)
       WHERE l.balance IS DISTINCT FROM coalesce(m.total_balance, 0)
       ORDER BY ALL LIMIT 5`,
    );
    expect(differences).toEqual([]);
    expect(await warehouse.one("SELECT count(*) AS n FROM mart_claim_history WHERE event = 'patient billed'")).toEqual({ n: expect.toSatisfy((n: bigint) => n > 100n) });
  }, 60_000);
  it('narrows every metric to a provider or a location exactly as its breakdown by that dimension counts them', async () => {
    const asOf = truth.asOf.at(-1)!.date;
    for (const [dimension, filter] of [['provider', 'provider'], ['location', 'location']] as const) {
      for (const m of METRICS.filter((x) => x.breakdowns.includes(dimension))) {
        const by = await computeMetric(warehouse, m, { asOf, by: [dimension] });
        const rows = (by.breakdown ?? []).filter((b) => b.key !== null).slice(0, 3);
        expect(rows.length, `${m.id} by ${dimension}`).toBeGreaterThan(0);
        for (const row of rows) {
          const one = await computeMetric(warehouse, m, { asOf, filters: { [filter]: String(row.key) } });
          expect([one.value, one.numerator, one.denominator], `${m.id} for ${dimension} ${row.key}`).toEqual([row.value, row.numerator, row.denominator]);
        }
      }
    }
  }, 120_000);
});
