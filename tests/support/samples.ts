// The public X12 samples of shared/samples/x12 (read from there, never copied into the repo). CI lays
// shared/ beside the repository; RCM_SAMPLES_DIR points elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  process.env.RCM_SAMPLES_DIR,
  fileURLToPath(new URL('../../../shared/samples/x12/', import.meta.url)),
  '/work/shared/samples/x12/',
].filter((d): d is string => Boolean(d));

const found = CANDIDATES.find((d) => existsSync(d));
if (!found) throw new Error(`the public X12 samples are missing: looked in ${CANDIDATES.join(', ')}; lay shared/ beside the repository or set RCM_SAMPLES_DIR`);

export const SAMPLES_DIR = found.endsWith('/') ? found : `${found}/`;

export function samplePath(name: string): string {
  return SAMPLES_DIR + name;
}

export function sampleBytes(name: string): Buffer {
  return readFileSync(samplePath(name));
}
