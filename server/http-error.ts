// The server's one error path: every refusal is an HTTPException with a code, answered as
// { "error": { "code", "message" } }; anything else is a 500 that says nothing of its cause.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A refusal whose answer is made afresh each time it is sent: requests waiting for the same cached
 * computation share its refusal, and a response's body can be sent only once.
 */
class Refusal extends HTTPException {
  constructor(status: ContentfulStatusCode, private readonly body: { error: { code: string; message: string } }, private readonly headers: Record<string, string>) {
    super(status, { message: body.error.message });
  }

  override getResponse(): Response {
    return Response.json(this.body, { status: this.status, headers: this.headers });
  }
}

export function httpError(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}): HTTPException {
  return new Refusal(status, { error: { code, message } }, headers);
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return error.getResponse();
  process.stderr.write(`rcm serve: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}\n`);
  return c.json({ error: { code: 'internal', message: 'the server could not answer; see its log' } }, 500);
}
