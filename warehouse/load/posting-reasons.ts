// A practice's own posting reasons and their adjustment classes (migration 026), as a mapping file gives
// them: each reason's class replaces what an earlier file said. A change makes the models older than the
// data (load_generation), so the next build classes the write-offs anew.
import type { Warehouse } from '../database.ts';

export async function savePostingReasons(warehouse: Warehouse, reasons: Readonly<Record<string, string>>, mappedFrom: string): Promise<number> {
  const rows = Object.entries(reasons).map(([reason, adjustmentClass]) => [reason.trim().toUpperCase(), adjustmentClass] as const);
  if (rows.length === 0) return 0;
  const known = new Set((await warehouse.all<{ class: string }>('SELECT class FROM ref_adjustment_class')).map((r) => r.class));
  const wrong = rows.find(([, adjustmentClass]) => !known.has(adjustmentClass));
  if (wrong) throw new Error(`the mapping file ${mappedFrom} gives the reason ${wrong[0]} the class "${wrong[1]}": a class is one of ${[...known].join(', ')}`);
  let changed = 0;
  await warehouse.transaction(async () => {
    for (const [reason, adjustmentClass] of rows) {
      const before = await warehouse.one<{ class: string }>('SELECT class FROM posting_reason_mapping WHERE reason_code = $1', [reason]);
      if (before?.class === adjustmentClass) continue;
      await warehouse.run('INSERT OR REPLACE INTO posting_reason_mapping VALUES ($1, $2, $3, current_timestamp)', [reason, adjustmentClass, mappedFrom]);
      changed++;
    }
    if (changed > 0) await warehouse.run('UPDATE load_generation SET generation = generation + 1');
  });
  return changed;
}
