// The built dashboards (npm run build:dashboards → dashboards/dist) at '/': files as they are (gzip when
// the build wrote a .gz beside them and the browser takes it), index.html for any other path that is not
// /api/… (the dashboards route in the browser), a year's cache for the hashed assets, none for index.html,
// which also carries the page's Content-Security-Policy.
// Mount it after the API routes: app.route('/', staticRoutes(distDir)).
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The page runs only this server's scripts and talks only to it; Plot's charts carry inline styles. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
/** Vite names every file under /assets/ by its content hash: it never changes. */
const isHashed = (path: string) => path.startsWith('/assets/');

export function staticRoutes(distDir: string): Hono {
  const app = new Hono();
  const files = serveStatic({ root: distDir, precompressed: true });
  const indexPath = join(distDir, 'index.html');

  app.use('*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    const found = await files(c, next);
    if (found instanceof Response) {
      found.headers.set('Cache-Control', isHashed(c.req.path) ? IMMUTABLE : REVALIDATE);
      if (found.headers.get('content-type')?.startsWith('text/html')) found.headers.set('Content-Security-Policy', CSP);
    }
    return found;
  });

  // A page's own address (/overview?payer=…) answers the app; a missing file (an old asset) answers 404.
  app.get('*', (c, next) => {
    if (isApi(c.req.path) || isHashed(c.req.path) || extname(c.req.path) !== '') return next();
    if (!existsSync(indexPath)) return c.text('The dashboards are not built: run npm run build:dashboards.', 503, { 'Cache-Control': 'no-store' });
    return c.html(readFileSync(indexPath, 'utf8'), 200, { 'Cache-Control': REVALIDATE, 'Content-Security-Policy': CSP });
  });

  return app;
}
