#!/usr/bin/env node
// `npm start` (compiled when the build is current, else from the sources: bin/compiled.mjs).
import { loadEntry } from './compiled.mjs';

await loadEntry('bin/start.ts');
