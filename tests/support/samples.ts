// The public X12 samples (shared/samples/x12 of the workspace), read where RCM_SAMPLES_DIR points and never
// copied into the repository. Only the conformance lane and the full fuzz run read them: importing this
// module without the samples fails the file, with what to do.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

function samplesDir(): string {
  const dir = process.env.RCM_SAMPLES_DIR;
  if (!dir) throw new Error('RCM_SAMPLES_DIR is not set: the conformance lane and the full fuzz run read the public X12 samples from there (e.g. RCM_SAMPLES_DIR=../shared/samples/x12 npm run test:conformance); `npm test` does not need them');
  const full = resolve(dir);
  if (!existsSync(full) || !statSync(full).isDirectory()) throw new Error(`RCM_SAMPLES_DIR=${dir} is not a folder (${full}): point it at the public X12 samples`);
  return `${full}/`;
}

export const SAMPLES_DIR = samplesDir();

export function samplePath(name: string): string {
  return SAMPLES_DIR + name;
}

export function sampleBytes(name: string): Buffer {
  return readFileSync(samplePath(name));
}
