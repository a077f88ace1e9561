// One X12 segment as a view on the text it came from: the tokenizer records where each element starts
// and nothing more; an element becomes a string only when a mapper asks for it. (Splitting every
// segment into strings capped the reader at about 50 MB/s here; finding the offsets runs at over 150.)
import type { Separators } from './separators.ts';

export class Segment {
  private materialized: string[] | undefined;

  constructor(
    /** Segment id: ISA, GS, ST, CLP, ... */
    readonly id: string,
    /** 1-based number of the segment in the file. */
    readonly position: number,
    readonly separators: Separators,
    private readonly source: string,
    /** Where each element starts in `source`; starts[0] is the segment's start. */
    private readonly starts: number[],
    /** Where the segment ends in `source` (exclusive, without the terminator). */
    private readonly end: number,
  ) {}

  static fromElements(elements: string[], position: number, separators: Separators): Segment {
    const starts: number[] = [];
    let at = 0;
    for (const e of elements) {
      starts.push(at);
      at += e.length + 1;
    }
    return new Segment(elements[0], position, separators, elements.join(separators.element), starts, at - 1);
  }

  /** Number of elements, the id included (CLP*A*1 has 3). */
  get length(): number {
    return this.starts.length;
  }

  /** Element n (CLP01 = element(1)); '' when empty or absent. Empty elements keep their place. */
  element(n: number): string {
    const starts = this.starts;
    if (n >= starts.length) return '';
    const to = n + 1 < starts.length ? starts[n + 1] - 1 : this.end;
    return to > starts[n] ? this.source.slice(starts[n], to) : '';
  }

  /** All elements, [0] being the id. */
  get elements(): string[] {
    if (!this.materialized) {
      this.materialized = [];
      for (let n = 0; n < this.starts.length; n++) this.materialized.push(this.element(n));
    }
    return this.materialized;
  }

  /** The segment as it stood in the file, without its terminator. */
  get text(): string {
    return this.source.slice(this.starts[0], this.end);
  }
}

export function segmentText(segment: Segment): string {
  return segment.text;
}
