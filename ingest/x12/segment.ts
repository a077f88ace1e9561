// One X12 segment as a view on the text it came from: the tokenizer records where each element starts
// and nothing more; an element becomes a string only when a mapper asks for it. (Splitting every
// segment into strings capped the reader at about 50 MB/s here; finding the offsets runs at over 150.)
// The offsets and the segment's end are found in one pass over its characters (scan): one call of
// indexOf per element and per terminator cost more than the characters themselves, segments being short.
// The tokenizer reuses one Segment for every segment it reads: a visitor must take what it needs during
// the call, and keep a SegmentRef (ref()) for a segment it wants to quote later.
import type { Separators } from './separators.ts';

/** A segment's place in its text, kept to quote it in a warning later. */
export interface SegmentRef {
  readonly source: string;
  readonly start: number;
  readonly end: number;
}

export function refText(ref: SegmentRef): string {
  return ref.source.slice(ref.start, ref.end);
}

export class Segment {
  /** Segment id: ISA, GS, ST, CLP, ... */
  id = '';
  /** 1-based number of the segment in the file. */
  position = 0;
  separators!: Separators;
  private source = '';
  /** Where each element starts in `source`; starts[0] is the segment's start. */
  private starts = new Int32Array(32);
  private count = 0;
  /** Where the segment ends in `source` (exclusive, without the terminator). */
  private end = 0;

  /**
   * Reads the segment that starts at text[start]: finds its elements up to the segment terminator, looking
   * at no more than `limit` characters. Returns the terminator's index, or -1 when the text (or the limit)
   * ends first; the segment is then not read. Blanks before the terminator are not part of the segment.
   */
  scan(text: string, start: number, limit: number, position: number, separators: Separators, codes: SeparatorCodes): number {
    const { element, segment: terminator } = codes;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    const stop = Math.min(text.length, start + limit);
    let at = start;
    for (; at < stop; at++) {
      const c = text.charCodeAt(at);
      if (c === terminator) break;
      if (c === element) {
        if (count === starts.length) {
          const grown = new Int32Array(starts.length * 2);
          grown.set(starts);
          this.starts = starts = grown;
        }
        starts[count++] = at + 1;
      }
    }
    if (at === stop) return -1;
    let end = at;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    // A separator among the trailing blanks (a tab separator) is not the start of an element.
    while (count > 1 && starts[count - 1] > end) count--;
    this.point(text, start, end, count, position, separators);
    return at;
  }

  /** Points this segment at text[start, end) and finds its elements. */
  read(text: string, start: number, end: number, position: number, separators: Separators): void {
    const element = separators.element;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    for (let at = text.indexOf(element, start); at >= 0 && at < end; at = text.indexOf(element, at + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        this.starts = starts = grown;
      }
      starts[count++] = at + 1;
    }
    this.point(text, start, end, count, position, separators);
  }

  /** Makes this the segment text[start, end) whose `count` element starts are in `starts`. */
  private point(text: string, start: number, end: number, count: number, position: number, separators: Separators): void {
    this.source = text;
    this.count = count;
    this.end = end;
    this.position = position;
    this.separators = separators;
    this.id = segmentId(text, start, count > 1 ? this.starts[1] - 1 : end);
  }

  static fromElements(elements: string[], position: number, separators: Separators): Segment {
    const segment = new Segment();
    const text = elements.join(separators.element);
    segment.read(text, 0, text.length, position, separators);
    return segment;
  }

  /** Number of elements, the id included (CLP*A*1 has 3). */
  get length(): number {
    return this.count;
  }

  /** Element n (CLP01 = element(1)); '' when empty or absent. Empty elements keep their place. */
  element(n: number): string {
    if (n >= this.count) return '';
    const from = this.starts[n];
    const to = n + 1 < this.count ? this.starts[n + 1] - 1 : this.end;
    return to > from ? this.source.slice(from, to) : '';
  }

  /** All elements, [0] being the id (a new array each time). */
  get elements(): string[] {
    const out: string[] = [];
    for (let n = 0; n < this.count; n++) out.push(this.element(n));
    return out;
  }

  /** The segment as it stood in the file, without its terminator. */
  get text(): string {
    return this.source.slice(this.starts[0], this.end);
  }

  ref(): SegmentRef {
    return { source: this.source, start: this.starts[0], end: this.end };
  }
}

/** The separators as character codes, for scan(). */
export interface SeparatorCodes {
  element: number;
  segment: number;
}

export function separatorCodes(separators: Separators): SeparatorCodes {
  return { element: separators.element.charCodeAt(0), segment: separators.segment.charCodeAt(0) };
}

export const isBlank = (code: number) => code === 32 || code === 10 || code === 13 || code === 9 || code === 11 || code === 12;

/**
 * Ids of two or three letters and digits, each kept once: the mappers' switch statements then compare
 * them by identity, and reading a segment makes no string for its id.
 */
const ids = new Map<number, string>();

function segmentId(text: string, start: number, end: number): string {
  const length = end - start;
  if (length < 2 || length > 3) return text.slice(start, end);
  const key = length === 2 ? (text.charCodeAt(start) << 8) | text.charCodeAt(start + 1) : (text.charCodeAt(start) << 16) | (text.charCodeAt(start + 1) << 8) | text.charCodeAt(start + 2);
  let id = ids.get(key);
  if (id === undefined) {
    id = text.slice(start, end);
    // Only plain ids (letters and digits) are kept, and only so many: a damaged file cannot grow the map.
    // A property name is an internalized string in V8, like the literals of the mappers' case labels.
    if (/^[A-Z0-9]+$/.test(id) && ids.size < 4096) ids.set(key, (id = Object.keys({ [id]: 0 })[0]));
  }
  return id;
}

export function segmentText(segment: Segment): string {
  return segment.text;
}
