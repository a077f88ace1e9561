// The balancing rules of an 835 (shared/research/x12.md §1.4), checked on the simulation's remittance
// before it is written: a file that does not balance would load with warnings and wrong metrics, so
// writing one is a bug in the simulation, reported with the claim it concerns.
import type { Adjustment, Cents, Remittance } from '../model.ts';
import { money } from './x12-writer.ts';

const sum = (adjustments: readonly Adjustment[]): Cents => adjustments.reduce((s, a) => s + a.amount, 0);

/** Σ paid − Σ provider adjustments: what BPR02 must say. */
export function remittanceTotal(remittance: Remittance): Cents {
  return remittance.adjudications.reduce((s, a) => s + a.paid, 0) - remittance.providerAdjustments.reduce((s, p) => s + p.amount, 0);
}

/** Throws when a line, a claim or the whole remittance does not balance. */
export function assertBalanced(remittance: Remittance): void {
  for (const a of remittance.adjudications) {
    const claim = `claim ${a.claimId} (CLP02 ${a.status}, payer claim ${a.payerClaimNumber}) in the ${remittance.date} remittance of ${remittance.payerId}`;
    if (a.payerId !== remittance.payerId) throw new Error(`${claim} belongs to payer ${a.payerId}, not to the remittance's`);
    for (const line of a.lines) {
      const adjusted = sum(line.adjustments);
      if (line.charge - adjusted !== line.paid) {
        throw new Error(`${claim}, line ${line.line}: charge ${money(line.charge)} − adjustments ${money(adjusted)} ≠ paid ${money(line.paid)}`);
      }
    }
    if (a.lines.length > 0) {
      const lineCharges = a.lines.reduce((s, l) => s + l.charge, 0);
      if (lineCharges !== a.charge) throw new Error(`${claim}: its lines charge ${money(lineCharges)}, the claim ${money(a.charge)}`);
    }
    const adjusted = sum(a.claimAdjustments) + a.lines.reduce((s, l) => s + sum(l.adjustments), 0);
    if (a.charge - adjusted !== a.paid) {
      throw new Error(`${claim}: charge ${money(a.charge)} − claim and line adjustments ${money(adjusted)} ≠ paid ${money(a.paid)}`);
    }
  }
  const expected = remittanceTotal(remittance);
  if (expected !== remittance.total) {
    throw new Error(`the ${remittance.date} remittance of ${remittance.payerId} (trace ${remittance.traceNumber}): claims paid − provider adjustments = ${money(expected)}, but its total is ${money(remittance.total)}`);
  }
}
