// The pages, in navigation order: the path, the title, the view of the server's role table
// (server/auth/roles.ts) a reader needs to open it, and the module that renders it (loaded on first visit).
import type { PageModule } from './page.ts';

export interface PageRoute {
  id: string;
  title: string;
  view: string;
  load: () => Promise<PageModule>;
}

export const PAGES: readonly PageRoute[] = [
  { id: 'overview', title: 'Overview', view: 'metrics', load: () => import('./pages/overview.ts') },
  { id: 'ar', title: 'A/R', view: 'metrics', load: () => import('./pages/ar.ts') },
  { id: 'denials', title: 'Denials', view: 'metrics', load: () => import('./pages/denials.ts') },
  { id: 'payers', title: 'Payers', view: 'metrics', load: () => import('./pages/payers.ts') },
  { id: 'contracts', title: 'Contracts', view: 'metrics', load: () => import('./pages/contracts.ts') },
  { id: 'collections', title: 'Collections', view: 'metrics', load: () => import('./pages/collections.ts') },
  { id: 'claims', title: 'Claims', view: 'claims', load: () => import('./pages/claims.ts') },
  { id: 'work', title: 'Work', view: 'work', load: () => import('./pages/work.ts') },
  { id: 'ingest', title: 'Ingest', view: 'ingest', load: () => import('./pages/ingest.ts') },
  { id: 'reports', title: 'Reports', view: 'reports', load: () => import('./pages/reports.ts') },
];

export const DEFAULT_PAGE = 'overview';

/** The page a path names ('/' and '' name the default), or undefined. */
export function pageOf(pathname: string): PageRoute | undefined {
  const id = pathname.replace(/^\/+|\/+$/g, '') || DEFAULT_PAGE;
  return PAGES.find((p) => p.id === id);
}

export function mayOpen(views: readonly string[], page: PageRoute): boolean {
  return views.includes(page.view);
}
