// Writes the claims of one 837 file into the warehouse as the mapper streams them out.
// Column order follows warehouse/migrations/002_claims.sql, with the changes of 019 (facility_code renamed
// place_of_service, facility_type_code added last).
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { Warning } from '../x12/diagnostics.ts';
import type { Claim, ClaimSink, Party, Submission } from '../claims/claim.ts';

const npi = (p: Party | null) => (p && p.idQualifier === 'XX' ? p.id : null);
const fullName = (p: Party | null) => (p ? [p.lastName, p.firstName].filter(Boolean).join(', ') || null : null);

export class ClaimWriter implements ClaimSink {
  claims = 0;
  private readonly fileId: string;
  private readonly submissions: BulkTable;
  private readonly claimRows: BulkTable;
  private readonly diagnoses: BulkTable;
  private readonly lines: BulkTable;

  constructor(
    bulk: BulkLoad,
    fileId: bigint,
    private readonly warn: (warning: Warning) => void,
  ) {
    this.fileId = String(fileId);
    this.submissions = bulk.table('claim_submission');
    this.claimRows = bulk.table('claim');
    this.diagnoses = bulk.table('claim_diagnosis');
    this.lines = bulk.table('claim_line');
  }

  claim(submission: Submission, c: Claim): void {
    this.claims++;
    this.claimRows.bigint(this.fileId).bigint(c.position).bigint(submission.header.position)
      .text(c.claimType).text(c.patientControlNumber).money(c.charge)
      .text(c.placeOfService).text(c.facilityCodeQualifier).text(c.frequencyCode).text(c.billType)
      .text(c.originalPayerClaimNumber).text(c.priorAuthorization).text(c.clearinghouseTrace).text(c.medicalRecordNumber)
      .date(c.statementFrom).date(c.statementTo).date(c.admissionDate)
      .text(fullName(c.billingProvider)).text(npi(c.billingProvider)).text(c.billingProvider.taxId).text(c.billingProvider.taxonomy)
      .text(c.subscriber.lastName).text(c.subscriber.firstName).text(c.subscriber.id)
      .text(c.subscriber.payerResponsibility).text(c.subscriber.relationship).text(c.subscriber.groupNumber).text(c.subscriber.filingIndicator)
      .text(c.patient.lastName).text(c.patient.firstName).date(c.patient.birthDate).text(c.patient.gender)
      .text(c.payer.lastName).text(c.payer.id)
      .text(fullName(c.renderingProvider)).text(npi(c.renderingProvider)).text(npi(c.referringProvider)).text(npi(c.attendingProvider))
      .text(fullName(c.serviceFacility))
      .int(c.lines.length).int(c.diagnoses.length).text(c.facilityTypeCode)
      .endRow();
    for (const d of c.diagnoses) {
      this.diagnoses.bigint(this.fileId).bigint(c.position).bigint(d.position).int(d.sequence).text(d.qualifier).text(d.code).bool(d.isPrincipal).endRow();
    }
    for (const l of c.lines) {
      const codes = l.diagnosisPointers.map((p) => {
        const code = c.diagnoses.find((d) => d.sequence === p)?.code ?? null;
        if (code === null) {
          this.warn({ code: 'invalid_value', file: submission.header.file, segment: l.position, subjectSegment: l.position, message: `diagnosis pointer ${p} points to no diagnosis of the claim (it has ${c.diagnoses.length})` });
        }
        return code;
      });
      this.lines.bigint(this.fileId).bigint(l.position).bigint(c.position).text(l.lineNumber)
        .text(l.procedureQualifier).text(l.procedureCode).text(l.modifiers[0]).text(l.modifiers[1]).text(l.modifiers[2]).text(l.modifiers[3])
        .text(l.revenueCode).money(l.charge).text(l.unitBasis).decimal(l.units).text(l.placeOfService)
        .text(l.diagnosisPointers.length > 0 ? l.diagnosisPointers.join(':') : null)
        .text(codes[0]).text(codes[1]).text(codes[2]).text(codes[3])
        .date(l.serviceDate).date(l.serviceDateEnd).text(l.lineControlNumber).text(npi(l.renderingProvider)).money(l.nonCoveredCharge)
        .endRow();
    }
  }

  submission(s: Submission): void {
    this.submissions.bigint(this.fileId).bigint(s.header.position).date(s.submittedDate).text(s.reference)
      .text(s.submitter.lastName).text(s.submitter.id).text(s.receiver.lastName).text(s.receiver.id).int(s.claimCount)
      .endRow();
  }
}
