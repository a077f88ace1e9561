// The pieces every route declaration shares: the app type that keeps each route's OpenAPI entry beside it
// (@hono/zod-openapi), the one answer to a request its schemas refuse (400, the app's error body), who may
// call a route (its view, as middleware, an x-rcm-view extension and a sentence of its description), and
// the answers most routes give (JSON, a table in three formats, the refusals).
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorAnswer } from '../kernel/api/common.ts';
import { mayOpen, VIEWS, type View } from '../access/roles.ts';
import { ROLES } from '../access/users.ts';
import { requireView } from './auth/require-view.ts';
import type { AppEnv } from './auth/require-user.ts';
import { httpError } from './http-error.ts';
import { ARROW_STREAM } from './table-response.ts';

type Issues = readonly { path: readonly PropertyKey[]; message: string }[];

/**
 * A request its schemas refuse, as a 400 naming each problem: a query parameter by its name ("query" for the
 * whole query: an unknown parameter, a pair that goes together), a path parameter by its schema's message
 * alone (it says what the parameter must be and what was sent).
 */
export function refusedRequest(target: string, issues: Issues): Error {
  const message = target === 'param'
    ? issues.map((i) => i.message).join('; ')
    : issues.map((i) => `${i.path.map(String).join('.') || (target === 'json' ? 'body' : target)}: ${i.message}`).join('; ');
  return httpError(400, 'bad_request', message);
}

/** A group of routes whose requests are checked by their declared schemas. */
export function routeGroup(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw refusedRequest(result.target, result.error.issues);
    },
  });
}

/** Who may call a route with this view, read from ROLE_VIEWS. */
export function whoMay(view: View): string {
  const roles = ROLES.filter((role) => mayOpen(role, view)).map((role) => role.replace('_', ' '));
  return `Roles: ${roles.join(', ')} (view \`${view}\`: ${VIEWS[view]}); any other role gets 403.`;
}

/** A route any signed-in user may call. */
export function signedIn<R extends RouteConfig>(route: R): R {
  return { ...route, description: `${route.description ?? ''}\n\nAny signed-in user.`, responses: { ...route.responses, 401: refusals.Unauthorized } };
}

/** A route only the roles with this view may call (403 for the others, before anything else is checked). */
export function guarded<R extends RouteConfig>(view: View, route: R): R & { 'x-rcm-view': View } {
  return {
    ...route,
    middleware: [requireView(view), ...[route.middleware ?? []].flat()],
    description: `${route.description ?? ''}\n\n${whoMay(view)}`,
    responses: { ...route.responses, 401: refusals.Unauthorized, 403: refusals.Forbidden },
    'x-rcm-view': view,
  };
}

export const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

export const refusal = (description: string) => json(description, ErrorAnswer);

export const refusals = {
  BadRequest: refusal('A parameter is unknown or malformed (the message names it).'),
  Unauthorized: refusal('Not signed in: no valid session cookie or API token.'),
  Forbidden: refusal("The user's role may not open this view, or (with the session cookie) a request that changes something came without the session's X-CSRF-Token or from another origin."),
  Unavailable: refusal('This server was started without loading (unavailable).'),
  TooLarge: refusal('The body is over its limit (too_large): 64 KB for a JSON body, the upload cap (rcm serve --upload-limit, 2 GB) for a file. The connection closes after the answer.'),
  NotFound: refusal('Nothing by that name among the practices the user may see (another practice answers the same as an unknown one), or no data yet.'),
};

/** A table answered as JSON, Arrow IPC or CSV (server/table-response.ts). */
export function tableAnswer<T extends z.ZodType>(description: string, schema: T) {
  return {
    description: `${description} As JSON (default), as an Arrow IPC stream (\`Accept: ${ARROW_STREAM}\`: money as Decimal128(18, 2), dates as Date32) or as CSV (\`?format=csv\`, a download).`,
    headers: {
      'X-Total-Count': { description: 'rows matching, over all pages', schema: { type: 'integer' as const } },
      'Content-Disposition': { description: 'CSV only: attachment; filename="….csv"', schema: { type: 'string' as const } },
    },
    content: {
      'application/json': { schema },
      [ARROW_STREAM]: { schema: { type: 'string' as const, format: 'binary' } },
      'text/csv': { schema: { type: 'string' as const, description: 'a header line, then one line a row; lists joined by spaces' } },
    },
  };
}

/**
 * A JSON request body, documented from its schema (named by its meta id); the route parses the body itself, so
 * that a malformed one is answered in the route's own words and a body is read whatever its content type says.
 */
export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${idOf(schema)}` } } } };
}

function idOf(schema: z.ZodType): string {
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (!id) throw new Error('a documented request body needs a meta id');
  return id;
}

/** Puts the request bodies a group parses itself, and the named schemas inside them, among the document's components. */
export function documentBodies(app: OpenAPIHono<AppEnv>, ...schemas: z.ZodType[]): void {
  for (const schema of schemas) {
    idOf(schema);
    const { $defs = {} } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { $defs?: Record<string, unknown> };
    for (const [name, definition] of Object.entries($defs)) {
      app.openAPIRegistry.registerComponent('schemas', name, JSON.parse(JSON.stringify(definition).replaceAll('"#/$defs/', '"#/components/schemas/')));
    }
  }
}

/** The session's CSRF token, asked of requests that change something when signed in by cookie. */
export const CSRF_TOKEN = {
  name: 'X-CSRF-Token', in: 'header' as const, required: false, schema: { type: 'string' as const },
  description: "The session's CSRF token (from POST or GET /api/session): required with the session cookie, not with an API token. The docs page adds it on its own.",
};
