// Items handed in during one turn of the event loop, written together at its end (setImmediate):
// a commit costs far more than a row (its WAL write), and under a burst many items arrive in the
// same turn. Each caller waits for its own item's result; a failed write fails every item of it.
// The inbox stores the requests of a turn this way, and the dispatcher marks its posts sent.
export class TurnBatch<T, R> {
  private items: Array<{ item: T; resolve: (value: R) => void; reject: (err: unknown) => void }> = [];

  /** `write` gets the turn's items in the order they came and gives one result per item. */
  constructor(private readonly write: (items: T[]) => Promise<R[]>) {}

  /** Items wait for this turn's write. */
  get waiting(): boolean {
    return this.items.length > 0;
  }

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.items.push({ item, resolve, reject });
      if (this.items.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.items;
    this.items = [];
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i] as R));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
