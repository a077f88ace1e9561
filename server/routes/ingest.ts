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
import { Hono } from 'hono';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { buildModels } from '../../warehouse/build.ts';
import { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS, listBatches, listErrors, listFiles } from '../../warehouse/queries/ingest-history.ts';
import { ingestFiles, type IngestRun } from '../../ingest/loader/ingest-run.ts';
import { listRemittanceProblems, REMITTANCE_PROBLEM_COLUMNS } from '../../warehouse/queries/remittance-problems.ts';
import type { BuildResult } from '../../warehouse/build.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { requireView } from '../auth/require-view.ts';
import { httpError } from '../http-error.ts';
import { parse } from '../query.ts';
import { formatOf, respondTable } from '../table-response.ts';
import type { Inbox } from '../uploads.ts';

const batchQuery = z.object({ batch: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(10_000).optional(), format: z.enum(['json', 'csv']).optional() }).strict();
/**
 * The file's name as the sender knows it (a path is fine: it names the file in outcomes and messages, never a
 * place on this server), at most 255 characters, as a file system takes a name.
 */
export const UPLOAD_NAME = /^[A-Za-z0-9._ ()/@+-]{1,255}$/;
const uploadQuery = z.object({ name: z.string().regex(UPLOAD_NAME, 'a file name of 1-255 letters, digits, spaces and . _ ( ) / @ + -'), build: z.enum(['true', 'false']).optional() }).strict();

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

export function ingestRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, loading: Loading | undefined, auditor = new Auditor(warehouse, serialized)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/ingest/batches', requireView('ingest'), async (c) => {
    const q = parse(batchQuery, c.req.query());
    const rows = await serialized(() => listBatches(warehouse, { practices: c.get('practices'), limit: q.limit }));
    return respondTable(c, formatOf(c), INGEST_BATCH_COLUMNS, rows, { total: rows.length, filename: 'ingest-batches', audit: { auditor, patientLevel: false } });
  });

  app.get('/ingest/files', requireView('ingest'), async (c) => {
    const q = parse(batchQuery, c.req.query());
    const rows = await serialized(() => listFiles(warehouse, { practices: c.get('practices'), batchId: batchOf(q), limit: q.limit }));
    return respondTable(c, formatOf(c), INGEST_FILE_COLUMNS, rows, { total: rows.length, filename: 'ingest-files', audit: { auditor, patientLevel: false } });
  });

  // the loaded remittances a person must look at (duplicates not counted, conflicting payments, reversals
  // without their original), by the file they came in: they name claims, so reading them is audited
  app.get('/ingest/remittance-problems', requireView('ingest'), async (c) => {
    const query = c.req.query();
    const q = parse(batchQuery, query);
    const format = formatOf(c);
    const found = await serialized(() =>
      listRemittanceProblems(warehouse, { batchId: batchOf(q), limit: q.limit ?? 1000, practices: c.get('practices') }),
    );
    const rows = found?.rows ?? [];
    const total = Object.values(found?.counts ?? {}).reduce((sum, n) => sum + n, 0);
    return respondTable(c, format, REMITTANCE_PROBLEM_COLUMNS, rows, { total, filename: 'remittance-problems', extra: { counts: found?.counts ?? {} }, audit: { auditor, patientLevel: true } });
  });

  app.get('/ingest/errors', requireView('ingest'), async (c) => {
    const q = parse(batchQuery, c.req.query());
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

  app.post('/ingest', requireView('ingest_write'), async (c) => {
    const { inbox } = needLoading();
    const q = parse(uploadQuery, c.req.query());
    const path = await inbox.single(c.req.raw.body, c.req.header('content-length'));
    try {
      const { outcomes, ...rest } = await load([{ path, name: q.name }], q.build !== 'false');
      return c.json({ ...rest, outcome: outcomes[0] });
    } finally {
      inbox.discard(path);
    }
  });

  // upload sets: many files, one batch (server/uploads.ts)
  app.post('/uploads', requireView('ingest_write'), (c) => {
    const { id, expiresInMinutes } = needLoading().inbox.open(c.get('user').userId);
    return c.json({ upload: id, expires_in_hours: expiresInMinutes / 60 }, 201);
  });

  app.post('/uploads/:id/files', requireView('ingest_write'), async (c) => {
    const { inbox } = needLoading();
    const q = parse(uploadQuery.omit({ build: true }), c.req.query());
    const files = await inbox.add(c.req.param('id'), c.get('user').userId, q.name, c.req.raw.body, c.req.header('content-length'));
    return c.json({ files });
  });

  app.post('/uploads/:id/ingest', requireView('ingest_write'), async (c) => {
    const { inbox } = needLoading();
    const id = c.req.param('id');
    const q = parse(z.object({ build: z.enum(['true', 'false']).optional() }).strict(), c.req.query());
    // files still arriving are waited for; the set takes no file after this
    const files = await inbox.take(id, c.get('user').userId);
    try {
      return c.json(await load(files, q.build !== 'false'));
    } finally {
      inbox.drop(id);
    }
  });

  app.post('/build', requireView('ingest_write'), async (c) => {
    const loading = needLoading();
    const build = await loading.serialized(() => buildModels(loading.writer));
    loading.changed();
    return c.json({ models: build.models.length, failed_checks: build.checks.filter((k) => k.failures > 0n).map((k) => k.name) });
  });

  return app;
}
