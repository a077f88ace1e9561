// The loader over files written here (the hand-computed 835, the 837P fixture, synthetic remittances): rows,
// identity, rejected files, warnings and memory. The public samples: tests/conformance/loader.test.ts.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/database.ts';
import { FIXTURE_ANSWERS, fixture835 } from '../../tests/support/fixture-835.ts';
import { fixture837P } from '../../tests/support/fixture-837p.ts';
import { fixtureFiles } from '../../tests/support/fixture-files.ts';
import { emptyTotals, synthetic835 } from '../../tests/support/synthetic-835.ts';
import { fileRowTables } from '../../tests/support/file-tables.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { eraTransaction } from '../remittance/era-document.ts';
import { readEra } from '../remittance/read-era.ts';
import { formatCents } from '../../kernel/money.ts';
import { ingestFiles } from './ingest-run.ts';
import { closesGroup, STREAMING_FILE_BYTES } from './loader.ts';
import { ROW_GROUP_ROWS } from '../../warehouse/bulk-load.ts';

async function rowCounts(w: Warehouse): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const t of await fileRowTables(w)) out[t] = (await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`))!.n;
  return out;
}

describe('loading the hand-computed fixture', () => {
  let w: Warehouse;
  let path: string;
  const dir = tempDir();
  beforeAll(async () => {
    w = await tempWarehouse(dir);
    path = writeFile(dir, 'fixture.835', fixture835());
    const run = await ingestFiles(w, [path]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded']);
  });

  it('stores claims, lines, adjustments and PLB with exact money', async () => {
    const claims = await w.all('SELECT patient_control_number, status_code, charge, paid, is_reversal, claim_position FROM remit_claim ORDER BY claim_position');
    expect(claims).toEqual([
      { patient_control_number: 'CLAIM-A', status_code: '1', charge: '500.00', paid: '280.00', is_reversal: false, claim_position: 12n },
      { patient_control_number: 'CLAIM-B', status_code: '4', charge: '150.00', paid: '0.00', is_reversal: false, claim_position: 27n },
      { patient_control_number: 'CLAIM-C', status_code: '22', charge: '-100.00', paid: '-80.00', is_reversal: true, claim_position: 32n },
      { patient_control_number: 'CLAIM-C', status_code: '1', charge: '100.00', paid: '90.00', is_reversal: false, claim_position: 37n },
    ]);
    const sums = await w.one('SELECT sum(paid)::VARCHAR AS paid, sum(charge)::VARCHAR AS charge, sum(patient_responsibility)::VARCHAR AS pr FROM remit_claim');
    expect(sums).toEqual({ paid: FIXTURE_ANSWERS.claimPaid, charge: FIXTURE_ANSWERS.claimCharge, pr: FIXTURE_ANSWERS.patientResponsibility });
    expect((await w.one<{ n: bigint }>('SELECT count(*) AS n FROM remit_service_line'))!.n).toBe(BigInt(FIXTURE_ANSWERS.lines));
    expect((await w.one<{ n: bigint }>('SELECT count(*) AS n FROM remit_adjustment'))!.n).toBe(BigInt(FIXTURE_ANSWERS.adjustments));
    const plb = await w.all('SELECT reason_code, reference, amount FROM remit_provider_adjustment ORDER BY pair');
    expect(plb).toEqual([{ reason_code: 'L6', reference: 'INT1', amount: '-5.00' }, { reason_code: 'WO', reference: 'ICN-X', amount: '15.00' }]);
    const payment = await w.one('SELECT amount, payment_date, trace_number, payer_id, payee_npi, payee_tax_id, claim_count, claim_paid_total, provider_adjustment_total, is_balanced FROM remit_payment');
    expect(payment).toEqual({
      amount: FIXTURE_ANSWERS.payment, payment_date: '2024-03-15', trace_number: 'TRACE001', payer_id: 'ACME01', payee_npi: '1234567893',
      payee_tax_id: '111223333', claim_count: 4, claim_paid_total: '290.00', provider_adjustment_total: '10.00', is_balanced: true,
    });
  });

  it('splits procedure composites and keeps line ids, dates, remarks and reversal flags', async () => {
    const lines = await w.all('SELECT procedure_code, modifier_1, units, service_date, line_control_number, allowed_amount, is_balanced FROM remit_service_line ORDER BY line_position');
    expect(lines[0]).toEqual({ procedure_code: '99213', modifier_1: '25', units: '1.0000', service_date: '2024-03-01', line_control_number: 'A-1', allowed_amount: null, is_balanced: true });
    expect(await w.all('SELECT scope, qualifier, value FROM remit_reference ORDER BY segment_position')).toEqual([
      { scope: 'payer', qualifier: '2U', value: 'ACME01' }, { scope: 'payee', qualifier: 'TJ', value: '111223333' },
    ]);
    expect(lines[1]).toMatchObject({ procedure_code: '96372', modifier_1: null, units: '2.0000' });
    expect(await w.all("SELECT source, qualifier, code FROM remit_remark")).toEqual([{ source: 'LQ', qualifier: 'HE', code: 'N130' }]);
    const levels = await w.all(
      `SELECT CASE WHEN a.line_position IS NULL THEN 'claim' ELSE 'line' END AS level, a.group_code, a.reason_code, a.amount, c.is_reversal AS claim_is_reversal
       FROM remit_adjustment a JOIN remit_claim c USING (file_id, claim_position) ORDER BY a.segment_position`,
    );
    expect(levels[0]).toEqual({ level: 'claim', group_code: 'CO', reason_code: 'A2', amount: '20.00', claim_is_reversal: false });
    expect(levels.find((a) => a.claim_is_reversal)).toEqual({ level: 'line', group_code: 'CO', reason_code: '45', amount: '-20.00', claim_is_reversal: true });
  });

  it('makes every row traceable to its batch, file name, file hash and segment', async () => {
    const hash = createHash('sha256').update(fixture835()).digest('hex');
    const rows = await w.all(
      `SELECT DISTINCT f.batch_id, f.file_name, f.file_hash FROM remit_service_line l JOIN ingest_file f USING (file_id)`,
    );
    expect(rows).toEqual([{ batch_id: 1n, file_name: path, file_hash: hash }]);
    expect(await w.one('SELECT transaction_type, control_number, interchange_control_number, group_control_number, group_version FROM x12_transaction')).toEqual({
      transaction_type: '835', control_number: '0001', interchange_control_number: '000000001', group_control_number: '7', group_version: '005010X221A1',
    });
  });

  it('does nothing the second time, whatever the file is called', async () => {
    const before = await rowCounts(w);
    const copy = writeFile(dir, 'renamed.txt', fixture835());
    const run = await ingestFiles(w, [path, copy]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    expect(await rowCounts(w)).toEqual(before);
  });
});

describe('file identity', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  it('hashes a file of a new size as it reads it, and files of one size first: copies skip, look-alikes load', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const a = fixture835({ interchangeControl: '000000001' });
    const b = fixture835({ interchangeControl: '000000002' }); // the same size as a, other bytes
    const longer = fixture835({ interchangeControl: '000000003' }, 2);
    const first = await ingestFiles(w, [writeFile(dir, 'a.835', a), writeFile(dir, 'b.835', b), writeFile(dir, 'a-copy.835', a), writeFile(dir, 'longer.835', longer)]);
    expect(first.outcomes.map((o) => [o.file.split('/').pop(), o.status])).toEqual([['a.835', 'loaded'], ['b.835', 'loaded'], ['a-copy.835', 'duplicate'], ['longer.835', 'loaded']]);
    expect(first.outcomes.map((o) => o.hash)).toEqual([sha(a), sha(b), sha(a), sha(longer)]);
    expect(await w.all('SELECT file_name, file_hash FROM ingest_file ORDER BY file_id')).toEqual([
      { file_name: join(dir, 'a.835'), file_hash: sha(a) }, { file_name: join(dir, 'b.835'), file_hash: sha(b) }, { file_name: join(dir, 'longer.835'), file_hash: sha(longer) },
    ]);
    // a later run: the copy of a loaded file (its size is known) is skipped; a file rejected while hashed as read keeps its hash
    const broken = longer.replace('CLP*CLAIM-A*1*500.00', 'CLP*CLAIM-A*1*5O0.00') + '\n'.repeat(7);
    const second = await ingestFiles(w, [writeFile(dir, 'longer-again.835', longer), writeFile(dir, 'broken.835', broken)]);
    expect(second.outcomes.map((o) => o.status)).toEqual(['duplicate', 'rejected']);
    expect(await w.one('SELECT file_hash FROM ingest_error')).toEqual({ file_hash: sha(broken) });
  });
});

describe('procedure modifiers', () => {
  it('keeps each modifier in its position, in the warehouse and in the ERA document', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    // SVC01 with the first modifier left empty, with empty positions after the last one, with a description only
    const text = fixture835().replace('SVC*HC:99213:25*', 'SVC*HC:99213::59*').replace('SVC*HC:96372*', 'SVC*HC:96372:25:::*').replace('SVC*HC:99214*', 'SVC*HC:99214:::::OFFICE VISIT*');
    const path = writeFile(dir, 'modifiers.835', text);
    expect((await ingestFiles(w, [path])).outcomes.map((o) => o.status)).toEqual(['loaded']);
    expect(await w.all('SELECT procedure_code, modifier_1, modifier_2, modifier_3, modifier_4, procedure_description FROM remit_service_line ORDER BY line_position LIMIT 3')).toEqual([
      { procedure_code: '99213', modifier_1: null, modifier_2: '59', modifier_3: null, modifier_4: null, procedure_description: null },
      { procedure_code: '96372', modifier_1: '25', modifier_2: null, modifier_3: null, modifier_4: null, procedure_description: null },
      { procedure_code: '99214', modifier_1: null, modifier_2: null, modifier_3: null, modifier_4: null, procedure_description: 'OFFICE VISIT' },
    ]);
    const [{ remittance, claims, warnings }] = (await readEra(path)).remittances;
    expect(eraTransaction(remittance, claims, warnings).claims.flatMap((c) => c.lines.map((l) => l.modifiers)).slice(0, 3)).toEqual([[null, '59'], ['25'], []]);
  });
});

describe('values the sender got wrong', () => {
  it('resolves 837 diagnosis pointers by HI place, an empty element keeping its place', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const text = fixture837P().replace('HI*ABK:J069*ABF:R509', 'HI*ABK:J069**ABF:R509').replace('SV1*HC:99214*45*UN*1***2', 'SV1*HC:99214*45*UN*1***3:2');
    expect((await ingestFiles(w, [writeFile(dir, 'hi-gap.837', text)])).outcomes[0]).toMatchObject({ status: 'loaded' });
    expect(await w.one("SELECT diagnosis_pointers, diagnosis_code_1, diagnosis_code_2 FROM claim_line WHERE procedure_code = '99214'")).toEqual({
      diagnosis_pointers: '3:2', diagnosis_code_1: 'R509', diagnosis_code_2: null,
    });
    // the 99214 line and the 94640 line point to the empty place
    expect(await w.all('SELECT message FROM ingest_warning')).toEqual([
      { message: 'diagnosis pointer 2 points to no diagnosis of the claim (it has 2)' }, { message: 'diagnosis pointer 2 points to no diagnosis of the claim (it has 2)' },
    ]);
  });


  it('stores an empty CLP02 as missing and quantities as the ERA document shows them', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const text = fixture835().replace('CLP*CLAIM-A*1*', 'CLP*CLAIM-A**').replace('SVC*HC:96372*200.00*100.00**2', 'SVC*HC:96372*200.00*100.00**0.00004')
      .replace('CAS*CO*45*50.00~\nCAS*PR*1*50.00', 'CAS*CO*45*50.00*0.12345~\nCAS*PR*1*50.00');
    const run = await ingestFiles(w, [writeFile(dir, 'odd.835', text)]);
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', warnings: 3 });
    expect(await w.one("SELECT status_code, is_reversal FROM remit_claim WHERE patient_control_number = 'CLAIM-A'")).toEqual({ status_code: null, is_reversal: false });
    expect(await w.all('SELECT units FROM remit_service_line ORDER BY line_position LIMIT 2')).toEqual([{ units: '1.0000' }, { units: '0.0000' }]);
    expect(await w.all("SELECT quantity FROM remit_adjustment WHERE reason_code = '45' ORDER BY segment_position LIMIT 2")).toEqual([{ quantity: null }, { quantity: '0.1235' }]);
  });
});

describe('a folder', () => {
  it('loads the files its links point to, walks a linked folder once, and rejects a broken link as unreadable', async () => {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    const a = writeFile(exports, 'a.835', fixture835({ interchangeControl: '000000011' }));
    mkdirSync(join(exports, 'more'));
    writeFile(join(exports, 'more'), 'b.835', fixture835({ interchangeControl: '000000012' }));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    symlinkSync(a, join(inbox, 'a-link.835'));
    symlinkSync(join(exports, 'more'), join(inbox, 'b-folder'));
    symlinkSync(join(exports, 'more'), join(inbox, 'c-same-folder'));
    symlinkSync(join(dir, 'gone.835'), join(inbox, 'd-broken.835'));
    symlinkSync(inbox, join(inbox, 'e-itself'));
    const run = await ingestFiles(w, [inbox]);
    expect(run.outcomes.map((o) => [o.file.slice(inbox.length + 1), o.status])).toEqual([
      ['a-link.835', 'loaded'], ['b-folder/b.835', 'loaded'], ['d-broken.835', 'rejected'],
    ]);
    expect(run.outcomes[2]).toMatchObject({ code: 'io' });
  });
});

describe('a rejected file beside good ones in one run', () => {
  it('loads the good files, records the bad ones with file, place and hint, and keeps nothing of them', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const files = join(dir, 'in');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files);
    writeFile(files, 'a-good.835', fixture835());
    const bad = fixture835({}, 3);
    // Fails at the very last claim of the third transaction set: two sets were already written when it fails.
    const lastClp = bad.lastIndexOf('CLP*CLAIM-C*1*100.00*90.00');
    writeFile(files, 'b-bad-amount.835', `${bad.slice(0, lastClp)}CLP*CLAIM-C*1*100.00*9O.00${bad.slice(lastClp + 'CLP*CLAIM-C*1*100.00*90.00'.length)}`);
    writeFile(files, 'c-truncated.835', fixture835().slice(0, 900));
    writeFile(files, 'd-notes.txt', 'these are not remittances\n');
    writeFile(files, '.hidden', 'ignored');
    writeFile(files, 'e-other.835', fixtureFiles().find(([name]) => name === '08-acme.835')![1]);

    const run = await ingestFiles(w, [files]);
    expect(run.outcomes.map((o) => [o.file.split('/').pop(), o.status])).toEqual([
      ['a-good.835', 'loaded'], ['b-bad-amount.835', 'rejected'], ['c-truncated.835', 'rejected'], ['d-notes.txt', 'rejected'], ['e-other.835', 'loaded'],
    ]);
    const errors = await w.all('SELECT file_name, error_code, segment_position, message, hint FROM ingest_error ORDER BY error_id');
    expect(errors.map((e) => [String(e.file_name).split('/').pop(), e.error_code])).toEqual([
      ['b-bad-amount.835', 'invalid_amount'], ['c-truncated.835', 'truncated'], ['d-notes.txt', 'unrecognized_file'],
    ]);
    expect(errors[0].segment_position).toBe(BigInt(bad.slice(0, lastClp).split('~').length));
    for (const e of errors) expect(String(e.hint).length).toBeGreaterThan(10);
    const counts = await w.all<{ file_name: string; claims: bigint }>(
      'SELECT f.file_name, count(*) AS claims FROM remit_claim JOIN ingest_file f USING (file_id) GROUP BY 1 ORDER BY 1',
    );
    expect(counts.map((c) => [c.file_name.split('/').pop(), c.claims])).toEqual([['a-good.835', 4n], ['e-other.835', 3n]]);
    expect((await w.one<{ n: bigint }>('SELECT count(*) AS n FROM remit_claim'))!.n).toBe(7n);
    expect((await w.one<{ n: bigint }>('SELECT count(*) AS n FROM x12_transaction'))!.n).toBe(2n);
    expect(await w.one('SELECT files_loaded, files_skipped, files_rejected FROM ingest_batch')).toEqual({ files_loaded: 2, files_skipped: 0, files_rejected: 3 });
  });
});

describe('warnings are kept with the rows they concern', () => {
  it('marks a service line whose payment and adjustments do not make its charge, and keeps the warning with its segment', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    // 300.00 charged, 190.00 paid, 50.00 + 50.00 adjusted: 10.00 unexplained; the claim (CLP) still balances
    const text = fixture835().replace('SVC*HC:99213:25*300.00*200.00**1', 'SVC*HC:99213:25*300.00*190.00**1');
    await ingestFiles(w, [writeFile(dir, 'unbalanced-line.835', text)]);
    const position = BigInt(text.split('~').findIndex((segment) => segment.includes('SVC*HC:99213:25')) + 1);
    const warning = await w.one("SELECT segment_position, subject_position, segment_text, message FROM ingest_warning WHERE warning_code = 'line_unbalanced'");
    expect(warning).toMatchObject({ segment_position: position, subject_position: position, segment_text: 'SVC*HC:99213:25*300.00*190.00**1' });
    expect(await w.one('SELECT is_balanced FROM remit_service_line WHERE line_position = $1', [position])).toEqual({ is_balanced: false });
    expect(await w.one("SELECT is_balanced FROM remit_claim WHERE patient_control_number = 'CLAIM-A'")).toEqual({ is_balanced: true });
  });

  it('flags the same payment delivered in two different files', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const first = writeFile(dir, 'one.835', fixture835({ interchangeControl: '000000001' }));
    const second = writeFile(dir, 'two.835', fixture835({ interchangeControl: '000000002' }));
    const run = await ingestFiles(w, [first, second]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    const warnings = await w.all("SELECT file_id, message FROM ingest_warning WHERE warning_code = 'duplicate_payment'");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file_id).toBe(2n);
    // the earlier copy is named even when both files are committed together
    expect(String(warnings[0].message)).toContain("TRACE001 of 280.00 from payer ACME01");
    expect(String(warnings[0].message)).toContain(`was already loaded from ${first} (transaction at segment`);
  });
});

describe('a synthetic remittance set', () => {
  it('loads with the totals the generator counted', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const totals = emptyTotals();
    const path = writeFile(dir, 'synthetic.835', [...synthetic835({ seed: 11, claims: 3000, claimsPerTransaction: 250 }, totals)].join(''));
    const run = await ingestFiles(w, [path]);
    expect(run.outcomes[0]).toMatchObject({ status: 'loaded', warnings: 0, claims: totals.claims });
    const db = await w.one<Record<string, unknown>>(`SELECT
      (SELECT count(*) FROM remit_payment) AS transactions,
      (SELECT count(*) FROM remit_claim) AS claims,
      (SELECT count(*) FROM remit_claim WHERE is_reversal) AS reversals,
      (SELECT count(*) FROM remit_service_line) AS lines,
      (SELECT count(*) FROM remit_adjustment) AS adjustments,
      (SELECT count(*) FROM remit_provider_adjustment) AS plb,
      (SELECT sum(paid)::VARCHAR FROM remit_claim) AS paid,
      (SELECT sum(charge)::VARCHAR FROM remit_claim) AS charge,
      (SELECT sum(CASE credit_debit WHEN 'D' THEN -amount ELSE amount END)::VARCHAR FROM remit_payment) AS payments,
      (SELECT sum(amount)::VARCHAR FROM remit_provider_adjustment) AS plb_total,
      (SELECT segment_count FROM ingest_file) AS segments`);
    expect(db).toEqual({
      transactions: BigInt(totals.transactions), claims: BigInt(totals.claims), reversals: BigInt(totals.reversals), lines: BigInt(totals.lines),
      adjustments: BigInt(totals.adjustments), plb: BigInt(totals.providerAdjustments), paid: cents(totals.claimPaid), charge: cents(totals.claimCharge),
      payments: cents(totals.payments), plb_total: cents(totals.providerAdjustmentTotal), segments: BigInt(totals.segments),
    });
    expect(totals.reversals).toBeGreaterThan(0);
  });
});

function cents(c: bigint): string {
  return formatCents(Number(c));
}

/** A synthetic 835 whose last CLP has a bad amount, ingested between two good files in one run. */
async function ingestBrokenBetweenGood(dir: string, w: Warehouse, options: { seed: number; claims: number }, name: string) {
  const text = [...synthetic835(options)].join('');
  const lastClp = text.lastIndexOf('CLP*');
  const broken = `${text.slice(0, lastClp)}CLP*X*1*1O.00*${text.slice(lastClp + 'CLP*'.length)}`;
  const before = writeFile(dir, 'a.835', fixture835({ interchangeControl: '000000001' }));
  const bad = writeFile(dir, name, broken);
  const after = writeFile(dir, 'c.835', fixture835({ interchangeControl: '000000003' }));
  // CAS segments, one adjustment row or more each
  const casSegments = text.split('~').filter((segment) => segment.trimStart().startsWith('CAS*')).length;
  return { bytes: text.length, casSegments, before, after, run: await ingestFiles(w, [before, bad, after]) };
}

describe('a group of small files', () => {
  it('is committed at 128 MB staged, unless the rest of the run is less than half that: then the rest joins it', () => {
    const MB = 1 << 20;
    expect(closesGroup(127 * MB, 500 * MB)).toBe(false);
    expect(closesGroup(128 * MB, 500 * MB)).toBe(true);
    expect(closesGroup(128 * MB, 64 * MB)).toBe(true);
    expect(closesGroup(128 * MB, 64 * MB - 1)).toBe(false);
    expect(closesGroup(200 * MB, 0)).toBe(false);
  });
});

describe('a group whose commit runs out of memory', () => {
  const POSTINGS = 'Claim ID,Posting Date,Amount,Type,Payer or Patient,Reason Code,Reference\n'
    + 'CLM-1,2024-03-25,45.00,patient payment,patient,DEPOSIT,PP1\n'
    + 'CLM-2,25/03/2024,5.00,patient payment,patient,DEPOSIT,PP2\n';

  it('commits with DuckDB’s cap doubled, and puts the cap back after', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    await w.run("SET memory_limit = '48MB'");
    const capAt: string[] = [];
    const run = w.run.bind(w);
    w.run = async (sql, params) => {
      if (sql === 'COMMIT') capAt.push((await w.one<{ cap: string }>("SELECT current_setting('memory_limit') AS cap"))!.cap);
      return run(sql, params);
    };
    const files = [writeFile(dir, 'a.835', fixture835({ interchangeControl: '000000021' })), writeFile(dir, 'b.835', fixture835({ interchangeControl: '000000022' }))];
    const { outcomes } = await ingestFiles(w, files);
    expect(outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    expect(capAt).toContain('91.5 MiB'); // the group's commit: twice 45.7 MiB (48MB as DuckDB reads it back)
    expect(await w.one("SELECT current_setting('memory_limit') AS cap")).toEqual({ cap: '45.7 MiB' });
  });

  it('loads each of its files again on its own, and records each CSV row refused once', async () => {
    // DuckDB's refusal is simulated: a group that large holds files of every kind
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = w.run.bind(w);
    let refused = 0;
    w.run = async (sql, params) => {
      if (sql === 'COMMIT' && refused++ === 0) throw new Error('TransactionContext Error: Failed to commit: failed to pin block of size 256.0 KiB (45.5 MiB/45.7 MiB used)');
      return run(sql, params);
    };
    const files = [
      writeFile(dir, 'a.835', fixture835({ interchangeControl: '000000031' })),
      writeFile(dir, 'b.csv', POSTINGS),
      writeFile(dir, 'c.835', fixture835().slice(0, 900)),
      writeFile(dir, 'd.835', fixture835({ interchangeControl: '000000032' })),
    ];
    const { outcomes } = await ingestFiles(w, files);
    expect(refused).toBeGreaterThan(1);
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([[files[0], 'loaded'], [files[1], 'loaded'], [files[2], 'rejected'], [files[3], 'loaded']]);
    expect(await w.all('SELECT file_name FROM ingest_file ORDER BY file_id')).toEqual([files[0], files[1], files[3]].map((file_name) => ({ file_name })));
    expect(await w.one('SELECT count(*) AS n FROM remit_claim')).toEqual({ n: 8n });
    expect(await w.one('SELECT count(*) AS n FROM payment_posting')).toEqual({ n: 1n });
    expect(await w.all('SELECT file_name, error_code FROM ingest_error ORDER BY file_name')).toEqual([
      { file_name: files[1], error_code: 'bad_row' },
      { file_name: files[2], error_code: 'truncated' },
    ]);
  });
});

describe('a group of files copied while it is read', () => {
  it('takes back the rows of a file that fails after some of them were copied, and keeps its neighbours', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const { bytes, casSegments, before, after, run } = await ingestBrokenBetweenGood(dir, w, { seed: 22, claims: 30_000 }, 'b-mid.835');
    // below the streaming size, above a staging file's rows: its adjustments start going to DuckDB before the end
    expect(bytes).toBeLessThan(STREAMING_FILE_BYTES);
    expect(casSegments).toBeGreaterThan(ROW_GROUP_ROWS + 1);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'rejected', 'loaded']);
    expect(run.outcomes[1]).toMatchObject({ code: 'invalid_amount' });
    // every table a load writes to holds the two good files' rows and nothing of the bad one
    const badId = 2n; // file ids are handed out in order
    for (const table of await fileRowTables(w)) {
      expect(await w.one(`SELECT count(*) AS n FROM ${table} WHERE file_id = ${badId}`), table).toEqual({ n: 0n });
    }
    expect(await w.one('SELECT count(*) AS n FROM remit_claim')).toEqual({ n: 8n });
    expect(await w.one('SELECT count(*) AS n FROM remit_adjustment')).toEqual(await w.one('SELECT count(*) AS n FROM remit_adjustment WHERE file_id IN (1, 3)'));
    expect(await w.all('SELECT file_id, file_name FROM ingest_file ORDER BY file_id')).toEqual([{ file_id: 1n, file_name: before }, { file_id: 3n, file_name: after }]);
  }, 120_000);
});

describe('a large file (streamed in its own transaction)', () => {
  it('that fails at its very end leaves no row, and the files around it load', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const { bytes, run } = await ingestBrokenBetweenGood(dir, w, { seed: 21, claims: 40_000 }, 'b-large.835');
    expect(bytes).toBeGreaterThan(STREAMING_FILE_BYTES);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'rejected', 'loaded']);
    expect(run.outcomes[1]).toMatchObject({ code: 'invalid_amount' });
    expect(await w.one('SELECT count(*) AS n FROM remit_claim')).toEqual({ n: 8n });
    expect(await w.one('SELECT count(*) AS n FROM remit_service_line')).toEqual({ n: 10n });
    expect(await w.one('SELECT count(*) AS n FROM x12_transaction')).toEqual({ n: 2n });
  }, 120_000);

  it('that the database cannot store (out of memory) is rejected with what to do, and loads when given the memory', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const totals = emptyTotals();
    const large = writeFile(dir, 'large.835', [...synthetic835({ seed: 23, claims: 40_000 }, totals)].join(''));
    await w.run("SET memory_limit = '16MB'");
    const starved = await ingestFiles(w, [large]);
    expect(starved.outcomes[0]).toMatchObject({ status: 'rejected', code: 'io', message: expect.stringMatching(/could not store the file: Out of Memory/), hint: expect.stringMatching(/--memory-limit/) });
    expect(await w.one('SELECT count(*) AS n FROM remit_claim')).toEqual({ n: 0n });
    expect(await w.one("SELECT error_code, hint LIKE '%--memory-limit%' AS hint FROM ingest_error")).toEqual({ error_code: 'io', hint: true });
    await w.run("SET memory_limit = '1GB'");
    const fed = await ingestFiles(w, [large]);
    expect(fed.outcomes[0]).toMatchObject({ status: 'loaded', claims: totals.claims });
  }, 120_000);
});
