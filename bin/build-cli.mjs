#!/usr/bin/env node
// Compiles the `rcm` command line and `npm start` to JavaScript in dist/cli (npm runs it on install, as `prepare`;
// `npm run build:cli` runs it by hand). Run through tsx instead, every command pays for a second V8 on
// Node 20's module-loader thread (35 MB) and for compiling its sources (a second of start-up).
// bin/compiled.mjs uses the build only while no source it was built from has changed since. A build that
// fails on install (no esbuild for the platform, say) leaves the command on the sources, not npm install failed.
import { readFile, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMPILED_DIR, COMPILED_MANIFEST, ENTRY_POINTS } from './compiled.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedAt = Date.now();
rmSync(COMPILED_DIR, { recursive: true, force: true });
try {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: COMPILED_DIR,
    outbase: root, // dist/cli/<folder>/<entry>.js, the path loadEntry looks for
    bundle: true,
    splitting: true, // the verbs' lazy imports (exceljs, Chromium, the server) stay lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [{
      // Sources find their folders (migrations, models, reference data) from import.meta.url: each keeps
      // its own file's URL, not the bundle's.
      name: 'source-location',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    }],
  });
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  await writeFile(COMPILED_MANIFEST, JSON.stringify({ builtAt: startedAt, sources }, null, 1));
  process.stdout.write(`rcm compiled to ${COMPILED_DIR} from ${sources.length} sources in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
} catch (error) {
  rmSync(COMPILED_DIR, { recursive: true, force: true });
  // on install a failed build must not fail `npm install`: without it the command runs from the sources
  const onInstall = process.env.npm_lifecycle_event === 'prepare';
  process.stderr.write(`rcm could not be compiled (${error instanceof Error ? error.message.split('\n')[0] : error})${onInstall ? '; it runs from the TypeScript sources instead' : ''}\n`);
  process.exitCode = onInstall ? 0 : 1;
}
