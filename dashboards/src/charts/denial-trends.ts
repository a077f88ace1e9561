// The initial denial rate month by month, overall and for each denial category, as small multiples: one
// card per series with its 12-month line (sparkline.ts, the latest value labelled), the latest month's
// value and the claims denied over the months shown. A pure function of (series, options) → element.
import { formatCount, formatMonth, formatPercent } from '../../../kernel/format.ts';
import { sparkline, type SparkPoint } from './sparkline.ts';

export interface DenialTrendPoint extends SparkPoint {
  /** Claims denied in the month (for a category: denied for that category). */
  denied: number | null;
}

export interface DenialTrendSeries {
  /** 'all' or the denial category. */
  key: string;
  label: string;
  points: DenialTrendPoint[];
}

export interface DenialTrendsOptions {
  document?: Document;
}

export function denialTrends(series: readonly DenialTrendSeries[], options: DenialTrendsOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const grid = doc.createElement('div');
  grid.className = 'trend-grid';
  for (const s of series) {
    const card = doc.createElement('section');
    card.className = 'trend-card';
    card.dataset.series = s.key;
    card.setAttribute('aria-label', `${s.label}: initial denial rate by month`);
    const title = doc.createElement('h3');
    title.textContent = s.label;
    const known = s.points.filter((p) => p.value !== null);
    const latest = known[known.length - 1];
    const denied = s.points.reduce((sum, p) => sum + (p.denied ?? 0), 0);
    const summary = doc.createElement('div');
    summary.className = 'hint';
    summary.textContent = latest
      ? `${formatMonth(latest.month)}: ${formatPercent(latest.value)} · ${formatCount(denied)} claims denied over ${s.points.length} months`
      : 'No claims first adjudicated in these months.';
    const chart = sparkline(s.points, { unit: 'ratio', label: `${s.label}, initial denial rate`, document: doc, width: 230, height: 64 });
    card.append(title, summary, chart);
    grid.append(card);
  }
  return grid;
}
