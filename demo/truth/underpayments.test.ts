// Expected against actual allowed, by hand: the hand case of the expected-payment definition (metrics.md) as
// the simulation's records, a line inside the tolerance, records that do not count (a reversal and what it
// took back, a secondary's crossover, a denied line), a code with no contract, and the planted underpayment.
import { describe, expect, it } from 'vitest';
import type { Adjudication, AdjustmentGroup, ClaimHistory, IsoDate } from '../model.ts';
import type { PlantedUnderpayment } from '../practice/contracts.ts';
import { isUnderpaid, Underpayments, type ContractPrice } from './underpayments.ts';

// SUMMT 99213 $81.20, 99214 $121.80; MCRB1 99213 $58.80
const PRICES: Record<string, number> = { 'SUMMT 99213': 8120, 'SUMMT 99214': 12180, 'MCRB1 99213': 5880 };
const price: ContractPrice = (payerId, code) => PRICES[`${payerId} ${code}`] ?? null;
const PLANTED: PlantedUnderpayment = { name: 'summit-99214', description: 'SUMMT pays 99214 $6.80 short', payerId: 'SUMMT', procedureCode: '99214', from: '2025-07-01', shortfall: 680 };

type Cas = [AdjustmentGroup, string, number];
interface LineSpec { code: string; paid: number; cas: Cas[]; allowed?: number; serviceDate?: IsoDate }

function record(claimId: string, payerId: string, date: IsoDate, lines: LineSpec[], o: { status?: Adjudication['status']; reversal?: boolean } = {}): Adjudication {
  return {
    claimId, payerId, date, status: o.status ?? (o.reversal ? '22' : '1'), charge: 0, paid: lines.reduce((s, l) => s + l.paid, 0), patientResponsibility: 0,
    payerClaimNumber: `PCN${claimId}`, claimAdjustments: [], isReversal: o.reversal ?? false,
    lines: lines.map((l, i) => ({
      line: i + 1, procedureCode: l.code, modifiers: [], units: 1, charge: 0, paid: l.paid, adjustments: l.cas.map(([group, carc, amount]) => ({ group, carc, amount })),
      ...(l.allowed === undefined ? {} : { allowed: l.allowed }), remarks: [], controlNumber: `${claimId}-${i + 1}`, serviceDate: l.serviceDate ?? '2025-08-04',
    })),
  };
}

const history = (claimId: string, adjudications: Adjudication[]) => ({ claim: { id: claimId }, adjudications }) as unknown as ClaimHistory;

describe('underpayments', () => {
  it('finds the hand case: $13.60 underpaid on 2 lines of $383.60 expected; sequestration and a denial are no underpayment', () => {
    const u = new Underpayments(price, PLANTED);
    u.add(history('H1', [record('H1', 'SUMMT', '2025-08-20', [
      { code: '99213', paid: 6120, cas: [['CO', '45', 5880], ['PR', '3', 2000]] }, // (1) 81.20: variance 0
      { code: '99214', paid: 8500, cas: [['CO', '45', 9500], ['PR', '3', 3000]] }, // (2) 115.00: 6.80 short
      { code: '99214', paid: 11500, cas: [['CO', '45', 9500]], allowed: 11500 }, // (3) AMT*B6 115.00: 6.80 short
    ])]));
    u.add(history('H2', [record('H2', 'MCRB1', '2025-08-22', [
      { code: '99213', paid: 4610, cas: [['CO', '45', 8120], ['PR', '2', 1176], ['CO', '253', 94]] }, // (4) 58.80: 0
      { code: '99213', paid: 0, cas: [['CO', '4', 14000]] }, // (5) denied: not judged
    ])]));
    const report = u.toJson(['MCRB1', 'SUMMT']);
    expect(report).toMatchObject({ lines: 4, noExpectationLines: 0, expected: 38360, actual: 37000, underpaidLines: 2, underpaid: 1360 });
    expect(report.planted).toMatchObject({ payerId: 'SUMMT', procedureCode: '99214', lines: 2, underpaid: 1360 });
    expect(report.byPayerCodeMonth).toEqual([
      { payerId: 'MCRB1', procedureCode: '99213', month: '2025-08', lines: 1, expected: 5880, actual: 5880, underpaidLines: 0, underpaid: 0 },
      { payerId: 'SUMMT', procedureCode: '99213', month: '2025-08', lines: 1, expected: 8120, actual: 8120, underpaidLines: 0, underpaid: 0 },
      { payerId: 'SUMMT', procedureCode: '99214', month: '2025-08', lines: 2, expected: 24360, actual: 23000, underpaidLines: 2, underpaid: 1360 },
    ]);
  });

  it('judges only the records that stand, by their 835 month; inside the tolerance is no underpayment; a code with no contract has no expectation', () => {
    const u = new Underpayments(price, PLANTED);
    const short = record('R1', 'SUMMT', '2025-05-06', [{ code: '99214', paid: 10000, cas: [], allowed: 10000, serviceDate: '2025-05-01' }]);
    u.add(history('R1', [
      short,
      { ...record('R1', 'SUMMT', '2025-06-10', [{ code: '99214', paid: -10000, cas: [], allowed: -10000 }], { reversal: true }) },
      // re-adjudicated inside the tolerance: 121.80 − 121.00 = 0.80 ≤ max(0.50, 1.218)
      record('R1', 'SUMMT', '2025-06-10', [{ code: '99214', paid: 12100, cas: [], allowed: 12100, serviceDate: '2025-05-01' }]),
    ]));
    u.add(history('X1', [
      record('X1', 'MCRB1', '2025-07-03', [{ code: '99213', paid: 4610, cas: [['PR', '2', 1176], ['CO', '253', 94]], allowed: 5880 }, { code: '93000', paid: 2000, cas: [], allowed: 2000 }], { status: '19' }),
      record('X1', 'MCDST', '2025-07-20', [{ code: '99213', paid: 1176, cas: [['OA', '23', 12824]] }], { status: '2' }),
    ]));
    const report = u.toJson(['SUMMT', 'MCRB1']);
    expect(report).toMatchObject({ lines: 2, noExpectationLines: 1, underpaidLines: 0, underpaid: 0, planted: { lines: 0, underpaid: 0 } });
    expect(report.byPayerCodeMonth.map((c) => [c.payerId, c.procedureCode, c.month, c.expected, c.actual])).toEqual([
      ['SUMMT', '99214', '2025-06', 12180, 12100],
      ['MCRB1', '99213', '2025-07', 5880, 5880],
    ]);
  });

  it('holds the tolerance at the larger of $0.50 and 1 % of expected, strictly beyond', () => {
    expect([isUnderpaid(4000, 3950), isUnderpaid(4000, 3949), isUnderpaid(12180, 12180 - 121), isUnderpaid(12180, 12180 - 122)]).toEqual([false, true, false, true]);
  });
});
