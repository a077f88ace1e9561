// Expected payment's hand case (issue: expected payment) as files a practice would load: claims (837P),
// remittances (835) and a fee schedule (CSV). Schedule: SUMMT 99213 $81.20, 99214 $121.80; MCRB1 99213
// $58.80. Every line is one claim's; dates of service 2025-03-03 (March lines) and 2025-04-01 (April).
// March, the hand case (SUMMT's 835 of 2025-03-20, MCRB1's of 2025-03-21):
//   EP-1  SUMMT 99213 paid 61.20 + PR 3 20.00 = 81.20                      → variance 0
//   EP-2  SUMMT 99214 paid 85.00 + PR 3 30.00 = 115.00                     → underpaid $6.80
//   EP-3  SUMMT 99214 paid 115.00                                          → underpaid $6.80
//   EP-4  MCRB1 99213 paid 46.10 + PR 2 11.76 + CO 253 0.94 = 58.80        → 0 (sequestration is no underpayment)
//   EP-5  MCRB1 99213 denied CO 4, paid 0                                  → a denial, excluded
//   underpaid $13.60 on 2 lines = 3.55 % of the expected $383.60 (4 lines priced of 4 paid)
// April (SUMMT's 835 of 2025-04-15):
//   EP-6  SUMMT 99213 paid 61.20 + PR 3 15.00, AMT*B6 81.20                → the payer's allowed: variance 0
//   EP-7  SUMMT 99214 paid 100.00 + PR 3 30.00 = 130.00                    → overpaid $8.20, apart
//   EP-8  SUMMT 99213 paid 60.80 + PR 3 20.00 = 80.80                      → $0.40 short: within the tolerance
//   EP-9  ACME  99213 paid 70.00                                           → no schedule: no expectation
import type { Adjudication, Claim, Practice, Submission } from '../../demo/model.ts';
import { write837P } from '../../demo/files/write-837.ts';
import { write835 } from '../../demo/files/write-835.ts';
import { writeChargesCsv } from '../../demo/files/write-csv.ts';
import { PRACTICE, adjudicate, claim, patient, remittance } from './fixture-practice.ts';

const CASE_PRACTICE: Practice = {
  ...PRACTICE,
  payers: [
    { id: 'SUMMT', name: 'SUMMIT HEALTH PLAN', kind: 'commercial', filingIndicator: 'CI' },
    { id: 'MCRB1', name: 'MEDICARE PART B CASE', kind: 'medicare', filingIndicator: 'MB' },
    { id: 'ACME', name: 'ACME HEALTH PLAN', kind: 'commercial', filingIndicator: 'CI' },
  ],
};

const SUMMIT = patient('EP1', 'SUMMIT', 'SUMMT');
const MEDICARE = patient('EP2', 'MEDICARE', 'MCRB1');
const ACME = patient('EP3', 'ACME', 'ACME');
const MARCH = '2025-03-03';
const APRIL = '2025-04-01';

export const EP = {
  1: claim('EP-1', SUMMIT, MARCH, [['99213', 15000]]),
  2: claim('EP-2', SUMMIT, MARCH, [['99214', 20000]]),
  3: claim('EP-3', SUMMIT, MARCH, [['99214', 20000]]),
  4: claim('EP-4', MEDICARE, MARCH, [['99213', 15000]]),
  5: claim('EP-5', MEDICARE, MARCH, [['99213', 15000]]),
  6: claim('EP-6', SUMMIT, APRIL, [['99213', 15000]]),
  7: claim('EP-7', SUMMIT, APRIL, [['99214', 20000]]),
  8: claim('EP-8', SUMMIT, APRIL, [['99213', 15000]]),
  9: claim('EP-9', ACME, APRIL, [['99213', 15000]]),
} as const;
const CLAIMS: readonly Claim[] = Object.values(EP);

const withAllowed = (a: Adjudication, allowed: number): Adjudication => ({ ...a, lines: a.lines.map((l) => ({ ...l, allowed })) });

const REMITTANCES = [
  remittance('SUMMT', '2025-03-20', [
    adjudicate(EP[1], 'SUMMT', '2025-03-20', '1', 'SU-1', [[6120, [['CO', '45', 6880], ['PR', '3', 2000]]]]),
    adjudicate(EP[2], 'SUMMT', '2025-03-20', '1', 'SU-2', [[8500, [['CO', '45', 8500], ['PR', '3', 3000]]]]),
    adjudicate(EP[3], 'SUMMT', '2025-03-20', '1', 'SU-3', [[11500, [['CO', '45', 8500]]]]),
  ]),
  remittance('MCRB1', '2025-03-21', [
    adjudicate(EP[4], 'MCRB1', '2025-03-21', '1', 'MB-4', [[4610, [['CO', '45', 9120], ['PR', '2', 1176], ['CO', '253', 94]]]]),
    adjudicate(EP[5], 'MCRB1', '2025-03-21', '4', 'MB-5', [[0, [['CO', '4', 15000]]]]),
  ]),
  remittance('SUMMT', '2025-04-15', [
    withAllowed(adjudicate(EP[6], 'SUMMT', '2025-04-15', '1', 'SU-6', [[6120, [['CO', '45', 7380], ['PR', '3', 1500]]]]), 8120),
    adjudicate(EP[7], 'SUMMT', '2025-04-15', '1', 'SU-7', [[10000, [['CO', '45', 7000], ['PR', '3', 3000]]]]),
    adjudicate(EP[8], 'SUMMT', '2025-04-15', '1', 'SU-8', [[6080, [['CO', '45', 6920], ['PR', '3', 2000]]]]),
  ]),
  remittance('ACME', '2025-04-15', [adjudicate(EP[9], 'ACME', '2025-04-15', '1', 'AC-9', [[7000, [['CO', '45', 8000]]]])]),
];

/** The fee schedule, as a payer's contract lists it (header payer_id,procedure_code,modifier,effective_from,effective_to,allowed). */
export const FEE_SCHEDULE_CSV = [
  'payer_id,procedure_code,modifier,effective_from,effective_to,allowed',
  'SUMMT,99213,,2025-01-01,,81.20',
  'SUMMT,99214,,2025-01-01,,121.80',
  'MCRB1,99213,,2025-01-01,2025-12-31,58.80',
  '',
].join('\n');

/** The case's files, each [name, text], in the order they would arrive. */
export function expectedPaymentFiles(): [string, string][] {
  const claimOf = (id: string): Claim => CLAIMS.find((c) => c.id === id)!;
  const sends = (date: string, claims: readonly Claim[]): Submission[] => claims.map((c) => ({ claimId: c.id, date, payerId: c.payerId, frequency: '1', claim: c, isFirst: true }));
  const march = CLAIMS.filter((c) => c.serviceDate === MARCH);
  const april = CLAIMS.filter((c) => c.serviceDate === APRIL);
  return [
    ['fee-schedule.csv', FEE_SCHEDULE_CSV],
    ['claims-2025-03-05.837', write837P(CASE_PRACTICE, sends('2025-03-05', march), { interchange: 1, group: 1, fileDate: '2025-03-05' })],
    ['claims-2025-04-02.837', write837P(CASE_PRACTICE, sends('2025-04-02', april), { interchange: 2, group: 2, fileDate: '2025-04-02' })],
    ...REMITTANCES.map((r, i): [string, string] => [`era-${r.date}-${r.payerId}.835`, write835(CASE_PRACTICE, r, { interchange: 10 + i, group: 10 + i }, claimOf)]),
    ['charges-2025-04.csv', writeChargesCsv(CLAIMS, (id) => id)],
  ];
}
