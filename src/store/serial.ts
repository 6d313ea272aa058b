// One better-sqlite3 connection shared by callers that await. SQLite has one transaction per
// connection: a statement run while another caller's transaction is open joins it, to be
// committed or rolled back with it; and a store method whose statements are awaited one by one
// could see another's writes half-way. So the connection is held by one caller at a time, for a
// whole store method or transaction (the async context that holds it goes straight on: a method
// calling the store inside a transaction), and the others wait their turn. better-sqlite3 runs each
// statement synchronously, so a turn costs a promise, not a wait on the disk.
import { ContextSlot } from '../async-context.js';
import type Database from 'better-sqlite3';

export class SqliteSerial {
  private readonly context = new ContextSlot<object>('sqlite connection holder');
  /** The async context holding the connection, if any. */
  private owner: object | undefined;
  /** Settles when the holder lets go. */
  private released: Promise<void> = Promise.resolve();
  private savepoints = 0;

  constructor(private readonly client: Database.Database) {}

  private mine(): boolean {
    return this.owner !== undefined && this.context.get() === this.owner;
  }

  /** Runs fn holding the connection (at once when the caller holds it already). */
  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.mine()) return fn();
    while (this.owner !== undefined) await this.released;
    const owner = {};
    this.owner = owner;
    let release!: () => void;
    this.released = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      return await this.context.run(owner, fn);
    } finally {
      this.owner = undefined;
      release();
    }
  }

  /** fn's statements in one transaction: the caller's when it holds one (no savepoint), else a new one. */
  atomic<T>(fn: () => Promise<T>): Promise<T> {
    return this.mine() && this.client.inTransaction ? fn() : this.transaction(fn);
  }

  /** fn in one transaction: committed when it resolves, rolled back when it throws; inside one, a savepoint. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.mine()) return this.savepoint(fn);
    return this.run(async () => {
      this.client.exec('BEGIN');
      try {
        const result = await fn();
        this.client.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.client.inTransaction) this.client.exec('ROLLBACK');
        throw err;
      }
    });
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `pocbot_${++this.savepoints}`;
    this.client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.client.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.client.exec(`ROLLBACK TO ${name}`);
      this.client.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      this.savepoints--;
    }
  }
}

/** A store module's methods as the services see them: each returns a promise. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/** `impl`'s methods (its class's and its parents'), each run through `exclusive`. */
export function serialized<T extends object>(
  impl: T,
  exclusive: <R>(fn: () => R | Promise<R>) => Promise<R>,
): Async<T> {
  const out: Record<string, unknown> = {};
  for (
    let proto = Object.getPrototypeOf(impl);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name === 'constructor' || name in out || typeof descriptor?.value !== 'function') continue;
      const method = descriptor.value as (...args: unknown[]) => unknown;
      out[name] = (...args: unknown[]) => exclusive(() => method.apply(impl, args));
    }
  }
  return out as Async<T>;
}
