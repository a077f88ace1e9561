// One run of `rcm ingest`: expands folders, loads each file on its own (one bad file never stops the
// others) and records the batch.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { Loader, type FileOutcome } from './loader.ts';
import type { CsvMapping } from '../postings/csv-mapping.ts';

export { INGEST_MEMORY_LIMIT } from './loader.ts';

/**
 * DuckDB while `rcm ingest` loads. Set on the CLI's own process only: the server's loads share its
 * instance with the readers.
 * - One thread. The reader and the mappers keep one core busy; more COPY threads on the other only compete
 *   with them and with each other (measured on the 119 MB bench file: 40% less CPU and 30 MB less memory
 *   at one thread, for the same or better wall time on two cores).
 * - Each full row group written to the file at once (DuckDB buffers five by default). Under the load's
 *   memory cap the buffered row groups of three tables did not fit: DuckDB spilled them to temporary files,
 *   ZSTD-compressed, and read them back (traced: 2,500 blocks of 256 KB out and 2,100 in for the bench
 *   file). One at a time: the bench file 5.6-5.8 s against 5.9-6.0, the 400 files 6.1-6.4 s against
 *   6.1-7.2, same peak memory.
 */
export async function useLoadingSettings(warehouse: Warehouse): Promise<void> {
  await warehouse.run('SET threads = 1');
  await warehouse.run('SET write_buffer_row_group_count = 1');
}

/**
 * Back to DuckDB's defaults once the files are in: the build after a load runs its
 * queries in parallel, and its joins over every claim need far more than a load's cap (at 128 MB
 * the build after the 119 MB bench file ran out of memory).
 */
export async function endLoading(warehouse: Warehouse): Promise<void> {
  await warehouse.run('RESET threads');
  await warehouse.run('RESET write_buffer_row_group_count');
  // RESET alone puts the setting back but leaves the buffer pool at the old cap (DuckDB 1.5: the build
  // still ran out at 122 MiB), so the default it reads back is set again explicitly
  await warehouse.run('RESET memory_limit');
  const { limit } = (await warehouse.one<{ limit: string }>("SELECT current_setting('memory_limit') AS limit"))!;
  await warehouse.run(`SET memory_limit = '${limit}'`);
}

export interface IngestRun {
  batchId: bigint;
  outcomes: FileOutcome[];
}

export interface IngestProgress {
  start(totalBytes: number, files: number): void;
  advance(bytes: number, file: string): void;
  stop(): void;
}

/**
 * Files named on the command line, and every non-hidden file under the folders named, in name order.
 * Links are followed (a folder of links to the files of an export loads those files); a broken link is
 * kept, and its load says why it cannot be read; a folder reached twice through links is walked once.
 */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const walked = new Set<string>();
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      files.push(path); // loadFile records the reason it cannot be read
      continue;
    }
    if (stat.isDirectory()) files.push(...walk(path, walked));
    else files.push(path);
  }
  return files;
}

function walk(dir: string, walked: Set<string>): string[] {
  const real = realpathSync(dir);
  if (walked.has(real)) return [];
  walked.add(real);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? linkTarget(path) : entry;
    if (kind === null) out.push(path);
    else if (kind.isDirectory()) out.push(...walk(path, walked));
    else if (kind.isFile()) out.push(path);
  }
  return out;
}

/** What a link points to; null when it points nowhere. */
function linkTarget(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Loads the files (and folders) as one batch; `names` (for files, not folders) say what to call each file instead of its path. */
export async function ingestFiles(warehouse: Warehouse, paths: string[], progress?: IngestProgress, mapping?: CsvMapping, names?: string[]): Promise<IngestRun> {
  const files = expandPaths(paths);
  if (names && names.length !== files.length) throw new Error('ingestFiles: one name per file');
  const batchId = (await warehouse.one<{ id: bigint }>("SELECT nextval('ingest_batch_id') AS id"))!.id;
  await warehouse.run('INSERT INTO ingest_batch (batch_id, started_at) VALUES ($1, current_timestamp)', [batchId]);
  const totalBytes = files.reduce((sum, f) => sum + sizeOf(f), 0);
  progress?.start(totalBytes, files.length);
  const outcomes = await new Loader(warehouse, batchId, mapping).loadAll(files, (n, file) => progress?.advance(n, file), names);
  progress?.stop();
  const count = (status: FileOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  await warehouse.run(
    'UPDATE ingest_batch SET finished_at = current_timestamp, files_loaded = $2, files_skipped = $3, files_rejected = $4 WHERE batch_id = $1',
    [batchId, count('loaded'), count('duplicate'), count('rejected')],
  );
  return { batchId, outcomes };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
