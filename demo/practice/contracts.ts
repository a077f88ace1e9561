// The demo payers' contracts: what each allows per unit of each code, as a fee schedule of its own
// (the practice's charge × the payer's fee ratio) or as a percentage of another payer's schedule; and the
// underpayment planted against one of them, for the expected-payment metrics to find.
import type { Cents, IsoDate } from '../model.ts';
import { FEE_SCHEDULE, FEES } from './codes.ts';
import type { PayerProfile } from './payers.ts';

/** A payer paying one code a fixed amount below its contract on every paid line served from a date on. */
export interface PlantedUnderpayment {
  name: string;
  description: string;
  payerId: string;
  procedureCode: string;
  /** The first date of service paid short. */
  from: IsoDate;
  /** Cents below the contract's allowed amount, per line. */
  shortfall: Cents;
}

export const PLANTED_UNDERPAYMENT: PlantedUnderpayment = {
  name: 'summit-99214-underpaid', payerId: 'SUMMT', procedureCode: '99214', from: '2025-07-01', shortfall: 680,
  description: 'Summit Health Plan allows 99214 $6.80 below its fee schedule on every line served from 2025-07-01: paid and allowed (AMT*B6) both drop, and the patient share follows the lower allowed amount.',
};

/** One row of a payer's own fee schedule, as the fee-schedule CSV carries it. */
export interface ContractPrice {
  payerId: string;
  procedureCode: string;
  allowed: Cents;
}

/** A payer priced as a percentage of another payer's schedule, as the fee-schedule-rule CSV carries it. */
export interface ContractRule {
  payerId: string;
  basePayerId: string;
  percent: number;
}

/** The payer's own per-unit price: the practice's charge × its fee ratio, to the cent. */
function schedulePrice(payer: PayerProfile, unitCharge: Cents): Cents {
  return Math.round(unitCharge * payer.feeRatio!);
}

/** The contract's allowed amount per unit of the code, for a payer paid from a schedule or a rule. */
export function contractAllowed(payer: PayerProfile, procedureCode: string, payerById: (id: string) => PayerProfile): Cents {
  const fee = FEES.get(procedureCode);
  if (!fee) throw new Error(`no charge for procedure ${procedureCode}`);
  if (payer.percentOf) {
    const base = schedulePrice(payerById(payer.percentOf.payerId), fee.charge);
    // positive amounts: Math.round is half away from zero, as the warehouse rounds a rule
    return Math.round((base * payer.percentOf.percent) / 100);
  }
  return schedulePrice(payer, fee.charge);
}

/** What the planted underpayment takes off a paid line of this payer, code and date of service. */
export function plantedShortfall(payerId: string, procedureCode: string, serviceDate: IsoDate, planted: PlantedUnderpayment | null = PLANTED_UNDERPAYMENT): Cents {
  return planted && planted.payerId === payerId && planted.procedureCode === procedureCode && serviceDate >= planted.from ? planted.shortfall : 0;
}

/** Every code of the practice's charges priced by each payer with a schedule of its own. */
export function contractPrices(payers: readonly PayerProfile[]): ContractPrice[] {
  return payers.filter((p) => !p.percentOf).flatMap((p) => FEE_SCHEDULE.map((f) => ({ payerId: p.id, procedureCode: f.code, allowed: schedulePrice(p, f.charge) })));
}

/** The payers priced as a percentage of another's schedule. */
export function contractRules(payers: readonly PayerProfile[]): ContractRule[] {
  return payers.filter((p) => p.percentOf).map((p) => ({ payerId: p.id, basePayerId: p.percentOf!.payerId, percent: p.percentOf!.percent }));
}
