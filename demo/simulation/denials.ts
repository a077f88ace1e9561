// Which lines a payer denies on a claim's first adjudication, and why: the planted patterns first, then
// timely filing, then the payer's everyday denials across the crosswalk categories.
import type { Claim } from '../model.ts';
import { FEES, MRI_CODES } from '../practice/codes.ts';
import type { PayerProfile } from '../practice/payers.ts';
import type { LineDenial } from './adjudication.ts';
import type { Random } from './random.ts';

export type DenialReason =
  | 'eligibility' | 'authorization' | 'medical_necessity' | 'non_covered' | 'coding' | 'bundling'
  | 'documentation' | 'cob_other_payer' | 'provider_enrollment' | 'timely_filing' | 'duplicate';

export interface DenialDecision {
  reason: DenialReason;
  lines: Map<number, LineDenial>;
}

const EVERYDAY: readonly (readonly [DenialReason, number])[] = [
  ['eligibility', 25], ['medical_necessity', 15], ['non_covered', 8], ['coding', 15], ['bundling', 8],
  ['documentation', 12], ['authorization', 5], ['cob_other_payer', 8], ['provider_enrollment', 4],
];

const WHOLE_CLAIM: Partial<Record<DenialReason, readonly LineDenial[]>> = {
  eligibility: [{ group: 'CO', carc: '27' }, { group: 'CO', carc: '31', remark: 'MA61' }],
  documentation: [{ group: 'CO', carc: '252', remark: 'N706' }, { group: 'CO', carc: '226', remark: 'M127' }],
  authorization: [{ group: 'CO', carc: '15', remark: 'N54' }],
  cob_other_payer: [{ group: 'CO', carc: '22', remark: 'MA04' }],
  provider_enrollment: [{ group: 'CO', carc: 'B7', remark: 'N570' }],
  timely_filing: [{ group: 'CO', carc: '29' }],
  // X12 pairs CARC 18 with group OA: neither the patient's nor a contractual obligation
  duplicate: [{ group: 'OA', carc: '18', remark: 'N522' }],
};

const ONE_LINE: Partial<Record<DenialReason, readonly LineDenial[]>> = {
  medical_necessity: [{ group: 'CO', carc: '50', remark: 'N115' }],
  non_covered: [{ group: 'PR', carc: '96', remark: 'N130' }],
  coding: [{ group: 'CO', carc: '16', remark: 'M51' }, { group: 'CO', carc: '11', remark: 'M76' }],
  bundling: [{ group: 'CO', carc: '97', remark: 'M15' }, { group: 'CO', carc: '234', remark: 'M80' }],
};

function wholeClaim(claim: Claim, denial: LineDenial): Map<number, LineDenial> {
  return new Map(claim.lines.map((l) => [l.number, denial]));
}

/** The denial of one claim's first adjudication, or undefined when the payer pays it. */
export function decideDenial(random: Random, claim: Claim, payer: PayerProfile, lateDays: number, duplicate: boolean, patterns: string[]): DenialDecision | undefined {
  if (duplicate) return { reason: 'duplicate', lines: wholeClaim(claim, WHOLE_CLAIM.duplicate![0]) };
  if (lateDays > payer.timelyFilingDays) return { reason: 'timely_filing', lines: wholeClaim(claim, WHOLE_CLAIM.timely_filing![0]) };

  // Planted: Summit bundles the visit billed with modifier 25 beside an injection.
  if (patterns.includes('summit-em25-injection') && random.chance(0.7)) {
    const visit = claim.lines.find((l) => l.modifiers.includes('25'))!;
    return { reason: 'bundling', lines: new Map([[visit.number, { group: 'CO', carc: '97', remark: 'M15' }]]) };
  }
  // Planted: Medicare and Medicare Advantage deny therapy lines without GP.
  if (patterns.includes('therapy-missing-gp') && (payer.kind === 'medicare' || payer.kind === 'medicare_advantage') && random.chance(0.9)) {
    const lines = claim.lines.filter((l) => FEES.get(l.procedureCode)?.kind === 'therapy' && !l.modifiers.includes('GP'));
    return { reason: 'coding', lines: new Map(lines.map((l) => [l.number, { group: 'CO', carc: '4', remark: 'N657' }])) };
  }
  // Imaging without the authorization the payer requires (planted for Northwind, which is rarely asked).
  const mri = claim.lines.find((l) => MRI_CODES.includes(l.procedureCode));
  if (mri && payer.authorizesImaging && !claim.priorAuthorization) {
    return { reason: 'authorization', lines: new Map([[mri.number, { group: 'CO', carc: '197', remark: 'N54' }]]) };
  }

  if (!random.chance(payer.denialRate)) return undefined;
  const reason = random.weighted(EVERYDAY);
  const whole = WHOLE_CLAIM[reason];
  if (whole) return { reason, lines: wholeClaim(claim, random.pick(whole)) };
  const choices = ONE_LINE[reason]!;
  // Bundling hits a secondary line; the others any line.
  const candidates = reason === 'bundling' && claim.lines.length > 1 ? claim.lines.slice(1) : claim.lines;
  const target = random.pick(candidates);
  return { reason, lines: new Map([[target.number, random.pick(choices)]]) };
}
