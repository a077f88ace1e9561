// Bulk loading for the ingest: rows are written as CSV to a staging file per table and copied into the
// table with DuckDB's COPY, inside the caller's transaction: about four times faster than DuckDB's row
// appender. Staging files are handed to COPY as they fill up, so DuckDB copies on its thread while the next
// rows are being written.
//
// A staging file is handed over one row past each DuckDB row group (122,880 rows): DuckDB keeps a table's
// unfinished row group in memory until the row after its last arrives, then compresses and writes it. A
// COPY that ends just past a boundary leaves nothing of its table in memory; COPYs ending anywhere would
// leave the unfinished row groups of several tables in memory at once, more than the load's memory cap,
// and DuckDB would write them to temporary files and read them back.
//
// Two ways to use it:
// - streaming (a large file): the caller's transaction holds that one file;
// - group (small files sharing one transaction and one commit): mark()/rewind() take back the rows of a
//   file that turned out to be unreadable: what is still staged is cut off, what was copied already is
//   deleted by its file_id, so the commit holds only complete files.
import { closeSync, ftruncateSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from './database.ts';

/**
 * Bytes of CSV kept in memory before they are written to the staging file. Small on purpose: values are
 * encoded into the buffer at once, so the strings they came from die young and cost the GC nothing.
 */
const BUFFER_BYTES = 1 << 18;
/** Room for one ordinary row past BUFFER_BYTES (a longer one is written out as it goes). */
const ROW_ROOM_BYTES = 1 << 16;
/** DuckDB's row group (its default size): the rows it compresses and writes out together. */
export const ROW_GROUP_ROWS = 122_880;
/**
 * What DuckDB's CSV reader reads at a time. Its default grows with the file, up to 32 MB: a row group's
 * claims are a 20 MB file, near half of the load's 48 MB cap (staging files of two row groups ran out of
 * memory with the default).
 */
const COPY_BUFFER_BYTES = 2 << 20;

const NEEDS_QUOTES = /[",\r\n]/;
/** How the staging CSV is written, for COPY (no sniffing: every byte is ours). */
export const STAGING_CSV = `(FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '', ALLOW_QUOTED_NULLS false, NEW_LINE '\\n', AUTO_DETECT false, BUFFER_SIZE ${COPY_BUFFER_BYTES})`;
/** RCM_KEEP_STAGING=1 keeps the staging CSV files, for debugging a load. */
const KEEP_STAGING = process.env.RCM_KEEP_STAGING === '1';

const STAGING_PREFIX = 'rcm-stage-';
let staleRemoved = false;

/** Staging folders left by a process that was killed (their pid is gone) are removed once per process. */
function removeStaleStaging(): void {
  if (staleRemoved) return;
  staleRemoved = true;
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.startsWith(STAGING_PREFIX) ? name.slice(STAGING_PREFIX.length).split('-')[0] : NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class BulkLoad {
  private readonly dir: string;
  private readonly tables: BulkTable[] = [];
  private copies: Promise<void>;
  private failure: unknown;

  private readonly byName = new Map<string, BulkTable>();

  /** `after`: what the first COPY waits for (a group's BEGIN, issued after the previous group's commit). */
  constructor(
    private readonly warehouse: Warehouse,
    private readonly mode: 'streaming' | 'group',
    after: Promise<unknown> = Promise.resolve(),
  ) {
    // a refused BEGIN is the load's failure, not a rejection nobody waits for (Node ends the process on those)
    this.copies = after.then(() => undefined, (error: unknown) => {
      this.failure = error;
    });
    removeStaleStaging();
    this.dir = mkdtempSync(join(tmpdir(), `${STAGING_PREFIX}${process.pid}-`));
  }

  /** The table's writer; asking twice gives the same one. */
  table(name: string): BulkTable {
    let table = this.byName.get(name);
    if (!table) {
      table = new BulkTable(name, this.dir, (path) => this.copy(name, path));
      this.byName.set(name, table);
      this.tables.push(table);
    }
    return table;
  }

  /** Bytes staged so far, copied or not. */
  get stagedBytes(): number {
    return this.tables.reduce((sum, t) => sum + t.stagedBytes, 0);
  }

  /** Group mode: a point to come back to if the next file cannot be read. */
  mark(): Map<BulkTable, TableMark> {
    if (this.mode !== 'group') throw new Error('BulkLoad.mark: only a group of files can be rewound');
    return new Map(this.tables.map((t) => [t, t.mark()]));
  }

  /** Group mode: takes back every row written since the mark, all of them rows of file `fileId`. */
  rewind(mark: Map<BulkTable, TableMark>, fileId: bigint): void {
    for (const t of this.tables) {
      if (t.rewind(mark.get(t) ?? { handed: 0, bytes: 0, rows: 0 })) this.afterCopies(`DELETE FROM ${t.name} WHERE file_id = ${fileId}`);
    }
  }

  /** Writes what is buffered and waits until every row is in its table. */
  async finish(): Promise<void> {
    for (const table of this.tables) table.rotate();
    await this.copies;
    this.cleanUp();
    if (this.failure) throw this.failure;
  }

  /** Drops everything staged; the caller rolls the transaction back. */
  async abandon(): Promise<void> {
    for (const table of this.tables) table.close();
    await this.copies.catch(() => undefined);
    this.cleanUp();
  }

  private copy(table: string, path: string): void {
    this.afterCopies(`COPY ${table} FROM '${path.replaceAll("'", "''")}' ${STAGING_CSV}`, path);
  }

  /** Runs `sql` after the copies queued before it (unless one failed); removes `staging` after it. */
  private afterCopies(sql: string, staging?: string): void {
    this.copies = this.copies.then(async () => {
      try {
        if (!this.failure) await this.warehouse.run(sql);
      } catch (error) {
        this.failure = error;
      } finally {
        if (staging !== undefined && !KEEP_STAGING) rmSync(staging, { force: true });
      }
    });
  }

  private cleanUp(): void {
    if (!KEEP_STAGING) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Where a table's staging stood: staging files handed to COPY by then, bytes in the open one, rows in all. */
export interface TableMark {
  handed: number;
  bytes: number;
  rows: number;
}

/**
 * One table's rows, value by value in column order, then endRow(). Money goes in as integer cents.
 * Values are encoded straight into a byte buffer (digits of numbers and plain ASCII text byte by byte), so
 * that a row makes no strings of its own: building each row as a string and encoding it cost more, in
 * garbage collection mostly, than reading the X12 it came from.
 */
export class BulkTable {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES + ROW_ROOM_BYTES);
  private used = 0;
  private column = 0;
  private fd: number | undefined;
  private fileBytes = 0;
  private files = 0;
  /** Staging files handed to COPY, their bytes and their rows. */
  private handed = 0;
  private handedBytes = 0;
  private handedRows = 0;
  /** Rows written, handed to COPY or not (rows taken back by a rewind still hold their places in DuckDB once copied). */
  private rows = 0;
  private path = '';

  constructor(
    readonly name: string,
    private readonly dir: string,
    private readonly onFile: (path: string) => void,
  ) {}

  get stagedBytes(): number {
    return this.handedBytes + this.fileBytes + this.used;
  }

  mark(): TableMark {
    this.flush();
    return { handed: this.handed, bytes: this.fd === undefined ? 0 : this.fileBytes, rows: this.rows };
  }

  /**
   * Drops the rows written since the mark that are still staged; says whether some of them were handed to
   * COPY already (a staging file filled up since), which the caller must then delete from the table.
   */
  rewind(mark: TableMark): boolean {
    this.used = 0;
    this.column = 0;
    const copied = this.handed > mark.handed;
    // after a hand-over the open file holds only rows written since the mark
    const keep = copied ? 0 : mark.bytes;
    this.rows = copied ? this.handedRows : mark.rows;
    if (this.fd !== undefined) {
      ftruncateSync(this.fd, keep);
      this.fileBytes = keep;
    }
    return copied;
  }

  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.empty();
    const n = value.length;
    // Worst case: every UTF-16 unit three bytes of UTF-8, or a doubled quote, plus the quotes and a comma.
    this.room(n * 3 + 3);
    this.comma();
    const buffer = this.buffer;
    const start = this.used;
    let at = start;
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128 || c === 34 || c === 44 || c === 10 || c === 13) break;
      buffer[at++] = c;
    }
    // An empty string is written quoted so that it stays an empty string, not NULL.
    if (i === n && n > 0) {
      this.used = at;
      return this;
    }
    const quoted = n === 0 || NEEDS_QUOTES.test(value);
    this.used = start + buffer.write(quoted ? `"${value.replaceAll('"', '""')}"` : value, start, 'utf8');
    return this;
  }

  int(value: number | null | undefined): this {
    if (value === null || value === undefined) return this.empty();
    return this.number(value);
  }

  /** A BIGINT column; pass a string for a value written on every row (a file id), to convert it once. */
  bigint(value: bigint | number | string | null | undefined): this {
    if (value === null || value === undefined) return this.empty();
    if (typeof value === 'number') return this.number(value);
    return this.ascii(typeof value === 'string' ? value : String(value));
  }

  bool(value: boolean | null | undefined): this {
    if (value === null || value === undefined) return this.empty();
    return this.ascii(value ? 'true' : 'false');
  }

  /** DECIMAL(18,2) from integer cents. */
  money(cents: number | null | undefined): this {
    if (cents === null || cents === undefined) return this.empty();
    this.room(24);
    this.comma();
    const buffer = this.buffer;
    if (cents < 0) buffer[this.used++] = 45;
    const abs = cents < 0 ? -cents : cents;
    const fraction = abs % 100;
    this.digits((abs - fraction) / 100);
    buffer[this.used++] = 46;
    buffer[this.used++] = 48 + ((fraction / 10) | 0);
    buffer[this.used++] = 48 + (fraction % 10);
    return this;
  }

  /** Any DECIMAL column from its exact text (already validated as a number). */
  decimal(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.empty();
    return this.ascii(value);
  }

  /** DATE from YYYY-MM-DD. */
  date(iso: string | null | undefined): this {
    if (iso === null || iso === undefined) return this.empty();
    return this.ascii(iso);
  }

  endRow(): void {
    this.room(1);
    this.buffer[this.used++] = 10;
    this.column = 0;
    if (this.used >= BUFFER_BYTES) this.flush();
    // Staging files change only between rows: one row past a row-group boundary.
    if (++this.rows % ROW_GROUP_ROWS === 1 && this.rows > 1) this.rotate();
  }

  /** Writes the buffer out and hands the staging file to COPY. */
  rotate(): void {
    this.flush();
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.handed++;
    this.handedBytes += this.fileBytes;
    this.handedRows = this.rows;
    this.onFile(this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.used = 0;
  }

  /** NULL: nothing between the commas. */
  private empty(): this {
    this.room(1);
    this.comma();
    return this;
  }

  private comma(): void {
    if (this.column++ > 0) this.buffer[this.used++] = 44;
  }

  /** Text known to be ASCII without commas, quotes or line breaks (numbers, dates, ids). */
  private ascii(value: string): this {
    const n = value.length;
    this.room(n + 1);
    this.comma();
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < n; i++) buffer[at++] = value.charCodeAt(i);
    this.used = at;
    return this;
  }

  private number(value: number): this {
    if (!Number.isSafeInteger(value)) return this.ascii(String(value));
    this.room(24);
    this.comma();
    if (value < 0) {
      this.buffer[this.used++] = 45;
      value = -value;
    }
    this.digits(value);
    return this;
  }

  /**
   * The decimal digits of a whole number below 2^53 (row values: positions, counts, dollars). Below 2^31,
   * which is nearly every value, in 32-bit integer arithmetic: four times faster than Math.floor on doubles.
   */
  private digits(value: number): void {
    const buffer = this.buffer;
    if (value < 2_147_483_648) {
      let rest = value | 0;
      const length = rest < 10 ? 1 : rest < 100 ? 2 : rest < 1_000 ? 3 : rest < 10_000 ? 4 : rest < 100_000 ? 5
        : rest < 1_000_000 ? 6 : rest < 10_000_000 ? 7 : rest < 100_000_000 ? 8 : rest < 1_000_000_000 ? 9 : 10;
      let at = this.used + length;
      this.used = at;
      do {
        const next = (rest / 10) | 0;
        buffer[--at] = 48 + rest - next * 10;
        rest = next;
      } while (rest > 0);
      return;
    }
    let length = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) length++;
    let at = this.used + length;
    this.used = at;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      buffer[--at] = 48 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
  }

  /** Makes room for `bytes` more: writes out what the buffer holds (a row may span two writes), or grows it. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes + ROW_ROOM_BYTES);
  }

  private flush(): void {
    const bytes = this.buffer.subarray(0, this.used);
    if (bytes.length === 0) return;
    if (this.fd === undefined) {
      this.path = join(this.dir, `${this.name}-${++this.files}.csv`);
      this.fd = openSync(this.path, 'w');
      this.fileBytes = 0;
    }
    this.fileBytes += writeSync(this.fd, bytes, 0, bytes.length, this.fileBytes);
    this.used = 0;
  }
}
