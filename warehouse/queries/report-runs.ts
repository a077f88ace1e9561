// The record of report runs (migration 015): one row per run with who, when, the parameters and the SHA-256
// of its numbers; its files with their SHA-256; and its numbers, so that two runs can be compared number by
// number (reports/runs/run-store.ts).
import type { Warehouse } from '../database.ts';
import { sqlString } from '../sql.ts';

export type Section = 'closed' | 'post_close';
export type Numbers = Map<string, { section: Section; value: string | null }>;

export interface RunRecord {
  runId: bigint;
  report: string;
  month: string;
  /** Billing NPIs; null: every practice. */
  practices: string[] | null;
  asOf: string;
  closeDate: string;
  closeRule: string;
  formats: string[];
  outDir: string | null;
  username: string;
  userId: bigint | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'complete' | 'failed';
  error: string | null;
  parameters: Record<string, unknown>;
  numbersSha256: string | null;
}

export interface RunFile {
  format: string;
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** UTC, as TIMESTAMP text. */
export function timestampText(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export async function nextRunId(w: Warehouse): Promise<bigint> {
  return (await w.one<{ id: bigint }>("SELECT nextval('report_run_id') AS id"))!.id;
}

export async function recordRun(w: Warehouse, run: RunRecord, files: RunFile[], numbers: Numbers): Promise<void> {
  await w.transaction(async () => {
    await w.run(
      `INSERT INTO report_run VALUES ($1, $2, $3, $4, $5::DATE, $6::DATE, $7, $8, $9, $10, $11, $12::TIMESTAMP, $13::TIMESTAMP, $14, $15, $16, $17)`,
      [run.runId, run.report, run.month, run.practices === null ? null : JSON.stringify(run.practices), run.asOf, run.closeDate, run.closeRule, run.formats.join(','),
        run.outDir, run.username, run.userId, run.startedAt, run.finishedAt, run.status, run.error, JSON.stringify(run.parameters), run.numbersSha256],
    );
    for (const f of files) {
      await w.run('INSERT INTO report_run_file VALUES ($1, $2, $3, $4, $5, $6)', [run.runId, f.format, f.name, f.path, BigInt(f.bytes), f.sha256]);
    }
    const entries = [...numbers];
    for (let i = 0; i < entries.length; i += 500) {
      const values = entries.slice(i, i + 500).map(([key, n]) => `(${run.runId}, ${sqlString(key)}, ${sqlString(n.section)}, ${n.value === null ? 'NULL' : sqlString(n.value)})`);
      await w.run(`INSERT INTO report_run_number VALUES ${values.join(', ')}`);
    }
  });
}

type RunRow = {
  run_id: bigint; report: string; month: string; practices: string | null; as_of: string; close_date: string; close_rule: string; formats: string;
  out_dir: string | null; username: string; user_id: bigint | null; started_at: string; finished_at: string | null; status: string; error: string | null;
  parameters: string; numbers_sha256: string | null;
};

const RUN_COLUMNS = `run_id, report, month, practices, strftime(as_of, '%Y-%m-%d') AS as_of, strftime(close_date, '%Y-%m-%d') AS close_date, close_rule, formats, out_dir,
  username, user_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at, status, error, parameters, numbers_sha256`;

function runOf(r: RunRow): RunRecord {
  return {
    runId: r.run_id, report: r.report, month: r.month, practices: r.practices === null ? null : (JSON.parse(r.practices) as string[]), asOf: r.as_of, closeDate: r.close_date,
    closeRule: r.close_rule, formats: r.formats.split(','), outDir: r.out_dir, username: r.username, userId: r.user_id, startedAt: r.started_at, finishedAt: r.finished_at,
    status: r.status as RunRecord['status'], error: r.error, parameters: JSON.parse(r.parameters) as Record<string, unknown>, numbersSha256: r.numbers_sha256,
  };
}

/** Runs, newest first; only those of the given practices when `practices` is set (an all-practice run needs every practice). */
export async function listRuns(w: Warehouse, options: { limit?: number; practices?: readonly string[] } = {}): Promise<RunRecord[]> {
  // A scoped reader sees the runs whose practices are all theirs (a run of every practice is an admin's);
  // filtered before the limit, so that the newest of their own runs fill it.
  const scoped = options.practices !== undefined;
  const rows = await w.all<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM report_run
     WHERE NOT $2 OR (practices IS NOT NULL AND list_has_all(from_json($3, '["VARCHAR"]'), from_json(practices, '["VARCHAR"]')))
     ORDER BY run_id DESC LIMIT $1`,
    [BigInt(options.limit ?? 100), scoped, JSON.stringify(options.practices ?? [])],
  );
  return rows.map(runOf);
}

export async function findRun(w: Warehouse, runId: bigint): Promise<RunRecord | undefined> {
  const row = await w.one<RunRow>(`SELECT ${RUN_COLUMNS} FROM report_run WHERE run_id = $1`, [runId]);
  return row && runOf(row);
}

export async function runFiles(w: Warehouse, runId: bigint): Promise<RunFile[]> {
  const rows = await w.all<{ format: string; name: string; path: string; bytes: bigint; sha256: string }>('SELECT format, name, path, bytes, sha256 FROM report_run_file WHERE run_id = $1 ORDER BY path', [runId]);
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

export async function runNumbers(w: Warehouse, runId: bigint): Promise<Numbers> {
  const rows = await w.all<{ key: string; section: Section; value: string | null }>('SELECT key, section, value FROM report_run_number WHERE run_id = $1', [runId]);
  return new Map(rows.map((r) => [r.key, { section: r.section, value: r.value }]));
}
