// How a payer prices and denies the lines of a claim, as 835 records: allowed = the payer's contract price
// per unit × units (demo/practice/contracts.ts; less the planted underpayment on the lines it hits; sent as
// AMT*B6 by the payers that report it), the rest contractual (CO 45, and Medicare's 2 %
// sequestration CO 253); the patient's share as copay (PR 3), deductible (PR 1) and coinsurance (PR 2);
// denials as the whole line charge under a denial CARC. Reversals repeat a record with every amount
// negated; a crossover's secondary pays what the primary left to the patient, with the primary's part as
// OA 23.
import type { Adjudication, Adjustment, AdjustmentGroup, Cents, Claim, IsoDate, LineAdjudication, ServiceLine } from '../model.ts';
import { FEES } from '../practice/codes.ts';
import { contractAllowed, plantedShortfall } from '../practice/contracts.ts';
import { payerProfile, type PayerProfile } from '../practice/payers.ts';

export interface LineDenial {
  group: AdjustmentGroup;
  carc: string;
  remark?: string;
}

/** What is left of the patient's deductible this year, shared by the claims of the year in date order. */
export interface Deductible {
  left: Cents;
}

const NO_COST_SHARE = new Set(['preventive', 'vaccine']);

function line(l: ServiceLine, paid: Cents, adjustments: Adjustment[], remarks: string[], allowed: Cents | undefined): LineAdjudication {
  return {
    line: l.number, procedureCode: l.procedureCode, modifiers: l.modifiers, units: l.units, charge: l.charge, paid,
    adjustments: adjustments.filter((a) => a.amount !== 0), ...(allowed === undefined ? {} : { allowed }), remarks, controlNumber: l.controlNumber, serviceDate: l.serviceDate,
  };
}

/** Prices every line of the claim; lines in `denials` are denied in full. `raise` is a fee schedule update in percent. */
export function priceLines(claim: Claim, payer: PayerProfile, deductible: Deductible, denials: Map<number, LineDenial>, raise = 0): LineAdjudication[] {
  let copayLeft = payer.costShare.visitCopay;
  return claim.lines.map((l) => {
    const denial = denials.get(l.number);
    if (denial) return line(l, 0, [{ group: denial.group, carc: denial.carc, amount: l.charge }], denial.remark ? [denial.remark] : [], payer.sendsAllowed ? 0 : undefined);
    const contract = contractAllowed(payer, l.procedureCode, payerProfile) * l.units;
    const allowed = Math.min(l.charge, Math.max(0, Math.round((contract * (100 + raise)) / 100) - plantedShortfall(payer.id, l.procedureCode, l.serviceDate)));
    const kind = FEES.get(l.procedureCode)?.kind;
    let copay = 0;
    let toDeductible = 0;
    let coinsurance = 0;
    if (!NO_COST_SHARE.has(kind ?? '')) {
      if (kind === 'visit' && copayLeft > 0) {
        copay = Math.min(copayLeft, allowed);
        copayLeft -= copay;
      } else {
        toDeductible = Math.min(deductible.left, allowed);
        deductible.left -= toDeductible;
        coinsurance = Math.round(((allowed - toDeductible) * payer.costShare.coinsurancePercent) / 100);
      }
    }
    const patient = copay + toDeductible + coinsurance;
    const sequestration = payer.kind === 'medicare' ? Math.round((allowed - patient) * 0.02) : 0;
    return line(l, allowed - patient - sequestration, [
      { group: 'CO', carc: '45', amount: l.charge - allowed },
      { group: 'CO', carc: '253', amount: sequestration },
      { group: 'PR', carc: '1', amount: toDeductible },
      { group: 'PR', carc: '2', amount: coinsurance },
      { group: 'PR', carc: '3', amount: copay },
    ], [], payer.sendsAllowed ? allowed : undefined);
  });
}

const sum = (values: Cents[]) => values.reduce((s, v) => s + v, 0);
const patientShareOf = (lines: LineAdjudication[]) => sum(lines.flatMap((l) => l.adjustments.filter((a) => a.group === 'PR').map((a) => a.amount)));

/** The CARCs this payer model prices with (contractual, sequestration, deductible, coinsurance, copay); any other is a denial. */
export const PRICING_CARCS: ReadonlySet<string> = new Set(['45', '253', '1', '2', '3']);

export function isDenied(l: LineAdjudication): boolean {
  return l.paid === 0 && l.adjustments.some((a) => !PRICING_CARCS.has(a.carc));
}

export function adjudicate(claim: Claim, payerId: string, date: IsoDate, payerClaimNumber: string, lines: LineAdjudication[], forwardedTo?: string): Adjudication {
  const paid = sum(lines.map((l) => l.paid));
  const patientResponsibility = patientShareOf(lines);
  const allDeniedByPayer = lines.every((l) => isDenied(l) && l.adjustments.every((a) => a.group !== 'PR'));
  const forwarded = forwardedTo !== undefined && !allDeniedByPayer && patientResponsibility > 0;
  return {
    claimId: claim.id, payerId, date,
    status: allDeniedByPayer ? '4' : forwarded ? '19' : '1',
    charge: claim.charge, paid, patientResponsibility, payerClaimNumber, claimAdjustments: [], lines, isReversal: false,
    forwardedTo: forwarded ? forwardedTo : undefined,
  };
}

/** Minus, without the -0 that would print as "-0.00". */
const minus = (n: Cents): Cents => (n === 0 ? 0 : -n);
const negate = (a: Adjustment): Adjustment => ({ ...a, amount: minus(a.amount) });

export function reverse(original: Adjudication, date: IsoDate): Adjudication {
  return {
    ...original, date, status: '22', isReversal: true, forwardedTo: undefined,
    charge: minus(original.charge), paid: minus(original.paid), patientResponsibility: minus(original.patientResponsibility),
    claimAdjustments: original.claimAdjustments.map(negate),
    lines: original.lines.map((l) => ({ ...l, charge: minus(l.charge), paid: minus(l.paid), adjustments: l.adjustments.map(negate), ...(l.allowed === undefined ? {} : { allowed: minus(l.allowed) }) })),
  };
}

/** The secondary payer's record of a crossover: it pays the patient's share the primary left. */
export function crossover(primary: Adjudication, payerId: string, date: IsoDate, payerClaimNumber: string): Adjudication {
  const lines = primary.lines.map((l) => {
    const patient = sum(l.adjustments.filter((a) => a.group === 'PR').map((a) => a.amount));
    // the secondary (Medicaid) reports no allowed amount of its own
    const { allowed: _primaryAllowed, ...rest } = l;
    return { ...rest, paid: patient, adjustments: [{ group: 'OA' as const, carc: '23', amount: l.charge - patient }].filter((a) => a.amount !== 0), remarks: [] };
  });
  return {
    claimId: primary.claimId, payerId, date, status: '2', charge: primary.charge, paid: sum(lines.map((l) => l.paid)), patientResponsibility: 0,
    payerClaimNumber, claimAdjustments: [], lines, isReversal: false,
  };
}

export { patientShareOf };
