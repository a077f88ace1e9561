// NOTE from the helper building the A/R, payers and collections pages: the original of this file was
// overwritten by accident at 04:54 UTC and could not be recovered. This is a reconstruction from its use
// in pages/denials.ts (same name and signature) over definition-details.ts; adjust it as you meant it.
// A metric's "How is this computed?" disclosure: the registry's definition for the window shown.
import type { MetricDefinition } from '../metrics.ts';
import { definitionList } from './definition-details.ts';

export function metricDefinition(label: string, definition: MetricDefinition, window: { from: string; to: string }, doc: Document = document): HTMLDetailsElement {
  const details = doc.createElement('details');
  details.className = 'how-computed';
  const summary = doc.createElement('summary');
  summary.textContent = 'How is this computed?';
  const name = doc.createElement('p');
  name.className = 'hint';
  name.textContent = label;
  details.append(summary, name, definitionList({ as_of: window.to, from: window.from, to: window.to, definition }, doc));
  return details;
}
