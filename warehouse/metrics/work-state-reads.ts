// Which metric answers follow the work state. A claim's work state changes through audited commands, not loads
// (metrics.md, "Work queues"), and days_to_appeal reads its first `appealed`: an answer kept for such a metric
// (the server's answer cache) must be dropped at each change, and only those — a change leaves every other
// answer as it was. Decided from the query itself, so a metric that starts reading the work state is never missed.
import type { Breakdown, MetricDefinition } from './metric.ts';

const WORK_STATE_TABLE = /\bwork_state(?:_event)?\b/;
const ANY_WINDOW = { asOf: '2000-01-31', from: '2000-01-01', to: '2000-01-31' };

export function readsWorkState(m: MetricDefinition, by?: Breakdown): boolean {
  if (m.refuse?.(by ?? [])) return false;
  return WORK_STATE_TABLE.test(m.sql(ANY_WINDOW, by, {}));
}
