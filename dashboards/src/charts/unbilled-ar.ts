// Unbilled A/R: the visits served by the as-of date that no payer has been sent (metrics.md: A/R begins at
// billing, so they are out of days in A/R and in days in total A/R), as dollars and visits by age since the
// date of service. A pure function of the API's unbilled_ar and unbilled_visits by bucket.
import { formatCount, formatMoney } from '../../../kernel/format.ts';
import type { MetricResult } from '../metrics.ts';
import { bucketName } from './ar-aging-bars.ts';
import { howComputed } from './definition-details.ts';
import { paragraph } from './panel.ts';

export function unbilledAr(amounts: MetricResult, visits: MetricResult, doc: Document = document): HTMLElement[] {
  const dollars = new Map((amounts.breakdown ?? []).map((r) => [r.key, r.value]));
  const counts = new Map((visits.breakdown ?? []).map((r) => [r.key, r.value]));
  const buckets = [...new Set([...dollars.keys(), ...counts.keys()])].filter((k): k is string => k !== null);
  const table = doc.createElement('table');
  table.className = 'unbilled-table compact';
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of [['Age since the date of service', false], [amounts.short_label, true], [visits.short_label, true]] as const) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const row = (section: HTMLTableSectionElement, key: string, label: string, amount: number | null | undefined, count: number | null | undefined) => {
    const tr = section.insertRow();
    tr.dataset.key = key;
    const th = doc.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    tr.append(th);
    for (const text of [formatMoney(amount ?? 0), formatCount(count ?? 0)]) {
      const td = tr.insertCell();
      td.className = 'num';
      td.textContent = text;
    }
  };
  const body = table.createTBody();
  for (const b of buckets) row(body, b, bucketName(b), dollars.get(b), counts.get(b));
  row(table.createTFoot(), 'total', 'Total', amounts.value, visits.value);
  const block = doc.createElement('div');
  block.className = 'table-block';
  block.append(table);
  return [
    paragraph('Visits served on or before the as-of date whose claim no payer has been sent (no 837 submitted, no 835 answered): A/R the practice has not billed yet. Days in A/R counts billed A/R only (MGMA: A/R begins at billing); days in total A/R counts these too. A copay taken at the desk is already off the balance.', 'hint', doc),
    ...(buckets.length ? [block] : [paragraph('No unbilled visits for these filters.', 'empty', doc)]),
    howComputed(amounts, { note: 'unbilled_ar and unbilled_visits by bucket (the aging’s buckets).', document: doc }),
  ];
}
