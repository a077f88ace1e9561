// The practice-management exports: payment postings (patient payments, refunds, write-offs, statements) and the
// charges of self-pay encounters, which never become 837s; and the practice's payer profile. Headers are names
// the built-in CSV mapping recognises (ingest/postings/csv-mapping.ts, DEFAULT_MAPPING). The appeal log lists
// the appeals the practice sent, with the payer's answer once known. The fee schedules are the payers'
// contracts (demo/practice/contracts.ts), in the fixed headers of docs/x12-and-csv.md.
import type { Appeal, Claim, Posting, PostingType } from '../model.ts';
import type { PayerProfile } from '../practice/payers.ts';
import type { PayerLimits } from '../practice/payer-limits.ts';
import type { ContractPrice, ContractRule } from '../practice/contracts.ts';
import { formatCents } from '../../kernel/money.ts';

export const POSTINGS_HEADER = ['Claim ID', 'Posting Date', 'Amount', 'Type', 'Payer or Patient', 'Reason Code', 'Reference'];
export const PAYER_PROFILES_HEADER = ['payer_id', 'payer_name', 'timely_filing_days', 'appeal_days', 'follow_up_days'];
export const APPEALS_HEADER = ['Claim ID', 'Appeal Date', 'Appeal Level', 'Appeal Outcome', 'Outcome Date'];
export const FEE_SCHEDULE_HEADER = ['payer_id', 'procedure_code', 'modifier', 'effective_from', 'effective_to', 'allowed'];
export const FEE_SCHEDULE_RULES_HEADER = ['payer_id', 'base_payer_id', 'percent', 'effective_from', 'effective_to'];
export const CHARGES_HEADER = ['Claim ID', 'Date of Service', 'Rendering NPI', 'Payer', 'Location', 'CPT', 'Modifiers', 'Diagnoses', 'Units', 'Charge'];

/** As a practice-management system labels them; each is a key of DEFAULT_MAPPING.types. */
const TYPE_LABEL: Record<PostingType, string> = { patient_payment: 'patient payment', refund: 'refund', write_off: 'write off', statement: 'patient statement' };

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** One row per posting. With a billing NPI, a last column names the practice (which scopes the claim numbers). */
export function writePostingsCsv(postings: readonly Posting[], payerName: (payerId: string) => string, claimPayer: (claimId: string) => string, billingNpi?: string): string {
  return csv([
    billingNpi ? [...POSTINGS_HEADER, 'Billing NPI'] : POSTINGS_HEADER,
    ...postings.map((p) => {
      if (!Number.isInteger(p.amount) || p.amount <= 0) throw new Error(`posting of claim ${p.claimId} on ${p.date}: amount ${p.amount} must be positive cents`);
      return [
        p.claimId, p.date, formatCents(p.amount), TYPE_LABEL[p.type], p.portion === 'patient' ? 'patient' : payerName(claimPayer(p.claimId)), p.reasonCode, p.reference,
        ...(billingNpi ? [billingNpi] : []),
      ];
    }),
  ]);
}

/** One row per service line; the diagnoses of a row are those its line points to. With a billing NPI, a last column names the practice. */
export function writeChargesCsv(claims: readonly Claim[], payerName: (payerId: string) => string, billingNpi?: string): string {
  return csv([
    billingNpi ? [...CHARGES_HEADER, 'Billing NPI'] : CHARGES_HEADER,
    ...claims.flatMap((c) =>
      c.lines.map((l) => [
        c.id, l.serviceDate, c.renderingNpi, payerName(c.payerId), c.locationId, l.procedureCode, l.modifiers.join(' '),
        l.diagnosisPointers.map((p) => c.diagnoses[p - 1]).join(' '), String(l.units), formatCents(l.charge),
        ...(billingNpi ? [billingNpi] : []),
      ]),
    ),
  ]);
}

/** One row per payer: its name and the practice's limits for it (docs/x12-and-csv.md, "Payer profiles"). */
export function writePayerProfilesCsv(payers: readonly PayerProfile[], limits: (payer: PayerProfile) => PayerLimits): string {
  return csv([
    PAYER_PROFILES_HEADER,
    ...payers.map((p) => {
      const l = limits(p);
      return [p.id, p.name, String(l.timelyFilingDays), String(l.appealDays), String(l.followUpDays)];
    }),
  ]);
}

/** One row per appeal, in the order given. With a billing NPI, a last column names the practice. */
export function writeAppealsCsv(appeals: readonly Appeal[], billingNpi?: string): string {
  return csv([
    billingNpi ? [...APPEALS_HEADER, 'Billing NPI'] : APPEALS_HEADER,
    ...appeals.map((a) => [a.claimId, a.date, String(a.level), a.outcome, a.outcomeDate ?? '', ...(billingNpi ? [billingNpi] : [])]),
  ]);
}

/** One row per payer and code of the payers with a schedule of their own: any modifier, open-ended from `from`. */
export function writeFeeScheduleCsv(prices: readonly ContractPrice[], from: string): string {
  return csv([FEE_SCHEDULE_HEADER, ...prices.map((p) => [p.payerId, p.procedureCode, '', from, '', formatCents(p.allowed)])]);
}

/** One row per payer priced as a percentage of another's schedule, for every code, open-ended from `from`. */
export function writeFeeScheduleRulesCsv(rules: readonly ContractRule[], from: string): string {
  return csv([FEE_SCHEDULE_RULES_HEADER, ...rules.map((r) => [r.payerId, r.basePayerId, String(r.percent), from, ''])]);
}
