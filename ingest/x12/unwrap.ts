// Files wrapped at a fixed width: some systems (mainframe exports, older clearinghouses) cut the whole
// interchange into lines of 80 or 100 characters, breaking segments, and even values, anywhere. X12
// values cannot hold line breaks, so in such a file every line break is an artefact of the wrapping and is
// removed before the segments are read. Any other file passes through untouched.
//
// A file is taken for wrapped when its first lines (at least two whole ones after the first, which may be
// shorter) are all as long as each other, and one of them does not end with the interchange's segment
// terminator. Files with a line break after (or instead of, or before) each terminator have lines as long
// as their segments, which differ; their lines end at a terminator or the next one starts with it.
import { guessSeparators } from './separators.ts';

/** Text looked at before deciding: the ISA and a few lines. */
const HEAD_CHARS = 4096;
/** Whole lines of one length needed to call a file wrapped. */
const LINES_NEEDED = 2;
/** Widths seen in practice are 80 to a few hundred; lines shorter than this are segments, not a wrap. */
const MIN_WIDTH = 40;

export class Unwrapper {
  private head = '';
  private decided = false;
  /** The width of the lines, once the file is known to be wrapped; 0 otherwise. */
  private width = 0;

  /** `onWrapped`: told once, when the file turns out to be wrapped. */
  constructor(private readonly onWrapped: (width: number) => void) {}

  /** Text to read in place of `text`: held back until the file's head is decided, then unwrapped or as is. */
  write(text: string): string {
    if (this.decided) return this.width > 0 ? removeBreaks(text) : text;
    this.head += text;
    if (this.head.length < HEAD_CHARS) return '';
    return this.decide();
  }

  /** What is held back, at the end of the file. */
  end(): string {
    return this.decided ? '' : this.decide();
  }

  private decide(): string {
    this.decided = true;
    const head = this.head;
    this.head = '';
    const width = wrapWidth(head.slice(0, HEAD_CHARS));
    if (width === undefined) return head;
    this.width = width;
    this.onWrapped(width);
    return removeBreaks(head);
  }
}

function removeBreaks(text: string): string {
  return text.replace(/[\r\n]+/g, '');
}

/** The width of the lines of a wrapped file's head, or undefined when it is not wrapped. */
function wrapWidth(head: string): number | undefined {
  const body = head.replace(/^\uFEFF?\s*/, '');
  const flat = removeBreaks(body);
  // a file with no envelope starts at GS or ST, its terminator guessed as the reader guesses it
  const terminator = body.startsWith('ISA') ? isaTerminator(flat) : /^(GS|ST)/.test(body) ? guessSeparators(flat, 0)?.segment : undefined;
  if (terminator === undefined || terminator === '\r' || terminator === '\n') return undefined;
  const lines = body.replace(/[\r\n]+$/, '').split(/\r\n|\n|\r/);
  // the last line may be cut by the end of the head, or be the file's short last line
  // ... and the first may be shorter (its start was trimmed, or the wrap began inside a line)
  const [first, ...whole] = lines.slice(0, -1);
  if (whole.length < LINES_NEEDED) return undefined;
  const width = whole[0].length;
  if (width < MIN_WIDTH || first.length > width || whole.some((line) => line.length !== width)) return undefined;
  return [first, ...whole].some((line) => !line.endsWith(terminator)) ? width : undefined;
}

/** The segment terminator of an ISA with no line breaks: the character after ISA16. */
function isaTerminator(text: string): string | undefined {
  const element = text[3];
  if (element === undefined) return undefined;
  let seen = 0;
  for (let i = 4; i < Math.min(text.length, 200); i++) {
    if (text[i] === element && ++seen === 15) return text[i + 2];
  }
  return undefined;
}
