// Writes the remittances of one file into the warehouse tables as the mapper streams them out.
// Column order follows warehouse/migrations/001_ingest_and_remittance.sql as 017_lean_remittance.sql left it.
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { Cents } from '../../kernel/money.ts';
import type { AmountValue, ClaimPayment, Person, QuantityValue, Reference, Remark, Remittance, RemittanceSink, SentSegment } from '../remittance/remittance.ts';
import { payeeNpi, payeeTaxId, payerId } from '../remittance/remittance.ts';

const TABLES = [
  'remit_payment', 'remit_claim', 'remit_claim_party', 'remit_claim_adjudication_info', 'remit_service_line', 'remit_service_line_original',
  'remit_adjustment', 'remit_provider_adjustment', 'remit_reference', 'remit_amount', 'remit_quantity', 'remit_remark',
] as const;
type Table = (typeof TABLES)[number];

export interface RemittanceTotals {
  claims: number;
  claimPaid: Cents;
  paymentAmount: Cents;
  providerAdjustments: Cents;
}

export class RemittanceWriter implements RemittanceSink {
  readonly totals: RemittanceTotals = { claims: 0, claimPaid: 0, paymentAmount: 0, providerAdjustments: 0 };
  /** Segment positions of rows that failed a balancing rule. */
  private readonly unbalanced = new Set<number>();

  private readonly out = {} as Record<Table, BulkTable>;

  private readonly fileId: string;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    for (const table of TABLES) this.out[table] = bulk.table(table);
  }

  /** Called for each balancing warning before the row it concerns is written. */
  markUnbalanced(subjectPosition: number): void {
    this.unbalanced.add(subjectPosition);
  }

  claim(remittance: Remittance, claim: ClaimPayment): void {
    const t = remittance.header.position;
    const c = claim.position;
    const patient = claim.patient;
    const rendering = claim.renderingProvider;
    this.out.remit_claim.bigint(this.fileId).bigint(c).bigint(t)
      .text(claim.headerNumber).text(claim.patientControlNumber).text(claim.statusCode)
      .money(claim.charge).money(claim.paid).money(claim.patientResponsibility)
      .text(claim.filingIndicator).text(claim.payerClaimNumber).text(claim.facilityTypeCode).text(claim.frequencyCode)
      .text(claim.drgCode).decimal(claim.drgWeight).decimal(claim.dischargeFraction).bool(claim.isReversal)
      .text(patient?.lastName).text(patient?.firstName).text(patient?.middleName).text(patient?.idQualifier).text(patient?.id)
      .text(rendering?.entityType).text(rendering?.lastName).text(rendering?.firstName).text(rendering?.idQualifier).text(rendering?.id)
      .date(claim.statementFrom).date(claim.statementTo).date(claim.coverageExpiration).date(claim.receivedDate)
      .bool(this.balanced(c, claim.charge !== null && claim.paid !== null))
      .endRow();
    this.party(c, 'IL', claim.insured);
    this.party(c, '74', claim.correctedPatient);
    this.party(c, 'TT', claim.crossoverCarrier);
    this.party(c, 'PR', claim.correctedPayer);
    this.party(c, 'GB', claim.otherSubscriber);
    this.adjudicationInfo(c, 'inpatient', claim.inpatientAdjudication);
    this.adjudicationInfo(c, 'outpatient', claim.outpatientAdjudication);

    for (const a of claim.adjustments) this.adjustment(c, null, a);
    this.references(t, c, null, 'claim', claim.references);
    this.amounts(c, null, claim.amounts);
    this.quantities(c, null, claim.quantities);
    this.remarks(c, null, claim.remarks);

    for (const line of claim.lines) {
      const l = line.position;
      const p = line.procedure;
      const o = line.originalProcedure;
      this.out.remit_service_line.bigint(this.fileId).bigint(l).bigint(c)
        .text(p.qualifier).text(p.code).text(p.modifiers[0]).text(p.modifiers[1]).text(p.modifiers[2]).text(p.modifiers[3])
        .text(p.description).money(line.charge).money(line.paid).text(line.revenueCode).decimal(line.units)
        .date(line.serviceDate).date(line.serviceStart).date(line.serviceEnd)
        .text(line.lineControlNumber).money(line.allowedAmount).bool(this.balanced(l, line.charge !== null && line.paid !== null))
        .endRow();
      if (o !== null || line.originalUnits !== null) {
        this.out.remit_service_line_original.bigint(this.fileId).bigint(l).bigint(c)
          .text(o?.qualifier).text(o?.code).text(o?.modifiers[0]).text(o?.modifiers[1]).text(o?.modifiers[2]).text(o?.modifiers[3])
          .decimal(line.originalUnits)
          .endRow();
      }
      for (const a of line.adjustments) this.adjustment(c, l, a);
      this.references(t, c, l, 'line', line.references);
      this.amounts(c, l, line.amounts);
      this.quantities(c, l, line.quantities);
      this.remarks(c, l, line.remarks);
    }
    this.totals.claims++;
    this.totals.claimPaid += claim.paid ?? 0;
  }

  remittance(remittance: Remittance): void {
    const t = remittance.header.position;
    const p = remittance.payment;
    const plbTotal = remittance.providerAdjustments.reduce((sum, a) => sum + a.amount, 0);
    this.out.remit_payment.bigint(this.fileId).bigint(t).bigint(p.position)
      .text(p.handlingCode).money(p.amount).text(p.creditDebit).text(p.method).text(p.format).date(p.date)
      .text(p.traceType).text(p.traceNumber).text(p.originatorId).text(p.originatorSupplementalCode)
      .date(p.productionDate).text(p.currency)
      .text(remittance.payer.name).text(payerId(remittance)).text(remittance.payer.idQualifier)
      .text(remittance.payee.name).text(remittance.payee.idQualifier).text(remittance.payee.id)
      .text(payeeNpi(remittance)).text(payeeTaxId(remittance))
      .int(remittance.claimCount).money(remittance.claimPaidTotal).money(plbTotal)
      .bool(this.balanced(p.position ?? t, p.amount !== null))
      .endRow();
    this.references(t, null, null, 'payment', p.references);
    this.references(t, null, null, 'payer', remittance.payer.references);
    this.references(t, null, null, 'payee', remittance.payee.references);
    for (const a of remittance.providerAdjustments) {
      this.out.remit_provider_adjustment.bigint(this.fileId).bigint(a.position).int(a.pair).bigint(t)
        .text(a.providerId).date(a.fiscalPeriodDate).text(a.reason).text(a.reference).money(a.amount)
        .endRow();
    }
    this.totals.paymentAmount += p.amount ?? 0;
    this.totals.providerAdjustments += plbTotal;
  }

  private balanced(position: number, checkable: boolean): boolean | null {
    if (!checkable) return null;
    return !this.unbalanced.has(position);
  }

  private adjustment(claim: number, line: number | null, a: ClaimPayment['adjustments'][number]): void {
    this.out.remit_adjustment.bigint(this.fileId).bigint(a.position).int(a.triplet).bigint(claim).bigint(line)
      .text(a.group).text(a.reason).money(a.amount).decimal(a.quantity)
      .endRow();
  }

  /** A situational NM1 of the claim (insured, corrected patient, crossover carrier, corrected payer, other subscriber). */
  private party(claim: number, entityCode: string, p: Person | null): void {
    if (p === null) return;
    this.out.remit_claim_party.bigint(this.fileId).bigint(p.position).bigint(claim).text(entityCode)
      .text(p.entityType).text(p.lastName).text(p.firstName).text(p.middleName).text(p.idQualifier).text(p.id)
      .endRow();
  }

  private adjudicationInfo(claim: number, kind: 'inpatient' | 'outpatient', segment: SentSegment | null): void {
    if (segment === null) return;
    this.out.remit_claim_adjudication_info.bigint(this.fileId).bigint(segment.position).bigint(claim).text(kind).text(segment.text).endRow();
  }

  private references(transaction: number, claim: number | null, line: number | null, scope: string, refs: Reference[]): void {
    for (const r of refs) {
      this.out.remit_reference.bigint(this.fileId).bigint(r.position).bigint(transaction).bigint(claim).bigint(line)
        .text(scope).text(r.qualifier).text(r.value)
        .endRow();
    }
  }

  private amounts(claim: number, line: number | null, amounts: AmountValue[]): void {
    for (const a of amounts) {
      this.out.remit_amount.bigint(this.fileId).bigint(a.position).bigint(claim).bigint(line).text(a.qualifier).money(a.amount).endRow();
    }
  }

  private quantities(claim: number, line: number | null, quantities: QuantityValue[]): void {
    for (const q of quantities) {
      this.out.remit_quantity.bigint(this.fileId).bigint(q.position).bigint(claim).bigint(line).text(q.qualifier).decimal(q.quantity).endRow();
    }
  }

  private remarks(claim: number, line: number | null, remarks: Remark[]): void {
    for (const r of remarks) {
      this.out.remit_remark.bigint(this.fileId).bigint(r.position).bigint(claim).bigint(line).text(r.source).text(r.qualifier).text(r.code).endRow();
    }
  }
}
