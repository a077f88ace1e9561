// Post-close activity: what files loaded after the close date say about the month. Shown apart from the
// closed numbers, never merged into them: the claim events dated in the month that those files carry (by
// file and event), and each headline KPI as closed beside the same KPI with everything loaded so far.
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import type { PackageContext } from './context.ts';
import { eventsLoadedAfter } from '../../warehouse/queries/monthly-package.ts';
import type { MonthPeriod } from './period.ts';
import { change, KPIS, kpiValues } from './summary.ts';

export interface LateFile {
  fileName: string;
  loadedAt: string;
  contentType: string;
}

/**
 * The claim events (mart_claim_history: charged, submitted, acknowledged, adjudicated, posted) dated in the
 * month in files loaded after the close date, by file and event, with their claims and the balance change;
 * `now` is the warehouse as it is now, in the practice scope.
 */
async function lateEvents(now: PackageContext, closeDate: string) {
  return eventsLoadedAfter(now, now.period, closeDate);
}

/** `now`: the month and practices over the warehouse as it is now; null when no file came after the close. */
export async function postCloseTables(now: PackageContext | null, period: MonthPeriod, closed: Map<string, { cell: Cell }>, closeDate: string): Promise<{ files: LateFile[]; tables: ReportTable[] }> {
  let activity: Row[] = [];
  let restated: Row[] = [];
  const files = new Map<string, LateFile>();
  if (now) {
    const rows = await lateEvents(now, closeDate);
    activity = rows.map((r) => ({
      cells: { file: r.file_name, event: r.event, loaded_at: r.loaded_at, content_type: r.content_type, claims: Number(r.claims), balance_change: centsOf(r.change) },
    }));
    for (const r of rows) if (!files.has(r.file_name)) files.set(r.file_name, { fileName: r.file_name, loadedAt: r.loaded_at, contentType: r.content_type });
    if (files.size) {
      const current = await kpiValues(now, period.month);
      restated = KPIS.map((kpi) => {
        const a = closed.get(kpi.key)?.cell ?? null;
        const b = current.get(kpi.key)!.cell;
        return { unit: kpi.unit, cells: { kpi: kpi.key, label: kpi.label, closed: a, with_late_files: b, difference: change(kpi.unit, b, a) } };
      });
    }
  }
  const tables: ReportTable[] = [
    {
      name: 'post_close_activity', title: 'Post-close activity', section: 'post_close',
      description: `Claim events dated ${period.from} – ${period.to} in files loaded after the close date (${closeDate}): not in the closed numbers. Balance changes as they move the balance (payments negative).`,
      keyColumns: ['file', 'event'],
      columns: [
        { key: 'file', label: 'File', format: 'text' },
        { key: 'event', label: 'Event', format: 'text' },
        { key: 'loaded_at', label: 'Loaded at', format: 'text' },
        { key: 'content_type', label: 'Content', format: 'text' },
        { key: 'claims', label: 'Claims', format: 'count' },
        { key: 'balance_change', label: 'Balance change', format: 'money' },
      ],
      rows: activity,
    },
    {
      name: 'post_close_restated', title: 'Post-close restated', section: 'post_close',
      description: `Each headline KPI of ${period.month} as closed on ${closeDate}, beside the same KPI with every file loaded so far: the difference is what arrived after the close.`,
      keyColumns: ['kpi'],
      columns: [
        { key: 'kpi', label: 'KPI', format: 'text' },
        { key: 'label', label: 'What it is', format: 'text' },
        { key: 'closed', label: 'As closed', format: 'by_row' },
        { key: 'with_late_files', label: 'With files loaded later', format: 'by_row' },
        { key: 'difference', label: 'Difference', format: 'by_row', change: true },
      ],
      rows: restated,
    },
  ];
  return { files: [...files.values()], tables };
}
