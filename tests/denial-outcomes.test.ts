// The denial lifecycle's hand case (tests/support/denial-lifecycle-case.ts), through files → ingest → models →
// metrics, the API (metrics and the claim list's drill) and the CLI. One payer (ACME); every date below is an 835's BPR16 or a posting's date:
//   HC-A  $200 (73721), denied CO 197 (authorization) on 2025-03-01; appealed 2025-03-20 (the appeal log);
//         the denial reversed and the claim paid $120 with CO 45 $80 on 2025-05-01 → balance 0: resolved and
//         overturned 05-01, 61 days after the denial
//   HC-B  $300 (99214), denied CO 50 (medical necessity) on 2025-03-05; written off (DENIAL: class denial)
//         2025-06-01 → resolved 06-01, 88 days after the denial, not overturned
//   HC-C  $150 (99213), denied OA 18 (a duplicate) on 2025-03-10; written off (DUPLICATE: class duplicate)
//         2025-03-20 → resolved, but a duplicate denial: counted among duplicates only
// All three were sent on 2025-02-15 and first adjudicated in Q1.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/database.ts';
import { computeMetric, type BreakdownRow, type MetricResult } from '../warehouse/metrics/compute.ts';
import type { Dimension } from '../warehouse/metrics/metric.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { denialLifecycleFiles } from './support/denial-lifecycle-case.ts';
import { rcmHere } from './support/cli-here.ts';
import { addUser, createToken } from '../access/users.ts';
import { createApp } from '../server/app.ts';
import { caseWarehouse } from './support/case-warehouse.ts';
import { tempDir } from './support/temp.ts';

const Q1 = { asOf: '2025-03-31' };
const Q2 = { asOf: '2025-06-30' };

const cents = (dollars: number | null | undefined) => (dollars === null || dollars === undefined ? null : Math.round(dollars * 100));
const count = (r: MetricResult | BreakdownRow) => [r.numerator, r.denominator, r.value];
const quantiles = (r: MetricResult | BreakdownRow) => ({ n: r.n, median: r.value, p90: r.p90 });
const byKey = <T>(r: MetricResult, f: (b: BreakdownRow) => T) => Object.fromEntries((r.breakdown ?? []).map((b) => [b.key, f(b)]));

describe('denial outcomes: the hand case', () => {
  const dir = tempDir('rcm-outcomes-');
  const db = join(dir, 'outcomes.duckdb');
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await caseWarehouse(dir, denialLifecycleFiles(), 'outcomes.duckdb');
  }, 60_000);

  const get = (id: string, at: { asOf: string; from?: string; to?: string }, by?: Dimension) =>
    computeMetric(warehouse, metric(id)!, { asOf: at.asOf, from: at.from, to: at.to, by: by ? [by] : undefined });

  it('Q2: the overturn rate is 1/2 (A overturned, B written off); C, a duplicate, is in neither', async () => {
    expect(count(await get('denial_overturn_rate', Q2))).toEqual([1, 2, 0.5]);
    // a window holding C's resolution (03-20) too: still 1/2, C being a duplicate
    expect(count(await get('denial_overturn_rate', { asOf: '2025-06-30', from: '2025-01-01', to: '2025-06-30' }))).toEqual([1, 2, 0.5]);
    expect(byKey(await get('denial_overturn_rate', Q2, 'denial_category'), count)).toEqual({ authorization: [1, 1, 1], medical_necessity: [0, 1, 0] });
    expect(byKey(await get('denial_overturn_rate', Q2, 'carc'), count)).toEqual({ 197: [1, 1, 1], 50: [0, 1, 0] });
    // the CPT of each claim's denied line; the month of the resolution (A 05-01, B 06-01)
    expect(byKey(await get('denial_overturn_rate', Q2, 'cpt'), count)).toEqual({ 73721: [1, 1, 1], 99214: [0, 1, 0] });
    expect(byKey(await get('denial_overturn_rate', Q2, 'month'), count)).toEqual({ '2025-05': [1, 1, 1], '2025-06': [0, 1, 0] });
    expect(byKey(await get('denial_overturn_rate', Q2, 'payer'), count)).toEqual({ ACME: [1, 2, 0.5] });
    // narrowed to one category's denials, both sides of the rate: the category's row
    const authorization = await computeMetric(warehouse, metric('denial_overturn_rate')!, { asOf: Q2.asOf, filters: { denialCategory: 'authorization' } });
    expect(count(authorization)).toEqual([1, 1, 1]);
    const medical = await computeMetric(warehouse, metric('denial_write_offs')!, { asOf: Q2.asOf, filters: { denialCategory: 'medical_necessity' } });
    expect(cents(medical.value)).toBe(30000);
    expect(cents((await computeMetric(warehouse, metric('denial_write_offs')!, { asOf: Q2.asOf, filters: { carc: '197' } })).value)).toBe(0);
  });

  it('denial write-offs are $300.00, not $450: C’s write-off is of a duplicate', async () => {
    expect(cents((await get('denial_write_offs', Q2)).value)).toBe(30000);
    // a window holding C's write-off of 03-20 too
    expect(cents((await get('denial_write_offs', { asOf: '2025-06-30', from: '2025-01-01', to: '2025-06-30' })).value)).toBe(30000);
    // by the cause of the first denial: B's category, CARC and denied CPT
    const by = async (d: Dimension) => byKey(await get('denial_write_offs', Q2, d), (b) => cents(b.value));
    expect([await by('denial_category'), await by('carc'), await by('cpt')]).toEqual([{ medical_necessity: 30000 }, { 50: 30000 }, { 99214: 30000 }]);
  });

  it('Q1: C is counted only among duplicates, never in the initial denial rate', async () => {
    expect(count(await get('duplicate_denials', Q1))).toEqual([1, 3, 0.333333]);
    expect(count(await get('initial_denial_rate', Q1))).toEqual([2, 2, 1]);
  });

  it('Q2: days to resolution, median of (61, 88) = 74.5, p90 61 + 0.9 × 27 = 85.3; by category and by appeal', async () => {
    expect(quantiles(await get('days_to_resolution', Q2))).toEqual({ n: 2, median: 74.5, p90: 85.3 });
    expect(byKey(await get('days_to_resolution', Q2, 'denial_category'), quantiles)).toEqual({
      authorization: { n: 1, median: 61, p90: 61 }, medical_necessity: { n: 1, median: 88, p90: 88 },
    });
    // A was appealed (03-20, before its resolution), B never
    expect(byKey(await get('days_to_resolution', Q2, 'appealed'), quantiles)).toEqual({ yes: { n: 1, median: 61, p90: 61 }, no: { n: 1, median: 88, p90: 88 } });
  });

  it('days to appeal: A’s appeal of 03-20 is in Q1 (19 days after its denial of 03-01), so Q1 holds it and Q2 has none', async () => {
    expect(quantiles(await get('days_to_appeal', Q1))).toEqual({ n: 1, median: 19, p90: 19 });
    expect(byKey(await get('days_to_appeal', Q1, 'denial_category'), quantiles)).toEqual({ authorization: { n: 1, median: 19, p90: 19 } });
    const q2 = await get('days_to_appeal', Q2);
    expect([q2.n, q2.value, q2.unavailable_reason]).toEqual([0, null, 'no claims in the window']);
  });

  it('open denials: on 04-02, A (32 days since its denial, $200) and B (28 days, $300); on 05-15, B alone; on 06-30, none', async () => {
    const at = { asOf: '2025-04-02' };
    expect((await get('open_denials', at)).value).toBe(2);
    expect(cents((await get('open_denial_dollars', at)).value)).toBe(50000);
    expect(byKey(await get('open_denials', at, 'bucket'), (b) => b.value)).toEqual({ '0-30': 1, '31-60': 1 });
    expect(byKey(await get('open_denial_dollars', at, 'bucket'), (b) => cents(b.value))).toEqual({ '0-30': 30000, '31-60': 20000 });
    expect(byKey(await get('open_denial_dollars', at, 'denial_category'), (b) => cents(b.value))).toEqual({ authorization: 20000, medical_necessity: 30000 });
    expect(byKey(await get('open_denials', { asOf: '2025-05-15' }, 'bucket'), (b) => b.value)).toEqual({ '61-90': 1 });
    expect((await get('open_denials', Q2)).value).toBe(0);
  });

  it('GET /api/claims drills from each cell of the outcomes table to its claims', async () => {
    await addUser(warehouse, 'lead', 'admin', 'a long enough password', []);
    const { token } = await createToken(warehouse, 'lead', 'test');
    const app = createApp(warehouse);
    const claims = async (params: Record<string, string>) => {
      const response = await app.request(`/api/claims?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, JSON.stringify(params)).toBe(200);
      return ((await response.json()) as { rows: { claim_id: string }[] }).rows.map((r) => r.claim_id).sort();
    };
    // Q2 (the quarter ending at the as-of date, by default): A overturned, B written off; C is a duplicate
    expect(await claims({ as_of: '2025-06-30', outcome: 'overturned' })).toEqual(['HC-A']);
    expect(await claims({ as_of: '2025-06-30', outcome: 'written_off' })).toEqual(['HC-B']);
    expect(await claims({ as_of: '2025-06-30', outcome: 'written_off', resolved_from: '2025-01-01', resolved_to: '2025-06-30' })).toEqual(['HC-B']);
    expect(await claims({ as_of: '2025-06-30', outcome: 'written_off', denied_cpt: '73721' })).toEqual([]);
    expect(await claims({ as_of: '2025-06-30', outcome: 'overturned', denied_cpt: '73721', denial_category: 'authorization' })).toEqual(['HC-A']);
    expect(await claims({ as_of: '2025-04-02', outcome: 'open' })).toEqual(['HC-A', 'HC-B']);
    expect(await claims({ as_of: '2025-04-02', outcome: 'open', carc: '50' })).toEqual(['HC-B']);
    expect(await claims({ as_of: '2025-06-30', outcome: 'open' })).toEqual([]);
    // as of 05-15 A is overturned (05-01) and B not yet resolved (06-01): a window reaching past the as-of date ends at it
    expect(await claims({ as_of: '2025-05-15', outcome: 'written_off', resolved_from: '2025-04-01', resolved_to: '2025-06-30' })).toEqual([]);
    expect(await claims({ as_of: '2025-05-15', outcome: 'overturned', resolved_from: '2025-04-01', resolved_to: '2025-06-30' })).toEqual(['HC-A']);
    const refused = await app.request('/api/claims?outcome=appealed', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(400);
    // and GET /api/metrics answers the outcome metrics through the registry
    const metrics = await app.request('/api/metrics?as_of=2025-06-30&metric=days_to_resolution,denial_overturn_rate&by=denial_category', { headers: { authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    const answer = ((await metrics.json()) as { metrics: Record<string, MetricResult> }).metrics;
    expect(quantiles(answer.days_to_resolution)).toEqual({ n: 2, median: 74.5, p90: 85.3 });
    expect(byKey(answer.denial_overturn_rate, count)).toEqual({ authorization: [1, 1, 1], medical_necessity: [0, 1, 0] });
  });

  describe('through the CLI', () => {
    beforeAll(() => warehouse.close());

    it('rcm metrics answers days_to_resolution by denial category', async () => {
      const run = await rcmHere('metrics', '--db', db, '--as-of', '2025-06-30', '--metric', 'days_to_resolution', '--by', 'denial_category', '--json');
      expect(run.status, run.stderr).toBe(0);
      const r = JSON.parse(run.stdout).metrics.days_to_resolution;
      expect([r.value, r.p90, r.n]).toEqual([74.5, 85.3, 2]);
      expect(r.breakdown.map((b: BreakdownRow) => [b.key, b.value])).toEqual([['authorization', 61], ['medical_necessity', 88]]);
    });

    it('rcm work set … --status appealed changes days_to_appeal at once, without a rebuild', async () => {
      // the work state's change is dated when it is made: the window runs from the denials to that day
      const set = await rcmHere('work', 'set', 'HC-B', '--status', 'appealed', '--db', db);
      expect(set.status, set.stderr).toBe(0);
      const w = await Warehouse.open(db);
      const { day, days } = (await w.one<{ day: string; days: number }>(
        "SELECT strftime(CAST(changed_at AS DATE), '%Y-%m-%d') AS day, CAST(CAST(changed_at AS DATE) - DATE '2025-03-05' AS INTEGER) AS days FROM work_state_event WHERE claim_id = 'HC-B'"))!;
      w.close();
      const run = await rcmHere('metrics', '--db', db, '--as-of', day, '--from', '2025-01-01', '--to', day, '--metric', 'days_to_appeal', '--json');
      expect(run.status, run.stderr).toBe(0);
      const r = JSON.parse(run.stdout).metrics.days_to_appeal;
      // A from the log (19 days), B from the work state (its denial of 03-05 to the day of the change)
      expect([r.n, r.value]).toEqual([2, (19 + days) / 2]);
    });
  });
});
