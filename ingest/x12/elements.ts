// Typed access to the elements of one segment, for mappers: money that is not a number rejects the
// file (a wrong amount must never load), other bad values become warnings and load as empty.
import { X12Error, type Warning } from './diagnostics.ts';
import { segmentText, type Segment } from './segment.ts';
import { amountProblem, parseCents, type Cents } from '../../kernel/money.ts';
import { fitsQuantity, parseDate, parseQuantity, QUANTITY_PLACES, storableQuantity } from './values.ts';

export type WarningSink = (warning: Warning) => void;

export class Elements {
  constructor(
    public segment: Segment,
    private readonly file: string,
    private readonly warn: WarningSink,
    private subjectSegment?: number,
  ) {}

  /**
   * Points these elements at another segment. A mapper reading millions of segments keeps one Elements
   * and moves it, rather than making one per segment (the tokenizer reuses its Segment the same way).
   */
  at(segment: Segment, subjectSegment: number | undefined): this {
    this.segment = segment;
    this.subjectSegment = subjectSegment;
    return this;
  }

  name(n: number): string {
    return `${this.segment.id}${String(n).padStart(2, '0')}`;
  }

  /** The element's text, or null when empty or absent. */
  text(n: number): string | null {
    const v = this.segment.element(n);
    return v === '' ? null : v;
  }

  money(n: number, required = false): Cents | null {
    const raw = this.segment.element(n);
    if (raw === '') {
      if (required) this.warning(`${this.name(n)} (a required amount) is empty; loaded as missing`);
      return null;
    }
    return this.parseMoney(raw, n);
  }

  /** Element n's text as money; text that is not an amount rejects the file. */
  parseMoney(raw: string, n: number): Cents {
    const parsed = parseCents(raw);
    if (parsed.ok) return parsed.value;
    throw new X12Error(
      'invalid_amount',
      { file: this.file, segment: this.segment.position, segmentText: segmentText(this.segment) },
      `${this.name(n)} "${raw}" ${amountProblem(parsed.why)}`,
      'Correct the amount in the file (digits, an optional minus and decimal point, at most 13 digits before it and 2 after) and ingest it again. Nothing of this file was loaded.',
    );
  }

  /** A quantity (units, DRG weight): canonical text, to the warehouse's four decimals. */
  quantity(n: number): string | null {
    const raw = this.text(n);
    if (raw === null) return null;
    const parsed = parseQuantity(raw.trim());
    if (!parsed.ok) {
      this.warning(`${this.name(n)} "${raw}" is not a number; loaded as missing`);
      return null;
    }
    if (fitsQuantity(parsed.value)) return parsed.value;
    const storable = storableQuantity(parsed.value);
    if (storable === null) {
      this.warning(`${this.name(n)} "${raw}" has more digits than a quantity holds (14 before the decimal point); loaded as missing`);
      return null;
    }
    if (storable.rounded) this.warning(`${this.name(n)} "${raw}" has more than ${QUANTITY_PLACES} decimals; loaded rounded to ${storable.value}`);
    return storable.value;
  }

  date(n: number): string | null {
    const raw = this.text(n);
    if (raw === null) return null;
    const parsed = parseDate(raw.trim());
    if (!parsed.ok) {
      this.warning(`${this.name(n)} "${raw}" is not a date (CCYYMMDD); loaded as missing`);
      return null;
    }
    return parsed.value;
  }

  /**
   * A DTP period: DTP02 D8 (one date, from = to), RD8 ("CCYYMMDD-CCYYMMDD") or DT (a date and time,
   * CCYYMMDDHHMM: the date is kept); DTP03 the value. TM (a time alone) holds no date.
   */
  period(): [string | null, string | null] {
    const value = this.text(3);
    const format = this.text(2);
    if (value === null || format === 'TM') return [null, null];
    if (format === 'DT' && /^\d{12}$/.test(value)) {
      const parsed = parseDate(value.slice(0, 8));
      if (!parsed.ok) this.warning(`${this.name(3)} "${value}" is not a date and time (CCYYMMDDHHMM); loaded as missing`);
      return parsed.ok ? [parsed.value, parsed.value] : [null, null];
    }
    if (format !== 'RD8') {
      const date = this.date(3);
      return [date, date];
    }
    const [from, to] = value.split('-').map((part) => {
      const parsed = parseDate(part);
      return parsed.ok ? parsed.value : null;
    });
    if (from === null || (to === null && value.includes('-'))) this.warning(`${this.name(3)} "${value}" is not a date range (CCYYMMDD-CCYYMMDD); loaded as missing`);
    else if (!value.includes('-')) this.warning(`${this.name(3)} "${value}" is one date where RD8 asks for a range (CCYYMMDD-CCYYMMDD); read as that one day`);
    return [from ?? null, to === undefined ? (from ?? null) : to];
  }

  /** A composite element split into its components ([] when the element is empty). */
  composite(n: number, mismatch: { onMismatch(used: string, segment: Segment): void }): string[] {
    const value = this.text(n);
    return value === null ? [] : splitComposite(value, this.segment, mismatch);
  }

  warning(message: string, code: Warning['code'] = 'invalid_value'): void {
    this.warn({
      code,
      message,
      file: this.file,
      segment: this.segment.position,
      segmentText: segmentText(this.segment),
      subjectSegment: this.subjectSegment,
    });
  }
}

/**
 * Splits a composite element. Some senders declare one component separator in ISA16 and use another
 * (LinuxForHealth samples: ":" declared, "HC>12345" sent; an outside 837: ">" declared, "ABK:R69" and
 * pointers "2:1" sent); a qualifier or number of one to three characters followed by a punctuation mark
 * is read with that mark, and a warning says so.
 */
export function splitComposite(value: string, segment: Segment, mismatch: { onMismatch(used: string, segment: Segment): void }): string[] {
  const { component, element } = segment.separators;
  const first = value.indexOf(component);
  if (first >= 0) return splitAt(value, component, first);
  const m = COMPOSITE_WITH_OTHER_SEPARATOR.exec(value);
  if (m && m[1] !== element) {
    mismatch.onMismatch(m[1], segment);
    return value.split(m[1]);
  }
  return [value];
}

/**
 * The modifiers of a procedure composite (SVC01, SV101, SV202: components 3 to 6) in their positions:
 * `HC:99213::59` has no first modifier and 59 second, and position matters to payers (the first prices).
 * An empty position is null; empty positions after the last modifier are dropped.
 */
export function procedureModifiers(parts: readonly string[]): (string | null)[] {
  let end = Math.min(parts.length, 6);
  while (end > 2 && parts[end - 1] === '') end--;
  const modifiers: (string | null)[] = [];
  for (let i = 2; i < end; i++) modifiers.push(parts[i] === '' ? null : parts[i]);
  return modifiers;
}

/** value.split(separator), knowing where the first one is. */
function splitAt(value: string, separator: string, first: number): string[] {
  const parts = [value.slice(0, first)];
  let from = first + 1;
  for (let at = value.indexOf(separator, from); at >= 0; at = value.indexOf(separator, from)) {
    parts.push(value.slice(from, at));
    from = at + 1;
  }
  parts.push(value.slice(from));
  return parts;
}

/** Says once (per transaction set) that composites use another separator than ISA16 declares. */
export class SeparatorMismatch {
  private warned = false;

  constructor(
    private readonly file: string,
    private readonly warn: WarningSink,
  ) {}

  onMismatch(used: string, segment: Segment): void {
    if (this.warned) return;
    this.warned = true;
    new Elements(segment, this.file, this.warn).warning(`composites use "${used}" but ISA16 declares "${segment.separators.component}"; read with "${used}"`, 'separator_mismatch');
  }
}

const COMPOSITE_WITH_OTHER_SEPARATOR = /^[A-Z0-9]{1,3}([^A-Za-z0-9 .\-])/;
