// Payers by name: a breakdown asked by payer and payer_name at once (the API's keys "id × name", the name
// as mart_payer gives it) read back as rows by payer id, each with its name, so a page shows the name and
// keeps the id for its filters, links and a tooltip (what a biller looks up).
import type { BreakdownRow, MetricResult } from './metrics.ts';

/** The breakdown to ask for a payer's name beside its id. */
export const BY_PAYER_NAMED = 'payer,payer_name';

export type NamedRow = BreakdownRow & { id: string; name: string };

/** The rows of a `payer,payer_name` breakdown by payer id, each with its name (the id where the key has none). */
export function rowsByPayer(m: MetricResult): Map<string, NamedRow> {
  const rows = new Map<string, NamedRow>();
  for (const r of m.breakdown ?? []) {
    if (r.key === null) continue;
    const at = r.key.indexOf(' × ');
    const id = at < 0 ? r.key : r.key.slice(0, at);
    rows.set(id, { ...r, key: id, id, name: at < 0 ? id : r.key.slice(at + 3) });
  }
  return rows;
}

/** Every payer's name the answers' breakdowns give. */
export function payerNames(...metrics: MetricResult[]): Map<string, string> {
  return new Map(metrics.flatMap((m) => [...rowsByPayer(m).values()].map((r) => [r.id, r.name] as const)));
}
