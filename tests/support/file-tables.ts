// The tables a file's load writes rows to: every table with a file_id column, read from the catalog so
// that a table added by a migration is counted without anyone remembering to list it.
import type { Warehouse } from '../../warehouse/database.ts';

export async function fileRowTables(w: Warehouse): Promise<string[]> {
  const rows = await w.all<{ table_name: string }>(
    `SELECT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
     WHERE c.column_name = 'file_id' AND c.database_name = current_database() ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}
