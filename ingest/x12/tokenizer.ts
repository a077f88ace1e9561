// Splits X12 text into segments as it streams in. Separators come from each ISA (a file may hold
// interchanges with different separators); CR/LF and blanks around segments are tolerated, so files with
// a newline after, before or instead of the terminator all read the same. Memory is bounded by the
// longest segment, never by the file.
import { X12Error, type Warning } from './diagnostics.ts';
import { Segment, isBlank, separatorCodes, type SeparatorCodes } from './segment.ts';
import { guessSeparators, parseIsa, type Separators } from './separators.ts';


/** A segment longer than this means the terminator is wrong or the file is damaged. */
export const MAX_SEGMENT_LENGTH = 64 * 1024;


export class SegmentTokenizer {
  private pending = '';
  private pos = 0;
  private separators: Separators | undefined;
  private codes: SeparatorCodes | undefined;
  /** True at the start and after each IEA: the next segment may be an ISA with other separators. */
  private detecting = true;
  private count = 0;
  private sawText = false;
  /** Reused for every segment (see segment.ts). */
  private readonly segment = new Segment();

  constructor(
    private readonly file: string,
    private readonly onSegment: (segment: Segment) => void,
    private readonly onWarning: (warning: Warning) => void,
  ) {}

  get segmentCount(): number {
    return this.count;
  }

  push(text: string): void {
    const rest = this.pos < this.pending.length ? this.pending.slice(this.pos) : '';
    this.pos = 0;
    if (rest !== '' && !this.detecting) {
      // The segment cut by the chunk boundary is finished on its own, and the chunk is then read as it came:
      // prepending the rest to the chunk would make a concatenated string, which V8 reads at half the speed.
      const cut = text.indexOf(this.separators!.segment);
      if (cut >= 0) {
        this.pending = rest + text.slice(0, cut + 1);
        this.scan(false);
        const left = this.pos < this.pending.length ? this.pending.slice(this.pos) : '';
        if (left === '') {
          this.pending = text;
          this.pos = cut + 1;
          this.scan(false);
          return;
        }
        this.pending = left + text.slice(cut + 1);
        this.pos = 0;
        this.scan(false);
        return;
      }
    }
    this.pending = rest === '' ? text : rest + text;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    // A last segment without a terminator is common enough to accept.
    if (this.pos < this.pending.length) this.emit(this.pending, this.pos, this.pending.length);
    this.pending = '';
    this.pos = 0;
    if (!this.sawText) {
      throw new X12Error('empty_file', { file: this.file }, 'the file is empty', 'Check that the export or download finished.');
    }
  }

  private scan(atEnd: boolean): void {
    const text = this.pending;
    for (;;) {
      let start = this.pos;
      while (start < text.length && isBlank(text.charCodeAt(start))) start++;
      this.pos = start;
      if (start >= text.length) return;
      this.sawText = true;
      if (this.detecting || this.startsIsa(text, start)) {
        if (!this.detect(text, start, atEnd)) return;
        continue;
      }
      const segment = this.segment;
      const terminator = segment.scan(text, start, MAX_SEGMENT_LENGTH + 1, this.count + 1, this.separators!, this.codes!);
      if (terminator < 0) {
        if (text.length - start > MAX_SEGMENT_LENGTH) this.tooLong(text, start);
        return;
      }
      this.pos = terminator + 1;
      // Only blanks before the terminator: an empty segment, skipped.
      if (segment.length === 1 && segment.id === '') continue;
      this.count++;
      this.onSegment(segment);
      if (segment.id === 'IEA') this.detecting = true;
    }
  }

  private startsIsa(text: string, start: number): boolean {
    return text.charCodeAt(start) === 73 && text.startsWith('ISA', start) && start + 3 < text.length && !/[A-Za-z0-9\s]/.test(text[start + 3]);
  }

  /** Reads separators at a segment start; returns false when more text is needed. */
  private detect(text: string, start: number, atEnd: boolean): boolean {
    if (text.startsWith('ISA', start)) {
      const isa = parseIsa(text, start, this.file, this.count + 1, atEnd);
      if (!isa) return false;
      this.setSeparators(isa.separators);
      this.detecting = false;
      this.count++;
      for (const w of isa.warnings) {
        this.onWarning({ ...w, file: this.file, segment: this.count, segmentText: text.slice(start, isa.end) });
      }
      this.onSegment(Segment.fromElements(isa.elements, this.count, isa.separators));
      this.pos = isa.end;
      return true;
    }
    if (this.separators) {
      // Something other than an ISA after an IEA: keep the separators we had.
      this.detecting = false;
      return true;
    }
    if (text.length - start < 3 && !atEnd) return false;
    if (text.startsWith('ST', start) || text.startsWith('GS', start)) {
      const guessed = guessSeparators(text, start);
      if (!guessed) {
        if (!atEnd && text.length - start < 200) return false;
        throw new X12Error('not_x12', { file: this.file, segment: 1, segmentText: text.slice(start, start + 80) }, 'the file has no ISA and its separators cannot be told', 'Add the ISA/GS envelope the sender left out, or ask for the complete file.');
      }
      this.setSeparators(guessed);
      this.detecting = false;
      this.onWarning({
        code: 'no_envelope',
        file: this.file,
        segment: 1,
        message: `the file has no ISA interchange header; read with element separator "${guessed.element}" and segment terminator "${printable(guessed.segment)}"`,
      });
      return true;
    }
    throw new X12Error(
      'not_x12',
      { file: this.file, segment: 1, segmentText: text.slice(start, start + 40) },
      'this is not an X12 file: it does not start with an ISA (or GS/ST) segment',
      'Point rcm ingest at X12 files (835, 837, 999, 277CA); other files in the folder are rejected one by one.',
    );
  }

  private setSeparators(separators: Separators): void {
    this.separators = separators;
    this.codes = separatorCodes(separators);
  }

  /** Emits text[start, end) as a segment, blanks around it trimmed. */
  private emit(text: string, start: number, end: number): void {
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (start === end) return;
    this.count++;
    const segment = this.segment;
    segment.read(text, start, end, this.count, this.separators!);
    this.onSegment(segment);
    if (segment.id === 'IEA') this.detecting = true;
  }

  private tooLong(text: string, start: number): never {
    throw new X12Error(
      'segment_too_long',
      { file: this.file, segment: this.count + 1, segmentText: text.slice(start, start + 80) },
      `a segment runs past ${MAX_SEGMENT_LENGTH} characters without a segment terminator "${printable(this.separators!.segment)}"`,
      'The file is damaged or its ISA declares the wrong terminator; ask the sender for a new copy.',
    );
  }
}

export function printable(c: string): string {
  return c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c;
}
