// Payer-profile files: recognised by their header, bad rows refused with their line and raw text while the
// others load, the file loaded last giving each payer its limits, the same file twice adding nothing.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

const HEADER = 'payer_id,payer_name,timely_filing_days,appeal_days,follow_up_days';
const FIRST = [
  HEADER,
  'SUMMT,SUMMIT HEALTH PLAN,90,180,30',
  'MCDST,,180,90,',
  ',NO ID,90,60,30',
  'NWPPO,NORTHWIND PPO,ninety,180,30',
  'HRHMO,HARBOR HMO,90,0,30',
  'EVGMA,EVERGREEN,365,60,2.5',
  'MCRB1,MEDICARE,365,,45',
];

describe('payer profiles', () => {
  it('loads the good rows of a file with the profile header and refuses the bad ones with their line and raw row', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [writeFile(dir, 'payers.csv', FIRST.join('\r\n'))], undefined, undefined);
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', contentType: 'csv-payer_profiles', rows: 2, rowErrors: 5 });
    expect(await w.all('SELECT line_number, payer_id, payer_name, timely_filing_days, appeal_days, follow_up_days FROM payer_profile ORDER BY line_number')).toEqual([
      { line_number: 2n, payer_id: 'SUMMT', payer_name: 'SUMMIT HEALTH PLAN', timely_filing_days: 90, appeal_days: 180, follow_up_days: 30 },
      { line_number: 3n, payer_id: 'MCDST', payer_name: null, timely_filing_days: 180, appeal_days: 90, follow_up_days: null },
    ]);
    expect(await w.all('SELECT line_number, raw_row, message, hint FROM ingest_error ORDER BY line_number')).toEqual([
      { line_number: 4n, raw_row: ',NO ID,90,60,30', message: expect.stringContaining('line 4: the payer id is missing'), hint: expect.stringContaining('file loaded last') },
      { line_number: 5n, raw_row: 'NWPPO,NORTHWIND PPO,ninety,180,30', message: expect.stringContaining('timely_filing_days "ninety" is not a whole number of days'), hint: expect.any(String) },
      { line_number: 6n, raw_row: 'HRHMO,HARBOR HMO,90,0,30', message: expect.stringContaining('appeal_days "0" is not a whole number of days from 1'), hint: expect.any(String) },
      { line_number: 7n, raw_row: 'EVGMA,EVERGREEN,365,60,2.5', message: expect.stringContaining('follow_up_days "2.5"'), hint: expect.any(String) },
      { line_number: 8n, raw_row: 'MCRB1,MEDICARE,365,,45', message: expect.stringContaining('appeal_days is missing'), hint: expect.any(String) },
    ]);
  });

  it('recognises the header the way the exports are (case, blanks, order), and refuses a file lacking one of its columns', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [
      writeFile(dir, 'upper.csv', 'Payer ID,Payer Name,Appeal Days,Timely Filing Days,Follow-Up Days\nSUMMT,SUMMIT,180,90,30\n'),
      writeFile(dir, 'short.csv', 'payer_id,payer_name,timely_filing_days,appeal_days\nSUMMT,SUMMIT,90,180\n'),
    ]);
    expect(run.outcomes.map((o) => [o.file.replace(/.*\//, ''), o.status])).toEqual([['upper.csv', 'loaded'], ['short.csv', 'rejected']]);
    expect(run.outcomes[1].status === 'rejected' && run.outcomes[1].message).toContain('payer_id,payer_name,timely_filing_days,appeal_days,follow_up_days');
    expect(await w.all('SELECT payer_id, timely_filing_days, appeal_days FROM payer_profile')).toEqual([{ payer_id: 'SUMMT', timely_filing_days: 90, appeal_days: 180 }]);
  });

  it('gives each payer the limits of the file loaded last; the same file again adds nothing', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const first = writeFile(dir, 'payers-1.csv', `${HEADER}\nSUMMT,SUMMIT HEALTH PLAN,90,180,30\nMCDST,STATE MEDICAID,180,90,45\n`);
    const later = writeFile(dir, 'payers-2.csv', `${HEADER}\nSUMMT,,120,60,\n`);
    await ingestFiles(w, [first]);
    await ingestFiles(w, [later]);
    const again = await ingestFiles(w, [first]);
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate' });
    expect(await w.one('SELECT count(*) AS n FROM payer_profile')).toEqual({ n: 3n });
    await buildModels(w);
    expect(await w.all('SELECT payer_id, payer_name, payer_class, timely_filing_days, appeal_days, follow_up_days, limits_source FROM mart_payer ORDER BY payer_id')).toEqual([
      // no claim names either payer's class: 'other', whose follow-up days fill the later file's empty one
      { payer_id: 'MCDST', payer_name: 'STATE MEDICAID', payer_class: 'other', timely_filing_days: 180, appeal_days: 90, follow_up_days: 45, limits_source: 'profile' },
      { payer_id: 'SUMMT', payer_name: 'SUMMT', payer_class: 'other', timely_filing_days: 120, appeal_days: 60, follow_up_days: 30, limits_source: 'profile' },
    ]);
  });
});
