// The one CSV writer of the workbench (API exports, report packages). A cell that a spreadsheet would run as
// a formula (it starts with =, +, -, @, a tab or a carriage return, as a patient name taken from an 835 may:
// "=HYPERLINK(…)") is written with a leading apostrophe, as OWASP's CSV-injection guidance recommends, so
// that the spreadsheet shows it as text. A plain number ("-12.30", "+5") stays a number.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A cell's text as it is safe to hand to a spreadsheet. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Rows of cell texts (the first usually the header) as CSV: every cell neutralized, lines ended by \n. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(neutralizeCell)), { record_delimiter: '\n' });
}
