// Claim identity scoped by billing provider: two practices send the same patient control numbers. Each
// record finds the claim of its own provider (837 billing NPI, 835 payee, 277CA billing provider, a
// posting's Billing NPI column); a posting that names no provider for a shared number is listed as
// unmatched with the reason, never guessed; `rcm claim show` asks for the full number. A patient
// statement is a "patient billed" event that moves no money.
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from './ingest-run.ts';
import { claimHistory, findClaims } from '../../warehouse/queries/claims.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { rcmHere as rcm } from '../../tests/support/cli-here.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import * as F from '../../demo/files/test-fixture.ts';
import { batchId837, write837P } from '../../demo/files/write-837.ts';
import { write277CA } from '../../demo/files/write-277ca.ts';
import { write835 } from '../../demo/files/write-835.ts';

const A = F.PRACTICE.billingNpi;
const B = '1999999992';
const OTHER = { ...F.PRACTICE, billingNpi: B, name: 'OTHER CLINIC', submitterId: 'OTHERCLINIC' };

describe('a patient control number used by two billing providers', () => {
  let w: Warehouse;

  beforeAll(async () => {
    const dir = tempDir();
    w = await tempWarehouse(dir);
    const files = [
      writeFile(dir, 'a.837', write837P(F.PRACTICE, F.FILE1, { interchange: 1, group: 1, fileDate: '2024-03-01' })),
      writeFile(dir, 'b.837', write837P(OTHER, F.FILE1, { interchange: 2, group: 2, fileDate: '2024-03-01' })),
      // only B's payer rejects: the 277CA must reach B's claims, not A's
      writeFile(dir, 'b.277', write277CA(OTHER, F.STATUSES1, { interchange: 3, group: 3 }, '2024-03-03', batchId837(2), F.claimOf)),
      // only A is paid
      writeFile(dir, 'a.835', write835(F.PRACTICE, F.REMIT_ACME_1, { interchange: 4, group: 4 }, F.claimOf)),
      writeFile(
        dir,
        'postings.csv',
        [
          'Claim ID,Posting Date,Amount,Type,Payer or Patient,Reason Code,Reference,Billing NPI',
          `CLM-1001,2024-03-18,45.00,patient statement,patient,STATEMENT,ST1,${A}`,
          `CLM-1001,2024-03-25,45.00,patient payment,patient,STATEMENT,PP1,${A}`,
          'CLM-1001,2024-03-26,5.00,patient payment,patient,,PP2,',
          `CLM-1001,2024-03-27,7.00,patient payment,patient,,PP3,${B}`,
        ].join('\n') + '\n',
      ),
    ];
    const run = await ingestFiles(w, files);
    expect(run.outcomes.map((o) => o.status)).toEqual(files.map(() => 'loaded'));
    await buildModels(w);
  }, 60_000);

  it('names one claim per provider, and each record finds its own', async () => {
    expect(await findClaims(w, 'CLM-1001')).toEqual([
      { claim_id: `CLM-1001@${A}`, billing_npi: A },
      { claim_id: `CLM-1001@${B}`, billing_npi: B },
    ]);
    expect(await findClaims(w, `CLM-1001@${B}`)).toEqual([{ claim_id: `CLM-1001@${B}`, billing_npi: B }]);
    const events = async (id: string) => (await claimHistory(w, id)).map((e) => [e.source, e.event, e.amount, e.balance_delta]);
    expect(await events(`CLM-1001@${A}`)).toEqual([
      ['837', 'charged', '510.00', '510.00'],
      ['837', 'submitted', '510.00', '0.00'],
      ['835', 'paid', '186.00', '-406.00'],
      ['posting', 'patient billed', '45.00', '0.00'],
      ['posting', 'patient payment', '45.00', '-45.00'],
    ]);
    expect(await events(`CLM-1001@${B}`)).toEqual([
      ['837', 'charged', '510.00', '510.00'],
      ['837', 'submitted', '510.00', '0.00'],
      ['277CA', expect.stringMatching(/by the payer$/), expect.anything(), '0.00'],
      ['posting', 'patient payment', '7.00', '-7.00'],
    ]);
    // the models agree: A paid, B not; the statement moves no cash
    expect(await w.all("SELECT claim_id, first_paid::VARCHAR AS paid FROM mart_claim WHERE claim_id LIKE 'CLM-1001%' ORDER BY claim_id")).toEqual([
      { claim_id: `CLM-1001@${A}`, paid: '186.00' },
      { claim_id: `CLM-1001@${B}`, paid: null },
    ]);
    expect(await w.all("SELECT claim_id, kind, amount::VARCHAR AS amount FROM mart_cash WHERE kind = 'patient_payment' ORDER BY claim_id")).toEqual([
      { claim_id: `CLM-1001@${A}`, kind: 'patient_payment', amount: '45.00' },
      { claim_id: `CLM-1001@${B}`, kind: 'patient_payment', amount: '7.00' },
    ]);
  });

  it('lists a posting that names no provider of a shared number, with what to do', async () => {
    expect(await w.all('SELECT source, claim_id, amount::VARCHAR AS amount, reason FROM mart_unmatched_record')).toEqual([
      { source: 'posting', claim_id: 'CLM-1001', amount: '5.00', reason: `the number is used by 2 billing providers (${A}, ${B}) and this record names none: add a billing NPI column to the export` },
    ]);
    expect(await w.one("SELECT records_without_provider FROM mart_shared_claim_number WHERE patient_control_number = 'CLM-1001'")).toEqual({ records_without_provider: 1n });
  });

  it('asks for the full number on the command line', async () => {
    w.close(); // the verb opens the file itself
    const ambiguous = await rcm('claim', 'show', 'CLM-1001', '--db', w.path);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain(`CLM-1001 names 2 claims of different billing providers: CLM-1001@${A}, CLM-1001@${B}`);
    const one = await rcm('claim', 'show', `CLM-1001@${B}`, '--db', w.path, '--json');
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).claim_id).toBe(`CLM-1001@${B}`);
  });
});
