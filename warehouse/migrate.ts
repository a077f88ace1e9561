// Schema migrations: the SQL files in warehouse/migrations, applied once each, in name order, each in
// its own transaction and recorded in schema_migration.
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
  const done: string[] = [];
  for (const name of migrationFiles()) {
    if (applied.has(name)) continue;
    const sql = readFileSync(MIGRATIONS_DIR + name, 'utf8');
    await warehouse.transaction(async () => {
      await warehouse.run(sql);
      await warehouse.run('INSERT INTO schema_migration VALUES ($1, current_timestamp)', [name]);
    });
    done.push(name);
  }
  // Into the file at once: DuckDB 1.5 fails to replay some schema changes from its write-ahead log
  // (ALTER TABLE on a table with a nextval default, duckdb/duckdb#18259), so a process killed before the
  // next checkpoint would leave a warehouse that does not open.
  if (done.length > 0) await warehouse.run('CHECKPOINT');
  return done;
}
