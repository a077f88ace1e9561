// The filters every page reads, kept in the URL's query so that a view can be shared: the as-of date, a
// date range, payer, rendering provider, location and practice. Names are the API's parameter names.

export const FILTER_KEYS = ['as_of', 'from', 'to', 'payer', 'provider', 'location', 'practice'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The filters in a URL's query (empty values are no filter). */
export function filtersOf(search: string | URLSearchParams): Filters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The query string of these filters, in a stable order ('' when none), with other parameters kept. */
export function searchWith(filters: Filters, keep: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  for (const [key, value] of keep) if (!(FILTER_KEYS as readonly string[]).includes(key)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What is wrong with the filters before asking the server, or null (the server validates again). */
export function filterProblem(filters: Filters): string | null {
  if ((filters.from === undefined) !== (filters.to === undefined)) return 'From and to go together: set both dates, or neither.';
  if (filters.from && filters.to && filters.from > filters.to) return 'From is after to.';
  return null;
}
