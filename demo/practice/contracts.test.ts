// The demo payers' contracts: the fee-schedule files the demo writes load into the prices the simulation
// pays (every payer, every code; the rule payer through the base schedule), and over a simulated year the
// only lines allowed below contract beyond the tolerance are those the planted underpayment hit.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { formatCents } from '../../kernel/money.ts';
import { writeFeeScheduleCsv, writeFeeScheduleRulesCsv } from '../files/write-csv.ts';
import { simulate } from '../simulation/simulate.ts';
import { TruthBuilder, loadCrosswalk } from '../truth/truth-builder.ts';
import { FEE_SCHEDULE } from './codes.ts';
import { contractAllowed, contractPrices, contractRules, PLANTED_UNDERPAYMENT } from './contracts.ts';
import { PAYERS, payerProfile } from './payers.ts';

describe('the demo payers’ contracts', () => {
  it('load from the files the demo writes as the prices the simulation pays: a schedule per payer, Evergreen as 105 % of Medicare', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [
      writeFile(dir, 'fee-schedule.csv', writeFeeScheduleCsv(contractPrices(PAYERS), '2025-01-01')),
      writeFile(dir, 'fee-schedule-rules.csv', writeFeeScheduleRulesCsv(contractRules(PAYERS), '2025-01-01')),
    ]);
    expect(run.outcomes.map((o) => o.status === 'loaded' && o.rowErrors)).toEqual([0, 0]);
    await buildModels(w);
    const rows = await w.all<{ payer_id: string; procedure_code: string; allowed: string; source: string }>(
      "SELECT payer_id, procedure_code, allowed::VARCHAR AS allowed, source FROM stg_fee_schedule WHERE modifier IS NULL AND effective_from = DATE '2025-01-01' AND effective_to IS NULL ORDER BY payer_id, procedure_code",
    );
    const expected = PAYERS.flatMap((p) => FEE_SCHEDULE.map((f) => ({
      payer_id: p.id, procedure_code: f.code, allowed: formatCents(contractAllowed(p, f.code, payerProfile)), source: p.percentOf ? `rule: ${p.percentOf.percent} % of ${p.percentOf.payerId}` : 'schedule',
    }))).sort((a, b) => a.payer_id.localeCompare(b.payer_id) || a.procedure_code.localeCompare(b.procedure_code));
    expect(rows).toEqual(expected);
    expect(await w.one('SELECT count(*) AS n FROM stg_fee_schedule')).toEqual({ n: BigInt(expected.length) });
    expect(rows.find((r) => r.payer_id === 'EVGMA' && r.procedure_code === '99213')).toMatchObject({ allowed: '61.74', source: 'rule: 105 % of MCRB1' });
  });

  it('leave, over a simulated year, no line allowed below contract beyond the tolerance but those of the planted underpayment', () => {
    const sim = simulate({ seed: 11, claims: 4000, months: 12 });
    const truth = new TruthBuilder(sim.practice, { asOf: [sim.end], crosswalk: loadCrosswalk(), underpayment: PLANTED_UNDERPAYMENT });
    for (const { history } of sim.claims()) truth.addClaim(history);
    const { underpayment } = truth.build();
    expect(underpayment.planted!.lines).toBeGreaterThan(20);
    expect(underpayment.underpaidLines).toBe(underpayment.planted!.lines);
    expect(underpayment.underpaid).toBe(underpayment.planted!.underpaid);
    const elsewhere = underpayment.byPayerCodeMonth.filter((c) => !(c.payerId === 'SUMMT' && c.procedureCode === '99214' && c.month >= '2025-07'));
    expect(elsewhere.filter((c) => c.underpaidLines > 0)).toEqual([]);
    expect(underpayment.noExpectationLines).toBe(0);
  });
});
