// The workbench's HTTP API: a Hono app with the route groups mounted per area, security headers, the
// user check (session cookie or API token) in front of everything but health and login, and one error handler. The warehouse's one connection
// answers one query at a time, so data access goes through a queue; the metric and claim reads, through a
// pool of reading connections when the server is given one (server/reading.ts).
import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { Warehouse } from '../warehouse/database.ts';
import { requireUser, type AppEnv } from './auth/require-user.ts';
import { onError } from './http-error.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { claimRoutes } from './routes/claims.ts';
import { workRoutes } from './routes/work.ts';
import { contractRoutes } from './routes/contracts.ts';
import { healthRoutes, sessionRoutes } from './routes/session.ts';
import { DEFAULT_SERVER_OPTIONS, reportsDirFor, type ServerOptions } from './options.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { Inbox, inboxFor } from './uploads.ts';
import { AnswerCache } from './answer-cache.ts';
import { oneConnection, readingPool } from './reading.ts';
import { Auditor } from '../access/audit.ts';
import { docsRoutes } from './routes/docs.ts';
import { staticRoutes } from './routes/static.ts';
import { reportRoutes } from './routes/reports.ts';
import { adminRoutes } from './routes/admin.ts';
import { jsonBodyLimit, noStore } from './request-limits.ts';
import { ModelsFreshness } from './models-freshness.ts';
import { apiDocument } from './api-document.ts';

/** Runs work one after another, in the order asked. */
export function queue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** What a running server has besides its reading connection. */
export interface LoadingParts {
  /** A second connection to the same warehouse (Warehouse.connect()), for loads and builds. */
  writer: Warehouse;
  /** A third, for the audit trail's rows (default: the reading connection, in its queue). */
  audit?: Warehouse;
  /** More connections for the metric and claim reads, which then run side by side (default: the reading connection, in its queue). */
  readers?: Warehouse[];
  /** Where uploads wait while they load (default: beside the warehouse file, inboxFor); emptied at start. */
  inbox?: string;
  /** The answers kept until the data changes (default: a cache of DEFAULT_CACHE_LIMITS). */
  cache?: AnswerCache;
  /** The built dashboards (dashboards/dist), served at '/' beside the API. */
  dashboards?: string;
}

export function createApp(warehouse: Warehouse, options: ServerOptions = DEFAULT_SERVER_OPTIONS, parts?: LoadingParts): OpenAPIHono<AppEnv> {
  const serialized = queue();
  const cache = parts?.cache ?? new AnswerCache();
  // Sign-ins and each request's session check go on the audit trail's connection when there is one: small
  // reads and writes that would otherwise wait in line behind the metric queries before the request starts.
  const accounts = parts?.audit ? { warehouse: parts.audit, serialized: queue() } : { warehouse, serialized };
  const auditor = new Auditor(accounts.warehouse, accounts.serialized);
  const read = parts?.readers?.length ? readingPool(parts.readers) : oneConnection(warehouse, serialized);
  const loads = queue();
  const freshness = parts ? new ModelsFreshness(parts.writer, loads) : new ModelsFreshness(warehouse, serialized);
  // the work state's changes: the answers that read it (work lists, days_to_appeal) are kept under this count
  const workState = { generation: 0 };
  const changed = () => {
    cache.clear();
    freshness.forget();
  };
  const loading = parts ? { writer: parts.writer, serialized: loads, changed, inbox: new Inbox(parts.inbox ?? inboxFor(warehouse.path), options.limits, () => options.now().getTime()) } : undefined;
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders());
  app.use('/api/*', noStore(), jsonBodyLimit(options.limits.jsonBytes));
  app.route('/api', healthRoutes());
  app.route('/api', sessionRoutes(accounts.warehouse, accounts.serialized, options));
  app.use('/api/*', requireUser(accounts.warehouse, accounts.serialized, options));
  app.use('/api/*', freshness.notice());
  app.route('/api', metricsRoutes(read, cache, auditor, workState));
  app.route('/api', claimRoutes(read, cache, auditor));
  app.route('/api', contractRoutes(read, cache, auditor));
  app.route('/api', workRoutes(read, cache, auditor, { warehouse, serialized }, workState));
  app.route('/api', ingestRoutes(warehouse, serialized, loading, auditor));
  app.route('/api', adminRoutes(accounts.warehouse, accounts.serialized, auditor));
  // packages wait for loads (and loads for packages): a package never reads the models while a rebuild swaps them
  const reporting = { warehouse: loading?.writer ?? warehouse, serialized: loading?.serialized ?? queue(), dir: reportsDirFor(warehouse.path, options), fresh: () => freshness.require() };
  app.route('/api', reportRoutes(warehouse, serialized, reporting, auditor));
  app.route('/api', docsRoutes(() => apiDocument(app)));
  if (parts?.dashboards) app.route('/', staticRoutes(parts.dashboards));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));
  app.onError(onError);
  return app;
}
