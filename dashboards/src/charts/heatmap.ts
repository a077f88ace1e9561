// A heatmap of rows × columns (denial category or CARC × payer): each cell coloured on the sequential
// colour-blind-safe scheme and labelled with its value as text, so no number is told by colour alone.
// Cells are buttons: click or Enter calls onSelect with the cell (the page drills into it). A pure
// function of (cells, options) → element; every cell carries data-row / data-column for the tests.
import * as Plot from '@observablehq/plot';
import { INTENSITY_SCHEME } from '../../../kernel/palette.ts';

export interface HeatmapCell {
  row: string;
  column: string;
  /** What the colour and the label show (null: nothing to show, drawn as an empty cell). */
  value: number | null;
  /** The cell's sentence for screen readers and the hover tip, e.g. "authorization × NWPPO: 3 claims denied ($4,400.00)". */
  description: string;
}

export interface HeatmapOptions {
  rows: readonly string[];
  columns: readonly string[];
  /** The row and column labels shown (default: the keys). */
  rowLabel?: (row: string) => string;
  columnLabel?: (column: string) => string;
  /** How a value is written in its cell (format.ts). */
  format: (value: number) => string;
  /** What the chart shows, for screen readers. */
  label: string;
  /** Rows and columns drawn apart (totals): not coloured on the scale, which they would flatten. */
  totalRows?: readonly string[];
  totalColumns?: readonly string[];
  selected?: { row: string; column: string } | null;
  onSelect?: (cell: HeatmapCell) => void;
  document?: Document;
}

const EMPTY_FILL = '#eef1f4';
const TOTAL_FILL = '#dfe5ec';

function markCell(element: Element, selected: boolean): void {
  if (selected) {
    element.setAttribute('stroke', '#000000');
    element.setAttribute('stroke-width', '3');
    element.setAttribute('aria-pressed', 'true');
  } else {
    for (const name of ['stroke', 'stroke-width', 'aria-pressed']) element.removeAttribute(name);
  }
}

/** Moves the selection of a drawn heatmap to another cell (or none) without drawing it again. */
export function selectCell(chart: Element, selected: { row: string; column: string } | null): void {
  for (const rect of chart.querySelectorAll<SVGElement>('rect[data-row]')) {
    markCell(rect, selected !== null && rect.dataset.row === selected.row && rect.dataset.column === selected.column);
  }
}

export function heatmap(cells: readonly HeatmapCell[], options: HeatmapOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const totalRows = new Set(options.totalRows ?? []);
  const totalColumns = new Set(options.totalColumns ?? []);
  const isTotal = (c: HeatmapCell) => totalRows.has(c.row) || totalColumns.has(c.column);
  const scaled = cells.filter((c) => !isTotal(c) && c.value !== null && c.value > 0);
  const flat = cells.filter((c) => isTotal(c) || c.value === null || c.value <= 0);
  const max = Math.max(0, ...scaled.map((c) => c.value!));
  // the scheme runs from light to dark blue: light text on the darker half, dark text on the lighter
  const light = (c: HeatmapCell) => !isTotal(c) && c.value !== null && c.value > 0 && c.value >= 0.5 * max;
  const text = (c: HeatmapCell) => (c.value === null ? '' : options.format(c.value));
  const isSelected = (c: HeatmapCell) => options.selected?.row === c.row && options.selected?.column === c.column;

  /** Tags each drawn element with its cell, and makes rectangles buttons. */
  const tag = (data: readonly HeatmapCell[], kind: 'rect' | 'text'): Plot.RenderFunction => (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context)!;
    const drawn = g.querySelectorAll<SVGElement>(`:scope > ${kind}`);
    index.forEach((i, k) => {
      const element = drawn[k];
      const cell = data[i];
      if (!element) return;
      element.dataset.row = cell.row;
      element.dataset.column = cell.column;
      if (kind === 'text') return;
      element.dataset.value = cell.value === null ? '' : String(cell.value);
      element.setAttribute('aria-label', cell.description);
      if (isSelected(cell)) markCell(element, true);
      if (options.onSelect) {
        const select = options.onSelect;
        element.setAttribute('role', 'button');
        element.setAttribute('tabindex', '0');
        element.style.cursor = 'pointer';
        element.addEventListener('click', () => select(cell));
        element.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            select(cell);
          }
        });
      }
    });
    return g;
  };

  const rowLabel = options.rowLabel ?? ((r: string) => r);
  const columnLabel = options.columnLabel ?? ((c: string) => c);
  const marks: Plot.Markish[] = [
    Plot.cell(flat, { x: 'column', y: 'row', fill: (c: HeatmapCell) => (isTotal(c) ? TOTAL_FILL : EMPTY_FILL), inset: 1, render: tag(flat, 'rect') }),
    Plot.cell(scaled, { x: 'column', y: 'row', fill: 'value', inset: 1, render: tag(scaled, 'rect') }),
    // fill channels of CSS colours bypass the colour scale: light text on dark cells, dark on light
    Plot.text(cells, { x: 'column', y: 'row', text, fill: (c: HeatmapCell) => (light(c) ? '#ffffff' : '#1b1f24'), fontWeight: 600, pointerEvents: 'none', render: tag(cells, 'text') }),
  ];
  return Plot.plot({
    document: doc,
    width: Math.max(420, 190 + 104 * options.columns.length),
    height: 44 + 30 * options.rows.length,
    marginLeft: 180,
    marginTop: 36,
    marginBottom: 8,
    padding: 0,
    style: { fontSize: '12px', overflow: 'visible' },
    x: { domain: [...options.columns], axis: 'top', label: null, tickFormat: columnLabel, tickSize: 0 },
    y: { domain: [...options.rows], label: null, tickFormat: rowLabel, tickSize: 0 },
    // the domain starts below zero so that the smallest count is a visible blue, not the scheme's near-white
    color: { type: 'linear', scheme: INTENSITY_SCHEME, domain: [-0.25 * (max || 1), max || 1] },
    marks,
    ariaLabel: options.label,
    ariaDescription: cells.map((c) => c.description).join('; '),
  });
}
