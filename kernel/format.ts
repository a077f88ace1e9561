// The one place numbers and dates are formatted for people: money ($1,234.56), percent (12.3%), days
// (41.2 days), counts (1,234) and dates (Jun 30, 2025). Pages, tables, charts and the browser tests use
// these, so a number reads the same wherever it is shown. Pure: runs in the browser and in Node.

/** The units of the metrics API (`unit` of each metric). */
export type Unit = 'dollars' | 'ratio' | 'days' | 'count';

/** What is shown where there is no number. */
export const MISSING = '—';
const MINUS = '−';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' });

type Amount = number | string | null | undefined;

const missing = (v: Amount): v is null | undefined | '' => v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));

/** Money in dollars; exact decimal strings (the API's money columns) are formatted without a float. */
export function formatMoney(v: Amount): string {
  if (missing(v)) return MISSING;
  // Intl formats a decimal string exactly (Intl.NumberFormat v3); the cast is for TypeScript's ES2022 lib.
  return money.format(v as number).replace('-', MINUS);
}

/** A fraction as a percentage with one decimal: 0.1234 → 12.3%. */
export function formatPercent(v: Amount): string {
  if (missing(v)) return MISSING;
  return `${oneDecimal.format(Number(v) * 100).replace('-', MINUS)}%`;
}

export function formatDays(v: Amount): string {
  if (missing(v)) return MISSING;
  return `${oneDecimal.format(Number(v)).replace('-', MINUS)} days`;
}

export function formatCount(v: Amount): string {
  if (missing(v)) return MISSING;
  return whole.format(Number(v)).replace('-', MINUS);
}

/** An ISO date (2025-06-30) as Jun 30, 2025. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

/** A month key (2025-06) as Jun 2025. */
export function formatMonth(key: string | null | undefined): string {
  if (!key) return MISSING;
  const d = new Date(`${key.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? key : month.format(d);
}

/** A metric's value in its unit. */
export function formatValue(unit: Unit | string, v: Amount): string {
  switch (unit) {
    case 'dollars': return formatMoney(v);
    case 'ratio': return formatPercent(v);
    case 'days': return formatDays(v);
    default: return formatCount(v);
  }
}

/** A change between two values of a unit: rates in percentage points, the rest in their own unit, signed. */
export function formatChange(unit: Unit | string, delta: number | null | undefined): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return MISSING;
  const sign = delta > 0 ? '+' : delta < 0 ? MINUS : '±';
  const size = Math.abs(delta);
  switch (unit) {
    case 'ratio': return `${sign}${oneDecimal.format(size * 100)} pts`;
    case 'days': return `${sign}${oneDecimal.format(size)} days`;
    case 'dollars': return `${sign}${money.format(size)}`;
    default: return `${sign}${whole.format(size)}`;
  }
}

/** A table cell by the column type of the API's table answers (text, date, money, int, bool, list). */
export function formatCell(type: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'money': return formatMoney(v as string);
    case 'int': return formatCount(v as number);
    case 'date': return String(v);
    case 'bool': return v ? 'yes' : 'no';
    case 'list': return Array.isArray(v) ? v.join(' ') : String(v);
    default: return String(v);
  }
}
