// The DuckDB boundary: the only module that imports @duckdb/node-api. It owns the instance and the
// connection, converts values in one place (DECIMAL → exact string, BIGINT → bigint, DATE → ISO string),
// and runs statements and transactions for everyone else.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference.ts';

export const DEFAULT_DATABASE_PATH = './data/rcm.duckdb';
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i;

/** A size DuckDB takes for memory_limit: 128MB, 1.5GB, 512MiB. */
export function isMemorySize(text: string): boolean {
  return MEMORY_SIZE.test(text);
}

/**
 * The warehouse file exists but DuckDB cannot open it. The message says what happened and what to do; the
 * CLI prints it as it is.
 */
/**
 * The storage format of a new warehouse file. DuckDB 1.5 still writes new files in the v0.10.2 format
 * unless told otherwise, and that format lacks the newer string compression (DICT_FSST), which costs less
 * to choose and apply than the dictionary and FSST compression it replaces: loads are faster, for the same
 * file size and no slower a model build. A file in the older format keeps it (DuckDB reads and writes it as
 * it is); only DuckDB 1.5 or later opens a file in this one.
 */
const STORAGE_VERSION = 'v1.5.0';

export class WarehouseOpenError extends Error {}

/**
 * DuckDB 1.5 cannot replay some schema changes from its write-ahead log (duckdb/duckdb#18259, #20543):
 * the file opens again only without the log. rcm checkpoints right after its own schema changes so that
 * this should not happen. If it does, moving the log aside loses what it holds: that is the user's decision.
 */
function walReplayFailure(path: string, error: unknown): WarehouseOpenError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Failure while replaying WAL/i.test(message)) return undefined;
  return new WarehouseOpenError(
    `${path} cannot be opened: DuckDB fails to replay its write-ahead log ${path}.wal (DuckDB: "${message.split('\n')[0].split('": ').pop()}"). ` +
      `The file itself holds everything up to its last checkpoint. To open it, move ${path}.wal aside (keep a copy); ` +
      'the changes it held are then not in the warehouse: run rcm ingest again on the files loaded since (files already in are skipped), then rcm build.',
  );
}

/** A memory cap too small for the schema and reference data themselves (rcm ingest --memory-limit 4MB). */
function outOfMemoryOpening(path: string, memoryLimit: string | undefined, error: unknown): WarehouseOpenError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/out of memory/i.test(message)) return undefined;
  return new WarehouseOpenError(
    `${path}: DuckDB ran out of memory preparing the warehouse${memoryLimit ? ` under a memory limit of ${memoryLimit}` : ''} (${message.split('\n')[0]}). ` +
      'Give it more memory (a larger rcm ingest --memory-limit); nothing was loaded.',
  );
}

export type SqlValue = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** A handle from connect() shares the file of the one that opened it, and closes only its own connection. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Another connection to the same open file, for work that must not wait behind this one's queries: the
   * server loads files on one while it answers reads on the other (DuckDB's snapshots keep each read whole).
   */
  async connect(): Promise<Warehouse> {
    return new Warehouse(this.path, this.instance, await this.instance.connect(), false);
  }

  /**
   * Opens (or creates) the warehouse file and brings its schema up to date. `memoryLimit` caps DuckDB's
   * buffer memory (DuckDB's default is 80% of the machine); the ingest sets it so that its memory stays flat.
   */
  static async open(path: string = DEFAULT_DATABASE_PATH, options: { memoryLimit?: string } = {}): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { storage_compatibility_version: STORAGE_VERSION });
    } catch (error) {
      throw walReplayFailure(path, error) ?? error;
    }
    const connection = await instance.connect();
    if (options.memoryLimit !== undefined) {
      if (!isMemorySize(options.memoryLimit)) throw new Error(`memory limit "${options.memoryLimit}" is not a size like 256MB or 1GB`);
      await connection.run(`SET memory_limit = '${options.memoryLimit}'`);
    }
    const warehouse = new Warehouse(path, instance, connection);
    try {
      await migrate(warehouse);
      await loadReferenceData(warehouse);
    } catch (error) {
      warehouse.close();
      throw outOfMemoryOpening(path, options.memoryLimit, error) ?? error;
    }
    return warehouse;
  }

  async run(sql: string, params: SqlValue[] = []): Promise<void> {
    await this.connection.run(sql, params.length > 0 ? (params as never) : undefined);
  }

  async all<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params.length > 0 ? (params as never) : undefined);
    return reader.getRowObjects().map((row) => convertRow(row) as T);
  }

  async one<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs `work` in one database transaction: all of it commits, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK');
      throw error;
    }
  }

  private closed = false;

  /** Closes the file (other processes can open it then); closing twice does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

function convertRow(row: Record<string, DuckDBValue>): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = convertValue(row[key]);
  return out;
}

export function convertValue(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) return value.toString();
  if (value instanceof DuckDBListValue) return value.items.map(convertValue);
  if (value instanceof DuckDBStructValue) {
    const out: Row = {};
    for (const [k, v] of Object.entries(value.entries)) out[k] = convertValue(v);
    return out;
  }
  return String(value);
}
