// Denial metrics (metrics.md): initial denial rate by claim and by line, in count and dollars, by category
// and payer; final denial rate (write-offs on denied claims over gross charges); overturn rate. Duplicate
// denials (CARC 18) are left out of the initial rates and reported on their own.
import { between, dateLiteral, type Window } from './window.ts';
import { claimDimensions, keyOf, payerFilter, sqlString, type Breakdown, type Dimension, type Filters, type MetricDefinition } from './metric.ts';


const claimKeys = claimDimensions('first_adjudicated_date');
const lineKeys: Partial<Record<Dimension, string>> = {
  payer: 'payer_id', provider: 'rendering_npi', location: 'location', month: 'adjudication_month', cpt: 'procedure_code',
  modifier: "coalesce(nullif(modifiers, ''), '(none)')", diagnosis: 'diagnosis_code',
};

/** The numerator's condition narrowed to the denials of the filters' category and CARC (the denominator stays whole). */
function deniedFor(numerator: string, filters: Filters, categories: string, carcs: string): string {
  const category = filters.denialCategory ? ` AND list_contains(${categories}, ${sqlString(filters.denialCategory)})` : '';
  const carc = filters.carc ? ` AND list_contains(${carcs}, ${sqlString(filters.carc)})` : '';
  return category || carc ? `(${numerator}${category}${carc})` : numerator;
}

/**
 * A rate whose numerator and denominator come from one population, sliced by a dimension. By denial
 * category or CARC the numerator counts the rows in that category and the denominator stays the whole
 * population (the share of all claims denied for that reason); so does a denial category or CARC filter.
 */
function rate(population: string, keys: Partial<Record<Dimension, string>>, by: Breakdown | undefined, denied: string, categories: string, carcs: string, filters: Filters = {}): string {
  const numerator = deniedFor(denied, filters, categories, carcs);
  const single = by?.length === 1 ? by[0] : undefined;
  if (single === 'denial_category' || single === 'carc') {
    return `WITH p AS (${population})
      SELECT k.key, count(*) AS numerator, (SELECT count(*) FROM p) AS denominator,
             sum(k.amount) AS numerator_amount, (SELECT coalesce(sum(amount), 0) FROM p) AS denominator_amount
      FROM (SELECT unnest(${single === 'denial_category' ? categories : carcs}) AS key, amount FROM p WHERE ${numerator}) k GROUP BY 1`;
  }
  const key = keyOf(by, keys);
  return `SELECT ${key} AS key, count(*) FILTER (WHERE ${numerator}) AS numerator, count(*) AS denominator,
      coalesce(sum(amount) FILTER (WHERE ${numerator}), 0) AS numerator_amount, coalesce(sum(amount), 0) AS denominator_amount
    FROM (${population}) GROUP BY 1`;
}

export const DENIAL_METRICS: MetricDefinition[] = [
  {
    id: 'initial_denial_rate', label: 'Initial denial rate (claims)', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'first adjudication date (BPR16 of the first 835 record that is not a reversal)', window: 'quarter',
    numerator: 'claims whose first adjudication had at least one denied line (dollars: their charges)', denominator: 'claims first adjudicated in the window (dollars: their charges)',
    exclusions: 'claims whose first adjudication was a duplicate denial (CARC 18), reported apart; reversals; a secondary payer’s records',
    breakdowns: ['payer', 'provider', 'location', 'month', 'denial_category', 'carc'], denialFilters: true,
    sql(w, by, filters) {
      const population = `SELECT *, charge AS amount FROM mart_claim WHERE ${between('first_adjudicated_date', w)} AND NOT first_denied_as_duplicate${payerFilter(filters)}`;
      return rate(population, claimKeys, by, 'first_denied', 'first_denial_categories', 'first_denial_carcs', filters);
    },
  },
  {
    id: 'initial_denial_rate_line', label: 'Initial denial rate (lines)', unit: 'ratio', valueKind: 'ratio', grain: 'line', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'lines denied on their claim’s first adjudication (dollars: their charges)', denominator: 'lines first adjudicated in the window (dollars: their charges)',
    exclusions: 'lines of claims whose first adjudication was a duplicate denial (CARC 18)',
    breakdowns: ['payer', 'provider', 'location', 'month', 'cpt', 'modifier', 'diagnosis', 'denial_category', 'carc'], denialFilters: true,
    sql(w, by, filters) {
      const population = `SELECT *, charge AS amount FROM mart_first_adjudication_line WHERE ${between('adjudication_date', w)} AND NOT claim_denied_as_duplicate${payerFilter(filters)}`;
      const keyed = by?.includes('modifier')
        ? `SELECT * REPLACE (unnest(CASE WHEN modifiers = '' THEN ['(none)'] ELSE string_split(modifiers, ' ') END) AS modifiers) FROM (${population})`
        : population;
      return rate(keyed, { ...lineKeys, modifier: 'modifiers' }, by, 'is_denied', 'denial_categories', 'denial_carcs', filters);
    },
  },
  {
    id: 'duplicate_denials', label: 'Duplicate denials (CARC 18)', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'claims whose first adjudication was denied as a duplicate (dollars: their charges)', denominator: 'claims first adjudicated in the window, duplicates included',
    exclusions: '—', breakdowns: ['payer', 'provider', 'location', 'month'],
    sql(w, by, filters) {
      const population = `SELECT *, charge AS amount FROM mart_claim WHERE ${between('first_adjudicated_date', w)}${payerFilter(filters)}`;
      return rate(population, claimKeys, by, 'first_denied_as_duplicate', 'first_denial_categories', 'first_denial_carcs');
    },
  },
  {
    id: 'final_denial_rate', label: 'Final denial rate (write-offs on denied claims)', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'posting date of the write-off; charges by date of service', window: 'quarter',
    numerator: 'write-offs posted in the window on claims that had a denied line on an adjudication dated on or before the write-off', denominator: 'gross charges with date of service in the window',
    exclusions: 'write-offs on claims never denied', breakdowns: ['payer', 'provider', 'location'],
    sql(w, by, filters) {
      const key = keyOf(by, claimKeys);
      return `WITH written AS (
          SELECT ${key.replace('first_adjudicated_date', 'p.posting_date')} AS key, sum(p.amount) AS amount, count(DISTINCT c.claim_id) AS claims
          FROM stg_posting p JOIN mart_claim c USING (claim_id)
          WHERE p.posting_type = 'write_off' AND ${between('p.posting_date', w)} AND c.first_denied_date <= p.posting_date${payerFilter(filters, 'c.payer_id')}
          GROUP BY 1),
        charged AS (SELECT ${key} AS key, sum(charge) AS amount FROM mart_claim WHERE ${between('service_date', w)}${payerFilter(filters)} GROUP BY 1)
        SELECT coalesce(charged.key, written.key) AS key, coalesce(written.amount, 0) AS numerator, coalesce(charged.amount, 0) AS denominator, written.claims AS claims
        FROM charged FULL JOIN written ON charged.key IS NOT DISTINCT FROM written.key`;
    },
  },
  {
    id: 'denial_overturn_rate', label: 'Denial overturn rate', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'resolution date (first day the balance reached zero or less)', window: 'quarter',
    numerator: 'denied claims whose denied lines were later paid (> 0) on a re-adjudication', denominator: 'claims with a denial that were resolved in the window',
    exclusions: 'claims still open', breakdowns: ['payer', 'provider', 'location', 'month'],
    sql(w, by, filters) {
      const population = `SELECT *, charge AS amount, overturned_date IS NOT NULL AND overturned_date <= ${dateLiteral(w.to)} AS overturned
        FROM mart_claim WHERE ${between('resolved_date', w)} AND first_denied_date <= resolved_date${payerFilter(filters)}`;
      return rate(population, claimDimensions('resolved_date'), by, 'overturned', 'first_denial_categories', 'first_denial_carcs');
    },
  },
];
