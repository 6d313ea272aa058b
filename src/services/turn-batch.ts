// Items handed in during one turn of the event loop, written together at its end (setImmediate):
// a commit costs far more than a row (its WAL write), and under a burst many items arrive in the
// same turn. Each caller waits for its own item's result; a failed write fails every item of it.
// The inbox stores the requests of a turn this way, and the dispatcher marks its posts sent.
//
// With `writesAtOnce`, no more writes than that are under way at once: items handed in meanwhile
// wait and go together in the next one (group commit). On PostgreSQL a write is a round trip on
// one of a few connections; writing each turn's items as it ends would queue statement after
// statement behind the busy connections, where one statement for all of them costs about one.
export class TurnBatch<T, R> {
  private items: Array<{ item: T; resolve: (value: R) => void; reject: (err: unknown) => void }> = [];
  private scheduled = false;
  private writing = 0;
  private readonly writesAtOnce: number;

  /** `write` gets the items in the order they came and gives one result per item. */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    options: { writesAtOnce?: number } = {},
  ) {
    this.writesAtOnce = Math.max(1, options.writesAtOnce ?? Number.POSITIVE_INFINITY);
  }

  /** Items wait for a write. */
  get waiting(): boolean {
    return this.items.length > 0;
  }

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.items.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.items.length === 0 || this.writing >= this.writesAtOnce) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Only from schedule(), which saw room for a write and items waiting; nothing else takes either meanwhile. */
  private async flush(): Promise<void> {
    const batch = this.items;
    this.items = [];
    this.writing++;
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i] as R));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.writing--;
      this.schedule();
    }
  }
}
