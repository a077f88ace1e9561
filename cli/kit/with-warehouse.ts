// Opens the warehouse for one CLI verb and closes it whatever happens. DuckDB lets one process open the
// file: when another holds it (a running rcm serve), the verb says so instead of failing obscurely.
import { Warehouse } from '../../warehouse/database.ts';
import { CliError } from './cli-error.ts';

/** DuckDB's refusal when another process holds the file. */
export function isHeldByAnotherProcess(error: unknown): boolean {
  return error instanceof Error && /could not set lock|conflicting lock/i.test(error.message);
}

/**
 * `needsModels`: the verb reads the SQL models. Marts that are not current (never built, built by other
 * code, or older than the loaded data) are never answered from: the verb says why and to run rcm build
 * (exit 2), as every reading verb does.
 * `whenHeld`: what to do instead when a running server holds the file (default: load files through it).
 */
export async function withWarehouse<T>(path: string, work: (w: Warehouse) => Promise<T>, options: { needsModels?: boolean; whenHeld?: string } = {}): Promise<T> {
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path);
  } catch (error) {
    if (isHeldByAnotherProcess(error)) {
      throw new CliError(`${path} is open in another process (a running rcm serve?): ${options.whenHeld ?? 'stop it for this command, or load files through it with rcm ingest --server'}`);
    }
    throw error;
  }
  try {
    if (options.needsModels) {
      // loaded only for these verbs: rcm ingest opens the warehouse here too, without the models
      const { modelsState, staleModelsMessage } = await import('../../warehouse/build.ts');
      const state = await modelsState(warehouse);
      if (state !== 'current') {
        const { holdsFiles } = await import('../../warehouse/queries/ingest-history.ts');
        if (!(await holdsFiles(warehouse))) throw new CliError(`the warehouse ${path} holds no claims yet: ingest files first (rcm ingest) or create the demo (rcm demo)`);
        throw new CliError(`${path}: ${staleModelsMessage(state, path)}`);
      }
    }
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
