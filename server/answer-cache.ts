// Answers of the read routes kept until the data changes: the warehouse changes only through this server
// while it runs (DuckDB lets one process open the file), so a load or a build through it (changed())
// drops every answer, and nothing older than the data can be served. Keyed by route, query and the
// reader's practices; least recently used answers go first. Audited routes still record every read.
export class AnswerCache {
  private readonly answers = new Map<string, unknown>();

  constructor(private readonly capacity = 500) {}

  static key(route: string, query: Record<string, string>, practices: readonly string[] | undefined): string {
    const sorted = Object.keys(query).sort().map((k) => [k, query[k]]);
    return JSON.stringify([route, sorted, practices ?? '*']);
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.answers.has(key)) {
      const hit = this.answers.get(key) as T;
      this.answers.delete(key);
      this.answers.set(key, hit); // most recently used last
      return hit;
    }
    const value = await compute();
    this.answers.set(key, value);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
    return value;
  }

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }
}
