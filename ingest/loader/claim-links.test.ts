// How records of different sources find their claim: resubmissions, replacements and voids link to the
// original; what matches no claim is listed with the reason.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from './ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { claimHistory, findClaims } from '../../warehouse/queries/claims.ts';
import { rcmHere as rcm } from '../../tests/support/cli-here.ts';
import { fixture835 } from '../../tests/support/fixture-835.ts';
import { isa } from '../../tests/support/fixture-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

/** A minimal 835: each claim [pcn, status, charge, paid, payer claim number] balanced by one claim-level CAS. */
function remit835(date: string, trace: string, claims: [string, string, number, number, string][]): string {
  const body = [`BPR*I*${claims.reduce((s, c) => s + c[3], 0).toFixed(2)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*888888880*DA*654321*${date}`, `TRN*1*${trace}*1512345678`, 'N1*PR*ACME HEALTH PLAN', 'N1*PE*GOOD CLINIC*XX*1234567893', 'LX*1'];
  for (const [pcn, status, charge, paid, icn] of claims) {
    body.push(`CLP*${pcn}*${status}*${charge.toFixed(2)}*${paid.toFixed(2)}**12*${icn}*11*1`);
    const adjusted = charge - paid;
    if (adjusted !== 0) body.push(`CAS*CO*${status === '4' ? '16' : '45'}*${adjusted.toFixed(2)}`);
    body.push('NM1*QC*1*DOE*JANE****MI*M123');
  }
  const st = ['ST*835*0001', ...body, `SE*${body.length + 2}*0001`];
  return [isa({ interchangeControl: trace.padStart(9, '0') }), `GS*HP*P1*S1*${date}*1200*${trace}*X*005010X221A1`, ...st, `GE*1*${trace}`, `IEA*1*${trace.padStart(9, '0')}`].join('~\n') + '~\n';
}

function ack999(date: string, control: string, acknowledged: string, status: 'A' | 'R'): string {
  return [
    `ISA*00*          *00*          *ZZ*R1             *ZZ*S1             *${date.slice(2)}*1200*^*00501*${control.padStart(9, '0')}*0*P*:`, `GS*FA*R1*S1*${date}*1200*${control}*X*005010X231A1`,
    'ST*999*0001*005010X231A1', `AK1*HC*${acknowledged}*005010X222A1`, `AK2*837*${acknowledged}*005010X222A1`, `IK5*${status}`, `AK9*${status}*1*1*${status === 'A' ? 1 : 0}`, 'SE*6*0001', `GE*1*${control}`, `IEA*1*${control.padStart(9, '0')}`,
  ].join('~\n') + '~\n';
}

function ack277ca(date: string, control: string, pcn: string, category: string, icn: string): string {
  return [
    `ISA*00*          *00*          *ZZ*P1             *ZZ*S1             *${date.slice(2)}*1200*^*00501*${control.padStart(9, '0')}*0*P*:`, `GS*HN*P1*S1*${date}*1200*${control}*X*005010X214`,
    'ST*277*0001*005010X214', `BHT*0085*08*${control}*${date}*1200*TH`, 'HL*1**20*1', 'NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01', 'HL*2*1*21*1', 'NM1*41*2*GOOD CLINIC*****46*S1',
    'HL*3*2*19*1', 'NM1*85*2*GOOD CLINIC*****XX*1234567893', 'HL*4*3*PT', 'NM1*QC*1*DOE*JANE****MI*M123', `TRN*2*${pcn}`, `STC*${category}:20*${date}*WQ*500`, `REF*1K*${icn}`,
    'SE*14*0001', `GE*1*${control}`, `IEA*1*${control.padStart(9, '0')}`,
  ].join('~\n') + '~\n';
}

/** A minimal 837P with one claim. */
function claim837(control: string, date: string, pcn: string, frequency: string, originalIcn?: string): string {
  const body = [
    `BHT*0019*00*${control}*${date}*1200*CH`, 'NM1*41*2*GOOD CLINIC*****46*S1', 'NM1*40*2*CLEARINGHOUSE*****46*R1',
    'HL*1**20*1', 'NM1*85*2*GOOD CLINIC*****XX*1234567893', 'REF*EI*111223333', 'HL*2*1*22*0', 'SBR*P*18*******CI',
    'NM1*IL*1*DOE*JANE****MI*M123', 'NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01', `CLM*${pcn}*500***11:B:${frequency}*Y*A*Y*I`,
    ...(originalIcn ? [`REF*F8*${originalIcn}`] : []), 'HI*ABK:J449', 'LX*1', 'SV1*HC:99213:25*300*UN*1***1', 'DTP*472*D8*20240104',
    'LX*2', 'SV1*HC:96372*200*UN*2***1', 'DTP*472*D8*20240104',
  ];
  const st = [`ST*837*${control}*005010X222A1`, ...body, `SE*${body.length + 2}*${control}`];
  return [isa({ interchangeControl: control.padStart(9, '0') }), `GS*HC*S1*R1*${date}*1200*${control}*X*005010X222A1`, ...st, `GE*1*${control}`, `IEA*1*${control.padStart(9, '0')}`].join('~\n') + '~\n';
}

describe('claim links', () => {
  it('links resubmissions, replacements (REF*F8 = CLP07) and voids to the original, and lists what matches nothing', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const files = [
      writeFile(dir, 'a-original.837', claim837('101', '20240302', 'CLAIM-A', '1')),
      writeFile(dir, 'b-remit.835', fixture835()), // pays CLAIM-A with payer claim number ICN-A
      writeFile(dir, 'c-replacement.837', claim837('102', '20240320', 'CLAIM-A2', '7', 'ICN-A')),
      writeFile(dir, 'd-resent.837', claim837('103', '20240325', 'CLAIM-A2', '1')),
      writeFile(dir, 'e-void.837', claim837('104', '20240401', 'CLAIM-A2', '8', 'ICN-A')),
      writeFile(dir, 'f-postings.csv', 'Claim #,Post Date,Type,Amount\nCLAIM-A,2024-04-02,Patient Payment,20.00\nNOBODY,2024-04-02,Patient Payment,5.00\n'),
      writeFile(dir, 'g-ack.999', [
        'ISA*00*          *00*          *ZZ*R1             *ZZ*S1             *240303*1200*^*00501*000000501*0*P*:', 'GS*FA*R1*S1*20240303*1200*501*X*005010X231A1',
        'ST*999*0001*005010X231A1', 'AK1*HC*101*005010X222A1', 'AK2*837*101*005010X222A1', 'IK5*A', 'AK9*A*1*1*1', 'SE*6*0001', 'GE*1*501', 'IEA*1*000000501',
      ].join('~\n')),
    ];
    const run = await ingestFiles(w, files);
    await buildModels(w);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded', 'loaded', 'loaded', 'loaded']);
    const original = await w.one<{ file_id: bigint }>("SELECT file_id FROM ingest_file WHERE file_name LIKE '%a-original.837'");
    const resent = await w.one<{ file_id: bigint }>("SELECT file_id FROM ingest_file WHERE file_name LIKE '%c-replacement.837'");
    expect(await w.all('SELECT patient_control_number AS pcn, kind, original_patient_control_number AS original, original_file_id, linked_by FROM stg_claim_resubmission ORDER BY submitted_date')).toEqual([
      { pcn: 'CLAIM-A2', kind: 'replacement', original: 'CLAIM-A', original_file_id: original!.file_id, linked_by: 'payer claim number (REF*F8 = CLP07)' },
      { pcn: 'CLAIM-A2', kind: 'resubmission', original: 'CLAIM-A2', original_file_id: resent!.file_id, linked_by: 'same patient control number' },
      { pcn: 'CLAIM-A2', kind: 'void', original: 'CLAIM-A', original_file_id: original!.file_id, linked_by: 'payer claim number (REF*F8 = CLP07)' },
    ]);
    expect(await w.all('SELECT source, claim_id, amount, reason FROM mart_unmatched_record ORDER BY source, claim_id')).toEqual([
      { source: '835', claim_id: 'CLAIM-B', amount: '0.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: '835', claim_id: 'CLAIM-C', amount: '-80.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: '835', claim_id: 'CLAIM-C', amount: '90.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: 'posting', claim_id: 'NOBODY', amount: '5.00', reason: 'no claim (837, 835 or charge) with this claim id' },
    ]);
    expect(await w.all("SELECT source, count(*) AS n FROM stg_claim_number WHERE claim_number = 'CLAIM-A' GROUP BY source ORDER BY source")).toEqual([
      { source: '835', n: 1n }, { source: '837', n: 1n }, { source: 'posting', n: 1n },
    ]);

    const history = await claimHistory(w, 'CLAIM-A');
    // The fixture pays CLAIM-A 280 with contractuals CO-A2 20 + CO-45 50 + CO-45 50 and PR 50 + 50 (moved to the
    // patient, not taken off): 500 − 280 − 120 = 100 open, all of it the patient's; the void takes the 500
    // charge back (−400, a credit balance); the patient pays 20 (−420).
    expect(history.map((e) => [e.event_date, e.source, e.event, e.amount, e.balance])).toEqual([
      ['2024-01-04', '837', 'charged', '500.00', '500.00'], // on its date of service
      ['2024-03-02', '837', 'submitted', '500.00', '500.00'],
      ['2024-03-03', '999', 'accepted by the clearinghouse', null, '500.00'],
      ['2024-03-15', '835', 'paid', '280.00', '100.00'],
      ['2024-03-20', '837', 'replaced', '500.00', '100.00'],
      ['2024-03-25', '837', 'resubmitted', '500.00', '100.00'], // the replacement sent again: still the same claim
      ['2024-04-01', '837', 'voided', '500.00', '-400.00'],
      ['2024-04-02', 'posting', 'patient payment', '20.00', '-420.00'],
    ]);
    // A claim known only from its remittance is charged its CLP03; its denial (CO-197) keeps all of it open.
    expect((await claimHistory(w, 'CLAIM-B')).map((e) => [e.source, e.event, e.amount, e.balance])).toEqual([
      ['835', 'charged', '150.00', '150.00'],
      ['835', 'denied', '0.00', '150.00'],
    ]);
    // CLAIM-C's original payment is not in the data, only its reversal and correction: charges 100 (CLP03 of
    // the first record that is not a reversal) − paid 90 − contractual 10 = 0. The reversal has nothing to undo
    // (an orphan, listed in mart_remittance_problem): counted, it would reopen 100 no record took off.
    expect((await claimHistory(w, 'CLAIM-C')).map((e) => [e.event, e.amount, e.balance])).toEqual([
      ['charged', '100.00', '100.00'],
      ['reversed', '-80.00', '100.00'],
      ['corrected', '90.00', '0.00'],
    ]);
    // The replacement's own number names the claim it replaces, and tells the same story.
    expect(await findClaims(w, 'CLAIM-A2')).toEqual([{ claim_id: 'CLAIM-A', billing_npi: expect.any(String) }]);
    expect((await claimHistory(w, (await findClaims(w, 'CLAIM-A2'))[0].claim_id)).map((e) => e.event)).toEqual(history.map((e) => e.event));
    w.close(); // the verb opens the file itself
    const cli = await rcm('claim', 'show', 'CLAIM-A2', '--db', w.path, '--json');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).events.map((e: { event: string; amount: number | null; balance: number }) => [e.event, e.amount, e.balance])).toEqual([
      ['charged', 500, 500], ['submitted', 500, 500], ['accepted by the clearinghouse', null, 500], ['paid', 280, 100], ['replaced', 500, 100], ['resubmitted', 500, 100],
      ['voided', 500, -400], ['patient payment', 20, -420],
    ]);
    expect((await rcm('claim', 'show', 'NO-SUCH-CLAIM', '--db', w.path)).status).toBe(1);
    // an adjudication names its reasons: each CAS (group-CARC, amount, category) and remark, claim and line level
    const denied = JSON.parse((await rcm('claim', 'show', 'CLAIM-B', '--db', w.path, '--json')).stdout).events.find((e: { event: string }) => e.event === 'denied');
    expect(denied.reasons.flatMap((r: { adjustments: { group: string; carc: string; amount: number; denial: boolean }[] }) => r.adjustments.map((a) => [a.group, a.carc, a.amount, a.denial])))
      .toEqual([['CO', '197', 150, true]]);
    expect((await rcm('claim', 'show', 'CLAIM-B', '--db', w.path)).stdout).toMatch(/CO-197 150\.00 authorization \(denial\)/);
  });

  it('says to build the models when a load left them unbuilt, and that an empty warehouse holds nothing yet', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.duckdb');
    expect((await rcm('claim', 'show', 'X', '--db', db)).stderr).toContain('holds no claims yet: ingest files first');
    expect((await rcm('ingest', '--no-build', '--db', db, writeFile(dir, 'fixture.835', fixture835()))).status).toBe(0);
    for (const verb of [['claim', 'show', 'CLAIM-A'], ['metrics'], ['denials', 'patterns']]) {
      const result = await rcm(...verb, '--db', db);
      expect(result.status, verb.join(' ')).toBe(2); // the CLI's refusal
      expect(result.stderr).toContain(`run rcm build --db ${db}, then this again`);
    }
    expect((await rcm('build', '--db', db)).status).toBe(0);
    expect((await rcm('claim', 'show', 'CLAIM-A', '--db', db)).status).toBe(0);
  });

  it('tells the whole story of a claim in date order: rejection, resubmission, acceptance, denial, corrected claim, payment, reversal and correction', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const files = [
      writeFile(dir, '01.837', claim837('201', '20240105', 'CLAIM-X', '1')),
      writeFile(dir, '02.999', ack999('20240106', '601', '201', 'R')),
      writeFile(dir, '03.837', claim837('202', '20240108', 'CLAIM-X', '1')),
      writeFile(dir, '04.999', ack999('20240109', '602', '202', 'A')),
      writeFile(dir, '05.277', ack277ca('20240110', '701', 'CLAIM-X', 'A2', 'ICN-X1')),
      writeFile(dir, '06.835', remit835('20240201', '801', [['CLAIM-X', '4', 500, 0, 'ICN-X1']])),
      writeFile(dir, '07.837', claim837('203', '20240205', 'CLAIM-X', '7', 'ICN-X1')),
      writeFile(dir, '08.835', remit835('20240301', '802', [['CLAIM-X', '1', 500, 400, 'ICN-X2']])),
      writeFile(dir, '09.835', remit835('20240320', '803', [['CLAIM-X', '22', -500, -400, 'ICN-X2'], ['CLAIM-X', '1', 500, 380, 'ICN-X3']])),
    ];
    const run = await ingestFiles(w, files);
    await buildModels(w);
    expect(run.outcomes.map((o) => [o.file.split('/').pop(), o.status, o.status === 'loaded' ? o.warnings : o.status === 'rejected' ? o.message : o.loadedAs])).toEqual(files.map((f) => [f.split('/').pop(), 'loaded', 0]));
    const history = await claimHistory(w, 'CLAIM-X');
    // Balance by hand (metrics.md): billed 500; a resend and a replacement at the same charge change nothing;
    // the denial (CO-16) keeps its dollars open; the payment of 400 with CO-45 100 closes the claim; the
    // reversal reopens all 500; the correction pays 380 with CO-45 120 and closes it again.
    expect(history.map((e) => [e.event_date, e.source, e.event, e.amount, e.balance])).toEqual([
      ['2024-01-04', '837', 'charged', '500.00', '500.00'], // on its date of service
      ['2024-01-05', '837', 'submitted', '500.00', '500.00'],
      ['2024-01-06', '999', 'rejected by the clearinghouse', null, '500.00'],
      ['2024-01-08', '837', 'resubmitted', '500.00', '500.00'],
      ['2024-01-09', '999', 'accepted by the clearinghouse', null, '500.00'],
      ['2024-01-10', '277CA', 'accepted by the payer', '500.00', '500.00'],
      ['2024-02-01', '835', 'denied', '0.00', '500.00'],
      ['2024-02-05', '837', 'replaced', '500.00', '500.00'],
      ['2024-03-01', '835', 'paid', '400.00', '0.00'],
      ['2024-03-20', '835', 'reversed', '-400.00', '500.00'],
      ['2024-03-20', '835', 'corrected', '380.00', '0.00'],
    ]);
    // Cash nets to the last payment: 0 + 400 − 400 + 380.
    expect(await w.one("SELECT sum(paid)::VARCHAR AS paid FROM remit_claim WHERE patient_control_number = 'CLAIM-X'")).toEqual({ paid: '380.00' });
    expect(await w.all("SELECT kind, linked_by FROM stg_claim_resubmission WHERE patient_control_number = 'CLAIM-X' ORDER BY submitted_date")).toEqual([
      { kind: 'resubmission', linked_by: 'same patient control number' },
      { kind: 'replacement', linked_by: 'payer claim number (REF*F8 = CLP07)' },
    ]);
  });

  it('calls a payment with a denied line partial, and keeps the denied dollars open', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    // The fixture's second line of CLAIM-A is bundled (CO-97, a denial) instead of CO-45.
    const remit = fixture835().replace('SVC*HC:96372*200.00*100.00**2~\nDTM*472*20240301~\nCAS*CO*45*50.00~', 'SVC*HC:96372*200.00*100.00**2~\nDTM*472*20240301~\nCAS*CO*97*50.00~');
    expect(remit).toContain('CAS*CO*97*50.00');
    await ingestFiles(w, [writeFile(dir, 'a.837', claim837('301', '20240302', 'CLAIM-A', '1')), writeFile(dir, 'b.835', remit)]);
    await buildModels(w);
    const history = await claimHistory(w, 'CLAIM-A');
    // 500 − 280 paid − 70 contractual (CO-A2 20 + CO-45 50); the 50 bundled stays open: 150.
    expect(history.map((e) => [e.event, e.amount, e.balance])).toEqual([['charged', '500.00', '500.00'], ['submitted', '500.00', '500.00'], ['partially paid', '280.00', '150.00']]);
  });

  it('gives a 999 to one 837 when control numbers repeat: the latest sent on or before the 999', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    await ingestFiles(w, [
      writeFile(dir, 'jan.837', claim837('401', '20240110', 'CLAIM-JAN', '1')),
      writeFile(dir, 'mar.837', claim837('401', '20240310', 'CLAIM-MAR', '1').replace('*240315*1200*', '*240310*1201*')),
      writeFile(dir, 'jan.999', ack999('20240111', '901', '401', 'R')),
      writeFile(dir, 'mar.999', ack999('20240311', '902', '401', 'A')),
    ]);
    await buildModels(w);
    expect(await w.all('SELECT patient_control_number, status FROM stg_claim_ack_999 ORDER BY patient_control_number')).toEqual([
      { patient_control_number: 'CLAIM-JAN', status: 'R' },
      { patient_control_number: 'CLAIM-MAR', status: 'A' },
    ]);
  });
});
