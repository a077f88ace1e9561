// Appeal logs: recognised by their header (the built-in export spellings), bad rows refused with their line
// and raw text while the others load, the same log twice loaded once, a later log's row for a claim and
// level replacing the earlier one.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

const LOG = [
  'Claim ID,Appeal Date,Appeal Level,Appeal Outcome,Outcome Date',
  'PCN1,2025-03-20,1,,',
  'PCN2,03/22/2025,Level 2,Won,2025-05-01',
  'PCN3,2025-03-25,first,partially approved,',
  ',2025-03-25,1,pending,',
  'PCN4,2025-02-30,1,pending,',
  'PCN5,2025-03-25,6,pending,',
  'PCN6,2025-03-25,1,maybe,',
  'PCN7,2025-03-25,1,upheld,2025-03-01',
];

describe('appeal logs', () => {
  it('loads the good rows of a log with the export spellings and refuses the bad ones with their line and raw row', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [writeFile(dir, 'appeals.csv', LOG.join('\r\n'))]);
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', contentType: 'csv-appeals', rows: 3, rowErrors: 5 });
    expect(await w.all("SELECT line_number, claim_id, strftime(appeal_date, '%Y-%m-%d') AS appeal_date, level, outcome, strftime(outcome_date, '%Y-%m-%d') AS outcome_date FROM appeal_log ORDER BY line_number")).toEqual([
      { line_number: 2n, claim_id: 'PCN1', appeal_date: '2025-03-20', level: 1, outcome: 'pending', outcome_date: null },
      { line_number: 3n, claim_id: 'PCN2', appeal_date: '2025-03-22', level: 2, outcome: 'overturned', outcome_date: '2025-05-01' },
      { line_number: 4n, claim_id: 'PCN3', appeal_date: '2025-03-25', level: 1, outcome: 'partially_overturned', outcome_date: null },
    ]);
    expect(await w.all('SELECT line_number, raw_row, message, hint FROM ingest_error ORDER BY line_number')).toEqual([
      { line_number: 5n, raw_row: ',2025-03-25,1,pending,', message: expect.stringContaining('appeals.csv, line 5: the claim id is missing'), hint: expect.stringContaining('loaded last counts') },
      { line_number: 6n, raw_row: 'PCN4,2025-02-30,1,pending,', message: expect.stringContaining('date "2025-02-30" does not exist'), hint: expect.any(String) },
      { line_number: 7n, raw_row: 'PCN5,2025-03-25,6,pending,', message: expect.stringContaining('appeal level "6" is not one of 1 to 5'), hint: expect.any(String) },
      { line_number: 8n, raw_row: 'PCN6,2025-03-25,1,maybe,', message: expect.stringContaining('appeal outcome "maybe" is not one rcm knows'), hint: expect.any(String) },
      { line_number: 9n, raw_row: 'PCN7,2025-03-25,1,upheld,2025-03-01', message: expect.stringContaining('the outcome date 2025-03-01 is before the appeal date 2025-03-25'), hint: expect.any(String) },
    ]);
  });

  it('loads the same log once; a later log replaces a claim’s row at the same level only', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const first = writeFile(dir, 'appeals-1.csv', 'claim_id,appeal_date,level,outcome\nPCN1,2025-03-20,1,pending\nPCN1,2025-05-02,2,pending\n');
    const later = writeFile(dir, 'appeals-2.csv', 'claim id,appeal date,level,status\nPCN1,2025-03-21,1,overturned\n');
    await ingestFiles(w, [first]);
    expect((await ingestFiles(w, [first])).outcomes[0]).toMatchObject({ status: 'duplicate' });
    await ingestFiles(w, [later]);
    expect(await w.one('SELECT count(*) AS n FROM appeal_log')).toEqual({ n: 3n });
    await buildModels(w);
    expect(await w.all("SELECT claim_id, level, strftime(appeal_date, '%Y-%m-%d') AS appeal_date, outcome FROM stg_appeal ORDER BY level")).toEqual([
      { claim_id: 'PCN1', level: 1, appeal_date: '2025-03-21', outcome: 'overturned' },
      { claim_id: 'PCN1', level: 2, appeal_date: '2025-05-02', outcome: 'pending' },
    ]);
    // no 837, 835 or charges export knows PCN1: its appeals are listed to review, never guessed onto a claim
    expect(await w.all("SELECT source, claim_id, reason FROM mart_unmatched_record ORDER BY file_id, position")).toEqual([
      { source: 'appeal', claim_id: 'PCN1', reason: 'no claim (837, 835 or charge) with this claim id' },
      { source: 'appeal', claim_id: 'PCN1', reason: 'no claim (837, 835 or charge) with this claim id' },
      { source: 'appeal', claim_id: 'PCN1', reason: 'no claim (837, 835 or charge) with this claim id' },
    ]);
  });
});
