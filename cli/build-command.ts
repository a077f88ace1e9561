// `rcm build [--db PATH] [--json]`: rebuilds the SQL models and checks their contracts (exit 1 when a rule fails).
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { buildModels, type BuildResult } from '../warehouse/build.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { count } from './kit/format.ts';

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('rebuild the SQL models (staging → intermediate → marts) from the loaded data and check their contracts (keys, not-null columns, identities); also done after every ingest')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print the result as JSON')
    .action(async (options: { db: string; json?: boolean }) => {
      const result = await withWarehouse(options.db, (w) => buildModels(w));
      process.stdout.write(options.json ? `${JSON.stringify(buildJson(result), null, 2)}\n` : buildText(result));
      process.exitCode = buildExitCode(result);
    });
}

export function buildExitCode(result: BuildResult): number {
  return result.checks.some((c) => c.failures > 0n) ? 1 : 0;
}

export function buildJson(result: BuildResult) {
  return {
    milliseconds: result.milliseconds,
    model_milliseconds: result.modelMilliseconds,
    check_milliseconds: result.checkMilliseconds,
    models: result.models.map((m) => ({ ...m, rows: Number(m.rows) })),
    checks: result.checks.map((c) => ({ ...c, failures: Number(c.failures) })),
  };
}

export function buildText(result: BuildResult): string {
  const models = new Table({ head: ['model', 'layer', 'rows', 'ms'], style: { head: [], border: [] } });
  for (const m of result.models) models.push([m.name, m.layer, count(m.rows), count(m.milliseconds)]);
  const failed = result.checks.filter((c) => c.failures > 0n);
  const lines = [models.toString(), `built ${result.models.length} models in ${(result.modelMilliseconds / 1000).toFixed(1)} s; ${result.checks.length} checks in ${(result.checkMilliseconds / 1000).toFixed(1)} s, ${failed.length} failed`];
  for (const c of failed) lines.push(`FAILED ${c.name}: ${c.description} (${c.failures} rows, e.g. ${JSON.stringify(c.example, (_, v) => (typeof v === 'bigint' ? Number(v) : v))})`);
  return `${lines.join('\n')}\n`;
}
