// How the read routes reach the warehouse: `read(work)` runs work on a reading connection that is doing
// nothing else. A DuckDB connection answers one query at a time, so with one connection every request
// waits for the ones before it; with a pool the metrics of a page (and two pages' requests) go at once on
// the machine's cores. Each connection's queries see committed data only: a build swaps its models in one
// transaction on the writer, so any query, on any of them, sees the models before the swap or after it.
import type { Warehouse } from '../warehouse/database.ts';

/**
 * How many connections the server reads on (the metric and claim routes): two, so a page's metrics go two
 * at a time on a small machine without one slow query holding the others (docs/performance.md, bench:dashboards).
 */
export const READERS = 2;

/** The reading pool's connections, opened beside the one that opened the file. */
export function readingConnections(warehouse: Warehouse, count = READERS): Promise<Warehouse[]> {
  return Promise.all(Array.from({ length: count }, () => warehouse.connect()));
}

/** Runs work on a reading connection of its own while it runs; work waits (first come, first served) when all are busy. */
export type Read = <T>(work: (warehouse: Warehouse) => Promise<T>) => Promise<T>;

/** The one connection, in its queue (what routes share when the server has no pool). */
export function oneConnection(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>): Read {
  return (work) => serialized(() => work(warehouse));
}

/** Several connections (Warehouse.connect()), each given to one piece of work at a time, in the order asked. */
export function readingPool(connections: readonly Warehouse[]): Read {
  if (connections.length === 0) throw new Error('a reading pool needs a connection');
  const free = [...connections];
  const waiting: ((warehouse: Warehouse) => void)[] = [];
  // a released connection goes straight to the longest waiting work, so none is overtaken by later work
  const release = (warehouse: Warehouse) => {
    const next = waiting.shift();
    if (next) next(warehouse);
    else free.push(warehouse);
  };
  return async (work) => {
    const warehouse = free.shift() ?? (await new Promise<Warehouse>((resolve) => waiting.push(resolve)));
    try {
      return await work(warehouse);
    } finally {
      release(warehouse);
    }
  };
}
