// Practice isolation in the metrics layer: a warehouse holding three practices (the demo practice, a copy
// of it under another billing NPI and other claim numbers, and a copy under a third NPI that reuses the
// demo's claim numbers) answers every metric, for a reader granted one practice, exactly as a warehouse
// holding that practice alone; a reader granted none sees nothing; and every table a metric reads is one
// the scope shadows. The third copy is the claim identity's test: the same patient control numbers from
// two billing providers are two claims each, and every record finds its own.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';
import { SCOPED_TABLES, SHARED_TABLES, tablesNamed } from '../warehouse/metrics/practice-scope.ts';
import { windowFor } from '../warehouse/metrics/window.ts';
import { findDenialPatterns } from '../warehouse/patterns/denial-patterns.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';
import { copyPractice } from './support/practice-copy.ts';

const A = PRACTICE.billingNpi;
const B = npi('987654321');
const C = npi('555555555');

describe('practice isolation', () => {
  const dir = tempDir('rcm-isolation-');
  let alone: Warehouse;
  let both: Warehouse;
  const asOf = '2025-06-30';

  beforeAll(async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await writeDataset({ seed: 11, claims: 800, months: 6, start: '2025-01-01', out: a });
    const c = join(dir, 'c');
    // another practice: its own NPI, claim numbers and submitter id (which its 999s are addressed to)
    copyPractice(a, b, { billingNpi: B, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    // and one that numbers its claims as the demo practice does
    copyPractice(a, c, { billingNpi: C, submitterId: 'THIRDSUB' });
    alone = await tempWarehouse(dir);
    both = await tempWarehouse(dir);
    await ingestFiles(alone, Object.values(FOLDERS).map((f) => join(a, f)));
    await ingestFiles(both, [a, b, c].flatMap((root) => Object.values(FOLDERS).map((f) => join(root, f))));
    await buildModels(alone);
    await buildModels(both);
  }, 180_000);

  it('reads only tables the practice scope shadows, and the payer names every reader shares', () => {
    const w = windowFor('quarter', asOf);
    for (const m of METRICS) {
      for (const by of [undefined, ...m.breakdowns.map((d) => [d])]) {
        for (const table of tablesNamed(m.sql(w, by, {}) + (m.unavailableSql?.(w) ?? ''))) expect([...Object.keys(SCOPED_TABLES), ...SHARED_TABLES], `${m.id} reads ${table}`).toContain(table);
      }
    }
  });

  it('answers every metric for one practice as if it were alone in the warehouse', async () => {
    for (const m of METRICS) {
      for (const by of [undefined, ...(m.breakdowns.includes('payer') ? [['payer' as const], ['payer_name' as const]] : [])]) {
        const expected = await computeMetric(alone, m, { asOf, by });
        expect(await computeMetric(both, m, { asOf, by, filters: { practices: [A] } }), `${m.id} by ${by ?? '-'} for A`).toEqual(expected);
        expect(await computeMetric(both, m, { asOf, by, filters: { practices: [B] } }), `${m.id} by ${by ?? '-'} for B`).toEqual(expected);
        expect(await computeMetric(both, m, { asOf, by, filters: { practices: [C] } }), `${m.id} by ${by ?? '-'} for C`).toEqual(expected);
      }
    }
    const total = await computeMetric(both, METRICS.find((x) => x.id === 'ar_total')!, { asOf });
    const one = await computeMetric(alone, METRICS.find((x) => x.id === 'ar_total')!, { asOf });
    expect(Math.round(total.numerator! * 100)).toBe(3 * Math.round(one.numerator! * 100));
  }, 120_000);

  it('shows nothing to a reader granted no practice', async () => {
    for (const m of METRICS) {
      const r = await computeMetric(both, m, { asOf, filters: { practices: [] } });
      expect(r.numerator ?? 0, m.id).toBe(0);
      expect((r.breakdown ?? []).every((b) => (b.numerator ?? 0) === 0 && (b.n ?? 0) === 0), m.id).toBe(true);
    }
  }, 60_000);

  it('breaks a declared metric down by practice: each practice’s row is the metric for that practice alone', async () => {
    const declared = METRICS.filter((m) => m.breakdowns.includes('practice'));
    expect(declared.map((m) => m.id)).toEqual(expect.arrayContaining(['initial_denial_rate', 'net_collection_rate', 'collections']));
    for (const m of declared) {
      const by = await computeMetric(both, m, { asOf, by: ['practice'] });
      for (const practice of [A, B, C]) {
        const alone = await computeMetric(both, m, { asOf, filters: { practices: [practice] } });
        const row = by.breakdown!.find((r) => r.key === practice);
        expect([row?.numerator ?? 0, row?.denominator ?? (m.valueKind === 'sum' ? null : 0)], `${m.id} for ${practice}`).toEqual([alone.numerator, alone.denominator]);
      }
    }
  }, 60_000);

  it('finds denial patterns among the granted practice’s claims only', async () => {
    const window = windowFor('ttm', asOf);
    const alonePatterns = await findDenialPatterns(alone, { window, minClaims: 3, limit: 10 });
    for (const [practice, matches] of [[A, (id: string) => /^MFH.*@/.test(id) && id.endsWith(`@${A}`)], [B, (id: string) => /^OTH[^@]*$/.test(id)], [C, (id: string) => id.endsWith(`@${C}`)]] as const) {
      const { patterns } = await findDenialPatterns(both, { window, minClaims: 3, limit: 10, practices: [practice] });
      expect(patterns.map((p) => [p.dimensions, p.claims])).toEqual(alonePatterns.patterns.map((p) => [p.dimensions, p.claims]));
      for (const p of patterns) for (const claim of p.example_claims) expect(matches(claim), `${claim} for ${practice}`).toBe(true);
    }
  }, 60_000);

  it('keeps apart two practices that use the same claim numbers, and every record finds its own claim', async () => {
    // every record names its provider (837 billing NPI, 835 payee, 277CA billing provider, the exports' Billing NPI column)
    expect(await both.all('SELECT source, reason FROM mart_unmatched_record')).toEqual([]);
    const count = async (w: Warehouse, where: string) => (await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM mart_claim WHERE ${where}`))!.n;
    const n = await count(alone, 'true');
    expect(await count(both, `claim_id LIKE '%@${A}'`)).toBe(n);
    expect(await count(both, `claim_id LIKE '%@${C}'`)).toBe(n);
    expect(await count(both, "claim_id LIKE 'OTH%' AND claim_id NOT LIKE '%@%'")).toBe(n);
    // claim by claim, A's ledger in the shared warehouse is the ledger of the warehouse that holds A alone
    const balances = (w: Warehouse, where: string) =>
      w.all(
        `SELECT split_part(claim_id, '@', 1) AS claim, valid_from, valid_to, charge::VARCHAR AS charge, total_balance::VARCHAR AS total, patient_balance::VARCHAR AS patient
         FROM mart_claim_balance WHERE ${where} ORDER BY claim, valid_from`,
      );
    expect(await balances(both, `claim_id LIKE '%@${C}'`)).toEqual(await balances(alone, 'true'));
  }, 60_000);
});
