// What a page is given and what it gives back: each page module exports `render(container, context)`.
// Also the states every page shows the same way (loading, empty, error, under construction).
import { ApiError, type Session } from './api.ts';
import type { Filters } from './filters.ts';

export interface PageContext {
  session: Session;
  filters: Filters;
  /** Aborted when the reader leaves the page or changes a filter: late answers are dropped. */
  signal: AbortSignal;
}

export interface PageModule {
  render(container: HTMLElement, context: PageContext): void | Promise<void>;
}

export type StateKind = 'loading' | 'empty' | 'error' | 'unavailable';

/** A sentence in place of content, saying why there is nothing (or not yet anything) to show. */
export function stateMessage(text: string, kind: StateKind): HTMLElement {
  const p = document.createElement('p');
  p.className = `state ${kind}`;
  p.dataset.state = kind;
  if (kind === 'error') p.setAttribute('role', 'alert');
  p.textContent = text;
  return p;
}

/** The message of an error for the reader: the server's own words when it answered. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : (e as Error)?.name === 'AbortError';
}

/** Opens another view of the workbench (a path with its query) as a link would, without a reload (main.ts routes on popstate). */
export function openView(href: string): void {
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * Marks in the browser's performance timeline that a view's meaningful content is in the page
 * (`rcm:<name>`), then once it has been painted (`rcm:<name>:painted`: after the next frame), so the time
 * to see it can be measured with the browser's own clock (npm run bench:dashboards). Resolves once painted
 * (a page sends the requests for what comes next then, not in the frame that paints what was asked for),
 * or after 100 ms in a hidden tab, which paints no frames.
 */
export function markShown(name: string): Promise<void> {
  performance.mark(`rcm:${name}`);
  return new Promise((resolve) => {
    // a frame's callbacks run before its paint; a task queued from one runs after it
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark(`rcm:${name}:painted`);
      resolve();
    }, 0));
    setTimeout(resolve, 100);
  });
}

export function heading(title: string): HTMLHeadingElement {
  const h1 = document.createElement('h1');
  h1.textContent = title;
  return h1;
}

/** A page that is not built yet: its title and what it will show. */
export function underConstruction(container: HTMLElement, title: string, planned: string): void {
  const note = stateMessage(`Under construction. This page will show ${planned}`, 'empty');
  note.dataset.state = 'under-construction';
  container.replaceChildren(heading(title), note);
}
