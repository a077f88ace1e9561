// The write-off reasons no table classes (metrics.md, "Adjustment classes": counted as a data-quality
// problem, never guessed): what \`rcm errors\` lists, with what to do.
import type { Warehouse } from '../database.ts';

export type UnclassifiedReason = {
  reason_code: string | null;
  write_offs: bigint;
  amount: string;
};

/** Write-off reasons of class unclassified, the largest amount first. */
export async function unclassifiedReasons(warehouse: Warehouse): Promise<UnclassifiedReason[]> {
  return warehouse.all<UnclassifiedReason>(
    `SELECT p.reason_code, count(*) AS write_offs, sum(-e.total_change)::VARCHAR AS amount
     FROM int_balance_event e JOIN stg_posting p ON p.file_id = e.file_id AND p.line_number = e.position
     WHERE e.source = 'posting' AND e.adjustment_class = 'unclassified'
     GROUP BY ALL ORDER BY sum(-e.total_change) DESC, p.reason_code`,
  );
}
