// Observable Plot on the server: charts are drawn into a jsdom document and leave as SVG markup (a figure
// when they carry a legend), for a page that runs no script and loads nothing.
import { JSDOM } from 'jsdom';

/** A document to draw a package's charts in (one per package: the charts are only serialized). */
export function chartDocument(): Document {
  return new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
}

/** The chart as markup to inline in the PDF's HTML. */
export function chartMarkup(chart: Element): string {
  return chart.outerHTML;
}

/** A label cut to `max` characters, with an ellipsis when cut. */
export function shortLabel(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
