// Keeps the warnings of one file in ingest_warning, attached by position to the rows they concern.
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import { abbreviate, type Warning } from '../x12/diagnostics.ts';

export class WarningWriter {
  count = 0;
  private readonly out: BulkTable;

  private readonly fileId: string;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    this.out = bulk.table('ingest_warning');
  }

  add(w: Warning): void {
    this.count++;
    this.out.bigint(this.fileId).bigint(w.segment).bigint(w.subjectSegment).text(w.code).text(w.message)
      .text(w.segmentText === undefined ? null : abbreviate(w.segmentText, 500))
      .endRow();
  }
}
