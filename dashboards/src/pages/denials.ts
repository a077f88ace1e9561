// Denials: trend by category, category × payer heatmap, the pattern finder, drill to CPT × modifier × diagnosis × provider and to the claims.
// Under construction: the title and what the page will show.
import { underConstruction, type PageContext } from '../page.ts';

export function render(container: HTMLElement, _context: PageContext): void {
  underConstruction(container, 'Denials', 'the denial trend by category, a category × payer heatmap by count and dollars, the pattern finder’s top combinations, and the drill from any cell down to the claims and their 835 lines.');
}
