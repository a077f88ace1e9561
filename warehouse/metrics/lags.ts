// Lags in days: from first submission to first adjudication (by payer), and from the date of service to the
// first submission. Median and p90 with DuckDB's quantile_cont (linear interpolation), to two decimals.
import { between, type Window } from './window.ts';
import { dateLiteral } from '../sql.ts';
import { claimDimensions, keyOf, payerFilter, type Breakdown, type Filters, type MetricDefinition } from './metric.ts';


function quantiles(days: string, month: string, where: string, by: Breakdown | undefined, filters: Filters): string {
  const key = keyOf(by, claimDimensions(month));
  return `SELECT ${key} AS key, round(quantile_cont(${days}, 0.5), 2) AS median, round(quantile_cont(${days}, 0.9), 2) AS p90, count(*) AS n
    FROM mart_claim WHERE ${where}${payerFilter(filters)} GROUP BY 1`;
}

export const LAG_METRICS: MetricDefinition[] = [
  {
    id: 'payer_lag_days', label: 'Payer lag (days)', unit: 'days', shortLabel: 'Payer lag', format: 'days', section: 'The metrics', valueKind: 'quantile', grain: 'claim', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'median (and p90) of days from first submission to first adjudication', denominator: 'claims first adjudicated in the window, any outcome',
    exclusions: 'claims known only from remittances (no submission)', breakdowns: ['payer', 'payer_name', 'provider', 'provider_name', 'location', 'month'],
    sql(w, by, filters) {
      return quantiles('first_adjudicated_date - first_submitted_date', 'first_adjudicated_date', `${between('first_adjudicated_date', w)} AND first_submitted_date IS NOT NULL`, by, filters);
    },
  },
  {
    id: 'charge_lag_days', label: 'Charge lag (days)', unit: 'days', shortLabel: 'Charge lag', format: 'days', section: 'The metrics', valueKind: 'quantile', grain: 'claim', dateBasis: 'first submission date', window: 'quarter',
    numerator: 'median (and p90) of days from date of service to first submission', denominator: 'claims first submitted in the window',
    exclusions: '—', breakdowns: ['payer', 'payer_name', 'provider', 'provider_name', 'location', 'month'],
    sql(w, by, filters) {
      return quantiles('first_submitted_date - service_date', 'first_submitted_date', between('first_submitted_date', w), by, filters);
    },
  },
];
