// What a request may send and what an answer may leave behind. Every body is bounded before anyone has
// signed in: a JSON body (sign-in, report requests, admin calls) to a few kilobytes, held in memory; an
// upload (POST /api/ingest, POST /api/uploads/:id/files) to the upload cap, counted while it streams to disk.
// Every API answer is marked `Cache-Control: private, no-store`: most carry patient-level data or the
// session's CSRF token, and no browser or proxy cache should keep any of them.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { httpError } from './http-error.ts';

/** The routes whose body is a file, bounded by the upload cap instead (server/routes/ingest.ts). */
const UPLOAD_ROUTE = /^\/api\/(ingest|uploads\/[^/]+\/files)$/;

export function isUpload(method: string, path: string): boolean {
  return method === 'POST' && UPLOAD_ROUTE.test(path);
}

/** "2GB", "512MB", "64KB" or a number of bytes, as bytes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KIB|MIB|GIB)?\s*$/i.exec(text);
  if (!m) throw new Error(`"${text}" is not a size: write e.g. 2GB, 500MB or a number of bytes`);
  const unit = (m[2] ?? 'B').toUpperCase().replace('I', '');
  const bytes = Math.floor(Number(m[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit as 'B' | 'KB' | 'MB' | 'GB']);
  if (bytes < 1) throw new Error(`"${text}" is not a size of at least one byte`);
  return bytes;
}

export function describeSize(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) if (bytes >= size && bytes % (size / 1024) === 0) return `${+(bytes / size).toFixed(2)} ${unit}`;
  return `${bytes} bytes`;
}

/** Refuses (413) a body over `maxBytes` on every route but the uploads, before it is read whole. */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw httpError(413, 'too_large', `a request body may hold at most ${describeSize(maxBytes)} here (files go to POST /api/ingest or an upload set)`, { connection: 'close' });
    },
  });
  return (c, next) => (isUpload(c.req.method, c.req.path) ? next() : limit(c, next));
}

/** Marks every answer as one no cache may keep. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'private, no-store');
  };
}
