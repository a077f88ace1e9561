// `rcm demo` and `npm start`: generate the synthetic practice's files, ingest them through the normal
// ingest path into a warehouse, and say where everything is.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../warehouse/database.ts';
import { ingestFiles, type IngestRun } from '../ingest/loader/ingest-run.ts';
import { FOLDERS, writeDataset, type DatasetSummary } from '../demo/dataset/write-dataset.ts';
import { buildModels, type BuildResult } from '../warehouse/build.ts';

export interface DemoOptions {
  claims: number;
  seed: number;
  months: number;
  start: string;
  out: string;
  db: string;
  /** Delete an existing database and folder first. */
  replace: boolean;
}

/** 18 months: the last twelve look like a practice in its stride, not one filling its A/R from zero. */
export const DEMO_DEFAULTS = { claims: 6000, seed: 1, months: 18, start: '2024-07-01', out: './data/demo' } as const;

export interface DemoRun {
  dataset: DatasetSummary;
  ingest: IngestRun;
  ingestMilliseconds: number;
  build: BuildResult;
}

export class DemoExists extends Error {}

export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  if (existsSync(options.db) && !options.replace) {
    throw new DemoExists(`${options.db} already exists; pass --replace to delete it and ${options.out} and start over, or --db to use another file`);
  }
  if (options.replace) {
    for (const path of [options.db, `${options.db}.wal`, options.out]) rmSync(path, { recursive: true, force: true });
  }
  const dataset = await writeDataset({ seed: options.seed, claims: options.claims, months: options.months, start: options.start, out: options.out });
  const began = performance.now();
  const warehouse = await Warehouse.open(options.db);
  try {
    const ingest = await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(options.out, f)));
    const ingestMilliseconds = Math.round(performance.now() - began);
    const build = await buildModels(warehouse);
    return { dataset, ingest, ingestMilliseconds, build };
  } finally {
    warehouse.close();
  }
}
