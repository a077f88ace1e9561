// Another practice made from the demo practice's files: the same visits under another billing NPI, claim
// numbers and submitter id (which its 999s are addressed to), for tests of what one practice may see of another.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLDERS } from '../../demo/dataset/write-dataset.ts';
import { PRACTICE } from '../../demo/practice/practice.ts';

export interface PracticeCopy {
  billingNpi: string;
  submitterId: string;
  /** Replaces the demo's claim number prefix (MFH); omitted, the copy numbers its claims as the demo does. */
  claimPrefix?: string;
}

/** Copies the demo practice's dataset folder `from` to `to`, rewritten as another practice. */
export function copyPractice(from: string, to: string, copy: PracticeCopy): void {
  cpSync(from, to, { recursive: true });
  for (const folder of Object.values(FOLDERS)) {
    for (const file of readdirSync(join(to, folder))) {
      const path = join(to, folder, file);
      let text = readFileSync(path, 'utf8').replaceAll(PRACTICE.billingNpi, copy.billingNpi);
      if (copy.claimPrefix) text = text.replaceAll('MFH', copy.claimPrefix);
      writeFileSync(path, text.replaceAll(PRACTICE.submitterId, copy.submitterId));
    }
  }
}
