// Records each X12 transaction set of a loaded file with its envelope (x12_transaction), whatever its type.
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { TransactionHeader, TransactionTrailer } from '../x12/envelope.ts';

export class TransactionWriter {
  private readonly fileId: string;
  private readonly out: BulkTable;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    this.out = bulk.table('x12_transaction');
  }

  add(h: TransactionHeader, trailer: TransactionTrailer): void {
    const i = h.interchange;
    const g = h.group;
    this.out.bigint(this.fileId).bigint(h.position).bigint(trailer.position)
      .text(h.transactionType).text(h.controlNumber).text(h.implementationReference || null)
      .text(i?.controlNumber).text(i?.senderQualifier).text(i?.senderId).text(i?.receiverQualifier).text(i?.receiverId)
      .text(i?.date).text(i?.time).text(i?.version).text(i?.usage)
      .text(g?.functionalId).text(g?.controlNumber).text(g?.senderCode).text(g?.receiverCode).text(g?.date).text(g?.version)
      .endRow();
  }
}
