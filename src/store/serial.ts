// One better-sqlite3 connection shared by callers that await. better-sqlite3 runs each statement
// synchronously, so a store method (synchronous inside) never interleaves with another. A
// transaction that awaits between its statements is different: SQLite has one transaction per
// connection, and any other caller's statement run meanwhile would join it, to be committed or
// rolled back with it. So while a transaction is open, every other caller waits for it to end,
// and transactions take turns; the transaction's own calls (its async context) go straight on.
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

export class SqliteSerial {
  private readonly context = new AsyncLocalStorage<object>();
  /** The open transaction's context, if any. */
  private owner: object | undefined;
  /** Settles when the open transaction ends. */
  private ended: Promise<void> = Promise.resolve();
  /** Settles when the last transaction queued ends: the next one starts after it. */
  private tail: Promise<void> = Promise.resolve();
  private savepoints = 0;

  constructor(private readonly client: Database.Database) {}

  private mine(): boolean {
    return this.owner !== undefined && this.context.getStore() === this.owner;
  }

  /** Runs `fn` (synchronous statements) once no other caller's transaction is open. */
  async run<T>(fn: () => T): Promise<T> {
    while (this.owner !== undefined && !this.mine()) await this.ended;
    return fn();
  }

  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside
   * one, a savepoint (as better-sqlite3's nested transactions). `fn` should await only the store:
   * every other caller of the database waits until it ends.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.mine()) return this.savepoint(fn);
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const before = this.tail;
    this.tail = before.then(() => ended);
    await before;
    // Callers that found no transaction open ran already; from here none starts until this ends.
    while (this.owner !== undefined) await this.ended;
    const owner = {};
    this.owner = owner;
    this.ended = ended;
    try {
      return await this.context.run(owner, async () => {
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
    } finally {
      this.owner = undefined;
      end();
    }
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

/** `impl`'s methods (its class's and its parents'), each run through `serial`. */
export function serialized<T extends object>(impl: T, serial: SqliteSerial): Async<T> {
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
      out[name] = async (...args: unknown[]) => serial.run(() => method.apply(impl, args));
    }
  }
  return out as Async<T>;
}
