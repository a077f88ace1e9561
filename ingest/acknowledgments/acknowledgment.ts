// Front-end acknowledgments of claim files: the 999 (did the clearinghouse accept each 837 transaction
// set?) and the 277CA (did the payer accept each claim into adjudication?).
import type { TransactionHeader } from '../x12/envelope.ts';
import type { Cents } from '../../kernel/money.ts';

export interface SetError {
  position: number;
  kind: 'segment' | 'element' | 'context';
  /** IK301 segment id, or IK401 element position, or the CTX text. */
  segmentId: string | null;
  segmentPosition: string | null;
  loopId: string | null;
  elementPosition: string | null;
  elementReference: string | null;
  errorCode: string | null;
  badValue: string | null;
}

/** One AK2 loop: the response to one transaction set of the acknowledged group. */
export interface SetResponse {
  position: number;
  functionalId: string | null;
  groupControlNumber: string | null;
  groupVersion: string | null;
  transactionType: string | null;
  transactionControlNumber: string | null;
  implementationReference: string | null;
  /** IK501: A accepted, E accepted with errors, R rejected (M, W, X also rejected). */
  status: string | null;
  statusCodes: string[];
  errors: SetError[];
}

export interface GroupResponse {
  position: number;
  functionalId: string | null;
  groupControlNumber: string | null;
  groupVersion: string | null;
  /** AK901: A, E, P (partially accepted), R. */
  status: string | null;
  setsIncluded: string | null;
  setsReceived: string | null;
  setsAccepted: string | null;
}

export interface Acknowledgment999 {
  header: TransactionHeader;
  sets: SetResponse[];
  groups: GroupResponse[];
}

/**
 * One STC of a 277CA: for a claim (2200D), a service line (2220D), a billing provider with all its claims
 * (2200C) or the whole batch (2200B).
 */
export interface ClaimStatus {
  position: number;
  level: 'batch' | 'provider' | 'claim' | 'line';
  /** The billing provider's NPI (2100C), which scopes the patient control number. */
  billingProviderNpi: string | null;
  patientControlNumber: string | null;
  payerClaimNumber: string | null;
  clearinghouseTrace: string | null;
  billType: string | null;
  category: string;
  statusCode: string | null;
  entity: string | null;
  /** STC02; the file's date when STC02 is not a date (acknowledgments are dated by their file). */
  statusDate: string | null;
  actionCode: string | null;
  charge: Cents | null;
  /** STC10 and STC11, as sent. */
  additionalStatuses: string[];
  serviceDate: string | null;
  lineControlNumber: string | null;
  procedureCode: string | null;
}

export const REJECTED_CATEGORIES = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);
export const ACCEPTED_CATEGORIES = new Set(['A1', 'A2']);

export interface AcknowledgmentSink {
  ack999(ack: Acknowledgment999): void;
  claimStatus(header: TransactionHeader, status: ClaimStatus): void;
}
