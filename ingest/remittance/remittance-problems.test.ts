// Remittances a person must look at, through the real path (files → ingest → models → rcm errors; the
// ingest API's listing is tested beside its route): the same ERA delivered five times is counted once and listed with the first file's name; a
// payment with the same trace number and other content is counted and listed as a conflict; a reversal
// whose original was never loaded is listed and changes no balance, until its original is loaded.
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { claimHistory } from '../../warehouse/queries/claims.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { rcmHere as rcm } from '../../tests/support/cli-here.ts';
import { conflictingFixture835, fixture835, isa, resentFixture835 } from '../../tests/support/fixture-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

/** The fixture's payee: the practice its claims belong to. */
const PRACTICE = '1234567893';

/** A one-claim 835 of the fixture's payer and payee: [pcn, status, charge, paid, payer claim number], balanced by one CO 45. */
function remit835(date: string, trace: string, [pcn, status, charge, paid, icn]: [string, string, string, string, string]): string {
  const body = [
    `BPR*I*${paid}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*888888880*DA*654321*${date}`, `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN', 'REF*2U*ACME01', `N1*PE*GOOD CLINIC*XX*${PRACTICE}`, 'LX*1',
    `CLP*${pcn}*${status}*${charge}*${paid}**12*${icn}*11*1`, `CAS*CO*45*${(Number(charge) - Number(paid)).toFixed(2)}`, 'NM1*QC*1*POE*EDGAR****MI*M789',
  ];
  return [isa({ interchangeControl: '000000099' }), `GS*HP*ACMEPAYER*GOODCLINIC*${date}*1200*99*X*005010X221A1`, 'ST*835*0001', ...body, `SE*${body.length + 2}*0001`, 'GE*1*99', 'IEA*1*000000099'].join('~\n') + '~\n';
}

/** A claim's balance today: the last event's balance in its history (mart_claim_history, held to mart_claim_balance). */
const balance = async (w: Warehouse, claim: string) => (await claimHistory(w, claim)).at(-1)?.balance;

describe('a remittance delivered five times', () => {
  const dir = tempDir();
  let w: Warehouse;
  const names = [1, 2, 3, 4, 5].map((n) => `era-copy-${n}.835`);

  beforeAll(async () => {
    w = await tempWarehouse(dir);
    const run = await ingestFiles(w, names.map((name, i) => writeFile(dir, name, resentFixture835(i + 1))));
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded', 'loaded']);
    const build = await buildModels(w);
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
  });

  it('counts its money once: the balances and the cash are those of one copy', async () => {
    // CLAIM-A: CLP03 500 − paid 280 − contractual (CO A2 20 + CO 45 50 + 50) = 100, the patient's (PR 50 + 50).
    // Five copies counted would have taken it to 500 − 5 × 400 = −1,500.
    expect(await balance(w, 'CLAIM-A')).toBe('100.00');
    expect(await w.all("SELECT kind, sum(amount)::VARCHAR AS amount FROM mart_cash GROUP BY kind ORDER BY kind")).toEqual([
      { kind: 'contractual', amount: '130.00' }, // CLAIM-A's 120 and CLAIM-C's correction 10; not the orphan reversal's −20
      { kind: 'insurance_paid', amount: '290.00' }, // Σ CLP04 of one copy: 280 + 0 − 80 + 90
      { kind: 'plb_interest', amount: '-5.00' },
      { kind: 'plb_recoupment', amount: '15.00' },
    ]);
    expect(await w.one('SELECT count(*) AS n FROM stg_remit_payment')).toEqual({ n: 1n });
    expect(await w.one('SELECT count(*) AS n FROM int_adjudication')).toEqual({ n: 4n });
  });

  it('lists each later copy as a duplicate of the first file', async () => {
    const rows = await w.all<{ problem: string; file_name: string; first_file_name: string; counted: string; message: string }>(
      "SELECT problem, file_name, first_file_name, counted, message FROM mart_remittance_problem WHERE problem = 'duplicate_remittance' ORDER BY file_id",
    );
    expect(rows.map((r) => [r.file_name.split('/').pop(), r.first_file_name.split('/').pop(), r.counted])).toEqual(
      names.slice(1).map((name) => [name, names[0], 'not counted']),
    );
    expect(rows[0].message).toContain(`payment TRACE001 of 280.00 from payer ACME01 repeats, claim for claim, the remittance loaded from ${dir}/${names[0]}`);
  });

  it('lists the reversal whose original was never loaded, once, and keeps it out of the balance', async () => {
    expect(await w.all("SELECT problem, file_name, claim_id, amount::VARCHAR AS amount, counted FROM mart_remittance_problem WHERE problem = 'orphan_reversal'")).toEqual([
      { problem: 'orphan_reversal', file_name: `${dir}/${names[0]}`, claim_id: 'CLAIM-C', amount: '-80.00', counted: 'cash only' },
    ]);
    // CLAIM-C's original (paid 80, CO 45 20) is not in the data: its reversal would reopen the 100 no record took
    // off. Charged 100 (CLP03 of the correction) − paid 90 − CO 45 10 = 0.
    expect((await claimHistory(w, 'CLAIM-C')).map((e) => [e.event, e.amount, e.balance])).toEqual([
      ['charged', '100.00', '100.00'],
      ['reversed', '-80.00', '100.00'],
      ['corrected', '90.00', '0.00'],
    ]);
  });
});

describe('a payment conflicting with an earlier one, and rcm errors', () => {
  const dir = tempDir();
  let w: Warehouse;
  const first = () => `${dir}/era-1.835`;

  beforeAll(async () => {
    w = await tempWarehouse(dir);
    await ingestFiles(w, [1, 2, 3].map((n) => writeFile(dir, `era-${n}.835`, resentFixture835(n))));
    await ingestFiles(w, [writeFile(dir, 'era-conflict.835', conflictingFixture835())]);
    await buildModels(w);
  });

  it('counts a conflicting payment and lists it with the first file of its trace number', async () => {
    const conflict = await w.all("SELECT file_name, first_file_name, counted, message FROM mart_remittance_problem WHERE problem = 'payment_conflict'");
    expect(conflict).toEqual([{
      file_name: `${dir}/era-conflict.835`, first_file_name: first(), counted: 'counted',
      message: `payment TRACE001 from payer ACME01 was loaded from ${first()} (transaction at segment 3) with other content (280.00 there, 300.00 here): both are counted`,
    }]);
    // counted: CLAIM-A paid twice (100 − 400 = −300), Σ CLP04 290 + 290
    expect(await balance(w, 'CLAIM-A')).toBe('-300.00');
    expect(await w.one("SELECT sum(amount)::VARCHAR AS paid FROM mart_cash WHERE kind = 'insurance_paid'")).toEqual({ paid: '580.00' });
  });

  it('lists them in rcm errors, counted, with the first file\'s name', async () => {
    w.close(); // the verb opens the file itself
    const text = await rcm('errors', '--db', w.path);
    expect(text.status).toBe(0);
    // the conflict's own copy of CLAIM-C's reversal is an orphan too: its money is counted like the rest of it
    expect(text.stdout).toContain('no rejected files\nremittances to look at: 2 remittances delivered again (not counted), 2 reversals without their original, 1 conflicting payment\n');
    expect(text.stdout).toContain(`batch 1 duplicate_remittance (not counted): ${dir}/era-2.835, segment 3: payment TRACE001 of 280.00 from payer ACME01 repeats, claim for claim, the remittance loaded from ${first()}`);
    const json = JSON.parse((await rcm('errors', '--db', w.path, '--remittances', '--batch', '2', '--json')).stdout) as { problem: string; batch_id: number; first_file_name: string | null }[];
    expect(json.map((p) => [p.problem, p.batch_id, p.first_file_name])).toEqual([['payment_conflict', 2, first()], ['orphan_reversal', 2, null]]);
    expect(JSON.parse((await rcm('errors', '--db', w.path, '--json')).stdout)).toEqual([]); // the rejected files alone, as before
    expect(text.stderr).toBe('');
    // a file loaded without a build is not in the listing yet: rcm errors says so
    expect((await rcm('ingest', '--db', w.path, '--no-build', writeFile(dir, 'era-4.835', resentFixture835(4)))).status).toBe(0);
    const stale = await rcm('errors', '--db', w.path, '--remittances');
    expect(stale.stderr).toContain(`rcm errors: files were loaded after the models were last built; the remittances to look at leave them out until rcm build --db ${w.path}`);
    expect(stale.stdout).toContain('2 remittances delivered again (not counted)');
  });
});

describe('a reversal whose original comes later', () => {
  it('is an orphan until the original is loaded, then undoes it', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    await ingestFiles(w, [writeFile(dir, 'reprocessed.835', fixture835())]);
    await buildModels(w);
    expect(await w.all("SELECT claim_id FROM mart_remittance_problem WHERE problem = 'orphan_reversal'")).toEqual([{ claim_id: 'CLAIM-C' }]);
    // the payment CLAIM-C's reversal takes back: 80 of 100, CO 45 20, a month before
    await ingestFiles(w, [writeFile(dir, 'original.835', remit835('20240215', 'TRACE000', ['CLAIM-C', '1', '100.00', '80.00', 'ICN-C1']))]);
    await buildModels(w);
    expect(await w.all('SELECT problem FROM mart_remittance_problem')).toEqual([]);
    expect((await claimHistory(w, 'CLAIM-C')).map((e) => [e.event, e.amount, e.balance])).toEqual([
      ['charged', '100.00', '100.00'],
      ['paid', '80.00', '0.00'],
      ['reversed', '-80.00', '100.00'],
      ['corrected', '90.00', '0.00'],
    ]);
  });
});
