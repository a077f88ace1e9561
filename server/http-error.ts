// The server's one error path: every refusal is an HTTPException with a code, answered as
// { "error": { "code", "message" } }; anything else is a 500 that says nothing of its cause.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function httpError(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}): HTTPException {
  return new HTTPException(status, { res: Response.json({ error: { code, message } }, { status, headers }) });
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return error.getResponse();
  process.stderr.write(`rcm serve: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}\n`);
  return c.json({ error: { code: 'internal', message: 'the server could not answer; see its log' } }, 500);
}
