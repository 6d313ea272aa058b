// The database the app runs on, whichever it is: SQLite at DATABASE_PATH (the default) or
// PostgreSQL at DATABASE_URL. What differs is said here once: the store's handle, where the
// durable inbox writes and how it waits for a lock, and what /healthz and /readyz ask.
import type Database from 'better-sqlite3';
import { type Checkpointer, startCheckpointer } from './checkpointer.js';
import { type DatabaseStatus, migrationsFolder, type OpenDatabase, openDatabase, openSideConnection } from './db.js';
import { type Dialect, postgresStoreDb, type StoreDb, sqliteStoreDb } from './handle.js';
import { inboxConnections, type OpenPostgres } from './pg/db.js';
import { type Writability, WriteGate } from './write-gate.js';

/** How the durable inbox's writes get through (the write gate's surface). */
export interface InboxGate {
  write<T>(fn: () => T | Promise<T>, budgetMs: number): Promise<T>;
  report(err: unknown): void;
  ready(): Promise<void> | undefined;
  check(): Writability;
  stop(): void;
}

export interface AppDatabase {
  dialect: Dialect;
  /** The store's handle. */
  handle: StoreDb;
  /** Where the inbox writes: on SQLite a connection of its own that never waits for a lock (write-gate.ts). */
  inboxHandle: StoreDb;
  /** How many of the inbox's writes can be under way at once (its connections); unbounded on SQLite. */
  inboxWritesAtOnce?: number;
  inboxGate: InboxGate;
  /** /healthz: the connection answers. */
  alive(): Promise<boolean>;
  /**
   * One statement in plain SQL, its rows (`?` or `$1` placeholders, as the dialect takes them):
   * for an operator's check or a test that looks at the tables themselves, never for the app's work.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** /readyz: the database answers and every migration of this build is applied. */
  status(): Promise<DatabaseStatus>;
  /** SQLite: the opened file (tests reach into it); undefined on PostgreSQL. */
  sqlite: OpenDatabase | undefined;
  /** Every SQLite connection held (a test fills the disk on all of them); none on PostgreSQL. */
  connections: Database.Database[];
  /**
   * What a serving app runs beside its work (SQLite: WAL checkpoints from a worker thread,
   * checkpointer.ts); stopped by close(). Told of what fails there.
   */
  startBackground(onError: (message: string) => void): void;
  close(): Promise<void>;
}

/** SQLite at `path`, migrated (synchronous: better-sqlite3). */
export function sqliteAppDatabase(path: string, options: { busyTimeoutMs: number }): AppDatabase {
  const database = openDatabase(path, migrationsFolder, { busyTimeoutMs: options.busyTimeoutMs });
  const side =
    path === ':memory:' ? { db: database.db, sqlite: database.sqlite } : openSideConnection(path, { busyTimeoutMs: 0 });
  const gate = new WriteGate(side.sqlite);
  const handle = sqliteStoreDb(database.db);
  let checkpointer: Checkpointer | undefined;
  return {
    dialect: 'sqlite',
    handle,
    // In memory there is one connection: one handle, so one serial turn (serial.ts) guards it.
    inboxHandle: side.sqlite === database.sqlite ? handle : sqliteStoreDb(side.db),
    inboxGate: gate,
    alive: async () => {
      try {
        database.sqlite.prepare('select 1').get();
        return true;
      } catch {
        return false;
      }
    },
    query: async <T>(text: string, params: unknown[] = []) => {
      const statement = database.sqlite.prepare(text);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    status: async () => database.status(),
    sqlite: database,
    connections: side.sqlite === database.sqlite ? [database.sqlite] : [database.sqlite, side.sqlite],
    startBackground: (onError) => {
      // In memory there is no WAL, nor a file another connection could open.
      if (path === ':memory:' || checkpointer) return;
      checkpointer = startCheckpointer(path, { onError });
    },
    close: async () => {
      await checkpointer?.stop();
      checkpointer = undefined;
      gate.stop();
      if (side.sqlite !== database.sqlite) side.sqlite.close();
      database.close();
    },
  };
}

/**
 * PostgreSQL, opened and migrated (store/pg/db.ts). The inbox writes through connections of its
 * own (pg/db.ts: inboxDb): a query waiting for a row lock waits off the event loop, so no gate is
 * needed; a write that fails is remembered a minute for readiness, as on SQLite.
 */
export function postgresAppDatabase(pg: OpenPostgres): AppDatabase {
  const handle = postgresStoreDb(pg.db);
  let lastFailure: { reason: string; at: number } | undefined;
  const remember = (err: unknown) => {
    lastFailure = { reason: err instanceof Error ? err.message : String(err), at: Date.now() };
  };
  const gate: InboxGate = {
    write: async (fn) => {
      try {
        const value = await fn();
        lastFailure = undefined;
        return value;
      } catch (err) {
        remember(err);
        throw err;
      }
    },
    report: remember,
    ready: () => undefined,
    check: () =>
      lastFailure && Date.now() - lastFailure.at < 60_000
        ? { writable: false, problem: `the last write failed (${lastFailure.reason})` }
        : { writable: true },
    stop: () => undefined,
  };
  return {
    dialect: 'postgres',
    handle,
    inboxHandle: postgresStoreDb(pg.inboxDb),
    inboxWritesAtOnce: inboxConnections,
    inboxGate: gate,
    alive: async () => {
      try {
        await pg.pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pg.pool.query(text, params)).rows as T[],
    status: () => pg.status(),
    sqlite: undefined,
    connections: [],
    // The server checkpoints its own WAL.
    startBackground: () => undefined,
    close: () => pg.close(),
  };
}
