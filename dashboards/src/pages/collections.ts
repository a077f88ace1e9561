// Collections: payments by month and kind, net and gross collection rate, by provider and location.
// Under construction: the title and what the page will show.
import { underConstruction, type PageContext } from '../page.ts';

export function render(container: HTMLElement, _context: PageContext): void {
  underConstruction(container, 'Collections', 'payments by month split insurance / patient / refunds / PLB, net and gross collection rate, payments by provider and location.');
}
