// A table paged, sorted and exported by the server, for the API's table answers (GET /api/claims …:
// `{ total, page, page_size, columns: { name: type }, rows }`): the page and the sort are query
// parameters of the request, and "Download CSV" is the same request with ?format=csv (every row, the
// same filters and sort). Money, counts and dates are formatted by format.ts.
import { getJson, withQuery } from './api.ts';
import { formatCell, formatCount } from '../../kernel/format.ts';
import { errorText, isAbort, stateMessage } from './page.ts';
import type { PagedTableAnswer } from '../../kernel/api/tables.ts';

export type TableAnswer = PagedTableAnswer;

export interface ServerTableOptions {
  /** e.g. /api/claims */
  endpoint: string;
  /** The endpoint's filters (the API's parameter names). */
  params: Record<string, string | undefined>;
  /** What the table lists, e.g. "claims". */
  caption: string;
  /** Columns to show, in order, with their headings (default: every column the server sends). */
  columns?: { name: string; label: string }[];
  /** Columns the server sorts by (its `sort` values); the others' headings are plain text. */
  sortable?: readonly string[];
  sort?: string;
  order?: 'asc' | 'desc';
  pageSize?: number;
  /** A link for a cell (e.g. the claim number to its history). */
  link?: (column: string, row: Record<string, unknown>) => string | undefined;
  signal?: AbortSignal;
}

const NUMERIC = new Set(['money', 'int']);

export function serverTable(options: ServerTableOptions): HTMLElement {
  const block = document.createElement('section');
  block.className = 'table-block';
  block.setAttribute('aria-label', options.caption);
  const state = { page: 1, sort: options.sort, order: options.order ?? 'desc' as 'asc' | 'desc' };
  const pageSize = options.pageSize ?? 50;
  let request: AbortController | undefined;

  const query = () => ({ ...options.params, sort: state.sort, order: state.sort ? state.order : undefined });

  const tools = (answer: TableAnswer | undefined) => {
    const bar = document.createElement('div');
    bar.className = 'table-tools';
    const count = document.createElement('span');
    count.className = 'table-count';
    if (answer) {
      const first = answer.total === 0 ? 0 : (answer.page - 1) * answer.page_size + 1;
      const last = Math.min(answer.total, answer.page * answer.page_size);
      count.textContent = `${formatCount(first)}–${formatCount(last)} of ${formatCount(answer.total)} ${options.caption}`;
    }
    const pages = answer ? Math.max(1, Math.ceil(answer.total / answer.page_size)) : 1;
    const button = (text: string, page: number, disabled: boolean) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.disabled = disabled;
      b.addEventListener('click', () => void load(page));
      return b;
    };
    const where = document.createElement('span');
    where.textContent = `Page ${formatCount(state.page)} of ${formatCount(pages)}`;
    const csv = document.createElement('a');
    csv.className = 'download-csv';
    csv.textContent = 'Download CSV';
    csv.href = withQuery(options.endpoint, { ...query(), format: 'csv' });
    csv.setAttribute('download', '');
    bar.append(count, button('Previous', state.page - 1, state.page <= 1), where, button('Next', state.page + 1, state.page >= pages), csv);
    return bar;
  };

  const table = (answer: TableAnswer) => {
    const columns = options.columns ?? Object.keys(answer.columns).map((name) => ({ name, label: name.replaceAll('_', ' ') }));
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    for (const column of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (NUMERIC.has(answer.columns[column.name])) th.className = 'num';
      if (options.sortable?.includes(column.name)) {
        const b = document.createElement('button');
        b.type = 'button';
        const active = state.sort === column.name;
        b.textContent = column.label + (active ? (state.order === 'asc' ? ' ▲' : ' ▼') : '');
        th.setAttribute('aria-sort', active ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none');
        b.addEventListener('click', () => {
          state.order = active && state.order === 'desc' ? 'asc' : 'desc';
          state.sort = column.name;
          void load(1);
        });
        th.append(b);
      } else {
        th.textContent = column.label;
      }
      head.append(th);
    }
    const body = t.createTBody();
    for (const row of answer.rows) {
      const tr = body.insertRow();
      for (const column of columns) {
        const td = tr.insertCell();
        const type = answer.columns[column.name] ?? 'text';
        if (NUMERIC.has(type)) td.className = 'num';
        const text = formatCell(type, row[column.name]);
        const href = options.link?.(column.name, row);
        if (href) {
          const a = document.createElement('a');
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

  async function load(page: number): Promise<void> {
    request?.abort();
    const controller = (request = new AbortController());
    state.page = page;
    block.setAttribute('aria-busy', 'true');
    try {
      const answer = await getJson<TableAnswer>(options.endpoint, { ...query(), page, page_size: pageSize }, controller.signal);
      if (controller.signal.aborted) return;
      block.replaceChildren(tools(answer), answer.rows.length ? table(answer) : stateMessage(`No ${options.caption} for these filters.`, 'empty'));
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) return;
      block.replaceChildren(tools(undefined), stateMessage(`Could not load the ${options.caption}: ${errorText(e)}`, 'error'));
    } finally {
      block.removeAttribute('aria-busy');
    }
  }

  options.signal?.addEventListener('abort', () => request?.abort(), { once: true });
  block.append(stateMessage(`Loading the ${options.caption}…`, 'loading'));
  void load(1);
  return block;
}
