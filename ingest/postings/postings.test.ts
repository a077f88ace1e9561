// Payment-posting and charge exports: good rows load, bad rows are refused with their line and raw text,
// and a corrected file loads only what is new.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { loadMapping } from './csv-mapping.ts';
import { amount, date } from './read-csv.ts';

const POSTINGS = [
  'Claim #,Post Date,Type,Amount,Paid By,Check No',
  '26463774,03/01/2024,Patient Payment,$20.00,SMITH JANE,',
  '26463774,2024-03-05,Insurance Payment,"$1,234.56",KEY INSURANCE,EFT123',
  '26463774,03/07/2024,Refund,(5.00),SMITH JANE,',
  ',03/07/2024,Patient Payment,10.00,X,',
  '26463774,13/45/2024,Patient Payment,10.00,X,',
  '26463774,03/08/2024,Mystery,10.00,X,',
  '26463774,03/09/2024,Write-Off,abc,X,',
  '26463774,03/01/2024,Patient Payment,$20.00,SMITH JANE,',
];

describe('payment postings', () => {
  it('loads the good rows, refuses the bad ones with line and raw row, and loads a corrected file without duplicates', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const first = await ingestFiles(w, [writeFile(dir, 'postings.csv', POSTINGS.join('\r\n'))]);
    expect(first.outcomes[0]).toMatchObject({ status: 'loaded', contentType: 'csv-payments', rows: 4, rowErrors: 4, rowsAlreadyLoaded: 0 });
    expect(await w.all('SELECT line_number, claim_id, posting_date, amount, posting_type, reference FROM payment_posting ORDER BY line_number')).toEqual([
      { line_number: 2n, claim_id: '26463774', posting_date: '2024-03-01', amount: '20.00', posting_type: 'patient_payment', reference: null },
      { line_number: 3n, claim_id: '26463774', posting_date: '2024-03-05', amount: '1234.56', posting_type: 'insurance_payment', reference: 'EFT123' },
      { line_number: 4n, claim_id: '26463774', posting_date: '2024-03-07', amount: '-5.00', posting_type: 'refund', reference: null },
      // the same row twice in one file is two postings (two copays on one day)
      { line_number: 9n, claim_id: '26463774', posting_date: '2024-03-01', amount: '20.00', posting_type: 'patient_payment', reference: null },
    ]);
    expect(await w.all('SELECT line_number, raw_row, message FROM ingest_error ORDER BY line_number')).toEqual([
      { line_number: 5n, raw_row: ',03/07/2024,Patient Payment,10.00,X,', message: expect.stringContaining('line 5: the claim id is missing') },
      { line_number: 6n, raw_row: '26463774,13/45/2024,Patient Payment,10.00,X,', message: expect.stringContaining('date "13/45/2024" does not exist') },
      { line_number: 7n, raw_row: '26463774,03/08/2024,Mystery,10.00,X,', message: expect.stringContaining('posting type "Mystery"') },
      { line_number: 8n, raw_row: '26463774,03/09/2024,Write-Off,abc,X,', message: expect.stringContaining('amount "abc" is not an amount') },
    ]);

    const fixed = [...POSTINGS];
    fixed[4] = '26463775,03/07/2024,Patient Payment,10.00,X,';
    fixed[5] = '26463774,03/15/2024,Patient Payment,10.00,X,';
    fixed[6] = '26463774,03/08/2024,Adjustment,10.00,X,';
    fixed[7] = '26463774,03/09/2024,Write-Off,12.50,X,';
    const second = await ingestFiles(w, [writeFile(dir, 'postings-fixed.csv', fixed.join('\n'))]);
    expect(second.outcomes[0]).toMatchObject({ status: 'loaded', rows: 4, rowErrors: 0, rowsAlreadyLoaded: 4 });
    // 20 + 1,234.56 − 5 + 20 from the first file, then 10 + 10 + 10 + 12.50 from the corrected rows
    expect(await w.one('SELECT count(*) AS n, sum(amount)::VARCHAR AS total FROM payment_posting')).toEqual({ n: 8n, total: '1312.06' });
  });

  it('key each row as warehouses loaded before keyed it: the first 32 hex digits of the SHA-256 of kind and trimmed fields, and the occurrence', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    await ingestFiles(w, [writeFile(dir, 'postings.csv', POSTINGS.join('\n'))]);
    // computed here the way the first loader did, with a Hash object: a key that changed would load every row again
    const keyOf = (line: string, occurrence: number) => {
      const fields = line.split(',').map((f) => f.trim());
      return `${createHash('sha256').update('payments').update('\u0000').update(fields.join('\u0001')).digest('hex').slice(0, 32)}#${occurrence}`;
    };
    expect(await w.all('SELECT line_number, row_key FROM payment_posting WHERE line_number IN (2, 4, 9) ORDER BY line_number')).toEqual([
      { line_number: 2n, row_key: keyOf(POSTINGS[1], 1) },
      { line_number: 4n, row_key: keyOf(POSTINGS[3], 1) },
      { line_number: 9n, row_key: keyOf(POSTINGS[8], 2) },
    ]);
  });
});

describe('charges', () => {
  it('reads a charges export through a mapping file', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const mappingFile = writeFile(dir, 'mapping.json', JSON.stringify({ charges: { columns: { claim_id: ['Visit'], procedure_code: ['Code'], diagnoses: ['Dx List'] } }, date_format: 'DD/MM/YYYY' }));
    const csv = ['Visit,DOS,Provider,Payer,Code,Modifier,Dx List,Units,Charge', 'V1,31/01/2024,1234567893,AETNA,99213,25,J44.9 E11.9,1,150.00', 'V1,31/01/2024,1234567893,AETNA,96372,,J44.9,2,"1,040.00"'].join('\n');
    const run = await ingestFiles(w, [writeFile(dir, 'charges.csv', csv)], undefined, loadMapping(mappingFile));
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', contentType: 'csv-charges', rows: 2, rowErrors: 0 });
    expect(await w.all('SELECT claim_id, service_date, procedure_code, modifier_1, diagnosis_1, diagnosis_2, units, charge FROM charge_line ORDER BY line_number')).toEqual([
      { claim_id: 'V1', service_date: '2024-01-31', procedure_code: '99213', modifier_1: '25', diagnosis_1: 'J44.9', diagnosis_2: 'E11.9', units: '1.0000', charge: '150.00' },
      { claim_id: 'V1', service_date: '2024-01-31', procedure_code: '96372', modifier_1: null, diagnosis_1: 'J44.9', diagnosis_2: null, units: '2.0000', charge: '1040.00' },
    ]);
  });

  it('refuses a file whose row runs on for megabytes (an unclosed quote) without holding it, keeping what was loaded before', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    await ingestFiles(w, [writeFile(dir, 'postings.csv', POSTINGS.slice(0, 3).join('\n'))]);
    const endless = `${POSTINGS[0]}\n${POSTINGS[1]}\n26463774,03/02/2024,Patient Payment,$5.00,"${'A'.repeat(30 * 1024 * 1024)}\n`;
    const run = await ingestFiles(w, [writeFile(dir, 'endless.csv', endless)]);
    expect(run.outcomes[0]).toMatchObject({ status: 'rejected', code: 'structure' });
    expect(run.outcomes[0].status === 'rejected' && run.outcomes[0].message).toContain('line 3 runs past 1 MB');
    expect(await w.one('SELECT count(*) AS n FROM payment_posting')).toEqual({ n: 2n });
  });

  it('refuses a CSV it does not recognise, saying what it looked for', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [writeFile(dir, 'other.csv', 'a,b,c\n1,2,3\n')]);
    expect(run.outcomes[0]).toMatchObject({ status: 'rejected', code: 'unrecognized_file' });
    expect(run.outcomes[0].status === 'rejected' && run.outcomes[0].hint).toContain('--mapping');
  });
});

describe('values in exports', () => {
  it('reads amounts with currency signs, thousands separators and parentheses', () => {
    expect(amount('$1,234.56')).toBe(123456);
    expect(amount('(12.00)')).toBe(-1200);
    expect(amount('-0.50')).toBe(-50);
    expect(() => amount('12,34.5.6')).toThrow();
    expect(() => amount('')).toThrow();
    expect(amount('$12.500')).toBe(1250);
    expect(() => amount('$12.345')).toThrow('amount "$12.345" has a fraction of a cent');
  });

  it('reads dates in the formats it is told', () => {
    expect(date('2024-02-29', 'auto')).toBe('2024-02-29');
    expect(date('2/9/2024', 'auto')).toBe('2024-02-09');
    expect(date('20240209', 'auto')).toBe('2024-02-09');
    expect(date('09/02/2024', 'DD/MM/YYYY')).toBe('2024-02-09');
    expect(() => date('2023-02-29', 'auto')).toThrow(/does not exist/);
    expect(() => date('09/02/2024', 'YYYY-MM-DD')).toThrow(/not a date/);
  });
});
