// Marks that open something: a render transform for Plot that makes each drawn rect of a mark a button
// (click, Enter or Space), named for screen readers, the chosen one outlined and the others faded. Shared
// by the charts whose bars lead to the claims behind them.
import type * as Plot from '@observablehq/plot';
import { ROLE } from '../../../kernel/palette.ts';

export interface MarkButtons<T> {
  /** The mark's data, as passed to it (Plot's index points into it). */
  data: readonly T[];
  /** What a mark is, for screen readers (and tips). */
  describe: (d: T) => string;
  /** Called when a mark is chosen; without it the marks are only named. */
  onSelect?: (d: T) => void;
  /** The chosen mark, if any: outlined, the others faded. */
  isSelected?: (d: T) => boolean;
  /** data-* attributes for each mark (tests and styles find a bar by them). */
  dataset?: (d: T) => Record<string, string>;
}

export function markButtons<T>(options: MarkButtons<T>): Plot.RenderFunction {
  const { data, describe, onSelect, isSelected, dataset } = options;
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context)!;
    const anySelected = !!isSelected && data.some(isSelected);
    g.querySelectorAll('rect').forEach((rect, i) => {
      const d = data[index[i]];
      Object.assign(rect.dataset, dataset?.(d) ?? {});
      rect.setAttribute('aria-label', onSelect ? `${describe(d)}; show these claims` : describe(d));
      if (isSelected?.(d)) {
        rect.setAttribute('stroke', ROLE.ink);
        rect.setAttribute('stroke-width', '2.5');
        rect.dataset.selected = 'true';
      } else if (anySelected) {
        rect.setAttribute('fill-opacity', '0.45');
      }
      if (!onSelect) return;
      rect.setAttribute('role', 'button');
      rect.setAttribute('tabindex', '0');
      rect.style.cursor = 'pointer';
      rect.addEventListener('click', () => onSelect(d));
      rect.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onSelect(d);
      });
    });
    return g;
  };
}
