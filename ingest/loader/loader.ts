// Loads files into the warehouse, each one whole or not at all. A file that cannot be read is recorded
// in ingest_error and leaves no row; a file already loaded (same SHA-256) is skipped.
//
// Large files stream in a transaction of their own. Small files are first read completely into staging
// (an unreadable one is dropped from it), then committed together with their neighbours in one
// transaction: per-statement costs of DuckDB are paid once per group instead of once per file, and a
// commit still holds only complete files.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { BulkLoad } from '../../warehouse/bulk-load.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { X12Error, abbreviate, type Warning } from '../x12/diagnostics.ts';
import { readX12File, type ReadSummary } from '../x12/reader.ts';
import type { Cents } from '../x12/values.ts';
import { TransactionRouter } from '../transaction-router.ts';
import { Remittance835Mapper } from '../remittance/map-835.ts';
import { RemittanceWriter } from './remittance-writer.ts';
import { WarningWriter, addDuplicatePaymentWarnings } from './warning-writer.ts';

export type FileOutcome =
  | { status: 'loaded'; file: string; fileId: bigint; hash: string; bytes: number; transactions: number; claims: number; warnings: number; paid: Cents; paymentAmount: Cents }
  | { status: 'duplicate'; file: string; hash: string; bytes: number; loadedAs: string }
  | { status: 'rejected'; file: string; hash: string | null; bytes: number; code: string; message: string; hint: string; segment: number | null };

type Loaded = Extract<FileOutcome, { status: 'loaded' }>;

/** Files at least this large stream in their own transaction. */
export const STREAMING_FILE_BYTES = 16 << 20;
/** A group of small files is committed once its staging holds this much. */
const GROUP_BYTES = 48 << 20;

const UNBALANCED = new Set(['line_unbalanced', 'claim_unbalanced', 'transaction_unbalanced']);

interface Staged {
  outcome: Loaded;
  encoding: string;
  segments: number;
}

export class Loader {
  readonly outcomes: FileOutcome[] = [];
  private group: { bulk: BulkLoad; files: Staged[]; hashes: Map<string, string> } | undefined;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly batchId: bigint,
  ) {}

  async add(path: string, onBytes?: (n: number) => void): Promise<void> {
    let hash: string;
    let bytes: number;
    try {
      bytes = statSync(path).size;
      hash = await sha256(path);
    } catch (error) {
      await this.reject(path, null, 0, new X12Error('io', { file: path }, `cannot read the file: ${(error as Error).message}`, 'Check the path and the file permissions.'));
      return;
    }
    const loadedAs = this.group?.hashes.get(hash) ?? (await this.warehouse.one<{ file_name: string }>('SELECT file_name FROM ingest_file WHERE file_hash = $1', [hash]))?.file_name;
    if (loadedAs !== undefined) {
      onBytes?.(bytes);
      this.outcomes.push({ status: 'duplicate', file: path, hash, bytes, loadedAs });
      return;
    }
    if (bytes >= STREAMING_FILE_BYTES) {
      await this.commitGroup();
      await this.stream(path, hash, bytes, onBytes);
    } else {
      await this.stage(path, hash, bytes, onBytes);
      if (this.group && this.group.bulk.stagedBytes >= GROUP_BYTES) await this.commitGroup();
    }
  }

  /** Commits what is staged. Call once after the last file. */
  async finish(): Promise<void> {
    await this.commitGroup();
  }

  private async stream(path: string, hash: string, bytes: number, onBytes?: (n: number) => void): Promise<void> {
    try {
      const loaded = await this.warehouse.transaction(async () => {
        const bulk = new BulkLoad(this.warehouse, 'streaming');
        let staged: Staged;
        try {
          staged = await this.read(bulk, path, hash, bytes, onBytes);
        } catch (error) {
          await bulk.abandon();
          throw error;
        }
        await bulk.finish();
        await this.register([staged]);
        return staged.outcome;
      });
      this.outcomes.push(loaded);
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
      await this.reject(path, hash, bytes, error);
    }
  }

  private async stage(path: string, hash: string, bytes: number, onBytes?: (n: number) => void): Promise<void> {
    this.group ??= { bulk: new BulkLoad(this.warehouse, 'deferred'), files: [], hashes: new Map() };
    const { bulk } = this.group;
    const mark = bulk.mark();
    try {
      const staged = await this.read(bulk, path, hash, bytes, onBytes);
      this.group.files.push(staged);
      this.group.hashes.set(hash, path);
      this.outcomes.push(staged.outcome);
    } catch (error) {
      bulk.rewind(mark);
      if (!(error instanceof X12Error)) throw error;
      await this.reject(path, hash, bytes, error);
    }
  }

  private async commitGroup(): Promise<void> {
    const group = this.group;
    this.group = undefined;
    if (!group) return;
    if (group.files.length === 0) {
      await group.bulk.abandon();
      return;
    }
    try {
      await this.warehouse.transaction(async () => {
        await group.bulk.finish();
        await this.register(group.files);
      });
    } catch (error) {
      await group.bulk.abandon();
      // The database refused the group (disk full, say): none of its files is in; say so for each.
      const message = error instanceof Error ? error.message : String(error);
      for (const staged of group.files) {
        const o = staged.outcome;
        const index = this.outcomes.indexOf(o);
        const failure = new X12Error('io', { file: o.file }, `the warehouse could not store the file: ${message}`, 'Check the disk and the database file, then ingest the file again.');
        this.outcomes.splice(index, 1);
        await this.reject(o.file, o.hash, o.bytes, failure, index);
      }
    }
  }

  /** Reads one file into the staging tables; throws X12Error when it cannot be read. */
  private async read(bulk: BulkLoad, path: string, hash: string, bytes: number, onBytes?: (n: number) => void): Promise<Staged> {
    const fileId = (await this.warehouse.one<{ id: bigint }>("SELECT nextval('ingest_file_id') AS id"))!.id;
    const writer = new RemittanceWriter(bulk, fileId);
    const warnings = new WarningWriter(bulk, fileId);
    const onWarning = (w: Warning) => {
      if (UNBALANCED.has(w.code) && w.subjectSegment !== undefined) writer.markUnbalanced(w.subjectSegment);
      warnings.add(w);
    };
    const router = new TransactionRouter({ '835': (header) => new Remittance835Mapper(header, writer, onWarning) }, onWarning);
    const summary: ReadSummary = await readX12File(path, router, path, onBytes);
    return {
      encoding: summary.encoding,
      segments: summary.segments,
      outcome: {
        status: 'loaded', file: path, fileId, hash, bytes, transactions: summary.transactions, claims: writer.totals.claims,
        warnings: warnings.count, paid: writer.totals.claimPaid, paymentAmount: writer.totals.paymentAmount,
      },
    };
  }

  /** Inside the transaction, after the rows are in: duplicate-payment warnings and the ingest_file rows. */
  private async register(files: Staged[]): Promise<void> {
    const duplicates = await addDuplicatePaymentWarnings(this.warehouse, files.map((f) => f.outcome.fileId));
    for (const { outcome: o, encoding, segments } of files) {
      o.warnings += duplicates.get(o.fileId) ?? 0;
      await this.warehouse.run(
        `INSERT INTO ingest_file VALUES ($1, $2, $3, $4, $5, 'x12', $6, $7, $8, $9, $10, current_timestamp)`,
        [o.fileId, this.batchId, o.file, o.hash, o.bytes, encoding, segments, o.transactions, o.claims, o.warnings],
      );
    }
  }

  private async reject(path: string, hash: string | null, bytes: number, error: X12Error, at = this.outcomes.length): Promise<void> {
    await this.warehouse.run(
      `INSERT INTO ingest_error (error_id, batch_id, file_name, file_hash, error_code, segment_position, segment_text, message, hint, recorded_at)
       VALUES (nextval('ingest_error_id'), $1, $2, $3, $4, $5, $6, $7, $8, current_timestamp)`,
      [this.batchId, path, hash, error.code, error.segment ?? null, error.segmentText === undefined ? null : abbreviate(error.segmentText, 500), error.message, error.hint],
    );
    this.outcomes.splice(at, 0, { status: 'rejected', file: path, hash, bytes, code: error.code, message: error.message, hint: error.hint, segment: error.segment ?? null });
  }
}

/** Loads one file on its own (tests, the fuzzer). */
export async function loadFile(warehouse: Warehouse, batchId: bigint, path: string, onBytes?: (n: number) => void): Promise<FileOutcome> {
  const loader = new Loader(warehouse, batchId);
  await loader.add(path, onBytes);
  await loader.finish();
  return loader.outcomes[0];
}

export function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
