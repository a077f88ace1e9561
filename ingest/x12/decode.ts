// Turns the bytes of a file into text, chunk by chunk: strips a UTF-8 byte-order mark and
// recognises UTF-16 (with or without a BOM) so that the ISA is found at the first character. A file
// that is not valid UTF-8 (names written in Latin-1 by older systems) is read as Latin-1 from the first
// invalid chunk on, and the reader says so, instead of turning those letters into U+FFFD.
import { isAscii, isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface ChunkDecoder {
  /** Text of the next chunk (may be empty while the encoding is still being detected). */
  write(chunk: Uint8Array): string;
  /** Whatever is left at the end of the input. */
  end(): string;
  readonly encoding: Encoding | undefined;
  /** Called once if a UTF-8 file turns out not to be valid UTF-8. */
  onLatin1?: () => void;
}

export function createChunkDecoder(): ChunkDecoder {
  let head: Uint8Array | undefined = new Uint8Array(0);
  let decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  let encoding: Encoding | undefined;

  function start(bytes: Uint8Array): Uint8Array {
    const detected = detectEncoding(bytes);
    encoding = detected.encoding;
    if (encoding === 'utf-8') {
      decode = utf8OrLatin1(() => {
        encoding = 'latin1';
        self.onLatin1?.();
      });
    } else {
      const decoder = new TextDecoder(encoding);
      decode = (b, last) => decoder.decode(b, { stream: !last });
    }
    return bytes.subarray(detected.bomLength);
  }

  const self: ChunkDecoder = {
    get encoding() {
      return encoding;
    },
    write(chunk) {
      if (decode) return decode(chunk, false);
      // the usual case: the first chunk is long enough to tell the encoding, and is not copied (a chunk
      // may be a reused buffer, so fewer than four bytes are kept as a copy)
      head = head!.length === 0 && chunk.length >= 4 ? chunk : concat(head!, chunk);
      if (head.length < 4) return '';
      const rest = start(head);
      head = undefined;
      return decode!(rest, false);
    },
    end() {
      if (!decode) {
        const rest = start(head!);
        head = undefined;
        return decode!(rest, true);
      }
      return decode(new Uint8Array(0), true);
    },
  };
  return self;
}

/** UTF-8 until a chunk is not valid UTF-8, Latin-1 from then on. A character cut by a chunk boundary waits for the next chunk. */
function utf8OrLatin1(onLatin1: () => void): (bytes: Uint8Array, last: boolean) => string {
  let carry: Buffer = Buffer.alloc(0);
  let latin1 = false;
  return (bytes, last) => {
    let b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (carry.length > 0) b = Buffer.concat([carry, b]);
    carry = Buffer.alloc(0);
    if (latin1) return b.toString('latin1');
    // Most X12 is plain ASCII: a one-byte string, copied as is.
    if (isAscii(b)) return b.toString('ascii');
    const cut = last ? b.length : completeLength(b);
    const whole = b.subarray(0, cut);
    if (!isUtf8(whole)) {
      latin1 = true;
      onLatin1();
      return b.toString('latin1');
    }
    carry = Buffer.from(b.subarray(cut));
    return whole.toString('utf8');
  };
}

/** The length of `b` without a UTF-8 sequence cut off at its end. */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const byte = b[b.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? b.length - back : b.length;
  }
  return b.length;
}

export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // X12 text is ASCII at its start ("ISA"), so a NUL in every other byte means UTF-16 without a BOM.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    return { encoding: 'utf-16le', bomLength: 0 };
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) {
    return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
