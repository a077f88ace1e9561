// A claim as billed (837P professional or 837I institutional): who billed it, for whom, to which payer,
// its diagnoses and its service lines. Money is integer cents; dates are ISO strings.
import type { TransactionHeader } from '../x12/envelope.ts';
import type { Cents } from '../../kernel/money.ts';

export interface Party {
  entityType: string | null;
  lastName: string | null;
  firstName: string | null;
  idQualifier: string | null;
  id: string | null;
}

export interface Diagnosis {
  /** 1-based place among the claim's diagnoses, in HI order: what SV107 pointers refer to. */
  sequence: number;
  /** ABK/BK principal, ABF/BF other, ABJ admitting, APR reason for visit, ABN external cause (ICD-10 / ICD-9). */
  qualifier: string;
  code: string;
  isPrincipal: boolean;
  position: number;
}

export interface ClaimLine {
  position: number;
  lineNumber: string | null;
  procedureQualifier: string | null;
  procedureCode: string | null;
  /** SV101-3..6 / SV202-3..6 in their positions (null: left empty before a later modifier). */
  modifiers: (string | null)[];
  /** 837I: SV201. */
  revenueCode: string | null;
  charge: Cents | null;
  unitBasis: string | null;
  units: string | null;
  placeOfService: string | null;
  /** 837P SV107: pointers 1–12 into the claim's diagnoses. */
  diagnosisPointers: number[];
  serviceDate: string | null;
  serviceDateEnd: string | null;
  lineControlNumber: string | null;
  renderingProvider: Party | null;
  nonCoveredCharge: Cents | null;
}

export interface Claim {
  position: number;
  claimType: 'professional' | 'institutional';
  patientControlNumber: string;
  charge: Cents | null;
  /** CLM05-1 as sent: 837P place of service, 837I facility type code (the claim type says which). */
  facilityCode: string | null;
  facilityCodeQualifier: string | null;
  /** 837P: CLM05-1; null for an 837I, whose CLM05-1 is no place of service. */
  placeOfService: string | null;
  /** 837I: CLM05-1, the first two digits of the bill type; null for an 837P. */
  facilityTypeCode: string | null;
  frequencyCode: string | null;
  /** 837I: facility type + frequency, e.g. 131. */
  billType: string | null;
  originalPayerClaimNumber: string | null;
  priorAuthorization: string | null;
  clearinghouseTrace: string | null;
  medicalRecordNumber: string | null;
  statementFrom: string | null;
  statementTo: string | null;
  admissionDate: string | null;
  billingProvider: Party & { taxId: string | null; taxonomy: string | null };
  subscriber: Party & { payerResponsibility: string | null; relationship: string | null; groupNumber: string | null; filingIndicator: string | null; birthDate: string | null; gender: string | null };
  patient: Party & { birthDate: string | null; gender: string | null };
  payer: Party;
  renderingProvider: Party | null;
  referringProvider: Party | null;
  attendingProvider: Party | null;
  serviceFacility: Party | null;
  diagnoses: Diagnosis[];
  lines: ClaimLine[];
}

/** The submission an 837 transaction set is: who sent it and when. */
export interface Submission {
  header: TransactionHeader;
  /** BHT04: the date the claims were created for submission. */
  submittedDate: string | null;
  /** BHT03: the submitter's batch reference. */
  reference: string | null;
  submitter: Party;
  receiver: Party;
  claimCount: number;
  endPosition: number;
}

export interface ClaimSink {
  claim(submission: Submission, claim: Claim): void;
  submission(submission: Submission): void;
}
