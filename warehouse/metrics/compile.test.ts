// The compiler's query shapes: measures sharing a model, a date basis and a population share one scan; a
// denial list splits only the measures of denied rows; what cannot be asked is refused with a reason.
import { describe, expect, it } from 'vitest';
import { measuresOf, refusal, splitFormula } from './compile.ts';
import { measure } from './measures.ts';
import { metric } from './registry.ts';

const w = { asOf: '2025-06-30', from: '2025-04-01', to: '2025-06-30' };
const scans = (sql: string) => sql.match(/\bs\d+ AS \(/g)?.length ?? 0;

describe('the metric compiler', () => {
  it('splits a formula at its top-level division and names its measures', () => {
    expect(splitFormula('{payments} / ({charges} - {contractual_adjustments})')).toEqual({ numerator: '{payments}', denominator: '({charges} - {contractual_adjustments})' });
    expect(splitFormula('{collections}')).toEqual({ numerator: '{collections}', denominator: null });
    expect(measuresOf('{payments} / ({charges} - {contractual_adjustments})')).toEqual(['payments', 'charges', 'contractual_adjustments']);
  });

  it('scans a population once for all the measures taken over it', () => {
    const rate = metric('initial_denial_rate')!;
    expect(scans(rate.sql(w, undefined, {}))).toBe(1);
    expect(scans(rate.sql(w, ['payer', 'month'], {}))).toBe(1);
    // charges by date of service, payments by payment date, the three classes of adjustments net revenue
    // subtracts by their own date in one scan: three scans, joined on the keys
    const net = metric('net_collection_rate')!.sql(w, ['payer'], {});
    expect(scans(net)).toBe(3);
    expect(net).toContain('FULL JOIN s1 ON s0.k0 IS NOT DISTINCT FROM s1.k0');
  });

  it('splits only the denied measures by a denial category, the others whole for the rest of the key', () => {
    const sql = metric('initial_denial_rate_line')!.sql(w, ['cpt', 'denial_category'], {});
    expect(scans(sql)).toBe(2);
    expect(sql).toMatch(/unnest\(denial_categories\) AS u1/);
    expect(sql).toContain('LEFT JOIN s1 ON s0.k0 IS NOT DISTINCT FROM s1.k0');
  });

  it('refuses a dimension the measures’ models lack, and two denial lists crossed', () => {
    expect(refusal([measure('payments'), measure('charges')], ['provider'])).toBe('cannot be broken down by provider; it can by payer, payer_name, practice, month');
    expect(refusal([measure('denied_claims'), measure('adjudicated_claims')], ['denial_category', 'carc'])).toBe('cannot cross denial_category with carc (two lists of the same denials)');
    expect(refusal([measure('first_pass_claims'), measure('all_adjudicated_claims')], ['denial_category'])).toMatch(/^cannot be broken down by denial_category/);
    expect(refusal([measure('denied_lines'), measure('adjudicated_lines')], ['cpt', 'modifier'])).toBeUndefined();
  });
});
