// Turns the bytes of a file into text, chunk by chunk: strips a UTF-8 byte-order mark and
// recognises UTF-16 (with or without a BOM) so that the ISA is found at the first character.
import { StringDecoder } from 'node:string_decoder';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface ChunkDecoder {
  /** Text of the next chunk (may be empty while the encoding is still being detected). */
  write(chunk: Uint8Array): string;
  /** Whatever is left at the end of the input. */
  end(): string;
  readonly encoding: Encoding | undefined;
}

export function createChunkDecoder(): ChunkDecoder {
  let head: Uint8Array | undefined = new Uint8Array(0);
  let decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  let encoding: Encoding | undefined;

  function start(bytes: Uint8Array): Uint8Array {
    const detected = detectEncoding(bytes);
    encoding = detected.encoding;
    if (encoding === 'utf-8') {
      const decoder = new StringDecoder('utf8');
      decode = (b, last) => (last ? decoder.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)) + decoder.end() : decoder.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
    } else {
      const decoder = new TextDecoder(encoding);
      decode = (b, last) => decoder.decode(b, { stream: !last });
    }
    return bytes.subarray(detected.bomLength);
  }

  return {
    get encoding() {
      return encoding;
    },
    write(chunk) {
      if (decode) return decode(chunk, false);
      head = concat(head!, chunk);
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
