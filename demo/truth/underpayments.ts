// Expected against actual allowed on the payers' 835 service lines (metrics.md, "Expected payment"), from the
// simulation's own records and the payers' contracts: on every line of a primary's record that stands (not a
// reversal, not reversed, not a secondary's crossover) and is not denied, expected = the contract's price per
// unit × units, actual = AMT*B6 when the payer sends it, else paid + PR + CO 253. A line is underpaid when
// expected − actual exceeds the tolerance, the larger of $0.50 and 1 % of expected. Counted per payer ×
// procedure × month of the record's 835 date, and for the lines the planted underpayment hit.
import type { Adjudication, Cents, ClaimHistory } from '../model.ts';
import { isDenied } from '../simulation/adjudication.ts';
import { plantedShortfall, type PlantedUnderpayment } from '../practice/contracts.ts';

export const TOLERANCE = { minimum: 50, percentOfExpected: 1 } as const;

export interface UnderpaymentCell {
  payerId: string;
  procedureCode: string;
  /** YYYY-MM of the record's 835 date. */
  month: string;
  /** Lines with an expectation (a contract price). */
  lines: number;
  expected: Cents;
  actual: Cents;
  underpaidLines: number;
  /** Σ (expected − actual) over the underpaid lines. */
  underpaid: Cents;
}

export interface UnderpaymentReport {
  tolerance: typeof TOLERANCE;
  planted: (PlantedUnderpayment & { lines: number; underpaid: Cents }) | null;
  /** Lines judged (not denied, with a contract price); lines of no contract counted apart. */
  lines: number;
  noExpectationLines: number;
  expected: Cents;
  actual: Cents;
  underpaidLines: number;
  underpaid: Cents;
  byPayerCodeMonth: UnderpaymentCell[];
}

/** The contract's price per unit for a payer's code; null when the payer has no contract for it. */
export type ContractPrice = (payerId: string, procedureCode: string) => Cents | null;

const sum = (values: Cents[]) => values.reduce((s, v) => s + v, 0);

/** Underpaid beyond the tolerance: 100 × (expected − actual) > max(100 × minimum, expected × percent), in whole cents. */
export function isUnderpaid(expected: Cents, actual: Cents): boolean {
  return 100 * (expected - actual) > Math.max(100 * TOLERANCE.minimum, expected * TOLERANCE.percentOfExpected);
}

/** The primary's records that stand: a reversal takes back the earlier record of its claim number and amount. */
function standing(history: ClaimHistory): Adjudication[] {
  const out: Adjudication[] = [];
  for (const a of history.adjudications) {
    if (a.isReversal) {
      const at = out.findIndex((o) => o.payerClaimNumber === a.payerClaimNumber && o.paid === -a.paid);
      if (at >= 0) out.splice(at, 1);
    } else if (a.status !== '2') out.push(a);
  }
  return out;
}

/** Actual allowed: AMT*B6 when the payer sends it, else paid + PR + CO 253 (sequestration). */
function actualAllowed(l: Adjudication['lines'][number]): Cents {
  return l.allowed ?? l.paid + sum(l.adjustments.filter((x) => x.group === 'PR' || (x.group === 'CO' && x.carc === '253')).map((x) => x.amount));
}

/**
 * The underpaid work queue at D (metrics.md, "Work queues"): the claim's latest primary record by D that stands at D,
 * when it left a line short of the contract beyond the tolerance; that record's date and the lines' shortfall.
 * A later record paying the difference takes its place (the demo sets no work state).
 */
export function underpaidAt(history: ClaimHistory, D: string, price: ContractPrice): { date: string; shortfall: Cents } | null {
  const byD = standing({ ...history, adjudications: history.adjudications.filter((a) => a.date <= D) });
  const latest = byD.filter((a) => a.lines.length > 0).sort((x, y) => x.date.localeCompare(y.date)).at(-1);
  if (!latest) return null;
  let shortfall = 0;
  for (const l of latest.lines) {
    const unit = isDenied(l) ? null : price(latest.payerId, l.procedureCode);
    if (unit === null) continue;
    const expected = Math.round(unit * l.units);
    if (isUnderpaid(expected, actualAllowed(l))) shortfall += expected - actualAllowed(l);
  }
  return shortfall > 0 ? { date: latest.date, shortfall } : null;
}

export class Underpayments {
  private readonly cells = new Map<string, UnderpaymentCell>();
  private noExpectation = 0;
  private planted = { lines: 0, underpaid: 0 };

  constructor(private readonly price: ContractPrice, private readonly plantedUnderpayment: PlantedUnderpayment | null) {}

  add(history: ClaimHistory): void {
    for (const a of standing(history)) {
      for (const l of a.lines) {
        if (isDenied(l)) continue;
        const unit = this.price(a.payerId, l.procedureCode);
        if (unit === null) {
          this.noExpectation++;
          continue;
        }
        const expected = Math.round(unit * l.units);
        const actual = actualAllowed(l);
        const month = a.date.slice(0, 7);
        const key = `${a.payerId}\u0000${l.procedureCode}\u0000${month}`;
        let cell = this.cells.get(key);
        if (!cell) this.cells.set(key, (cell = { payerId: a.payerId, procedureCode: l.procedureCode, month, lines: 0, expected: 0, actual: 0, underpaidLines: 0, underpaid: 0 }));
        cell.lines++;
        cell.expected += expected;
        cell.actual += actual;
        const short = isUnderpaid(expected, actual);
        if (short) {
          cell.underpaidLines++;
          cell.underpaid += expected - actual;
        }
        if (this.plantedUnderpayment && plantedShortfall(a.payerId, l.procedureCode, l.serviceDate, this.plantedUnderpayment) > 0) {
          this.planted.lines++;
          this.planted.underpaid += expected - actual;
        }
      }
    }
  }

  toJson(payerOrder: string[]): UnderpaymentReport {
    const rank = (p: string) => (payerOrder.indexOf(p) < 0 ? payerOrder.length : payerOrder.indexOf(p));
    const cells = [...this.cells.values()].sort((x, y) => rank(x.payerId) - rank(y.payerId) || x.payerId.localeCompare(y.payerId)
      || x.procedureCode.localeCompare(y.procedureCode) || x.month.localeCompare(y.month));
    return {
      tolerance: TOLERANCE,
      planted: this.plantedUnderpayment ? { ...this.plantedUnderpayment, ...this.planted } : null,
      lines: sum(cells.map((c) => c.lines)),
      noExpectationLines: this.noExpectation,
      expected: sum(cells.map((c) => c.expected)),
      actual: sum(cells.map((c) => c.actual)),
      underpaidLines: sum(cells.map((c) => c.underpaidLines)),
      underpaid: sum(cells.map((c) => c.underpaid)),
      byPayerCodeMonth: cells,
    };
  }
}
