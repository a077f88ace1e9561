// Where files sent to the server wait until they load: the inbox, a folder beside the warehouse that only
// the server's user may open (uploads are raw 835s and 837s: patient names). A file's place is named by the
// server, never by the client (its name is kept only to name the file in outcomes and messages). Each file
// is deleted once its load is done, an upload set not loaded in time is dropped with its files, and what a
// killed server left behind is deleted when the next one starts.
//
// An upload set's files may still be arriving when its ingest is asked for: the ingest closes the set (a
// file sent after that is refused, never acknowledged and dropped) and waits for the files under way.
import { createWriteStream, existsSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { httpError } from './http-error.ts';
import { describeSize } from './request-limits.ts';
import type { RequestLimits } from './options.ts';

/** The inbox of a warehouse file (data/rcm.duckdb → data/rcm.duckdb.inbox); an in-memory one's is temporary. */
export function inboxFor(warehousePath: string): string {
  return warehousePath === ':memory:' ? mkdtempSync(join(tmpdir(), 'rcm-inbox-')) : `${warehousePath}.inbox`;
}

/** Makes the inbox (owner-only) and deletes whatever an earlier server left in it. */
export function prepareInbox(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  clearInbox(dir);
}

/** Deletes every upload in the inbox (at start, and when the server stops). */
export function clearInbox(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
}

interface UploadSet {
  dir: string;
  user: bigint;
  created: number;
  /** Files received, by their place in the set (the order they were sent in). */
  files: Map<number, { path: string; name: string }>;
  next: number;
  /** Files still arriving. */
  arriving: Set<Promise<unknown>>;
  /** True once its ingest started: no file is taken after that. */
  closed: boolean;
}

export class Inbox {
  private readonly sets = new Map<string, UploadSet>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly dir: string, private readonly limits: RequestLimits, private readonly now: () => number = Date.now) {
    prepareInbox(dir);
    // sets are also swept when one is opened; the timer covers a server nobody sends to any more
    this.sweeper = setInterval(() => this.sweep(), Math.min(limits.uploadSetMinutes, 10) * 60_000);
    this.sweeper.unref();
  }

  /** Receives one file for a load of its own; the caller deletes it with `discard` once loaded. */
  async single(body: ReadableStream<Uint8Array> | null, declaredLength: string | undefined): Promise<string> {
    const path = join(this.dir, `file-${randomBytes(12).toString('hex')}`);
    await this.receive(body, declaredLength, path);
    return path;
  }

  discard(path: string): void {
    rmSync(path, { recursive: true, force: true });
  }

  open(user: bigint): { id: string; expiresInMinutes: number } {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    const dir = join(this.dir, `set-${id}`);
    mkdirSync(dir, { mode: 0o700 });
    this.sets.set(id, { dir, user, created: this.now(), files: new Map(), next: 0, arriving: new Set(), closed: false });
    return { id, expiresInMinutes: this.limits.uploadSetMinutes };
  }

  /** Adds a file to a set; answers how many files the set holds. */
  async add(id: string, user: bigint, name: string, body: ReadableStream<Uint8Array> | null, declaredLength: string | undefined): Promise<number> {
    const set = this.setOf(id, user);
    if (set.closed) throw httpError(409, 'upload_closed', `upload set ${id} is being loaded: send further files in a new set`);
    const place = set.next++;
    const path = join(set.dir, String(place).padStart(6, '0'));
    // the file joins the set in the same step as it finishes arriving: an ingest waiting for it finds it
    const arriving = this.receive(body, declaredLength, path).then(() => void set.files.set(place, { path, name }));
    set.arriving.add(arriving);
    try {
      await arriving;
    } finally {
      set.arriving.delete(arriving);
    }
    return set.files.size;
  }

  /** Closes a set and, once its files under way have arrived, hands over its files in the order sent. */
  async take(id: string, user: bigint): Promise<{ path: string; name: string }[]> {
    const set = this.setOf(id, user);
    if (set.closed) throw httpError(409, 'upload_closed', `upload set ${id} is already being loaded`);
    set.closed = true;
    await Promise.allSettled([...set.arriving]);
    return [...set.files.entries()].sort(([a], [b]) => a - b).map(([, file]) => file);
  }

  /** Deletes a set and its files (after its load). */
  drop(id: string): void {
    const set = this.sets.get(id);
    if (!set) return;
    this.sets.delete(id);
    rmSync(set.dir, { recursive: true, force: true });
  }

  /** Drops the sets not loaded in time (a set being loaded or still receiving is left alone). */
  sweep(): void {
    const oldest = this.now() - this.limits.uploadSetMinutes * 60_000;
    for (const [id, set] of this.sets) if (set.created < oldest && !set.closed && set.arriving.size === 0) this.drop(id);
  }

  private setOf(id: string, user: bigint): UploadSet {
    const set = this.sets.get(id);
    if (!set || set.user !== user) throw httpError(404, 'not_found', `no upload set ${id}`);
    return set;
  }

  /** Streams a request's body into a file, refusing (413) past the upload cap; a refused or broken file is deleted. */
  private async receive(body: ReadableStream<Uint8Array> | null, declaredLength: string | undefined, path: string): Promise<void> {
    if (!body) throw httpError(400, 'bad_request', 'send the file as the request body');
    const cap = this.limits.uploadBytes;
    // the connection closes after the refusal: the unread rest of the body must not be taken for the next request
    const tooLarge = () => httpError(413, 'too_large', `a file may hold at most ${describeSize(cap)} (the server's upload cap: rcm serve --upload-limit)`, { connection: 'close' });
    if (declaredLength !== undefined && Number(declaredLength) > cap) throw tooLarge();
    const out = createWriteStream(path, { mode: 0o600 });
    const reader = body.getReader();
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        // the rest of the body is left to the HTTP server, which reads a bounded amount more and closes
        // the connection: the client gets the 413 instead of a reset mid-file
        if (received > cap) throw tooLarge();
        if (!out.write(value)) await once(out, 'drain');
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    } catch (error) {
      reader.releaseLock();
      out.destroy();
      rmSync(path, { force: true });
      throw error;
    }
  }
}
