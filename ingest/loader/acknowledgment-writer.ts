// Writes 999 and 277CA acknowledgments into the warehouse. Column order follows
// warehouse/migrations/003_acknowledgments.sql (and the columns added by 012).
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { TransactionHeader } from '../x12/envelope.ts';
import { ACCEPTED_CATEGORIES, REJECTED_CATEGORIES, type Acknowledgment999, type AcknowledgmentSink, type ClaimStatus } from '../acknowledgments/acknowledgment.ts';

/** IK501 codes that mean the transaction set was not accepted. */
const REJECTED_999 = new Set(['R', 'M', 'W', 'X']);

export class AcknowledgmentWriter implements AcknowledgmentSink {
  /** Acknowledged transaction sets and claim statuses written. */
  count = 0;
  private readonly fileId: string;
  private readonly sets: BulkTable;
  private readonly errors: BulkTable;
  private readonly groups: BulkTable;
  private readonly statuses: BulkTable;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    this.sets = bulk.table('ack_999_set');
    this.errors = bulk.table('ack_999_error');
    this.groups = bulk.table('ack_999_group');
    this.statuses = bulk.table('ack_277ca_status');
  }

  ack999(ack: Acknowledgment999): void {
    for (const s of ack.sets) {
      this.count++;
      this.sets.bigint(this.fileId).bigint(s.position).bigint(ack.header.position)
        .text(s.functionalId).text(s.groupControlNumber).text(s.groupVersion).text(s.transactionType).text(s.transactionControlNumber)
        .text(s.status).text(s.statusCodes.join(' ') || null).bool(s.status !== null && REJECTED_999.has(s.status)).int(s.errors.length)
        .endRow();
      for (const e of s.errors) {
        this.errors.bigint(this.fileId).bigint(e.position).bigint(s.position).text(e.kind).text(e.segmentId).text(e.segmentPosition)
          .text(e.loopId).text(e.elementPosition).text(e.elementReference).text(e.errorCode).text(e.badValue)
          .endRow();
      }
    }
    for (const g of ack.groups) {
      this.groups.bigint(this.fileId).bigint(g.position).text(g.functionalId).text(g.groupControlNumber).text(g.status)
        .text(g.setsIncluded).text(g.setsReceived).text(g.setsAccepted)
        .endRow();
    }
  }

  claimStatus(header: TransactionHeader, s: ClaimStatus): void {
    this.count++;
    this.statuses.bigint(this.fileId).bigint(s.position).bigint(header.position).text(s.level)
      .text(s.patientControlNumber).text(s.payerClaimNumber).text(s.clearinghouseTrace).text(s.billType)
      .text(s.category).text(s.statusCode).text(s.entity).date(s.statusDate).text(s.actionCode).money(s.charge)
      .text(s.additionalStatuses.join(' ') || null).date(s.serviceDate).text(s.lineControlNumber).text(s.procedureCode)
      .bool(REJECTED_CATEGORIES.has(s.category)).bool(ACCEPTED_CATEGORIES.has(s.category)).text(s.billingProviderNpi)
      .endRow();
  }
}
