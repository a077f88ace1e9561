// A hand case's warehouse: its files written into the test's directory, every one of them loaded (none refused),
// and the models built.
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { writeFile } from './temp.ts';

export async function caseWarehouse(dir: string, files: [string, string][], name = 'case.duckdb'): Promise<Warehouse> {
  const warehouse = await Warehouse.open(join(dir, name));
  const run = await ingestFiles(warehouse, files.map(([file, text]) => writeFile(dir, file, text)));
  expect(run.outcomes.filter((o) => o.status !== 'loaded')).toEqual([]);
  await buildModels(warehouse);
  return warehouse;
}
