// A/R at the as-of date: the headline (A/R, insurance and patient portions, credit balances beside,
// % over 90 and 120 days, days in A/R of billed A/R, of all A/R and net), the unbilled visits by age, aging by payer as stacked bars (ar_aging narrowed
// to each payer that has open A/R), what payers and patients owe (ar_total by payer), and the claims
// behind any bar, paged by the server with a CSV download. Every number from /api/metrics.
import { agingBars, agingTable, bucketName, type AgingSegment } from '../charts/ar-aging-bars.ts';
import { barList } from '../charts/bar-list.ts';
import { howComputed } from '../charts/definition-details.ts';
import { paragraph, panel } from '../charts/panel.ts';
import { statCard } from '../charts/stat-card.ts';
import { unbilledAr } from '../charts/unbilled-ar.ts';
import { searchWith } from '../filters.ts';
import { formatDate, formatMoney } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type MetricResult, type MetricsAnswer } from '../metrics.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { serverTable } from '../table.ts';
import { BY_PAYER_NAMED, namesOf, namedRows } from '../names.ts';

/** The drill-down's place in the address (beside the filters), so a list of claims can be shared. */
const DRILL_BUCKET = 'aging';
const DRILL_PAYER = 'aging_payer';
const DRILL_OWED = 'owed';

const CREDIT = 'credit balances';
/** ar_total by payer files every claim's patient portion under this key. */
const PATIENT = 'patient';

/** The claims behind a bar: an aging segment (a payer's claims of an age), or who owes (a payer's insurance portions, or patients). */
type Drill = { payer: string; bucket: string } | { owner: string };

/** A breakdown row of a metric as a metric of its own (a card shows it with the metric's definition). */
function rowAsMetric(m: MetricResult, key: string): MetricResult {
  const row = m.breakdown?.find((r) => r.key === key);
  return { ...m, value: row?.value ?? null, numerator: row?.numerator ?? null, unavailable_reason: row ? row.unavailable_reason ?? null : `no ${key} row in the answer`, breakdown: undefined };
}

function drillOf(search: string): Drill | null {
  const params = new URLSearchParams(search);
  const payer = params.get(DRILL_PAYER);
  const bucket = params.get(DRILL_BUCKET);
  const owner = params.get(DRILL_OWED);
  return payer && bucket ? { payer, bucket } : owner ? { owner } : null;
}

/** Keeps the drill-down in the address without reloading the page. */
function rememberDrill(drill: Drill | null): void {
  const url = new URL(location.href);
  for (const key of [DRILL_PAYER, DRILL_BUCKET, DRILL_OWED]) url.searchParams.delete(key);
  if (drill && 'bucket' in drill) {
    url.searchParams.set(DRILL_PAYER, drill.payer);
    url.searchParams.set(DRILL_BUCKET, drill.bucket);
  } else if (drill) {
    url.searchParams.set(DRILL_OWED, drill.owner);
  }
  history.replaceState(history.state, '', `${url.pathname}${url.search}`);
}

const sameDrill = (a: Drill | null, b: Drill | null) => JSON.stringify(a) === JSON.stringify(b);

/** What a drill-down lists, and how its claims add up to the bar (each claim's balance is its total). */
function drillSpec(drill: Drill, amount: number | null, asOf: string, nameOf: (payer: string) => string): { title: string; note: string; params: Record<string, string> } {
  const on = formatDate(asOf);
  const named = (payer: string) => `${nameOf(payer)}${nameOf(payer) === payer ? '' : ` (${payer})`}`;
  if ('bucket' in drill && drill.payer === PATIENT) {
    return {
      title: `Claims behind the bar: patients’ portions, ${bucketName(drill.bucket)}`,
      note: `Open claims ${bucketName(drill.bucket)} old (since the date of service) on ${on}: their patient portions add up to the bar’s ${formatMoney(amount)}. A claim’s balance here is its total (insurance plus patient portion), not what the patient owes.`,
      params: { status: 'open', aging: drill.bucket },
    };
  }
  if ('bucket' in drill) {
    return {
      title: `Claims behind the bar: ${named(drill.payer)}, ${bucketName(drill.bucket)}`,
      note: `Open claims billed to ${named(drill.payer)} with an insurance portion, ${bucketName(drill.bucket)} old (since the date of service) on ${on}: their insurance portions add up to the bar’s ${formatMoney(amount)}, the payer’s share as everywhere A/R is shown by payer. A claim’s balance here is its total — insurance plus patient portion — and the patient portions are under “patient”.`,
      params: { status: 'open', portion: 'insurance', aging: drill.bucket, payer: drill.payer },
    };
  }
  if (drill.owner === PATIENT) {
    return {
      title: 'Claims behind the bar: patients’ portions',
      note: `Every open claim on ${on}: their patient portions add up to the bar’s ${formatMoney(amount)}. A claim’s balance here is its total (insurance plus patient portion), not what the patient owes; a patient portion below zero is money a patient paid ahead of the payer’s share, and nets against the others as in the bar.`,
      params: { status: 'open' },
    };
  }
  return {
    title: `Claims behind the bar: ${named(drill.owner)}’s insurance portion`,
    note: `Open claims billed to ${named(drill.owner)} with an insurance portion on ${on}: their insurance portions add up to the bar’s ${formatMoney(amount)}. A claim’s balance here is its total — insurance plus patient portion — so the balances add up to more than the bar whenever patients owe a share.`,
    params: { status: 'open', portion: 'insurance', payer: drill.owner },
  };
}

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  const { filters, signal, session } = context;
  // A/R is a snapshot at the as-of date: a date range does not narrow it
  const { from: _from, to: _to, ...scope } = filters;
  const subtitle = paragraph('', 'hint as-of');
  const cards = document.createElement('div');
  cards.className = 'tiles stats';
  cards.append(stateMessage('Loading A/R…', 'loading'));
  const aging = panel('Aging by payer', 'ar-aging');
  const owed = panel('Payer and patient A/R', 'ar-owed');
  const unbilled = panel('Visits not yet billed', 'ar-unbilled');
  const drill = document.createElement('section');
  drill.className = 'panel ar-claims';
  drill.hidden = true;
  container.replaceChildren(heading('A/R'), subtitle, cards, aging.element, drill, owed.element, unbilled.element);
  if (filters.from || filters.to) container.insertBefore(paragraph('A/R is a snapshot at the as-of date: the date range (from, to) does not apply on this page.', 'hint notice'), cards);

  let headline: MetricsAnswer;
  let byPayer: MetricsAnswer;
  let notBilled: MetricsAnswer;
  try {
    // one request per breakdown, each asking only the metrics that allow it (the API refuses the others);
    // ar_aging comes with its own buckets, the days in A/R have no breakdown
    let kinds: MetricsAnswer;
    [kinds, headline, byPayer, notBilled] = await Promise.all([
      fetchMetrics(['ar_total'], scope, { by: 'kind' }, signal),
      fetchMetrics(['ar_aging', 'days_in_ar', 'days_in_total_ar', 'days_in_ar_net'], scope, {}, signal),
      fetchMetrics(['ar_total', 'ar_over_90_pct', 'ar_over_120_pct'], scope, { by: BY_PAYER_NAMED }, signal),
      fetchMetrics(['unbilled_ar', 'unbilled_visits'], scope, { by: 'bucket' }, signal),
    ]);
    headline = { ...headline, metrics: { ...headline.metrics, ...kinds.metrics } };
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    cards.replaceChildren(stateMessage(`Could not load A/R: ${errorText(e)}`, 'error'));
    aging.body.replaceChildren();
    owed.body.replaceChildren();
    unbilled.body.replaceChildren();
    return;
  }
  const asOf = headline.as_of;
  // by payer id from here on (the names aside): the filters, drills and links take the id
  const names = namesOf(...Object.values(byPayer.metrics));
  const byId = (x: MetricResult): MetricResult => ({ ...x, breakdown: [...namedRows(x).values()].map(({ id: _id, name: _name, ...row }) => row) });
  byPayer = { ...byPayer, metrics: Object.fromEntries(Object.entries(byPayer.metrics).map(([id, x]) => [id, byId(x)])) };
  const nameOf = (payer: string) => (payer === PATIENT ? 'Patients' : names.get(payer) ?? payer);
  const m = {
    kinds: metricOf(headline, 'ar_total'), aging: metricOf(headline, 'ar_aging'), days: metricOf(headline, 'days_in_ar'), daysTotal: metricOf(headline, 'days_in_total_ar'), daysNet: metricOf(headline, 'days_in_ar_net'),
    byPayer: metricOf(byPayer, 'ar_total'), over90: metricOf(byPayer, 'ar_over_90_pct'), over120: metricOf(byPayer, 'ar_over_120_pct'),
  };
  subtitle.dataset.asOf = asOf;
  subtitle.textContent = `As of ${formatDate(asOf)}: claims served on or before it with a balance, by age since the date of service.`;

  const kinds = m.kinds;
  cards.replaceChildren(
    statCard(kinds, { label: kinds.short_label, note: 'Insurance and patient portions of every open claim.' }),
    statCard(rowAsMetric(kinds, 'insurance'), { label: 'Payer (insurance) A/R', definitionNote: 'The "insurance" row of ar_total by kind: each open claim’s insurance portion.' }),
    statCard(rowAsMetric(kinds, 'patient'), { label: 'Patient A/R', definitionNote: 'The "patient" row of ar_total by kind: each open claim’s patient portion.' }),
    statCard(rowAsMetric(kinds, CREDIT), { label: 'Credit balances', note: 'Owed back to payers or patients: beside A/R, never netted into it.', definitionNote: 'The "credit balances" row of ar_total by kind: the total of claims whose balance is negative, as a positive amount.' }),
    statCard(m.over90),
    statCard(m.over120),
    statCard(m.days),
    statCard(m.daysTotal),
    statCard(m.daysNet),
  );
  cards.dataset.ready = 'true';
  unbilled.body.replaceChildren(...unbilledAr(metricOf(notBilled, 'unbilled_ar'), metricOf(notBilled, 'unbilled_visits')));
  unbilled.element.dataset.ready = 'true';

  const mayList = session.user.views.includes('claims');
  const owners = new Map((m.byPayer.breakdown ?? []).filter((r) => r.key !== null).map((r) => [r.key!, r.value]));
  let selected: Drill | null = mayList ? drillOf(location.search) : null;
  if (selected && 'owner' in selected && !owners.has(selected.owner)) selected = null;
  let segments: AgingSegment[] | undefined;
  let drawAging = () => undefined as void;

  const drawOwed = () => {
    owed.body.replaceChildren(...payerAndPatient(m.byPayer, nameOf, {
      selected: selected && 'owner' in selected ? selected.owner : null,
      onSelect: mayList ? (owner) => choose({ owner }) : undefined,
    }));
  };

  const showClaims = () => {
    if (!selected) {
      drill.hidden = true;
      drill.replaceChildren();
      return;
    }
    const chosen = selected;
    const amount = 'bucket' in chosen ? segments?.find((s) => s.payer === chosen.payer && s.bucket === chosen.bucket)?.amount ?? null : owners.get(chosen.owner) ?? null;
    const spec = drillSpec(chosen, amount, asOf, nameOf);
    const title = document.createElement('h2');
    title.textContent = spec.title;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close the claims';
    close.addEventListener('click', () => choose(null));
    drill.hidden = false;
    drill.replaceChildren(
      title, paragraph(spec.note, 'note'), close,
      serverTable({
        endpoint: '/api/claims',
        caption: 'claims',
        params: { ...spec.params, as_of: asOf, provider: scope.provider, location: scope.location, practice: scope.practice, ...(scope.payer ? { payer: scope.payer } : {}) },
        columns: [
          { name: 'claim_id', label: 'Claim' }, { name: 'payer_id', label: 'Payer' }, { name: 'service_date', label: 'Service date' }, { name: 'age_days', label: 'Age (days)' },
          { name: 'balance', label: 'Balance (total)' }, { name: 'insurance_balance', label: 'Insurance portion' }, { name: 'patient_balance', label: 'Patient portion' },
          { name: 'charge', label: 'Charge' }, { name: 'first_submitted_date', label: 'First submitted' }, { name: 'first_adjudicated_date', label: 'First adjudicated' },
          { name: 'first_denied', label: 'Denied first time' }, { name: 'provider', label: 'Provider' }, { name: 'location', label: 'Location' },
        ],
        sortable: ['claim_id', 'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge', 'balance', 'age_days', 'payer_id'],
        sort: 'balance',
        order: 'desc',
        link: (column, row) => (column === 'claim_id' && session.user.views.includes('claim_detail') ? `/claims${searchWith(filters, new URLSearchParams({ claim: String(row.claim_id) }))}` : undefined),
        signal,
      }),
    );
  };

  function choose(next: Drill | null): void {
    if (sameDrill(next, selected)) next = null; // choosing the open bar again closes it
    selected = next;
    rememberDrill(next);
    drawOwed();
    drawAging();
    showClaims();
    if (next) drill.scrollIntoView({ block: 'nearest' });
  }

  drawOwed();
  owed.element.dataset.ready = 'true';
  if (selected && 'owner' in selected) showClaims();

  // aging: one request per payer with open A/R (ar_over_90_pct by payer lists them, self-pay included)
  const payers = (m.over90.breakdown ?? []).map((r) => r.key).filter((k): k is string => k !== null);
  if (payers.length === 0) {
    const why = m.over90.unavailable_reason ? ` (the API says: ${m.over90.unavailable_reason})` : '';
    aging.body.replaceChildren(stateMessage(`No open A/R as of ${formatDate(asOf)} for these filters: no claim served by then has a positive balance${why}.`, 'empty'));
    aging.element.dataset.ready = 'true';
    subtitle.dataset.ready = 'all';
    return;
  }
  let perPayer: MetricsAnswer[];
  try {
    perPayer = await Promise.all(payers.map((payer) => fetchMetrics(['ar_aging'], { ...scope, as_of: asOf, payer }, {}, signal)));
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    aging.body.replaceChildren(stateMessage(`Could not load the aging by payer: ${errorText(e)}`, 'error'));
    return;
  }
  if (signal.aborted) return;

  const buckets = [...new Set([...(m.aging.breakdown ?? []), ...perPayer.flatMap((a) => metricOf(a, 'ar_aging').breakdown ?? [])].map((r) => r.key).filter((k): k is string => k !== null))];
  const bars = perPayer.flatMap((a, i) => (metricOf(a, 'ar_aging').breakdown ?? []).filter((r) => r.key !== null).map((r) => ({ payer: payers[i], bucket: r.key!, amount: r.numerator ?? 0 })));
  segments = bars;
  const totals = new Map(perPayer.map((a, i) => [payers[i], metricOf(a, 'ar_aging').denominator ?? 0]));
  const order = [...payers].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const shareOf = (metric: MetricResult) => new Map((metric.breakdown ?? []).map((r) => [r.key ?? '', r.value]));
  if (selected && 'bucket' in selected && (!payers.includes(selected.payer) || !buckets.includes(selected.bucket))) selected = null;

  drawAging = () => {
    const options = {
      buckets, payers: order, totals, names: new Map(order.map((p) => [p, p === PATIENT ? 'Patient' : nameOf(p)])), selected: selected && 'bucket' in selected ? selected : null,
      onSelect: mayList ? (s: AgingSegment) => choose({ payer: s.payer, bucket: s.bucket }) : undefined,
    };
    const chart = document.createElement('figure');
    chart.className = 'chart';
    chart.append(agingBars(bars, options));
    const table = document.createElement('div');
    table.className = 'table-block';
    table.append(agingTable(bars, { ...options, shares: [{ label: 'Over 90 days', values: shareOf(m.over90) }, { label: 'Over 120 days', values: shareOf(m.over120) }] }));
    aging.body.replaceChildren(
      paragraph(`Each bar: what the payer owes on its open claims (their insurance portions), and for “patient” the patient portions of every claim, by age since the date of service, as of ${formatDate(asOf)}. ${mayList ? 'Choose a segment (or an amount in the table) to list its claims.' : `A ${session.user.role.replace('_', ' ')} may not list claims: the bars show totals only.`}`),
      chart, table,
      howComputed(m.aging, { summary: 'How are the bars computed?', note: 'Each payer’s bar is ar_aging asked with that payer (payer=…); its buckets add up to the payer’s total. The shares over 90 and 120 days are ar_over_90_pct and ar_over_120_pct by payer.' }),
    );
  };
  drawAging();
  if (selected && 'bucket' in selected) showClaims();
  aging.element.dataset.ready = 'true';
  subtitle.dataset.ready = 'all';
}

/** What each payer owes (its claims' insurance portions) and what patients owe, beside each other; each bar a button to its claims. */
function payerAndPatient(byPayer: MetricResult, nameOf: (payer: string) => string, options: { selected: string | null; onSelect?: (owner: string) => void }): HTMLElement[] {
  const rows = (byPayer.breakdown ?? []).filter((r) => r.key !== null);
  if (rows.length === 0) return [stateMessage(byPayer.unavailable_reason ? `Unavailable: ${byPayer.unavailable_reason}.` : 'No open A/R for these filters.', 'empty')];
  const ordered = [...rows].sort((a, b) => Number(a.key === PATIENT) - Number(b.key === PATIENT) || (b.value ?? 0) - (a.value ?? 0));
  const INSURANCE = 'Payers (insurance portion)';
  const PATIENTS = 'Patients (patient portion)';
  const name = nameOf;
  const chart = document.createElement('figure');
  chart.className = 'chart';
  chart.append(barList(ordered.map((r) => ({ key: r.key!, label: name(r.key!), value: r.value, group: r.key === PATIENT ? PATIENTS : INSURANCE })), {
    unit: 'dollars', label: 'A/R owed by each payer (insurance portions) and by patients', groups: [INSURANCE, PATIENTS], marginLeft: 210,
    selected: options.selected, onSelect: options.onSelect && ((item) => options.onSelect!(item.key)),
  }));
  const table = document.createElement('table');
  table.className = 'owed-table compact';
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of [['Owed by', false], [byPayer.short_label, true]] as const) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of ordered) {
    const tr = body.insertRow();
    tr.dataset.key = r.key!;
    const owner = document.createElement('th');
    owner.scope = 'row';
    owner.textContent = name(r.key!);
    if (r.key !== PATIENT && name(r.key!) !== r.key) owner.title = `payer id ${r.key}`;
    const value = document.createElement('td');
    value.className = 'num';
    if (options.onSelect && r.value) {
      const choose = options.onSelect;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = formatMoney(r.value);
      button.setAttribute('aria-label', `${name(r.key!)}: ${formatMoney(r.value)}; show these claims`);
      if (options.selected === r.key) button.setAttribute('aria-pressed', 'true');
      button.addEventListener('click', () => choose(r.key!));
      value.append(button);
    } else {
      value.textContent = formatMoney(r.value);
    }
    tr.append(owner, value);
  }
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(table);
  return [
    paragraph(`Who owes the open balance: each payer its claims’ insurance portions, patients the patient portions of every claim (self-pay claims included). Credit balances are in the card above, not netted here.${options.onSelect ? ' Choose a bar (or an amount) to list its claims.' : ''}`),
    chart, block,
    howComputed(byPayer, { note: 'ar_total by payer.' }),
  ];
}
