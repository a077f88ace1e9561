// A/R: aging buckets by payer, payer vs patient A/R, credit balances, drill into the claims of any bar.
// Under construction: the title and what the page will show.
import { underConstruction, type PageContext } from '../page.ts';

export function render(container: HTMLElement, _context: PageContext): void {
  underConstruction(container, 'A/R', 'aging buckets by payer (stacked bars), payer and patient A/R, credit balances, and the claims behind any bar.');
}
