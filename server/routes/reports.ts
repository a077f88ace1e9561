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
import type { Context } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { RollForwardError } from '../../reports/monthly/roll-forward.ts';
import { REPORT_FORMATS, ReportRequestError, runMonthlyPackage } from '../../reports/monthly/run.ts';
import { findRun, listRuns, runFiles, type RunFile, type RunRecord } from '../../warehouse/queries/report-runs.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { httpError } from '../http-error.ts';
import { practicesFor } from '../query.ts';
import { Npi, queryInt } from '../../kernel/api/common.ts';
import { MonthlyPackageRequest, REPORT_FILE_NAME, ReportRun, ReportRuns, type ReportFile, type ReportRun as ReportRunType } from '../../kernel/api/reports.ts';
import { CSRF_TOKEN, documentBodies, guarded, json, jsonBody, refusal, refusals, routeGroup } from '../contract.ts';

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
export type ReportFileAnswer = ReportFile;
export type ReportRunAnswer = ReportRunType;

/** What a download is sent as. */
export const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const RUN_ID = /^[1-9]\d{0,15}$/;
/** The most runs listed. */
const MAX_RUNS = 500;

const runsQuery = z.object({
  practice: Npi.optional().describe('only this practice (billing NPI); one the user may not see answers 404'),
  limit: queryInt(1, MAX_RUNS, 'the most runs answered', 50).optional(),
}).strict();

const RunId = z.string().regex(RUN_ID, { error: (issue) => `a run is named by its number (GET /api/reports/runs lists them), not "${String(issue.input)}"` })
  .meta({ type: 'integer', minimum: 1, description: 'a report run (GET /api/reports/runs lists them)', example: '1' });
const FileName = z.string().regex(REPORT_FILE_NAME, { error: (issue) => `"${String(issue.input)}" is not the name of a report file` })
  .meta({ description: 'the file name, as the run lists it', example: 'monthly-close-2025-02-1234567893.xlsx' });

const runMonthly = guarded('reports', createRoute({
  method: 'post', path: '/reports/monthly', operationId: 'runMonthlyPackage', summary: 'Make the monthly close package', tags: ['reports'],
  description: "Computes the month's close package as `rcm report monthly` does (summary, A/R aging and roll-forward, collections, denials, adjustments, payer lags, post-close activity apart) over the files loaded by the close date, writes it in the server's reports folder and records the run (audited). A user's package covers their practices, or the one asked among them (another answers 404); an admin's every practice or the one asked. Packages run one at a time, while reads go on.",
  request: { body: jsonBody(MonthlyPackageRequest) },
  parameters: [CSRF_TOKEN],
  responses: {
    201: json('The run, with its files and where to download them.', ReportRun),
    400: refusal('The body is malformed, or the package cannot be made as asked (a month, close date or format it refuses, a practice the warehouse does not hold, nothing loaded by the close date): the message says which.'),
    404: refusals.NotFound,
    409: refusal('The A/R roll-forward of the month does not tie to the cent (does_not_tie): nothing was written; the message gives the difference. Or the models are older than the loaded data (models_stale, after a load with build=false): POST /api/build first.'),
  },
}));

const listReportRuns = guarded('reports', createRoute({
  method: 'get', path: '/reports/runs', operationId: 'listReportRuns', summary: 'Report runs', tags: ['reports'],
  description: 'The runs of the report packages (made here or by `rcm report monthly`), newest first, with their files. A user sees the runs that cover only practices of theirs; an admin every run.',
  request: { query: runsQuery },
  responses: { 200: json('The runs.', ReportRuns), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const getReportRun = guarded('reports', createRoute({
  method: 'get', path: '/reports/runs/{id}', operationId: 'getReportRun', summary: 'One report run', tags: ['reports'],
  description: 'Who made it and when, the month, close date, whether it was provisional, its files with their SHA-256 and download addresses.',
  request: { params: z.object({ id: RunId }) },
  responses: { 200: json('The run.', ReportRun), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const getReportFile = guarded('reports', createRoute({
  method: 'get', path: '/reports/runs/{id}/files/{file}', operationId: 'getReportFile', summary: 'Download a file of a run', tags: ['reports'],
  description: "One file of the run, by its name in the run (audited). Only files the run wrote in this server's reports folder, and only as they were written (their SHA-256 is checked).",
  request: { params: z.object({ id: RunId, file: FileName }) },
  responses: {
    200: {
      description: 'The file, as an attachment.',
      headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' as const } } },
      content: Object.fromEntries(REPORT_FORMATS.map((f) => [CONTENT_TYPES[f].split(';')[0], { schema: { type: 'string' as const, format: 'binary' } }])),
    },
    400: refusals.BadRequest, 404: refusals.NotFound,
    410: refusal('The file was removed or changed since the run wrote it (gone): build the package again.'),
  },
}));

/** Whether a reader of these practices (undefined: every one) may see the run: it covers none but theirs. */
function mayRead(practices: readonly string[] | undefined, run: RunRecord): boolean {
  return practices === undefined || (run.practices !== null && run.practices.every((p) => practices.includes(p)));
}

const fileUrl = (runId: bigint, name: string) => `/api/reports/runs/${runId}/files/${encodeURIComponent(name)}`;

export function runAnswer(run: RunRecord, files: readonly RunFile[]): ReportRunAnswer {
  const p = run.parameters;
  return {
    run_id: Number(run.runId), report: run.report as ReportRunAnswer['report'], month: run.month, practices: run.practices, as_of: run.asOf, close_date: run.closeDate, close_rule: run.closeRule,
    provisional: typeof p.provisional === 'boolean' ? p.provisional : null,
    files_counted: typeof p.files_counted === 'number' ? p.files_counted : null,
    late_files: typeof p.late_files === 'number' ? p.late_files : null,
    formats: run.formats, username: run.username, started_at: run.startedAt, finished_at: run.finishedAt, status: run.status, error: run.error,
    numbers_sha256: run.numbersSha256,
    files: files.map((f) => ({ name: basename(f.path), format: f.format as ReportFileAnswer['format'], table: f.name, bytes: f.bytes, sha256: f.sha256, url: fileUrl(run.runId, basename(f.path)) })),
  };
}

async function requestJson(c: Context): Promise<unknown> {
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

export function reportRoutes(warehouse: Warehouse, serialized: Queue, reporting: Reporting, auditor = new Auditor(warehouse, serialized)): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  documentBodies(app, MonthlyPackageRequest);

  /** The run the id names, with its files, if the reader may see it; else 404 (as an unknown run). */
  const visibleRun = async (c: Context<AppEnv>, id: string): Promise<{ run: RunRecord; files: RunFile[] }> => {
    const found = await serialized(async () => {
      const run = await findRun(warehouse, BigInt(id));
      return run && mayRead(c.get('practices'), run) ? { run, files: await runFiles(warehouse, run.runId) } : undefined;
    });
    if (!found) throw httpError(404, 'not_found', `no report run ${id}`);
    return found;
  };

  app.openapi(runMonthly, async (c) => {
    const parsed = MonthlyPackageRequest.safeParse(await requestJson(c));
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

  app.openapi(listReportRuns, async (c) => {
    const q = c.req.valid('query');
    const practices = practicesFor(c.get('practices'), q.practice);
    const runs = await serialized(async () => {
      const visible = await listRuns(warehouse, { limit: q.limit ?? 50, practices });
      const answers: ReportRunAnswer[] = [];
      for (const run of visible) answers.push(runAnswer(run, await runFiles(warehouse, run.runId))); // one query at a time on the connection
      return answers;
    });
    return c.json({ runs }, 200);
  });

  app.openapi(getReportRun, async (c) => {
    const { run, files } = await visibleRun(c, c.req.valid('param').id);
    return c.json(runAnswer(run, files), 200);
  });

  app.openapi(getReportFile, async (c) => {
    const { id, file: name } = c.req.valid('param');
    const { run, files } = await visibleRun(c, id);
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
