// The three balancing rules of the 835 (docs/x12-and-csv.md, "835 mapping and balancing"). A failure is a warning attached to the
// row it concerns; the remittance still loads.
import type { Warning } from '../x12/diagnostics.ts';
import { refText, type SegmentRef } from '../x12/segment.ts';
import { formatCents, type Cents } from '../../kernel/money.ts';
import type { Adjustment, ClaimPayment, Remittance, ServiceLine } from './remittance.ts';

const sumAdjustments = (adjustments: Adjustment[]): Cents => adjustments.reduce((sum, a) => sum + a.amount, 0);

/** Service line: SVC02 − Σ line CAS = SVC03. */
export function checkLine(file: string, line: ServiceLine, segment?: SegmentRef): Warning[] {
  if (line.charge === null || line.paid === null) return [];
  const adjusted = sumAdjustments(line.adjustments);
  if (line.charge - adjusted === line.paid) return [];
  return [{
    code: 'line_unbalanced',
    file,
    segment: line.position,
    segmentText: segment && refText(segment),
    subjectSegment: line.position,
    message: `service line does not balance: charge ${formatCents(line.charge)} − adjustments ${formatCents(adjusted)} = ${formatCents(line.charge - adjusted)}, but paid is ${formatCents(line.paid)}`,
  }];
}

/** Claim: CLP03 − Σ claim and line CAS = CLP04. */
export function checkClaim(file: string, claim: ClaimPayment, segment?: SegmentRef): Warning[] {
  if (claim.charge === null || claim.paid === null) return [];
  const adjusted = sumAdjustments(claim.adjustments) + claim.lines.reduce((sum, l) => sum + sumAdjustments(l.adjustments), 0);
  if (claim.charge - adjusted === claim.paid) return [];
  return [{
    code: 'claim_unbalanced',
    file,
    segment: claim.position,
    segmentText: segment && refText(segment),
    subjectSegment: claim.position,
    message: `claim ${claim.patientControlNumber} does not balance: charge ${formatCents(claim.charge)} − adjustments ${formatCents(adjusted)} = ${formatCents(claim.charge - adjusted)}, but paid is ${formatCents(claim.paid)}`,
  }];
}

/** Transaction: Σ CLP04 − Σ PLB = BPR02 (a debit BPR03 = D counts as negative). */
export function checkTransaction(remittance: Remittance, segment?: SegmentRef): Warning[] {
  const { payment } = remittance;
  if (payment.amount === null) return [];
  const plb = remittance.providerAdjustments.reduce((sum, a) => sum + a.amount, 0);
  const expected = remittance.claimPaidTotal - plb;
  const actual = payment.creditDebit === 'D' ? -payment.amount : payment.amount;
  if (expected === actual) return [];
  const subject = payment.position ?? remittance.header.position;
  return [{
    code: 'transaction_unbalanced',
    file: remittance.header.file,
    segment: subject,
    segmentText: segment && refText(segment),
    subjectSegment: subject,
    message: `remittance ${remittance.header.controlNumber} does not balance: claim payments ${formatCents(remittance.claimPaidTotal)} − provider adjustments ${formatCents(plb)} = ${formatCents(expected)}, but BPR02 is ${formatCents(actual)}`,
  }];
}
