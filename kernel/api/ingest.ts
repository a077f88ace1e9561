// What was loaded (GET /api/ingest/batches, files, errors, remittance-problems: tables) and loading through the
// server (POST /api/ingest, the upload sets, POST /api/build).
import { z } from 'zod';
import { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS, REMITTANCE_PROBLEM_COLUMNS, tableAnswer } from './tables.ts';

export const IngestBatches = tableAnswer(INGEST_BATCH_COLUMNS, 'IngestBatch', {}, ['batch_id', 'started_at', 'files', 'claims', 'warnings']).meta({ id: 'IngestBatches' });
export type IngestBatches = z.infer<typeof IngestBatches>;
export const IngestFiles = tableAnswer(INGEST_FILE_COLUMNS, 'IngestFile', {}, ['file_id', 'batch_id', 'file_name', 'content_type', 'size_bytes', 'encoding', 'transactions', 'claims', 'warnings', 'loaded_at']).meta({ id: 'IngestFiles' });
export type IngestFiles = z.infer<typeof IngestFiles>;
export const IngestErrors = tableAnswer(INGEST_ERROR_COLUMNS, 'IngestError', {}, ['error_id', 'file_name', 'error_code', 'message', 'recorded_at']).meta({ id: 'IngestErrors' });
export type IngestErrors = z.infer<typeof IngestErrors>;
export const RemittanceProblems = tableAnswer(REMITTANCE_PROBLEM_COLUMNS, 'RemittanceProblem', {
  counts: z.record(z.string(), z.number().int()).describe('how many of each problem there are in all (rows may stop at the limit)'),
}, ['problem', 'file_id', 'segment_position', 'counted', 'message', 'hint']).meta({ id: 'RemittanceProblems' });
export type RemittanceProblems = z.infer<typeof RemittanceProblems>;

/**
 * The file's name as the sender knows it (a path is fine: it names the file in outcomes and messages, never a
 * place on this server), at most 255 characters, as a file system takes a name.
 */
export const UPLOAD_NAME = /^[A-Za-z0-9._ ()/@+-]{1,255}$/;
export const UploadName = z.string().regex(UPLOAD_NAME, 'a file name of 1-255 letters, digits, spaces and . _ ( ) / @ + -')
  .meta({ description: 'the file name, as the ingest history shows it (a name only: the server stores the file under a name of its own)', example: 'remit.835' });
export const BuildFlag = z.enum(['true', 'false']).meta({ description: 'rebuild the models after loading (when a file loaded)', default: 'true' });

export const UploadId = z.string().meta({ id: 'UploadId', description: 'an upload set (POST /api/uploads)', example: '0123456789abcdef0123456789abcdef' });

export const FileOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('loaded'), file: z.string(), fileId: z.number().int(), hash: z.string().describe('SHA-256 of the content'), bytes: z.number().int(), contentType: z.string(),
    transactions: z.number().int(), claims: z.number().int(), warnings: z.number().int(), paid: z.number().describe('cents'), paymentAmount: z.number().describe('cents'),
    rows: z.number().int().describe('CSV: rows loaded'), rowErrors: z.number().int().describe('CSV: rows refused'), rowsAlreadyLoaded: z.number().int().describe('CSV: rows an earlier file had loaded'),
  }),
  z.object({ status: z.literal('duplicate'), file: z.string(), hash: z.string(), bytes: z.number().int(), loadedAs: z.string().describe('the file loaded before') }),
  z.object({
    status: z.literal('rejected'), file: z.string(), hash: z.string().nullable(), bytes: z.number().int(), code: z.string(), message: z.string(), hint: z.string(),
    segment: z.number().int().nullable().describe('segment number'),
  }),
]).meta({ id: 'FileOutcome', description: 'What became of the file: loaded, a duplicate of a file loaded before (same content), or rejected with the reason.' });
export type FileOutcome = z.infer<typeof FileOutcome>;

const loadAnswer = {
  batch_id: z.number().int().describe('the batch of this load'),
  built: z.boolean().describe('whether the models were rebuilt (only when a file loaded)'),
  failed_checks: z.array(z.string()).describe('model checks that failed after the rebuild'),
};

export const Ingested = z.object({ ...loadAnswer, outcome: FileOutcome }).meta({ id: 'Ingested' });
export type Ingested = z.infer<typeof Ingested>;
export const IngestedSet = z.object({ ...loadAnswer, outcomes: z.array(FileOutcome).describe('in the order sent') }).meta({ id: 'IngestedSet' });
export type IngestedSet = z.infer<typeof IngestedSet>;
export const UploadSet = z.object({ upload: UploadId, expires_in_hours: z.number().describe('unused upload sets are dropped after this') }).meta({ id: 'UploadSet' });
export const Uploaded = z.object({ files: z.number().int().describe('files in the set so far') }).meta({ id: 'Uploaded' });
export const Built = z.object({ models: z.number().int().describe('models built'), failed_checks: z.array(z.string()).describe('model checks that failed') }).meta({ id: 'Built' });
