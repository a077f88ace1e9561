// Reads written files back for the tests: with our own reader and mappers (collecting every warning),
// and with the npm package node-x12 as an independent check of the envelope and segment counts.
import { X12Parser, type X12Interchange } from 'node-x12';
import { Ack277caMapper } from '../../ingest/acknowledgments/map-277ca.ts';
import { Ack999Mapper } from '../../ingest/acknowledgments/map-999.ts';
import type { Acknowledgment999, ClaimStatus } from '../../ingest/acknowledgments/acknowledgment.ts';
import type { Claim, Submission } from '../../ingest/claims/claim.ts';
import { Claim837Mapper } from '../../ingest/claims/map-837.ts';
import { TransactionRouter } from '../../ingest/transaction-router.ts';
import type { Warning } from '../../ingest/x12/diagnostics.ts';
import { readX12Bytes } from '../../ingest/x12/reader.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

export async function read837(text: string) {
  const claims: Claim[] = [];
  const submissions: Submission[] = [];
  const warnings: Warning[] = [];
  const sink = { claim: (_: Submission, c: Claim) => claims.push(c), submission: (s: Submission) => submissions.push(s) };
  await readX12Bytes(bytes(text), new TransactionRouter({ '837': (h) => new Claim837Mapper(h, sink, (w) => warnings.push(w)) }, (w) => warnings.push(w)), 'written.837');
  return { claims, submissions, warnings };
}

export async function readAcknowledgments(text: string) {
  const acks: Acknowledgment999[] = [];
  const statuses: ClaimStatus[] = [];
  const warnings: Warning[] = [];
  const sink = { ack999: (a: Acknowledgment999) => acks.push(a), claimStatus: (_: unknown, s: ClaimStatus) => statuses.push(s) };
  const warn = (w: Warning) => warnings.push(w);
  const router = new TransactionRouter({ '999': (h) => new Ack999Mapper(h, sink, warn), '277': (h) => new Ack277caMapper(h, sink, warn) }, warn);
  await readX12Bytes(bytes(text), router, 'written.ack');
  return { acks, statuses, warnings };
}

/**
 * node-x12's view of a file: strict mode throws on the first envelope error (SE01, SE02, GE01, GE02,
 * IEA01, IEA02, the ISA length); loose mode lists them all as diagnostics.
 */
export function nodeX12(text: string): { interchange: X12Interchange; diagnostics: string[] } {
  const interchange = new X12Parser(true).parse(text) as X12Interchange;
  const loose = new X12Parser(false);
  loose.parse(text);
  return { interchange, diagnostics: loose.diagnostics.map((d) => d.message) };
}

/** How many segments node-x12 found in the transaction sets, ST and SE included. */
export function segmentCount(interchange: X12Interchange): number {
  return interchange.functionalGroups.flatMap((g) => g.transactions).reduce((n, t) => n + t.segments.length + 2, 0);
}

/**
 * The HL levels of each transaction set, checked: HL01 counts from 1, HL02 names an earlier level, HL04
 * (when sent) says 1 exactly when a later level names this one as its parent. Returns "id parent code"
 * per level, per set.
 */
export function hierarchy(text: string): string[][] {
  const sets: string[][] = [];
  let levels: string[][] = [];
  for (const line of text.split('~\n')) {
    const e = line.split('*');
    if (e[0] === 'ST') levels = [];
    if (e[0] === 'HL') levels.push(e);
    if (e[0] !== 'SE') continue;
    levels.forEach(([, id, parent, , child], i) => {
      if (id !== String(i + 1)) throw new Error(`HL01 ${id} where ${i + 1} was due`);
      if (parent !== '' && !levels.slice(0, i).some((l) => l[1] === parent)) throw new Error(`HL ${id} names parent ${parent}, which is not an earlier level`);
      const hasChildren = levels.some((l) => l[2] === id);
      if (child !== undefined ? child !== (hasChildren ? '1' : '0') : hasChildren) throw new Error(`HL ${id}: HL04 ${child ?? '(none)'} but ${hasChildren ? 'it has' : 'no'} children`);
    });
    sets.push(levels.map(([, id, parent, code]) => `${id} ${parent || '-'} ${code}`));
  }
  return sets;
}
