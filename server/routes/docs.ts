// The API's own documentation: the OpenAPI document (GET /openapi.json) and Swagger UI to browse and try it
// (GET /docs), behind the sign-in like every route. Swagger UI's files come from the swagger-ui-dist package on
// this server, never from the internet, and the page has no inline script or style, so it runs under a strict
// Content-Security-Policy (script-src 'self') with nothing relaxed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../auth/require-user.ts';
import { httpError } from '../http-error.ts';
import { openApiDocument } from '../openapi.ts';

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

export function docsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const document = openApiDocument();

  app.get('/openapi.json', (c) => c.json(document));

  app.get('/docs', (c) => c.html(PAGE, 200, { 'content-security-policy': PAGE_POLICY, 'cache-control': 'no-cache' }));

  app.get('/docs/:file{[A-Za-z0-9._-]+}', async (c) => {
    const name = c.req.param('file');
    if (name === 'init.js') return c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    const type = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
    if (!type) throw httpError(404, 'not_found', `no docs file ${name}`);
    return c.body((await vendorFile(name)) as Uint8Array<ArrayBuffer>, 200, { 'content-type': type, 'cache-control': 'private, max-age=86400' });
  });

  return app;
}
