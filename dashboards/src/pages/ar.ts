// A/R at the as-of date: the headline (A/R, insurance and patient portions, credit balances beside,
// % over 90 and 120 days, days in A/R gross and net), aging by payer as stacked bars (ar_aging narrowed
// to each payer that has open A/R), what payers and patients owe (ar_total by payer), and the claims
// behind any bar, paged by the server with a CSV download. Every number from /api/metrics.
import { agingBars, agingTable, bucketName, type AgingSegment } from '../charts/ar-aging-bars.ts';
import { barList } from '../charts/bar-list.ts';
import { howComputed } from '../charts/definition-details.ts';
import { paragraph, panel } from '../charts/panel.ts';
import { statCard } from '../charts/stat-card.ts';
import { searchWith } from '../filters.ts';
import { formatDate, formatMoney } from '../format.ts';
import { fetchMetrics, metricOf, type MetricResult, type MetricsAnswer } from '../metrics.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { serverTable } from '../table.ts';

/** The drill-down's place in the address (beside the filters), so a list of claims can be shared. */
const DRILL_BUCKET = 'aging';
const DRILL_PAYER = 'aging_payer';

const CREDIT = 'credit balances';

interface Drill {
  payer: string;
  bucket: string;
}

/** A breakdown row of a metric as a metric of its own (a card shows it with the metric's definition). */
function rowAsMetric(m: MetricResult, key: string): MetricResult {
  const row = m.breakdown?.find((r) => r.key === key);
  return { ...m, value: row?.value ?? null, numerator: row?.numerator ?? null, unavailable_reason: row ? row.unavailable_reason ?? null : `no ${key} row in the answer`, breakdown: undefined };
}

function drillOf(search: string): Drill | null {
  const params = new URLSearchParams(search);
  const payer = params.get(DRILL_PAYER);
  const bucket = params.get(DRILL_BUCKET);
  return payer && bucket ? { payer, bucket } : null;
}

/** Keeps the drill-down in the address without reloading the page. */
function rememberDrill(drill: Drill | null): void {
  const url = new URL(location.href);
  if (drill) {
    url.searchParams.set(DRILL_PAYER, drill.payer);
    url.searchParams.set(DRILL_BUCKET, drill.bucket);
  } else {
    url.searchParams.delete(DRILL_PAYER);
    url.searchParams.delete(DRILL_BUCKET);
  }
  history.replaceState(history.state, '', `${url.pathname}${url.search}`);
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
  const drill = document.createElement('section');
  drill.className = 'panel ar-claims';
  drill.hidden = true;
  container.replaceChildren(heading('A/R'), subtitle, cards, aging.element, drill, owed.element);
  if (filters.from || filters.to) container.insertBefore(paragraph('A/R is a snapshot at the as-of date: the date range (from, to) does not apply on this page.', 'hint notice'), cards);

  let headline: MetricsAnswer;
  let byPayer: MetricsAnswer;
  try {
    // one request per breakdown; a metric that cannot be broken down by it comes back as its headline
    // (ar_aging with its own buckets, the days in A/R)
    [headline, byPayer] = await Promise.all([
      fetchMetrics(['ar_total', 'ar_aging', 'days_in_ar', 'days_in_ar_net'], scope, { by: 'kind' }, signal),
      fetchMetrics(['ar_total', 'ar_over_90_pct', 'ar_over_120_pct'], scope, { by: 'payer' }, signal),
    ]);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    cards.replaceChildren(stateMessage(`Could not load A/R: ${errorText(e)}`, 'error'));
    aging.body.replaceChildren();
    owed.body.replaceChildren();
    return;
  }
  const asOf = headline.as_of;
  const m = {
    kinds: metricOf(headline, 'ar_total'), aging: metricOf(headline, 'ar_aging'), days: metricOf(headline, 'days_in_ar'), daysNet: metricOf(headline, 'days_in_ar_net'),
    byPayer: metricOf(byPayer, 'ar_total'), over90: metricOf(byPayer, 'ar_over_90_pct'), over120: metricOf(byPayer, 'ar_over_120_pct'),
  };
  subtitle.dataset.asOf = asOf;
  subtitle.textContent = `As of ${formatDate(asOf)}: claims served on or before it with a balance, by age since the date of service.`;

  const kinds = m.kinds;
  cards.replaceChildren(
    statCard(kinds, { label: 'A/R', note: 'Insurance and patient portions of every open claim.' }),
    statCard(rowAsMetric(kinds, 'insurance'), { label: 'Payer (insurance) A/R', definitionNote: 'The "insurance" row of ar_total by kind: each open claim’s insurance portion.' }),
    statCard(rowAsMetric(kinds, 'patient'), { label: 'Patient A/R', definitionNote: 'The "patient" row of ar_total by kind: each open claim’s patient portion.' }),
    statCard(rowAsMetric(kinds, CREDIT), { label: 'Credit balances', note: 'Owed back to payers or patients: beside A/R, never netted into it.', definitionNote: 'The "credit balances" row of ar_total by kind: the total of claims whose balance is negative, as a positive amount.' }),
    statCard(m.over90),
    statCard(m.over120),
    statCard(m.days),
    statCard(m.daysNet),
  );
  cards.dataset.ready = 'true';

  owed.body.replaceChildren(...payerAndPatient(m.byPayer));
  owed.element.dataset.ready = 'true';

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

  const buckets = [...new Set([...(m.aging.breakdown ?? []), ...perPayer.flatMap((a) => a.metrics.ar_aging.breakdown ?? [])].map((r) => r.key).filter((k): k is string => k !== null))];
  const segments: AgingSegment[] = perPayer.flatMap((a, i) => (a.metrics.ar_aging.breakdown ?? []).filter((r) => r.key !== null).map((r) => ({ payer: payers[i], bucket: r.key!, amount: r.numerator ?? 0 })));
  const totals = new Map(perPayer.map((a, i) => [payers[i], a.metrics.ar_aging.denominator ?? 0]));
  const order = [...payers].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const shareOf = (metric: MetricResult) => new Map((metric.breakdown ?? []).map((r) => [r.key ?? '', r.value]));
  const mayList = session.user.views.includes('claims');

  let selected: Drill | null = drillOf(location.search);
  if (selected && (!mayList || !payers.includes(selected.payer) || !buckets.includes(selected.bucket))) selected = null;

  const drawAging = () => {
    const options = {
      buckets, payers: order, totals, selected,
      onSelect: mayList ? (s: AgingSegment) => choose({ payer: s.payer, bucket: s.bucket }) : undefined,
    };
    const chart = document.createElement('figure');
    chart.className = 'chart';
    chart.append(agingBars(segments, options));
    const table = document.createElement('div');
    table.className = 'table-block';
    table.append(agingTable(segments, { ...options, shares: [{ label: 'Over 90 days', values: shareOf(m.over90) }, { label: 'Over 120 days', values: shareOf(m.over120) }] }));
    aging.body.replaceChildren(
      paragraph(`Each bar: the balance of the open claims billed to the payer — insurance and patient portions together — by age since the date of service, as of ${formatDate(asOf)}. ${mayList ? 'Choose a segment (or an amount in the table) to list its claims.' : `A ${session.user.role.replace('_', ' ')} may not list claims: the bars show totals only.`}`),
      chart, table,
      howComputed(m.aging, { summary: 'How are the bars computed?', note: 'Each payer’s bar is ar_aging asked with that payer (payer=…); its buckets add up to the payer’s total. The shares over 90 and 120 days are ar_over_90_pct and ar_over_120_pct by payer.' }),
    );
  };

  const showClaims = () => {
    if (!selected) {
      drill.hidden = true;
      drill.replaceChildren();
      return;
    }
    const { payer, bucket } = selected;
    const amount = segments.find((s) => s.payer === payer && s.bucket === bucket)?.amount ?? 0;
    const title = document.createElement('h2');
    title.textContent = `Claims behind the bar: ${payer}, ${bucketName(bucket)}`;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close the claims';
    close.addEventListener('click', () => choose(null));
    drill.hidden = false;
    drill.dataset.payer = payer;
    drill.dataset.bucket = bucket;
    drill.replaceChildren(
      title,
      paragraph(`Open claims billed to ${payer}, ${bucketName(bucket)} old (since the date of service) on ${formatDate(asOf)}. A claim’s balance here is its total — insurance plus patient portion — the same measure as the bar, so the balances add up to the bar’s ${formatMoney(amount)}; the insurance and patient columns split each balance. The payer’s insurance portion alone is under “Payer and patient A/R” below.`, 'note'),
      close,
      serverTable({
        endpoint: '/api/claims',
        caption: 'claims',
        params: { status: 'open', aging: bucket, payer, as_of: asOf, provider: scope.provider, location: scope.location, practice: scope.practice },
        columns: [
          { name: 'claim_id', label: 'Claim' }, { name: 'service_date', label: 'Service date' }, { name: 'age_days', label: 'Age (days)' },
          { name: 'balance', label: 'Balance (total)' }, { name: 'insurance_balance', label: 'Insurance portion' }, { name: 'patient_balance', label: 'Patient portion' },
          { name: 'charge', label: 'Charge' }, { name: 'first_submitted_date', label: 'First submitted' }, { name: 'first_adjudicated_date', label: 'First adjudicated' },
          { name: 'first_denied', label: 'Denied first time' }, { name: 'provider', label: 'Provider' }, { name: 'location', label: 'Location' },
        ],
        sortable: ['claim_id', 'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge', 'balance', 'age_days'],
        sort: 'balance',
        order: 'desc',
        link: (column, row) => (column === 'claim_id' && session.user.views.includes('claim_detail') ? `/claims${searchWith(filters, new URLSearchParams({ claim: String(row.claim_id) }))}` : undefined),
        signal,
      }),
    );
  };

  function choose(next: Drill | null): void {
    selected = next;
    rememberDrill(next);
    drawAging();
    showClaims();
    if (next) drill.scrollIntoView({ block: 'nearest' });
  }

  drawAging();
  showClaims();
  aging.element.dataset.ready = 'true';
  subtitle.dataset.ready = 'all';
}

/** What each payer owes (its claims' insurance portions) and what patients owe, beside each other. */
function payerAndPatient(byPayer: MetricResult): HTMLElement[] {
  const rows = (byPayer.breakdown ?? []).filter((r) => r.key !== null);
  if (rows.length === 0) return [stateMessage(byPayer.unavailable_reason ? `Unavailable: ${byPayer.unavailable_reason}.` : 'No open A/R for these filters.', 'empty')];
  const ordered = [...rows].sort((a, b) => Number(a.key === 'patient') - Number(b.key === 'patient') || (b.value ?? 0) - (a.value ?? 0));
  const INSURANCE = 'Payers (insurance portion)';
  const PATIENT = 'Patients (patient portion)';
  const chart = document.createElement('figure');
  chart.className = 'chart';
  chart.append(barList(ordered.map((r) => ({ key: r.key!, label: r.key === 'patient' ? 'Patients' : r.key!, value: r.value, group: r.key === 'patient' ? PATIENT : INSURANCE })), {
    unit: 'dollars', label: 'A/R owed by each payer (insurance portions) and by patients', groups: [INSURANCE, PATIENT], marginLeft: 90,
  }));
  const table = document.createElement('table');
  table.className = 'owed-table compact';
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of [['Owed by', false], ['A/R', true]] as const) {
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
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = r.key === 'patient' ? 'Patients' : r.key!;
    const value = tr.insertCell();
    value.className = 'num';
    value.textContent = formatMoney(r.value);
    tr.append(name, value);
  }
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(table);
  return [
    paragraph('Who owes the open balance: each payer its claims’ insurance portions, patients the patient portions of every claim (self-pay claims included). Credit balances are in the card above, not netted here.'),
    chart, block,
    howComputed(byPayer, { note: 'ar_total by payer.' }),
  ];
}
