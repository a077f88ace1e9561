// Cash: collections by calendar month (insurance payments by remit date, patient payments, refunds, PLB
// interest and recoupments, the remittance cash that ties to Σ BPR02) and the net / gross collection rates.
import type { Cents, ProviderAdjustment } from '../model.ts';
import { ADJUSTMENT_CLASSES, NOT_REVENUE, type AdjustmentClass } from './adjustment-classes.ts';
import type { DateWindow } from './dates.ts';
import type { DayTotals } from './day-totals.ts';
import { ratio, type Ratio } from './ratio.ts';

export const paidKey = (payerId: string) => `insurancePaid|${payerId}`;
/** Reductions of balances in one adjustment class, by their date. */
export const adjustmentKey = (adjustmentClass: AdjustmentClass) => `adjustment|${adjustmentClass}`;
/** Denial write-offs recovered, by the recovery's date (claim-facts.ts, recoveriesOf). */
export const RECOVERIES = 'denialRecoveries';
const plbKeys = (payerId?: string) => {
  const suffix = payerId === undefined ? '' : `|${payerId}`;
  return { amount: `plbAmount${suffix}`, interest: `plbInterest${suffix}`, recoupments: `plbRecoupments${suffix}` };
};

/** PLB amounts are signed as in the 835 (negative adds to the payment); reported as money to / from the practice. */
export function addProviderAdjustment(totals: DayTotals, p: ProviderAdjustment): void {
  for (const keys of [plbKeys(), plbKeys(p.payerId)]) {
    totals.add(keys.amount, p.date, p.amount);
    if (p.reason === 'L6') totals.add(keys.interest, p.date, -p.amount);
    if (p.reason === 'WO') totals.add(keys.recoupments, p.date, p.amount);
  }
}

export interface RemittanceCash {
  insurancePayments: Cents;
  plbInterest: Cents;
  plbRecoupments: Cents;
  /** insurance payments − Σ PLB amounts = Σ BPR02. */
  remittanceCash: Cents;
}

function remittanceCash(totals: DayTotals, w: DateWindow, payerId?: string): RemittanceCash {
  const keys = plbKeys(payerId);
  const insurancePayments = totals.between(payerId === undefined ? 'insurancePaid' : paidKey(payerId), w.from, w.to);
  return {
    insurancePayments,
    plbInterest: totals.between(keys.interest, w.from, w.to),
    plbRecoupments: totals.between(keys.recoupments, w.from, w.to),
    remittanceCash: insurancePayments - totals.between(keys.amount, w.from, w.to),
  };
}

export interface Collections extends RemittanceCash {
  patientPayments: Cents;
  refunds: Cents;
  byPayer: Record<string, RemittanceCash>;
}

export function collections(totals: DayTotals, w: DateWindow, payers: string[]): Collections {
  const byPayer: Record<string, RemittanceCash> = {};
  for (const p of payers) byPayer[p] = remittanceCash(totals, w, p);
  const { insurancePayments, plbInterest, plbRecoupments, remittanceCash: cash } = remittanceCash(totals, w);
  return {
    insurancePayments,
    patientPayments: totals.between('patientPayments', w.from, w.to),
    refunds: totals.between('refunds', w.from, w.to),
    plbInterest, plbRecoupments, remittanceCash: cash,
    byPayer,
  };
}

export interface CollectionRates {
  netCollectionRate: Ratio & { components: Record<string, Cents> };
  grossCollectionRate: Ratio;
  /** Charges with DOS in the window − contractual, policy and duplicate adjustments dated in it (MGMA adjusted charges). */
  netRevenue: Cents;
  /** Every reduction of a balance that is not a payment, dated in the window, by class (denial: net of recoveries). */
  adjustmentsByClass: Record<AdjustmentClass, Cents>;
  /** Denial write-offs recovered in the window (the denial class above is net of them). */
  denialRecoveries: Cents;
}

/** Net revenue of a window (metrics.md, "Adjustment classes"). */
export function netRevenue(totals: DayTotals, w: DateWindow): Cents {
  return NOT_REVENUE.reduce((net, c) => net - totals.between(adjustmentKey(c), w.from, w.to), totals.between('charges', w.from, w.to));
}

/** Payments (every CLP04 incl. reversals and secondaries, + patient payments − refunds) over the window's net
 *  revenue (the NCR) and over its gross charges (the GCR). PLB money is in neither. */
export function collectionRates(totals: DayTotals, w: DateWindow): CollectionRates {
  const sum = (key: string) => totals.between(key, w.from, w.to);
  const denialRecoveries = sum(RECOVERIES);
  const adjustmentsByClass = Object.fromEntries(ADJUSTMENT_CLASSES.map((c) => [c, sum(adjustmentKey(c)) - (c === 'denial' ? denialRecoveries : 0)])) as Record<AdjustmentClass, Cents>;
  const components = {
    insurancePaid: sum('insurancePaid'), patientPayments: sum('patientPayments'), refunds: sum('refunds'),
    charges: sum('charges'), contractual: adjustmentsByClass.contractual, policy: adjustmentsByClass.policy, duplicate: adjustmentsByClass.duplicate,
  };
  const payments = components.insurancePaid + components.patientPayments - components.refunds;
  const net = netRevenue(totals, w);
  return {
    netCollectionRate: { ...ratio(payments, net, 'no charges with DOS in the window'), components },
    grossCollectionRate: ratio(payments, components.charges, 'no charges with DOS in the window'),
    netRevenue: net,
    adjustmentsByClass,
    denialRecoveries,
  };
}
