// The X12 reader: bytes → text → segments → envelope-checked transaction sets, streamed so that
// memory does not grow with the size of the file.
import { fileChunks } from '../file-chunks.ts';
import { X12Error } from './diagnostics.ts';
import { createChunkDecoder } from './decode.ts';
import { EnvelopeTracker, type X12Visitor } from './envelope.ts';
import { SegmentTokenizer } from './tokenizer.ts';
import { Unwrapper } from './unwrap.ts';

export interface ReadSummary {
  segments: number;
  transactions: number;
  bytes: number;
  encoding: string;
}

/**
 * 64 KiB: a chunk's text then fits in V8's young generation. From 128 KiB on each chunk's string is a
 * "large object" and decoding it costs ten to twenty times more.
 */
export const READ_CHUNK_BYTES = 1 << 16;

/** Reads one X12 file and feeds its transaction sets to the visitor. Throws X12Error when the file cannot be read. */
export async function readX12File(path: string, visitor: X12Visitor, name = path, onBytes?: (bytes: number) => void): Promise<ReadSummary> {
  return readX12(fileChunks(path, READ_CHUNK_BYTES), visitor, name, onBytes);
}

/** Reads X12 from chunks of bytes; a chunk may be a reused buffer (nothing keeps it past its turn). */
export async function readX12(source: AsyncIterable<Uint8Array>, visitor: X12Visitor, name: string, onBytes?: (bytes: number) => void): Promise<ReadSummary> {
  const envelope = new EnvelopeTracker(name, visitor);
  const tokenizer = new SegmentTokenizer(name, (s) => envelope.segment(s), (w) => visitor.warning(w));
  const decoder = createChunkDecoder();
  decoder.onLatin1 = () =>
    visitor.warning({ code: 'not_utf8', file: name, segment: tokenizer.segmentCount + 1, message: 'the file is not valid UTF-8; read as Latin-1 (ISO-8859-1) from here on' });
  const unwrapper = new Unwrapper((width) =>
    visitor.warning({ code: 'wrapped_lines', file: name, segment: 1, message: `the file is wrapped at ${width} characters a line, breaking segments; its line breaks were removed before reading` }),
  );
  const push = (unwrapped: string) => {
    if (unwrapped !== '') tokenizer.push(unwrapped);
  };
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      push(unwrapper.write(decoder.write(chunk)));
      onBytes?.(chunk.length);
    }
  } catch (error) {
    if (error instanceof X12Error) throw error;
    if (isIoError(error)) throw ioError(name, error);
    throw error;
  }
  push(unwrapper.write(decoder.end()));
  push(unwrapper.end());
  tokenizer.end();
  envelope.end(tokenizer.segmentCount);
  return { segments: tokenizer.segmentCount, transactions: envelope.transactions, bytes, encoding: decoder.encoding ?? 'utf-8' };
}

/** Reads X12 held in memory (tests, the fuzzer). */
export function readX12Bytes(bytes: Uint8Array, visitor: X12Visitor, name: string): Promise<ReadSummary> {
  async function* one() {
    for (let i = 0; i < bytes.length; i += READ_CHUNK_BYTES) yield bytes.subarray(i, i + READ_CHUNK_BYTES);
  }
  return readX12(one(), visitor, name);
}

function isIoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined;
}

function ioError(name: string, error: unknown): X12Error {
  const message = error instanceof Error ? error.message : String(error);
  return new X12Error('io', { file: name }, `cannot read the file: ${message}`, 'Check the path and the file permissions.');
}
