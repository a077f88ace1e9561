// How a number is computed, as the registry defines it (GET /api/metrics sends each metric's definition):
// the window a value covers, the definition as a list, and a "How is this computed?" disclosure. Used by
// the A/R, payers and collections pages beside every number they show. Pure DOM builders.
import { formatDate } from '../../../kernel/format.ts';
import type { MetricDefinition } from '../metrics.ts';

const WINDOW_NAMES: Record<string, string> = { snapshot: 'snapshot', month: 'month to date', quarter: 'quarter (three calendar months)', ttm: 'trailing twelve months' };

/** What a value covers: "as of Dec 31, 2025" for a snapshot, else its date range. */
export function windowText(m: { as_of: string; from: string; to: string; definition: MetricDefinition }): string {
  return m.definition.window === 'snapshot' ? `as of ${formatDate(m.as_of)}` : `${formatDate(m.from)} – ${formatDate(m.to)}`;
}

/** The definition as a description list: numerator, denominator, grain, date basis, window, exclusions. */
export function definitionList(m: { as_of: string; from: string; to: string; definition: MetricDefinition }, doc: Document = document): HTMLDListElement {
  const list = doc.createElement('dl');
  list.className = 'definition';
  const d = m.definition;
  const rows: [string, string][] = [
    ['Numerator', d.numerator],
    ['Denominator', d.denominator],
    ['Grain', d.grain],
    ['Date basis', d.date_basis],
    ['Window', `${WINDOW_NAMES[d.window] ?? d.window}: ${windowText(m)}`],
    ['Exclusions', d.exclusions],
  ];
  for (const [term, text] of rows) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.textContent = text;
    list.append(dt, dd);
  }
  return list;
}

export interface HowComputedOptions {
  /** The summary's words (default "How is this computed?"). */
  summary?: string;
  /** A sentence before the definition (what this page does with the metric). */
  note?: string;
  document?: Document;
}

/** A disclosure with the metric's definition, closed until the reader opens it. */
export function howComputed(m: { id: string; label: string; as_of: string; from: string; to: string; definition: MetricDefinition }, options: HowComputedOptions = {}): HTMLDetailsElement {
  const doc = options.document ?? document;
  const details = doc.createElement('details');
  details.className = 'how-computed';
  details.dataset.metric = m.id;
  const summary = doc.createElement('summary');
  summary.textContent = options.summary ?? 'How is this computed?';
  details.append(summary);
  if (options.note) {
    const p = doc.createElement('p');
    p.className = 'hint';
    p.textContent = options.note;
    details.append(p);
  }
  const name = doc.createElement('p');
  name.className = 'hint';
  name.textContent = `${m.label} (${m.id})`;
  details.append(name, definitionList(m, doc));
  return details;
}
