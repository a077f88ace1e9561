// Seeded fuzzing of the reader and the loader: X12 files written by the tests' own writers (and, with
// RCM_SAMPLES_DIR, the public samples), mutated by truncations, byte flips, separator swaps, duplicated and
// dropped segments, huge elements, stray whitespace and fixed-width line wrapping. A case passes when the reader returns or fails with its own
// X12Error within the time limit, and the loader either loads the whole file or leaves no row of it behind.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X12Error } from '../../ingest/x12/diagnostics.ts';
import { readEraBytes } from '../../ingest/remittance/read-era.ts';
import { loadFile } from '../../ingest/loader/loader.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { fileRowTables } from '../support/file-tables.ts';
import { fixture835 } from '../support/fixture-835.ts';
import { Random } from '../support/random.ts';
import { fixtureFiles } from '../support/fixture-files.ts';
import { institutional837, x12Fixture } from '../support/x12-fixture.ts';

export interface Seed {
  name: string;
  bytes: Buffer;
}

/** The seeds written here: the hand-computed 835, the demo fixture's X12 files of every kind, an 837I. */
export function fixtureSeeds(): Seed[] {
  return [
    { name: 'fixture.835', bytes: Buffer.from(fixture835()) },
    { name: 'fixture-crlf.835', bytes: Buffer.from(fixture835({ after: '\r\n' })) },
    ...fixtureFiles().filter(([name]) => !name.endsWith('.csv')).map(([name, text]) => ({ name, bytes: Buffer.from(text) })),
    { name: 'institutional.837i', bytes: Buffer.from(x12Fixture({ type: '837', guide: '005010X223A2' }, institutional837('13:A:1'))) },
  ];
}

/** The seeds written here and, when `samples` (which needs RCM_SAMPLES_DIR), the public X12 samples. */
export async function seeds(samples: boolean): Promise<Seed[]> {
  if (!samples) return fixtureSeeds();
  const { SAMPLES_DIR } = await import('../support/samples.ts');
  const sampleSeeds = readdirSync(SAMPLES_DIR)
    .filter((n) => n !== 'SOURCES.md')
    .map((name) => ({ name, bytes: readFileSync(join(SAMPLES_DIR, name)) }));
  return [...sampleSeeds, ...fixtureSeeds()];
}

type Mutation = (bytes: Buffer, random: Random) => Buffer;

const SEPARATORS = ['*', '~', ':', '^', '|', '>', '\n', '\r', '_', ' ', '\0'];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, r.int(0, b.length)),
  flipByte(b, r) {
    const out = Buffer.from(b);
    for (let n = r.int(1, 8); n > 0 && out.length > 0; n--) out[r.int(0, out.length - 1)] = r.int(0, 255);
    return out;
  },
  swapSeparator(b, r) {
    const from = r.pick(SEPARATORS).charCodeAt(0);
    const to = r.pick(SEPARATORS).charCodeAt(0);
    const out = Buffer.from(b);
    const all = r.chance(0.5);
    for (let i = 0; i < out.length; i++) if (out[i] === from && (all || r.chance(0.1))) out[i] = to;
    return out;
  },
  duplicateSegment: (b, r) => editSegments(b, r, (segments, i) => segments.splice(i, 0, segments[i])),
  dropSegment: (b, r) => editSegments(b, r, (segments, i) => segments.splice(i, 1)),
  hugeElement: (b, r) => editSegments(b, r, (segments, i) => {
    segments[i] = `${segments[i]}*${'X'.repeat(r.pick([1_000, 70_000, 200_000]))}`;
  }),
  strayWhitespace(b, r) {
    const at = r.int(0, b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(['\n', '\r\n', '  ', '\uFEFF', '\t\n\n'])), b.subarray(at)]);
  },
  wrapLines(b, r) {
    // a fixed-width wrap of the whole file, the way mainframe exports deliver it
    const flat = b.toString('latin1').replace(/[\r\n]+/g, '');
    const lines = flat.match(new RegExp(`[^]{1,${r.int(20, 200)}}`, 'g')) ?? [];
    return Buffer.from(lines.join(r.pick(['\n', '\r\n'])), 'latin1');
  },
  negateAmount: (b) => Buffer.from(b.toString('latin1').replace(/CLP\*([^*]*)\*([^*]*)\*/, 'CLP*$1*$2*-'), 'latin1'),
};

function editSegments(b: Buffer, r: Random, edit: (segments: string[], i: number) => void): Buffer {
  const text = b.toString('latin1');
  const segments = text.split('~');
  if (segments.length < 2) return b;
  edit(segments, r.int(0, segments.length - 2));
  return Buffer.from(segments.join('~'), 'latin1');
}

export interface Case {
  number: number;
  seed: string;
  mutations: string[];
  bytes: Buffer;
}

export function makeCase(number: number, all: Seed[], masterSeed: number): Case {
  const random = new Random(masterSeed * 1_000_003 + number);
  const seed = random.pick(all);
  let bytes = seed.bytes;
  const names = Object.keys(MUTATIONS);
  const mutations: string[] = [];
  for (let n = random.int(1, 3); n > 0; n--) {
    const name = random.pick(names);
    mutations.push(name);
    bytes = MUTATIONS[name](bytes, random);
  }
  return { number, seed: seed.name, mutations, bytes };
}

export interface Failure {
  case: Case;
  problem: string;
}

/** The reader must return, or fail with X12Error, and never take long. */
export async function checkReader(c: Case, limitMs: number): Promise<Failure | undefined> {
  const started = performance.now();
  try {
    await readEraBytes(c.bytes, `case-${c.number}`);
  } catch (error) {
    return { case: c, problem: `threw ${error instanceof Error ? error.stack : String(error)}` };
  }
  const ms = performance.now() - started;
  if (ms > limitMs) return { case: c, problem: `took ${ms.toFixed(0)} ms` };
  return undefined;
}

const rowTables = new WeakMap<Warehouse, Promise<string[]>>();

/** Rows in every table a load writes to (ingest_file included). */
async function totalRows(w: Warehouse): Promise<bigint> {
  if (!rowTables.has(w)) rowTables.set(w, fileRowTables(w));
  const tables = await rowTables.get(w)!;
  const row = await w.one<{ n: bigint }>(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`);
  return row!.n;
}

/** The loader must load all of the file or none of it, and record why when none. */
export async function checkLoader(c: Case, w: Warehouse, dir: string, batchId: bigint): Promise<Failure | undefined> {
  const path = join(dir, `case-${c.number}.x12`);
  writeFileSync(path, c.bytes);
  const before = await totalRows(w);
  let outcome;
  try {
    outcome = await loadFile(w, batchId, path);
  } catch (error) {
    return { case: c, problem: `loader threw ${error instanceof Error ? error.stack : String(error)}` };
  }
  const after = await totalRows(w);
  if (outcome.status === 'rejected' || outcome.status === 'duplicate') {
    if (after !== before) return { case: c, problem: `${outcome.status} file left ${after - before} rows` };
    if (outcome.status === 'rejected' && !(await w.one('SELECT 1 FROM ingest_error WHERE file_name = $1', [path]))) {
      return { case: c, problem: 'rejected file has no ingest_error row' };
    }
    return undefined;
  }
  const claims = await w.one<{ n: bigint }>('SELECT (SELECT count(*) FROM remit_claim WHERE file_id = $1) + (SELECT count(*) FROM claim WHERE file_id = $1) AS n', [outcome.fileId]);
  if (claims!.n !== BigInt(outcome.claims)) return { case: c, problem: `loaded ${claims!.n} claims, reader counted ${outcome.claims}` };
  return undefined;
}

export function describeFailure(f: Failure): string {
  return `case ${f.case.number} (${f.case.seed}; ${f.case.mutations.join(' + ')}): ${f.problem}`;
}

export { X12Error };
