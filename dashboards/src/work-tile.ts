// The overview's tile of the work queues (GET /api/work/counts): each queue's count and dollars, each a link to
// its tab on the Work page for a reader who may open it (finance sees the counts only).
import { getJson } from './api.ts';
import { searchWith } from './filters.ts';
import { formatCount, formatMoney } from '../../kernel/format.ts';
import { WORK_QUEUES } from '../../kernel/work.ts';
import type { WorkCounts } from '../../kernel/api/work.ts';
import { errorText, isAbort, stateMessage, type PageContext } from './page.ts';

const LABELS: Record<(typeof WORK_QUEUES)[number], string> = {
  unbilled: 'unbilled', rejected: 'rejected', no_response: 'no response', open_denial: 'open denials', underpaid: 'underpaid', credit_balance: 'credit balances',
};

/** The tile, empty until `load` asks for the counts; undefined for a reader who may not see them. */
export function workTile({ session, filters, signal }: PageContext): { element: HTMLElement; load: () => Promise<void> } | undefined {
  if (!session.user.views.includes('work_counts')) return undefined;
  const element = document.createElement('section');
  element.className = 'panel work-counts';
  element.setAttribute('aria-label', 'Work queues');
  const title = document.createElement('h2');
  title.textContent = 'Work queues';
  element.append(title, stateMessage('Loading the work queues…', 'loading'));
  const load = async () => {
    let answer: WorkCounts;
    try {
      answer = await getJson<WorkCounts>('/api/work/counts', { as_of: filters.as_of, practice: filters.practice }, signal);
    } catch (e) {
      if (!isAbort(e) && !signal.aborted) element.replaceChildren(title, stateMessage(`Could not load the work queues: ${errorText(e)}`, 'error'));
      return;
    }
    if (signal.aborted) return;
    const list = document.createElement('ul');
    for (const q of WORK_QUEUES) {
      const li = document.createElement('li');
      const text = `${formatCount(answer.queues[q].count)} ${LABELS[q]} · ${formatMoney(answer.queues[q].dollars)}`;
      if (session.user.views.includes('work')) {
        const a = document.createElement('a');
        a.href = `/work${searchWith(filters, new URLSearchParams({ queue: q }))}`;
        a.dataset.queue = q;
        a.textContent = text;
        li.append(a);
      } else {
        li.textContent = text;
      }
      list.append(li);
    }
    element.replaceChildren(title, list);
    element.dataset.ready = 'all';
  };
  return { element, load };
}
