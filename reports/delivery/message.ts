// The e-mail that carries a package: a subject naming the report, month and practice, and a short plain-text
// body with the headline numbers of the package's summary (the month beside the month before), the close
// date, and the attached files.
import { basename } from 'node:path';
import { cellDisplay } from '../render/pdf-format.ts';
import type { MonthlyPackageRun } from '../monthly/run.ts';
import type { Cell, Format, ReportTable } from '../table.ts';

/** The KPIs of the summary the body shows, in this order. */
export const HEADLINE_KPIS = ['charges', 'collections', 'net_collection_rate', 'ar_total', 'ar_over_90_pct', 'days_in_ar', 'initial_denial_rate', 'first_pass_yield'] as const;

export interface PackageMessage {
  subject: string;
  text: string;
  attachments: { filename: string; path: string }[];
}

/** A number as the PDF and the dashboards write it (one formatter for every report). */
function shown(value: Cell, unit: Format | undefined): string {
  return cellDisplay(value, unit ?? 'count');
}

/** The summary's headline rows as aligned text lines: label, the month, the month before. */
export function headlineLines(summary: ReportTable | undefined, month: string): string[] {
  if (!summary) return [];
  const rows = HEADLINE_KPIS.map((k) => summary.rows.find((r) => r.cells.kpi === k)).filter((r) => r !== undefined);
  const table = rows.map((r) => [String(r.cells.label), shown(r.cells.month, r.unit), shown(r.cells.prior_month, r.unit)]);
  const prior = summary.columns.find((c) => c.key === 'prior_month')?.label ?? 'month before';
  const all = [['', month, prior], ...table];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`.trimEnd());
}

export function practiceLabel(practices: readonly string[] | null): string {
  return practices ? `practice ${practices.join(', ')}` : 'every practice';
}

export function packageMessage(run: MonthlyPackageRun, scheduleName: string): PackageMessage {
  const summary = run.tables.find((t) => t.name === 'summary');
  const text = [
    `The monthly close package for ${run.month}, ${practiceLabel(run.practices)}, made by the schedule "${scheduleName}" (run ${run.runId}).`,
    `Closed ${run.closeDate} (${run.closeRule})${run.provisional ? ', provisional: files loaded by the end of the close date still count' : ''}; A/R roll-forward ${run.rollForward.ties ? 'ties to the cent' : 'DOES NOT TIE'}.`,
    '',
    ...headlineLines(summary, run.month),
    '',
    `Attached: ${run.files.map((f) => basename(f.path)).join(', ')}.`,
    `Numbers SHA-256 ${run.numbersSha256}.`,
  ];
  return {
    subject: `Monthly close package ${run.month}: ${practiceLabel(run.practices)}`,
    text: `${text.join('\n')}\n`,
    attachments: run.files.map((f) => ({ filename: basename(f.path), path: f.path })),
  };
}
