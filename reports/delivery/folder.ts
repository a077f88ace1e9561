// Delivery to a folder: the run's files copied into a folder of the run's own name inside it (a later run
// never overwrites an earlier one), written under a temporary name and renamed so that a reader of the
// folder never sees half a file.
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MonthlyPackageRun } from '../monthly/run.ts';

/** Copies the run's files; returns the folder they are in. */
export function deliverToFolder(run: MonthlyPackageRun, folder: string): string {
  const target = join(folder, basename(run.dir));
  mkdirSync(target, { recursive: true });
  for (const f of run.files) {
    const path = join(target, basename(f.path));
    copyFileSync(f.path, `${path}.part`);
    renameSync(`${path}.part`, path);
  }
  return target;
}
