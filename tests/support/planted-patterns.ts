// What the denial pattern finder must say about the demo's planted patterns, on any seed: the three at the top,
// each with its category's owning team and fix, and Summit's as the code pair it was planted as (an E/M with
// modifier 25 billed with 96372, across the E/M codes) covering at least 90 % of its planted denied lines.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { PlantedPattern } from '../../demo/model.ts';
import type { Truth } from '../../demo/truth/truth-types.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { findDenialPatterns, type DenialPattern } from '../../warehouse/patterns/denial-patterns.ts';
import { REFERENCE_DIR } from '../../warehouse/reference.ts';

export const SUMMIT_PAIR = { payer: 'SUMMT', modifier: '25', with_cpt: '96372' };

/** A pattern the finder reports is the planted one: its dimensions say nothing the plant does not, and its CARC is the plant's. */
export function isPlanted(found: DenialPattern, p: PlantedPattern): boolean {
  return (p.payerId === undefined || found.dimensions.payer === p.payerId) &&
    (p.renderingNpi === undefined || found.dimensions.provider === p.renderingNpi) &&
    (found.dimensions.cpt === undefined || p.procedureCodes.includes(found.dimensions.cpt)) &&
    (found.dimensions.modifier === undefined || found.dimensions.modifier === (p.modifier ?? '(none)')) &&
    found.top_carc === p.carc;
}

/** The denial categories as warehouse/reference/denial_category.csv has them. */
export function crosswalkCategories(): Map<string, { owner_team: string; fix: string }> {
  const rows = parse(readFileSync(`${REFERENCE_DIR}denial_category.csv`), { columns: true, bom: true }) as { category: string; owner_team: string; fix: string }[];
  return new Map(rows.map((r) => [r.category, r]));
}

/** Each planted pattern found among `top` names its category, the team owning it and its fix, as the crosswalk has them. */
export function expectOwnersAndFixes(top: DenialPattern[], planted: PlantedPattern[]): void {
  const crosswalk = crosswalkCategories();
  for (const p of planted) {
    const found = top.find((f) => isPlanted(f, p));
    expect(found, p.name).toBeDefined();
    const row = crosswalk.get(p.category)!;
    expect([found!.category, found!.owner, found!.fix], p.name).toEqual([p.category, row.owner_team, row.fix]);
    expect(found!.mixed_causes, p.name).toBe(false);
  }
}

/** Summit's pattern among `top` is the pair, named as one. */
export function expectSummitPair(top: DenialPattern[]): DenialPattern {
  const summit = top.find((f) => f.dimensions.payer === SUMMIT_PAIR.payer && f.top_carc === '97');
  expect(summit?.dimensions, JSON.stringify(top.map((f) => f.label))).toEqual(SUMMIT_PAIR);
  expect(summit!.label).toBe('payer SUMMT × modifier 25 billed with 96372');
  return summit!;
}

/**
 * Over every first adjudication the truth counts (its first as-of window's start to the last as-of date), the
 * Summit pair's denied lines: at least 90 % of the lines truth.json says were denied on the planted claims, and
 * no more than them (every claim of the pair is a planted one).
 */
export async function expectSummitCoverage(warehouse: Warehouse, truth: Truth, since: string): Promise<void> {
  const asOf = truth.asOf.at(-1)!.date;
  const { patterns } = await findDenialPatterns(warehouse, { window: { asOf, from: since, to: asOf }, minClaims: 5, limit: 8 });
  const summit = expectSummitPair(patterns);
  const planted = truth.patterns.find((p) => p.name === 'summit-em25-injection')!.linesDeniedOnFirstAdjudication;
  expect(summit.denied_lines, `${summit.denied_lines} of ${planted} planted denied lines`).toBeGreaterThanOrEqual(0.9 * planted);
  expect(summit.denied_lines).toBeLessThanOrEqual(planted);
}
