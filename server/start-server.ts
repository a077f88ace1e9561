// Runs the workbench on a warehouse file: the API and, when built, the dashboards, on one port, until
// SIGINT or SIGTERM. `rcm serve` and `npm start` both run it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Warehouse } from '../warehouse/database.ts';
import { NOT_CURRENT, buildModels, modelsState } from '../warehouse/build.ts';
import { holdsFiles } from '../warehouse/queries/ingest-history.ts';
import { createApp } from './app.ts';
import { readingConnections } from './reading.ts';
import { warmUp } from './warm-up.ts';
import { InFlight } from './in-flight.ts';
import { configuredSchedules, startScheduleTimer } from '../reports/schedule/timer.ts';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from './options.ts';
import { clearInbox, inboxFor } from './uploads.ts';

/** Where `npm run build:dashboards` writes the dashboards. */
export const DASHBOARDS_DIST = fileURLToPath(new URL('../dashboards/dist', import.meta.url));

export interface Running {
  url: string;
  /** True when the dashboards are served at '/' (built), false when only the API is. */
  dashboards: boolean;
  /** Resolves once the server has stopped (on SIGINT / SIGTERM) and the warehouse is closed. */
  stopped: Promise<void>;
  /** The schedules file the server runs (reports/schedule), null when none is configured. */
  schedules: { path: string; count: number } | null;
}

/** Serves the opened warehouse (rebuilding its models first when they are not current: other code, or older than the data). */
export async function startServer(warehouse: Warehouse, options: { port: number; host: string; schedules?: string; reports?: string; server?: ServerOptions }): Promise<Running> {
  // marts built by older code, never built, or older than the loaded data are rebuilt before anyone reads them
  const loaded = await holdsFiles(warehouse);
  const state = await modelsState(warehouse);
  if (loaded && state !== 'current') {
    process.stdout.write(`${NOT_CURRENT[state]}: rebuilding them first…\n`);
    await buildModels(warehouse);
  }
  const writer = await warehouse.connect();
  const audit = await warehouse.connect();
  const readers = await readingConnections(warehouse);
  await warmUp(readers[0]);
  const dashboards = existsSync(`${DASHBOARDS_DIST}/index.html`);
  const inbox = inboxFor(warehouse.path);
  const app = createApp(warehouse, { ...(options.server ?? DEFAULT_SERVER_OPTIONS), reportsDir: options.reports }, { writer, audit, readers, inbox, dashboards: dashboards ? DASHBOARDS_DIST : undefined });
  const schedules = configuredSchedules(options.schedules);
  const inFlight = new InFlight();
  const fetch: typeof app.fetch = (request, ...rest) => inFlight.track(() => app.fetch(request, ...rest));
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const s = serve({ fetch, port: options.port, hostname: options.host }, (info) => resolve({ server: s, port: info.port }));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${options.host} is taken: choose another (--port, or PORT for npm start)`) : error));
  });
  // scheduled reports (when a schedules file is configured) run on a connection of their own
  const timer = schedules && (await startScheduleTimer(warehouse, schedules));
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      // no schedule starts from now on; one under way finishes before the warehouse closes
      const timerStopped = timer?.stop() ?? Promise.resolve();
      server.close(() => {
        // a request whose client has gone is still being answered: its queries end before the connections close
        void Promise.all([timerStopped, inFlight.drained()]).finally(() => {
          clearInbox(inbox); // uploads of sets never loaded: patient data left on disk otherwise
          writer.close();
          audit.close();
          for (const reader of readers) reader.close();
          warehouse.close();
          resolve();
        });
      });
      // idle keep-alive connections would hold close() open; busy ones get 5 s to finish
      (server as import('node:http').Server).closeIdleConnections();
      setTimeout(() => (server as import('node:http').Server).closeAllConnections(), 5000).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { url: `http://${options.host}:${port}`, dashboards, stopped, schedules: timer && { path: timer.config.path, count: timer.config.schedules.length } };
}
