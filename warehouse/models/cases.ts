// Runs a contract's given/expect case (dbt's unit_tests): the model's SQL alone over the given rows of the
// tables and models it reads, in a database of its own attached in memory, and its answer compared with the
// expected rows on the columns they name. Inputs not given are empty, except reference data (ref_*), which
// is read as loaded: code sets are data the models rely on. The warehouse needs every input to exist (its
// models built once, even over no data), for the types of their columns.
import type { Warehouse } from '../database.ts';
import type { Model } from '../build.ts';
import type { CaseRow, CaseValue, ModelCase } from './contract.ts';

const SCRATCH = 'model_case';

export interface CaseResult {
  /** Expected rows the model did not answer, and rows it answered that were not expected. */
  missing: Record<string, unknown>[];
  unexpected: Record<string, unknown>[];
}

function literal(value: CaseValue): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return String(value);
}

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '');

async function insertRows(w: Warehouse, table: string, rows: CaseRow[]): Promise<void> {
  const types = new Map((await w.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = '${SCRATCH}' AND table_name = $1`, [table],
  )).map((c) => [c.column_name, c.data_type]));
  for (const row of rows) {
    const columns = Object.keys(row);
    for (const c of columns) if (!types.has(c)) throw new Error(`${table} has no column ${c}`);
    await w.run(`INSERT INTO ${SCRATCH}.${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `CAST(${literal(row[c])} AS ${types.get(c)})`).join(', ')})`);
  }
}

export async function runCase(w: Warehouse, model: Model, c: ModelCase): Promise<CaseResult> {
  const database = (await w.one<{ name: string }>('SELECT current_database() AS name'))!.name;
  const sql = stripComments(model.sql);
  const tables = (await w.all<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main'`, [database]))
    .map((t) => t.table_name);
  const inputs = tables.filter((t) => t !== model.name && new RegExp(`\\b${t}\\b`).test(sql));
  for (const given of Object.keys(c.given)) if (!inputs.includes(given)) throw new Error(`${model.name} does not read ${given} (it reads ${inputs.join(', ')})`);
  const columns = [...new Set(c.expect.flatMap((row) => Object.keys(row)))];
  await w.run(`ATTACH ':memory:' AS ${SCRATCH}`);
  try {
    for (const input of inputs) {
      const copyRows = input.startsWith('ref_') && !(input in c.given);
      await w.run(`CREATE TABLE ${SCRATCH}.${input} AS SELECT * FROM "${database}".main.${input}${copyRows ? '' : ' LIMIT 0'}`);
      await insertRows(w, input, c.given[input] ?? []);
    }
    await w.run(`USE ${SCRATCH}`);
    try {
      await w.run(`CREATE TABLE ${SCRATCH}.__answer AS ${model.sql}`);
    } finally {
      await w.run(`USE "${database}"`);
    }
    const list = columns.map((col) => `"${col}"`).join(', ');
    await w.run(`CREATE TABLE ${SCRATCH}.__expect AS SELECT ${list} FROM ${SCRATCH}.__answer LIMIT 0`);
    await insertRows(w, '__expect', c.expect);
    const answer = `SELECT ${list} FROM ${SCRATCH}.__answer`;
    const expected = `SELECT ${list} FROM ${SCRATCH}.__expect`;
    return {
      missing: await w.all(`(${expected}) EXCEPT ALL (${answer})`),
      unexpected: await w.all(`(${answer}) EXCEPT ALL (${expected})`),
    };
  } finally {
    await w.run(`DETACH ${SCRATCH}`);
  }
}
