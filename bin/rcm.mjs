#!/usr/bin/env node
// The `rcm` command (compiled when the build is current, else from the sources: bin/compiled.mjs).
import { loadEntry } from './compiled.mjs';

const { main } = await loadEntry('bin/program.ts');
process.exitCode = await main(process.argv);
