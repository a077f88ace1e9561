// The OpenAPI document, generated from the routes' own declarations, against the app that serves it (app.request(),
// no network) over the hand-made fixture practice: every route the app answers is in it and every operation in
// it is a route (nothing exempted), it validates against the OpenAPI 3.1 schema, a read takes every query
// parameter it documents (each with its documented example), the main JSON routes answer exactly what their
// declared schemas say (no field missing, none undocumented), each guarded operation refuses (403) exactly the
// roles its description leaves out, and a refused request gets the app's own error body. /api/docs serves
// Swagger UI from this server, and its "try it out" sends the CSRF token.
import { Validator } from '@seriousme/openapi-schema-validator';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { ClaimHistory, ClaimList, ClaimRemittances } from '../kernel/api/claims.ts';
import { IngestBatches, IngestErrors, IngestFiles, RemittanceProblems } from '../kernel/api/ingest.ts';
import { DenialPatterns, MetricExplanation, MetricsAnswer } from '../kernel/api/metrics.ts';
import { ReportRuns } from '../kernel/api/reports.ts';
import { Accounts, ApiTokens, AuditEvents } from '../kernel/api/admin.ts';
import { Session } from '../kernel/api/session.ts';
import { fixtureFiles, PRACTICE } from '../tests/support/fixture-practice.ts';
import { tempDir, tempWarehouse, writeFile } from '../tests/support/temp.ts';
import { buildModels } from '../warehouse/build.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';
import { addUser, createToken, ROLES, type Role } from '../access/users.ts';
import { mayOpen, type View } from '../access/roles.ts';
import type { OpenApiDocument } from './api-document.ts';
import { createApp } from './app.ts';

const PASSWORD = 'a long enough password';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>; 'x-rcm-view'?: string; description?: string; security?: unknown[] };

/** "GET /api/claims/{id}" for each route the app answers under /api (its handlers, not middleware for every method). */
function routesOf(app: ReturnType<typeof createApp>): Set<string> {
  return new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`));
}

function operations(doc: OpenApiDocument): [string, Operation][] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => [`${m.toUpperCase()} ${path}`, (item as Record<string, Operation>)[m]] as [string, Operation]));
}

describe('the API document', () => {
  let app: ReturnType<typeof createApp>;
  let doc: OpenApiDocument;
  let admin = '';
  let finance = '';
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    const dir = tempDir('rcm-api-document-');
    const warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, fixtureFiles().map(([name, text]) => writeFile(dir, name, text)));
    // a refused row, so that the errors' table has one to check
    await ingestFiles(warehouse, [writeFile(dir, 'charges-late.csv', `Claim ID,DOS,CPT,Charge,Billing NPI,Patient\nFX-LATE,2024-06-03,99213,oops,${PRACTICE.billingNpi},LATE LOU\n`)]);
    await buildModels(warehouse);
    await addUser(warehouse, 'root', 'admin', PASSWORD, []);
    await addUser(warehouse, 'fin', 'finance', PASSWORD, [PRACTICE.billingNpi]);
    await addUser(warehouse, 'pm', 'practice_manager', PASSWORD, [PRACTICE.billingNpi]);
    await addUser(warehouse, 'lead', 'billing_lead', PASSWORD, [PRACTICE.billingNpi]);
    admin = (await createToken(warehouse, 'root', 'test')).token;
    finance = (await createToken(warehouse, 'fin', 'test')).token;
    for (const [role, user] of [['admin', 'root'], ['finance', 'fin'], ['practice_manager', 'pm'], ['billing_lead', 'lead']] as const) tokens[role] = (await createToken(warehouse, user, 'roles')).token;
    app = createApp(warehouse);
    const response = await app.request('/api/openapi.json', { headers: { authorization: `Bearer ${finance}` } });
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApiDocument;
  }, 120_000);

  const get = (path: string, token = admin, headers: Record<string, string> = {}) => app.request(path, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('lists every route the app answers, and nothing that is not one', () => {
    const routes = routesOf(app);
    const documented = new Set(operations(doc).map(([key]) => key));
    expect(routes.size).toBeGreaterThan(25);
    expect([...routes].filter((r) => !documented.has(r)), 'routes missing from the document').toEqual([]);
    expect([...documented].filter((d) => !routes.has(d)), 'documented operations that are no route').toEqual([]);
  });

  it('validates as OpenAPI 3.1, with both sign-ins, one error body and who may call each operation', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ session: [] }, { token: [] }]);
    expect(doc.components?.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'rcm_session' }),
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const ids = operations(doc).map(([, op]) => (op as { operationId?: string }).operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, op] of operations(doc)) {
      for (const [status, answer] of Object.entries(op.responses).filter(([s]) => /^[45]/.test(s))) {
        expect(answer.content?.['application/json']?.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
      const open = op.security !== undefined && op.security.length === 0;
      if (op['x-rcm-view']) expect(op.description, key).toMatch(/Roles: .+; any other role gets 403\.$/);
      else expect(op.description, key).toMatch(open ? /Needs no sign-in\.$/ : /Any signed-in user\.$/);
      if (!open) expect(Object.keys(op.responses), key).toContain('401');
    }
    expect(doc.paths?.['/api/health']?.get?.security).toEqual([]);
    expect(doc.paths?.['/api/session']?.post?.security).toEqual([]);
  });

  it('documents what the routes enforce: the upload name, the report formats, a claim number', () => {
    const text = JSON.stringify(doc);
    expect(text).toContain(JSON.stringify('^[A-Za-z0-9._ ()/@+-]{1,255}$'));
    expect(text).not.toContain('{1,200}$');
    expect(text).not.toContain('until its writer exists');
    expect((doc.components?.schemas?.ReportFile as { properties: { format: { enum: string[] } } }).properties.format.enum).toEqual(['xlsx', 'csv', 'pdf']);
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Login', 'NewAccount', 'AccountEmail', 'NewApiToken', 'MonthlyPackageRequest', 'Username', 'IsoDate']));
    expect((doc.components?.schemas?.ClaimEvent as { properties: { position: { type: string } } }).properties.position.type).toBe('integer');
  });

  it('answers the main JSON routes exactly as their declared schemas say', async () => {
    const claim = 'FX-LINE';
    const cases: [string, string, z.ZodType][] = [
      ['/api/session', '/api/session', Session],
      ['/api/metrics', '/api/metrics?as_of=2024-06-30', MetricsAnswer],
      ['/api/metrics', `/api/metrics?as_of=2024-06-30&by=payer&metric=${METRICS.filter((m) => m.breakdowns.includes('payer')).map((m) => m.id).join(',')}`, MetricsAnswer],
      ['/api/metrics/{id}/explain', `/api/metrics/${METRICS[0].id}/explain`, MetricExplanation],
      ['/api/denials/patterns', '/api/denials/patterns?as_of=2024-06-30&min_claims=1', DenialPatterns],
      ['/api/claims', '/api/claims?as_of=2024-06-30', ClaimList],
      ['/api/claims/{id}', `/api/claims/${claim}`, ClaimHistory],
      ['/api/claims/{id}/remittances', `/api/claims/${claim}/remittances`, ClaimRemittances],
      ['/api/ingest/batches', '/api/ingest/batches', IngestBatches],
      ['/api/ingest/files', '/api/ingest/files', IngestFiles],
      ['/api/ingest/errors', '/api/ingest/errors', IngestErrors],
      ['/api/ingest/remittance-problems', '/api/ingest/remittance-problems', RemittanceProblems],
      ['/api/reports/runs', '/api/reports/runs', ReportRuns],
      ['/api/admin/users', '/api/admin/users', Accounts],
      ['/api/admin/tokens', '/api/admin/tokens', ApiTokens],
      ['/api/admin/audit', '/api/admin/audit', AuditEvents],
    ];
    for (const [route, path, schema] of cases) {
      const declared = (doc.paths?.[route]?.get as Operation | undefined)?.responses['200'].content?.['application/json']?.schema;
      expect(declared, route).toEqual({ $ref: `#/components/schemas/${(schema.meta() as { id: string }).id}` });
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const body: unknown = await response.json();
      const parsed = schema.safeParse(body);
      expect(parsed.error?.issues ?? [], path).toEqual([]);
      // an object schema drops what it does not declare: the same body back means nothing was undocumented
      expect(parsed.data, path).toEqual(body);
    }
    expect(((await (await get('/api/ingest/errors')).json()) as z.infer<typeof IngestErrors>).rows.length).toBeGreaterThan(0);
    const history = (await (await get(`/api/claims/${claim}`)).json()) as z.infer<typeof ClaimHistory>;
    expect(history.events.length).toBeGreaterThan(2);
    expect(typeof history.events[0].position).toBe('number');
  });

  it('takes every documented query parameter of a read at once, each with its documented example', async () => {
    type Schema = { $ref?: string; example?: unknown; enum?: unknown[]; default?: unknown; type?: string | string[]; minimum?: number };
    const resolve = (schema: Schema): Schema => (schema.$ref ? resolve((doc.components?.schemas ?? {})[schema.$ref.split('/').pop()!] as Schema) : schema);
    const sample = (schema: Schema): string => {
      const s = resolve(schema);
      const value = s.example ?? s.enum?.[0] ?? s.default ?? ([s.type].flat().includes('integer') ? (s.minimum ?? 1) : undefined);
      expect(value, JSON.stringify(schema)).toBeDefined();
      return String(value);
    };
    const values: Record<string, string> = { id: 'FX-LINE' };
    let asked = 0;
    for (const [key, op] of operations(doc).filter(([key]) => key.startsWith('GET '))) {
      const params = ((op as { parameters?: { name: string; in: string; schema: Schema }[] }).parameters ?? []);
      const query = params.filter((p) => p.in === 'query');
      if (query.length === 0 || params.some((p) => p.in === 'path' && !values[p.name] && !key.includes('/metrics/'))) continue;
      const path = key.slice(4).replace(/\{(\w+)\}/g, (_, name: string) => (key.includes('/metrics/') ? METRICS[0].id : values[name]));
      const response = await get(`${path}?${new URLSearchParams(query.map((p) => [p.name, sample(p.schema)]))}`);
      expect(response.status, `${key}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(200);
      await response.arrayBuffer();
      asked++;
    }
    expect(asked).toBeGreaterThanOrEqual(10);
  });

  it('refuses each role exactly the operations whose view it lacks, as the document says', async () => {
    const values: Record<string, string> = { id: 'FX-LINE', username: 'lead', file: 'x.csv' };
    const guarded = operations(doc).filter(([, op]) => op['x-rcm-view']);
    expect(guarded.length).toBeGreaterThan(20);
    for (const [key, op] of guarded) {
      const [method, path] = key.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (path.startsWith('/api/metrics/') ? METRICS[0].id : path.startsWith('/api/reports/runs/') && name === 'id' ? '1' : values[name]));
      for (const role of ROLES) {
        const allowed = mayOpen(role, op['x-rcm-view'] as View);
        const listed = new RegExp(`Roles: [^(]*\\b${role.replace('_', ' ')}\\b`);
        if (allowed) expect(op.description, `${key}: ${role}`).toMatch(listed);
        else expect(op.description, `${key}: ${role}`).not.toMatch(listed);
        // a write an allowed role may make is not made here
        if (allowed && method !== 'GET') continue;
        const response = await app.request(url, { method, headers: { authorization: `Bearer ${tokens[role]}` } });
        await response.arrayBuffer();
        if (allowed) expect(response.status, `${key} as ${role}`).not.toBe(403);
        else expect(response.status, `${key} as ${role}`).toBe(403);
      }
    }
  });

  it("refuses a request its schemas refuse with the app's error body, after the role is checked", async () => {
    const refusal = async (response: Response) => ({ status: response.status, body: await response.json() });
    expect(await refusal(await get('/api/claims?bogus=1'))).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'query: Unrecognized key: "bogus"' } } });
    expect(await refusal(await get('/api/metrics?from=2024-01-01'))).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'query: from and to go together' } } });
    expect(await refusal(await get('/api/claims?page=0'))).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringMatching(/^page: /) } } });
    expect(await refusal(await get('/api/reports/runs/abc'))).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'a run is named by its number (GET /api/reports/runs lists them), not "abc"' } } });
    expect(await refusal(await get('/api/claims?bogus=1', finance))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await get('/api/claims/no%20such')).status).toBe(400);
    // a parameter sent twice is refused, not read as one of its values
    expect(await refusal(await get('/api/claims?payer=ACME&payer=MCR'))).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringMatching(/^payer: /) } } });
  });

  it('serves Swagger UI from this server, behind the sign-in: no external URL, no inline script, a strict policy', async () => {
    for (const path of ['/api/openapi.json', '/api/docs', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']) {
      expect((await app.request(path)).status, path).toBe(401);
      expect((await get(path, finance)).status, path).toBe(200);
    }
    const page = await get('/api/docs', finance);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => [/\bsrc="/.test(attributes), body.trim()])).toEqual([[true, ''], [true, '']]);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const types: Record<string, RegExp> = { '.js': /^text\/javascript/, '.css': /^text\/css/, '.png': /^image\/png$/ };
    const assets = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], 'http://localhost/api/docs').pathname);
    expect(assets).toContain('/api/docs/swagger-ui-bundle.js');
    for (const path of assets) {
      const asset = await get(path, finance);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toMatch(types[/\.\w+$/.exec(path)![0]]);
    }
    for (const path of ['/api/docs/package.json', '/api/docs/index.html', '/api/docs/..%2Fpackage.json', '/api/docs/swagger-ui-bundle.js.map']) {
      expect((await get(path, finance)).status, path).toBe(404);
    }
  });

  it('lets "try it out" change something with the session: its CSRF token is asked for once and sent', async () => {
    const signedIn = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fin', password: PASSWORD }) });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const init = await (await app.request('/api/docs/init.js', { headers: { cookie } })).text();
    let config: Record<string, (request: Record<string, unknown>) => unknown> = {};
    const asked: string[] = [];
    // the browser's fetch: same origin, the session cookie
    const browserFetch = (url: string, options: RequestInit = {}) => {
      asked.push(url);
      return app.request(url, { ...options, headers: { ...(options.headers as Record<string, string>), cookie } });
    };
    runInNewContext(init, { window: {}, location: { href: 'http://localhost/api/docs' }, URL, fetch: browserFetch, SwaggerUIBundle: (c: typeof config) => (config = c) });
    expect(config.url).toBe('http://localhost/api/openapi.json');
    const read = (await config.requestInterceptor({ url: 'http://localhost/api/metrics', method: 'GET', headers: {} })) as { headers: Record<string, string> };
    expect(read.headers).toEqual({});
    const logout = (await config.requestInterceptor({ url: 'http://localhost/api/session', method: 'DELETE', headers: {} })) as { headers: Record<string, string> };
    expect(asked).toEqual(['/api/session']);
    expect(logout.headers['X-CSRF-Token']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await app.request('/api/session', { method: 'DELETE', headers: { cookie } })).status).toBe(403);
    expect((await app.request('/api/session', { method: 'DELETE', headers: { ...logout.headers, cookie } })).status).toBe(204);
  });
});
