// The reference files as the warehouse loads them: every file into its typed table, keys unique, the crosswalk
// consistent with its categories and with carc_category.csv (which the claim ledger still reads), labels in
// our own words. The crosswalk's precedence is tested on its resolver, demo/truth/crosswalk.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAYERS } from '../demo/practice/payers.ts';
import { LOCATIONS } from '../demo/practice/practice.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { Warehouse, WarehouseOpenError } from './database.ts';
import { REFERENCE_DIR, referenceNames } from './reference.ts';

const csvRows = (name: string) =>
  parse(readFileSync(`${REFERENCE_DIR}${name}.csv`), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];

/** Each table's key (migrations 007 and 008). */
const KEYS: Record<string, string[]> = {
  carc_category: ['carc', 'effective_from'],
  denial_category: ['category'],
  carc_crosswalk: ['group_code', 'carc', 'rarc', 'payer_id', 'effective_from'],
  claim_status: ['code'],
  adjustment_group: ['code'],
  provider_adjustment_reason: ['code'],
  claim_filing_indicator: ['code'],
  place_of_service: ['code'],
  adjustment_class: ['class'],
  posting_reason_class: ['posting_type', 'reason_code'],
  payer_limits: ['payer_class'],
  underpayment_tolerance: ['payer_id'],
};

describe('reference data', () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await tempWarehouse();
  });

  it('loads every file into its table, row for row, and records its version', async () => {
    expect(referenceNames()).toEqual(Object.keys(KEYS).sort());
    for (const name of referenceNames()) {
      const loaded = await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM ref_${name}`);
      expect(loaded?.n, name).toBe(BigInt(csvRows(name).length));
    }
    const versions = await w.all<{ name: string; sha256: string }>('SELECT name, sha256 FROM ref_version ORDER BY name');
    expect(versions.map((v) => v.name)).toEqual(referenceNames());
  });

  it('types the columns: leading zeros kept, booleans and dates typed, empty fields NULL', async () => {
    expect(await w.one("SELECT code, label FROM ref_place_of_service WHERE code = '01'")).toEqual({ code: '01', label: 'Pharmacy' });
    expect(await w.one("SELECT * FROM ref_claim_status WHERE code = '22'")).toEqual({
      code: '22', label: expect.any(String), is_reversal: true, is_denied_in_full: false, is_forwarded: false, processed_as: null,
    });
    expect(await w.one("SELECT group_code, rarc, payer_id, effective_from, effective_to FROM ref_carc_crosswalk WHERE carc = '45' AND group_code = '*'"))
      .toEqual({ group_code: '*', rarc: null, payer_id: null, effective_from: '2000-01-01', effective_to: null });
    // the ledger's table loads as before
    expect(await w.one("SELECT carc, category, is_denial, hard_soft FROM ref_carc_category WHERE carc = 'A2'"))
      .toEqual({ carc: 'A2', category: 'contractual', is_denial: false, hard_soft: null });
  });

  it('has unique keys in every table', async () => {
    for (const [name, key] of Object.entries(KEYS)) {
      const cols = key.join(', ');
      expect(await w.all(`SELECT ${cols}, count(*) AS n FROM ref_${name} GROUP BY ${cols} HAVING count(*) > 1`), name).toEqual([]);
    }
  });

  it('maps the crosswalk onto the categories, and every category is used', async () => {
    expect(await w.all('SELECT DISTINCT category FROM ref_carc_crosswalk ANTI JOIN ref_denial_category USING (category)')).toEqual([]);
    expect(await w.all('SELECT category FROM ref_denial_category ANTI JOIN ref_carc_crosswalk USING (category)')).toEqual([]);
    expect(await w.all("SELECT DISTINCT group_code FROM ref_carc_crosswalk WHERE group_code NOT IN ('*', 'CO', 'PR', 'OA', 'PI', 'CR')")).toEqual([]);
    expect(await w.all('SELECT carc FROM ref_carc_crosswalk WHERE effective_to < effective_from')).toEqual([]);
    // a row more specific than (*, carc) says why it exists
    expect(await w.all("SELECT carc FROM ref_carc_crosswalk WHERE (group_code <> '*' OR rarc IS NOT NULL OR payer_id IS NOT NULL) AND note IS NULL")).toEqual([]);
  });

  it('agrees with carc_category.csv: the same category per CARC, the same attributes per category', async () => {
    // every CARC the ledger knows has the general row with its category and dates
    expect(await w.all(`
      SELECT k.carc FROM ref_carc_category k
      ANTI JOIN ref_carc_crosswalk x
        ON x.carc = k.carc AND x.group_code = '*' AND x.rarc IS NULL AND x.payer_id IS NULL AND x.category = k.category
       AND x.effective_from IS NOT DISTINCT FROM k.effective_from AND x.effective_to IS NOT DISTINCT FROM k.effective_to`)).toEqual([]);
    expect(await w.all(`
      SELECT DISTINCT k.category FROM ref_carc_category k JOIN ref_denial_category c USING (category)
      WHERE k.is_denial <> c.is_denial OR k.hard_soft IS DISTINCT FROM c.hard_soft OR k.owner_team IS DISTINCT FROM c.owner_team`)).toEqual([]);
    // a general row for a CARC the ledger does not know must not be a denial, or the ledger (which reads
    // such a CARC as unmapped, not a denial) and the models would disagree
    expect(await w.all(`
      SELECT x.carc FROM ref_carc_crosswalk x JOIN ref_denial_category c USING (category)
      WHERE x.payer_id IS NULL AND c.is_denial AND x.carc NOT IN (SELECT carc FROM ref_carc_category)`)).toEqual([]);
  });

  it('keeps the attributes within their vocabularies', async () => {
    const outside = (sql: string) => w.all(sql);
    expect(await outside("SELECT category FROM ref_denial_category WHERE (hard_soft IS NULL) = is_denial OR hard_soft NOT IN ('hard', 'soft')")).toEqual([]);
    expect(await outside('SELECT category FROM ref_denial_category WHERE avoidable AND NOT is_denial')).toEqual([]);
    expect(await outside("SELECT code FROM ref_claim_status WHERE processed_as NOT IN ('primary', 'secondary', 'tertiary')")).toEqual([]);
    expect(await outside("SELECT code FROM ref_provider_adjustment_reason WHERE kind NOT IN ('interest', 'recoupment', 'other')")).toEqual([]);
    expect(await outside("SELECT code FROM ref_claim_filing_indicator WHERE payer_class NOT IN ('medicare', 'medicaid', 'commercial', 'medicare_advantage', 'self_pay', 'other')")).toEqual([]);
    expect(await outside("SELECT code FROM ref_adjustment_group WHERE moves_to_patient <> (code = 'PR')")).toEqual([]);
    expect(await outside("SELECT code FROM ref_place_of_service WHERE NOT regexp_full_match(code, '[0-9]{2}')")).toEqual([]);
  });

  it('knows the codes the demo practice sends, with the payer class of each payer', async () => {
    const classes = await w.all<{ code: string; payer_class: string }>('SELECT code, payer_class FROM ref_claim_filing_indicator');
    for (const p of PAYERS) expect(classes.find((c) => c.code === p.filingIndicator)?.payer_class, p.id).toBe(p.kind);
    const pos = (await w.all<{ code: string }>('SELECT code FROM ref_place_of_service')).map((r) => r.code);
    for (const l of LOCATIONS) expect(pos, l.id).toContain(l.placeOfService);
  });

  it('gives every payer class its limits: whole days, none for self-pay, a typical value saying so', async () => {
    expect(await w.all('SELECT DISTINCT payer_class FROM ref_claim_filing_indicator ANTI JOIN ref_payer_limits USING (payer_class)')).toEqual([]);
    expect(await w.all('SELECT payer_class FROM ref_payer_limits ANTI JOIN ref_claim_filing_indicator USING (payer_class)')).toEqual([]);
    expect(await w.all(`SELECT payer_class FROM ref_payer_limits
      WHERE (payer_class = 'self_pay') <> (timely_filing_days IS NULL) OR timely_filing_days < 1 OR appeal_days < 1 OR follow_up_days < 1
         OR (payer_class <> 'self_pay' AND (appeal_days IS NULL OR follow_up_days IS NULL))`)).toEqual([]);
    expect(await w.all('SELECT payer_class, timely_filing_days, appeal_days, follow_up_days FROM ref_payer_limits WHERE payer_class IN (\'medicare\', \'medicaid\', \'commercial\') ORDER BY payer_class')).toEqual([
      { payer_class: 'commercial', timely_filing_days: 90, appeal_days: 180, follow_up_days: 30 },
      { payer_class: 'medicaid', timely_filing_days: 180, appeal_days: 90, follow_up_days: 45 },
      { payer_class: 'medicare', timely_filing_days: 365, appeal_days: 120, follow_up_days: 45 },
    ]);
    // a value set by contract or by state is a default to replace, and says so
    expect(await w.all("SELECT payer_class FROM ref_payer_limits WHERE payer_class NOT IN ('medicare', 'self_pay') AND basis NOT LIKE 'typical; set your own in a profile%'")).toEqual([]);
  });

  // X12's code texts are licensed: our labels are short phrases of our own, never a pasted description (those
  // are sentences, most ending with a period). POS labels are the CMS names, which are public domain.
  it('gives every posting reason a class, written as the warehouse matches it', async () => {
    expect(await w.all('SELECT DISTINCT class FROM ref_posting_reason_class ANTI JOIN ref_adjustment_class USING (class)')).toEqual([]);
    expect(await w.all("SELECT reason_code FROM ref_posting_reason_class WHERE reason_code <> upper(trim(reason_code)) OR posting_type NOT IN ('write_off', 'adjustment')")).toEqual([]);
    expect((await w.all<{ class: string }>('SELECT class FROM ref_adjustment_class ORDER BY sort_order')).map((r) => r.class))
      .toEqual(['contractual', 'policy', 'duplicate', 'denial', 'bad_debt', 'unclassified']);
  });

  it('labels the codes in our own short words', () => {
    for (const name of referenceNames().filter((n) => n !== 'place_of_service' && n !== 'carc_category' && n !== 'carc_crosswalk' && n !== 'underpayment_tolerance')) {
      for (const row of csvRows(name)) {
        const code = row.code ?? row.category ?? row.class ?? row.reason_code ?? row.payer_class;
        const what = `${name} ${code}`;
        expect(row.label, what).toMatch(/^\S.{2,68}$/);
        expect(row.label, what).not.toMatch(/\.$/);
        expect(row.label.toLowerCase(), what).not.toBe(code.toLowerCase());
      }
    }
  });

  it('says what to do about every denial category: a fix of one line, in our own words (migration 030)', async () => {
    expect(await w.all('SELECT category FROM ref_denial_category WHERE is_denial AND (fix IS NULL OR trim(fix) = \'\')')).toEqual([]);
    for (const row of csvRows('denial_category')) {
      expect(row.fix, row.category).toMatch(/^\S[^\n]{20,130}$/);
      expect(row.fix, row.category).not.toMatch(/\.$/);
      expect(row.fix, row.category).not.toBe(row.label);
    }
    expect(await w.one("SELECT owner_team, fix FROM ref_denial_category WHERE category = 'authorization'"))
      .toEqual({ owner_team: 'authorizations', fix: 'prior authorization required: route to the authorization team before scheduling' });
  });
});

describe('a new warehouse under a small memory cap', () => {
  it('gets its schema and reference data in 16 MB, and says what to do when even that is too little', async () => {
    const dir = tempDir();
    const small = await Warehouse.open(join(dir, 'small.duckdb'), { memoryLimit: '16MB' });
    try {
      expect(await small.one('SELECT count(*) > 0 AS loaded FROM ref_carc_category')).toEqual({ loaded: true });
    } finally {
      small.close();
    }
    const starved = Warehouse.open(join(dir, 'starved.duckdb'), { memoryLimit: '1MB' });
    await expect(starved).rejects.toBeInstanceOf(WarehouseOpenError);
    await expect(starved).rejects.toThrow(/ran out of memory preparing the warehouse under a memory limit of 1MB .*a larger rcm ingest --memory-limit/);
  });
});
