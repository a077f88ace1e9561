// A number as a card: the metric's value for the filters, the window it covers, why it is missing when it
// is, and how it is computed (the registry's definition). A pure function of the API's metric result.
import { formatValue } from '../../../kernel/format.ts';
import type { MetricResult } from '../metrics.ts';
import { howComputed, windowText } from './definition-details.ts';

export interface StatCardOptions {
  /** Shown instead of the registry's label. */
  label?: string;
  /** A sentence under the value (e.g. "held beside A/R, never netted"). */
  note?: string;
  /** A sentence inside the definition (what the page does with the metric). */
  definitionNote?: string;
  document?: Document;
}

export type StatCardData = Pick<MetricResult, 'id' | 'label' | 'unit' | 'value' | 'unavailable_reason' | 'as_of' | 'from' | 'to' | 'definition'>;

export function statCard(m: StatCardData, options: StatCardOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const card = doc.createElement('section');
  card.className = 'tile stat';
  card.dataset.metric = m.id;
  const label = options.label ?? m.label;
  card.setAttribute('aria-label', label);
  const title = doc.createElement('h2');
  title.textContent = label;
  const value = doc.createElement('div');
  value.className = 'value';
  value.textContent = formatValue(m.unit, m.value);
  card.append(title, value);
  if (m.value === null) {
    const why = doc.createElement('div');
    why.className = 'unavailable';
    why.textContent = `Unavailable: ${m.unavailable_reason ?? 'no value for these filters'}`;
    card.append(why);
  }
  const window = doc.createElement('div');
  window.className = 'window';
  window.textContent = windowText(m);
  card.append(window);
  if (options.note) {
    const note = doc.createElement('div');
    note.className = 'hint';
    note.textContent = options.note;
    card.append(note);
  }
  card.append(howComputed(m, { note: options.definitionNote, document: doc }));
  return card;
}
