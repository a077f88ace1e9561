// The API's own documentation: the OpenAPI document (GET /openapi.json) and Swagger UI to browse and try it
// (GET /docs), behind the sign-in like every route. Swagger UI's files come from the swagger-ui-dist package on
// this server, never from the internet, and the page has no inline script or style, so it runs under a strict
// Content-Security-Policy (script-src 'self') with nothing relaxed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../auth/require-user.ts';
import { httpError } from '../http-error.ts';
import { refusals, routeGroup, signedIn } from '../contract.ts';

const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files /docs/:file serves (nothing else of the package, nothing by path), with their types. */
const VENDOR_FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// Relative URLs: the page is <mount>/docs, so "docs/x" is <mount>/docs/x and "openapi.json", "session" are
// <mount>/openapi.json and <mount>/session, wherever the routes are mounted.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>rcm-workbench API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" sizes="32x32" href="docs/favicon-32x32.png">
<link rel="icon" type="image/png" sizes="16x16" href="docs/favicon-16x16.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

// Starts Swagger UI. "Try it out" runs with the browser's session cookie; a request that changes something also
// needs the session's CSRF token, asked of GET session once and asked again after a sign-in, a sign-out or a 403.
const INIT = `'use strict';
(() => {
  const SAFE = ['GET', 'HEAD', 'OPTIONS'];
  const SESSION = new URL('session', location.href).pathname;
  let csrf = null;
  const csrfToken = () => {
    csrf ??= fetch(SESSION, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((body) => (body && body.csrf_token) || null)
      .catch(() => null);
    return csrf;
  };
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    requestInterceptor: async (request) => {
      const method = (request.method || 'GET').toUpperCase();
      const headers = (request.headers = request.headers || {});
      if (!SAFE.includes(method) && !Object.keys(headers).some((h) => h.toLowerCase() === 'x-csrf-token')) {
        const token = await csrfToken();
        if (token) headers['X-CSRF-Token'] = token;
      }
      return request;
    },
    responseInterceptor: (response) => {
      if (response.status === 403 || new URL(response.url, location.href).pathname === SESSION) csrf = null;
      return response;
    },
  });
})();
`;

/** No inline script or style element, nothing from another origin (Swagger UI's icons are data: URLs). */
const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const vendorFiles = new Map<string, Promise<Uint8Array>>();

function vendorFile(name: string): Promise<Uint8Array> {
  let file = vendorFiles.get(name);
  if (!file) {
    file = readFile(join(SWAGGER_UI, name)).then((buffer) => new Uint8Array(buffer));
    file.catch(() => vendorFiles.delete(name));
    vendorFiles.set(name, file);
  }
  return file;
}

const getOpenApi = signedIn(createRoute({
  method: 'get', path: '/openapi.json', operationId: 'getOpenApi', summary: 'This document', tags: ['docs'],
  description: 'The HTTP API as OpenAPI 3.1, generated from the routes and their schemas.',
  responses: { 200: { description: 'The document.', content: { 'application/json': { schema: { type: 'object' as const } } } } },
}));

const getDocs = signedIn(createRoute({
  method: 'get', path: '/docs', operationId: 'getDocs', summary: 'Browse this document', tags: ['docs'],
  description: 'Swagger UI over this document, served from this server (no CDN). "Try it out" runs with the browser\'s session and sends its CSRF token.',
  responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' as const } } } } },
}));

const getDocsFile = signedIn(createRoute({
  method: 'get', path: '/docs/{file}', operationId: 'getDocsFile', summary: "The docs page's scripts, stylesheet and icons", tags: ['docs'],
  description: "Swagger UI files from the swagger-ui-dist package, and the page's start script.",
  request: { params: z.object({ file: z.string().meta({ description: 'a file of the page', example: 'swagger-ui-bundle.js' }) }) },
  responses: {
    200: { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' as const } }, 'text/css': { schema: { type: 'string' as const } }, 'image/png': { schema: { type: 'string' as const, format: 'binary' } } } },
    404: refusals.NotFound,
  },
}));

/** `document`: the API's OpenAPI document, made once when first asked for. */
export function docsRoutes(document: () => object): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  let made: object | undefined;

  app.openapi(getOpenApi, (c) => c.json((made ??= document()), 200));

  app.openapi(getDocs, (c) => c.html(PAGE, 200, { 'content-security-policy': PAGE_POLICY, 'cache-control': 'no-cache' }));

  app.openapi(getDocsFile, async (c) => {
    const { file: name } = c.req.valid('param');
    if (name === 'init.js') return c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    // only the listed files, by name: nothing else of the package, nothing by path
    const type = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
    if (!type) throw httpError(404, 'not_found', `no docs file ${name}`);
    return c.body((await vendorFile(name)) as Uint8Array<ArrayBuffer>, 200, { 'content-type': type, 'cache-control': 'private, max-age=86400' });
  });

  return app;
}
