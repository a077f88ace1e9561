// Answers of the read routes kept until the data changes: the warehouse changes only through this server
// while it runs (DuckDB lets one process open the file), so a load or a build through it (changed())
// drops every answer, and nothing older than the data can be served. Keyed by route, query and the
// reader's practices; least recently used answers go first; requests for an answer being computed wait
// for that computation instead of starting another. Audited routes still record every read.
export class AnswerCache {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = 500) {}

  static key(route: string, query: Record<string, string>, practices: readonly string[] | undefined): string {
    const sorted = Object.keys(query).sort().map((k) => [k, query[k]]);
    return JSON.stringify([route, sorted, practices ?? '*']);
  }

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key) as Promise<T> | undefined;
    if (known) {
      this.answers.delete(key);
      this.answers.set(key, known); // most recently used last
      return known;
    }
    const pending = compute();
    this.answers.set(key, pending);
    // a refusal (no data, a bad parameter the SQL found) is not kept
    pending.catch(() => {
      if (this.answers.get(key) === pending) this.answers.delete(key);
    });
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
    return pending;
  }

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }
}
