// The transactions of the ingest: the loader decides what each holds (one large file, or a group of small
// ones); these open, commit and roll them back.
import type { Warehouse } from '../database.ts';

export async function beginLoad(warehouse: Warehouse): Promise<void> {
  await warehouse.run('BEGIN TRANSACTION');
}

/** Rolls back the transaction under way; a connection with none (its commit already failed) is left as it is. */
export async function rollbackLoad(warehouse: Warehouse): Promise<void> {
  await warehouse.run('ROLLBACK').catch(() => undefined);
}

/**
 * COMMIT with DuckDB's memory cap doubled for its duration. A commit moves every table's rows that do not
 * fill a row group from the transaction into the table at once, and may checkpoint the database after
 * it. A group of many kinds of file (837s, 277CAs, 999s, CSV exports: two dozen tables) does not fit under
 * the load's cap ("failed to pin block"); and a checkpoint that does not fit invalidates the database.
 */
export async function commitWithRoom(warehouse: Warehouse): Promise<void> {
  const cap = await memoryLimitBytes(warehouse);
  if (cap !== null) await warehouse.run(`SET memory_limit = '${cap * 2}B'`);
  try {
    await warehouse.run('COMMIT');
  } finally {
    if (cap !== null) await warehouse.run(`SET memory_limit = '${cap}B'`);
  }
}

/**
 * DuckDB's memory cap in bytes; null when it cannot be told. It reads back cut to a tenth ("45.7 MiB" for
 * 48MB, 45.78 MiB), so the middle of that tenth is taken: set again, it reads back the same.
 */
async function memoryLimitBytes(warehouse: Warehouse): Promise<number | null> {
  const row = await warehouse.one<{ limit: string }>("SELECT current_setting('memory_limit') AS limit");
  const match = /^([\d.]+)\s*(bytes|KiB|MiB|GiB|TiB)$/.exec(row?.limit ?? '');
  if (!match) return null;
  const power = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(match[2]);
  return Math.round((Number(match[1]) + (power > 0 ? 0.05 : 0)) * 1024 ** power);
}
