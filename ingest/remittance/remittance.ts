// The remittance (835) as the workbench sees it: a payment with its claims, service lines,
// adjustments and provider-level adjustments. Money is integer cents; dates are ISO strings.
import type { TransactionHeader } from '../x12/envelope.ts';
import type { Cents } from '../../kernel/money.ts';

export interface Reference {
  qualifier: string;
  value: string;
  position: number;
}

export interface AmountValue {
  qualifier: string;
  amount: Cents;
  position: number;
}

export interface QuantityValue {
  qualifier: string;
  quantity: string | null;
  position: number;
}

export interface Remark {
  /** MOA, MIA (claim) or LQ (line). */
  source: 'MOA' | 'MIA' | 'LQ';
  /** HE (RARC) or RX (NCPDP reject) for LQ; the element name (MOA03, MIA05) for claim remarks. */
  qualifier: string;
  code: string;
  position: number;
}

/** A segment kept as it was sent, with where it was. */
export interface SentSegment {
  text: string;
  position: number;
}

export interface Adjustment {
  position: number;
  /** 1..6: which triplet of the CAS segment. */
  triplet: number;
  group: string;
  reason: string;
  amount: Cents;
  quantity: string | null;
}

export interface Person {
  entityType: string | null;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  suffix: string | null;
  idQualifier: string | null;
  id: string | null;
  position: number;
}

export interface Procedure {
  qualifier: string | null;
  code: string | null;
  /** SVC01-3..6 in their positions (null: a position left empty before a later modifier). */
  modifiers: (string | null)[];
  description: string | null;
}

export interface ServiceLine {
  position: number;
  procedure: Procedure;
  charge: Cents | null;
  paid: Cents | null;
  revenueCode: string | null;
  /** Units paid; one when the payer leaves SVC05 empty (TR3). */
  units: string;
  originalProcedure: Procedure | null;
  originalUnits: string | null;
  serviceDate: string | null;
  serviceStart: string | null;
  serviceEnd: string | null;
  /** REF*6R, the provider's line item control number (the 837 line it pays). */
  lineControlNumber: string | null;
  /** AMT*B6, the allowed amount (informational; not part of balancing). */
  allowedAmount: Cents | null;
  adjustments: Adjustment[];
  /** REF and AMT segments other than the first REF*6R and AMT*B6, which have fields of their own. */
  references: Reference[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  remarks: Remark[];
}

export interface ClaimPayment {
  position: number;
  /** LX01 of the header-number loop the claim sits in. */
  headerNumber: string | null;
  patientControlNumber: string;
  /** CLP02; null when the sender left it empty (a warning says so). */
  statusCode: string | null;
  charge: Cents | null;
  paid: Cents | null;
  patientResponsibility: Cents | null;
  filingIndicator: string | null;
  payerClaimNumber: string | null;
  facilityTypeCode: string | null;
  frequencyCode: string | null;
  drgCode: string | null;
  drgWeight: string | null;
  dischargeFraction: string | null;
  /** CLP02 = 22: a reversal of a previous payment, amounts negated. */
  isReversal: boolean;
  patient: Person | null;
  insured: Person | null;
  correctedPatient: Person | null;
  renderingProvider: Person | null;
  crossoverCarrier: Person | null;
  correctedPayer: Person | null;
  otherSubscriber: Person | null;
  statementFrom: string | null;
  statementTo: string | null;
  coverageExpiration: string | null;
  receivedDate: string | null;
  /** The MIA and MOA segments as sent (their remark codes are also in `remarks`). */
  inpatientAdjudication: SentSegment | null;
  outpatientAdjudication: SentSegment | null;
  adjustments: Adjustment[];
  lines: ServiceLine[];
  references: Reference[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  remarks: Remark[];
}

export interface Party {
  name: string | null;
  idQualifier: string | null;
  id: string | null;
  references: Reference[];
  position: number | null;
}

export interface Payment {
  handlingCode: string | null;
  amount: Cents | null;
  creditDebit: string | null;
  method: string | null;
  format: string | null;
  date: string | null;
  traceType: string | null;
  traceNumber: string | null;
  originatorId: string | null;
  originatorSupplementalCode: string | null;
  productionDate: string | null;
  currency: string | null;
  /** Segment number of the BPR. */
  position: number | null;
  references: Reference[];
}

export interface ProviderAdjustment {
  position: number;
  /** 1..6: which pair of the PLB segment. */
  pair: number;
  providerId: string | null;
  fiscalPeriodDate: string | null;
  reason: string;
  reference: string | null;
  amount: Cents;
}

/** One 835 transaction set; its claims are streamed to the sink before it ends. */
export interface Remittance {
  header: TransactionHeader;
  payment: Payment;
  payer: Party;
  payee: Party;
  providerAdjustments: ProviderAdjustment[];
  claimCount: number;
  claimPaidTotal: Cents;
  endPosition: number;
}

export interface RemittanceSink {
  claim(remittance: Remittance, claim: ClaimPayment): void;
  remittance(remittance: Remittance): void;
}

/** The best payer identifier an 835 carries: N1*PR N104, else REF*2U, else TRN03 (the payer's EIN). */
export function payerId(remittance: Remittance): string | null {
  return remittance.payer.id ?? remittance.payer.references.find((r) => r.qualifier === '2U')?.value ?? remittance.payment.originatorId;
}

/** The payee's NPI, when N1*PE is sent with qualifier XX. */
export function payeeNpi(remittance: Remittance): string | null {
  return remittance.payee.idQualifier === 'XX' ? remittance.payee.id : null;
}

/** The payee's tax id: N1*PE with FI, else REF*TJ. */
export function payeeTaxId(remittance: Remittance): string | null {
  if (remittance.payee.idQualifier === 'FI') return remittance.payee.id;
  return remittance.payee.references.find((r) => r.qualifier === 'TJ')?.value ?? null;
}
