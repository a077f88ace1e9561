// Whether the marts the server answers from were built from every file loaded: a load through the server
// with build=false (rcm ingest --server --no-build) leaves them older than the data until POST /api/build.
// Reads still answer then, and say so in the X-Models-Stale header (the dashboards show it as a notice);
// a report package refuses (409) rather than close a month from them. The state is asked of the warehouse
// once, and again after each load or build through the server (the only way the data changes while it runs).
import type { MiddlewareHandler } from 'hono';
import { NOT_CURRENT, modelsState, type ModelsState } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { httpError } from './http-error.ts';

export const STALE_HEADER = 'X-Models-Stale';

/** What the header says: why the numbers may leave data out, and what to do. */
const REASONS: Partial<Record<ModelsState, string>> = {
  'older than the data': `${NOT_CURRENT['older than the data']}, and the numbers leave them out until a rebuild (POST /api/build, or rcm build)`,
  'other models': `${NOT_CURRENT['other models']}: rebuild them (POST /api/build, or rcm build)`,
};

export class ModelsFreshness {
  private known: Promise<ModelsState> | undefined;

  constructor(private readonly warehouse: Warehouse, private readonly serialized: <T>(work: () => Promise<T>) => Promise<T>) {}

  /** The data or the models changed: ask again on the next read. */
  forget(): void {
    this.known = undefined;
  }

  /** Why the marts may not be read as they are; undefined when they may (or were never built: nothing to read). */
  async staleness(): Promise<string | undefined> {
    this.known ??= this.serialized(() => modelsState(this.warehouse));
    const state = await this.known.catch(() => 'current' as const);
    return REASONS[state];
  }

  /** Marks every read answered while the marts are stale. */
  notice(): MiddlewareHandler {
    return async (c, next) => {
      await next();
      if (c.req.method !== 'GET') return;
      const reason = await this.staleness();
      if (reason) c.res.headers.set(STALE_HEADER, reason);
    };
  }

  /** Refuses (409) work that must not read stale marts. */
  async require(): Promise<void> {
    const reason = await this.staleness();
    if (reason) throw httpError(409, 'models_stale', `${reason[0].toUpperCase()}${reason.slice(1)}; then ask again.`);
  }
}
