/// <reference types="node" />
// Builds the dashboards (`npm run build:dashboards`) into dashboards/dist, which the server serves
// (server/routes/static.ts). Each emitted file also gets a .gz beside it, so the server answers gzip
// without compressing on every request; `vite --config dashboards/vite.config.ts` serves them for
// development with /api proxied to `rcm serve` on port 8080.
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Writes file.gz beside every text file of the build larger than 1 KiB. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'rcm-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const path = join(outDir, name);
        const bytes = readFileSync(path);
        if (bytes.length > 1024) writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
