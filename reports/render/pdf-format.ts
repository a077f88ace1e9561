// How the PDF writes a number for a reader: through the dashboards' formatting module (money $1,234.56 from
// exact cents, percent 12.3%, days, counts, signed changes), so a number reads the same in the PDF as on the
// screen. Money goes in as the exact decimal text of its cents, never through a float.
import { formatCents } from '../../kernel/money.ts';
import { MISSING, formatChange, formatCount, formatDays, formatMoney, formatMonth, formatPercent } from '../../kernel/format.ts';
import type { Cell, Format } from '../table.ts';

export { MISSING, formatMonth };

const MINUS = '−';

/** Cents as dollars: $1,234.56 (−$12.00 below zero). */
export function moneyText(cents: number): string {
  return formatMoney(formatCents(cents));
}

/** A cell in its format; a change carries its sign (rates in percentage points). */
export function cellDisplay(value: Cell, format: Format, change = false): string {
  if (value === null) return format === 'text' ? '' : MISSING;
  if (typeof value === 'string' || format === 'text') return String(value);
  switch (format) {
    case 'money': {
      if (!change) return moneyText(value);
      const sign = value > 0 ? '+' : value < 0 ? MINUS : '±';
      return `${sign}${moneyText(Math.abs(value))}`;
    }
    case 'ratio': return change ? formatChange('ratio', value) : formatPercent(value);
    case 'days': return change ? formatChange('days', value) : formatDays(value);
    case 'count': return change ? formatChange('count', value) : formatCount(value);
  }
}

const compactMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** An axis tick in a unit: money compact ($12.5K, from dollars), rates as whole percents, days and counts plain. */
export function tickText(format: Exclude<Format, 'text'>, value: number): string {
  switch (format) {
    case 'money': return compactMoney.format(value).replace('-', MINUS);
    case 'ratio': return `${Math.round(value * 100)}%`;
    default: return formatCount(value);
  }
}
