// Opens the warehouse for one CLI verb and closes it whatever happens. DuckDB lets one process open the
// file: when another holds it (a running rcm serve), the verb says so instead of failing obscurely.
import { Warehouse } from '../../warehouse/database.ts';
import { CliError } from './cli-error.ts';

/** DuckDB's refusal when another process holds the file. */
export function isHeldByAnotherProcess(error: unknown): boolean {
  return error instanceof Error && /could not set lock|conflicting lock/i.test(error.message);
}

export async function withWarehouse<T>(path: string, work: (w: Warehouse) => Promise<T>): Promise<T> {
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path);
  } catch (error) {
    if (isHeldByAnotherProcess(error)) {
      throw new CliError(`${path} is open in another process (a running rcm serve?): stop it for this command, or load files through it with rcm ingest --server`);
    }
    throw error;
  }
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
