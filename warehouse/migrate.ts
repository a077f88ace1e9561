// Schema migrations: the SQL files in warehouse/migrations, applied once each, in name order, the pending
// ones in one transaction, and recorded in schema_migration.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.*\.sql$/.test(f)).sort();
}

export async function migrate(warehouse: Warehouse): Promise<string[]> {
  await warehouse.run('CREATE TABLE IF NOT EXISTS schema_migration (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)');
  const applied = new Set((await warehouse.all<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
  const pending = migrationFiles().filter((name) => !applied.has(name));
  if (pending.length === 0) return [];
  // All pending migrations in one transaction: a warehouse is at one version or the next, never between
  // (and a new warehouse pays for one commit instead of one per migration).
  await warehouse.transaction(async () => {
    for (const name of pending) {
      await warehouse.run(readFileSync(MIGRATIONS_DIR + name, 'utf8'));
      await warehouse.run('INSERT INTO schema_migration VALUES ($1, current_timestamp)', [name]);
    }
  });
  // Into the file at once: DuckDB 1.5 fails to replay some schema changes from its write-ahead log
  // (ALTER TABLE on a table with a nextval default, duckdb/duckdb#18259), so a process killed before the
  // next checkpoint would leave a warehouse that does not open.
  await warehouse.run('CHECKPOINT');
  return pending;
}
