// Separators of an interchange, read from its ISA segment (or guessed for a file that starts at GS/ST).
import { X12Error, type Warning } from './diagnostics.ts';

export interface Separators {
  element: string;
  component: string;
  /** Only from version 00402 on, and only when ISA11 is not a letter or digit. */
  repetition: string | undefined;
  segment: string;
}

export const ISA_LENGTH = 106;
const ISA_ELEMENT_COUNT = 16;
/** An ISA longer than this (padding gone wild) is not an ISA. */
const ISA_MAX_LENGTH = 200;

export interface IsaParse {
  separators: Separators;
  /** The ISA elements, ISA00 = "ISA" at index 0. */
  elements: string[];
  /** Index just past the segment terminator. */
  end: number;
  warnings: Omit<Warning, 'file' | 'segment'>[];
}

const alphanumeric = /[A-Za-z0-9]/;

/**
 * Reads the ISA that starts at `start` by its own element separator (more forgiving than fixed
 * positions: senders do truncate the padding). Returns undefined when more text is needed.
 */
export function parseIsa(text: string, start: number, file: string, segment: number, atEnd: boolean): IsaParse | undefined {
  const element = text[start + 3];
  const failing = (message: string, hint: string) =>
    new X12Error('bad_isa', { file, segment, segmentText: text.slice(start, start + ISA_LENGTH) }, message, hint);
  if (element === undefined) {
    if (atEnd) throw failing('the file ends inside the ISA segment', 'The file is truncated; ask the sender for the whole file.');
    return undefined;
  }
  if (alphanumeric.test(element) || element === ' ') {
    throw failing(`the character after "ISA" is "${element}", which cannot be an element separator`, 'Check that the file is an X12 interchange and was not reformatted.');
  }
  let separatorsSeen = 0;
  let i = start + 3;
  const limit = Math.min(text.length, start + ISA_MAX_LENGTH);
  for (; i < limit; i++) {
    if (text[i] === element && ++separatorsSeen === ISA_ELEMENT_COUNT) break;
  }
  if (separatorsSeen < ISA_ELEMENT_COUNT) {
    if (!atEnd && text.length < start + ISA_MAX_LENGTH) return undefined;
    throw failing(`the ISA segment has ${separatorsSeen + 1} elements instead of ${ISA_ELEMENT_COUNT + 1}`, 'The interchange header is damaged; ask the sender for a new copy.');
  }
  if (i + 2 >= text.length) {
    if (!atEnd) return undefined;
    throw failing('the file ends inside the ISA segment', 'The file is truncated; ask the sender for the whole file.');
  }
  const warnings: IsaParse['warnings'] = [];
  let component = text[i + 1];
  let terminator = text[i + 2];
  let end = i + 3;
  if (component === '\r' || component === '\n') {
    // ISA16 left out and the line break ends the ISA: the file's segments end at line breaks, and its
    // composites are read with ":" (a composite written with another separator is still read: see
    // SeparatorMismatch)
    terminator = component;
    component = ':';
    end = i + 2;
    warnings.push({ code: 'isa_length', message: 'the ISA has no ISA16 (component separator) and ends at the line break: segments end at line breaks, composites read with ":"' });
  } else if (terminator === '\r' || terminator === '\n') {
    // A line break right after ISA16 is the terminator itself, unless a punctuation mark follows the
    // break: then the file puts a newline before each terminator ("…:\n~").
    let j = i + 2;
    while (j < text.length && (text[j] === '\r' || text[j] === '\n')) j++;
    if (j >= text.length && !atEnd) return undefined;
    const next = text[j];
    if (next !== undefined && !alphanumeric.test(next) && !/\s/.test(next) && next !== element && next !== component) {
      terminator = next;
      end = j + 1;
    }
  }
  if (alphanumeric.test(terminator) || terminator === element || terminator === component || terminator === ' ') {
    throw failing(`cannot tell the segment terminator: ISA16 is followed by "${terminator}"`, 'ISA16 must be one character followed by the segment terminator.');
  }
  const elements = text.slice(start, i + 1).split(element);
  elements.push(component);
  const length = i + 3 - start;
  if (length !== ISA_LENGTH && warnings.length === 0) {
    warnings.push({ code: 'isa_length', message: `the ISA segment is ${length} characters long instead of ${ISA_LENGTH} (padding of its fixed-width elements is off)` });
  }
  const version = elements[12] ?? '';
  const isa11 = elements[11] ?? '';
  const repetition = version >= '00402' && isa11.length === 1 && !alphanumeric.test(isa11) ? isa11 : undefined;
  return { separators: { element, component, repetition, segment: terminator }, elements, end, warnings };
}

/**
 * For files with no ISA (they start at GS or ST): the element separator follows the segment id, and the
 * terminator is the first character after it that cannot be inside an element value.
 */
export function guessSeparators(text: string, start: number): Separators | undefined {
  const element = text[start + 2];
  if (element === undefined || alphanumeric.test(element) || element === ' ') return undefined;
  for (let i = start + 3; i < Math.min(text.length, start + 200); i++) {
    const c = text[i];
    if (c === element || alphanumeric.test(c) || c === ' ' || c === '-' || c === '.') continue;
    return { element, component: ':', repetition: undefined, segment: c };
  }
  return undefined;
}
