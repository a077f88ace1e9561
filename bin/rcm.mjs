#!/usr/bin/env node
// The `rcm` command: loads the TypeScript sources through tsx, then runs the CLI program.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./program.ts');
process.exitCode = await main(process.argv);
