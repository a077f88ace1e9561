// Reads an 837 file through the mapper alone (no warehouse): its claims, submissions and warnings.
import type { Warning } from '../../ingest/x12/diagnostics.ts';
import { readX12File } from '../../ingest/x12/reader.ts';
import { TransactionRouter } from '../../ingest/transaction-router.ts';
import type { Claim, Submission } from '../../ingest/claims/claim.ts';
import { Claim837Mapper } from '../../ingest/claims/map-837.ts';

export async function read837(name: string, path: string) {
  const claims: Claim[] = [];
  const submissions: Submission[] = [];
  const warnings: Warning[] = [];
  const sink = { claim: (_: Submission, c: Claim) => claims.push(c), submission: (s: Submission) => submissions.push(s) };
  await readX12File(path, new TransactionRouter({ '837': (h) => new Claim837Mapper(h, sink, (w) => warnings.push(w)) }, (w) => warnings.push(w)), name);
  return { claims, submissions, warnings, codes: warnings.map((w) => w.code) };
}

/** A claim's diagnoses as qualifier:code. */
export const diagnosisCodes = (c: Claim) => c.diagnoses.map((d) => `${d.qualifier}:${d.code}`);
