// better-sqlite3's own transaction wrapper, built once per connection. Drizzle's
// `db.transaction` builds a fresh wrapper and a transaction object on every call, which costs more
// than the statements of a small transaction (an activity row, a status read). Nesting works as in
// better-sqlite3: inside a transaction, the inner call is a savepoint.
import type Database from 'better-sqlite3';
import type { Db } from './db.js';

type Runner = (fn: () => unknown) => unknown;

const runners = new WeakMap<Database.Database, Runner>();

export function inTransaction<T>(db: Db, fn: () => T): T {
  const client = db.$client;
  let run = runners.get(client);
  if (!run) {
    run = client.transaction((inner: () => unknown) => inner());
    runners.set(client, run);
  }
  return run(fn) as T;
}
