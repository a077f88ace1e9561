// What every table of the monthly package is computed from: one warehouse (the close snapshot, or the
// warehouse as it is now for the post-close comparison), the month, and the practices in scope. Numbers
// come from the metrics registry (computeMetric, remembered per request: several tables share one) and
// the package's own SQL always runs inside the practice scope.
import type { Row as SqlRow, Warehouse } from '../../warehouse/database.ts';
import { computeMetric, type MetricResult } from '../../warehouse/metrics/compute.ts';
import type { Dimension } from '../../warehouse/metrics/metric.ts';
import { metric } from '../../warehouse/metrics/registry.ts';
import { scopeToPractices } from '../../warehouse/metrics/practice-scope.ts';
import type { MonthPeriod } from './period.ts';
import { firstEventDate, payerNames, providerNames, type Scoped } from '../../warehouse/queries/monthly-package.ts';

export interface MetricAsk {
  /** Snapshot metrics need only the as-of date; window metrics take [from, to] as well. */
  asOf: string;
  from?: string;
  to?: string;
  /** One dimension, or two crossed (the breakdown's keys then join them with ' × '). */
  by?: Dimension | readonly [Dimension, Dimension];
  payer?: string;
  provider?: string;
  location?: string;
}

export class PackageContext implements Scoped {
  private readonly results = new Map<string, Promise<MetricResult>>();

  constructor(
    readonly warehouse: Warehouse,
    readonly period: MonthPeriod,
    /** Billing NPIs; undefined: every practice. */
    readonly practices: readonly string[] | undefined,
  ) {}

  /** A metric of the registry for this scope. */
  metric(id: string, ask: MetricAsk): Promise<MetricResult> {
    const key = JSON.stringify([id, ask.asOf, ask.from, ask.to, ask.by, ask.payer, ask.provider, ask.location]);
    let result = this.results.get(key);
    if (!result) {
      const m = metric(id);
      if (!m) throw new Error(`the registry has no metric ${id}`);
      result = computeMetric(this.warehouse, m, {
        asOf: ask.asOf, from: ask.from, to: ask.to, by: ask.by === undefined ? undefined : typeof ask.by === 'string' ? [ask.by] : [...ask.by],
        filters: { practices: this.practices, payer: ask.payer, provider: ask.provider, location: ask.location },
      });
      this.results.set(key, result);
    }
    return result;
  }

  /** A metric over this month's window (as of its last day). */
  monthly(id: string, ask: Omit<MetricAsk, 'asOf' | 'from' | 'to'> = {}): Promise<MetricResult> {
    return this.metric(id, { ...ask, asOf: this.period.to, from: this.period.from, to: this.period.to });
  }

  /** A snapshot metric at this month's end. */
  atMonthEnd(id: string, ask: Omit<MetricAsk, 'asOf' | 'from' | 'to'> = {}): Promise<MetricResult> {
    return this.metric(id, { ...ask, asOf: this.period.to });
  }

  /** Runs a statement of warehouse/queries/monthly-package.ts over the marts, inside the practice scope. */
  all<T extends SqlRow = SqlRow>(sql: string): Promise<T[]> {
    return this.warehouse.all<T>(scopeToPractices(sql, this.practices));
  }

  /** The earliest date any event in scope carries (null: none): a month that ends before it has no data, not zeros. */
  firstEventDate(): Promise<string | null> {
    this.first ??= firstEventDate(this);
    return this.first;
  }

  private first: Promise<string | null> | undefined;

  /** Names for payer ids and provider NPIs, from the practice's own files (payers' 835s, the 837s' rendering providers). */
  async names(): Promise<{ payers: Map<string, string>; providers: Map<string, string> }> {
    this.labels ??= (async () => {
      const payers = await payerNames(this);
      const providers = await providerNames(this);
      return { payers: new Map(payers.map((r) => [r.id, r.name])), providers: new Map(providers.map((r) => [r.id, r.name])) };
    })();
    return this.labels;
  }

  private labels: Promise<{ payers: Map<string, string>; providers: Map<string, string> }> | undefined;
}

/** int_claim's payer id for a claim nobody but the patient pays. */
export const SELF_PAY_ID = 'SELFPAY';
export const SELF_PAY_LABEL = 'self-pay';

export function payerName(names: Map<string, string>, payer: string): string | null {
  return names.get(payer) ?? (payer === SELF_PAY_ID ? SELF_PAY_LABEL : payer === 'patient' ? 'patients' : null);
}
