// One run of `rcm ingest`: expands folders, loads each file on its own (one bad file never stops the
// others) and records the batch.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { finishBatch, startBatch } from '../../warehouse/load/ingest-batch.ts';
import { Loader, type FileOutcome } from './loader.ts';
import type { CsvMapping } from '../postings/csv-mapping.ts';
import { savePostingReasons } from '../../warehouse/load/posting-reasons.ts';

export { INGEST_MEMORY_LIMIT } from './loader.ts';
export { endLoading, useLoadingSettings } from '../../warehouse/load/loading-settings.ts';

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
  // the practice's reason classes are settings, not rows of a file: saved (or refused) before anything loads
  if (mapping?.reasons) await savePostingReasons(warehouse, mapping.reasons, mapping.source ?? 'the mapping');
  const batchId = await startBatch(warehouse);
  const totalBytes = files.reduce((sum, f) => sum + sizeOf(f), 0);
  progress?.start(totalBytes, files.length);
  const outcomes = await new Loader(warehouse, batchId, mapping).loadAll(files, (n, file) => progress?.advance(n, file), names);
  progress?.stop();
  const count = (status: FileOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  await finishBatch(warehouse, batchId, { loaded: count('loaded'), skipped: count('duplicate'), rejected: count('rejected') });
  return { batchId, outcomes };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
