#!/usr/bin/env -S node --max-semi-space-size=4
// The `rcm` command (compiled when the build is current, else from the sources: bin/compiled.mjs).
//
// Node starts it with a young generation of 4 MB semi-spaces instead of 16 (the shebang, and `npm run rcm`):
// an ingest allocates short-lived objects claim by claim, and a larger young generation only holds more of
// them, for a higher peak and no speed. A V8 flag that sizes the heap must be given at start: it cannot be
// set from here.
//
// CommonJS on purpose: this file runs before Node's module loader has read any other file, and that is
// the only moment the size of libuv's thread pool can still be chosen (the pool starts with the loader's
// first read). `rcm ingest` runs with one thread in it: every DuckDB call then runs on the same thread,
// whose allocator keeps one set of free memory instead of one per thread (a lower peak, and no slower;
// docs/performance.md). Other verbs keep Node's default (the server answers on several connections at once).
'use strict';

const args = process.argv.slice(2);
const verb = args.find((a) => !a.startsWith('-')); // the verb, found as cli/program.ts's main() finds it
if (verb === 'ingest' && !args.includes('--server')) process.env.UV_THREADPOOL_SIZE ??= '1';

import('./compiled.mjs')
  .then(({ loadEntry }) => loadEntry('cli/program.ts'))
  .then(async ({ main }) => {
    process.exitCode = await main(process.argv);
  });
