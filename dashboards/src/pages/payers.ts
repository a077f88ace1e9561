// Payers: a scorecard, one row per payer — volume (claims first adjudicated in the window), paid, initial
// denial rate, first-pass yield, median and p90 payer lag, net collection rate — from two requests by
// payer (the adjudication measures share their quarter, the money measures their twelve months), each
// payer by name with its id beside it, sortable, each column with the registry's definition, each row
// opening that payer's claims.
import { howComputed, windowText } from '../charts/definition-details.ts';
import { paragraph } from '../charts/panel.ts';
import { payersScorecard, type ScorecardCell, type ScorecardColumn, type ScorecardRow } from '../charts/payers-scorecard.ts';
import { searchWith } from '../filters.ts';
import { formatCount, formatDate, formatMoney } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type BreakdownRow, type MetricResult, type MetricsAnswer } from '../metrics.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { BY_PAYER_NAMED, namesOf, namedRows } from '../names.ts';

const ADJUDICATION = ['initial_denial_rate', 'first_pass_yield', 'payer_lag_days'] as const;
const MONEY = ['collections', 'net_collection_rate'] as const;
/** collections by payer files patient payments and refunds under this key: not a payer. */
const PATIENT = 'patient';

type Sort = { column: string; order: 'asc' | 'desc' };
const DEFAULT_SORT: Sort = { column: 'volume', order: 'desc' };

/** The cells of one payer (a breakdown row of each metric) or of every payer (the headline). */
type Source = (Pick<BreakdownRow, 'value' | 'numerator' | 'denominator' | 'p90' | 'n'> & { unavailable_reason?: string | null }) | undefined;

function cells(s: { denial: Source; yield: Source; lag: Source; paid: Source; ncr: Source }): Record<string, ScorecardCell> {
  const missing = (r: Source, what: string) => (r ? `Unavailable: ${r.unavailable_reason ?? 'no value'}` : `No ${what} in the window`);
  const ratio = (r: Source, what: string, of: string) =>
    r && r.value !== null ? `${formatCount(r.numerator)} of ${formatCount(r.denominator)} ${of} ${what}` : missing(r, of);
  return {
    volume: { value: s.denial?.denominator ?? null, title: s.denial ? `${formatCount(s.denial.denominator)} claims first adjudicated in the window (the initial denial rate’s denominator)` : 'No claims first adjudicated in the window' },
    paid: { value: s.paid?.value ?? null, title: s.paid ? `${formatMoney(s.paid.value)} received in the window` : 'No money received in the window' },
    denial: { value: s.denial?.value ?? null, title: ratio(s.denial, 'denied on their first adjudication', 'claims') },
    yield: { value: s.yield?.value ?? null, title: ratio(s.yield, 'paid clean the first time', 'claims') },
    lag_median: { value: s.lag?.value ?? null, title: s.lag && s.lag.value !== null ? `median of ${formatCount(s.lag.n)} claims` : missing(s.lag, 'claims') },
    lag_p90: { value: s.lag?.p90 ?? null, title: s.lag && s.lag.p90 !== null && s.lag.p90 !== undefined ? `90th percentile of ${formatCount(s.lag.n)} claims` : missing(s.lag, 'claims') },
    ncr: { value: s.ncr?.value ?? null, title: s.ncr && s.ncr.value !== null ? `${formatMoney(s.ncr.numerator)} collected ÷ ${formatMoney(s.ncr.denominator)} net revenue (charges − contractual, policy and duplicate adjustments)` : missing(s.ncr, 'charges or payments') },
  };
}

function sortOf(search: string): Sort {
  const params = new URLSearchParams(search);
  const column = params.get('sort');
  const order = params.get('order');
  return column ? { column, order: order === 'asc' ? 'asc' : 'desc' } : DEFAULT_SORT;
}

/** Keeps the sort in the address (beside the filters) without reloading the page. */
function rememberSort(sort: Sort): void {
  const url = new URL(location.href);
  url.searchParams.set('sort', sort.column);
  url.searchParams.set('order', sort.order);
  history.replaceState(history.state, '', `${url.pathname}${url.search}`);
}

export async function render(container: HTMLElement, { filters, signal, session }: PageContext): Promise<void> {
  const subtitle = paragraph('', 'hint as-of');
  const card = document.createElement('section');
  card.className = 'panel payers-scorecard';
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(stateMessage('Loading the scorecard…', 'loading'));
  card.append(block);
  const definitions = document.createElement('section');
  definitions.className = 'panel definitions';
  container.replaceChildren(heading('Payers'), subtitle, card, definitions);

  let adjudication: MetricsAnswer;
  let money: MetricsAnswer;
  try {
    [adjudication, money] = await Promise.all([
      fetchMetrics(ADJUDICATION, filters, { by: BY_PAYER_NAMED }, signal),
      fetchMetrics(MONEY, filters, { by: BY_PAYER_NAMED }, signal),
    ]);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    block.replaceChildren(stateMessage(`Could not load the scorecard: ${errorText(e)}`, 'error'));
    return;
  }
  const denial = metricOf(adjudication, 'initial_denial_rate');
  const firstPass = metricOf(adjudication, 'first_pass_yield');
  const lag = metricOf(adjudication, 'payer_lag_days');
  const paid = metricOf(money, 'collections');
  const ncr = metricOf(money, 'net_collection_rate');
  const asOf = adjudication.as_of;
  subtitle.dataset.asOf = asOf;
  subtitle.textContent = `As of ${formatDate(asOf)}. Claims, denials, first-pass yield and lags: claims first adjudicated ${windowText(denial)}; paid and net collection rate: ${windowText(paid)}.`;

  const by = { denial: namedRows(denial), yield: namedRows(firstPass), lag: namedRows(lag), paid: namedRows(paid), ncr: namedRows(ncr) };
  const names = namesOf(denial, firstPass, lag, paid, ncr);
  const payers = [...new Set(Object.values(by).flatMap((m) => [...m.keys()]))].filter((k) => k !== PATIENT);
  const rows: ScorecardRow[] = payers.map((payer) => ({
    key: payer, label: names.get(payer) ?? payer, code: payer,
    cells: cells({ denial: by.denial.get(payer), yield: by.yield.get(payer), lag: by.lag.get(payer), paid: by.paid.get(payer), ncr: by.ncr.get(payer) }),
  }));
  const footer: ScorecardRow = {
    key: 'all', label: filters.payer ? `All of ${names.get(filters.payer) ?? filters.payer}` : 'All claims',
    cells: cells({ denial, yield: firstPass, lag, paid, ncr }),
  };
  const patientMoney = by.paid.get(PATIENT);

  // the definitions, one disclosure per metric; a column's "?" opens its own
  const explained = new Map<string, HTMLDetailsElement>();
  const explain = (id: string) => () => {
    const details = explained.get(id);
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: 'nearest' });
    details.querySelector('summary')?.focus();
  };
  const definition = (m: MetricResult, columns: string, note: string) => {
    const details = howComputed(m, { summary: `${columns}: how is this computed?`, note });
    explained.set(m.id, details);
    return details;
  };
  const h2 = document.createElement('h2');
  h2.textContent = 'How each column is computed';
  definitions.replaceChildren(
    h2,
    definition(denial, 'Claims adjudicated and initial denial rate', 'Claims adjudicated is the initial denial rate’s denominator by payer; the rate is its numerator over it. Hover a number for its counts.'),
    definition(paid, 'Paid', 'collections by payer: the money the payer sent (insurance payments and its PLB interest or recoupments), dated in the window. Patient payments and refunds are filed under “patient”, not under a payer.'),
    definition(firstPass, firstPass.short_label, 'first_pass_yield by payer.'),
    definition(lag, `${lag.short_label}, median and p90`, 'payer_lag_days by payer: the median and the 90th percentile of the same claims.'),
    definition(ncr, ncr.short_label, 'net_collection_rate by payer: money from the payer’s claims, patient payments on them included.'),
  );

  const may = session.user.views.includes('claims');
  const column = (id: string, label: string, unit: ScorecardColumn['unit'], of: MetricResult): ScorecardColumn => ({ id, label, unit, sub: windowText(of), explain: explain(of.id) });
  const columns: ScorecardColumn[] = [
    column('volume', 'Claims adjudicated', 'count', denial),
    column('paid', 'Paid', 'dollars', paid),
    column('denial', denial.short_label, 'ratio', denial),
    column('yield', firstPass.short_label, 'ratio', firstPass),
    column('lag_median', `${lag.short_label}, median`, 'days', lag),
    column('lag_p90', `${lag.short_label}, p90`, 'days', lag),
    column('ncr', ncr.short_label, 'ratio', ncr),
  ];
  let sort = sortOf(location.search);
  if (sort.column !== 'label' && !columns.some((c) => c.id === sort.column)) sort = DEFAULT_SORT;

  const draw = () => {
    if (rows.length === 0) {
      block.replaceChildren(stateMessage(`No payer has claims adjudicated, payments or charges in these windows${filters.payer ? ` for ${filters.payer}` : ''}.`, 'empty'));
      return;
    }
    block.replaceChildren(
      paragraph(`${may ? 'Choose a payer to list its claims. ' : ''}Sort by any column; hover a number for how it comes about, or open a column’s “?” for its definition. ${patientMoney ? `Patients paid ${formatMoney(patientMoney.value)} net of refunds in the same window (under “patient” in collections, in the last row’s Paid).` : ''}`),
      payersScorecard(rows, {
        caption: `Payer scorecard as of ${formatDate(asOf)}`,
        columns, sort, footer,
        onSort: (next) => {
          sort = next;
          rememberSort(next);
          draw();
        },
        href: may ? (row) => `/claims${searchWith({ ...filters, payer: row.key })}` : undefined,
      }),
    );
  };
  draw();
  subtitle.dataset.ready = 'all';
}
