// The OpenAPI document against the app it describes, over real HTTP on loopback and a real warehouse: every
// route is documented and every documented operation is a route; documented parameters are accepted, answers
// match their documented schemas and roles are refused as written; /api/docs serves Swagger UI from this
// server, behind the sign-in, with no inline script, and its "try it out" sends the session's CSRF token.
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { createApp } from './app.ts';
import type { AppEnv } from './auth/require-user.ts';
import { mayOpen } from '../access/roles.ts';
import { addUser, createToken, ROLES, type Role } from '../access/users.ts';
import { METHODS, type JsonSchema, type OpenApiDocument, type Operation, type Parameter, type Ref } from './openapi.ts';
import { docsRoutes } from './routes/docs.ts';

const PASSWORD = 'a long enough password';

/** Operations documented before their routes exist (server/routes/ingest.ts): checked once the app has them. */
const PENDING = new Set([
  'GET /api/ingest/batches', 'GET /api/ingest/files', 'GET /api/ingest/errors', 'POST /api/ingest', 'POST /api/build',
  'POST /api/uploads', 'POST /api/uploads/{id}/files', 'POST /api/uploads/{id}/ingest',
]);

/** A valid value of each documented free-text query parameter (the others come from their enum, format or bounds). */
const SAMPLES: Record<string, string> = {
  payer: '60054', provider: '1234567893', location: 'Main Street', by: 'payer', metric: 'initial_denial_rate', denial_category: 'authorization',
  carc: '197', cpt: '99213', modifier: '25', diagnosis: 'M545', q: 'PCN', name: 'remit.835', user: 'admin',
};

/** The app as served: createApp, with the docs mounted after the sign-in as app.ts does (or will). */
function appWithDocs(warehouse: Warehouse): Hono<AppEnv> {
  const app = createApp(warehouse);
  if (!app.routes.some((r) => r.path === '/api/openapi.json')) app.route('/api', docsRoutes());
  return app;
}

/** "GET /api/claims/{id}" for each route of the API (not its middleware, not the dashboards' files outside /api). */
function routesOf(app: Hono<AppEnv>): Set<string> {
  return new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`));
}

function operations(spec: OpenApiDocument): { key: string; path: string; method: string; op: Operation }[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, method: m.toUpperCase(), op: item[m]! })));
}

function resolve<T>(spec: OpenApiDocument, pointer: string): T {
  expect(pointer, pointer).toMatch(/^#\//);
  let at: unknown = spec;
  for (const part of pointer.slice(2).split('/')) {
    at = (at as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  expect(at, `${pointer} resolves`).toBeDefined();
  return at as T;
}

const deref = <T>(spec: OpenApiDocument, x: T | Ref): T => ('$ref' in (x as object) ? resolve<T>(spec, (x as Ref).$ref) : (x as T));

/** A valid value for a documented query parameter. */
function sample(p: Parameter): string {
  const s = p.schema;
  if (s.enum) return String(s.enum[0]);
  if (s.format === 'date') return '2025-02-28';
  if (s.type === 'integer') return String(s.default ?? s.minimum ?? 1);
  if (p.name === 'practice') return PRACTICE.billingNpi;
  const value = SAMPLES[p.name];
  expect(value, `a sample for ?${p.name}= in the test`).toBeDefined();
  if (s.pattern) expect(value, `the sample of ?${p.name}= matches its documented pattern`).toMatch(new RegExp(s.pattern));
  return value;
}

const is: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string', number: (v) => typeof v === 'number', integer: (v) => Number.isInteger(v), boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null, array: (v) => Array.isArray(v), object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/**
 * Where a value departs from a documented schema. Stricter than JSON Schema on one point: an object whose
 * properties are listed has no others unless additionalProperties says so, so an undocumented field fails.
 */
function departures(spec: OpenApiDocument, schema: JsonSchema, value: unknown, at = '$'): string[] {
  if (schema.$ref) return departures(spec, resolve(spec, schema.$ref), value, at);
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => departures(spec, s, value, at).length === 0).length;
    return matching === 1 ? [] : [`${at}: matches ${matching} of oneOf`];
  }
  const errors: string[] = [];
  if (schema.const !== undefined && value !== schema.const) errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value as string)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((t) => is[t](value))) return [...errors, `${at}: ${JSON.stringify(value)?.slice(0, 80)} is not ${types.join(' or ')}`];
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: ${value} does not match ${schema.pattern}`);
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${at}: ${value} is not a date`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) errors.push(`${at}: ${value} is not a date-time`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...departures(spec, schema.items!, v, `${at}[${i}]`)));
  if (is.object(value)) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(object)) {
      if (schema.propertyNames?.enum && !schema.propertyNames.enum.includes(key)) errors.push(`${at}: undocumented key ${key}`);
      if (schema.properties?.[key]) errors.push(...departures(spec, schema.properties[key], v, `${at}.${key}`));
      else if (typeof schema.additionalProperties === 'object') errors.push(...departures(spec, schema.additionalProperties, v, `${at}.${key}`));
      else if (schema.additionalProperties === false || (schema.properties && schema.additionalProperties === undefined)) errors.push(`${at}.${key}: not documented`);
    }
  }
  return errors;
}

describe('the OpenAPI document and the docs page', () => {
  const dir = tempDir('rcm-openapi-');
  let server: ServerType;
  let base = '';
  let app: Hono<AppEnv>;
  let spec: OpenApiDocument;
  let claimId = '';
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    const files = join(dir, 'files');
    await writeDataset({ seed: 7, claims: 150, months: 3, start: '2025-01-01', out: files });
    const warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(files, f)));
    await buildModels(warehouse);
    claimId = (await warehouse.one<{ id: string }>('SELECT min(claim_id) AS id FROM mart_claim WHERE first_adjudicated_date IS NOT NULL'))!.id;
    for (const role of ROLES) {
      await addUser(warehouse, role, role, PASSWORD, [PRACTICE.billingNpi]);
      tokens[role] = (await createToken(warehouse, role, 'test')).token;
    }
    app = appWithDocs(warehouse);
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // the report routes' documented examples name run 1 and its workbook: made here
    const made = await fetch(`${base}/api/reports/monthly`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ month: '2025-02', practice: PRACTICE.billingNpi, formats: ['xlsx'] }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    spec = (await (await fetch(`${base}/api/openapi.json`, { headers: { authorization: `Bearer ${tokens.finance}` } })).json()) as OpenApiDocument;
  }, 120_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string, role?: Role, headers: Record<string, string> = {}) =>
    fetch(base + path, { headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...headers } });
  const signIn = async (username: Role) => {
    const response = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(response.status).toBe(200);
    return response.headers.get('set-cookie')!.split(';')[0];
  };
  /** The operations whose routes exist now. */
  const live = () => {
    const routes = routesOf(app);
    return operations(spec).filter((o) => routes.has(o.key));
  };
  /** An operation's path with its documented path parameters filled in (a real claim for a claim's history). */
  const filled = (path: string, op: Operation) =>
    (op.parameters ?? []).map((p) => deref<Parameter>(spec, p)).filter((p) => p.in === 'path')
      .reduce((at, p) => at.replace(`{${p.name}}`, encodeURIComponent(path.startsWith('/api/claims/{id}') ? claimId : String(p.example))), path);

  it('answers the document and the page only to a signed-in user, by API token or session', async () => {
    const paths = ['/api/openapi.json', '/api/docs', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js'];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      expect((await get(path, undefined, { authorization: `Bearer rcm_${'x'.repeat(43)}` })).status, path).toBe(401);
    }
    const cookie = await signIn('billing_lead');
    for (const path of paths) {
      expect((await get(path, 'finance')).status, `${path} by token`).toBe(200);
      expect((await get(path, undefined, { cookie })).status, `${path} by session`).toBe(200);
    }
    expect((await get('/api/openapi.json', undefined, { cookie })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is OpenAPI 3.1 in shape, with both sign-ins, one error body and every reference resolving', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(spec.paths).length).toBeGreaterThan(10);
    expect(spec.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'rcm_session' }),
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(spec.security).toEqual([{ session: [] }, { token: [] }]);
    expect(departures(spec, { $ref: '#/components/schemas/Error' }, { error: { code: 'not_found', message: 'no claim X' } })).toEqual([]);
    expect(departures(spec, { $ref: '#/components/schemas/Error' }, { error: { code: 'not_found' } })).toEqual(['$.error.message: missing']);

    const refs = JSON.stringify(spec).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) resolve(spec, JSON.parse(`{${r}}`).$ref);

    const ids = operations(spec).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, path, op } of operations(spec)) {
      const params = (op.parameters ?? []).map((p) => deref<Parameter>(spec, p));
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(params.filter((p) => p.in === 'path').map((p) => p.name), key).toEqual(templated);
      for (const p of params.filter((p) => p.in === 'path')) expect(p.required, key).toBe(true);
      expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${key} answers a success`).toBe(true);
      const open = op.security !== undefined && op.security.length === 0;
      expect(open || '401' in op.responses, `${key} documents 401`).toBe(true);
      for (const status of Object.keys(op.responses).filter((s) => /^[45]/.test(s))) {
        const content = deref(spec, op.responses[status]).content;
        expect(content?.['application/json']?.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      if (op['x-rcm-view']) expect(op.description, key).toMatch(/Roles: .+; any other role gets 403\.$/);
      else expect(op.description, key).toMatch(/(Any signed-in user|Needs no sign-in)/);
    }
    expect(spec.paths['/api/health'].get!.security).toEqual([]);
    expect(spec.paths['/api/session'].post!.security).toEqual([]);
  });

  it('documents every route of the API, and nothing that is not one', () => {
    const routes = routesOf(app);
    const documented = new Set(operations(spec).map((o) => o.key));
    expect([...routes].filter((r) => !documented.has(r)), 'routes missing from the document').toEqual([]);
    expect([...documented].filter((d) => !routes.has(d) && !PENDING.has(d)), 'documented operations that are no route').toEqual([]);
  });

  it('takes every documented query parameter, and answers as documented', async () => {
    for (const { key, path, op } of live().filter((o) => o.method === 'GET')) {
      const url = filled(path, op);
      const params = (op.parameters ?? []).map((p) => deref<Parameter>(spec, p)).filter((p) => p.in === 'query');
      // every documented parameter at once (a strict schema refuses an unknown one with 400)
      if (params.length > 0) {
        const withAll = await get(`${url}?${new URLSearchParams(params.map((p) => [p.name, sample(p)]))}`, 'admin');
        const body = withAll.status === 200 ? '' : await withAll.text();
        expect(withAll.status, `${key} with every parameter: ${body}`).toBe(200);
      }
      // the plain answer, against its documented schema and content types
      const response = await get(url, 'admin');
      expect(response.status, key).toBe(200);
      const ok = deref(spec, op.responses['200']);
      const type = response.headers.get('content-type')!.split(';')[0];
      expect(Object.keys(ok.content ?? {}), `${key} answers ${type}`).toContain(type);
      if (type === 'application/json') {
        const schema = ok.content![type].schema!;
        expect(departures(spec, schema, await response.json()), key).toEqual([]);
      } else {
        await response.arrayBuffer();
      }
    }
  });

  it('answers each table as documented, as JSON with rows, as CSV and as Arrow', async () => {
    // a table answers JSON and CSV alike (a report's CSV file is a download, not a table answer)
    const tables = live().filter((o) => o.method === 'GET' && deref(spec, o.op.responses['200']).content?.['text/csv'] && deref(spec, o.op.responses['200']).content?.['application/json']);
    expect(tables.map((t) => t.key)).toContain('GET /api/claims');
    for (const { key, path, op } of tables) {
      const json = (await (await get(path, 'admin')).json()) as { rows: unknown[]; columns: Record<string, string> };
      // the demo practice's files load whole and its remittances come once each: nothing to list there
      if (key !== 'GET /api/ingest/errors' && key !== 'GET /api/ingest/remittance-problems') expect(json.rows.length, `${key} has rows to check`).toBeGreaterThan(0);
      expect(departures(spec, deref(spec, op.responses['200']).content!['application/json'].schema!, json), key).toEqual([]);
      const csv = await get(`${path}?format=csv`, 'admin');
      expect(csv.headers.get('content-type'), key).toMatch(/^text\/csv/);
      expect((await csv.text()).split('\n')[0], key).toBe(Object.keys(json.columns).join(','));
      const arrow = await get(path, 'admin', { accept: 'application/vnd.apache.arrow.stream' });
      expect(arrow.headers.get('content-type'), key).toBe('application/vnd.apache.arrow.stream');
      expect(Number(arrow.headers.get('x-total-count')), key).toBeGreaterThanOrEqual(json.rows.length);
      await arrow.arrayBuffer();
    }
  });

  it('refuses each role exactly what its description says', async () => {
    const guarded = live().filter((o) => o.op['x-rcm-view']);
    expect(guarded.length).toBeGreaterThanOrEqual(5);
    for (const { key, path, method, op } of guarded) {
      const view = op['x-rcm-view']!;
      for (const role of ROLES) {
        if (mayOpen(role, view)) {
          expect(op.description, key).toContain(role.replace('_', ' '));
          if (method !== 'GET') continue; // a write an admin may do is not done here
        } else {
          expect(op.description, key).not.toMatch(new RegExp(`Roles:[^(]*\\b${role.replace('_', ' ')}\\b`));
        }
        const response = await fetch(base + filled(path, op), { method, headers: { authorization: `Bearer ${tokens[role]}` } });
        expect(response.status, `${key} as ${role}`).toBe(mayOpen(role, view) ? 200 : 403);
        if (response.status === 403) expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        else await response.arrayBuffer();
      }
    }
  });

  it('serves Swagger UI from this server: no external URL, no inline script, a strict policy', async () => {
    const cookie = await signIn('finance');
    const page = await get('/api/docs', undefined, { cookie });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], `${base}/api/docs`));
    expect(urls.length).toBeGreaterThanOrEqual(4);
    const types: Record<string, RegExp> = { '.js': /^text\/javascript/, '.css': /^text\/css/, '.png': /^image\/png$/ };
    for (const url of urls) {
      expect(url.origin).toBe(base);
      expect(url.pathname).toMatch(/^\/api\/docs\/[\w.-]+$/);
      const asset = await get(url.pathname, undefined, { cookie });
      expect(asset.status, url.pathname).toBe(200);
      expect(asset.headers.get('content-type'), url.pathname).toMatch(types[/\.\w+$/.exec(url.pathname)![0]]);
      expect((await asset.arrayBuffer()).byteLength, url.pathname).toBeGreaterThan(100);
    }
    expect(urls.map((u) => u.pathname)).toContain('/api/docs/swagger-ui-bundle.js');
    for (const path of ['/api/docs/package.json', '/api/docs/index.html', '/api/docs/..%2Fpackage.json', '/api/docs/swagger-ui-bundle.js.map']) {
      expect((await get(path, undefined, { cookie })).status, path).toBe(404);
    }
  });

  it('lets "try it out" change something with the session: its CSRF token is asked for once and sent', async () => {
    const cookie = await signIn('practice_manager');
    const init = await (await get('/api/docs/init.js', undefined, { cookie })).text();
    // the page's script in a bare context: fetch is the browser's (same origin, the session cookie)
    let config: Record<string, (request: Record<string, unknown>) => unknown> = {};
    const asked: string[] = [];
    const browserFetch = (url: string, init: RequestInit = {}) => {
      asked.push(url);
      return fetch(new URL(url, base), { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
    };
    runInNewContext(init, { window: {}, location: { href: `${base}/api/docs` }, URL, fetch: browserFetch, SwaggerUIBundle: (c: typeof config) => (config = c) });
    expect(config.url).toBe(`${base}/api/openapi.json`);
    expect(config.validatorUrl).toBeNull();

    const read = (await config.requestInterceptor({ url: `${base}/api/metrics`, method: 'GET', headers: {} })) as { headers: Record<string, string> };
    expect(read.headers).toEqual({});
    expect(asked).toEqual([]);
    const logout = (await config.requestInterceptor({ url: `${base}/api/session`, method: 'DELETE', headers: {} })) as { url: string; method: string; headers: Record<string, string> };
    await config.requestInterceptor({ url: `${base}/api/build`, method: 'POST', headers: {} });
    expect(asked).toEqual(['/api/session']);
    expect(logout.headers['X-CSRF-Token']).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await fetch(base + '/api/session', { method: 'DELETE', headers: { cookie } })).status).toBe(403);
    const out = await fetch(logout.url, { method: logout.method, headers: { ...logout.headers, cookie } });
    expect(out.status).toBe(204);
    expect((await get('/api/session', undefined, { cookie })).status).toBe(401);
  });
});
