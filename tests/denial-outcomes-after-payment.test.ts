// The denial outcomes of claims denied only after a payment (tests/support/denial-after-payment-case.ts), through
// files → ingest → models → metrics and the claim list's drill. One payer (ACME); every date below is an 835's
// BPR16 or a posting's date:
//   HC-D  $200 (73721): paid in full 03-01 (balance 0), reversed and denied CO 197 (authorization) 04-01,
//         appealed 04-10, paid again 05-15 → its denial resolved and overturned 05-15, 44 days after the
//         denial (30 + 14), 9 days from denial to appeal
//   HC-E  $150 (99213): paid $90 with PR 2 $30 on 03-03, its resubmission denied OA 18 (a duplicate) 04-07,
//         the patient pays $30 on 05-10 → its first denial is a duplicate: in no outcome
//   HC-F  $100 (99213): paid in full 03-05, reversed and denied CO 50 (medical necessity) 04-03, written off
//         (DENIAL) 05-20 → resolved 47 days after the denial (27 + 20), not overturned; $100.00 written off
// D and F were resolved (balance 0) before they were ever denied: the outcomes start at the denial. All three
// were first adjudicated in Q1 with nothing denied, so the initial rates (the first adjudication's) deny none.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type BreakdownRow, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { listClaims } from '../warehouse/queries/claim-list.ts';
import { denialAfterPaymentFiles } from './support/denial-after-payment-case.ts';
import { caseWarehouse } from './support/case-warehouse.ts';
import { tempDir } from './support/temp.ts';

const Q1 = { asOf: '2025-03-31' };
const Q2 = { asOf: '2025-06-30' };

const cents = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));
const count = (r: MetricResult | BreakdownRow) => [r.numerator, r.denominator, r.value];
const quantiles = (r: MetricResult | BreakdownRow) => ({ n: r.n, median: r.value, p90: r.p90 });
const byKey = <T>(r: MetricResult, f: (b: BreakdownRow) => T) => Object.fromEntries((r.breakdown ?? []).map((b) => [b.key, f(b)]));

describe('denial outcomes: claims denied after a payment', () => {
  const dir = tempDir('rcm-outcomes-after-payment-');
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await caseWarehouse(dir, denialAfterPaymentFiles(), 'outcomes.duckdb');
  }, 60_000);

  const get = (id: string, at: { asOf: string; from?: string; to?: string }, by?: Dimension) =>
    computeMetric(warehouse, metric(id)!, { asOf: at.asOf, from: at.from, to: at.to, by: by ? [by] : undefined });

  it('Q2: the overturn rate is 1/2 (D overturned, F written off), each by the cause of its first denial; E, first denied as a duplicate, is in neither', async () => {
    expect(count(await get('denial_overturn_rate', Q2))).toEqual([1, 2, 0.5]);
    expect(byKey(await get('denial_overturn_rate', Q2, 'denial_category'), count)).toEqual({ authorization: [1, 1, 1], medical_necessity: [0, 1, 0] });
    expect(byKey(await get('denial_overturn_rate', Q2, 'carc'), count)).toEqual({ 197: [1, 1, 1], 50: [0, 1, 0] });
    expect(byKey(await get('denial_overturn_rate', Q2, 'cpt'), count)).toEqual({ 73721: [1, 1, 1], 99213: [0, 1, 0] });
    // the month of the denial's resolution (D 05-15, F 05-20), not of the payments before it
    expect(byKey(await get('denial_overturn_rate', Q2, 'month'), count)).toEqual({ '2025-05': [1, 2, 0.5] });
  });

  it('Q2: days to resolution from the denial, median of (44, 47) = 45.5, p90 44 + 0.9 × 3 = 46.7; days to appeal 9', async () => {
    expect(quantiles(await get('days_to_resolution', Q2))).toEqual({ n: 2, median: 45.5, p90: 46.7 });
    expect(byKey(await get('days_to_resolution', Q2, 'denial_category'), quantiles)).toEqual({
      authorization: { n: 1, median: 44, p90: 44 }, medical_necessity: { n: 1, median: 47, p90: 47 },
    });
    expect(byKey(await get('days_to_resolution', Q2, 'appealed'), quantiles)).toEqual({ yes: { n: 1, median: 44, p90: 44 }, no: { n: 1, median: 47, p90: 47 } });
    expect(quantiles(await get('days_to_appeal', Q2))).toEqual({ n: 1, median: 9, p90: 9 });
    expect(byKey(await get('days_to_appeal', Q2, 'carc'), quantiles)).toEqual({ 197: { n: 1, median: 9, p90: 9 } });
  });

  it('open denials: on 04-20, D (19 days, $200) and F (17 days, $100), not E; on 05-17, F alone (44 days); on 06-30, none', async () => {
    const at = { asOf: '2025-04-20' };
    expect([(await get('open_denials', at)).value, cents((await get('open_denial_dollars', at)).value)]).toEqual([2, 30000]);
    expect(byKey(await get('open_denial_dollars', at, 'denial_category'), (b) => cents(b.value))).toEqual({ authorization: 20000, medical_necessity: 10000 });
    expect(byKey(await get('open_denials', at, 'bucket'), (b) => b.value)).toEqual({ '0-30': 2 });
    expect(byKey(await get('open_denial_dollars', { asOf: '2025-05-17' }, 'bucket'), (b) => cents(b.value))).toEqual({ '31-60': 10000 });
    expect((await get('open_denials', Q2)).value).toBe(0);
  });

  it('denial write-offs: F’s $100.00 under the cause of its first denial, not (unknown)', async () => {
    const by = async (d: Dimension) => byKey(await get('denial_write_offs', Q2, d), (b) => cents(b.value));
    expect([await by('denial_category'), await by('carc'), await by('cpt')]).toEqual([{ medical_necessity: 10000 }, { 50: 10000 }, { 99213: 10000 }]);
  });

  it('Q1: the initial rates keep the first adjudication, which denied none of the three', async () => {
    expect(count(await get('initial_denial_rate', Q1))).toEqual([0, 3, 0]);
    expect(count(await get('duplicate_denials', Q1))).toEqual([0, 3, 0]);
    expect(byKey(await get('initial_denial_rate', Q1, 'denial_category'), count)).toEqual({});
  });

  it('the claim list drills from each outcome to its claims, with the denial’s causes and resolution', async () => {
    const drill = async (q: Partial<Parameters<typeof listClaims>[1]>) => (await listClaims(warehouse, {
      asOf: '2025-06-30', status: 'any', sort: 'claim_id', order: 'asc', limit: 50, offset: 0, ...q,
    }, {})).rows.map((r) => [r.claim_id, r.resolved_date, r.denial_categories]);
    expect(await drill({ outcome: 'overturned' })).toEqual([['HC-D', '2025-05-15', ['authorization']]]);
    expect(await drill({ outcome: 'written_off' })).toEqual([['HC-F', '2025-05-20', ['medical_necessity']]]);
    expect(await drill({ outcome: 'written_off', deniedCpt: '99213', carc: '50' })).toEqual([['HC-F', '2025-05-20', ['medical_necessity']]]);
    expect(await drill({ asOf: '2025-04-20', outcome: 'open' })).toEqual([['HC-D', null, ['authorization']], ['HC-F', null, ['medical_necessity']]]);
    expect(await drill({ asOf: '2025-04-20', outcome: 'open', denialCategory: 'authorization' })).toEqual([['HC-D', null, ['authorization']]]);
  });
});
