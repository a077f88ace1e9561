// /api/reports: the monthly close package made by the server (the same run as `rcm report monthly`), the
// runs a user may see and their files. A user's package covers their practices (or the one asked among
// them); an admin's every practice or the one asked. A run is seen only by users who may see every
// practice it covers; another practice's run answers 404, as an unknown one. Every package made and every
// file downloaded is in the audit trail.
//
// A package takes seconds and works on a connection of its own (runMonthlyPackage opens it), so reads go
// on meanwhile; packages run one at a time, in the loads' queue when the server loads files, so that a
// package never reads the models while a rebuild swaps them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve, isAbsolute } from 'node:path';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { RollForwardError } from '../../reports/monthly/roll-forward.ts';
import { REPORT_FORMATS, ReportRequestError, runMonthlyPackage } from '../../reports/monthly/run.ts';
import { findRun, listRuns, runFiles, type RunFile, type RunRecord } from '../../warehouse/queries/report-runs.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { requireView } from '../auth/require-view.ts';
import { httpError } from '../http-error.ts';
import { date, parse, practicesFor } from '../query.ts';

type Queue = <T>(work: () => Promise<T>) => Promise<T>;

export interface Reporting {
  /** The connection a package opens its own from (the server's writer when it loads files). */
  warehouse: Warehouse;
  /** Runs packages one at a time (the loads' queue when the server loads files). */
  serialized: Queue;
  /** Where each run writes its folder; files are downloaded only from inside it. */
  dir: string;
  /** Refuses (409) when the models are older than the data: a package never closes a month from them. */
  fresh?: () => Promise<void>;
}

/** A file of a run as answered: its name (unique in the run) and where to download it. */
export interface ReportFileAnswer {
  name: string;
  format: string;
  /** The table it holds ('package': the workbook or PDF of every table). */
  table: string;
  bytes: number;
  sha256: string;
  url: string;
}

export interface ReportRunAnswer {
  run_id: number;
  report: string;
  month: string;
  practices: string[] | null;
  as_of: string;
  close_date: string;
  close_rule: string;
  provisional: boolean | null;
  files_counted: number | null;
  late_files: number | null;
  formats: string[];
  username: string;
  started_at: string;
  finished_at: string | null;
  status: 'complete' | 'failed';
  error: string | null;
  numbers_sha256: string | null;
  files: ReportFileAnswer[];
}

/** What a download is sent as. */
export const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NPI = /^\d{10}$/;
/** A file's name as the package writes them: letters, digits, '.', '_', '+' and '-', never a path. */
export const REPORT_FILE_NAME = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}$/;
const RUN_ID = /^[1-9]\d{0,15}$/;
/** The most runs listed. */
const MAX_RUNS = 500;

const monthlyBody = z.object({
  month: z.string().regex(MONTH, 'a month like 2025-06'),
  practice: z.string().regex(NPI, 'a billing NPI (10 digits)').optional(),
  formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(REPORT_FORMATS.length).optional(),
  closeDate: date.optional(),
}).strict();

const runsQuery = z.object({
  practice: z.string().regex(NPI).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_RUNS).optional(),
}).strict();

/** Whether a reader of these practices (undefined: every one) may see the run: it covers none but theirs. */
function mayRead(practices: readonly string[] | undefined, run: RunRecord): boolean {
  return practices === undefined || (run.practices !== null && run.practices.every((p) => practices.includes(p)));
}

const fileUrl = (runId: bigint, name: string) => `/api/reports/runs/${runId}/files/${encodeURIComponent(name)}`;

export function runAnswer(run: RunRecord, files: readonly RunFile[]): ReportRunAnswer {
  const p = run.parameters;
  return {
    run_id: Number(run.runId), report: run.report, month: run.month, practices: run.practices, as_of: run.asOf, close_date: run.closeDate, close_rule: run.closeRule,
    provisional: typeof p.provisional === 'boolean' ? p.provisional : null,
    files_counted: typeof p.files_counted === 'number' ? p.files_counted : null,
    late_files: typeof p.late_files === 'number' ? p.late_files : null,
    formats: run.formats, username: run.username, started_at: run.startedAt, finished_at: run.finishedAt, status: run.status, error: run.error,
    numbers_sha256: run.numbersSha256,
    files: files.map((f) => ({ name: basename(f.path), format: f.format, table: f.name, bytes: f.bytes, sha256: f.sha256, url: fileUrl(run.runId, basename(f.path)) })),
  };
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw httpError(400, 'bad_request', 'send the request as JSON, e.g. {"month": "2025-06", "formats": ["xlsx", "csv"]}');
  }
}

function inside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function reportRoutes(warehouse: Warehouse, serialized: Queue, reporting: Reporting, auditor = new Auditor(warehouse, serialized)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The run the id names, with its files, if the reader may see it; else 404 (as an unknown run). */
  const visibleRun = async (c: Context<AppEnv>): Promise<{ run: RunRecord; files: RunFile[] }> => {
    const id = c.req.param('id') ?? '';
    if (!RUN_ID.test(id)) throw httpError(400, 'bad_request', `a run is named by its number (GET /api/reports/runs lists them), not "${id}"`);
    const found = await serialized(async () => {
      const run = await findRun(warehouse, BigInt(id));
      return run && mayRead(c.get('practices'), run) ? { run, files: await runFiles(warehouse, run.runId) } : undefined;
    });
    if (!found) throw httpError(404, 'not_found', `no report run ${id}`);
    return found;
  };

  app.post('/reports/monthly', requireView('reports'), async (c) => {
    const parsed = monthlyBody.safeParse(await jsonBody(c));
    if (!parsed.success) throw httpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const body = parsed.data;
    const user = c.get('user');
    // a non-admin's package covers their practices (or the one asked of them); a practice not theirs answers 404
    const practices = practicesFor(c.get('practices'), body.practice);
    await reporting.fresh?.();
    const asked: Record<string, string> = { month: body.month, practice: body.practice ?? '', formats: (body.formats ?? []).join(','), close_date: body.closeDate ?? '' };
    let runId: bigint;
    try {
      const run = await reporting.serialized(() => runMonthlyPackage(reporting.warehouse, {
        month: body.month, practices, formats: body.formats, closeDate: body.closeDate, outDir: reporting.dir, user: { username: user.username, userId: user.userId },
      }));
      runId = run.runId;
    } catch (error) {
      // the caller's mistake (400), or data whose roll-forward does not tie, when nothing is written (409)
      if (!(error instanceof ReportRequestError) && !(error instanceof RollForwardError)) throw error;
      await auditor.record(user, '/api/reports/monthly', { ...asked, refused: error.message }, 0);
      throw error instanceof ReportRequestError ? httpError(400, 'bad_request', error.message) : httpError(409, 'does_not_tie', error.message);
    }
    const answer = await serialized(async () => runAnswer((await findRun(warehouse, runId))!, await runFiles(warehouse, runId)));
    await auditor.record(user, '/api/reports/monthly', { ...asked, run_id: String(runId) }, answer.files.length);
    return c.json(answer, 201);
  });

  app.get('/reports/runs', requireView('reports'), async (c) => {
    const q = parse(runsQuery, c.req.query());
    const practices = practicesFor(c.get('practices'), q.practice);
    const runs = await serialized(async () => {
      const visible = await listRuns(warehouse, { limit: q.limit ?? 50, practices });
      const answers: ReportRunAnswer[] = [];
      for (const run of visible) answers.push(runAnswer(run, await runFiles(warehouse, run.runId))); // one query at a time on the connection
      return answers;
    });
    return c.json({ runs });
  });

  app.get('/reports/runs/:id', requireView('reports'), async (c) => {
    const { run, files } = await visibleRun(c);
    return c.json(runAnswer(run, files));
  });

  app.get('/reports/runs/:id/files/:file', requireView('reports'), async (c) => {
    const name = c.req.param('file');
    if (!REPORT_FILE_NAME.test(name)) throw httpError(400, 'bad_request', `"${name}" is not the name of a report file`);
    const { run, files } = await visibleRun(c);
    // the name is looked up among the run's recorded files: nothing the client sends becomes a path
    const file = files.find((f) => basename(f.path) === name);
    if (!file) throw httpError(404, 'not_found', `run ${run.runId} has no file ${name}`);
    if (!inside(reporting.dir, file.path)) throw httpError(404, 'not_found', `run ${run.runId} was written outside this server's reports folder (rcm report monthly --out): its files are there, not here`);
    const bytes = await readFile(file.path).catch(() => undefined);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      throw httpError(410, 'gone', `${name} of run ${run.runId} is no longer as it was written (removed or changed): build the package again`);
    }
    await auditor.record(c.get('user'), '/api/reports/runs/:id/files/:file', { id: String(run.runId), file: name }, 1);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': CONTENT_TYPES[file.format] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    });
  });

  return app;
}
