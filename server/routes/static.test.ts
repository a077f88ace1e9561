// The dashboards' files at '/': assets with a year's cache (gzip when asked), index.html without cache and
// with its CSP for the root and any page address, 404 for a missing asset, and /api/… left to the API.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import { staticRoutes } from './static.ts';

describe('staticRoutes', () => {
  const dist = tempDir('rcm-static-');
  const script = 'console.log("the dashboards");'.repeat(60);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>rcm</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(script));

  const app = new Hono();
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));
  app.route('/', staticRoutes(dist)); // after the API and its notFound, as createApp's callers mount it

  it('answers index.html for the root and every page address, uncached, with its CSP', async () => {
    for (const path of ['/', '/overview', '/denials?payer=MCRB1&as_of=2025-06-30', '/claims/MFH000123']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('/assets/index-abc123.js');
    }
  });

  it('answers hashed assets with a year-long cache, gzip when the browser takes it', async () => {
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe(script);
    const zipped = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for a missing file, and leaves /api to the API', async () => {
    for (const path of ['/assets/index-old.js', '/favicon.ico', '/api/nothing']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control'), path).toBeNull();
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no such route' } });
    }
    expect(await (await app.request('/api/health')).json()).toEqual({ status: 'ok' });
  });

  it('says when the dashboards are not built', async () => {
    const empty = new Hono();
    empty.route('/', staticRoutes(join(dist, 'missing')));
    const response = await empty.request('/overview');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:dashboards');
  });
});
