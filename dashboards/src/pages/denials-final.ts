// The denials page's final denials: what denials finally cost, as HFMA's final denial rate (MAP Key AR-6)
// — denial-class write-offs net of later recoveries over net revenue — and the write-offs by denial
// category. Duplicates and bad debt are not denials (their own adjustment classes). One request.
import { howComputed, windowText } from '../charts/definition-details.ts';
import { paragraph } from '../charts/panel.ts';
import { statCard } from '../charts/stat-card.ts';
import type { Filters } from '../filters.ts';
import { formatMoney, formatPercent } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type MetricResult } from '../metrics.ts';
import { errorText, isAbort, stateMessage } from '../page.ts';

export async function drawFinalDenials(body: HTMLElement, filters: Filters, signal: AbortSignal): Promise<void> {
  body.replaceChildren(stateMessage('Loading the final denials…', 'loading'));
  let rate: MetricResult;
  let writeOffs: MetricResult;
  try {
    const answer = await fetchMetrics(['final_denial_rate', 'denial_write_offs'], filters, { by: 'denial_category' }, signal);
    rate = metricOf(answer, 'final_denial_rate');
    writeOffs = metricOf(answer, 'denial_write_offs');
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    body.replaceChildren(stateMessage(`Could not load the final denials: ${errorText(e)}`, 'error'));
    return;
  }
  const rates = new Map((rate.breakdown ?? []).map((r) => [r.key, r.value]));
  const rows = (writeOffs.breakdown ?? []).filter((r) => r.key !== null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key!.localeCompare(b.key!));
  const table = document.createElement('table');
  table.className = 'final-denials compact';
  const head = table.createTHead().insertRow();
  for (const [text, numeric] of [['Denial category', false], [writeOffs.short_label, true], [rate.short_label, true]] as const) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const line = (section: HTMLTableSectionElement, key: string, name: string, amount: number | null, share: number | null) => {
    const tr = section.insertRow();
    tr.dataset.key = key;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = name;
    tr.append(th);
    for (const text of [formatMoney(amount), formatPercent(share)]) {
      const td = tr.insertCell();
      td.className = 'num';
      td.textContent = text;
    }
  };
  const tbody = table.createTBody();
  for (const r of rows) line(tbody, r.key!, r.key!.replaceAll('_', ' '), r.value, rates.get(r.key) ?? null);
  line(table.createTFoot(), 'total', 'All categories', writeOffs.value, rate.value);
  const cards = document.createElement('div');
  cards.className = 'tiles stats';
  cards.append(statCard(rate), statCard(writeOffs));
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(table);
  body.replaceChildren(
    paragraph(`What denials finally cost, ${windowText(rate)}: the denial write-offs posted in the window, less what was later recovered on the same claims, over net revenue (HFMA MAP Key AR-6). Duplicate claims voided and patient bad debt are not denials, and are not counted here.`),
    cards,
    rows.length ? block : stateMessage('No denial write-offs in the window for these filters.', 'empty'),
    howComputed(writeOffs, { summary: 'How are the write-offs by category computed?', note: 'final_denial_rate and denial_write_offs by denial_category, one request; each category’s rate is its write-offs over the whole net revenue.' }),
  );
  body.dataset.ready = 'true';
}
