// The crosswalk's precedence (payer, then group, then RARC, then the latest effective_from) on a crosswalk
// made for it, then the shipped rows that show why the keys exist, and the shipped crosswalk against carc_category.csv.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Adjudication } from '../model.ts';
import { classify, classifyAdjustments, loadCrosswalk, parseCrosswalk, resolveCarc, type CasKey } from './crosswalk.ts';

const CATEGORIES = [
  'category,label,is_denial,avoidable,hard_soft,owner_team,sort_order',
  'coding,codes wrong,true,true,soft,coding,10',
  'documentation,records asked for,true,true,soft,clinical,20',
  'eligibility,no coverage,true,true,soft,front desk,30',
  'pending,held,false,false,,review,40',
  'contractual,above the contract,false,false,,contracting,50',
  'non_covered,not a benefit,true,false,hard,front desk,60',
].join('\n');

const made = parseCrosswalk([
  'group_code,carc,rarc,payer_id,category,effective_from,effective_to,note',
  '*,16,,,coding,2000-01-01,,',
  '*,16,N706,,documentation,2000-01-01,,',
  '*,16,M127,,documentation,2000-01-01,,',
  '*,16,M51,,coding,2000-01-01,,',
  'CO,16,,,eligibility,2000-01-01,,',
  '*,16,,PAYER1,pending,2000-01-01,,',
  '*,50,,,non_covered,2000-01-01,,',
  '*,50,,,pending,2020-01-01,,',
  '*,24,,,contractual,2000-01-01,2019-12-31,',
  '*,24,,,coding,2020-01-01,,',
  'PR,45,,,contractual,2000-01-01,,',
].join('\n'), CATEGORIES);

const D = '2024-05-01';

describe('the crosswalk resolves a CAS by its most specific row', () => {
  it.each<[string, CasKey, string, string]>([
    ['only the general row applies', { group: 'OA', carc: '16' }, D, 'coding'],
    ['a payer row beats every general one', { group: 'CO', carc: '16', remarks: ['N706'], payerId: 'PAYER1' }, D, 'pending'],
    ['a payer row is for that payer only', { group: 'OA', carc: '16', payerId: 'PAYER2' }, D, 'coding'],
    ['the exact group beats *', { group: 'CO', carc: '16' }, D, 'eligibility'],
    ['the exact group beats a RARC row', { group: 'CO', carc: '16', remarks: ['N706'] }, D, 'eligibility'],
    ['a RARC row beats the empty RARC', { group: 'OA', carc: '16', remarks: ['N706'] }, D, 'documentation'],
    ['a RARC the crosswalk does not know leaves the general row', { group: 'OA', carc: '16', remarks: ['N999'] }, D, 'coding'],
    ['two RARC rows of one line: the smaller code', { group: 'OA', carc: '16', remarks: ['N706', 'M51'] }, D, 'coding'],
    ['two RARC rows of one line, the other way round', { group: 'OA', carc: '16', remarks: ['N706', 'M127'] }, D, 'documentation'],
    ['the later effective_from wins', { group: 'CO', carc: '50' }, D, 'pending'],
    ['before it starts, the earlier row', { group: 'CO', carc: '50' }, '2019-12-31', 'non_covered'],
    ['effective_to is inclusive', { group: 'CO', carc: '24' }, '2019-12-31', 'contractual'],
    ['the next row from its first day', { group: 'CO', carc: '24' }, '2020-01-01', 'coding'],
    ['a group row is for that group only', { group: 'CO', carc: '45' }, D, 'unmapped'],
    ['a CARC the crosswalk lacks is unmapped', { group: 'CO', carc: '999' }, D, 'unmapped'],
  ])('%s', (_, cas, date, category) => {
    expect(classify(made, cas, date).category).toBe(category);
  });

  it('reads a bare CARC as any group without remarks or payer (the old call)', () => {
    expect(classify(made, '16', D)).toEqual({ category: 'coding', isDenial: true });
    expect(classify(made, '45', D)).toEqual({ category: 'unmapped', isDenial: false });
    expect(resolveCarc(made, { carc: '999' }, D)).toBeUndefined();
  });

  it('refuses a category it does not know, an unknown group and a repeated key', () => {
    const head = 'group_code,carc,rarc,payer_id,category,effective_from,effective_to,note';
    expect(() => parseCrosswalk(`${head}\n*,16,,,codig,2000-01-01,,`, CATEGORIES)).toThrow(/codig/);
    expect(() => parseCrosswalk(`${head}\nXX,16,,,coding,2000-01-01,,`, CATEGORIES)).toThrow(/group "XX"/);
    expect(() => parseCrosswalk(`${head}\n*,16,,,coding,2000-01-01,,\n*,16,,,pending,2000-01-01,,`, CATEGORIES)).toThrow(/twice/);
    expect(() => parseCrosswalk(`${head}\n*,16,,,coding,2000-01-01,,`)).toThrow(/categories/);
  });

  it('classifies a line CAS with its own line remarks and the record payer', () => {
    const line = (n: number, carc: string, remarks: string[]) => ({
      line: n, procedureCode: '99213', modifiers: [], units: 1, charge: 100, paid: 0, adjustments: [{ group: 'OA' as const, carc, amount: 100 }],
      remarks, controlNumber: `C-${n}`, serviceDate: '2024-04-01',
    });
    const adjudication: Adjudication = {
      claimId: 'C', payerId: 'PAYER2', date: D, status: '1', charge: 300, paid: 0, patientResponsibility: 0, payerClaimNumber: 'X',
      claimAdjustments: [{ group: 'OA', carc: '16', amount: 0 }],
      lines: [line(1, '16', ['N706']), line(2, '16', [])], isReversal: false,
    };
    // the claim-level CAS does not see line 1's remark
    expect(classifyAdjustments(adjudication, made).map((a) => [a.line, a.category])).toEqual([[null, 'coding'], [1, 'documentation'], [2, 'coding']]);
    expect(classifyAdjustments({ ...adjudication, payerId: 'PAYER1' }, made).map((a) => a.category)).toEqual(['pending', 'pending', 'pending']);
  });
});

describe('the shipped crosswalk', () => {
  const crosswalk = loadCrosswalk();

  it.each<[string, CasKey, string]>([
    ['CO 16 with a procedure-code remark is coding', { group: 'CO', carc: '16', remarks: ['M51'] }, 'coding'],
    ['CO 16 asking for records is documentation', { group: 'CO', carc: '16', remarks: ['N706'] }, 'documentation'],
    ['CO 16 for a wrong member id is eligibility', { group: 'CO', carc: '16', remarks: ['MA61'] }, 'eligibility'],
    ['CO 45 is contractual', { group: 'CO', carc: '45' }, 'contractual'],
    ['PR 45 is owed by the patient', { group: 'PR', carc: '45' }, 'patient_cost_share'],
    ['PR 96 stays a non-covered denial', { group: 'PR', carc: '96', remarks: ['N130'] }, 'non_covered'],
    ['CO 24 is capitation for a managed-care payer', { group: 'CO', carc: '24', payerId: 'HRHMO' }, 'contractual'],
    ['CO 24 from traditional Medicare means a Medicare Advantage member', { group: 'CO', carc: '24', payerId: 'MCRB1' }, 'cob_other_payer'],
  ])('%s', (_, cas, category) => {
    expect(classify(crosswalk, { payerId: 'SUMMT', ...cas }, D).category).toBe(category);
  });

  it('lists the denial categories in report order', () => {
    expect(crosswalk.categories.map((c) => c.sortOrder)).toEqual([...crosswalk.categories.map((c) => c.sortOrder)].sort((a, b) => a - b));
    expect(crosswalk.categories.filter((c) => c.isDenial)[0].category).toBe('eligibility');
  });

  it('classifies every CARC of carc_category.csv as it does', () => {
    const legacy = parseCrosswalk(readFileSync(new URL('../../warehouse/reference/carc_category.csv', import.meta.url), 'utf8'));
    for (const row of legacy.rows) {
      for (const group of ['CO', 'OA', 'PI'] as const) {
        expect(classify(crosswalk, { group, carc: row.carc, payerId: 'SUMMT' }, D), `${group} ${row.carc}`).toEqual(classify(legacy, row.carc, D));
      }
    }
  });
});
