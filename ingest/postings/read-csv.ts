// Reads a practice-management export (payment postings, charges or an appeal log), or a payer-profile,
// fee-schedule or fee-schedule-rule file, row by row. A
// row that cannot be read (no claim id, a date or amount that is not one, an unknown posting type, days
// that are not a whole number, an appeal level or outcome rcm does not know) is reported with its line
// number and raw text; the other rows still load. A fee-schedule row needs a price above zero and dates in
// order; a rule, a percentage above zero and a base payer other than its own.
// Every export row gets a key made of its content (and its place among identical rows of the file), so
// that loading a corrected file again adds only what is new; a profile or fee-schedule file needs none,
// since the file loaded last gives each payer its limits and its prices.
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { X12Error } from '../x12/diagnostics.ts';
import { amountProblem, parseCents, type Cents } from '../../kernel/money.ts';
import { fitsQuantity, parseQuantity, QUANTITY_PLACES } from '../x12/values.ts';
import { APPEAL_OUTCOME_WORDS, recognize, normalizeName, type AppealOutcome, type CsvKind, type CsvMapping, type DateFormat, type PostingType } from './csv-mapping.ts';

export interface PaymentPosting {
  line: number;
  rowKey: string;
  claimId: string;
  date: string;
  amount: Cents;
  type: PostingType;
  payerOrPatient: string | null;
  reasonCode: string | null;
  reference: string | null;
  /** The practice the claim belongs to, when the export says. */
  billingNpi: string | null;
}

export interface ChargeRow {
  line: number;
  rowKey: string;
  claimId: string;
  serviceDate: string;
  provider: string | null;
  payer: string | null;
  location: string | null;
  procedureCode: string;
  modifiers: string[];
  diagnoses: string[];
  units: string;
  charge: Cents;
  /** The practice the visit belongs to, when the export says. */
  billingNpi: string | null;
}

/** A payer's own limits and display name, from a payer-profile file. */
export interface PayerProfileRow {
  line: number;
  payerId: string;
  payerName: string | null;
  timelyFilingDays: number;
  appealDays: number;
  /** null: the payer class's default. */
  followUpDays: number | null;
}

/** A payer's allowed amount per unit for a procedure code over a date range, from a fee-schedule file. */
export interface FeeScheduleRow {
  line: number;
  payerId: string;
  procedureCode: string;
  /** null: any modifier. */
  modifier: string | null;
  effectiveFrom: string;
  /** null: open-ended. */
  effectiveTo: string | null;
  allowed: Cents;
}

/** A payer priced at a percentage of another payer's fee schedule, from a fee-schedule-rule file. */
export interface FeeScheduleRuleRow {
  line: number;
  payerId: string;
  basePayerId: string;
  /** A decimal with at most two places, above zero. */
  percent: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** null: every code of the base payer's schedule. */
  procedureCode: string | null;
}

/** One appeal of a claim at one level, from an appeal log. */
export interface AppealRow {
  line: number;
  claimId: string;
  appealDate: string;
  /** 1 (first level) to 5. */
  level: number;
  outcome: AppealOutcome;
  outcomeDate: string | null;
  billingNpi: string | null;
}

export interface RowError {
  file: string;
  line: number;
  raw: string;
  message: string;
  hint: string;
  /** The claim and the practice the row names, as read (the row error is shown to that practice's users). */
  claimId: string | null;
  billingNpi: string | null;
}

export interface CsvSink {
  payment(row: PaymentPosting): void;
  charge(row: ChargeRow): void;
  payerProfile(row: PayerProfileRow): void;
  feeSchedule(row: FeeScheduleRow): void;
  feeScheduleRule(row: FeeScheduleRuleRow): void;
  appeal(row: AppealRow): void;
  rowError(error: RowError): void;
}

class RowProblem extends Error {}

const HINT: Record<CsvKind, string> = {
  payments: 'Correct the row in the export and ingest the file again: rows already loaded are not loaded twice.',
  charges: 'Correct the row in the export and ingest the file again: rows already loaded are not loaded twice.',
  payer_profiles: 'Correct the row and ingest the file again: the file loaded last gives each payer its limits.',
  fee_schedules: 'Correct the row and ingest the file again: its rows replace the earlier prices of their payer, code and modifier over their dates.',
  fee_schedule_rules: 'Correct the row and ingest the file again: its rules replace the earlier rules of their payer and code over their dates.',
  appeals: 'Correct the row and ingest the log again: for each claim and level, the row of the log loaded last counts.',
};

/**
 * The longest row read: far beyond any export's row, and what keeps a malformed file (a field that never
 * ends) from being held in memory whole.
 */
export const MAX_ROW_BYTES = 1024 * 1024;

export async function readCsvFile(path: string, name: string, mapping: CsvMapping, sink: CsvSink, onBytes?: (n: number) => void): Promise<{ kind: CsvKind; rows: number; errors: number }> {
  const input = createReadStream(path);
  if (onBytes) input.on('data', (chunk) => onBytes(chunk.length));
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, raw: true, max_record_size: MAX_ROW_BYTES }));
  let recognized: ReturnType<typeof recognize>;
  const seen = new Map<string, number>();
  let rows = 0;
  let errors = 0;
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      if (!recognized) {
        recognized = recognize(record, mapping);
        if (!recognized) throw unrecognized(name, raw);
        continue;
      }
      const { kind, index } = recognized;
      const field = (f: string) => (index[f] === undefined ? '' : (record[index[f]] ?? '').trim());
      try {
        if (kind === 'payments') sink.payment(paymentRow(field, mapping, info.lines, rowKey(kind, record, seen)));
        else if (kind === 'charges') sink.charge(chargeRow(field, mapping.dateFormat, info.lines, rowKey(kind, record, seen)));
        else if (kind === 'appeals') sink.appeal(appealRow(field, mapping.dateFormat, info.lines));
        else if (kind === 'fee_schedules') sink.feeSchedule(feeScheduleRow(field, mapping.dateFormat, info.lines));
        else if (kind === 'fee_schedule_rules') sink.feeScheduleRule(feeScheduleRuleRow(field, mapping.dateFormat, info.lines));
        else sink.payerProfile(payerProfileRow(field, info.lines));
        rows++;
      } catch (problem) {
        if (!(problem instanceof RowProblem)) throw problem;
        errors++;
        sink.rowError({ file: name, line: info.lines, raw: raw.replace(/[\r\n]+$/, ''), message: `${name}, line ${info.lines}: ${problem.message}`, hint: HINT[kind],
          claimId: field('claim_id') || null, billingNpi: field('billing_npi') || null });
      }
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new X12Error('structure', { file: name, segment: line }, `line ${line ?? '?'} runs past ${MAX_ROW_BYTES / 1024 / 1024} MB without ending: no export's row is that long`,
        'Check the quoting of the export (an unclosed quote swallows the rest of the file) and ingest it again.');
    }
    if (error instanceof CsvError && !recognized) throw unrecognized(name, '');
    if (error instanceof CsvError) {
      throw new X12Error('structure', { file: name, segment: (error as CsvError & { lines?: number }).lines }, `the CSV cannot be read: ${error.message}`, 'Check the quoting of the export (an unclosed quote swallows the rest of the file) and ingest it again.');
    }
    throw error;
  }
  if (!recognized) throw new X12Error('empty_file', { file: name }, 'the CSV file has no header row', 'Check that the export finished.');
  return { kind: recognized.kind, rows, errors };
}

function unrecognized(name: string, header: string): X12Error {
  return new X12Error('unrecognized_file', { file: name, segment: 1, segmentText: header.trim().slice(0, 200) || undefined },
    'the file is neither X12 nor a CSV rcm recognises: its header has no columns for claim id, date, amount and type (payment postings), for claim id, date of service, procedure and charge (charges), for claim id, appeal date, level and outcome (appeal logs), or payer_id,payer_name,timely_filing_days,appeal_days,follow_up_days (payer profiles), payer_id,procedure_code,modifier,effective_from,effective_to,allowed (fee schedules) or payer_id,base_payer_id,percent,effective_from,effective_to[,procedure_code] (fee-schedule rules)',
    'Name your columns in a mapping file and pass it with --mapping (see docs/x12-and-csv.md), or point rcm ingest at X12 files.');
}

function rowKey(kind: CsvKind, record: string[], seen: Map<string, number>): string {
  // one-shot hash: a Hash object per row had cost more than parsing the row (charges: 1.9 s of 17)
  const content = hash('sha256', `${kind}\u0000${record.map((v) => v.trim()).join('\u0001')}`).slice(0, 32);
  const occurrence = (seen.get(content) ?? 0) + 1;
  seen.set(content, occurrence);
  return `${content}#${occurrence}`;
}

function paymentRow(field: (f: string) => string, mapping: CsvMapping, line: number, rowKey: string): PaymentPosting {
  const claimId = required(field('claim_id'), 'claim id');
  const rawType = field('type');
  const type = mapping.types[normalizeName(rawType)];
  if (!type) throw new RowProblem(`posting type "${rawType}" is not one rcm knows (map it in the mapping file's payments.types)`);
  return {
    line, rowKey, claimId, type,
    date: date(field('date'), mapping.dateFormat),
    amount: amount(field('amount')),
    payerOrPatient: field('payer_or_patient') || null,
    reasonCode: field('reason_code') || null,
    reference: field('reference') || null,
    billingNpi: field('billing_npi') || null,
  };
}

function chargeRow(field: (f: string) => string, format: DateFormat, line: number, rowKey: string): ChargeRow {
  const units = field('units');
  const parsedUnits = units === '' ? { ok: true as const, value: '1' } : parseQuantity(units);
  if (!parsedUnits.ok) throw new RowProblem(`units "${units}" is not a number`);
  if (!fitsQuantity(parsedUnits.value)) throw new RowProblem(`units "${units}" has more than ${QUANTITY_PLACES} decimals or 14 digits`);
  return {
    line, rowKey,
    claimId: required(field('claim_id'), 'claim id'),
    serviceDate: date(field('service_date'), format),
    provider: field('provider') || null,
    payer: field('payer') || null,
    location: field('location') || null,
    procedureCode: required(field('procedure_code'), 'procedure code'),
    modifiers: list(field('modifiers')).slice(0, 4),
    diagnoses: list(field('diagnoses')),
    units: parsedUnits.value,
    charge: amount(field('charge')),
    billingNpi: field('billing_npi') || null,
  };
}

function payerProfileRow(field: (f: string) => string, line: number): PayerProfileRow {
  const followUp = field('follow_up_days');
  return {
    line,
    payerId: required(field('payer_id'), 'payer id'),
    payerName: field('payer_name') || null,
    timelyFilingDays: days(field('timely_filing_days'), 'timely_filing_days'),
    appealDays: days(field('appeal_days'), 'appeal_days'),
    followUpDays: followUp === '' ? null : days(followUp, 'follow_up_days'),
  };
}

/** A CPT or HCPCS code as 835 and 837 lines carry it: five letters or digits, upper case. */
function procedureCode(text: string): string {
  if (text === '') throw new RowProblem('the procedure code is missing');
  if (!/^[A-Za-z0-9]{5}$/.test(text)) throw new RowProblem(`procedure code "${text}" is not a CPT or HCPCS code (five letters or digits)`);
  return text.toUpperCase();
}

/** An effective date range: a start, and an end on or after it (empty: open-ended). */
function effectiveDates(field: (f: string) => string, format: DateFormat): { effectiveFrom: string; effectiveTo: string | null } {
  const effectiveFrom = date(required(field('effective_from'), 'effective_from date'), format);
  const effectiveTo = field('effective_to') === '' ? null : date(field('effective_to'), format);
  if (effectiveTo !== null && effectiveTo < effectiveFrom) throw new RowProblem(`effective_to ${effectiveTo} is before effective_from ${effectiveFrom}`);
  return { effectiveFrom, effectiveTo };
}

function feeScheduleRow(field: (f: string) => string, format: DateFormat, line: number): FeeScheduleRow {
  const modifier = field('modifier');
  if (modifier !== '' && !/^[A-Za-z0-9]{2}$/.test(modifier)) throw new RowProblem(`modifier "${modifier}" is not a modifier (two letters or digits; empty: any modifier)`);
  const allowed = amount(required(field('allowed'), 'allowed amount'));
  if (allowed <= 0) throw new RowProblem(`the allowed amount "${field('allowed')}" is not above zero`);
  return {
    line,
    payerId: required(field('payer_id'), 'payer id'),
    procedureCode: procedureCode(field('procedure_code')),
    modifier: modifier === '' ? null : modifier.toUpperCase(),
    ...effectiveDates(field, format),
    allowed,
  };
}

/** The largest percentage a rule may set: ten times the base schedule. */
const MAX_PERCENT = 1000;

function feeScheduleRuleRow(field: (f: string) => string, format: DateFormat, line: number): FeeScheduleRuleRow {
  const payerId = required(field('payer_id'), 'payer id');
  const basePayerId = required(field('base_payer_id'), 'base payer id');
  if (basePayerId === payerId) throw new RowProblem(`the rule prices ${payerId} at its own schedule: name another payer as base_payer_id`);
  const percent = required(field('percent'), 'percent').replace(/\s*%$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(percent) || Number(percent) <= 0 || Number(percent) > MAX_PERCENT) {
    throw new RowProblem(`percent "${field('percent')}" is not a percentage above 0 and up to ${MAX_PERCENT} with two decimals at most`);
  }
  const code = field('procedure_code');
  return { line, payerId, basePayerId, percent, ...effectiveDates(field, format), procedureCode: code === '' ? null : procedureCode(code) };
}

const LEVEL_WORDS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, redetermination: 1, reconsideration: 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
};

/** An appeal level: 1 to 5, as a digit, "level 2", "L2" or a word (first, 2nd, redetermination…). */
function appealLevel(text: string): number {
  const word = normalizeName(text).replace(/^(level|lvl|l)\s*/, '');
  const level = /^[1-5]$/.test(word) ? +word : LEVEL_WORDS[word];
  if (text === '') throw new RowProblem('the appeal level is missing');
  if (level === undefined) throw new RowProblem(`appeal level "${text}" is not one of 1 to 5 (1: the first level, a redetermination or reconsideration)`);
  return level;
}

function appealRow(field: (f: string) => string, format: DateFormat, line: number): AppealRow {
  const rawOutcome = field('outcome');
  const outcome = APPEAL_OUTCOME_WORDS[normalizeName(rawOutcome)];
  if (!outcome) throw new RowProblem(`appeal outcome "${rawOutcome}" is not one rcm knows (pending, overturned, partially_overturned, upheld, withdrawn)`);
  const appealDate = date(required(field('appeal_date'), 'appeal date'), format);
  const outcomeDate = field('outcome_date') === '' ? null : date(field('outcome_date'), format);
  if (outcomeDate !== null && outcomeDate < appealDate) throw new RowProblem(`the outcome date ${outcomeDate} is before the appeal date ${appealDate}`);
  return {
    line,
    claimId: required(field('claim_id'), 'claim id'),
    appealDate,
    level: appealLevel(field('level')),
    outcome,
    outcomeDate,
    billingNpi: field('billing_npi') || null,
  };
}

/** The longest limit a profile may set: ten years, past any payer's. */
const MAX_DAYS = 3650;

/** A number of days: a whole number from 1 to MAX_DAYS. */
function days(text: string, column: string): number {
  if (text === '') throw new RowProblem(`${column} is missing`);
  if (!/^\d+$/.test(text) || +text < 1 || +text > MAX_DAYS) throw new RowProblem(`${column} "${text}" is not a whole number of days from 1 to ${MAX_DAYS}`);
  return +text;
}

function required(value: string, what: string): string {
  if (value === '') throw new RowProblem(`the ${what} is missing`);
  return value;
}

function list(value: string): string[] {
  return value.split(/[\s,;|]+/).map((v) => v.trim()).filter(Boolean);
}

/** "$1,234.56", "-12.00" and "(12.00)" (negative) to cents. */
export function amount(text: string): Cents {
  const negative = /^\(.*\)$/.test(text);
  const cleaned = text.replace(/[()$,\s]/g, '');
  const parsed = parseCents(cleaned);
  if (parsed.ok && text !== '') return negative ? -parsed.value : parsed.value;
  throw new RowProblem(`amount "${text}" ${amountProblem(parsed.ok ? undefined : parsed.why)}`);
}

/** A date in the mapping's format; "auto" reads YYYY-MM-DD, YYYYMMDD and the US MM/DD/YYYY. */
export function date(text: string, format: DateFormat): string {
  let m: RegExpExecArray | null;
  let y: number | undefined, mo: number | undefined, d: number | undefined;
  if ((format === 'auto' || format === 'YYYY-MM-DD') && (m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((format === 'auto' || format === 'YYYYMMDD') && (m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((format === 'auto' || format === 'MM/DD/YYYY') && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [mo, d, y] = [+m[1], +m[2], +m[3]];
  else if (format === 'DD/MM/YYYY' && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [d, mo, y] = [+m[1], +m[2], +m[3]];
  if (y === undefined || mo === undefined || d === undefined) throw new RowProblem(`date "${text}" is not a date (${format === 'auto' ? 'YYYY-MM-DD or MM/DD/YYYY' : format})`);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw new RowProblem(`date "${text}" does not exist`);
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
