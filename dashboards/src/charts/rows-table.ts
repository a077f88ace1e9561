// A table of rows already in hand (a breakdown, a claim's history, an ingest listing): columns typed as the
// API types them, every number formatted by format.ts, an optional link or action per cell, pages of a
// fixed size turned in the browser (the answer is bounded by the server), and a "Download CSV" link to the
// server's own CSV of the same rows. A pure function of (rows, options) → element; for lists the server
// pages, use table.ts.
import { formatCell, formatCount, formatPercent } from '../../../kernel/format.ts';

/** The API's column types (formatCell), plus 'ratio' (a fraction shown as a percentage). */
export type ColumnType = 'text' | 'date' | 'money' | 'int' | 'bool' | 'list' | 'ratio';

export interface RowsColumn<Row> {
  name: string;
  label: string;
  type?: ColumnType;
  /** The cell's value when it is not row[name]. */
  value?: (row: Row) => unknown;
  /** A link for the cell (a view of the workbench: main.ts opens it without a reload). */
  link?: (row: Row) => string | undefined;
  /** A hover text for the cell (e.g. a full file path behind its name). */
  title?: (row: Row) => string | undefined;
  /** Classes of the column's cells, space-separated (e.g. 'wrap' for long text). */
  className?: string;
  /** The cell's content when it is more than one value (several links, a button). */
  render?: (row: Row, doc: Document) => Node;
}

export interface RowsTableOptions<Row> {
  /** What the rows are, e.g. "files of batch 3": said in the count and the empty state. */
  caption: string;
  /** The caption for one row, when it differs ("service line" for "service lines"). */
  singular?: string;
  columns: RowsColumn<Row>[];
  /** The server's CSV of the same rows (?format=csv). */
  csv?: string;
  /** Rows per page (default: all on one page). */
  pageSize?: number;
  /** Why there are no rows (default: "No <caption>."). */
  empty?: string;
  /** A note under the count (e.g. that the server stopped at its limit). */
  note?: string;
  /** Marks a row (e.g. the selected batch) with aria-selected. */
  selected?: (row: Row) => boolean;
  /** Called when a row is chosen (click or Enter): the row becomes a button-like row. */
  onSelect?: (row: Row) => void;
  document?: Document;
}

const NUMERIC = new Set<ColumnType>(['money', 'int', 'ratio']);

export function cellText(type: ColumnType, value: unknown): string {
  if (type === 'ratio') return value === null || value === undefined ? '' : formatPercent(value as number);
  return formatCell(type, value);
}

export function rowsTable<Row extends object>(rows: readonly Row[], options: RowsTableOptions<Row>): HTMLElement {
  const doc = options.document ?? document;
  const block = doc.createElement('section');
  block.className = 'table-block rows-table';
  block.setAttribute('aria-label', options.caption);
  const pageSize = options.pageSize ?? Math.max(rows.length, 1);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  let page = 1;

  const tools = () => {
    const bar = doc.createElement('div');
    bar.className = 'table-tools';
    const count = doc.createElement('span');
    count.className = 'table-count';
    const first = rows.length === 0 ? 0 : (page - 1) * pageSize + 1;
    const last = Math.min(rows.length, page * pageSize);
    const caption = rows.length === 1 && options.singular ? options.singular : options.caption;
    count.textContent = pages > 1 ? `${formatCount(first)}–${formatCount(last)} of ${formatCount(rows.length)} ${caption}` : `${formatCount(rows.length)} ${caption}`;
    bar.append(count);
    if (pages > 1) {
      const button = (text: string, to: number, disabled: boolean) => {
        const b = doc.createElement('button');
        b.type = 'button';
        b.textContent = text;
        b.disabled = disabled;
        b.addEventListener('click', () => {
          page = to;
          draw();
        });
        return b;
      };
      const where = doc.createElement('span');
      where.textContent = `Page ${formatCount(page)} of ${formatCount(pages)}`;
      bar.append(button('Previous', page - 1, page <= 1), where, button('Next', page + 1, page >= pages));
    }
    if (options.csv) {
      const csv = doc.createElement('a');
      csv.className = 'download-csv';
      csv.textContent = 'Download CSV';
      csv.href = options.csv;
      csv.setAttribute('download', '');
      bar.append(csv);
    }
    return bar;
  };

  const table = () => {
    const t = doc.createElement('table');
    const head = t.createTHead().insertRow();
    for (const column of options.columns) {
      const th = doc.createElement('th');
      th.scope = 'col';
      th.textContent = column.label;
      if (NUMERIC.has(column.type ?? 'text')) th.className = 'num';
      head.append(th);
    }
    const body = t.createTBody();
    for (const row of rows.slice((page - 1) * pageSize, page * pageSize)) {
      const tr = body.insertRow();
      if (options.selected?.(row)) tr.setAttribute('aria-selected', 'true');
      if (options.onSelect) {
        const choose = options.onSelect;
        tr.className = 'selectable';
        tr.tabIndex = 0;
        tr.addEventListener('click', (event) => {
          if ((event.target as Element).closest('a')) return;
          choose(row);
        });
        tr.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            choose(row);
          }
        });
      }
      for (const column of options.columns) {
        const td = tr.insertCell();
        const type = column.type ?? 'text';
        if (NUMERIC.has(type)) td.className = 'num';
        if (column.className) td.classList.add(...column.className.split(' '));
        td.dataset.column = column.name;
        const value = column.value ? column.value(row) : (row as Record<string, unknown>)[column.name];
        const text = cellText(type, value);
        const href = column.link?.(row);
        const title = column.title?.(row);
        if (title) td.title = title;
        if (column.render) {
          td.append(column.render(row, doc));
        } else if (href) {
          const a = doc.createElement('a');
          a.href = href;
          a.textContent = text;
          td.append(a);
        } else {
          td.textContent = text;
        }
      }
    }
    return t;
  };

  const draw = () => {
    const parts: HTMLElement[] = [tools()];
    if (options.note) {
      const note = doc.createElement('p');
      note.className = 'hint';
      note.textContent = options.note;
      parts.push(note);
    }
    if (rows.length === 0) {
      const empty = doc.createElement('p');
      empty.className = 'state empty';
      empty.dataset.state = 'empty';
      empty.textContent = options.empty ?? `No ${options.caption}.`;
      parts.push(empty);
    } else {
      parts.push(table());
    }
    block.replaceChildren(...parts);
  };
  draw();
  return block;
}
