// Loads files into the warehouse, each one whole or not at all. A file that cannot be read is recorded
// in ingest_error and leaves no row; a file already loaded (same SHA-256) is skipped.
//
// A file whose size no loaded file and no other file of the run has cannot be a copy of one: it is
// hashed as it is read instead of before, which saves reading it twice. The others are hashed first, so
// that a copy is skipped without being read. (The whole path of a file: README.md in this folder.)
//
// Large files stream in a transaction of their own. Small files share a transaction with their
// neighbours, copied as they are read; the rows of one that turns out to be unreadable are taken back
// before the commit (BulkLoad.rewind): DuckDB's costs per commit are paid once per group instead of once
// per file, and a commit still holds only complete files.
import { statSync } from 'node:fs';
import { sha256 } from '../file-hash.ts';
import { BulkLoad } from '../../warehouse/bulk-load.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { recordFileRejection, recordRowError } from '../../warehouse/load/ingest-error.ts';
import { loadedFileNames, loadedFileSizes, nextFileIds, registerFiles, type IngestFileRow } from '../../warehouse/load/ingest-file.ts';
import { beginLoad, commitWithRoom, rollbackLoad } from '../../warehouse/load/transaction.ts';
import { X12Error, abbreviate } from '../x12/diagnostics.ts';
import type { Cents } from '../../kernel/money.ts';
import { dropRowsLoadedBefore } from '../../warehouse/load/repeated-rows.ts';
import { stageFile, type Staged } from './stage-file.ts';
import type { RowError } from '../postings/read-csv.ts';
import { DEFAULT_MAPPING, type CsvMapping } from '../postings/csv-mapping.ts';
import { addDuplicatePaymentWarnings } from '../../warehouse/load/duplicate-payments.ts';
import { practicesOfRowErrors } from './row-error-practice.ts';

export type FileOutcome =
  | {
      status: 'loaded'; file: string; fileId: bigint; hash: string; bytes: number; contentType: string; transactions: number; claims: number; warnings: number;
      paid: Cents; paymentAmount: Cents;
      /** CSV exports: rows loaded, rows refused (in ingest_error with their line), rows an earlier file had loaded. */
      rows: number; rowErrors: number; rowsAlreadyLoaded: number;
    }
  | { status: 'duplicate'; file: string; hash: string; bytes: number; loadedAs: string }
  | { status: 'rejected'; file: string; hash: string | null; bytes: number; code: string; message: string; hint: string; segment: number | null };


/**
 * DuckDB's memory while ingesting: enough for COPY into the widest table, small enough that the
 * process stays flat whatever the size of the files. With COPYs ending at row-group boundaries
 * (warehouse/bulk-load.ts) files of the widest claims (every column of remit_claim filled with long values)
 * load at 32 MB; 48 MB keeps a margin above that. A file that still does not fit is rejected with a hint
 * to raise --memory-limit.
 */
export const INGEST_MEMORY_LIMIT = '48MB';

/** Files at least this large stream in their own transaction. */
export const STREAMING_FILE_BYTES = 16 << 20;
/**
 * A group of small files is committed once it has staged this much. Large enough that each large table
 * gets at least a DuckDB row group (122,880 rows) per commit, which DuckDB compresses and writes as it
 * copies; smaller groups commit their rows through the write-ahead log instead, which costs far more per
 * row, for no saving in peak memory.
 */
const GROUP_BYTES = 128 << 20;
/**
 * The files left in the run join the group that reached GROUP_BYTES when they are fewer bytes than this:
 * on their own they would make a small group, and its commit (through the write-ahead log) costs more than
 * the files themselves.
 */
const GROUP_TAIL_BYTES = GROUP_BYTES / 2;

/** Whether a group that has staged `stagedBytes` is committed, with `bytesLeft` of the run's small files still to come. */
export function closesGroup(stagedBytes: number, bytesLeft: number): boolean {
  return stagedBytes >= GROUP_BYTES && bytesLeft >= GROUP_TAIL_BYTES;
}

/** Files hashed at once before loading (open file handles stay few). */
const HASH_CONCURRENCY = 8;



interface Input {
  path: string;
  /** The name the file goes by in outcomes, messages and ingest_file (the path, unless the caller names it). */
  name: string;
  bytes: number;
  /** SHA-256, or null: hashed while it is read (its size is unique), or unreadable. */
  hash: string | null;
  unreadable?: X12Error;
}

export class Loader {
  readonly outcomes: FileOutcome[] = [];
  private group: { bulk: BulkLoad; files: Staged[] } | undefined;
  /** Hashes already in the warehouse or in this run, with the file they came from. */
  private readonly known = new Map<string, string>();
  private fileIds: bigint[] = [];
  /** The commit of the previous group, running on DuckDB's threads while the next group is read. */
  private committing: Promise<void> = Promise.resolve();
  /** Rejections wait here while a group commits (the connection is busy), then go to ingest_error. */
  private rejections: { error: X12Error; hash: string | null }[] = [];
  private rowErrors: { error: RowError; hash: string }[] = [];
  /** Bytes of the run's small files (those loaded in groups) not loaded yet. */
  private groupBytesLeft = 0;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly batchId: bigint,
    private readonly mapping: CsvMapping = DEFAULT_MAPPING,
  ) {}

  /** Loads the files in order; outcomes come in the same order. `names`: what to call each file (default: its path). */
  async loadAll(paths: string[], onBytes?: (n: number, path: string) => void, names?: string[]): Promise<FileOutcome[]> {
    const inputs = paths.map((path, i) => sizeOf(path, names?.[i] ?? path));
    const readable = inputs.filter((i) => !i.unreadable);
    const mayBeCopies = await this.sizesSeenTwice(readable);
    const toHash = readable.filter((i) => mayBeCopies.has(i.bytes));
    for (let i = 0; i < toHash.length; i += HASH_CONCURRENCY) {
      await Promise.all(toHash.slice(i, i + HASH_CONCURRENCY).map((input) => hashInput(input)));
    }
    const hashes = toHash.flatMap((i) => (i.hash ? [i.hash] : []));
    if (hashes.length > 0) {
      for (const [hash, name] of await loadedFileNames(this.warehouse, hashes)) this.known.set(hash, name);
    }
    const loadable = inputs.filter((i) => !i.unreadable).length;
    if (loadable > 0) {
      this.fileIds = (await nextFileIds(this.warehouse, loadable)).reverse();
    }
    this.groupBytesLeft = inputs.reduce((sum, i) => sum + (i.unreadable || i.bytes >= STREAMING_FILE_BYTES ? 0 : i.bytes), 0);
    for (const input of inputs) await this.load(input, onBytes && ((n) => onBytes(n, input.path)));
    await this.commitGroup();
    await this.settle();
    return this.outcomes;
  }

  /** The sizes that a loaded file or two files of this run have: only files of those sizes can be copies. */
  private async sizesSeenTwice(inputs: Input[]): Promise<Set<number>> {
    const counts = new Map<number, number>();
    for (const { bytes } of inputs) counts.set(bytes, (counts.get(bytes) ?? 0) + 1);
    const twice = new Set([...counts].filter(([, n]) => n > 1).map(([bytes]) => bytes));
    if (counts.size === 0) return twice;
    for (const size of await loadedFileSizes(this.warehouse, [...counts.keys()])) twice.add(size);
    return twice;
  }

  private async load(input: Input, onBytes?: (n: number) => void): Promise<void> {
    const { path, name, hash, bytes } = input;
    if (input.unreadable) {
      this.reject(name, null, 0, input.unreadable);
      return;
    }
    if (bytes < STREAMING_FILE_BYTES) this.groupBytesLeft -= bytes;
    if (hash !== null) {
      const loadedAs = this.known.get(hash);
      if (loadedAs !== undefined) {
        onBytes?.(bytes);
        this.outcomes.push({ status: 'duplicate', file: name, hash, bytes, loadedAs });
        return;
      }
      this.known.set(hash, name);
    }
    if (bytes >= STREAMING_FILE_BYTES) {
      await this.commitGroup();
      await this.settle();
      await this.stream(path, name, hash, bytes, onBytes);
    } else {
      await this.stage(path, name, hash, bytes, onBytes);
      if (this.group && closesGroup(this.group.bulk.stagedBytes, this.groupBytesLeft)) await this.commitGroup();
    }
  }

  private async stream(path: string, name: string, hash: string | null, bytes: number, onBytes?: (n: number) => void): Promise<void> {
    let reading = true;
    try {
      const loaded = await this.loadAlone(this.fileIds.pop()!, path, name, hash, bytes, onBytes, () => {
        reading = false;
      });
      this.queueRowErrors([loaded]);
      this.outcomes.push(loaded.outcome);
    } catch (error) {
      // the file's own fault is an X12Error; anything else while reading is ours, and is not hidden
      if (!(error instanceof X12Error) && reading) throw error;
      if (hash !== null) this.known.delete(hash);
      this.reject(name, hash ?? (await hashOrNull(path)), bytes, error instanceof X12Error ? error : notStored(name, error));
      await this.settle();
    }
  }

  private async stage(path: string, name: string, hash: string | null, bytes: number, onBytes?: (n: number) => void): Promise<void> {
    // a group's transaction begins after the previous group's commit: its copies run while files are read
    this.group ??= { bulk: new BulkLoad(this.warehouse, 'group', this.committing.then(() => beginLoad(this.warehouse))), files: [] };
    const { bulk } = this.group;
    const mark = bulk.mark();
    const fileId = this.fileIds.pop()!;
    try {
      const staged = await this.read(bulk, fileId, path, name, hash, bytes, onBytes);
      this.group.files.push(staged);
      this.outcomes.push(staged.outcome);
    } catch (error) {
      bulk.rewind(mark, fileId);
      if (!(error instanceof X12Error)) throw error;
      if (hash !== null) this.known.delete(hash);
      this.reject(name, hash ?? (await hashOrNull(path)), bytes, error);
    }
  }

  /** Starts the commit of the staged group after the previous one; does not wait for it. */
  private async commitGroup(): Promise<void> {
    const group = this.group;
    this.group = undefined;
    if (!group) return;
    const previous = this.committing;
    this.committing = previous.then(() => this.commit(group));
    // Keep at most one group committing while the next is read.
    await previous;
  }

  private async commit(group: { bulk: BulkLoad; files: Staged[] }): Promise<void> {
    try {
      await group.bulk.finish();
      if (group.files.length > 0) await this.register(group.files);
      await commitWithRoom(this.warehouse);
      this.queueRowErrors(group.files);
    } catch (error) {
      await group.bulk.abandon();
      await rollbackLoad(this.warehouse);
      if (group.files.length > 1 && isOutOfMemory(error)) {
        // The group as a whole did not fit in DuckDB's memory: its files are not at fault, each loads again on its own.
        for (const staged of group.files) await this.loadAgainAlone(staged);
        return;
      }
      // The database refused the group (disk full, say): none of its files is in; say so for each.
      for (const { outcome: o } of group.files) {
        const index = this.outcomes.indexOf(o);
        this.outcomes.splice(index, 1);
        this.known.delete(o.hash);
        this.reject(o.file, o.hash, o.bytes, notStored(o.file, error), index);
      }
    }
  }

  /** One file in a transaction of its own; `onRead` is called once it is read, before its rows are stored. */
  private loadAlone(fileId: bigint, path: string, name: string, hash: string | null, bytes: number, onBytes?: (n: number) => void, onRead?: () => void): Promise<Staged> {
    return this.transaction(async () => {
      const bulk = new BulkLoad(this.warehouse, 'streaming');
      let staged: Staged;
      try {
        staged = await this.read(bulk, fileId, path, name, hash, bytes, onBytes);
      } catch (error) {
        await bulk.abandon();
        throw error;
      }
      onRead?.();
      await bulk.finish();
      await this.register([staged]);
      return staged;
    });
  }

  /** `work` in one transaction of its own, committed as a group is (commitWithRoom, warehouse/load/transaction.ts). */
  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await beginLoad(this.warehouse);
    try {
      const result = await work();
      await commitWithRoom(this.warehouse);
      return result;
    } catch (error) {
      await rollbackLoad(this.warehouse);
      throw error;
    }
  }

  /** A file of a group whose commit ran out of memory, in a transaction of its own; its outcome takes the old one's place. */
  private async loadAgainAlone(staged: Staged): Promise<void> {
    const { path, outcome: { file: name, fileId, hash, bytes } } = staged;
    const index = this.outcomes.indexOf(staged.outcome);
    try {
      const again = await this.loadAlone(fileId, path, name, hash, bytes);
      this.queueRowErrors([again]);
      this.outcomes[index] = again.outcome;
    } catch (error) {
      this.outcomes.splice(index, 1);
      this.known.delete(hash);
      this.reject(name, hash, bytes, error instanceof X12Error ? error : notStored(name, error), index);
    }
  }

  /** The refused rows of CSV exports, recorded once their files are committed. */
  private queueRowErrors(files: Staged[]): void {
    for (const { outcome: o, rowErrors } of files) {
      for (const error of rowErrors) this.rowErrors.push({ error, hash: o.hash });
    }
  }

  /** Waits for the commit under way, then records the rejections that waited for it. */
  private async settle(): Promise<void> {
    await this.committing;
    const rowErrors = this.rowErrors;
    this.rowErrors = [];
    const practices = rowErrors.length > 0 ? await practicesOfRowErrors(this.warehouse, rowErrors.map((r) => r.error)) : [];
    for (const [i, { error, hash }] of rowErrors.entries()) {
      await recordRowError(this.warehouse, this.batchId, {
        file: error.file, hash, line: error.line, message: error.message, hint: error.hint, rawRow: abbreviate(error.raw, 2000), billingNpi: practices[i],
      });
    }
    const pending = this.rejections;
    this.rejections = [];
    for (const { error, hash } of pending) {
      await recordFileRejection(this.warehouse, this.batchId, {
        file: error.file, hash, code: error.code, segment: error.segment ?? null,
        segmentText: error.segmentText === undefined ? null : abbreviate(error.segmentText, 500), message: error.message, hint: error.hint,
      });
    }
  }

  /** Reads one file into the staging tables; throws X12Error when it cannot be read. */
  private read(bulk: BulkLoad, fileId: bigint, path: string, name: string, hash: string | null, bytes: number, onBytes?: (n: number) => void): Promise<Staged> {
    return stageFile(bulk, fileId, path, hash, bytes, this.mapping, onBytes, name);
  }

  /** Inside the transaction, after the rows are in: duplicate-payment warnings, the ingest_file rows, the load generation. */
  private async register(files: Staged[]): Promise<void> {
    const ids = files.map((f) => f.outcome.fileId);
    const duplicates = await addDuplicatePaymentWarnings(this.warehouse, files.map((f) => ({ fileId: f.outcome.fileId, name: f.outcome.file })));
    const loadedBefore = files.some((f) => f.outcome.contentType !== 'x12') ? await dropRowsLoadedBefore(this.warehouse, ids) : new Map<bigint, number>();
    const rows: IngestFileRow[] = [];
    for (const { outcome: o, encoding, segments } of files) {
      o.warnings += duplicates.get(o.fileId) ?? 0;
      o.rowsAlreadyLoaded = loadedBefore.get(o.fileId) ?? 0;
      o.rows -= o.rowsAlreadyLoaded;
      rows.push({
        fileId: o.fileId, batchId: this.batchId, name: o.file, hash: o.hash, bytes: o.bytes, contentType: o.contentType, encoding, segments,
        transactions: o.transactions, rows: o.claims + o.rows, warnings: o.warnings,
      });
    }
    await registerFiles(this.warehouse, rows);
  }

  private reject(name: string, hash: string | null, bytes: number, error: X12Error, at = this.outcomes.length): void {
    this.rejections.push({ error, hash });
    this.outcomes.splice(at, 0, { status: 'rejected', file: name, hash, bytes, code: error.code, message: error.message, hint: error.hint, segment: error.segment ?? null });
  }
}

function sizeOf(path: string, name: string): Input {
  try {
    return { path, name, bytes: statSync(path).size, hash: null };
  } catch (error) {
    return { path, name, bytes: 0, hash: null, unreadable: cannotRead(name, error) };
  }
}

async function hashInput(input: Input): Promise<void> {
  try {
    input.hash = await sha256(input.path);
  } catch (error) {
    input.unreadable = cannotRead(input.name, error);
  }
}

/** For the record of a rejected file that was hashed as it was read. */
async function hashOrNull(path: string): Promise<string | null> {
  return sha256(path).catch(() => null);
}

function cannotRead(name: string, error: unknown): X12Error {
  return new X12Error('io', { file: name }, `cannot read the file: ${(error as Error).message}`, 'Check the path and the file permissions.');
}

/** DuckDB's refusals for want of memory: "Out of Memory Error: …", or "failed to pin block" at a commit. */
function isOutOfMemory(error: unknown): boolean {
  return /out of memory|failed to pin block/i.test(error instanceof Error ? error.message : String(error));
}

/** The rejection of a file that was read but that the database refused to store (its transaction rolled back). */
function notStored(file: string, error: unknown): X12Error {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const hint = isOutOfMemory(message)
    ? `DuckDB ran out of the memory it may use while loading: ingest the file again with a larger --memory-limit (rcm ingest; the default is ${INGEST_MEMORY_LIMIT}).`
    : 'Check the disk and the database file, then ingest the file again.';
  return new X12Error('io', { file }, `the warehouse could not store the file: ${message}`, hint);
}

/** Loads one file on its own (tests, the fuzzer). */
export async function loadFile(warehouse: Warehouse, batchId: bigint, path: string): Promise<FileOutcome> {
  return (await new Loader(warehouse, batchId).loadAll([path]))[0];
}
