// DuckDB's settings while files load, and back to its defaults once they are in.
import type { Warehouse } from '../database.ts';

/**
 * DuckDB while `rcm ingest` loads. Set on the CLI's own process only: the server's loads share its
 * instance with the readers.
 * - One thread. The reader and the mappers keep one core busy; more COPY threads on the other only compete
 *   with them and with each other, for more CPU and memory and no better wall time on two cores.
 * - Each full row group written to the file at once (DuckDB buffers five by default). Under the load's
 *   memory cap the buffered row groups of several tables do not fit, and DuckDB would spill them to
 *   temporary files, compressed, and read them back.
 */
export async function useLoadingSettings(warehouse: Warehouse): Promise<void> {
  await warehouse.run('SET threads = 1');
  await warehouse.run('SET write_buffer_row_group_count = 1');
}

/**
 * Back to DuckDB's defaults once the files are in: the build after a load runs its
 * queries in parallel, and its joins over every claim need far more than a load's cap.
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
