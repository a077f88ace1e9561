// `rcm build`: the SQL models of warehouse/models/ (staging → intermediate → marts, one model per file,
// named by its file) materialized as tables in dependency order, then the rules of their contracts
// (<model>.contract.ts: key, not-null columns, identities; each a query that must return no rows). Every
// model is first built beside the live one (<name>__next, reading the other __next tables) and all are
// swapped in at the end in one short transaction: readers never see half a build, and a failed build leaves
// the last one. Each model commits on its own because one transaction around the whole build is far
// slower at a million claims.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './database.ts';
import { contractRules, type Rule } from './models/contract.ts';
import { CONTRACTS } from './models/contracts.ts';

const MODELS_DIR = fileURLToPath(new URL('./models/', import.meta.url));
export const LAYERS = ['staging', 'intermediate', 'marts'] as const;

export interface Model {
  name: string;
  layer: (typeof LAYERS)[number];
  sql: string;
  dependsOn: string[];
}

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => join(dir, f));
}

/** Every model, with the other models its SQL names (a model refers to another by its table name). */
export function loadModels(dir = MODELS_DIR): Model[] {
  const raw = LAYERS.flatMap((layer) => sqlFiles(join(dir, layer)).map((path) => ({ name: basename(path, '.sql'), layer, sql: readFileSync(path, 'utf8') })));
  const names = raw.map((m) => m.name);
  return raw.map((m) => ({ ...m, dependsOn: names.filter((n) => n !== m.name && new RegExp(`\\b${n}\\b`).test(stripComments(m.sql))) }));
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Models in an order where each comes after everything it depends on; a cycle is an error naming it. */
export function buildOrder(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`the models depend on each other in a cycle: ${[...path, m.name].join(' → ')}`);
    visiting.add(m.name);
    for (const d of m.dependsOn) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    order.push(m);
  };
  for (const m of models) visit(m, []);
  return order;
}

/** Every rule of every model's contract, in build order. */
export function loadRules(): Rule[] {
  const order = new Map(buildOrder(loadModels()).map((m, i) => [m.name, i]));
  return [...CONTRACTS].sort((a, b) => order.get(a.model)! - order.get(b.model)!).flatMap(contractRules);
}

export interface BuildResult {
  models: { name: string; layer: string; rows: bigint; milliseconds: number }[];
  /** Each rule of the contracts (name: model.rule), with how many rows break it (up to 1,000) and one of them. */
  checks: { name: string; model: string; rule: string; description: string; failures: bigint; example?: Record<string, unknown>; milliseconds: number }[];
  /** The whole build; the models alone; the checks alone. */
  milliseconds: number;
  modelMilliseconds: number;
  checkMilliseconds: number;
}

const NEXT = '__next';

/** The version of the models: a SHA-256 of every model's name and SQL. */
function modelsHash(models: Model[]): string {
  const hash = createHash('sha256');
  for (const m of [...models].sort((a, b) => a.name.localeCompare(b.name))) hash.update(m.name).update('\u0000').update(m.sql).update('\u0000');
  return hash.digest('hex');
}

/**
 * Whether the marts can be read as they are: built by these models from every file loaded so far. Else why
 * not: never built, built by other code, or built before the last load committed (a build that did not
 * finish, rcm ingest --no-build).
 */
export type ModelsState = 'current' | 'never built' | 'other models' | 'older than the data';

export async function modelsState(warehouse: Warehouse): Promise<ModelsState> {
  const row = await warehouse.one<{ models_hash: string; built: bigint | null; loaded: bigint }>(
    'SELECT models_hash, b.load_generation AS built, g.generation AS loaded FROM model_build b, load_generation g',
  );
  if (!row) return 'never built';
  if (row.models_hash !== modelsHash(loadModels())) return 'other models';
  return row.built === row.loaded ? 'current' : 'older than the data';
}

/** Whether the marts were built by these models from every file loaded so far. */
export async function modelsUpToDate(warehouse: Warehouse): Promise<boolean> {
  return (await modelsState(warehouse)) === 'current';
}

/** Why marts that are not current may not be read as they are, in a few words (every message about them starts so). */
export const NOT_CURRENT: Record<Exclude<ModelsState, 'current'>, string> = {
  'never built': 'the models were never built',
  'other models': 'the models were built by another version of rcm',
  'older than the data': 'files were loaded after the models were last built',
};

/** What to tell someone about marts that are not current, and what to do. */
export function staleModelsMessage(state: Exclude<ModelsState, 'current'>, db: string): string {
  const detail = {
    'never built': ' (after rcm ingest --no-build, say)',
    'other models': '',
    'older than the data': ' (rcm ingest --no-build, or a build that did not finish), so the metrics would leave them out',
  }[state];
  return `${NOT_CURRENT[state]}${detail}: run rcm build --db ${db}, then this again`;
}

/** checks: false leaves the contracts' rules out; rules replaces them (a test's own). */
export async function buildModels(warehouse: Warehouse, options: { checks?: boolean; rules?: Rule[] } = {}): Promise<BuildResult> {
  const began = performance.now();
  const order = buildOrder(loadModels());
  // the files the build sees: a load that commits after this point leaves the marts older than the data
  const { generation } = (await warehouse.one<{ generation: bigint }>('SELECT generation FROM load_generation'))!;
  // each model reads the freshly built tables, not the live ones
  const toNext = (sql: string) => order.reduce((text, m) => text.replace(new RegExp(`\\b${m.name}\\b`, 'g'), `${m.name}${NEXT}`), sql);
  const models: BuildResult['models'] = [];
  try {
    for (const model of order) {
      const start = performance.now();
      await warehouse.run(`CREATE OR REPLACE TABLE ${model.name}${NEXT} AS\n${toNext(model.sql)}`);
      const { n } = (await warehouse.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${model.name}${NEXT}`))!;
      models.push({ name: model.name, layer: model.layer, rows: n, milliseconds: Math.round(performance.now() - start) });
    }
    await warehouse.transaction(async () => {
      for (const model of order) {
        await warehouse.run(`DROP TABLE IF EXISTS ${model.name}`);
        await warehouse.run(`ALTER TABLE ${model.name}${NEXT} RENAME TO ${model.name}`);
      }
      await warehouse.run('DELETE FROM model_build');
      await warehouse.run('INSERT INTO model_build (models_hash, built_at, load_generation) VALUES ($1, current_timestamp, $2)', [modelsHash(order), generation]);
    });
  } finally {
    for (const model of order) await warehouse.run(`DROP TABLE IF EXISTS ${model.name}${NEXT}`);
  }
  const built = performance.now();
  const checks: BuildResult['checks'] = [];
  if (options.checks !== false) {
    for (const rule of options.rules ?? loadRules()) {
      const start = performance.now();
      const failures = await warehouse.all(`SELECT * FROM (${rule.sql}) LIMIT 1000`);
      checks.push({
        name: `${rule.model}.${rule.rule}`, model: rule.model, rule: rule.rule, description: rule.description,
        failures: BigInt(failures.length), example: failures[0], milliseconds: Math.round(performance.now() - start),
      });
    }
  }
  const end = performance.now();
  return { models, checks, milliseconds: Math.round(end - began), modelMilliseconds: Math.round(built - began), checkMilliseconds: Math.round(end - built) };
}
