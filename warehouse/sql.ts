// Values written into SQL text, for the few statements that cannot bind a parameter (a model's or metric's
// generated query): a string as a quoted literal, an ISO date as a DATE literal.
import { isIsoDate } from '../kernel/dates.ts';

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A date as a SQL literal; only ISO dates get here. */
export function dateLiteral(date: string): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return `DATE '${date}'`;
}
