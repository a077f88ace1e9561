// A model's contract, in the spirit of a dbt model's .yml: its key, the columns never NULL, the identities
// that must hold (queries returning the rows that break them), and given/expect cases. It sits beside the
// model as <model>.contract.ts (a typed value: a case's rows read as the columns they fill; no parser, no
// dependency) and is listed in contracts.ts. Every rcm build runs the key, not-null and identity checks;
// the test suite runs the cases (contracts.test.ts).

/** A value of a given or expected row: cast by the database to its column's type. */
export type CaseValue = string | number | boolean | null | CaseValue[];
export type CaseRow = Record<string, CaseValue>;

export interface ModelCase {
  /** What the case shows, as a sentence. */
  name: string;
  /** Rows of the tables and models the model reads; any input left out is empty (reference data as loaded). */
  given: Record<string, CaseRow[]>;
  /** Every row the model must answer, on the columns named (the others are not compared). */
  expect: CaseRow[];
}

export interface Identity {
  /** A short name, unique in the contract. */
  name: string;
  description: string;
  /** A query returning the rows that break the identity: none when it holds. */
  sql: string;
}

export interface ModelContract {
  model: string;
  /** The columns that name one row (the grain at the top of the model); null: the grain has no key. */
  key: string[] | null;
  notNull: string[];
  identities: Identity[];
  cases: ModelCase[];
}

export function contract(model: string, terms: Partial<Omit<ModelContract, 'model'>> & Pick<ModelContract, 'key'>): ModelContract {
  return { model, notNull: [], identities: [], cases: [], ...terms };
}

/** One rule of a contract as a query returning the rows that break it. */
export interface Rule {
  model: string;
  rule: string;
  description: string;
  sql: string;
}

const quoted = (column: string) => `"${column}"`;

/** The checks a build runs for a contract: its key, its not-null columns, its identities. */
export function contractRules(c: ModelContract): Rule[] {
  const rules: Rule[] = [];
  if (c.key) {
    const key = c.key.map(quoted).join(', ');
    // grouped by a hash of the key first (one number to group by instead of several columns), then
    // exactly, on the rows whose hash repeats
    rules.push({
      model: c.model, rule: 'key', description: `one row per (${c.key.join(', ')})`,
      sql: `WITH repeated AS (SELECT hash(${key}) AS h FROM ${c.model} GROUP BY h HAVING count(*) > 1)
SELECT ${key}, count(*) AS rows FROM ${c.model} WHERE hash(${key}) IN (SELECT h FROM repeated) GROUP BY ${key} HAVING count(*) > 1`,
    });
  }
  if (c.notNull.length > 0) {
    const names = c.notNull.map((n) => `CASE WHEN ${quoted(n)} IS NULL THEN '${n}' END`).join(', ');
    rules.push({
      model: c.model, rule: 'not_null', description: `never NULL: ${c.notNull.join(', ')}`,
      sql: `SELECT list_filter([${names}], x -> x IS NOT NULL) AS null_columns, * FROM ${c.model} WHERE ${c.notNull.map((n) => `${quoted(n)} IS NULL`).join(' OR ')}`,
    });
  }
  for (const identity of c.identities) rules.push({ model: c.model, rule: identity.name, description: identity.description, sql: identity.sql });
  return rules;
}
