// The public X12 samples in ../shared/samples/x12 (read from there, never copied into the repo).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = fileURLToPath(new URL('../../../shared/samples/x12/', import.meta.url));

export function samplePath(name: string): string {
  return SAMPLES_DIR + name;
}

export function sampleBytes(name: string): Buffer {
  return readFileSync(samplePath(name));
}
