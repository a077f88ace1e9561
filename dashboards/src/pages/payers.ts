// Payers: a scorecard per payer.
// Under construction: the title and what the page will show.
import { underConstruction, type PageContext } from '../page.ts';

export function render(container: HTMLElement, _context: PageContext): void {
  underConstruction(container, 'Payers', 'a scorecard per payer: volume, paid, denial rate, first-pass yield, median and p90 payer lag, net collection rate.');
}
