// The metrics registry: every metric of metrics.md, defined once. The CLI, the API, the dashboards and the
// reports ask it by id.
import { metricLabel, type MetricDefinition } from './metric.ts';
import { AR_METRICS } from './ar.ts';
import { DENIAL_METRICS } from './denials.ts';
import { DENIAL_OUTCOME_METRICS } from './denial-outcomes.ts';
import { FIRST_PASS_METRICS } from './first-pass.ts';
import { COLLECTION_METRICS } from './collections.ts';
import { LAG_METRICS } from './lags.ts';
import { REJECTION_METRICS } from './rejections.ts';
import { EXPECTED_PAYMENT_METRICS } from './expected-payment.ts';

export const METRICS: readonly MetricDefinition[] = [...AR_METRICS, ...DENIAL_METRICS, ...DENIAL_OUTCOME_METRICS, ...FIRST_PASS_METRICS, ...COLLECTION_METRICS, ...LAG_METRICS, ...REJECTION_METRICS, ...EXPECTED_PAYMENT_METRICS];

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

export function metric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}

/** A metric's label by id (the short one where room is short): what every report, chart and message shows. */
export function labelOf(id: string, short = false): string {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`no metric ${id} in the registry`);
  return metricLabel(m, short);
}
