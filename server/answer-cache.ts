// Answers of the read routes kept until the data changes: the warehouse changes only through this server
// while it runs (DuckDB lets one process open the file), so a load or a build through it (changed())
// drops every answer, and nothing older than the data can be served. Keyed by route, query and the
// reader's practices; least recently used answers go first once the answers kept pass a size in bytes;
// an answer larger than an entry's share is handed to its requests and not kept. Requests for an answer
// being computed wait for that computation instead of starting another. Audited routes still record
// every read.
export interface CacheLimits {
  /** What all kept answers may hold together (estimated as JavaScript holds them). */
  maxBytes: number;
  /** An answer larger than this is not kept. */
  maxEntryBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxBytes: 64 * 1024 ** 2, maxEntryBytes: 4 * 1024 ** 2 };

interface Entry {
  answer: Promise<unknown>;
  /** 0 while the answer is being computed. */
  bytes: number;
}

export class AnswerCache {
  private readonly answers = new Map<string, Entry>();
  private held = 0;

  constructor(private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  static key(route: string, query: Record<string, string>, practices: readonly string[] | undefined): string {
    const sorted = Object.keys(query).sort().map((k) => [k, query[k]]);
    return JSON.stringify([route, sorted, practices ?? '*']);
  }

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key);
    if (known) {
      this.answers.delete(key);
      this.answers.set(key, known); // most recently used last
      return known.answer as Promise<T>;
    }
    const pending = compute();
    const entry: Entry = { answer: pending, bytes: 0 };
    this.answers.set(key, entry);
    pending.then(
      (value) => {
        if (this.answers.get(key) !== entry) return; // dropped meanwhile
        const bytes = approximateBytes(value, this.limits.maxEntryBytes + 1);
        if (bytes > this.limits.maxEntryBytes) this.remove(key);
        else {
          entry.bytes = bytes;
          this.held += bytes;
          this.evict();
        }
      },
      // a refusal (no data, a bad parameter the SQL found) is not kept
      () => {
        if (this.answers.get(key) === entry) this.remove(key);
      },
    );
    return pending;
  }

  clear(): void {
    this.answers.clear();
    this.held = 0;
  }

  get size(): number {
    return this.answers.size;
  }

  /** What the kept answers hold, in estimated bytes. */
  get bytes(): number {
    return this.held;
  }

  private remove(key: string): void {
    const entry = this.answers.get(key);
    if (!entry) return;
    this.held -= entry.bytes;
    this.answers.delete(key);
  }

  private evict(): void {
    for (const key of this.answers.keys()) {
      if (this.held <= this.limits.maxBytes) return;
      this.remove(key);
    }
  }
}

/**
 * Roughly what a value holds in memory (strings at two bytes a character, numbers eight, a field or element
 * its own slot), counted no further than `stopAt`: enough to bound a cache, not a measurement.
 */
export function approximateBytes(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total < stopAt) {
    const v = stack.pop();
    if (typeof v === 'string') total += 16 + v.length * 2;
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) total += 8;
    else if (typeof v === 'bigint') total += 16;
    else if (v instanceof Uint8Array) total += 64 + v.byteLength;
    else if (Array.isArray(v)) {
      total += 16 + v.length * 8;
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as object);
      total += 32 + entries.length * 16;
      for (const [k, item] of entries) stack.push(k, item);
    }
  }
  return total;
}
