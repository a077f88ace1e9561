// A link from another page to the Reports page, pre-filled with a month and the filter bar's practice:
// "Download the close package for Jun 2025".
import { searchWith, type Filters } from '../filters.ts';
import { formatMonth } from '../../../kernel/format.ts';

export function reportsHref(month: string, filters: Filters): string {
  return `/reports${searchWith({ practice: filters.practice }, new URLSearchParams({ month }))}`;
}

export function packageLink(month: string, filters: Filters, doc: Document = document): HTMLElement {
  const p = doc.createElement('p');
  p.className = 'hint report-link';
  const a = doc.createElement('a');
  a.href = reportsHref(month, filters);
  a.textContent = `Download the close package for ${formatMonth(month)}`;
  a.dataset.month = month;
  p.append(a, ' (XLSX, CSV, PDF): the month’s numbers as closed, on the Reports page.');
  return p;
}
