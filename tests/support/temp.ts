// Temporary folders and warehouses for tests, removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';

export function tempDir(prefix = 'rcm-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function tempWarehouse(dir = tempDir()): Promise<Warehouse> {
  const warehouse = await Warehouse.open(join(dir, `w-${Math.random().toString(36).slice(2)}.duckdb`));
  afterAll(() => warehouse.close());
  return warehouse;
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
