// Which column of a practice-management export is which: a small mapping, built in for common export
// headers and overridable with a JSON file (`rcm ingest --mapping FILE`, documented in docs/x12-and-csv.md).
// A payer-profile file is ours, not an export: its header is fixed and no mapping file renames it; so are the
// fee-schedule and fee-schedule-rule files. An appeal log is an export: its columns and outcome words have
// built-in names too.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type CsvKind = 'payments' | 'charges' | 'payer_profiles' | 'fee_schedules' | 'fee_schedule_rules' | 'appeals';

export const PAYMENT_FIELDS = ['claim_id', 'date', 'amount', 'type', 'payer_or_patient', 'reason_code', 'reference', 'billing_npi'] as const;
export const CHARGE_FIELDS = ['claim_id', 'service_date', 'provider', 'payer', 'location', 'procedure_code', 'modifiers', 'diagnoses', 'units', 'charge', 'billing_npi'] as const;
export const PAYER_PROFILE_FIELDS = ['payer_id', 'payer_name', 'timely_filing_days', 'appeal_days', 'follow_up_days'] as const;
export const FEE_SCHEDULE_FIELDS = ['payer_id', 'procedure_code', 'modifier', 'effective_from', 'effective_to', 'allowed'] as const;
export const FEE_SCHEDULE_RULE_FIELDS = ['payer_id', 'base_payer_id', 'percent', 'effective_from', 'effective_to', 'procedure_code'] as const;
export const APPEAL_FIELDS = ['claim_id', 'appeal_date', 'level', 'outcome', 'outcome_date', 'billing_npi'] as const;
export const REQUIRED: Record<CsvKind, readonly string[]> = {
  payments: ['claim_id', 'date', 'amount', 'type'],
  charges: ['claim_id', 'service_date', 'procedure_code', 'charge'],
  payer_profiles: PAYER_PROFILE_FIELDS,
  fee_schedules: FEE_SCHEDULE_FIELDS,
  // procedure_code may be left out: the rule then covers every code of the base schedule
  fee_schedule_rules: FEE_SCHEDULE_RULE_FIELDS.filter((f) => f !== 'procedure_code'),
  appeals: ['claim_id', 'appeal_date', 'level', 'outcome'],
};
const CSV_KINDS = ['payments', 'charges', 'payer_profiles', 'fee_schedules', 'fee_schedule_rules', 'appeals'] as const;

export const APPEAL_OUTCOMES = ['pending', 'overturned', 'partially_overturned', 'upheld', 'withdrawn'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** The words appeal logs use for an outcome (normalized: lower case, blanks for punctuation); empty is pending. */
export const APPEAL_OUTCOME_WORDS: Readonly<Record<string, AppealOutcome>> = {
  '': 'pending', pending: 'pending', open: 'pending', submitted: 'pending', 'in process': 'pending', 'in progress': 'pending', filed: 'pending', sent: 'pending',
  overturned: 'overturned', won: 'overturned', approved: 'overturned', reversed: 'overturned', paid: 'overturned', granted: 'overturned', favorable: 'overturned',
  'partially overturned': 'partially_overturned', partial: 'partially_overturned', 'partially approved': 'partially_overturned', 'partially paid': 'partially_overturned', 'partially favorable': 'partially_overturned',
  upheld: 'upheld', denied: 'upheld', lost: 'upheld', affirmed: 'upheld', unfavorable: 'upheld', 'denial upheld': 'upheld',
  withdrawn: 'withdrawn', cancelled: 'withdrawn', canceled: 'withdrawn', dropped: 'withdrawn',
};

export const POSTING_TYPES = ['patient_payment', 'insurance_payment', 'refund', 'write_off', 'transfer', 'adjustment', 'statement'] as const;
export type PostingType = (typeof POSTING_TYPES)[number];

const mappingSchema = z.object({
  payments: z.object({
    columns: z.partialRecord(z.enum(PAYMENT_FIELDS), z.array(z.string()).min(1)).optional(),
    types: z.record(z.string(), z.enum(POSTING_TYPES)).optional(),
    // the practice's own write-off and adjustment reasons and their adjustment class (checked against the warehouse's classes when saved)
    reasons: z.record(z.string().trim().min(1), z.string()).optional(),
  }).optional(),
  charges: z.object({ columns: z.partialRecord(z.enum(CHARGE_FIELDS), z.array(z.string()).min(1)).optional() }).optional(),
  appeals: z.object({ columns: z.partialRecord(z.enum(APPEAL_FIELDS), z.array(z.string()).min(1)).optional() }).optional(),
  date_format: z.enum(['auto', 'YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYYMMDD']).optional(),
});

export type DateFormat = NonNullable<z.infer<typeof mappingSchema>['date_format']>;

export interface CsvMapping {
  columns: Record<CsvKind, Record<string, string[]>>;
  types: Record<string, PostingType>;
  dateFormat: DateFormat;
  /** The practice's posting reasons → adjustment class (saved in the warehouse: warehouse/load/posting-reasons.ts). */
  reasons?: Record<string, string>;
  /** The mapping file it came from. */
  source?: string;
}

export const DEFAULT_MAPPING: CsvMapping = Object.freeze<CsvMapping>({
  columns: {
    payments: {
      claim_id: ['claim id', 'claim', 'claim number', 'claim no', 'patient control number', 'account number', 'encounter id'],
      date: ['date', 'posting date', 'post date', 'payment date', 'deposit date', 'transaction date'],
      amount: ['amount', 'payment amount', 'posted amount', 'transaction amount'],
      type: ['type', 'transaction type', 'payment type', 'posting type'],
      payer_or_patient: ['payer', 'payer name', 'patient', 'payer or patient', 'paid by', 'source'],
      reason_code: ['reason', 'reason code', 'adjustment code', 'adjustment reason'],
      reference: ['check number', 'check no', 'eft number', 'reference', 'check eft number', 'trace number'],
      billing_npi: ['billing npi', 'billing provider npi', 'practice npi', 'group npi'],
    },
    charges: {
      claim_id: ['claim id', 'claim', 'claim number', 'claim no', 'patient control number', 'encounter id'],
      service_date: ['dos', 'date of service', 'service date', 'from date'],
      provider: ['provider', 'rendering provider', 'provider npi', 'rendering npi'],
      payer: ['payer', 'payer name', 'insurance', 'primary insurance'],
      location: ['location', 'facility', 'place of service', 'pos'],
      procedure_code: ['cpt', 'cpt code', 'procedure', 'procedure code', 'hcpcs', 'cpt hcpcs'],
      modifiers: ['modifiers', 'modifier', 'mod'],
      diagnoses: ['icd10', 'icd 10', 'diagnoses', 'diagnosis', 'diagnosis codes', 'dx'],
      units: ['units', 'qty', 'quantity'],
      charge: ['charge', 'charges', 'amount', 'charge amount', 'billed amount'],
      billing_npi: ['billing npi', 'billing provider npi', 'practice npi', 'group npi'],
    },
    payer_profiles: Object.fromEntries(PAYER_PROFILE_FIELDS.map((f) => [f, [f]])),
    fee_schedules: Object.fromEntries(FEE_SCHEDULE_FIELDS.map((f) => [f, [f]])),
    fee_schedule_rules: Object.fromEntries(FEE_SCHEDULE_RULE_FIELDS.map((f) => [f, [f]])),
    appeals: {
      claim_id: ['claim id', 'claim', 'claim number', 'claim no', 'patient control number', 'account number', 'encounter id'],
      appeal_date: ['appeal date', 'date appealed', 'appealed on', 'appeal sent date', 'appeal submitted date'],
      level: ['level', 'appeal level'],
      outcome: ['outcome', 'appeal outcome', 'status', 'appeal status', 'result', 'decision'],
      outcome_date: ['outcome date', 'decision date', 'resolved date', 'appeal outcome date'],
      billing_npi: ['billing npi', 'billing provider npi', 'practice npi', 'group npi'],
    },
  },
  types: {
    'patient payment': 'patient_payment', 'patient pmt': 'patient_payment', copay: 'patient_payment', 'co pay': 'patient_payment', 'pt payment': 'patient_payment',
    'insurance payment': 'insurance_payment', 'ins payment': 'insurance_payment', 'payer payment': 'insurance_payment',
    refund: 'refund', 'patient refund': 'refund', 'insurance refund': 'refund',
    'write off': 'write_off', writeoff: 'write_off', 'bad debt': 'write_off', 'small balance write off': 'write_off',
    transfer: 'transfer', 'balance transfer': 'transfer',
    adjustment: 'adjustment', 'manual adjustment': 'adjustment',
    statement: 'statement', 'patient statement': 'statement', 'statement sent': 'statement', 'patient billed': 'statement',
    patient_payment: 'patient_payment', insurance_payment: 'insurance_payment', write_off: 'write_off',
  },
  dateFormat: 'auto',
});

/** Lower case, punctuation and repeated blanks folded: "Claim #" and "claim_no" compare as "claim" and "claim no". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[#_\-./]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The built-in mapping, with the file's entries put first. */
export function loadMapping(path: string | undefined): CsvMapping {
  if (!path) return DEFAULT_MAPPING;
  let parsed;
  try {
    parsed = mappingSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new Error(`the mapping file ${path} is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const columns = structuredClone(DEFAULT_MAPPING.columns);
  for (const kind of ['payments', 'charges', 'appeals'] as const) {
    for (const [field, names] of Object.entries(parsed[kind]?.columns ?? {})) columns[kind][field] = [...(names as string[]), ...(columns[kind][field] ?? [])];
  }
  const types = { ...DEFAULT_MAPPING.types };
  for (const [name, type] of Object.entries(parsed.payments?.types ?? {})) types[normalizeName(name)] = type;
  return { columns, types, dateFormat: parsed.date_format ?? 'auto', reasons: parsed.payments?.reasons, source: path };
}

/** Which kind of export a header row is, and where each field is; undefined when it is neither. */
export function recognize(header: string[], mapping: CsvMapping): { kind: CsvKind; index: Record<string, number> } | undefined {
  const names = header.map(normalizeName);
  for (const kind of CSV_KINDS) {
    const index: Record<string, number> = {};
    for (const [field, candidates] of Object.entries(mapping.columns[kind])) {
      const at = candidates.map(normalizeName).map((c) => names.indexOf(c)).find((i) => i >= 0);
      if (at !== undefined) index[field] = at;
    }
    if (REQUIRED[kind].every((f) => index[f] !== undefined)) return { kind, index };
  }
  return undefined;
}
