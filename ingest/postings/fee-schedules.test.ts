// Fee-schedule and fee-schedule-rule files: recognised by their header, bad rows refused with their file,
// line and raw text while the others load, a later file replacing the earlier prices of a payer, code and
// modifier over the dates it covers, a rule expanded over its base payer's schedule.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

const HEADER = 'payer_id,procedure_code,modifier,effective_from,effective_to,allowed';
const RULE_HEADER = 'payer_id,base_payer_id,percent,effective_from,effective_to,procedure_code';

const prices = 'SELECT payer_id, procedure_code, modifier, effective_from::VARCHAR AS effective_from, effective_to::VARCHAR AS effective_to, allowed::VARCHAR AS allowed, source FROM stg_fee_schedule ORDER BY payer_id, procedure_code, modifier NULLS FIRST, effective_from';

describe('fee schedules', () => {
  it('loads the good rows of a fee-schedule file and refuses the bad ones with their file, line and raw row', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const file = writeFile(dir, 'summit-fees.csv', [
      HEADER,
      'SUMMT,99213,,2025-01-01,,81.20',
      'SUMMT,99214,25,01/01/2025,12/31/2025,$121.80',
      ',99213,,2025-01-01,,81.20',
      'SUMMT,9921,,2025-01-01,,81.20',
      'SUMMT,99215,XYZ,2025-01-01,,81.20',
      'SUMMT,99215,,2025-01-01,,0',
      'SUMMT,99215,,2025-01-01,,81.205',
      'SUMMT,99215,,2025-13-01,,81.20',
      'SUMMT,99215,,2025-06-01,2025-05-31,81.20',
      'SUMMT,99215,,,,81.20',
    ].join('\r\n'));
    const run = await ingestFiles(w, [file]);
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', contentType: 'csv-fee_schedules', rows: 2, rowErrors: 8 });
    expect(await w.all("SELECT line_number, payer_id, procedure_code, modifier, effective_from::VARCHAR AS effective_from, effective_to::VARCHAR AS effective_to, allowed::VARCHAR AS allowed FROM fee_schedule ORDER BY line_number")).toEqual([
      { line_number: 2n, payer_id: 'SUMMT', procedure_code: '99213', modifier: null, effective_from: '2025-01-01', effective_to: null, allowed: '81.20' },
      { line_number: 3n, payer_id: 'SUMMT', procedure_code: '99214', modifier: '25', effective_from: '2025-01-01', effective_to: '2025-12-31', allowed: '121.80' },
    ]);
    expect(await w.all('SELECT line_number, raw_row, message FROM ingest_error ORDER BY line_number')).toEqual([
      { line_number: 4n, raw_row: ',99213,,2025-01-01,,81.20', message: expect.stringMatching(/summit-fees\.csv, line 4: the payer id is missing$/) },
      { line_number: 5n, raw_row: 'SUMMT,9921,,2025-01-01,,81.20', message: expect.stringContaining('line 5: procedure code "9921" is not a CPT or HCPCS code') },
      { line_number: 6n, raw_row: 'SUMMT,99215,XYZ,2025-01-01,,81.20', message: expect.stringContaining('line 6: modifier "XYZ" is not a modifier') },
      { line_number: 7n, raw_row: 'SUMMT,99215,,2025-01-01,,0', message: expect.stringContaining('line 7: the allowed amount "0" is not above zero') },
      { line_number: 8n, raw_row: 'SUMMT,99215,,2025-01-01,,81.205', message: expect.stringContaining('line 8: amount "81.205" has a fraction of a cent') },
      { line_number: 9n, raw_row: 'SUMMT,99215,,2025-13-01,,81.20', message: expect.stringContaining('line 9: date "2025-13-01" does not exist') },
      { line_number: 10n, raw_row: 'SUMMT,99215,,2025-06-01,2025-05-31,81.20', message: expect.stringContaining('line 10: effective_to 2025-05-31 is before effective_from 2025-06-01') },
      { line_number: 11n, raw_row: 'SUMMT,99215,,,,81.20', message: expect.stringContaining('line 11: the effective_from date is missing') },
    ]);
    expect(await w.one('SELECT hint FROM ingest_error LIMIT 1')).toEqual({ hint: expect.stringContaining('replace the earlier prices') });
  });

  it('replaces an earlier file\'s prices of a payer, code and modifier where a later file\'s dates overlap them; the same file again adds nothing', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const first = writeFile(dir, 'fees-2025.csv', `${HEADER}\nSUMMT,99213,,2025-01-01,2025-12-31,80.00\nSUMMT,99214,,2025-01-01,2025-12-31,120.00\nSUMMT,99214,25,2025-01-01,2025-12-31,125.00\n`);
    const later = writeFile(dir, 'fees-mid-2025.csv', `${HEADER}\nSUMMT,99213,,2024-07-01,,81.20\nSUMMT,99214,,2025-07-01,2025-09-30,121.80\n`);
    await ingestFiles(w, [first]);
    await ingestFiles(w, [later]);
    expect((await ingestFiles(w, [first])).outcomes[0]).toMatchObject({ status: 'duplicate' });
    await buildModels(w);
    expect(await w.all(prices)).toEqual([
      { payer_id: 'SUMMT', procedure_code: '99213', modifier: null, effective_from: '2024-07-01', effective_to: null, allowed: '81.20', source: 'schedule' },
      { payer_id: 'SUMMT', procedure_code: '99214', modifier: null, effective_from: '2025-01-01', effective_to: '2025-06-30', allowed: '120.00', source: 'schedule' },
      { payer_id: 'SUMMT', procedure_code: '99214', modifier: null, effective_from: '2025-07-01', effective_to: '2025-09-30', allowed: '121.80', source: 'schedule' },
      { payer_id: 'SUMMT', procedure_code: '99214', modifier: null, effective_from: '2025-10-01', effective_to: '2025-12-31', allowed: '120.00', source: 'schedule' },
      { payer_id: 'SUMMT', procedure_code: '99214', modifier: '25', effective_from: '2025-01-01', effective_to: '2025-12-31', allowed: '125.00', source: 'schedule' },
    ]);
  });

  it('loads a rule file (procedure_code optional) and prices the payer at its percentage of the base schedule; bad rules are refused by line', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const medicare = writeFile(dir, 'medicare.csv', `${HEADER}\nMCRB1,99213,,2025-01-01,,58.80\nMCRB1,99214,,2025-01-01,,87.15\n`);
    const rules = writeFile(dir, 'rules.csv', [
      'payer_id,base_payer_id,percent,effective_from,effective_to',
      'EVGMA,MCRB1,100,2025-01-01,',
      'EVGMA,EVGMA,100,2025-01-01,',
      'NWPPO,MCRB1,0,2025-01-01,',
      'NWPPO,MCRB1,110.125,2025-01-01,',
    ].join('\n'));
    const coded = writeFile(dir, 'rules-coded.csv', `${RULE_HEADER}\nNWPPO,MCRB1,110 %,2025-03-01,2025-12-31,99213\nNWPPO,MCRB1,105,2025-01-01,,992\n`);
    const run = await ingestFiles(w, [medicare, rules, coded]);
    expect(run.outcomes.map((o) => o.status === 'loaded' && [o.contentType, o.rows, o.rowErrors])).toEqual([
      ['csv-fee_schedules', 2, 0], ['csv-fee_schedule_rules', 1, 3], ['csv-fee_schedule_rules', 1, 1],
    ]);
    expect(await w.all("SELECT regexp_extract(file_name, '[^/]+$') AS file_name, line_number, message FROM ingest_error ORDER BY error_id")).toEqual([
      { file_name: 'rules.csv', line_number: 3n, message: expect.stringContaining('line 3: the rule prices EVGMA at its own schedule') },
      { file_name: 'rules.csv', line_number: 4n, message: expect.stringContaining('line 4: percent "0" is not a percentage above 0') },
      { file_name: 'rules.csv', line_number: 5n, message: expect.stringContaining('line 5: percent "110.125"') },
      { file_name: 'rules-coded.csv', line_number: 3n, message: expect.stringContaining('line 3: procedure code "992"') },
    ]);
    await buildModels(w);
    expect(await w.all(`${prices.replace(' ORDER BY', " WHERE payer_id <> 'MCRB1' ORDER BY")}`)).toEqual([
      { payer_id: 'EVGMA', procedure_code: '99213', modifier: null, effective_from: '2025-01-01', effective_to: null, allowed: '58.80', source: 'rule: 100 % of MCRB1' },
      { payer_id: 'EVGMA', procedure_code: '99214', modifier: null, effective_from: '2025-01-01', effective_to: null, allowed: '87.15', source: 'rule: 100 % of MCRB1' },
      { payer_id: 'NWPPO', procedure_code: '99213', modifier: null, effective_from: '2025-03-01', effective_to: '2025-12-31', allowed: '64.68', source: 'rule: 110 % of MCRB1' },
    ]);
  });
});
