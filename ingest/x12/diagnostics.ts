// Diagnostics of the X12 reader and mappers: one error type for a file that cannot be loaded,
// and plain warning values for everything that is wrong but still loads.

/** Where in a file something was found. Segment numbers count from 1 over the whole file. */
export interface Place {
  file: string;
  segment?: number;
  segmentText?: string;
}

/** Something wrong with a file that still loads: kept beside the rows it concerns. */
export interface Warning extends Place {
  code: WarningCode;
  message: string;
  /** The segment number of the row the warning is attached to (payment BPR, claim CLP, line SVC). */
  subjectSegment?: number;
}

export type WarningCode =
  | 'isa_length'
  | 'no_envelope'
  | 'control_count'
  | 'control_number'
  | 'missing_trailer'
  | 'outside_transaction'
  | 'separator_mismatch'
  | 'unknown_version'
  | 'invalid_value'
  | 'line_unbalanced'
  | 'claim_unbalanced'
  | 'transaction_unbalanced'
  | 'unexpected_segment'
  | 'provider_rejected'
  | 'duplicate_payment'
  | 'not_utf8'
  | 'wrapped_lines';

export type ErrorCode =
  | 'empty_file'
  | 'not_x12'
  | 'encoding'
  | 'bad_isa'
  | 'segment_too_long'
  | 'truncated'
  | 'structure'
  | 'invalid_amount'
  | 'unsupported_transaction'
  | 'unrecognized_file'
  | 'io';

/** A file that cannot be loaded. The loader records it and goes on with the next file. */
export class X12Error extends Error {
  readonly code: ErrorCode;
  readonly file: string;
  readonly segment?: number;
  readonly segmentText?: string;
  readonly hint: string;

  constructor(code: ErrorCode, place: Place, message: string, hint: string) {
    super(`${describePlace(place)}: ${message}`);
    this.name = 'X12Error';
    this.code = code;
    this.file = place.file;
    this.segment = place.segment;
    this.segmentText = place.segmentText;
    this.hint = hint;
  }
}

export function describePlace(place: Place): string {
  let text = place.file;
  if (place.segment !== undefined) text += `, segment ${place.segment}`;
  if (place.segmentText !== undefined) text += ` (${abbreviate(place.segmentText)})`;
  return text;
}

export function abbreviate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
