// The CSV exports, read back by our CSV reader with its built-in mapping: every row, no row errors.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING } from '../../ingest/postings/csv-mapping.ts';
import { readCsvFile, type AppealRow, type ChargeRow, type FeeScheduleRow, type FeeScheduleRuleRow, type PayerProfileRow, type PaymentPosting, type RowError } from '../../ingest/postings/read-csv.ts';
import { tempDir, writeFile } from '../../tests/support/temp.ts';
import { C1, C6, claimOf, payerName, POSTINGS } from './test-fixture.ts';
import { PAYERS } from '../practice/payers.ts';
import { payerLimits } from '../practice/payer-limits.ts';
import { writeAppealsCsv, writeChargesCsv, writeFeeScheduleCsv, writeFeeScheduleRulesCsv, writePayerProfilesCsv, writePostingsCsv } from './write-csv.ts';
import { contractPrices, contractRules } from '../practice/contracts.ts';

async function read(name: string, text: string) {
  const payments: PaymentPosting[] = [];
  const charges: ChargeRow[] = [];
  const profiles: PayerProfileRow[] = [];
  const appeals: AppealRow[] = [];
  const fees: FeeScheduleRow[] = [];
  const rules: FeeScheduleRuleRow[] = [];
  const rowErrors: RowError[] = [];
  const path = writeFile(tempDir(), name, text);
  const result = await readCsvFile(path, name, DEFAULT_MAPPING, { payment: (r) => payments.push(r), charge: (r) => charges.push(r), payerProfile: (r) => profiles.push(r), feeSchedule: (r) => fees.push(r), feeScheduleRule: (r) => rules.push(r), appeal: (r) => appeals.push(r), rowError: (e) => rowErrors.push(e) });
  return { ...result, payments, charges, profiles, appeals, fees, rules, rowErrors };
}

const claimPayer = (id: string) => claimOf(id).payerId;

describe('writePostingsCsv', () => {
  it('writes postings our reader recognises and maps row for row', async () => {
    const r = await read('postings.csv', writePostingsCsv(POSTINGS, payerName, claimPayer));
    expect(r).toMatchObject({ kind: 'payments', rows: POSTINGS.length, errors: 0, rowErrors: [] });
    expect(r.payments.map((p) => [p.claimId, p.date, p.amount, p.type, p.payerOrPatient, p.reasonCode, p.reference])).toEqual(
      POSTINGS.map((p) => [p.claimId, p.date, p.amount, p.type, p.portion === 'patient' ? 'patient' : 'ACME HEALTH PLAN', p.reasonCode, p.reference || null]),
    );
  });

  it('quotes fields with commas and quotes', () => {
    const text = writePostingsCsv(POSTINGS, payerName, claimPayer);
    expect(text.split('\n')[0]).toBe('Claim ID,Posting Date,Amount,Type,Payer or Patient,Reason Code,Reference');
    expect(text).toContain('CLM-1001,2024-04-15,75.00,patient payment,patient,STATEMENT,"RCPT-2, CARD"\n');
    expect(text).toContain('CLM-1001,2024-04-18,1.00,refund,patient,OVERPAYMENT,"REFUND ""A"""\n');
    expect(writePostingsCsv(POSTINGS, payerName, claimPayer)).toBe(text);
  });
});

describe('writeChargesCsv', () => {
  it('writes one row per service line that our reader maps as charges', async () => {
    const r = await read('charges.csv', writeChargesCsv([C6, C1], payerName));
    expect(r).toMatchObject({ kind: 'charges', rows: 4, errors: 0, rowErrors: [] });
    expect(r.charges.map((c) => [c.claimId, c.serviceDate, c.provider, c.payer, c.location, c.procedureCode, c.modifiers, c.diagnoses, c.units, c.charge])).toEqual([
      ['CLM-1006', '2024-02-27', '1999999984', 'SELF PAY', 'MAIN', '99203', [], ['Z0000'], '1', 18000],
      ['CLM-1001', '2024-02-20', '1999999984', 'ACME HEALTH PLAN', 'MAIN', '99214', ['25'], ['E119', 'I10'], '1', 21000],
      ['CLM-1001', '2024-02-20', '1999999984', 'ACME HEALTH PLAN', 'MAIN', '20610', ['RT', '59'], ['M1711'], '1', 22000],
      ['CLM-1001', '2024-02-20', '1999999984', 'ACME HEALTH PLAN', 'MAIN', 'J3301', [], ['M1711'], '4', 8000],
    ]);
  });
});

describe('writePayerProfilesCsv', () => {
  it("writes the practice's payer profile, which our reader recognises: one row per payer with its limits", async () => {
    const r = await read('payer-profiles.csv', writePayerProfilesCsv(PAYERS, payerLimits));
    expect(r).toMatchObject({ kind: 'payer_profiles', rows: PAYERS.length, errors: 0, rowErrors: [] });
    expect(r.profiles.map((p) => [p.payerId, p.payerName, p.timelyFilingDays, p.appealDays, p.followUpDays])).toEqual(
      PAYERS.map((p) => [p.id, p.name, p.timelyFilingDays, payerLimits(p).appealDays, payerLimits(p).followUpDays]),
    );
  });
});

describe('writeFeeScheduleCsv and writeFeeScheduleRulesCsv', () => {
  it('write the payers’ contracts in the fixed headers our reader recognises: a price per payer and code, a rule per payer priced off another', async () => {
    const prices = contractPrices(PAYERS);
    const schedule = await read('fee-schedule.csv', writeFeeScheduleCsv(prices, '2025-01-01'));
    expect(schedule).toMatchObject({ kind: 'fee_schedules', rows: prices.length, errors: 0, rowErrors: [] });
    expect(schedule.fees.map((f) => [f.payerId, f.procedureCode, f.modifier, f.effectiveFrom, f.effectiveTo, f.allowed])).toEqual(
      prices.map((p) => [p.payerId, p.procedureCode, null, '2025-01-01', null, p.allowed]),
    );
    const rules = await read('fee-schedule-rules.csv', writeFeeScheduleRulesCsv(contractRules(PAYERS), '2025-01-01'));
    expect(rules).toMatchObject({ kind: 'fee_schedule_rules', rows: 1, errors: 0, rowErrors: [] });
    expect(rules.rules).toEqual([{ line: 2, payerId: 'EVGMA', basePayerId: 'MCRB1', percent: '105', effectiveFrom: '2025-01-01', effectiveTo: null, procedureCode: null }]);
  });
});

describe('writeAppealsCsv', () => {
  it('writes the appeal log our reader recognises: one row per appeal, a pending one without an outcome date', async () => {
    const appeals = [
      { claimId: 'CLM-1001', date: '2024-03-20', level: 1, outcome: 'overturned' as const, outcomeDate: '2024-05-01' },
      { claimId: 'CLM-1002', date: '2024-03-22', level: 1, outcome: 'pending' as const, outcomeDate: null },
    ];
    const r = await read('appeals.csv', writeAppealsCsv(appeals, '1234567893'));
    expect(r).toMatchObject({ kind: 'appeals', rows: 2, errors: 0, rowErrors: [] });
    expect(r.appeals.map((a) => [a.claimId, a.appealDate, a.level, a.outcome, a.outcomeDate, a.billingNpi])).toEqual([
      ['CLM-1001', '2024-03-20', 1, 'overturned', '2024-05-01', '1234567893'],
      ['CLM-1002', '2024-03-22', 1, 'pending', null, '1234567893'],
    ]);
  });
});
