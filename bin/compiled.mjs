// Loads an entry point of the workbench (cli/program.ts for `rcm`, bin/start.ts for `npm start`): compiled
// (bin/build-cli.mjs) when the build is current, else from the TypeScript sources through tsx.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const COMPILED_DIR = `${root}dist/cli`;
export const COMPILED_MANIFEST = `${COMPILED_DIR}/manifest.json`;
export const ENTRY_POINTS = ['cli/program.ts', 'bin/start.ts'];

/**
 * Whether a build is current: its manifest exists and no source it was built from (paths relative to
 * `base`) changed, or went, since. Otherwise the sources run through tsx, so an edit is never run stale.
 */
export function isBuildCurrent(manifestPath = COMPILED_MANIFEST, base = root) {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return manifest.sources.every((source) => statSync(`${base}${source}`).mtimeMs <= manifest.builtAt);
  } catch {
    return false;
  }
}

/** The module of an entry point (a path of ENTRY_POINTS); RCM_FROM_SOURCES=1 always runs the sources. */
export async function loadEntry(entry) {
  if (process.env.RCM_FROM_SOURCES !== '1' && isBuildCurrent()) {
    // stack traces name the TypeScript sources
    process.setSourceMapsEnabled(true);
    return import(pathToFileURL(`${COMPILED_DIR}/${entry.replace(/\.ts$/, '.js')}`).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(`${root}${entry}`).href);
}
