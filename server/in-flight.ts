// The requests the server is answering. When it stops, their work finishes before the warehouse closes:
// a DuckDB connection closed under a query still running for a request whose client had gone left
// `rcm serve` unable to exit after SIGTERM (3 stops in 8 with a CSV export abandoned by its client).

export class InFlight {
  private count = 0;
  private waiting: (() => void)[] = [];

  /** Runs one request's handling, counted until its answer (built whole: nothing streams from DuckDB) is ready. */
  async track<T>(handle: () => Promise<T> | T): Promise<T> {
    this.count++;
    try {
      return await handle();
    } finally {
      if (--this.count === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  get size(): number {
    return this.count;
  }

  /** Resolves once no request is being handled (at once when none is). */
  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
