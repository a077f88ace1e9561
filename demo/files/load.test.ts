// The written files loaded into a real warehouse through the normal loader: every file loads without a
// warning, the acknowledgments find their claims, and each claim's ledger balance is what the fixture's
// story says, computed by hand below.
import { beforeAll, describe, expect, it } from 'vitest';
import { claimHistory } from '../../warehouse/queries/claims.ts';
import { ingestFiles, type IngestRun } from '../../ingest/loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { fixtureFiles as files } from '../../tests/support/fixture-files.ts';

describe('the written files in a warehouse', () => {
  let w: Warehouse;
  let run: IngestRun;

  beforeAll(async () => {
    const dir = tempDir();
    w = await tempWarehouse(dir);
    run = await ingestFiles(w, files().map(([name, text]) => writeFile(dir, name, text)));
    await buildModels(w);
  });

  const name = (path: string) => path.split('/').pop();

  it('loads every file without a warning', async () => {
    expect(run.outcomes.map((o) => [name(o.file), o.status, o.status === 'loaded' ? o.warnings : o.status === 'rejected' ? o.message : o.loadedAs])).toEqual(
      files().map(([n]) => [n, 'loaded', 0]),
    );
    expect(await w.all('SELECT * FROM ingest_warning')).toEqual([]);
    expect(await w.all('SELECT source, claim_id, reason FROM mart_unmatched_record')).toEqual([]);
  });

  it('links each 999 to the claims of the transaction set it acknowledges', async () => {
    const rows = await w.all(`
      SELECT a.file_name AS ack, c.file_name AS claims, m.patient_control_number AS pcn, m.status
      FROM stg_claim_ack_999 m JOIN ingest_file a ON a.file_id = m.ack_file_id JOIN ingest_file c ON c.file_id = m.claim_file_id
      ORDER BY a.file_name, m.claim_position`);
    expect(rows.map((r) => [name(r.ack as string), name(r.claims as string), r.pcn, r.status])).toEqual([
      ['03-ack.999', '02-claims.837', 'CLM-1001', 'A'], ['03-ack.999', '02-claims.837', 'CLM-1002', 'A'],
      ['03-ack.999', '02-claims.837', 'CLM-1004', 'A'], ['03-ack.999', '02-claims.837', 'CLM-1005', 'A'],
      ['03-ack.999', '02-claims.837', 'CLM-1003', 'R'], // set 0002: Medicare's
      ['06-ack.999', '05-claims.837', 'CLM-1003', 'A'],
      ['10-ack.999', '09-claims.837', 'CLM-1002', 'A'],
    ]);
  });

  it('keeps the 277CA statuses with their claims and payer claim numbers', async () => {
    expect(await w.all(`SELECT patient_control_number AS pcn, category, status_code, entity, payer_claim_number AS icn, charge::VARCHAR AS charge, is_rejected
                        FROM ack_277ca_status WHERE level = 'claim' ORDER BY file_id, segment_position`)).toEqual([
      { pcn: 'CLM-1001', category: 'A2', status_code: '20', entity: null, icn: 'AC24-0001', charge: '510.00', is_rejected: false },
      { pcn: 'CLM-1002', category: 'A2', status_code: '20', entity: null, icn: 'AC24-0002', charge: '1400.00', is_rejected: false },
      { pcn: 'CLM-1004', category: 'A2', status_code: '20', entity: null, icn: 'AC24-0004', charge: '140.00', is_rejected: false },
      { pcn: 'CLM-1005', category: 'A7', status_code: '164', entity: 'IL', icn: null, charge: '90.00', is_rejected: true },
      { pcn: 'CLM-1003', category: 'A2', status_code: '20', entity: null, icn: 'MB24-0003', charge: '155.00', is_rejected: false },
      { pcn: 'CLM-1002', category: 'A2', status_code: '20', entity: null, icn: 'AC24-0102', charge: '1400.00', is_rejected: false },
    ]);
    expect(await w.all("SELECT patient_control_number AS pcn, kind, linked_by FROM stg_claim_resubmission ORDER BY submitted_date")).toEqual([
      { pcn: 'CLM-1003', kind: 'resubmission', linked_by: 'same patient control number' },
      { pcn: 'CLM-1002', kind: 'replacement', linked_by: 'payer claim number (REF*F8 = CLP07)' },
    ]);
  });

  const story = async (claimId: string) => (await claimHistory(w, claimId)).map((e) => `${e.event_date} ${e.source} ${e.event} ${e.amount ?? '-'} → ${e.balance}`);

  it('balances CLM-1001: paid with patient responsibility, paid by the patient, refunded', async () => {
    // copay 30 before the claim: −30; billed 510: 480; ACME pays 186 and takes CO 45 90 + 90 + 40 = 220 off:
    // 480 − 406 = 74 (the patient's 104 less the copay); the patient pays 75: −1; the refund of 1: 0.
    // Charged on the date of service (metrics.md), so the copay paid that day leaves 480 open.
    expect(await story('CLM-1001')).toEqual([
      '2024-02-20 837 charged 510.00 → 510.00',
      '2024-02-20 posting patient payment 30.00 → 480.00',
      '2024-03-01 837 submitted 510.00 → 480.00',
      '2024-03-02 999 accepted by the clearinghouse - → 480.00',
      '2024-03-03 277CA accepted by the payer 510.00 → 480.00',
      '2024-03-15 835 paid 186.00 → 74.00',
      '2024-04-15 posting patient payment 75.00 → -1.00',
      '2024-04-18 posting refund 1.00 → 0.00',
    ]);
  });

  it('balances CLM-1002: denied CO 197 (stays open), replaced with the authorization, paid, the rest written off', async () => {
    // 1400 billed; the denial takes nothing off (CO 197 is a denial); the replacement at the same charge
    // changes nothing; paid 649.60 with CO 45 588: 1400 − 1237.60 = 162.40 (PR 2); written off: 0.
    expect(await story('CLM-1002')).toEqual([
      '2024-02-21 837 charged 1400.00 → 1400.00',
      '2024-03-01 837 submitted 1400.00 → 1400.00',
      '2024-03-02 999 accepted by the clearinghouse - → 1400.00',
      '2024-03-03 277CA accepted by the payer 1400.00 → 1400.00',
      '2024-03-15 835 denied 0.00 → 1400.00',
      '2024-03-20 837 replaced 1400.00 → 1400.00',
      '2024-03-21 999 accepted by the clearinghouse - → 1400.00',
      '2024-03-22 277CA accepted by the payer 1400.00 → 1400.00',
      '2024-04-12 835 paid 649.60 → 162.40',
      '2024-04-20 posting write off 162.40 → 0.00',
    ]);
  });

  it('balances CLM-1004: paid, reversed, corrected, and the copay paid', async () => {
    // 140 billed; paid 70 with CO 45 58.80: 11.20 (PR 3); the reversal puts 128.80 back: 140; the
    // correction pays 76 with CO 45 52.80: 11.20; the patient pays it: 0.
    expect((await story('CLM-1004')).slice(4)).toEqual([
      '2024-03-15 835 paid 70.00 → 11.20',
      '2024-04-12 835 reversed -70.00 → 140.00',
      '2024-04-12 835 corrected 76.00 → 11.20',
      '2024-04-16 posting patient payment 11.20 → 0.00',
    ]);
  });

  it('balances CLM-1005: rejected by the payer, written off', async () => {
    expect(await story('CLM-1005')).toEqual([
      '2024-02-26 837 charged 90.00 → 90.00',
      '2024-03-01 837 submitted 90.00 → 90.00',
      '2024-03-02 999 accepted by the clearinghouse - → 90.00',
      '2024-03-03 277CA rejected by the payer 90.00 → 90.00',
      '2024-04-20 posting write off 90.00 → 0.00',
    ]);
  });

  // The secondary's OA 23 (prior payer impact: the 143.24 Medicare already paid and adjusted) is not taken
  // off a second time (migration 009).
  it('balances CLM-1003: rejected by the 999, resent, paid by Medicare and crossed over to Medicaid', async () => {
    // 155 billed (the resend changes nothing); Medicare pays 53.34 with CO 45 81.20 + 8.70: 11.76 (PR 2);
    // Medicaid pays 10.00 of it and takes CO 45 1.76 off: 0. Its OA 23 of 143.24 is Medicare's 53.34 + 90.00.
    expect(await story('CLM-1003')).toEqual([
      '2024-02-22 837 charged 155.00 → 155.00',
      '2024-03-01 837 submitted 155.00 → 155.00',
      '2024-03-02 999 rejected by the clearinghouse - → 155.00',
      '2024-03-05 837 resubmitted 155.00 → 155.00',
      '2024-03-06 999 accepted by the clearinghouse - → 155.00',
      '2024-03-07 277CA accepted by the payer 155.00 → 155.00',
      '2024-03-25 835 paid and forwarded 53.34 → 11.76',
      '2024-04-03 835 paid 10.00 → 0.00',
    ]);
  });

  it('balances CLM-1003 up to the crossover', async () => {
    expect((await story('CLM-1003')).slice(0, 7).at(-1)).toBe('2024-03-25 835 paid and forwarded 53.34 → 11.76');
  });

  // A claim known from the charges export is charged on its date of service (migration 009).
  it('balances CLM-1006 (self-pay, charges export): charged 180, paid 108, discount 72', async () => {
    expect((await story('CLM-1006')).at(-1)).toMatch(/→ 0\.00$/);
  });

  it('keeps the self-pay charges and their postings', async () => {
    expect(await w.all("SELECT claim_id, procedure_code, charge::VARCHAR AS charge FROM charge_line")).toEqual([{ claim_id: 'CLM-1006', procedure_code: '99203', charge: '180.00' }]);
    expect(await w.all("SELECT posting_type, amount::VARCHAR AS amount, payer_or_patient, reason_code FROM payment_posting WHERE claim_id = 'CLM-1006' ORDER BY line_number")).toEqual([
      { posting_type: 'patient_payment', amount: '108.00', payer_or_patient: 'patient', reason_code: 'COPAY' },
      { posting_type: 'write_off', amount: '72.00', payer_or_patient: 'patient', reason_code: 'SELF_PAY_DISCOUNT' },
    ]);
  });
});
