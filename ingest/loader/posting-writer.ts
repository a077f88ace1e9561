// Writes payment-posting and charge rows of a CSV export. Column order follows
// warehouse/migrations/004_postings.sql.
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import type { ChargeRow, CsvSink, PaymentPosting, RowError } from '../postings/read-csv.ts';

export class PostingWriter implements CsvSink {
  rows = 0;
  readonly errors: RowError[] = [];
  private readonly fileId: string;
  private readonly payments: BulkTable;
  private readonly charges: BulkTable;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    this.payments = bulk.table('payment_posting');
    this.charges = bulk.table('charge_line');
  }

  payment(p: PaymentPosting): void {
    this.rows++;
    this.payments.bigint(this.fileId).int(p.line).text(p.rowKey).text(p.claimId).date(p.date).money(p.amount).text(p.type)
      .text(p.payerOrPatient).text(p.reasonCode).text(p.reference).text(p.billingNpi)
      .endRow();
  }

  charge(c: ChargeRow): void {
    this.rows++;
    this.charges.bigint(this.fileId).int(c.line).text(c.rowKey).text(c.claimId).date(c.serviceDate).text(c.provider).text(c.payer).text(c.location)
      .text(c.procedureCode).text(c.modifiers[0]).text(c.modifiers[1]).text(c.modifiers[2]).text(c.modifiers[3])
      .text(c.diagnoses[0]).text(c.diagnoses[1]).text(c.diagnoses[2]).text(c.diagnoses[3]).text(c.diagnoses.join(' ') || null)
      .decimal(c.units).money(c.charge).text(c.billingNpi)
      .endRow();
  }

  rowError(error: RowError): void {
    this.errors.push(error);
  }
}

/**
 * Inside the transaction: drops rows of these files that an earlier file already loaded; returns how many
 * per file. The keys loaded more than once are found by an aggregate, which DuckDB spills to disk when it
 * must: the EXISTS self-join it replaces held every key of the table in memory at once, and under the
 * load's memory cap a group of files holding the demo's 584,899 charges and a 277CA folder ran out.
 */
export async function dropRowsLoadedBefore(warehouse: Warehouse, fileIds: bigint[]): Promise<Map<bigint, number>> {
  const counts = new Map<bigint, number>();
  const list = `[${fileIds.join(',')}]`;
  for (const table of ['payment_posting', 'charge_line']) {
    const rows = await warehouse.all<{ file_id: bigint }>(
      `DELETE FROM ${table} p
       USING (SELECT row_key, min(file_id) AS first_file FROM ${table} GROUP BY row_key HAVING count(*) > 1) repeated
       WHERE p.row_key = repeated.row_key AND p.file_id > repeated.first_file
         AND p.file_id IN (SELECT unnest($1::BIGINT[]))
       RETURNING p.file_id`,
      [list],
    );
    for (const r of rows) counts.set(r.file_id, (counts.get(r.file_id) ?? 0) + 1);
  }
  return counts;
}
