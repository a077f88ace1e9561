// A tiny X12 builder for the demo's files: segments from element lists, transaction sets that count
// their own segments for SE01, and the fixed-width ISA envelope. Separators are fixed: element "*",
// component ":", repetition "^", segment "~" followed by a newline (readable, and every reader accepts it).
import { formatCents } from '../../kernel/money.ts';
import type { Cents, IsoDate } from '../model.ts';

export const ELEMENT = '*';
export const COMPONENT = ':';
export const REPETITION = '^';
export const TERMINATOR = '~\n';

/** An element: text, a count, a composite (its components), or nothing (written empty). */
export type Element = string | number | readonly (string | number | undefined)[] | undefined | null;

/** Envelope numbers and time of one file; the time keeps two files of one day apart (HHMM, default 1200). */
export interface FileControl {
  interchange: number;
  group: number;
  time?: string;
}

const DELIMITERS = /[*:^~\r\n]/;

/** A value as one element's text; data that holds a delimiter would break the file, so it is refused. */
function text(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  if (DELIMITERS.test(s)) throw new Error(`"${s}" holds an X12 delimiter (* : ^ ~ or a line break) and cannot be written as an element`);
  return s;
}

function dropTrailingEmpty(values: string[]): string[] {
  let n = values.length;
  while (n > 0 && values[n - 1] === '') n--;
  return values.slice(0, n);
}

/** One segment's text, without its terminator. Trailing empty elements (and components) are dropped, as X12 requires. */
export function segment(id: string, ...elements: Element[]): string {
  const values = elements.map((e) => (Array.isArray(e) ? dropTrailingEmpty(e.map(text)).join(COMPONENT) : text(e as string | number | undefined | null)));
  return [id, ...dropTrailingEmpty(values)].join(ELEMENT);
}

/** Money as X12 writes it: "123.45", "-12.00". */
export function money(cents: Cents): string {
  if (!Number.isInteger(cents)) throw new Error(`amount ${cents} is not a whole number of cents`);
  return formatCents(cents);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** D8: CCYYMMDD. */
export function date8(iso: IsoDate): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** ISA09: YYMMDD. */
export function date6(iso: IsoDate): string {
  return date8(iso).slice(2);
}

/** HHMM from "HHMM" or "HH:MM". */
export function time4(time = '1200'): string {
  const m = /^([01]\d|2[0-3]):?([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`"${time}" is not a time (HHMM or HH:MM)`);
  return `${m[1]}${m[2]}`;
}

/** ST02 of the n-th transaction set of a file (1-based): 0001, 0002, … */
export function setControlNumber(n: number): string {
  return String(n).padStart(4, '0');
}

/** One ST…SE transaction set; SE01 counts the segments from ST to SE. */
export class TransactionSet {
  private readonly segments: string[] = [];

  constructor(
    readonly type: string,
    readonly controlNumber: string,
    implementationReference?: string,
  ) {
    if (!/^\d{4,9}$/.test(controlNumber)) throw new Error(`ST02 "${controlNumber}" must be 4 to 9 digits`);
    this.add('ST', type, controlNumber, implementationReference);
  }

  add(id: string, ...elements: Element[]): this {
    this.segments.push(segment(id, ...elements));
    return this;
  }

  /** The segments with SE appended. */
  close(): string[] {
    return [...this.segments, segment('SE', this.segments.length + 1, this.controlNumber)];
  }
}

export interface Envelope {
  /** ISA06 / GS02. */
  sender: string;
  /** ISA08 / GS03. */
  receiver: string;
  /** GS01: HC 837, FA 999, HN 277, HP 835. */
  functionalId: string;
  /** GS08, e.g. 005010X222A1. */
  version: string;
  date: IsoDate;
  control: FileControl;
}

function pad(value: string, width: number, what: string): string {
  if (value.length > width) throw new Error(`${what} "${value}" is longer than ${width} characters`);
  return value.padEnd(width, ' ');
}

/** ISA: every element at its fixed width, 106 characters with the terminator. */
function isa(e: Envelope): string {
  const n = e.control.interchange;
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) throw new Error(`interchange control number ${n} must be 1 to 999999999`);
  return [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    'ZZ', pad(text(e.sender), 15, 'ISA06 sender'), 'ZZ', pad(text(e.receiver), 15, 'ISA08 receiver'),
    date6(e.date), time4(e.control.time), REPETITION, '00501', String(n).padStart(9, '0'), '0', 'P', COMPONENT,
  ].join(ELEMENT);
}

/** A whole file: one interchange with one functional group holding the transaction sets. */
export function interchange(e: Envelope, sets: readonly string[][]): string {
  const group = e.control.group;
  if (!Number.isInteger(group) || group < 1 || group > 999_999_999) throw new Error(`group control number ${group} must be 1 to 999999999`);
  const segments = [
    isa(e),
    segment('GS', e.functionalId, e.sender, e.receiver, date8(e.date), time4(e.control.time), group, 'X', e.version),
    ...sets.flat(),
    segment('GE', sets.length, group),
    segment('IEA', 1, String(e.control.interchange).padStart(9, '0')),
  ];
  return segments.map((s) => s + TERMINATOR).join('');
}

/** The lookups every writer needs, failing loudly on an id the practice does not have. */
export function find<T>(items: readonly T[], match: (item: T) => boolean, what: string): T {
  const found = items.find(match);
  if (found === undefined) throw new Error(`${what} is not in the practice`);
  return found;
}
