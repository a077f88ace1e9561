// What the Denials page's panels share: the link to a claim in the explorer, which line codes the claims API
// narrows by, a queue for the requests nobody is looking at yet, and a result shown over the page's window.
import { searchWith, type Filters } from '../filters.ts';
import type { MetricResult } from '../metrics.ts';

/** The URL parameters of the outcomes' and the rejections' drills, which the page keeps when it rewrites its address. */
export const OUTCOME_PARAMS = ['outcome', 'outcome_row'] as const;
export const REJECTION_PARAMS = ['rejection_reason', 'rejections_by', 'still_rejected'] as const;

export const claimHref = (claim: string, filters: Filters) => `/claims${searchWith(filters, new URLSearchParams({ claim }))}`;

/** The claims API filters a claim by these line codes (a modifier of two characters: "(none)" is no filter). */
export const NARROWABLE = (dimension: string, key: string) => dimension !== 'modifier' || /^[A-Z0-9]{2}$/.test(key);

/**
 * Runs background requests (the trend, the patterns, the prefetches) a few at a time: the server answers
 * one request after another and the browser holds six connections, so a reader's click must not wait
 * behind a dozen requests nobody is looking at yet.
 */
export function backgroundQueue(concurrency: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
export type Later = ReturnType<typeof backgroundQueue>;

/** A result as shown over a window: its own default window's name, or the words for the range asked. */
export function shownOver(r: MetricResult, window: { from: string; to: string }, ranged: boolean, words = 'the range asked'): MetricResult {
  return { ...r, ...window, definition: ranged ? { ...r.definition, window: words } : r.definition };
}
