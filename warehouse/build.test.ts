// The model builder: dependency order from the models' own SQL, a cycle named, every model built over the
// demo fixture's files (the public samples: tests/conformance/build.test.ts), and checks that fail when an
// identity is broken.
import { describe, expect, it } from 'vitest';
import { buildModels, buildOrder, loadModels, loadRules, type Model } from './build.ts';
import { buildExitCode, buildText } from '../cli/build-command.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { fixtureFiles } from '../tests/support/fixture-files.ts';
import { tempDir, tempWarehouse, writeFile } from '../tests/support/temp.ts';
import { write837P } from '../demo/files/write-837.ts';
import { FILE1, PRACTICE } from '../demo/files/test-fixture.ts';
import { contract, contractRules } from './models/contract.ts';

/** A warehouse holding the demo fixture's files (tests/support/fixture-files.ts), models not built. */
async function fixtureWarehouse() {
  const dir = tempDir();
  const warehouse = await tempWarehouse(dir);
  await ingestFiles(warehouse, fixtureFiles().map(([name, text]) => writeFile(dir, name, text)));
  return warehouse;
}

const model = (name: string, dependsOn: string[]): Model => ({ name, layer: 'staging', sql: '', dependsOn });

describe('the model builder', () => {
  it('orders models after what they read, and names a cycle', () => {
    const order = buildOrder(loadModels()).map((m) => m.name);
    for (const m of loadModels()) for (const d of m.dependsOn) expect(order.indexOf(d), `${m.name} reads ${d}`).toBeLessThan(order.indexOf(m.name));
    expect(loadModels().find((m) => m.name === 'mart_claim')!.dependsOn).toContain('int_claim');
    expect(() => buildOrder([model('a', ['b']), model('b', ['c']), model('c', ['a'])])).toThrow('a cycle: a → b → c → a');
  });

  it('builds every model over the demo fixture’s files, and every check passes', async () => {
    const warehouse = await fixtureWarehouse();
    const result = await buildModels(warehouse);
    expect(result.models.map((m) => m.name).sort()).toEqual(loadModels().map((m) => m.name).sort());
    expect(result.models.find((m) => m.name === 'mart_claim')!.rows).toBe(6n);
    expect(result.checks.map((c) => c.name)).toEqual(loadRules().map((r) => `${r.model}.${r.rule}`));
    expect(result.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['mart_claim.key', 'mart_claim_balance.not_null', 'int_adjudication.balances']));
    expect(result.checks.filter((c) => c.failures > 0n)).toEqual([]);
    // built beside the live tables and swapped in: nothing left over
    expect(await warehouse.all("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%\\_\\_next' ESCAPE '\\'")).toEqual([]);
  }, 120_000);

  it('fails the checks when an identity is broken', async () => {
    const warehouse = await fixtureWarehouse();
    await buildModels(warehouse);
    // a balance that no event explains, and a claim listed twice
    await warehouse.run('UPDATE mart_claim_balance SET total_balance = total_balance + 1 WHERE claim_id = (SELECT min(claim_id) FROM mart_claim_balance)');
    await warehouse.run('INSERT INTO mart_claim SELECT * FROM mart_claim LIMIT 1');
    const failed = [];
    for (const rule of loadRules()) if ((await warehouse.all(rule.sql)).length > 0) failed.push(`${rule.model}.${rule.rule}`);
    expect(failed).toEqual(expect.arrayContaining(['mart_claim_balance.charges_identity', 'mart_claim.key', 'mart_claim_balance.ar_roll_forward']));
  }, 120_000);

  it('names the model, the rule and a row that breaks it, and fails the command', async () => {
    const warehouse = await fixtureWarehouse();
    // the fixture's claims that no 835 answers (CLM-1005, CLM-1006) have no first payment
    const rules = contractRules(contract('mart_claim', { key: null, notNull: ['first_paid'] }));
    const result = await buildModels(warehouse, { rules });
    expect(result.checks).toEqual([expect.objectContaining({ name: 'mart_claim.not_null', model: 'mart_claim', rule: 'not_null', example: expect.objectContaining({ null_columns: ['first_paid'] }) })]);
    expect(result.checks[0].failures).toBeGreaterThan(0n);
    expect(buildText(result)).toMatch(/FAILED mart_claim\.not_null: never NULL: first_paid \(\d+ rows, e\.g\. \{"null_columns":\["first_paid"\],"claim_id":/);
    expect(buildExitCode(result)).toBe(1);
    expect(buildExitCode({ ...result, checks: [] })).toBe(0);
  }, 120_000);

  it('keeps apart the claims of two billing providers that use the same patient control numbers', async () => {
    const dir = tempDir();
    // the same claims billed by the fixture practice and by another one that reuses its numbers
    const other = '1999999992';
    writeFile(dir, 'a.837', write837P(PRACTICE, FILE1, { interchange: 1, group: 1, fileDate: '2024-03-01' }));
    writeFile(dir, 'b.837', write837P({ ...PRACTICE, billingNpi: other }, FILE1.slice(0, 2), { interchange: 2, group: 2, fileDate: '2024-03-02' }));
    const warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [dir]);
    await buildModels(warehouse);
    const shared = await warehouse.all<{ patient_control_number: string; billing_npis: string[]; claim_numbers: string[] }>(
      'SELECT patient_control_number, billing_npis, claim_numbers FROM mart_shared_claim_number ORDER BY patient_control_number',
    );
    const numbers = FILE1.slice(0, 2).map((s) => s.claimId).sort();
    expect(shared.map((c) => c.patient_control_number)).toEqual(numbers);
    expect(shared[0].billing_npis).toEqual([PRACTICE.billingNpi, other].sort());
    expect(shared[0].claim_numbers).toEqual([`${numbers[0]}@${PRACTICE.billingNpi}`, `${numbers[0]}@${other}`].sort());
    // one claim per provider, each with its own charge and practice
    const claims = await warehouse.all<{ claim_id: string; billing_npi: string; charge: string }>(
      `SELECT claim_id, billing_npi, charge::VARCHAR AS charge FROM mart_claim WHERE claim_id LIKE '${numbers[0]}%' ORDER BY claim_id`,
    );
    const charge = FILE1.find((s) => s.claimId === numbers[0])!.claim.charge / 100;
    expect(claims.map((c) => [c.claim_id, c.billing_npi])).toEqual([[`${numbers[0]}@${PRACTICE.billingNpi}`, PRACTICE.billingNpi], [`${numbers[0]}@${other}`, other]].sort());
    expect(claims.map((c) => Number(c.charge))).toEqual([charge, charge]);
    expect(await warehouse.one('SELECT count(*) AS n FROM mart_claim')).toEqual({ n: BigInt(FILE1.length + 2) });
  }, 60_000);
});

