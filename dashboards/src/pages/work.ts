// Work: what to act on at the as-of date (GET /api/work). One tab per queue with its count and dollars; the asked
// queue's claims in rank order, narrowed by the filter bar (payer, provider, practice) and the page's own filters
// (owner, status, clock), all in the URL; rows selected are assigned, given a status or a follow-up date in bulk
// (POST /api/work/state); a claim opens its history on the claims page; "Download CSV" exports the whole queue.
import { getJson, postJson, withQuery } from '../api.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatCount, formatDate, formatMoney } from '../../../kernel/format.ts';
import { errorText, heading, isAbort, markShown, openView, stateMessage, type PageContext } from '../page.ts';
import { WORK_CLOCKS, WORK_QUEUES, WORK_STATUSES } from '../../../kernel/work.ts';
import type { WorkList, WorkRow, WorkStates } from '../../../kernel/api/work.ts';

type QueueName = (typeof WORK_QUEUES)[number];

const QUEUE_LABELS: Record<QueueName, string> = {
  unbilled: 'Unbilled', rejected: 'Rejected', no_response: 'No response', open_denial: 'Open denials', underpaid: 'Underpaid', credit_balance: 'Credit balances',
};
const CLOCK_LABELS: Record<(typeof WORK_CLOCKS)[number], string> = { overdue: 'Overdue', week: 'Due within 7 days', later: 'Later or no limit' };
/** The page's own parameters, beside the filter bar's. */
const OWN = ['queue', 'owner', 'status', 'clock', 'page'] as const;
const PAGE_SIZE = 50;

const statusLabel = (s: string) => s.replaceAll('_', ' ');

/** The page's parameters in the URL. */
function ownParams(): Partial<Record<(typeof OWN)[number], string>> {
  const url = new URLSearchParams(location.search);
  return Object.fromEntries(OWN.map((k) => [k, url.get(k)?.trim() || undefined]).filter(([, v]) => v));
}

/** The work page's address with these parameters (the filter bar's kept). */
function workHref(filters: Filters, own: Partial<Record<(typeof OWN)[number], string>>): string {
  const keep = new URLSearchParams();
  for (const k of OWN) if (own[k]) keep.set(k, own[k]!);
  return `/work${searchWith(filters, keep)}`;
}

function tabs(answer: WorkList, filters: Filters, own: ReturnType<typeof ownParams>): HTMLElement {
  const nav = document.createElement('nav');
  nav.className = 'work-tabs';
  nav.setAttribute('aria-label', 'Queues');
  for (const q of WORK_QUEUES) {
    const a = document.createElement('a');
    a.href = workHref(filters, { ...own, queue: q, page: undefined });
    a.dataset.queue = q;
    const total = answer.queues[q];
    a.textContent = `${QUEUE_LABELS[q]} ${formatCount(total.count)} · ${formatMoney(total.dollars)}`;
    if (q === answer.queue) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  return nav;
}

function select(name: string, label: string, options: [string, string][], value: string | undefined): HTMLLabelElement {
  const l = document.createElement('label');
  l.textContent = label;
  const s = document.createElement('select');
  s.name = name;
  for (const [v, text] of options) s.add(new Option(text, v, false, v === (value ?? '')));
  l.append(s);
  return l;
}

function input(name: string, label: string, type: string, value = ''): HTMLLabelElement {
  const l = document.createElement('label');
  l.textContent = label;
  const i = document.createElement('input');
  Object.assign(i, { name, type, value, autocomplete: 'off' });
  l.append(i);
  return l;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** Owner, status and clock, put in the URL on change. */
function ownFilters(filters: Filters, own: ReturnType<typeof ownParams>): HTMLElement {
  const form = document.createElement('form');
  form.className = 'work-filters';
  form.setAttribute('aria-label', 'Queue filters');
  form.append(
    input('owner', 'Owner', 'text', own.owner ?? ''),
    select('status', 'Status', [['', 'any'], ...WORK_STATUSES.map((s): [string, string] => [s, statusLabel(s)])], own.status),
    select('clock', 'Clock', [['', 'any'], ...WORK_CLOCKS.map((c): [string, string] => [c, CLOCK_LABELS[c]])], own.clock),
  );
  const apply = () => {
    const data = new FormData(form);
    const value = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    openView(workHref(filters, { queue: own.queue, owner: value('owner'), status: value('status'), clock: value('clock') }));
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  return form;
}

function daysLeftCell(td: HTMLTableCellElement, days: number | null): void {
  td.className = 'num';
  if (days === null) {
    td.textContent = '—';
    return;
  }
  td.textContent = formatCount(days);
  if (days < 0) {
    td.classList.add('overdue');
    td.title = `the limit passed ${-days} days ago`;
    td.dataset.overdue = 'true';
  }
}

function claimTable(rows: WorkRow[], filters: Filters, selected: Set<string>, changed: () => void): HTMLTableElement {
  const t = document.createElement('table');
  t.className = 'work-list';
  const head = t.createTHead().insertRow();
  const all = document.createElement('input');
  all.type = 'checkbox';
  all.setAttribute('aria-label', 'Select every claim of this page');
  all.addEventListener('change', () => {
    for (const box of t.querySelectorAll<HTMLInputElement>('tbody input[type=checkbox]')) {
      box.checked = all.checked;
      if (all.checked) selected.add(box.value);
      else selected.delete(box.value);
    }
    changed();
  });
  const th0 = document.createElement('th');
  th0.append(all);
  head.append(th0);
  const labels: [string, boolean][] = [
    ['Rank', true], ['Claim', false], ['Payer', false], ['Provider', false], ['Balance', true], ['Insurance', true], ['Patient', true],
    ['Days left', true], ['Days since', true], ['Reason', false], ['Status', false], ['Owner', false], ['Follow-up', false],
  ];
  for (const [label, num] of labels) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (num) th.className = 'num';
    head.append(th);
  }
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.claim = r.claim_id;
    tr.dataset.status = r.status;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = r.claim_id;
    box.checked = selected.has(r.claim_id);
    box.setAttribute('aria-label', `Select ${r.claim_id}`);
    box.addEventListener('change', () => {
      if (box.checked) selected.add(r.claim_id);
      else selected.delete(r.claim_id);
      changed();
    });
    tr.insertCell().append(box);
    const cell = (text: string, num = false) => {
      const td = tr.insertCell();
      td.textContent = text;
      if (num) td.className = 'num';
      return td;
    };
    cell(formatCount(r.rank), true);
    const claim = tr.insertCell();
    const a = document.createElement('a');
    a.href = `/claims${searchWith(filters, new URLSearchParams({ claim: r.claim_id }))}`;
    a.textContent = r.claim_id;
    claim.append(a);
    cell(r.payer_name ?? r.payer_id).title = r.payer_id;
    cell(r.provider_name ?? r.provider ?? '—').title = r.provider ?? '';
    cell(formatMoney(r.balance), true);
    cell(formatMoney(r.insurance_portion), true);
    cell(formatMoney(r.patient_portion), true);
    daysLeftCell(tr.insertCell(), r.days_left);
    cell(r.days_since === null ? '—' : formatCount(r.days_since), true);
    cell(r.reason);
    cell(statusLabel(r.status)).className = 'work-status';
    cell(r.owner ?? '—');
    cell(r.follow_up ? formatDate(r.follow_up) : '—');
  }
  return t;
}

/** Owner, status and follow-up date for the selected claims. */
function actions(username: string, selected: Set<string>, apply: (change: Record<string, unknown>, what: string) => Promise<void>): { bar: HTMLElement; update: () => void } {
  const bar = document.createElement('form');
  bar.className = 'work-actions';
  bar.setAttribute('aria-label', 'Change the selected claims');
  bar.addEventListener('submit', (event) => event.preventDefault());
  const count = document.createElement('span');
  count.className = 'work-selected';
  const person = input('assignee', 'Person', 'text');
  const status = select('new_status', 'Status', WORK_STATUSES.map((s): [string, string] => [s, statusLabel(s)]), 'in_progress');
  const followUp = input('follow_up', 'Follow-up', 'date');
  const valueOf = (l: HTMLLabelElement) => (l.querySelector('input, select') as HTMLInputElement | HTMLSelectElement).value.trim();
  const problem = document.createElement('span');
  problem.className = 'error';
  problem.setAttribute('role', 'status');
  const buttons = [
    button('Assign to me', () => void apply({ owner: username }, `assigned to ${username}`)),
    button('Assign', () => {
      const who = valueOf(person);
      if (!who) {
        problem.textContent = 'Type the user name of the person to assign the claims to.';
        return;
      }
      void apply({ owner: who }, `assigned to ${who}`);
    }),
    button('Set status', () => void apply({ status: valueOf(status) }, `set to ${statusLabel(valueOf(status))}`)),
    button('Set follow-up', () => {
      const date = valueOf(followUp);
      void apply({ follow_up: date || null }, date ? `to follow up on ${formatDate(date)}` : 'follow-up cleared');
    }),
  ];
  bar.append(count, buttons[0], person, buttons[1], status, buttons[2], followUp, buttons[3], problem);
  const update = () => {
    count.textContent = `${formatCount(selected.size)} selected`;
    for (const b of buttons) b.disabled = selected.size === 0;
    problem.textContent = '';
  };
  update();
  return { bar, update };
}

export async function render(container: HTMLElement, { session, filters, signal }: PageContext): Promise<void> {
  const own = ownParams();
  const queue: QueueName = (WORK_QUEUES as readonly string[]).includes(own.queue ?? '') ? (own.queue as QueueName) : 'unbilled';
  const page = Math.max(1, Number(own.page) || 1);
  const params = { as_of: filters.as_of, payer: filters.payer, provider: filters.provider, practice: filters.practice, queue, owner: own.owner, status: own.status, clock: own.clock };
  const subtitle = document.createElement('p');
  subtitle.className = 'hint as-of';
  const body = document.createElement('div');
  body.className = 'work';
  container.replaceChildren(heading('Work'), subtitle, ownFilters(filters, own), body);
  body.append(stateMessage('Loading the queues…', 'loading'));

  const selected = new Set<string>();
  const notice = document.createElement('p');
  notice.className = 'work-notice';
  notice.setAttribute('role', 'status');

  const load = async (): Promise<void> => {
    let answer: WorkList;
    try {
      answer = await getJson<WorkList>('/api/work', { ...params, page, page_size: PAGE_SIZE }, signal);
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      body.replaceChildren(stateMessage(`Could not load the queues: ${errorText(e)}`, 'error'));
      return;
    }
    if (signal.aborted) return;
    subtitle.dataset.asOf = answer.as_of;
    subtitle.textContent = `As of ${formatDate(answer.as_of)}: each claim's balance then, ranked within its queue (what is due first, then the larger balance).`;
    for (const id of [...selected]) if (!answer.rows.some((r) => r.claim_id === id)) selected.delete(id);
    const { bar, update } = actions(session.user.username, selected, async (change, what) => {
      const claims = [...selected];
      try {
        await postJson<WorkStates>('/api/work/state', { claims, ...change }, signal);
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        notice.textContent = `Could not change the claims: ${errorText(e)}`;
        return;
      }
      notice.textContent = `${formatCount(claims.length)} claim${claims.length === 1 ? '' : 's'} ${what}.`;
      await load();
    });
    const tools = document.createElement('div');
    tools.className = 'table-tools';
    const count = document.createElement('span');
    count.className = 'table-count';
    const first = answer.total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
    count.textContent = `${formatCount(first)}–${formatCount(Math.min(answer.total, page * PAGE_SIZE))} of ${formatCount(answer.total)} claims`;
    const pages = Math.max(1, Math.ceil(answer.total / PAGE_SIZE));
    const pageLink = (text: string, to: number, disabled: boolean) => {
      const b = button(text, () => openView(workHref(filters, { ...own, queue, page: to === 1 ? undefined : String(to) })));
      b.disabled = disabled;
      return b;
    };
    const csv = document.createElement('a');
    csv.className = 'download-csv';
    csv.textContent = 'Download CSV';
    csv.href = withQuery('/api/work', { ...params, format: 'csv' });
    csv.setAttribute('download', '');
    tools.append(count, pageLink('Previous', page - 1, page <= 1), `Page ${formatCount(page)} of ${formatCount(pages)}`, pageLink('Next', page + 1, page >= pages), csv);
    const list = answer.rows.length ? claimTable(answer.rows, filters, selected, update) : stateMessage(`No claims in ${QUEUE_LABELS[queue].toLowerCase()} for these filters.`, 'empty');
    const block = document.createElement('section');
    block.className = 'table-block';
    block.setAttribute('aria-label', `${QUEUE_LABELS[queue]}: the claims`);
    block.append(tools, list);
    body.replaceChildren(tabs(answer, filters, { ...own, queue }), bar, notice, block);
    body.dataset.queue = queue;
    body.dataset.ready = 'all';
  };
  await load();
  if (!signal.aborted) markShown('work');
}
