// Post-close activity: what files loaded after the close date say about the month. Shown apart from the
// closed numbers, never merged into them: the balance changes dated in the month that those files carry
// (by file and kind), and each headline KPI as closed beside the same KPI with everything loaded so far.
import { between } from '../../warehouse/metrics/window.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import type { PackageContext } from './context.ts';
import { loadedBy } from './close-snapshot.ts';
import { change, KPIS, kpiValues } from './summary.ts';
import type { MonthPeriod } from './period.ts';

export interface LateFile {
  fileName: string;
  loadedAt: string;
  contentType: string;
}

/** Files of the practices in scope loaded after the close date (the context's warehouse has the files as they are now). */
export async function filesAfterClose(now: PackageContext, closeDate: string): Promise<LateFile[]> {
  const rows = await now.all<{ file_name: string; loaded_at: string; content_type: string }>(
    `SELECT file_name, strftime(loaded_at, '%Y-%m-%d %H:%M:%S') AS loaded_at, content_type FROM ingest_file
     WHERE NOT (${loadedBy(closeDate)})${now.practices === undefined ? '' : ' AND file_id IN (SELECT file_id FROM mart_file_practice)'}
     ORDER BY loaded_at, file_name`,
  );
  return rows.map((r) => ({ fileName: r.file_name, loadedAt: r.loaded_at, contentType: r.content_type }));
}

const KIND_LABEL: Record<string, string> = {
  charges: 'charges', insurance_paid: 'insurance payments', payer_adjustments: 'payer adjustments', patient_payments: 'patient payments',
  write_offs: 'write-offs', refunds: 'refunds', transfers: 'transfers',
};

/** `now`: the month and practices over the warehouse as it is now; null when no file came after the close. */
export async function postCloseTables(now: PackageContext | null, period: MonthPeriod, closed: Map<string, { cell: Cell }>, closeDate: string): Promise<ReportTable[]> {
  const { from, to, month } = period;
  let activity: Row[] = [];
  let restated: Row[] = [];
  if (now) {
    const rows = await now.all<{ file_name: string; loaded_at: string; content_type: string; kind: string; claims: bigint; amount: string }>(
      `SELECT f.file_name, strftime(f.loaded_at, '%Y-%m-%d %H:%M:%S') AS loaded_at, f.content_type, e.kind,
              count(DISTINCT e.claim_id) AS claims, sum(e.total_change)::VARCHAR AS amount
       FROM int_balance_event e JOIN mart_claim c USING (claim_id) JOIN ingest_file f ON f.file_id = e.file_id
       WHERE ${between('e.event_date', { asOf: to, from, to })} AND NOT (${loadedBy(closeDate, 'f.')})
       GROUP BY ALL ORDER BY loaded_at, file_name, kind`,
    );
    activity = rows.map((r) => ({
      cells: { file: r.file_name, kind: r.kind, loaded_at: r.loaded_at, content_type: r.content_type, kind_label: KIND_LABEL[r.kind] ?? r.kind, claims: Number(r.claims), amount: centsOf(r.amount) },
    }));
    const current = await kpiValues(now, month);
    restated = KPIS.map((kpi) => {
      const a = closed.get(kpi.key)?.cell ?? null;
      const b = current.get(kpi.key)!.cell;
      return { unit: kpi.unit, cells: { kpi: kpi.key, label: kpi.label, closed: a, with_late_files: b, difference: change(kpi.unit, b, a) } };
    });
  }
  return [
    {
      name: 'post_close_activity', title: 'Post-close activity', section: 'post_close',
      description: `Balance changes dated in the month carried by files loaded after the close date (${closeDate}): not in the closed numbers. Amounts as they change the balance (payments negative).`,
      keyColumns: ['file', 'kind'],
      columns: [
        { key: 'file', label: 'File', format: 'text' },
        { key: 'kind', label: 'Kind', format: 'text' },
        { key: 'loaded_at', label: 'Loaded at', format: 'text' },
        { key: 'content_type', label: 'Content', format: 'text' },
        { key: 'kind_label', label: 'What it is', format: 'text' },
        { key: 'claims', label: 'Claims', format: 'count' },
        { key: 'amount', label: 'Balance change', format: 'money' },
      ],
      rows: activity,
    },
    {
      name: 'post_close_restated', title: 'Post-close restated', section: 'post_close',
      description: `Each headline KPI of the month as closed on ${closeDate}, beside the same KPI with every file loaded so far: the difference is what arrived after the close.`,
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
}
