// The DuckDB boundary: the only module that imports @duckdb/node-api. It owns the instance and the
// connection, converts values in one place (DECIMAL → exact string, BIGINT → bigint, DATE → ISO string),
// and gives the loader typed appenders.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBAppender,
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

export const DEFAULT_DATABASE_PATH = './data/rcm.duckdb';

export type SqlValue = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens (or creates) the warehouse file and brings its schema up to date. */
  static async open(path: string = DEFAULT_DATABASE_PATH): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const warehouse = new Warehouse(path, instance, connection);
    await migrate(warehouse);
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

  async appender(table: string): Promise<RowAppender> {
    return new RowAppender(await this.connection.createAppender(table));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Appends rows to one table, column by column in table order. Money goes in as integer cents. */
export class RowAppender {
  constructor(private readonly appender: DuckDBAppender) {}

  text(value: string | null | undefined): this {
    if (value === null || value === undefined) this.appender.appendNull();
    else this.appender.appendVarchar(value);
    return this;
  }

  int(value: number | null | undefined): this {
    if (value === null || value === undefined) this.appender.appendNull();
    else this.appender.appendInteger(value);
    return this;
  }

  bigint(value: bigint | number | null | undefined): this {
    if (value === null || value === undefined) this.appender.appendNull();
    else this.appender.appendBigInt(BigInt(value));
    return this;
  }

  bool(value: boolean | null | undefined): this {
    if (value === null || value === undefined) this.appender.appendNull();
    else this.appender.appendBoolean(value);
    return this;
  }

  /** DECIMAL(18,2) from integer cents. */
  money(cents: bigint | null | undefined): this {
    if (cents === null || cents === undefined) this.appender.appendNull();
    else this.appender.appendDecimal(new DuckDBDecimalValue(cents, 18, 2));
    return this;
  }

  /** Any DECIMAL column from its exact text. */
  decimal(value: string | null | undefined): this {
    return this.text(value);
  }

  /** DATE from YYYY-MM-DD. */
  date(iso: string | null | undefined): this {
    if (iso === null || iso === undefined) this.appender.appendNull();
    else this.appender.appendDate(new DuckDBDateValue(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000));
    return this;
  }

  endRow(): void {
    this.appender.endRow();
  }

  close(): void {
    this.appender.closeSync();
  }

  discard(): void {
    try {
      this.appender.clear();
      this.appender.closeSync();
    } catch {
      // The transaction is rolled back anyway; an appender that cannot close holds nothing committed.
    }
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
