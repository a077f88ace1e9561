// Kysely over the warehouse: a small dialect of our own on Kysely's Dialect interface. It reuses
// Kysely's PostgreSQL compiler ($1 parameters and double-quoted identifiers are DuckDB's too) and runs
// queries on the warehouse's one connection, so values come back converted in one place (database.ts).
// Why not kysely-duckdb 0.4: it turns DATE into a local-time JS Date (a day off west of UTC), leaves
// DECIMAL as DuckDB objects, and opens a connection per query.
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { SqlValue, Warehouse } from './database.ts';

class WarehouseConnection implements DatabaseConnection {
  constructor(private readonly warehouse: Warehouse) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const rows = await this.warehouse.all(query.sql, query.parameters as SqlValue[]);
    const kind = query.query.kind;
    if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') {
      const count = rows[0]?.Count;
      if (count !== undefined && !/\breturning\b/i.test(query.sql)) return { rows: [], numAffectedRows: BigInt(count as bigint) };
    }
    return { rows: rows as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported by the warehouse dialect');
  }
}

/** One connection: a query (or a transaction) waits for the one before it. */
class WarehouseDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly warehouse: Warehouse) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return new WarehouseConnection(this.warehouse);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN TRANSACTION'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(): Promise<void> {
    this.release?.();
  }

  async destroy(): Promise<void> {}
}

export function warehouseKysely<DB>(warehouse: Warehouse): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new WarehouseDriver(warehouse),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
