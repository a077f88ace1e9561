// GET /api/metrics asked through app.request() over a real warehouse: a breakdown a metric cannot give is
// refused with the breakdowns it can (never answered as the headline); a denial category or CARC narrows
// the denial rates' numerators, checked against counts taken from the marts, and is refused for the others;
// a trend gives each month end's value in the headline's window.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../../demo/dataset/write-dataset.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { tempDir, tempWarehouse } from '../../tests/support/temp.ts';
import { createApp } from '../app.ts';
import { addUser, createToken } from '../../access/users.ts';
import { DenialPatterns } from '../../kernel/api/metrics.ts';
import { patternLabel } from '../../warehouse/patterns/denial-patterns.ts';
import { crosswalkCategories } from '../../tests/support/planted-patterns.ts';

const AS_OF = '2025-05-31';
/** The quarter to the as-of date: the initial denial rates' default window. */
const QUARTER = { from: '2025-03-01', to: '2025-05-31' };

describe('GET /api/metrics: breakdowns and denial filters', () => {
  const dir = tempDir('rcm-metrics-route-');
  let app: ReturnType<typeof createApp>;
  let warehouse: Warehouse;
  let token = '';

  beforeAll(async () => {
    const out = join(dir, 'files');
    await writeDataset({ seed: 4, claims: 500, months: 5, start: '2025-01-01', out });
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(out, f)));
    await buildModels(warehouse);
    await addUser(warehouse, 'root', 'admin', 'a long enough password', []);
    token = (await createToken(warehouse, 'root', 'test')).token;
    app = createApp(warehouse);
  }, 120_000);

  const get = (params: Record<string, string>) => app.request(`/api/metrics?${new URLSearchParams({ as_of: AS_OF, ...params })}`, { headers: { authorization: `Bearer ${token}` } });
  const ok = async (params: Record<string, string>) => {
    const response = await get(params);
    expect(response.status, JSON.stringify(params)).toBe(200);
    return (await response.json()) as { metrics: Record<string, any> };
  };
  const refused = async (params: Record<string, string>) => {
    const response = await get(params);
    expect(response.status, JSON.stringify(params)).toBe(400);
    return ((await response.json()) as { error: { message: string } }).error.message;
  };

  it('refuses a breakdown a metric asked cannot give, naming what each of them can', async () => {
    expect(await refused({ metric: 'days_in_ar_net', by: 'month' })).toBe('by=month: days_in_ar_net cannot be broken down by month; it has no breakdown');
    const message = await refused({ metric: 'initial_denial_rate,ar_over_90_pct,ar_aging', by: 'month' });
    expect(message).toContain('ar_over_90_pct cannot be broken down by month; it can by payer, payer_name, provider, provider_name, location');
    expect(message).toContain('ar_aging cannot be broken down by month; it can by bucket');
    expect(message).not.toContain('initial_denial_rate');
    // every metric (no metric= given) is asked, so a breakdown only some allow is refused too
    expect(await refused({ by: 'payer' })).toContain('days_in_ar_net cannot be broken down by payer');
    expect(await refused({ metric: 'initial_denial_rate', by: 'denial_category,carc' })).toBe('by=denial_category,carc: initial_denial_rate cannot cross denial_category with carc (two lists of the same denials)');
    expect(await refused({ metric: 'payer_lag_days', by: 'denial_category' })).toContain('payer_lag_days cannot be broken down by denial_category');
  });

  it('answers the issue’s examples: overturns by denial category, line denials by CPT × category, collections by kind × month in one request', async () => {
    const answer = async (metric: string, by: string) => (await ok({ metric, by })).metrics[metric].breakdown as { key: string; numerator: number }[];
    expect((await answer('denial_overturn_rate', 'denial_category')).length).toBeGreaterThan(0);
    expect((await answer('initial_denial_rate_line', 'cpt,denial_category')).every((r) => / × /.test(r.key))).toBe(true);
    const kinds = await answer('collections', 'kind,month');
    const byKind = await answer('collections', 'kind');
    for (const k of byKind) {
      const sum = kinds.filter((r) => r.key.startsWith(`${k.key} × `)).reduce((s, r) => s + r.numerator, 0);
      expect(Math.round(sum * 100), k.key).toBe(Math.round(k.numerator * 100));
    }
  });

  it('breaks a metric down by payer name, alone and crossed: the payer breakdown with each id named as mart_payer names it', async () => {
    const names = new Map((await warehouse.all<{ payer_id: string; payer_name: string }>('SELECT payer_id, payer_name FROM mart_payer')).map((p) => [p.payer_id, p.payer_name]));
    expect(names.size).toBeGreaterThan(1);
    const named = (key: string) => key.split(' × ').map((part, i) => (i === 0 ? names.get(part) ?? (part === 'patient' ? 'Patient' : `unnamed ${part}`) : part)).join(' × ');
    for (const [metric, by] of [['initial_denial_rate', 'payer'], ['collections', 'payer,month']]) {
      const ids = (await ok({ metric, by })).metrics[metric].breakdown as { key: string; numerator: number }[];
      const byName = (await ok({ metric, by: by.replace('payer', 'payer_name') })).metrics[metric].breakdown as { key: string; numerator: number }[];
      expect(ids.length, metric).toBeGreaterThan(1);
      expect(Object.fromEntries(byName.map((r) => [r.key, r.numerator])), metric).toEqual(Object.fromEntries(ids.map((r) => [named(r.key), r.numerator])));
    }
  });

  it('crosses a denial category with another dimension: the denied claims of each category over all the claims of the other key', async () => {
    const crossed = (await ok({ metric: 'initial_denial_rate', by: 'denial_category,payer' })).metrics.initial_denial_rate.breakdown as { key: string; numerator: number; denominator: number }[];
    const byPayer = (await ok({ metric: 'initial_denial_rate', by: 'payer' })).metrics.initial_denial_rate.breakdown as { key: string; denominator: number }[];
    const byCategory = (await ok({ metric: 'initial_denial_rate', by: 'denial_category' })).metrics.initial_denial_rate.breakdown as { key: string; numerator: number }[];
    expect(crossed.length).toBeGreaterThan(byCategory.length);
    for (const row of crossed) {
      const [category, payer] = row.key.split(' × ');
      expect(row.denominator, row.key).toBe(byPayer.find((p) => p.key === payer)!.denominator);
      expect(byCategory.some((c) => c.key === category), row.key).toBe(true);
    }
    for (const c of byCategory) {
      expect(crossed.filter((r) => r.key.startsWith(`${c.key} × `)).reduce((sum, r) => sum + r.numerator, 0), c.key).toBe(c.numerator);
    }
  });

  it('answers a breakdown every metric asked allows, and lists the allowed ones in each definition', async () => {
    const answer = await ok({ metric: 'initial_denial_rate,first_pass_yield', by: 'month' });
    for (const id of ['initial_denial_rate', 'first_pass_yield']) {
      expect(answer.metrics[id].breakdown.map((r: { key: string }) => r.key), id).toEqual(['2025-03', '2025-04', '2025-05']);
    }
    const plain = await ok({ metric: 'days_in_ar,days_in_ar_net,ar_aging' });
    expect(plain.metrics.days_in_ar_net.definition.breakdowns).toEqual([]);
    expect(plain.metrics.days_in_ar_net.breakdown).toBeUndefined();
    expect(plain.metrics.days_in_ar.definition.breakdowns).toEqual(['payer', 'payer_name']);
    expect(plain.metrics.ar_aging.definition.breakdowns).toEqual(['bucket']);
    expect(answer.metrics.initial_denial_rate.definition.breakdowns).toContain('month');
    // labels, short labels, formats and the metrics.md section come from the registry, for every page to show
    expect(answer.metrics.initial_denial_rate).toMatchObject({ label: 'Initial denial rate (claims)', short_label: 'Initial denial rate', format: 'pct1', definition: { section: 'The metrics' } });
    expect(plain.metrics.days_in_ar).toMatchObject({ short_label: 'Days in A/R', format: 'days' });
  });

  it('narrows the denial rates’ numerators to a denial category or a CARC, the denominator whole', async () => {
    // counted from the marts: claims first adjudicated in the quarter, not duplicates, first denied for the code
    const claims = async (condition: string) => Number((await warehouse.one<{ n: bigint }>(`SELECT count(*) AS n FROM mart_claim
      WHERE first_adjudicated_date BETWEEN DATE '${QUARTER.from}' AND DATE '${QUARTER.to}' AND NOT first_denied_as_duplicate AND ${condition}`))!.n);
    const all = await claims('true');
    const top = await warehouse.one<{ category: string; carc: string }>(`SELECT
        (SELECT c FROM (SELECT unnest(first_denial_categories) AS c FROM mart_claim WHERE first_denied) GROUP BY c ORDER BY count(*) DESC, c LIMIT 1) AS category,
        (SELECT c FROM (SELECT unnest(first_denial_carcs) AS c FROM mart_claim WHERE first_denied) GROUP BY c ORDER BY count(*) DESC, c LIMIT 1) AS carc`);
    const { category, carc } = top!;
    const deniedFor = await claims(`first_denied AND list_contains(first_denial_categories, '${category}')`);
    const deniedWith = await claims(`first_denied AND list_contains(first_denial_carcs, '${carc}')`);
    expect(deniedFor).toBeGreaterThan(0);
    expect(deniedFor).toBeLessThan(await claims('first_denied'));

    const byCategory = (await ok({ metric: 'initial_denial_rate', denial_category: category })).metrics.initial_denial_rate;
    expect([byCategory.numerator, byCategory.denominator]).toEqual([deniedFor, all]);
    expect(byCategory.value).toBeCloseTo(deniedFor / all, 6);
    const byCarc = (await ok({ metric: 'initial_denial_rate', carc })).metrics.initial_denial_rate;
    expect([byCarc.numerator, byCarc.denominator]).toEqual([deniedWith, all]);

    // by payer, each payer's share of its own claims denied for the category: the parts add up to the whole
    const perPayer = (await ok({ metric: 'initial_denial_rate', denial_category: category, by: 'payer' })).metrics.initial_denial_rate.breakdown as { numerator: number; denominator: number }[];
    expect(perPayer.reduce((s, r) => s + r.numerator, 0)).toBe(deniedFor);
    expect(perPayer.reduce((s, r) => s + r.denominator, 0)).toBe(all);

    // the line rate too: lines denied with the category, over every line first adjudicated
    const lines = async (condition: string) => Number((await warehouse.one<{ n: bigint }>(`SELECT count(*) AS n FROM mart_first_adjudication_line
      WHERE adjudication_date BETWEEN DATE '${QUARTER.from}' AND DATE '${QUARTER.to}' AND NOT claim_denied_as_duplicate AND ${condition}`))!.n);
    const line = (await ok({ metric: 'initial_denial_rate_line', denial_category: category })).metrics.initial_denial_rate_line;
    expect([line.numerator, line.denominator]).toEqual([await lines(`is_denied AND list_contains(denial_categories, '${category}')`), await lines('true')]);
  });

  it('trends a metric at each month end with the headline’s window, so that its last point is the headline', async () => {
    const ids = 'net_collection_rate,initial_denial_rate,days_in_ar';
    const answer = await ok({ metric: ids, trend: '3' });
    const ends = ['2025-03-31', '2025-04-30', '2025-05-31'];
    for (const id of ids.split(',')) {
      const m = answer.metrics[id];
      expect(m.trend.map((p: { month: string; as_of: string }) => [p.month, p.as_of]), id).toEqual(ends.map((d) => [d.slice(0, 7), d]));
      expect(m.trend.at(-1), id).toMatchObject({ value: m.value, numerator: m.numerator, denominator: m.denominator, from: m.from, to: m.to });
      // each point is the metric asked at that month end, in its own window (a quarter stays a quarter)
      const earlier = (await ok({ metric: id, as_of: ends[0] })).metrics[id];
      expect(m.trend[0], id).toMatchObject({ value: earlier.value, numerator: earlier.numerator, from: earlier.from, to: earlier.to });
    }
    expect(answer.metrics.initial_denial_rate.trend[0]).toMatchObject({ from: '2025-01-01', to: '2025-03-31' });
    // a range moves back by whole months, keeping its length
    const ranged = (await ok({ metric: 'collections', from: '2025-05-01', to: '2025-05-31', trend: '2' })).metrics.collections;
    expect(ranged.trend[0]).toMatchObject({ from: '2025-04-01', to: '2025-04-30', as_of: '2025-04-30' });
    expect(ranged.trend[1].value).toBe(ranged.value);
    // beside a breakdown, the points are the headline's
    const both = (await ok({ metric: 'collections', trend: '2', by: 'month' })).metrics.collections;
    expect(both.breakdown.length).toBeGreaterThan(0);
    expect(both.trend[1].value).toBe(both.value);
    expect(await refused({ metric: 'collections', trend: '1' })).toMatch(/trend/);
  });

  it('refuses a denial category or CARC for a metric it does not narrow', async () => {
    expect(await refused({ metric: 'initial_denial_rate,collections', denial_category: 'authorization' }))
      .toBe('denial_category applies only to initial_denial_rate, initial_denial_rate_line, denial_write_offs, denial_overturn_rate, days_to_appeal, days_to_resolution, open_denials, open_denial_dollars; not to collections');
    expect(await refused({ carc: '197' })).toContain('carc applies only to');
    expect(await refused({ metric: 'initial_denial_rate', carc: '197; DROP' })).toMatch(/carc/);
  });

  it('GET /api/denials/patterns: each pattern names its category, owning team and fix, its CARC shares, mixed causes and code pairs', async () => {
    const response = await app.request(`/api/denials/patterns?${new URLSearchParams({ as_of: AS_OF, from: '2025-01-01', to: AS_OF, min_claims: '3', limit: '15' })}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const answer = DenialPatterns.parse(await response.json());
    const crosswalk = crosswalkCategories();
    expect(answer.patterns.length).toBeGreaterThan(3);
    for (const p of answer.patterns) {
      expect(p.label, JSON.stringify(p.dimensions)).toBe(patternLabel(p.dimensions));
      expect([p.owner, p.fix], p.label).toEqual([crosswalk.get(p.category!)!.owner_team, crosswalk.get(p.category!)!.fix]);
      expect(p.mixed_causes, p.label).toBe(p.top_carc_share! < 0.6);
      expect(p.carcs[0], p.label).toEqual({ carc: p.top_carc, lines: Math.round(p.top_carc_share! * p.denied_lines), share: p.top_carc_share });
      expect(p.carcs.length, p.label).toBeLessThanOrEqual(3);
      expect(p.carcs.reduce((n, c) => n + c.lines, 0), p.label).toBeLessThanOrEqual(p.denied_lines);
    }
    // the demo's mixed rows and its code pairs reach the answer
    expect(answer.patterns.some((p) => p.mixed_causes && p.carcs.length > 1)).toBe(true);
    expect(answer.patterns.find((p) => p.dimensions.with_cpt !== undefined)?.label).toMatch(/^payer \S+ × .+ billed with \S+$/);
  });
});
