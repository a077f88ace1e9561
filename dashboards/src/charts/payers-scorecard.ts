// The payer scorecard as a table: a row per payer, a column per measure (its unit's format, the window it
// covers under its name, a button that opens its definition), sorted in the browser by any column (the
// rows are few), each row opening that payer's claims when a link is given. A footer row may carry the
// measures over every payer. A pure function of (rows, options) → element.
import { formatValue, type Unit } from '../../../kernel/format.ts';

export interface ScorecardColumn {
  id: string;
  label: string;
  /** Under the label: the window the column covers. */
  sub?: string;
  unit: Unit;
  /** A column's definition is opened by its "?" button (the page shows the definitions). */
  explain?: () => void;
}

export interface ScorecardCell {
  value: number | null;
  /** How this number comes about (numerator and denominator, or why it is missing). */
  title?: string;
}

export interface ScorecardRow {
  key: string;
  label: string;
  /** The payer id beside the name (what a biller looks up); none for the total row. */
  code?: string;
  cells: Record<string, ScorecardCell>;
}

export interface ScorecardOptions {
  /** What the rows are, for screen readers. */
  caption: string;
  columns: readonly ScorecardColumn[];
  sort: { column: string; order: 'asc' | 'desc' };
  onSort: (sort: { column: string; order: 'asc' | 'desc' }) => void;
  /** The address a row opens (its payer's claims); without it rows are plain. */
  href?: (row: ScorecardRow) => string | undefined;
  footer?: ScorecardRow;
  document?: Document;
}

const LABEL = 'label';

/** Rows sorted by a column: missing values last whichever the order, ties by name. */
export function sortRows(rows: readonly ScorecardRow[], sort: { column: string; order: 'asc' | 'desc' }): ScorecardRow[] {
  const sign = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.column === LABEL) return sign * a.label.localeCompare(b.label);
    const x = a.cells[sort.column]?.value ?? null;
    const y = b.cells[sort.column]?.value ?? null;
    if (x === null || y === null) return x === y ? a.label.localeCompare(b.label) : x === null ? 1 : -1;
    return sign * (x - y) || a.label.localeCompare(b.label);
  });
}

export function payersScorecard(rows: readonly ScorecardRow[], options: ScorecardOptions): HTMLTableElement {
  const doc = options.document ?? document;
  const table = doc.createElement('table');
  table.className = 'scorecard';
  const caption = doc.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = options.caption;
  table.append(caption);
  const head = table.createTHead().insertRow();
  const header = (id: string, label: string, numeric: boolean, column?: ScorecardColumn) => {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.dataset.column = id;
    if (numeric) th.className = 'num';
    const active = options.sort.column === id;
    th.setAttribute('aria-sort', active ? (options.sort.order === 'asc' ? 'ascending' : 'descending') : 'none');
    const sort = doc.createElement('button');
    sort.type = 'button';
    sort.className = 'sort';
    sort.textContent = label + (active ? (options.sort.order === 'asc' ? ' ▲' : ' ▼') : '');
    sort.addEventListener('click', () => options.onSort({ column: id, order: active && options.sort.order === 'desc' ? 'asc' : active ? 'desc' : id === LABEL ? 'asc' : 'desc' }));
    th.append(sort);
    if (column?.explain) {
      const explain = column.explain;
      const why = doc.createElement('button');
      why.type = 'button';
      why.className = 'link explain';
      why.textContent = '?';
      why.title = `How is ${column.label.toLowerCase()} computed?`;
      why.setAttribute('aria-label', why.title);
      why.addEventListener('click', explain);
      th.append(' ', why);
    }
    if (column?.sub) {
      const sub = doc.createElement('span');
      sub.className = 'sub';
      sub.textContent = column.sub;
      th.append(sub);
    }
    head.append(th);
  };
  header(LABEL, 'Payer', false);
  for (const column of options.columns) header(column.id, column.label, true, column);

  const fill = (tr: HTMLTableRowElement, row: ScorecardRow, link: string | undefined) => {
    tr.dataset.key = row.key;
    const name = doc.createElement('th');
    name.scope = 'row';
    if (link) {
      const a = doc.createElement('a');
      a.href = link;
      a.textContent = row.label;
      a.title = `The claims of ${row.label}${row.code ? ` (payer id ${row.code})` : ''}`;
      name.append(a);
    } else {
      name.textContent = row.label;
      if (row.code) name.title = `payer id ${row.code}`;
    }
    if (row.code && row.code !== row.label) {
      const code = doc.createElement('span');
      code.className = 'code hint';
      code.textContent = ` ${row.code}`;
      name.append(code);
    }
    tr.append(name);
    for (const column of options.columns) {
      const td = tr.insertCell();
      td.className = 'num';
      td.dataset.column = column.id;
      const cell = row.cells[column.id];
      td.textContent = formatValue(column.unit, cell?.value ?? null);
      if (cell?.title) td.title = cell.title;
    }
  };
  const body = table.createTBody();
  for (const row of sortRows(rows, options.sort)) {
    const tr = body.insertRow();
    const link = options.href?.(row);
    fill(tr, row, link);
    if (link) {
      tr.className = 'selectable';
      // the whole row opens the payer's claims, through its link (main.ts opens links without a reload)
      tr.addEventListener('click', (event) => {
        if ((event.target as Element).closest('a, button')) return;
        tr.querySelector('a')?.click();
      });
    }
  }
  if (options.footer) {
    const tr = table.createTFoot().insertRow();
    fill(tr, options.footer, undefined);
  }
  return table;
}
