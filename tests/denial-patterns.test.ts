// The denial pattern finder on a hand case: first-adjudication lines written straight into the mart of a real
// (empty, built) warehouse, so that every number below is counted by hand. One payer, ACME, 40 claims, 50 lines,
// all first adjudicated in March 2025:
//   A1–A6  an E/M with modifier 25 (99213 $100 on A1–A4, 99214 $150 on A5–A6) and 96372 $30 on the same claim;
//          the E/M denied CO 97 on A1, A2, A5, A6
//   B1–B4  99213-25 $100 with 20610 $200, paid
//   C1–C10 73721 $1,000 alone, denied CO 197 on C1–C3, CO 50 on C4–C6, CO 16 on C7
//   D1–D20 99213 $100 alone, paid
// ACME: 11 of 50 lines denied, baseline 0.22; by CARC 97 4/50, 197 3/50, 50 3/50, 16 1/50.
//   payer × cpt 73721: 7/10 denied, rate 0.7, Wilson lower bound 0.3968, excess 7,000 − 0.22 × 10,000 = 4,800;
//     top CARC 197 covers 3/7 = 42.9 % < 60 %: mixed (197 3, 50 3, 16 1; tied CARCs in code order); category
//     authorization (3 lines, tied with medical_necessity: the top CARC's).
//   its causes: × CARC 197 and × CARC 50 each 3/10 against 0.06: lift 5, bound 0.1078, excess 3,000 − 600
//     = 2,400; CARC 16 (1 line) is below the 3 lines a cause needs.
//   payer × modifier 25 billed with 96372: the E/M lines of A1–A6, 4/6 denied, rate 0.6667, bound 0.3000,
//     charges 700, denied 500, excess 500 − 0.22 × 700 = 346; one pattern across 99213 and 99214.
//   payer × modifier 25 alone: 4/10, rate 0.4 but bound 0.1682 < 0.22: no pattern.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModels } from '../warehouse/build.ts';
import { Warehouse } from '../warehouse/database.ts';
import { findDenialPatterns, wilsonLowerBound, type DenialPattern } from '../warehouse/patterns/denial-patterns.ts';
import { DenialPatterns } from '../kernel/api/metrics.ts';
import { rcmHere } from './support/cli-here.ts';
import { tempDir } from './support/temp.ts';

const WINDOW = { asOf: '2025-03-31', from: '2025-03-01', to: '2025-03-31' };

type Line = { code: string; modifier?: string; charge: string; denied?: [carc: string, category: string] };

function fixtureClaims(): [string, Line[]][] {
  const claims: [string, Line[]][] = [];
  for (let i = 1; i <= 6; i++) {
    const em = i <= 4 ? { code: '99213', charge: '100.00' } : { code: '99214', charge: '150.00' };
    const denied = [1, 2, 5, 6].includes(i) ? (['97', 'bundling'] as [string, string]) : undefined;
    claims.push([`A${i}`, [{ ...em, modifier: '25', denied }, { code: '96372', charge: '30.00' }]]);
  }
  for (let i = 1; i <= 4; i++) claims.push([`B${i}`, [{ code: '99213', modifier: '25', charge: '100.00' }, { code: '20610', charge: '200.00' }]]);
  const c: Record<number, [string, string]> = { 1: ['197', 'authorization'], 2: ['197', 'authorization'], 3: ['197', 'authorization'], 4: ['50', 'medical_necessity'], 5: ['50', 'medical_necessity'], 6: ['50', 'medical_necessity'], 7: ['16', 'coding'] };
  for (let i = 1; i <= 10; i++) claims.push([`C${i}`, [{ code: '73721', charge: '1000.00', denied: c[i] }]]);
  for (let i = 1; i <= 20; i++) claims.push([`D${i}`, [{ code: '99213', charge: '100.00' }]]);
  return claims;
}

async function writeFixture(warehouse: Warehouse): Promise<void> {
  const rows: string[] = [];
  let linePosition = 0;
  fixtureClaims().forEach(([id, lines], claimIndex) => {
    lines.forEach((l, k) => {
      linePosition++;
      const list = (x: string | undefined) => (x ? `['${x}']` : 'NULL');
      rows.push(`('${id}', 1, ${claimIndex + 1}, ${linePosition}, ${k + 1}, '1234567893', 'ACME', '1111111112', 'MAIN', DATE '2025-03-15', '2025-03',
        '${l.code}', '${l.modifier ?? ''}', 'J45909', ${l.charge}, ${l.denied ? 0 : l.charge}, ${l.denied !== undefined}, ${list(l.denied?.[1])}, ${list(l.denied?.[0])}, false)`);
    });
  });
  await warehouse.run(`INSERT INTO mart_first_adjudication_line
    (claim_id, file_id, claim_position, line_position, line_in_claim, billing_npi, payer_id, rendering_npi, location, adjudication_date, adjudication_month,
     procedure_code, modifiers, diagnosis_code, charge, paid, is_denied, denial_categories, denial_carcs, claim_denied_as_duplicate)
    VALUES ${rows.join(',\n')}`);
}

/** The cells of a cli-table3 table, a cell's wrapped lines joined by a space: the head, then each row. */
function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('│')) {
      if (current) rows.push(current);
      current = undefined;
      continue;
    }
    const parts = line.split('│').slice(1, -1).map((c) => c.trim());
    current = current ? current.map((c, i) => [c, parts[i]].filter(Boolean).join(' ')) : parts;
  }
  return rows;
}

describe('the denial pattern finder on a hand case', () => {
  const dir = tempDir('rcm-denial-patterns-');
  const db = join(dir, 'patterns.duckdb');
  let patterns: DenialPattern[];
  let baseline: Record<string, number>;

  beforeAll(async () => {
    const warehouse = await Warehouse.open(db);
    try {
      await buildModels(warehouse, { checks: false });
      await writeFixture(warehouse);
      ({ patterns, baseline } = await findDenialPatterns(warehouse, { window: WINDOW, minClaims: 3, limit: 10 }));
    } finally {
      warehouse.close();
    }
  }, 120_000);

  const byLabel = (label: string) => {
    const p = patterns.find((x) => x.label === label);
    expect(p, `${label} among ${patterns.map((x) => x.label).join('; ')}`).toBeDefined();
    return p!;
  };

  it('ranks the mixed row, its two causes and the code pair, and nothing else', () => {
    expect(baseline).toEqual({ ACME: 0.22 });
    expect(patterns.map((p) => [p.rank, p.label, p.excess_denied_dollars])).toEqual([
      [1, 'payer ACME × cpt 73721', 4800],
      [2, 'payer ACME × cpt 73721 × CARC 197', 2400],
      [3, 'payer ACME × cpt 73721 × CARC 50', 2400],
      [4, 'payer ACME × modifier 25 billed with 96372', 346],
    ]);
  });

  it('marks a combination whose top CARC covers less than 60 % of its denied lines as mixed, with its CARCs', () => {
    const mixed = byLabel('payer ACME × cpt 73721');
    expect(mixed).toMatchObject({
      dimensions: { payer: 'ACME', cpt: '73721' }, lines: 10, claims: 10, denied_lines: 7, rate: 0.7, baseline_rate: 0.22, lift: 3.18,
      charges: 10000, denied_dollars: 7000, top_carc: '197', top_carc_share: 0.429, mixed_causes: true,
      carcs: [{ carc: '197', lines: 3, share: 0.429 }, { carc: '50', lines: 3, share: 0.429 }, { carc: '16', lines: 1, share: 0.143 }],
      category: 'authorization', owner: 'authorizations', fix: 'prior authorization required: route to the authorization team before scheduling',
      example_claims: ['C1', 'C2', 'C3', 'C4', 'C5'],
    });
    expect(mixed.lower_bound).toBeCloseTo(0.3968, 4);
    // the same lines under other names are folded into it, never its causes
    expect(mixed.also_explains).toContain('payer ACME × cpt 73721 × modifier (none)');
    expect(mixed.also_explains.some((l) => l.includes('CARC'))).toBe(false);
  });

  it('splits the mixed row by CARC: each cause against the payer’s baseline for that CARC, with its own owner and fix', () => {
    const authorization = byLabel('payer ACME × cpt 73721 × CARC 197');
    expect(authorization).toMatchObject({
      dimensions: { payer: 'ACME', cpt: '73721', carc: '197' }, lines: 10, denied_lines: 3, rate: 0.3, baseline_rate: 0.06, lift: 5,
      denied_dollars: 3000, excess_denied_dollars: 2400, top_carc: '197', top_carc_share: 1, mixed_causes: false,
      category: 'authorization', owner: 'authorizations', example_claims: ['C1', 'C2', 'C3'],
    });
    expect(authorization.lower_bound).toBeCloseTo(0.1078, 4);
    expect(byLabel('payer ACME × cpt 73721 × CARC 50')).toMatchObject({
      denied_lines: 3, baseline_rate: 0.06, category: 'medical_necessity', owner: 'clinical', example_claims: ['C4', 'C5', 'C6'],
      fix: "match the diagnosis to the payer's coverage policy and document why the service was needed",
    });
    // one line denied CO 16 is not a pattern of its own
    expect(patterns.some((p) => p.dimensions.carc === '16')).toBe(false);
  });

  it('finds the code pair on one claim across the E/M codes: modifier 25 billed with 96372', () => {
    const pair = byLabel('payer ACME × modifier 25 billed with 96372');
    expect(pair).toMatchObject({
      dimensions: { payer: 'ACME', modifier: '25', with_cpt: '96372' }, lines: 6, claims: 6, denied_lines: 4, rate: 0.666667, lift: 3.03,
      charges: 700, denied_dollars: 500, excess_denied_dollars: 346, top_carc: '97', top_carc_share: 1, mixed_causes: false,
      category: 'bundling', owner: 'coding', example_claims: ['A1', 'A2', 'A5', 'A6'],
    });
    expect(pair.fix).toMatch(/^check the NCCI edits: bill modifier 25 only with a separately identifiable E\/M/);
    expect(pair.lower_bound).toBeCloseTo(wilsonLowerBound(4, 6), 6);
    expect(pair.lower_bound).toBeCloseTo(0.3, 4);
    // the modifier alone (B's visits dilute it to 4/10) is no pattern
    expect(patterns.some((p) => p.label === 'payer ACME × modifier 25')).toBe(false);
  });

  it('answers in the shape of the API’s schema', () => {
    expect(() => DenialPatterns.parse({ ...WINDOW, as_of: WINDOW.asOf, baseline, patterns })).not.toThrow();
  });

  it('rcm denials patterns prints owner and fix, marks the mixed row, and gives every field in --json', async () => {
    const args = ['denials', 'patterns', '--db', db, '--as-of', WINDOW.asOf, '--from', WINDOW.from, '--to', WINDOW.to, '--min-claims', '3'];
    const json = await rcmHere(...args, '--json');
    expect(json.status, json.stderr).toBe(0);
    const answer = JSON.parse(json.stdout) as { patterns: DenialPattern[] };
    expect(answer.patterns).toEqual(patterns);
    const table = await rcmHere(...args);
    expect(table.status, table.stderr).toBe(0);
    const [head, ...rows] = tableRows(table.stdout);
    expect(head).toEqual(['#', 'pattern', 'claims', 'lines denied', 'rate', 'payer baseline', 'lift', 'excess denied $', 'CARCs', 'owner', 'fix', 'examples']);
    const cell = (row: string[], column: string) => row[head.indexOf(column)];
    expect(rows.map((r) => [cell(r, 'pattern'), cell(r, 'CARCs'), cell(r, 'owner')])).toEqual([
      ['payer ACME × cpt 73721', 'mixed: 197 42.9 %, 50 42.9 %, 16 14.3 %', 'authorizations'],
      ['payer ACME × cpt 73721 × CARC 197', '197 (100.0 %)', 'authorizations'],
      ['payer ACME × cpt 73721 × CARC 50', '50 (100.0 %)', 'clinical'],
      ['payer ACME × modifier 25 billed with 96372', '97 (100.0 %)', 'coding'],
    ]);
    expect(cell(rows[3], 'fix')).toBe(patterns[3].fix);
  });
});
