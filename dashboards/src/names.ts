// Payers and providers by name: a breakdown asked by a code and its name at once (the API's keys
// "id × name": payer with payer_name, the name mart_payer gives; provider with provider_name, mart_provider's)
// read back as rows by code, each with its name, so a page shows the name and keeps the code for its
// filters, links and a tooltip (what a biller looks up).
import type { BreakdownRow, MetricResult } from './metrics.ts';

/** The breakdowns to ask for a name beside its code. */
export const BY_PAYER_NAMED = 'payer,payer_name';
export const BY_PROVIDER_NAMED = 'provider,provider_name';

export type NamedRow = BreakdownRow & { id: string; name: string };

/** The rows of a `code,name` breakdown by code, each with its name (the code where the key has none). */
export function namedRows(m: MetricResult): Map<string, NamedRow> {
  const rows = new Map<string, NamedRow>();
  for (const r of m.breakdown ?? []) {
    if (r.key === null) continue;
    const at = r.key.indexOf(' × ');
    const id = at < 0 ? r.key : r.key.slice(0, at);
    rows.set(id, { ...r, key: id, id, name: at < 0 ? id : r.key.slice(at + 3) });
  }
  return rows;
}

/** Every code's name the answers' breakdowns give. */
export function namesOf(...metrics: MetricResult[]): Map<string, string> {
  return new Map(metrics.flatMap((m) => [...namedRows(m).values()].map((r) => [r.id, r.name] as const)));
}
