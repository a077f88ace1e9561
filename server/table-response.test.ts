// The three formats of a table agree: JSON keeps money as exact strings, CSV writes them as they are, and
// Arrow IPC carries them as Decimal128(18, 2) (read back here word by word), dates as days, lists as lists.
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { tableArrow, tableCsv, tableJson, type Columns } from './table-response.ts';

const columns: Columns = { claim_id: 'text', service_date: 'date', balance: 'money', lines: 'int', denied: 'bool', carcs: 'list' };
const rows = [
  { claim_id: 'A,1', service_date: '2025-01-31', balance: '1234.56', lines: 3n, denied: true, carcs: ['16', 'CO 197'] },
  { claim_id: 'B', service_date: null, balance: '-0.05', lines: null, denied: false, carcs: null },
  { claim_id: 'C', service_date: '2024-02-29', balance: null, lines: 0n, denied: null, carcs: [] },
];

/** A Decimal128 value as its unscaled integer (cents). */
function unscaled(words: Uint32Array): bigint {
  let x = 0n;
  for (let w = 3; w >= 0; w--) x = (x << 32n) | BigInt(words[w]);
  return BigInt.asIntN(128, x);
}

describe('a table in JSON, CSV and Arrow', () => {
  it('writes JSON with exact money and numbers for counts', () => {
    expect(tableJson(columns, rows)[0]).toEqual({ claim_id: 'A,1', service_date: '2025-01-31', balance: '1234.56', lines: 3, denied: true, carcs: ['16', 'CO 197'] });
  });

  it('writes CSV with a header, quoting where needed', () => {
    expect(tableCsv(columns, rows)).toBe('claim_id,service_date,balance,lines,denied,carcs\n"A,1",2025-01-31,1234.56,3,true,16 CO 197\nB,,-0.05,,false,\nC,2024-02-29,,0,,\n');
  });

  it('writes a formula-looking text as text in CSV, money and counts as numbers', () => {
    const hostile = [{ claim_id: '=HYPERLINK("http://x.example","open")', service_date: null, balance: '-12.30', lines: -1n, denied: null, carcs: ['@SUM(A1)'] }];
    expect(tableCsv(columns, hostile)).toBe('claim_id,service_date,balance,lines,denied,carcs\n"\'=HYPERLINK(""http://x.example"",""open"")",,-12.30,-1,,\'@SUM(A1)\n');
  });

  it('writes an Arrow IPC stream that reads back value for value', () => {
    const table = tableFromIPC(tableArrow(columns, rows));
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'claim_id:Utf8', 'service_date:Date32<DAY>', 'balance:Decimal[18e+2]', 'lines:Int64', 'denied:Bool', 'carcs:List<Utf8>',
    ]);
    expect(table.schema.fields[2].type).toMatchObject({ scale: 2, precision: 18, bitWidth: 128 });
    const balance = table.getChild('balance')!;
    expect(unscaled(balance.get(0) as Uint32Array)).toBe(123456n);
    expect(unscaled(balance.get(1) as Uint32Array)).toBe(-5n);
    expect(balance.get(2)).toBeNull();
    expect(new Date(table.getChild('service_date')!.get(0) as number).toISOString().slice(0, 10)).toBe('2025-01-31');
    expect(table.getChild('service_date')!.get(1)).toBeNull();
    expect(table.getChild('lines')!.get(0)).toBe(3n);
    expect([...(table.getChild('carcs')!.get(0) as Iterable<string>)]).toEqual(['16', 'CO 197']);
    expect(table.getChild('claim_id')!.get(0)).toBe('A,1');
  });
});
