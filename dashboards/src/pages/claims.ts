// Claims: the claim explorer. Search a claim by its number (GET /api/claims?q= as you type) or name it in
// the address (/claims?claim=MFH00000123); its full history with the balance after each event (GET
// /api/claims/:id) and the raw ERA view of each remittance (GET /api/claims/:id/remittances). A number
// two billing providers use (409) lists the claims it names; one not found (404) says why. Without a
// claim, the claims behind the URL's filters, paged and sorted by the server.
import { ApiError, getJson } from '../api.ts';
import { claimAnswers } from '../claim-answers.ts';
import { claimHistory, type ClaimEvent } from '../charts/claim-history.ts';
import { eraRemittance, type EraRecord } from '../charts/era-remittance.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatDate, formatMoney } from '../../../kernel/format.ts';
import { errorText, heading, isAbort, markShown, openView, stateMessage, type PageContext } from '../page.ts';
import { serverTable } from '../table.ts';
import type { ClaimList } from '../../../kernel/api/claims.ts';

const SORTABLE = ['claim_id', 'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge', 'balance', 'age_days', 'payer_id'] as const;
/** What the API takes as a claim number (server/routes/claims.ts): checked here to say so before asking. */
const CLAIM_NUMBER = /^[A-Za-z0-9._\-/]{1,38}(@[0-9]{10})?$/;
const SEARCH_PREFIX = /^[A-Za-z0-9._\-/@]{1,49}$/;
const SUGGESTIONS = 10;

const claimHref = (claim: string, filters: Filters) => `/claims${searchWith(filters, new URLSearchParams({ claim }))}`;

type ClaimRow = ClaimList['rows'][number];

function searchForm(filters: Filters, current: string | undefined, signal: AbortSignal): HTMLElement {
  const form = document.createElement('form');
  form.className = 'claim-search';
  form.setAttribute('role', 'search');
  const label = document.createElement('label');
  label.textContent = 'Claim number';
  const input = document.createElement('input');
  Object.assign(input, { type: 'search', name: 'claim', autocomplete: 'off', placeholder: 'e.g. MFH00000123', value: current ?? '' });
  input.setAttribute('aria-controls', 'claim-suggestions');
  label.append(input);
  const open = document.createElement('button');
  open.type = 'submit';
  open.textContent = 'Open';
  const problem = document.createElement('span');
  problem.className = 'error';
  problem.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.id = 'claim-suggestions';
  list.className = 'claim-suggestions';
  list.setAttribute('aria-label', 'Claims whose number starts so');
  form.append(label, open, problem, list);

  let asking: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const suggest = async (prefix: string) => {
    asking?.abort();
    const controller = (asking = new AbortController());
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    try {
      const answer = await getJson<ClaimList>('/api/claims', { q: prefix, practice: filters.practice, as_of: filters.as_of, sort: 'claim_id', order: 'asc', page_size: SUGGESTIONS }, controller.signal);
      if (controller.signal.aborted) return;
      const rows = answer.rows;
      list.replaceChildren(...rows.map((r) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = claimHref(r.claim_id, filters);
        a.textContent = r.claim_id;
        li.append(a, ` ${r.payer_id ?? ''} · ${formatDate(r.service_date)} · ${formatMoney(r.charge)}`);
        return li;
      }));
      problem.textContent = rows.length === 0 ? `No claim of your practices starts with ${prefix}.` : answer.total > rows.length ? `First ${rows.length} of ${answer.total} claims starting with ${prefix}.` : '';
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) return;
      problem.textContent = `Could not search: ${errorText(e)}`;
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) {
      asking?.abort();
      list.replaceChildren();
      problem.textContent = '';
      return;
    }
    if (!SEARCH_PREFIX.test(prefix)) {
      problem.textContent = 'A claim number has letters, digits and . _ - / only (and @ before a billing NPI).';
      return;
    }
    timer = setTimeout(() => void suggest(prefix), 120);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const claim = input.value.trim();
    if (!CLAIM_NUMBER.test(claim)) {
      problem.textContent = 'A claim number is 1–38 letters, digits or . _ - /, optionally followed by @ and a billing NPI.';
      return;
    }
    openView(claimHref(claim, filters));
  });
  return form;
}

function claimList(filters: Filters, signal: AbortSignal): HTMLElement {
  return serverTable({
    endpoint: '/api/claims',
    caption: 'claims',
    params: {
      as_of: filters.as_of, payer: filters.payer, provider: filters.provider, location: filters.location, practice: filters.practice,
      service_from: filters.from, service_to: filters.to,
    },
    columns: [
      { name: 'claim_id', label: 'Claim' }, { name: 'payer_name', label: 'Payer' }, { name: 'payer_id', label: 'Payer ID' },
      { name: 'provider_name', label: 'Provider' },
      { name: 'location', label: 'Location' }, { name: 'service_date', label: 'Service date' }, { name: 'charge', label: 'Charge' },
      { name: 'balance', label: 'Balance' }, { name: 'age_days', label: 'Age (days)' }, { name: 'aging_bucket', label: 'Aging' },
      { name: 'first_denied', label: 'Denied first time' }, { name: 'denial_categories', label: 'Denial categories' },
    ],
    sortable: SORTABLE,
    sort: 'service_date',
    order: 'desc',
    link: (name, row) => (name === 'claim_id' ? claimHref(String(row.claim_id), filters) : undefined),
    signal,
  });
}

/** The claim's facts from the claim list (payer, provider, charge, balance on the as-of date), if it is there. */
function summaryOf(row: ClaimRow | undefined, asOf: string | undefined): HTMLElement {
  const p = document.createElement('p');
  p.className = 'claim-summary';
  if (!row) {
    p.textContent = 'Not in the claim list for the as-of date (its date of service may be later).';
    return p;
  }
  p.textContent = [
    `Payer ${row.payer_id ?? '—'}`, `rendering provider ${row.provider ?? '—'}`, row.location ?? '', `service ${formatDate(row.service_date)}`,
    `first adjudicated ${formatDate(row.first_adjudicated_date)}`, `charge ${formatMoney(row.charge)}`, `balance ${formatMoney(row.balance)}${asOf ? ` on ${formatDate(asOf)}` : ''}`,
    row.denial_categories?.length ? `denied first for ${row.denial_categories.join(', ').replaceAll('_', ' ')}` : '',
  ].filter(Boolean).join(' · ');
  return p;
}

async function showClaim(body: HTMLElement, id: string, filters: Filters, signal: AbortSignal): Promise<void> {
  body.replaceChildren(stateMessage(`Loading claim ${id}…`, 'loading'));
  // the summary's line (a claim-list search) is asked for once the history and the 835 records are drawn:
  // sent with them, it held a reading connection of the server the history then waited for
  const answers = claimAnswers(id, signal);
  const listed = () => getJson<ClaimList>('/api/claims', { q: id, practice: filters.practice, as_of: filters.as_of, sort: 'claim_id', order: 'asc', page_size: SUGGESTIONS }, signal);
  let history: { claim_id: string; events: ClaimEvent[] };
  let remittances: { claim_id: string; remittances: EraRecord[] };
  try {
    [history, remittances] = await answers;
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    if (e instanceof ApiError && e.status === 404) {
      body.replaceChildren(stateMessage(`Claim ${id} is not in your practices, or does not exist (${e.message}).`, 'empty'));
      return;
    }
    if (e instanceof ApiError && e.status === 409) {
      body.replaceChildren(await ambiguous(id, e, listed(), filters));
      return;
    }
    body.replaceChildren(stateMessage(`Could not load claim ${id}: ${errorText(e)}`, 'error'));
    return;
  }
  if (signal.aborted) return;
  const claimId = history.claim_id;

  const title = document.createElement('h2');
  title.textContent = `Claim ${claimId}`;
  const named = claimId !== id ? [stateMessage(`${id} names claim ${claimId} (the first number of its replacement chain).`, 'empty')] : [];
  const historyHeading = document.createElement('h3');
  historyHeading.textContent = 'History';
  const eraHeading = document.createElement('h3');
  eraHeading.textContent = `Remittances (835): ${remittances.remittances.length}`;
  const era = remittances.remittances.length
    ? remittances.remittances.map((r, i) => eraRemittance(r, { index: i + 1 }))
    : [stateMessage('No remittance (835) for this claim yet: the payer has not answered, or it is self-pay.', 'empty')];
  const historySection = document.createElement('section');
  historySection.className = 'panel claim-history-panel';
  historySection.append(historyHeading, claimHistory(history.events, { claimId }));
  const eraSection = document.createElement('section');
  eraSection.className = 'panel claim-era';
  eraSection.append(eraHeading, ...era);
  const summary = document.createElement('p');
  summary.className = 'claim-summary';
  summary.textContent = 'Looking the claim up in the claim list…';
  body.replaceChildren(title, ...named, summary, historySection, eraSection);
  body.dataset.claim = claimId;
  markShown('claims:claim');
  try {
    const answer = await listed();
    if (signal.aborted) return;
    summary.replaceWith(summaryOf(answer.rows.find((r) => r.claim_id === claimId), answer.as_of));
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    summary.textContent = `Could not look the claim up in the claim list: ${errorText(e)}`;
  }
  body.dataset.ready = 'all';
}

/** A number used by two billing providers: the claims it names, each to open. */
async function ambiguous(id: string, error: ApiError, listed: Promise<ClaimList>, filters: Filters): Promise<HTMLElement> {
  const box = document.createElement('div');
  box.className = 'ambiguous';
  box.append(stateMessage(`${error.message}.`, 'empty'));
  const answer = await listed.catch(() => undefined);
  const candidates = (answer?.rows ?? []).filter((r) => r.claim_id.startsWith(`${id}@`));
  if (candidates.length) {
    const p = document.createElement('p');
    p.textContent = 'Choose one:';
    const list = document.createElement('ul');
    for (const r of candidates) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = claimHref(r.claim_id, filters);
      a.textContent = r.claim_id;
      li.append(a, ` billed by ${r.claim_id.split('@')[1]} · payer ${r.payer_id ?? '—'} · service ${formatDate(r.service_date)} · ${formatMoney(r.charge)}`);
      list.append(li);
    }
    box.append(p, list);
  }
  return box;
}

export async function render(container: HTMLElement, { filters, signal }: PageContext): Promise<void> {
  const claim = new URLSearchParams(location.search).get('claim')?.trim() || undefined;
  const body = document.createElement('div');
  body.className = 'claim-explorer';
  container.replaceChildren(heading('Claims'), searchForm(filters, claim, signal), body);
  if (!claim) {
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent = 'Type a claim number to find it, or open one from the list: the claims of the filters above, their balance on the as-of date.';
    body.append(note, claimList(filters, signal));
    return;
  }
  const back = document.createElement('a');
  back.href = `/claims${searchWith(filters)}`;
  back.textContent = 'All claims of these filters';
  back.className = 'back';
  container.insertBefore(back, body);
  await showClaim(body, claim, filters, signal);
}
