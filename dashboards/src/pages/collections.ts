// Collections: money in over the window (the registry's twelve months, or the URL's range) — the total,
// net revenue and the net and gross collection rates; payments by month split by kind (insurance, patient,
// refunds, PLB); both rates by month; charges, the adjustments by class and net revenue by month; payments by rendering provider and by location. Kind × month is one request (the
// registry crosses them); the collections metric has no provider or location breakdown (PLB money has
// no claim), so those are asked one provider or location at a time (in parallel) with the API's own
// filters; every number is the API's.
import { barList } from '../charts/bar-list.ts';
import { collectionsMonthBars, type MonthKindAmount } from '../charts/collections-month-bars.ts';
import { collectionsRateLines } from '../charts/collections-rate-lines.ts';
import { howComputed, windowText } from '../charts/definition-details.ts';
import { paragraph, panel } from '../charts/panel.ts';
import { statCard } from '../charts/stat-card.ts';
import type { Filters } from '../filters.ts';
import { formatDate, formatMoney, formatMonth, formatPercent } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type MetricResult, type MetricsAnswer } from '../metrics.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { lastDayOfMonth } from '../periods.ts';
import { packageLink } from './reports-link.ts';
import { defaultMonth } from './reports-month.ts';
import { BY_PROVIDER_NAMED, namesOf } from '../names.ts';

/** The kinds of warehouse/metrics/collections.ts (mart_cash), in the order they are stacked and listed. */
const KIND_NAMES: Record<string, string> = {
  insurance_paid: 'Insurance payments',
  patient_payment: 'Patient payments',
  refund: 'Refunds',
  plb_interest: 'PLB interest',
  plb_recoupment: 'PLB recoupments',
  plb_other: 'PLB other',
};
const KIND_ORDER = Object.keys(KIND_NAMES);

/**
 * The adjustment classes (metrics.md, "Adjustment classes"), in the order net revenue takes them: the first
 * three come off the charges, the others are losses that stay in net revenue.
 */
const CLASS_NAMES: Record<string, string> = {
  contractual: 'Contractual',
  policy: 'Policy',
  duplicate: 'Duplicate',
  denial: 'Denial',
  bad_debt: 'Bad debt',
  unclassified: 'Unclassified',
};
const OFF_CHARGES = ['contractual', 'policy', 'duplicate'];
const LOSSES = ['denial', 'bad_debt', 'unclassified'];
const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;
/** Provider-level (PLB) money belongs to no claim, hence to no provider or location. */
const isPlb = (kind: string) => kind.startsWith('plb_');

/** The calendar months of a date range, each clamped to the range (a window may start or end mid-month). */
function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let year = Number(from.slice(0, 4));
  let index = Number(from.slice(5, 7)) - 1;
  for (;;) {
    const month = `${year}-${String(index + 1).padStart(2, '0')}`;
    if (month > to.slice(0, 7)) break;
    const first = `${month}-01`;
    const last = lastDayOfMonth(year, index);
    out.push({ month, from: first < from ? from : first, to: last > to ? to : last });
    index += 1;
    if (index === 12) [year, index] = [year + 1, 0];
  }
  return out;
}

/** A simple table: a header row and rows of cells, numbers right-aligned. */
function table(headers: readonly string[], rows: readonly { key: string; cells: readonly string[] }[], className: string, foot?: { key: string; cells: readonly string[] }): HTMLElement {
  const t = document.createElement('table');
  t.className = className;
  const head = t.createTHead().insertRow();
  headers.forEach((text, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (i > 0) th.className = 'num';
    head.append(th);
  });
  const line = (tr: HTMLTableRowElement, row: { key: string; cells: readonly string[] }) => {
    tr.dataset.key = row.key;
    row.cells.forEach((text, i) => {
      if (i === 0) {
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = text;
        tr.append(th);
      } else {
        const td = tr.insertCell();
        td.className = 'num';
        td.textContent = text;
      }
    });
  };
  const body = t.createTBody();
  for (const row of rows) line(body.insertRow(), row);
  if (foot) line(t.createTFoot().insertRow(), foot);
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(t);
  return block;
}

const figure = (chart: Element) => {
  const f = document.createElement('figure');
  f.className = 'chart';
  f.append(chart);
  return f;
};

export async function render(container: HTMLElement, { filters, signal, session }: PageContext): Promise<void> {
  const subtitle = paragraph('', 'hint as-of');
  const cards = document.createElement('div');
  cards.className = 'tiles stats';
  cards.append(stateMessage('Loading collections…', 'loading'));
  const byMonth = panel('Payments by month', 'collections-months');
  const rates = panel('Collection rates by month', 'collections-rates');
  const adjustments = panel('Net revenue and adjustments by class', 'collections-adjustments');
  const byProvider = panel('Payments by rendering provider', 'collections-providers');
  const byLocation = panel('Payments by location', 'collections-locations');
  container.replaceChildren(heading('Collections'), subtitle, cards, byMonth.element, rates.element, adjustments.element, byProvider.element, byLocation.element);

  const fail = (e: unknown, where: HTMLElement, what: string) => {
    if (isAbort(e) || signal.aborted) return;
    where.replaceChildren(stateMessage(`Could not load ${what}: ${errorText(e)}`, 'error'));
  };

  // the window, the total by kind and both rates for it
  let first: MetricsAnswer;
  try {
    // collections comes broken down by kind (its default breakdown); the rates have none by kind
    first = await fetchMetrics(['collections', 'net_revenue', 'net_collection_rate', 'gross_collection_rate'], filters, {}, signal);
  } catch (e) {
    fail(e, cards, 'collections');
    for (const p of [byMonth, rates, adjustments, byProvider, byLocation]) p.body.replaceChildren();
    return;
  }
  const collections = metricOf(first, 'collections');
  const net = metricOf(first, 'net_collection_rate');
  const gross = metricOf(first, 'gross_collection_rate');
  const window: Filters = { ...filters, as_of: first.as_of, from: collections.from, to: collections.to };
  subtitle.dataset.asOf = first.as_of;
  subtitle.textContent = `Money received ${windowText(collections)} (as of ${formatDate(first.as_of)})${filters.from ? '' : ': the trailing twelve months'}.`;
  cards.replaceChildren(
    statCard(collections, { note: 'Insurance and patient payments, less refunds, with PLB interest and recoupments.' }),
    statCard(metricOf(first, 'net_revenue'), { note: 'What the practice could collect: charges less contractual, policy and duplicate adjustments.' }),
    statCard(net),
    statCard(gross),
  );
  cards.dataset.ready = 'true';
  // the last complete month's close package, on the Reports page (for a role that may open it)
  if (session.user.views.includes('reports')) subtitle.after(packageLink(defaultMonth(first.as_of, new Date().toISOString().slice(0, 10)), filters));

  const kinds = (collections.breakdown ?? []).filter((r) => r.key !== null);
  const ordered = (keys: Iterable<string>) => [...new Set(keys)].sort((a, b) => (KIND_ORDER.indexOf(a) + 1 || 99) - (KIND_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const months = monthsOf(window.from!, window.to!);

  const monthly = (async () => {
    const [trend, split] = await Promise.all([
      fetchMetrics(['collections', 'net_collection_rate', 'gross_collection_rate'], window, { by: 'month' }, signal),
      fetchMetrics(['collections'], window, { by: 'kind,month' }, signal),
    ]);
    if (signal.aborted) return;
    const totals = new Map((metricOf(trend, 'collections').breakdown ?? []).map((r) => [r.key ?? '', r.value]));
    // keys "kind × month"
    const amounts: MonthKindAmount[] = (metricOf(split, 'collections').breakdown ?? []).filter((r) => r.key !== null).map((r) => {
      const [kind, month] = r.key!.split(' × ');
      return { month, kind, amount: r.value ?? 0 };
    });
    const monthKinds = ordered([...kinds.map((r) => r.key!), ...amounts.map((a) => a.kind)]);
    const amountOf = new Map(amounts.map((a) => [`${a.month}|${a.kind}`, a.amount]));
    const kindTotal = new Map(kinds.map((r) => [r.key!, r.value]));
    const partial = months.filter((m) => m.from.slice(8) !== '01' || m.to !== lastDayOfMonth(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)) - 1));
    byMonth.body.replaceChildren(
      paragraph(`Each bar: a month’s money by kind — refunds and recoupments below the line — with the month’s net amount above it (collections by month).${partial.length ? ` ${partial.map((m) => `${formatMonth(m.month)} counts ${formatDate(m.from)} – ${formatDate(m.to)} only`).join('; ')} (the window’s edges).` : ''}`),
      kinds.length === 0 && amounts.length === 0
        ? stateMessage(collections.unavailable_reason ? `Unavailable: ${collections.unavailable_reason}.` : 'No money received in the window for these filters.', 'empty')
        : figure(collectionsMonthBars(amounts, { months: months.map((m) => m.month), kinds: monthKinds, kindName, totals })),
      table(['Month', ...monthKinds.map(kindName), 'Total'],
        months.map((m) => ({ key: m.month, cells: [formatMonth(m.month), ...monthKinds.map((k) => formatMoney(amountOf.get(`${m.month}|${k}`) ?? 0)), formatMoney(totals.get(m.month) ?? 0)] })),
        'collections-by-month',
        { key: 'window', cells: ['Window', ...monthKinds.map((k) => formatMoney(kindTotal.get(k) ?? 0)), formatMoney(collections.value)] }),
      howComputed(collections, { note: 'Each month’s kinds are collections by kind × month; the totals are collections by month, and the last row collections by kind over the window.' }),
    );
    byMonth.element.dataset.ready = 'true';

    const series = [
      { name: 'Net', metric: metricOf(trend, 'net_collection_rate') },
      { name: 'Gross', metric: metricOf(trend, 'gross_collection_rate') },
    ].map(({ name, metric }) => {
      const byKey = new Map((metric.breakdown ?? []).map((r) => [r.key ?? '', r.value]));
      return { name, metric, points: months.map((m) => ({ month: m.month, value: byKey.get(m.month) ?? null })) };
    });
    rates.body.replaceChildren(
      paragraph('Single months, each alone: the money received that month over the charges with dates of service in it — less the contractual, policy and duplicate adjustments dated that month (net: over net revenue), or not (gross). A month whose charges are still unpaid reads low; a month collecting older charges can pass 100%. The window’s rate (the last row) is over the whole window.'),
      figure(collectionsRateLines(series, { months: months.map((m) => m.month), label: 'Net and gross collection rate by month' })),
      table(['Month', series[0].metric.short_label, series[1].metric.short_label],
        months.map((m, i) => ({ key: m.month, cells: [formatMonth(m.month), formatPercent(series[0].points[i].value), formatPercent(series[1].points[i].value)] })),
        'rates-by-month compact',
        { key: 'window', cells: ['Window', formatPercent(net.value), formatPercent(gross.value)] }),
      howComputed(series[0].metric, { summary: 'How is the net collection rate computed?' }),
      howComputed(series[1].metric, { summary: 'How is the gross collection rate computed?' }),
    );
    rates.element.dataset.ready = 'true';
  })().catch((e) => {
    fail(e, byMonth.body, 'the months');
    fail(e, rates.body, 'the rates by month');
  });

  const byClass = (async () => {
    const [classes, totals, revenue] = await Promise.all([
      fetchMetrics(['adjustments'], window, { by: 'adjustment_class,month' }, signal),
      fetchMetrics(['adjustments'], window, { by: 'adjustment_class' }, signal),
      fetchMetrics(['charges', 'net_revenue'], window, { by: 'month' }, signal),
    ]);
    if (signal.aborted) return;
    const adjusted = metricOf(classes, 'adjustments');
    const charges = metricOf(revenue, 'charges');
    const netRevenue = metricOf(revenue, 'net_revenue');
    // keys "class × month"
    const amountOf = new Map((adjusted.breakdown ?? []).filter((r) => r.key !== null).map((r) => [r.key!, r.value]));
    const monthly = (m: MetricResult) => new Map((m.breakdown ?? []).map((r) => [r.key ?? '', r.value]));
    const chargesOf = monthly(charges);
    const revenueOf = monthly(netRevenue);
    const classTotals = new Map((metricOf(totals, 'adjustments').breakdown ?? []).map((r) => [r.key ?? '', r.value]));
    const classTotal = (c: string) => classTotals.get(c) ?? 0;
    const columns = [...OFF_CHARGES, ...LOSSES];
    adjustments.body.replaceChildren(
      paragraph(`Every reduction that is not a payment, by class, and net revenue (MGMA’s adjusted charges): the charges with dates of service in the month less the ${OFF_CHARGES.map((c) => CLASS_NAMES[c].toLowerCase()).join(', ')} adjustments dated in it — amounts the practice was never owed (the self-pay discount policy is a policy adjustment, a voided duplicate claim a duplicate one). ${LOSSES.map((c) => CLASS_NAMES[c]).join(', ')} write-offs are losses: they stay in net revenue, so the net collection rate counts them against the practice; unclassified ones have a reason no class names (rcm errors lists them).`),
      table(['Month', charges.short_label, ...OFF_CHARGES.map((c) => CLASS_NAMES[c]), netRevenue.short_label, ...LOSSES.map((c) => CLASS_NAMES[c])],
        months.map((m) => ({ key: m.month, cells: [formatMonth(m.month), formatMoney(chargesOf.get(m.month) ?? 0), ...OFF_CHARGES.map((c) => formatMoney(amountOf.get(`${c} × ${m.month}`) ?? 0)), formatMoney(revenueOf.get(m.month) ?? 0), ...LOSSES.map((c) => formatMoney(amountOf.get(`${c} × ${m.month}`) ?? 0))] })),
        'adjustments-by-month',
        { key: 'window', cells: ['Window', formatMoney(charges.value), ...OFF_CHARGES.map((c) => formatMoney(classTotal(c))), formatMoney(netRevenue.value), ...LOSSES.map((c) => formatMoney(classTotal(c)))] }),
      howComputed(netRevenue, { summary: 'How is net revenue computed?' }),
      howComputed(adjusted, { summary: 'How are the adjustments classed?', note: `The months are adjustments by adjustment_class × month, the window row adjustments by adjustment_class; net revenue and charges by month. Columns: ${columns.join(', ')}.` }),
    );
    adjustments.element.dataset.ready = 'true';
  })().catch((e) => fail(e, adjustments.body, 'the adjustments'));

  const plb = kinds.filter((r) => isPlb(r.key!));
  const perDimension = async (dimension: 'provider' | 'location', target: { element: HTMLElement; body: HTMLElement }) => {
    // who there is to ask about: claims first adjudicated in the window, or open at its end, by the dimension
    // (a provider with the name mart_provider gives it)
    const list = await fetchMetrics(['initial_denial_rate', 'ar_total'], window, { by: dimension === 'provider' ? BY_PROVIDER_NAMED : dimension }, signal);
    const names = namesOf(...Object.values(list.metrics));
    const keys = [...names.keys()];
    const name = (key: string) => (names.get(key) && names.get(key) !== key ? `${names.get(key)} (${key})` : key);
    const answers = await Promise.all(keys.map((key) => fetchMetrics(['collections'], { ...window, [dimension]: key }, {}, signal)));
    if (signal.aborted) return;
    const rows = keys.map((key, i) => ({ key, value: metricOf(answers[i], 'collections').value })).sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key));
    const WITH = dimension === 'provider' ? 'Rendering providers' : 'Locations';
    const WITHOUT = 'PLB: no claim, no ' + dimension;
    const items = [
      ...rows.map((r) => ({ key: r.key, label: name(r.key), value: r.value, group: WITH })),
      ...plb.map((r) => ({ key: r.key!, label: kindName(r.key!), value: r.value, group: WITHOUT })),
    ];
    if (filters[dimension]) {
      // the filter narrows every claim's money to one; PLB money has no claim and drops out
      target.body.replaceChildren(paragraph(`The ${dimension} filter is set (${filters[dimension]}): this page already shows only its money.`));
    } else {
      target.body.replaceChildren();
    }
    target.body.append(
      paragraph(`Collections asked with ${dimension}=… for each ${dimension} with claims adjudicated in the window or open at its end. Provider-level adjustments (PLB) belong to no claim, so to no ${dimension}: they are listed apart, and with the ${dimension === 'provider' ? 'providers' : 'locations'} they add up to the total of ${formatMoney(collections.value)}.`),
      rows.length === 0 ? stateMessage(`No ${dimension} has claims in the window for these filters.`, 'empty') : figure(barList(items, { unit: 'dollars', label: `Collections by ${dimension}`, groups: plb.length ? [WITH, WITHOUT] : [WITH], marginLeft: dimension === 'provider' ? 110 : 240 })),
      table([dimension === 'provider' ? 'Rendering provider (NPI)' : 'Location', 'Collections'], items.map((it) => ({ key: it.key, cells: [it.label, formatMoney(it.value)] })), `collections-by-${dimension} compact`,
        { key: 'total', cells: ['Total', formatMoney(collections.value)] }),
    );
    target.element.dataset.ready = 'true';
  };
  const providers = perDimension('provider', byProvider).catch((e) => fail(e, byProvider.body, 'the providers'));
  const locations = perDimension('location', byLocation).catch((e) => fail(e, byLocation.body, 'the locations'));

  await Promise.all([monthly, byClass, providers, locations]);
  if (!signal.aborted) subtitle.dataset.ready = 'all';
}
