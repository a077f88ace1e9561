// A file's SHA-256, the identity that makes loading idempotent: hashed before it is read, or while it is.
import { createHash, type Hash } from 'node:crypto';
import { fileChunks } from './file-chunks.ts';

/** Bytes hashed per read. */
const HASH_CHUNK_BYTES = 1 << 18;

export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fileChunks(path, HASH_CHUNK_BYTES)) hash.update(chunk);
  return hash.digest('hex');
}

/** The chunks as they come, each added to `hash` on its way (so that one read both hashes and parses). */
export async function* hashing(chunks: AsyncIterable<Uint8Array>, hash: Hash): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
