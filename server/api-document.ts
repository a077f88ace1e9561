// The HTTP API as an OpenAPI 3.1 document (GET /api/openapi.json, browsed at /api/docs), generated from the
// routes' own declarations: their schemas (kernel/api/), parameters, answers and the view each requires.
import type { OpenAPIHono } from '@hono/zod-openapi';
import packageJson from '../package.json' with { type: 'json' };
import { SESSION_COOKIE } from '../access/sessions.ts';
import type { AppEnv } from './auth/require-user.ts';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const DESCRIPTION = [
  'The revenue-cycle workbench over HTTP: metrics, denial patterns, the claims behind a number, ingest, report packages.',
  '',
  `Sign in with \`POST /api/session\` (a browser gets the \`${SESSION_COOKIE}\` cookie; requests that change something must then send the session's CSRF token as \`X-CSRF-Token\`), or send an API token (\`rcm tokens create\`) as \`Authorization: Bearer rcm_…\`. A user sees only the practices granted (an admin sees all); each route names the roles that may open it (and its view, as \`x-rcm-view\`).`,
  '',
  'Refusals answer `{ "error": { "code", "message" } }`. Money is an exact decimal string in tables (JSON, CSV) and Decimal128 in Arrow; metrics are numbers.',
  '',
  'Every answer is `Cache-Control: private, no-store`. A read answered while the models are older than the loaded data (files loaded with `build=false`, until `POST /api/build`) carries `X-Models-Stale` with the reason. Bodies are bounded (413): 64 KB, a file the upload cap.',
].join('\n');

const TAGS = [
  { name: 'session', description: 'signing in and out' },
  { name: 'metrics', description: 'the metrics registry and denial patterns' },
  { name: 'claims', description: 'patient-level claim lists and histories' },
  { name: 'ingest', description: 'ingest history, loading files, rebuilding the models' },
  { name: 'reports', description: 'the monthly close package and its runs' },
  { name: 'admin', description: 'users, API tokens and the audit trail' },
  { name: 'docs', description: 'this document' },
  { name: 'server', description: 'the server itself' },
];

/** The document of every route declared on the app (and the groups mounted on it). */
export function apiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the browser session from POST /api/session (idle and absolute expiry)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http', scheme: 'bearer', description: 'an API token, rcm_ and 43 characters (`rcm tokens create`), for scripts',
  });
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'rcm-workbench', version: packageJson.version, description: DESCRIPTION },
    tags: TAGS,
    security: [{ session: [] }, { token: [] }],
  });
  // the SPDX identifier is OpenAPI 3.1's; the generator's configuration type lacks it
  return { ...document, info: { ...document.info, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } as { name: string } } };
}
