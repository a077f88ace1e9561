// The frame around every page: a header with the navigation (only the pages the reader's role may open,
// from GET /api/session's views), the signed-in user and logout; the filter bar, bound to the URL's
// query; and the main area the page renders into.
import { getJson, type Session } from './api.ts';
import type { MetricsAnswer } from '../../kernel/api/metrics.ts';
import { FILTER_KEYS, filterProblem, searchWith, type FilterKey, type Filters } from './filters.ts';
import { PAGES, mayOpen } from './routes.ts';
import { trendRange } from './periods.ts';
import { BY_PAYER_NAMED, BY_PROVIDER_NAMED, namedRows } from './names.ts';

export interface Shell {
  main: HTMLElement;
  /** Marks the current page and shows the URL's filters in the bar. */
  update(pageId: string | undefined, filters: Filters): void;
  /** Shows why the numbers may leave data out (the server's models are older than its data), or hides it (null). */
  modelsStale(reason: string | null): void;
}

export interface ShellHandlers {
  /** A link to another page was followed (path with the query). */
  navigate(href: string): void;
  /** The filters were changed in the bar. */
  applyFilters(filters: Filters): void;
  logOut(): void;
}

const FIELDS: { key: FilterKey; label: string; type: string; placeholder?: string; pattern?: string; suggest?: string }[] = [
  { key: 'as_of', label: 'As of', type: 'date' },
  { key: 'from', label: 'From', type: 'date' },
  { key: 'to', label: 'To', type: 'date' },
  { key: 'payer', label: 'Payer', type: 'text', placeholder: 'any payer', suggest: 'payer' },
  { key: 'provider', label: 'Provider (NPI)', type: 'text', placeholder: 'any provider', pattern: '\\d{10}', suggest: 'provider' },
  { key: 'location', label: 'Location', type: 'text', placeholder: 'any location', suggest: 'location' },
];

const ROLE_NAMES: Record<string, string> = { admin: 'admin', practice_manager: 'practice manager', billing_lead: 'billing lead', finance: 'finance' };

/**
 * Values a filter can take, from the metrics breakdowns (twelve months to the as-of date when one is set),
 * each with its name where the API gives one (a payer's or a provider's, beside its code).
 */
async function suggestions(dimension: string, filters: Filters): Promise<{ value: string; label: string }[]> {
  const range = filters.as_of ? trendRange(filters.as_of) : {};
  const named = dimension === 'payer' ? BY_PAYER_NAMED : dimension === 'provider' ? BY_PROVIDER_NAMED : undefined;
  const answer = await getJson<MetricsAnswer>('/api/metrics', {
    metric: 'initial_denial_rate', by: named ?? dimension, as_of: filters.as_of, practice: filters.practice, ...range,
  });
  const metric = answer.metrics.initial_denial_rate;
  if (!metric) return [];
  if (named) return [...namedRows(metric).values()].map((r) => ({ value: r.id, label: r.name }));
  return (metric.breakdown ?? []).map((r) => r.key).filter((k): k is string => !!k).map((k) => ({ value: k, label: k }));
}

function practiceField(session: Session): HTMLElement {
  const label = document.createElement('label');
  label.textContent = 'Practice';
  const practices = session.user.practices;
  if (practices.length === 0) {
    // an admin sees every practice: any billing NPI may be typed
    const input = document.createElement('input');
    Object.assign(input, { name: 'practice', type: 'text', placeholder: 'every practice', pattern: '\\d{10}' });
    label.append(input);
    return label;
  }
  const select = document.createElement('select');
  select.name = 'practice';
  select.append(new Option(practices.length > 1 ? 'all my practices' : practices[0], ''));
  if (practices.length > 1) for (const npi of practices) select.append(new Option(npi, npi));
  select.disabled = practices.length === 1;
  label.append(select);
  return label;
}

function filterBar(session: Session, handlers: ShellHandlers, current: () => Filters): { form: HTMLFormElement; show(filters: Filters): void } {
  const form = document.createElement('form');
  form.className = 'filters';
  form.setAttribute('aria-label', 'Filters');
  for (const field of FIELDS) {
    const label = document.createElement('label');
    label.textContent = field.label;
    const input = document.createElement('input');
    input.name = field.key;
    input.type = field.type;
    if (field.placeholder) input.placeholder = field.placeholder;
    if (field.pattern) input.pattern = field.pattern;
    if (field.suggest) {
      const list = document.createElement('datalist');
      list.id = `filter-${field.key}-values`;
      input.setAttribute('list', list.id);
      input.autocomplete = 'off';
      input.addEventListener('focus', () => {
        if (list.dataset.loaded === current().as_of + '|' + current().practice) return;
        list.dataset.loaded = current().as_of + '|' + current().practice;
        suggestions(field.suggest!, current()).then((values) => list.replaceChildren(...values.map((v) => new Option(v.label, v.value))), () => undefined);
      });
      label.append(input, list);
    } else {
      label.append(input);
    }
    form.append(label);
  }
  form.append(practiceField(session));
  const applyButton = document.createElement('button');
  applyButton.type = 'submit';
  applyButton.textContent = 'Apply';
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.textContent = 'Clear filters';
  clear.addEventListener('click', () => handlers.applyFilters({}));
  const problem = document.createElement('span');
  problem.className = 'error';
  problem.setAttribute('role', 'status');
  form.append(applyButton, clear, problem);

  const read = (): Filters => {
    const filters: Filters = {};
    for (const key of FILTER_KEYS) {
      const element = form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
      const value = element?.value.trim();
      if (value) filters[key] = value;
    }
    return filters;
  };
  const apply = () => {
    const filters = read();
    const wrong = filterProblem(filters);
    problem.textContent = wrong ?? '';
    const invalid = [...form.querySelectorAll('input')].find((i) => !i.checkValidity());
    if (invalid) problem.textContent = `${invalid.closest('label')?.firstChild?.textContent ?? invalid.name}: ${invalid.validationMessage}`;
    // the field's change (as it loses focus to the Apply button) and then the submit both apply: once is enough
    if (!wrong && !invalid && searchWith(filters) !== searchWith(current())) handlers.applyFilters(filters);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  const show = (filters: Filters) => {
    for (const key of FILTER_KEYS) {
      const element = form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
      if (element && element.value !== (filters[key] ?? '')) element.value = filters[key] ?? '';
    }
    problem.textContent = '';
  };
  return { form, show };
}

export function renderShell(root: HTMLElement, session: Session, handlers: ShellHandlers): Shell {
  let filters: Filters = {};
  const header = document.createElement('header');
  header.className = 'shell-header';
  const brand = document.createElement('span');
  brand.className = 'brand';
  brand.textContent = 'rcm workbench';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Pages');
  for (const page of PAGES.filter((p) => mayOpen(session.user.views, p))) {
    const link = document.createElement('a');
    link.textContent = page.title;
    link.dataset.page = page.id;
    link.href = `/${page.id}`;
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      handlers.navigate(link.getAttribute('href')!);
    });
    nav.append(link);
  }
  const user = document.createElement('div');
  user.className = 'user';
  const who = document.createElement('span');
  who.className = 'username';
  who.textContent = `${session.user.username} (${ROLE_NAMES[session.user.role] ?? session.user.role})`;
  const logout = document.createElement('button');
  logout.type = 'button';
  logout.textContent = 'Log out';
  logout.addEventListener('click', () => handlers.logOut());
  user.append(who, logout);
  header.append(brand, nav, user);

  const bar = filterBar(session, handlers, () => filters);
  const main = document.createElement('main');
  main.id = 'main';
  const stale = document.createElement('p');
  stale.className = 'models-stale';
  stale.setAttribute('role', 'status');
  stale.hidden = true;
  root.replaceChildren(header, bar.form, stale, main);

  return {
    main,
    update(pageId, next) {
      filters = next;
      const search = searchWith(next);
      for (const link of nav.querySelectorAll<HTMLAnchorElement>('a')) {
        link.href = `/${link.dataset.page}${search}`;
        if (link.dataset.page === pageId) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      bar.show(next);
    },
    modelsStale(reason) {
      stale.hidden = reason === null;
      stale.textContent = reason === null ? '' : `These numbers may be incomplete: ${reason}.`;
    },
  };
}
