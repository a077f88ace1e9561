// The synthetic practice's own record of what happened: the practice, its claims, and every dated event of
// each claim's life (submissions, acknowledgments, adjudications, postings). The file writers turn these
// into X12 and CSV files; the ground truth computes the metrics from them, never from the warehouse.
// Money is integer cents; dates are ISO 'YYYY-MM-DD' strings.

export type Cents = number;
export type IsoDate = string;

/** Claim.payerId of a visit without insurance: charges export and patient postings only, never an 837. */
export const SELF_PAY = 'SELFPAY';

export type PayerKind = 'medicare' | 'medicaid' | 'commercial' | 'medicare_advantage' | 'self_pay';

export interface Payer {
  /** Payer id as sent in 2010BB NM109 and 835 N1*PR N104. */
  id: string;
  name: string;
  kind: PayerKind;
  /** 837 SBR09 claim filing indicator: MB, MC, CI, 16, ZZ. */
  filingIndicator: string;
}

export interface Provider {
  npi: string;
  lastName: string;
  firstName: string;
  /** NUCC taxonomy code (PRV*PE). */
  taxonomy: string;
  specialty: string;
}

export interface Location {
  id: string;
  name: string;
  npi: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** CMS place of service code (CLM05-1). */
  placeOfService: string;
}

export interface Patient {
  /** Practice account number. */
  id: string;
  memberId: string;
  lastName: string;
  firstName: string;
  birthDate: IsoDate;
  sex: 'M' | 'F';
  street: string;
  city: string;
  state: string;
  zip: string;
  payerId: string;
  /** A secondary payer that receives crossovers from the primary (dual eligibles, Medigap). */
  secondaryPayerId?: string;
}

export interface Practice {
  name: string;
  billingNpi: string;
  taxId: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** The clearinghouse that sends the 999 and 277CA. */
  submitterId: string;
  receiverId: string;
  providers: Provider[];
  locations: Location[];
  payers: Payer[];
}

export interface ServiceLine {
  /** 1-based line number (LX01). */
  number: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  charge: Cents;
  /** 1-based pointers into Claim.diagnoses. */
  diagnosisPointers: number[];
  serviceDate: IsoDate;
  /** REF*6R, echoed back in the 835 line. */
  controlNumber: string;
}

export interface Claim {
  /** Patient control number: CLM01 = CLP01 = 277CA TRN02 = posting claim id. */
  id: string;
  patient: Patient;
  /** The payer billed (primary); 'SELFPAY' for self-pay encounters, which never become 837s. */
  payerId: string;
  renderingNpi: string;
  locationId: string;
  /** ICD-10-CM codes without the dot, principal first. */
  diagnoses: string[];
  lines: ServiceLine[];
  /** Σ line charges. */
  charge: Cents;
  /** First date of service. */
  serviceDate: IsoDate;
  /** REF*G1 when the payer required an authorization and it was obtained. */
  priorAuthorization?: string;
}

/** One send of a claim in an 837 file. */
export interface Submission {
  claimId: string;
  date: IsoDate;
  payerId: string;
  /** CLM05-3: 1 original (also a resend after a front-end rejection), 7 replacement, 8 void. */
  frequency: '1' | '7' | '8';
  /** REF*F8 on a replacement or void: the payer's claim number of the claim it replaces. */
  originalPayerClaimNumber?: string;
  /** The claim as sent this time (a corrected claim may carry fixed codes; its charge stays the same). */
  claim: Claim;
  /** True for the first time this claim was ever sent. */
  isFirst: boolean;
}

/** The 999 result for the transaction set (one per payer per 837 file) that carried a submission. */
export interface Acknowledgment999 {
  claimId: string;
  /** Date of the 999 file. */
  date: IsoDate;
  submissionDate: IsoDate;
  payerId: string;
  /** IK501 / AK901: A accepted, E accepted with errors, R rejected. */
  status: 'A' | 'E' | 'R';
}

/** The 277CA claim-level status for one submission that passed the 999. */
export interface ClaimStatus277 {
  claimId: string;
  date: IsoDate;
  submissionDate: IsoDate;
  payerId: string;
  /** STC01-1: A1/A2 accepted, A3/A4/A6/A7/A8 rejected. */
  category: string;
  /** STC01-2. */
  statusCode: string;
  /** STC01-3, e.g. IL (subscriber), 85 (billing provider), 82 (rendering). */
  entity?: string;
  /** REF*1K on accepted claims. */
  payerClaimNumber?: string;
  charge: Cents;
}

export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export interface Adjustment {
  group: AdjustmentGroup;
  carc: string;
  /** Positive reduces the payment; reversals carry negated amounts. */
  amount: Cents;
}

export interface LineAdjudication {
  /** The ServiceLine.number this adjudicates. */
  line: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  charge: Cents;
  paid: Cents;
  adjustments: Adjustment[];
  /** AMT*B6, sent by the payers that report what they allowed (0 on a denied line); negated on a reversal. */
  allowed?: Cents;
  /** RARC codes (LQ*HE). */
  remarks: string[];
  controlNumber: string;
  serviceDate: IsoDate;
}

/** One 835 claim payment record (CLP loop). Reversals (status 22) repeat the original with amounts negated. */
export interface Adjudication {
  claimId: string;
  payerId: string;
  /** BPR16: the payment date of the remittance that carries it. */
  date: IsoDate;
  /** CLP02: 1 processed as primary, 2 as secondary, 4 denied, 19 primary and forwarded, 22 reversal. */
  status: '1' | '2' | '3' | '4' | '19' | '22';
  charge: Cents;
  paid: Cents;
  /** CLP05: Σ PR adjustments. */
  patientResponsibility: Cents;
  /** CLP07. */
  payerClaimNumber: string;
  claimAdjustments: Adjustment[];
  lines: LineAdjudication[];
  isReversal: boolean;
  /** Set on a crossover by the primary (CLP02 19): the secondary payer it was forwarded to (NM1*TT). */
  forwardedTo?: string;
}

/** PLB: money on the remittance that belongs to no claim. */
export interface ProviderAdjustment {
  payerId: string;
  date: IsoDate;
  /** PLB03-1: L6 interest, WO overpayment recovery. */
  reason: 'L6' | 'WO';
  reference: string;
  /** As in PLB: negative adds to the payment (interest), positive takes money back (recoupment). */
  amount: Cents;
}

/** One 835 file: a payer's payment on a date. BPR02 = Σ paid − Σ provider adjustments. */
export interface Remittance {
  payerId: string;
  date: IsoDate;
  method: 'ACH' | 'CHK';
  traceNumber: string;
  adjudications: Adjudication[];
  providerAdjustments: ProviderAdjustment[];
  total: Cents;
}

/** A statement (the patient billed) moves no money; the ledger shows it as an event. */
export type PostingType = 'patient_payment' | 'refund' | 'write_off' | 'statement';

/** A practice-management posting (CSV export). */
export interface Posting {
  claimId: string;
  date: IsoDate;
  type: PostingType;
  /** Positive. */
  amount: Cents;
  /** Whose dollars: the patient portion or the insurance portion (written as payer_or_patient: 'patient' or the payer name). */
  portion: 'patient' | 'insurance';
  /** Our own codes: COPAY, STATEMENT, OVERPAYMENT, SMALL_BALANCE, BAD_DEBT, DENIAL, TIMELY_FILING, DUPLICATE, SELF_PAY_DISCOUNT, and a clerk's MISC that no reason table knows. */
  reasonCode: string;
  reference: string;
}

/** An appeal of a denied claim, as the practice's appeal log records it. */
export interface Appeal {
  claimId: string;
  /** The day the appeal was sent. */
  date: IsoDate;
  /** 1: the first level. */
  level: number;
  /** What the payer answered; pending while its answer is still to come (after the end of the data set). */
  outcome: 'pending' | 'overturned' | 'upheld';
  /** The day of the answer: the corrected 835's, or the write-off's when the denial stood. */
  outcomeDate: IsoDate | null;
}

/** Everything that happened to one claim, each list in date order. */
export interface ClaimHistory {
  claim: Claim;
  submissions: Submission[];
  acknowledgments999: Acknowledgment999[];
  statuses277: ClaimStatus277[];
  adjudications: Adjudication[];
  postings: Posting[];
  /** The appeals the practice sent (none when the history predates appeal logs). */
  appeals?: Appeal[];
  /** Names of planted patterns this claim belongs to. */
  patterns: string[];
}

/** A coding pattern planted in the data for a billing lead to find. */
export interface PlantedPattern {
  name: string;
  description: string;
  payerId?: string;
  renderingNpi?: string;
  procedureCodes: string[];
  modifier?: string;
  carc: string;
  category: string;
}
