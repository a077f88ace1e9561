// Reads one file into the staging tables of a bulk load, whatever it is: an X12 interchange (835, 837,
// 999, 277CA, routed by ST01) or a CSV file (payment postings, charges, payer profiles: recognised by its header).
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { fileChunks } from '../file-chunks.ts';
import { hashing, sha256 } from '../file-hash.ts';
import type { BulkLoad } from '../../warehouse/bulk-load.ts';
import type { Warning } from '../x12/diagnostics.ts';
import { detectEncoding } from '../x12/decode.ts';
import { READ_CHUNK_BYTES, readX12, type ReadSummary } from '../x12/reader.ts';
import { TransactionRouter } from '../transaction-router.ts';
import { Remittance835Mapper } from '../remittance/map-835.ts';
import { Claim837Mapper } from '../claims/map-837.ts';
import { Ack999Mapper } from '../acknowledgments/map-999.ts';
import { Ack277caMapper } from '../acknowledgments/map-277ca.ts';
import type { CsvMapping } from '../postings/csv-mapping.ts';
import { readCsvFile, type RowError } from '../postings/read-csv.ts';
import { AcknowledgmentWriter } from './acknowledgment-writer.ts';
import { ClaimWriter } from './claim-writer.ts';
import type { FileOutcome } from './loader.ts';
import { PostingWriter } from './posting-writer.ts';
import { RemittanceWriter } from './remittance-writer.ts';
import { TransactionWriter } from './transaction-writer.ts';
import { WarningWriter } from './warning-writer.ts';

const UNBALANCED = new Set(['line_unbalanced', 'claim_unbalanced', 'transaction_unbalanced']);

export interface Staged {
  /** Where the file was read from (its outcome names it as the caller does). */
  path: string;
  outcome: Extract<FileOutcome, { status: 'loaded' }>;
  encoding: string;
  segments: number;
  rowErrors: RowError[];
}

/**
 * Reads one file, X12 or CSV export, into the staging tables; throws X12Error when it cannot be read.
 * `knownHash` null: the file's SHA-256 is taken as it is read.
 */
export async function stageFile(bulk: BulkLoad, fileId: bigint, path: string, knownHash: string | null, bytes: number, mapping: CsvMapping, onBytes?: (n: number) => void, name = path): Promise<Staged> {
  if (!looksLikeX12(path)) {
    const hash = knownHash ?? (await sha256(path));
    const postings = new PostingWriter(bulk, fileId);
    const csv = await readCsvFile(path, name, mapping, postings, onBytes);
    return {
      path, encoding: 'utf-8', segments: 0, rowErrors: postings.errors,
      outcome: {
        status: 'loaded', file: name, fileId, hash, bytes, contentType: `csv-${csv.kind}`, transactions: 0, claims: 0, warnings: 0, paid: 0, paymentAmount: 0,
        rows: csv.rows, rowErrors: csv.errors, rowsAlreadyLoaded: 0,
      },
    };
  }
  const writer = new RemittanceWriter(bulk, fileId);
  const warnings = new WarningWriter(bulk, fileId);
  const onWarning = (w: Warning) => {
    if (UNBALANCED.has(w.code) && w.subjectSegment !== undefined) writer.markUnbalanced(w.subjectSegment);
    warnings.add(w);
  };
  const claims = new ClaimWriter(bulk, fileId, onWarning);
  const acknowledgments = new AcknowledgmentWriter(bulk, fileId);
  const transactions = new TransactionWriter(bulk, fileId);
  const router = new TransactionRouter(
    {
      '835': (header) => new Remittance835Mapper(header, writer, onWarning),
      '837': (header) => new Claim837Mapper(header, claims, onWarning),
      '999': (header) => new Ack999Mapper(header, acknowledgments, onWarning),
      '277': (header) => new Ack277caMapper(header, acknowledgments, onWarning),
    },
    onWarning,
    (header, trailer) => transactions.add(header, trailer),
  );
  const hasher = knownHash === null ? createHash('sha256') : undefined;
  const chunks = fileChunks(path, READ_CHUNK_BYTES);
  const summary: ReadSummary = await readX12(hasher ? hashing(chunks, hasher) : chunks, router, name, onBytes);
  const hash = knownHash ?? hasher!.digest('hex');
  return {
    path,
    encoding: summary.encoding,
    segments: summary.segments,
    rowErrors: [],
    outcome: {
      status: 'loaded', file: name, fileId, hash, bytes, contentType: 'x12', transactions: summary.transactions, claims: writer.totals.claims + claims.claims,
      warnings: warnings.count, paid: writer.totals.claimPaid, paymentAmount: writer.totals.paymentAmount, rows: 0, rowErrors: 0, rowsAlreadyLoaded: 0,
    },
  };
}

/** X12 starts (after a byte-order mark and blanks) with ISA, GS or ST; anything else is taken for a CSV export. */
function looksLikeX12(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const { encoding, bomLength } = detectEncoding(head.subarray(0, n));
    if (encoding === 'utf-16le' || encoding === 'utf-16be') return true;
    const text = head.subarray(bomLength, n).toString('latin1').trimStart();
    return /^(ISA|GS|ST)[^A-Za-z0-9\s]/.test(text);
  } finally {
    closeSync(fd);
  }
}
