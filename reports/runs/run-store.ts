// Comparing report runs (`rcm report diff`) and the SHA-256 of a run's numbers; the runs themselves are kept
// by warehouse/queries/report-runs.ts.
import { createHash } from 'node:crypto';
import type { Warehouse } from '../../warehouse/database.ts';
import { findRun, runNumbers, type Numbers, type RunRecord, type Section } from '../../warehouse/queries/report-runs.ts';

/** The SHA-256 of a run's closed numbers: "key<TAB>value" lines in key order (no value: empty). */
export function numbersSha256(numbers: Numbers): string {
  const hash = createHash('sha256');
  for (const key of [...numbers.keys()].sort()) {
    const n = numbers.get(key)!;
    if (n.section === 'closed') hash.update(`${key}\t${n.value ?? ''}\n`);
  }
  return hash.digest('hex');
}

export interface NumberChange {
  key: string;
  table: string;
  row: string;
  column: string;
  section: Section;
  /** null: no value; undefined: the run has no such number. */
  a: string | null | undefined;
  b: string | null | undefined;
}

export interface RunDiff {
  a: RunRecord;
  b: RunRecord;
  /** The parameters that differ between the runs (close date, files counted, models, reference data...). */
  parameters: { name: string; a: unknown; b: unknown }[];
  sameNumbers: boolean;
  changed: NumberChange[];
  unchanged: number;
}

function splitKey(key: string): { table: string; row: string; column: string } {
  const first = key.indexOf('/');
  const last = key.lastIndexOf('/');
  return { table: key.slice(0, first), row: key.slice(first + 1, last), column: key.slice(last + 1) };
}

function flatten(prefix: string, value: unknown, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else out.set(prefix, JSON.stringify(value));
}

export class UnknownRun extends Error {}

export async function diffRuns(w: Warehouse, a: bigint, b: bigint): Promise<RunDiff> {
  const [runA, runB] = [await findRun(w, a), await findRun(w, b)];
  for (const [id, run] of [[a, runA], [b, runB]] as const) if (!run) throw new UnknownRun(`no report run ${id}; rcm report runs lists them`);
  const [numbersA, numbersB] = [await runNumbers(w, a), await runNumbers(w, b)];
  const changed: NumberChange[] = [];
  let unchanged = 0;
  for (const key of [...new Set([...numbersA.keys(), ...numbersB.keys()])].sort()) {
    const [x, y] = [numbersA.get(key), numbersB.get(key)];
    if (x && y && x.value === y.value) {
      unchanged++;
      continue;
    }
    changed.push({ key, ...splitKey(key), section: (x ?? y)!.section, a: x ? x.value : undefined, b: y ? y.value : undefined });
  }
  const params = (r: RunRecord) => {
    const out = new Map<string, string>();
    flatten('', { month: r.month, practices: r.practices, as_of: r.asOf, close_date: r.closeDate, close_rule: r.closeRule, ...r.parameters }, out);
    return out;
  };
  const [pa, pb] = [params(runA!), params(runB!)];
  const parameters = [...new Set([...pa.keys(), ...pb.keys()])].sort()
    .filter((k) => pa.get(k) !== pb.get(k))
    .map((name) => ({ name, a: pa.has(name) ? JSON.parse(pa.get(name)!) : undefined, b: pb.has(name) ? JSON.parse(pb.get(name)!) : undefined }));
  return { a: runA!, b: runB!, parameters, sameNumbers: runA!.numbersSha256 !== null && runA!.numbersSha256 === runB!.numbersSha256, changed, unchanged };
}
