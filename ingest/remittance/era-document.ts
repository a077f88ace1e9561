// The stable JSON document of `rcm era show --json` (schema in docs/cli.md): the remittance as a biller
// reads it. Amounts are JSON numbers with at most two decimals, dates ISO.
import type { Warning } from '../x12/diagnostics.ts';
import { centsToNumber, type Cents } from '../../kernel/money.ts';
import { payeeNpi, payerId, type Adjustment, type ClaimPayment, type Remark, type Remittance, type ServiceLine } from './remittance.ts';

export interface EraDocument {
  transactions: EraTransaction[];
  errors: { file: string; segment: number | null; message: string; hint: string }[];
}

export interface EraWarning {
  code: string;
  segment: number | null;
  message: string;
}

export interface EraTransaction {
  control_number: string;
  payment: { amount: number | null; credit_debit: string | null; method: string | null; date: string | null; trace_number: string | null };
  payer: { name: string | null; id: string | null };
  payee: { name: string | null; npi: string | null };
  claims: EraClaim[];
  provider_adjustments: { reason: string; reference: string | null; amount: number; fiscal_period_date: string | null }[];
  warnings: EraWarning[];
}

export interface EraClaim {
  patient_control_number: string;
  status_code: string | null;
  charge: number | null;
  paid: number | null;
  patient_responsibility: number | null;
  payer_claim_number: string | null;
  filing_indicator: string | null;
  adjustments: EraAdjustment[];
  remarks: string[];
  lines: EraLine[];
}

export interface EraLine {
  procedure_qualifier: string | null;
  procedure_code: string | null;
  modifiers: (string | null)[];
  charge: number | null;
  paid: number | null;
  units: number;
  service_date: string | null;
  adjustments: EraAdjustment[];
  remarks: string[];
}

export interface EraAdjustment {
  group: string;
  reason: string;
  amount: number;
  quantity: number | null;
}

const money = (c: Cents | null) => (c === null ? null : centsToNumber(c));

export function eraTransaction(remittance: Remittance, claims: ClaimPayment[], warnings: Warning[]): EraTransaction {
  const p = remittance.payment;
  return {
    control_number: remittance.header.controlNumber,
    payment: { amount: money(p.amount), credit_debit: p.creditDebit, method: p.method, date: p.date, trace_number: p.traceNumber },
    payer: { name: remittance.payer.name, id: payerId(remittance) },
    payee: { name: remittance.payee.name, npi: payeeNpi(remittance) },
    claims: claims.map(eraClaim),
    provider_adjustments: remittance.providerAdjustments.map((a) => ({
      reason: a.reason,
      reference: a.reference,
      amount: centsToNumber(a.amount),
      fiscal_period_date: a.fiscalPeriodDate,
    })),
    warnings: warnings.map((w) => ({ code: w.code, segment: w.segment ?? null, message: w.message })),
  };
}

function eraClaim(claim: ClaimPayment): EraClaim {
  return {
    patient_control_number: claim.patientControlNumber,
    status_code: claim.statusCode,
    charge: money(claim.charge),
    paid: money(claim.paid),
    patient_responsibility: money(claim.patientResponsibility),
    payer_claim_number: claim.payerClaimNumber,
    filing_indicator: claim.filingIndicator,
    adjustments: claim.adjustments.map(eraAdjustment),
    remarks: remarkCodes(claim.remarks),
    lines: claim.lines.map(eraLine),
  };
}

function eraLine(line: ServiceLine): EraLine {
  return {
    procedure_qualifier: line.procedure.qualifier,
    procedure_code: line.procedure.code,
    modifiers: line.procedure.modifiers,
    charge: money(line.charge),
    paid: money(line.paid),
    units: Number(line.units),
    service_date: line.serviceDate ?? line.serviceStart,
    adjustments: line.adjustments.map(eraAdjustment),
    remarks: remarkCodes(line.remarks),
  };
}

function eraAdjustment(a: Adjustment): EraAdjustment {
  return { group: a.group, reason: a.reason, amount: centsToNumber(a.amount), quantity: a.quantity === null ? null : Number(a.quantity) };
}

const remarkCodes = (remarks: Remark[]) => remarks.map((r) => r.code);
