// Ingest: batches, files, warnings and rejected files.
// Under construction: the title and what the page will show.
import { underConstruction, type PageContext } from '../page.ts';

export function render(container: HTMLElement, _context: PageContext): void {
  underConstruction(container, 'Ingest', 'the ingest batches, their files, warnings and rejected files with their messages.');
}
