// The segment builder: trimming, refusal of delimiters in data, the fixed-width ISA, SE01.
import { describe, expect, it } from 'vitest';
import { date6, date8, interchange, money, segment, time4, TransactionSet } from './x12-writer.ts';

describe('x12-writer', () => {
  it('drops trailing empty elements and components, keeps empty ones in the middle', () => {
    expect(segment('NM1', 'QC', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M1')).toBe('NM1*QC*1*DOE*JANE****MI*M1');
    expect(segment('CAS', 'PR', '1', '50.00', '', '2', '16.00', '')).toBe('CAS*PR*1*50.00**2*16.00');
    expect(segment('SV1', ['HC', '99213', undefined], '140.00', '', undefined)).toBe('SV1*HC:99213*140.00');
    expect(segment('STC', ['A7', '164', 'IL'])).toBe('STC*A7:164:IL');
  });

  it('refuses data holding a delimiter', () => {
    expect(() => segment('NM1', 'QC', '1', 'O*BRIEN')).toThrow('"O*BRIEN" holds an X12 delimiter');
    expect(() => segment('REF', '6R', 'A:1')).toThrow('holds an X12 delimiter');
  });

  it('formats money, dates and times', () => {
    expect([money(12345), money(-5), money(0)]).toEqual(['123.45', '-0.05', '0.00']);
    expect(() => money(1.5)).toThrow('not a whole number of cents');
    expect([date8('2024-03-01'), date6('2024-03-01'), time4(), time4('09:05')]).toEqual(['20240301', '240301', '1200', '0905']);
    expect(() => date8('03/01/2024')).toThrow('not an ISO date');
    expect(() => time4('2460')).toThrow('not a time');
  });

  it('counts ST to SE in SE01 and writes a 106-character ISA', () => {
    const set = new TransactionSet('999', '0001', '005010X231A1').add('AK1', 'HC', 1).close();
    expect(set).toEqual(['ST*999*0001*005010X231A1', 'AK1*HC*1', 'SE*3*0001']);
    const text = interchange({ sender: 'S', receiver: 'R', functionalId: 'FA', version: '005010X231A1', date: '2024-03-01', control: { interchange: 7, group: 8 } }, [set]);
    const [isa, gs] = text.split('~\n');
    expect(isa).toBe('ISA*00*          *00*          *ZZ*S              *ZZ*R              *240301*1200*^*00501*000000007*0*P*:');
    expect(isa.length + 1).toBe(106);
    expect(gs).toBe('GS*FA*S*R*20240301*1200*8*X*005010X231A1');
    expect(text.endsWith('GE*1*8~\nIEA*1*000000007~\n')).toBe(true);
    expect(() => new TransactionSet('837', '1')).toThrow('ST02 "1" must be 4 to 9 digits');
    expect(() => interchange({ sender: 'A_VERY_LONG_SENDER_ID', receiver: 'R', functionalId: 'FA', version: 'v', date: '2024-03-01', control: { interchange: 1, group: 1 } }, [set])).toThrow('longer than 15');
  });
});
