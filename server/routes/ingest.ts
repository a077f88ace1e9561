// /api/ingest: what was loaded (batches, files, row errors and rejected files) and, for an admin, loading
// through the server. A file belongs to the practices of its claims (mart_file_practice): a reader sees
// those of their practices; rejected files and files without claims only an admin sees. Row errors keep
// the raw row (patient-level): each shows to the practice its row names, and reading them is audited.
//
// Loading while serving: DuckDB lets one process open the file, and the server is that process, so files
// are sent to it: one file (POST /api/ingest), or many as an upload set (POST /api/uploads, then each file
// to /api/uploads/:id/files, then /api/uploads/:id/ingest loads them as one batch: what `rcm ingest
// --server URL` does). It loads them on a second connection, one load at a time, while reads go on on the
// first: each read sees the data as it was before the load or after its commit, never half of it. After a
// load (or POST /api/build) the models are rebuilt and swapped in at once, and cached answers are dropped.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { buildModels } from '../../warehouse/build.ts';
import { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS, listBatches, listErrors, listFiles } from '../../warehouse/queries/ingest-history.ts';
import { ingestFiles, type IngestRun } from '../../ingest/loader/ingest-run.ts';
import { listRemittanceProblems, REMITTANCE_PROBLEM_COLUMNS } from '../../warehouse/queries/remittance-problems.ts';
import type { BuildResult } from '../../warehouse/build.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { httpError } from '../http-error.ts';
import { formatOf, respondTable } from '../table-response.ts';
import type { Inbox } from '../uploads.ts';
import { queryInt } from '../../kernel/api/common.ts';
import { BuildFlag, Built, Ingested, IngestedSet, IngestBatches, IngestErrors, IngestFiles, RemittanceProblems, Uploaded, UploadId, UploadName, UploadSet } from '../../kernel/api/ingest.ts';
import { CSRF_TOKEN, guarded, json, refusal, refusals, routeGroup, tableAnswer } from '../contract.ts';

const Format = z.enum(['json', 'csv']).optional().describe('csv for a CSV download; Arrow is asked for by the Accept header');
const Batch = queryInt(1, Number.MAX_SAFE_INTEGER, 'only this ingest batch').optional();
const limit = (most: number) => queryInt(1, 10_000, 'the most rows answered, newest first', most).optional();
const batchQuery = (most: number) => z.object({ batch: Batch, limit: limit(most), format: Format }).strict();
const uploadQuery = z.object({ name: UploadName, build: BuildFlag.optional() }).strict();
const uploadSet = z.object({ id: UploadId });
const FILE_BODY = { required: true, description: "the file's bytes", content: { 'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } } } };

const listIngestBatches = guarded('ingest', createRoute({
  method: 'get', path: '/ingest/batches', operationId: 'listIngestBatches', summary: 'Ingest batches', tags: ['ingest'],
  description: 'The ingest runs, newest first, with their files, claims and warnings. A reader sees the batches with files of their practices (`files`, `claims`, `warnings` count those files); the batch’s own counts `files_rejected`, `files_loaded`, `files_skipped` only an admin sees (null otherwise).',
  request: { query: batchQuery(100) },
  responses: { 200: tableAnswer('The batches.', IngestBatches), 400: refusals.BadRequest },
}));

const listIngestFiles = guarded('ingest', createRoute({
  method: 'get', path: '/ingest/files', operationId: 'listIngestFiles', summary: 'Ingested files', tags: ['ingest'],
  description: 'The files loaded, newest first, of every batch or of one. A reader sees the files of their practices; files without claims only an admin sees.',
  request: { query: batchQuery(1000) },
  responses: { 200: tableAnswer('The files.', IngestFiles), 400: refusals.BadRequest },
}));

const listRemittanceProblemsRoute = guarded('ingest', createRoute({
  method: 'get', path: '/ingest/remittance-problems', operationId: 'listRemittanceProblems', summary: 'Remittances to look at', tags: ['ingest'],
  description: 'Loaded 835 payments and claim records a person must look at, newest files first: `duplicate_remittance` (the same remittance delivered again: not counted, the first file named), `payment_conflict` (an earlier payment of the same payer and trace number with other content: both counted), `orphan_reversal` (a reversal whose original was never loaded: its cash counts, not its balance). From the last model build. A reader sees the rows of their practices (a claim record: the practice of its claim; a payment: the one practice of all its claims, else admins only); they name claims, so every read is audited.',
  request: { query: batchQuery(1000) },
  responses: { 200: tableAnswer('The remittances to look at.', RemittanceProblems), 400: refusals.BadRequest },
}));

const listIngestErrors = guarded('ingest', createRoute({
  method: 'get', path: '/ingest/errors', operationId: 'listIngestErrors', summary: 'Ingest errors', tags: ['ingest'],
  description: 'Rejected files and refused rows, newest first, with the segment or line, a hint and the raw row (patient-level: every read is audited). Rejected files only an admin sees.',
  request: { query: batchQuery(1000) },
  responses: { 200: tableAnswer('The errors.', IngestErrors), 400: refusals.BadRequest },
}));

const ingestFile = guarded('ingest_write', createRoute({
  method: 'post', path: '/ingest', operationId: 'ingestFile', summary: 'Load one file', tags: ['ingest'],
  description: 'Loads one file (X12 835, 837P, 837I, 999, 277CA, or a CSV export) sent as the raw request body, in a batch of its own, while reads go on; a file loaded before (same content) is a duplicate, a bad one is rejected (both still 200). Then rebuilds the models unless `build=false` (and only when the file loaded). Many files as one batch: /api/uploads.',
  request: { query: uploadQuery, body: FILE_BODY },
  parameters: [CSRF_TOKEN],
  responses: { 200: json("The file's outcome.", Ingested), 400: refusals.BadRequest, 413: refusals.TooLarge, 503: refusals.Unavailable },
}));

const createUploadSet = guarded('ingest_write', createRoute({
  method: 'post', path: '/uploads', operationId: 'createUploadSet', summary: 'Start an upload set', tags: ['ingest'],
  description: 'Many files loaded as one batch: start a set, send each file to /api/uploads/{id}/files, then load them all with /api/uploads/{id}/ingest (what `rcm ingest --server URL` does). A set belongs to the user who started it.',
  parameters: [CSRF_TOKEN],
  responses: { 201: json('The set.', UploadSet), 503: refusals.Unavailable },
}));

const addToUploadSet = guarded('ingest_write', createRoute({
  method: 'post', path: '/uploads/{id}/files', operationId: 'addToUploadSet', summary: 'Add a file to an upload set', tags: ['ingest'],
  description: "Keeps one file (the raw request body) in the set, in the order sent; files may share a name. Acknowledged only once the whole file is kept: such a file is always loaded by the set's ingest.",
  request: { params: uploadSet, query: z.object({ name: UploadName }).strict(), body: FILE_BODY },
  parameters: [CSRF_TOKEN],
  responses: {
    200: json('The file is kept.', Uploaded), 400: refusals.BadRequest, 404: refusals.NotFound,
    409: refusal("The set's ingest has started (upload_closed): send the file in a new set."), 413: refusals.TooLarge, 503: refusals.Unavailable,
  },
}));

const ingestUploadSet = guarded('ingest_write', createRoute({
  method: 'post', path: '/uploads/{id}/ingest', operationId: 'ingestUploadSet', summary: 'Load an upload set', tags: ['ingest'],
  description: 'Closes the set (a file sent after this is refused), waits for its files still arriving, loads them as one batch, then rebuilds the models once unless `build=false`; the set and its files are gone afterwards. A set not loaded in time (rcm serve --upload-set-minutes) is dropped.',
  request: { params: uploadSet, query: z.object({ build: BuildFlag.optional() }).strict() },
  parameters: [CSRF_TOKEN],
  responses: { 200: json("Each file's outcome.", IngestedSet), 400: refusals.BadRequest, 404: refusals.NotFound, 409: refusal('The set is being loaded already (upload_closed).'), 503: refusals.Unavailable },
}));

const buildModelsRoute = guarded('ingest_write', createRoute({
  method: 'post', path: '/build', operationId: 'buildModels', summary: 'Rebuild the models', tags: ['ingest'],
  description: 'Rebuilds the SQL models (staging → intermediate → marts), runs their checks and swaps them in at once, as `rcm build` does.',
  parameters: [CSRF_TOKEN],
  responses: { 200: json('The models built.', Built), 503: refusals.Unavailable },
}));

const batchOf = (q: { batch?: number }) => (q.batch === undefined ? undefined : BigInt(q.batch));

export interface Loading {
  /** The connection loads run on (never the one reads run on). */
  writer: Warehouse;
  /** Runs loads one at a time. */
  serialized: <T>(work: () => Promise<T>) => Promise<T>;
  /** Called after the data changed (cached answers are dropped). */
  changed: () => void;
  /** Where uploads wait while they load. */
  inbox: Inbox;
}

export function ingestRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, loading: Loading | undefined, auditor = new Auditor(warehouse, serialized)): OpenAPIHono<AppEnv> {
  const app = routeGroup();

  app.openapi(listIngestBatches, async (c) => {
    const q = c.req.valid('query');
    const rows = await serialized(() => listBatches(warehouse, { practices: c.get('practices'), limit: q.limit }));
    return respondTable(c, formatOf(c), INGEST_BATCH_COLUMNS, rows, { total: rows.length, filename: 'ingest-batches', audit: { auditor, patientLevel: false } });
  });

  app.openapi(listIngestFiles, async (c) => {
    const q = c.req.valid('query');
    const rows = await serialized(() => listFiles(warehouse, { practices: c.get('practices'), batchId: batchOf(q), limit: q.limit }));
    return respondTable(c, formatOf(c), INGEST_FILE_COLUMNS, rows, { total: rows.length, filename: 'ingest-files', audit: { auditor, patientLevel: false } });
  });

  // the loaded remittances a person must look at (duplicates not counted, conflicting payments, reversals
  // without their original), by the file they came in: they name claims, so reading them is audited
  app.openapi(listRemittanceProblemsRoute, async (c) => {
    const q = c.req.valid('query');
    const format = formatOf(c);
    const found = await serialized(() =>
      listRemittanceProblems(warehouse, { batchId: batchOf(q), limit: q.limit ?? 1000, practices: c.get('practices') }),
    );
    const rows = found?.rows ?? [];
    const total = Object.values(found?.counts ?? {}).reduce((sum, n) => sum + n, 0);
    return respondTable(c, format, REMITTANCE_PROBLEM_COLUMNS, rows, { total, filename: 'remittance-problems', extra: { counts: found?.counts ?? {} }, audit: { auditor, patientLevel: true } });
  });

  app.openapi(listIngestErrors, async (c) => {
    const q = c.req.valid('query');
    const rows = await serialized(() => listErrors(warehouse, { practices: c.get('practices'), batchId: batchOf(q), limit: q.limit }));
    return respondTable(c, formatOf(c), INGEST_ERROR_COLUMNS, rows, { total: rows.length, filename: 'ingest-errors', audit: { auditor, patientLevel: true } });
  });

  /** Loads files as one batch on the writer, rebuilds unless told not to, and drops cached answers. */
  const load = async (files: { path: string; name: string }[], build: boolean) => {
    const result = await loading!.serialized(async (): Promise<{ run: IngestRun; build?: BuildResult }> => {
      const run = await ingestFiles(loading!.writer, files.map((f) => f.path), undefined, undefined, files.map((f) => f.name));
      return { run, build: build && run.outcomes.some((o) => o.status === 'loaded') ? await buildModels(loading!.writer) : undefined };
    });
    loading!.changed();
    return {
      batch_id: Number(result.run.batchId),
      outcomes: result.run.outcomes.map((o) => ({ ...o, ...('fileId' in o ? { fileId: Number(o.fileId) } : {}) })),
      built: result.build !== undefined,
      failed_checks: result.build?.checks.filter((k) => k.failures > 0n).map((k) => k.name) ?? [],
    };
  };
  const needLoading = () => {
    if (!loading) throw httpError(503, 'unavailable', 'this server does not load files');
    return loading;
  };

  app.openapi(ingestFile, async (c) => {
    const { inbox } = needLoading();
    const q = c.req.valid('query');
    const path = await inbox.single(c.req.raw.body, c.req.header('content-length'));
    try {
      const { outcomes, ...rest } = await load([{ path, name: q.name }], q.build !== 'false');
      return c.json({ ...rest, outcome: outcomes[0] }, 200);
    } finally {
      inbox.discard(path);
    }
  });

  // upload sets: many files, one batch (server/uploads.ts)
  app.openapi(createUploadSet, (c) => {
    const { id, expiresInMinutes } = needLoading().inbox.open(c.get('user').userId);
    return c.json({ upload: id, expires_in_hours: expiresInMinutes / 60 }, 201);
  });

  app.openapi(addToUploadSet, async (c) => {
    const { inbox } = needLoading();
    const q = c.req.valid('query');
    const files = await inbox.add(c.req.valid('param').id, c.get('user').userId, q.name, c.req.raw.body, c.req.header('content-length'));
    return c.json({ files }, 200);
  });

  app.openapi(ingestUploadSet, async (c) => {
    const { inbox } = needLoading();
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    // files still arriving are waited for; the set takes no file after this
    const files = await inbox.take(id, c.get('user').userId);
    try {
      return c.json(await load(files, q.build !== 'false'), 200);
    } finally {
      inbox.drop(id);
    }
  });

  app.openapi(buildModelsRoute, async (c) => {
    const loading = needLoading();
    const build = await loading.serialized(() => buildModels(loading.writer));
    loading.changed();
    return c.json({ models: build.models.length, failed_checks: build.checks.filter((k) => k.failures > 0n).map((k) => k.name) }, 200);
  });

  return app;
}
