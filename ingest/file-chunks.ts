// Reads a file chunk by chunk into a buffer that is used again for every chunk, and for the next file.
// A read stream allocates a new buffer per chunk, and that memory is given back only when the garbage
// collector gets round to it: tens of megabytes of dead chunks for a large file.
//
// The reads are synchronous (from the page cache they take microseconds), with a turn of the event loop
// before each file and after every TURN_BYTES: asynchronous reads leave the process idle while it waits on
// the thread pool, a fifth of a parse's time. The turns keep DuckDB's COPY chain moving during a load (it
// advances only when its completions are handled: reading whole files without a turn stalls it) and a
// server that loads answering its readers.
import { closeSync, openSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Bytes read between two turns of the event loop: a few milliseconds of parsing. */
const TURN_BYTES = 1 << 18;

/** Buffers not in use, by size: a file's buffer goes back here when it has been read. */
const idle = new Map<number, Buffer[]>();

/**
 * The file's bytes in chunks of at most `size` bytes. Each chunk is the same buffer refilled, so it is
 * valid only until the next one is asked for: copy what must outlive it.
 */
export async function* fileChunks(path: string, size: number): AsyncGenerator<Uint8Array> {
  await nextTurn();
  const fd = openSync(path, 'r');
  const buffer = idle.get(size)?.pop() ?? Buffer.allocUnsafe(size);
  try {
    let sinceTurn = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, size, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      sinceTurn += bytesRead;
      if (sinceTurn >= TURN_BYTES) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
  } finally {
    closeSync(fd);
    const free = idle.get(size) ?? [];
    // a few are enough: files are hashed a handful at a time and read one at a time
    if (free.length < 8) free.push(buffer);
    idle.set(size, free);
  }
}
