import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from '../../db/schema.js';

/** What `drizzle()` returns: the query builder, with the better-sqlite3 connection as `$client`. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
  /** Whether the connection answers and every migration shipped with this build is applied (for /readyz). */
  status(): DatabaseStatus;
  close(): void;
}

export type DatabaseStatus = { ok: true; migrations: number } | { ok: false; reason: string };

export interface ConnectionOptions {
  /**
   * How long a write waits for another connection's lock, sleeping inside the event loop
   * (better-sqlite3 is synchronous). `npm run tick` can wait (default 5 s, so it shares the file
   * with a running bot); the server waits briefly (app.ts) and lets the write gate do the rest.
   */
  busyTimeoutMs?: number;
}

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/** The database cannot be opened where DATABASE_PATH says: one line saying where and why. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

const codeOf = (err: unknown): string =>
  (err as { code?: unknown } | null)?.code?.toString() ?? (err instanceof Error ? err.message : String(err));

/**
 * Creates the folder one level at a time. Node's recursive mkdirSync never returns for a path it
 * cannot create under some parents (under /proc it loops for ever); this fails at once instead.
 */
function ensureFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      if (codeOf(err) !== 'EEXIST')
        throw new DatabaseOpenError(`cannot create the folder ${dir} for the database (DATABASE_PATH): ${codeOf(err)}`);
    }
  }
}

/**
 * WAL pages after which a commit on the app's own connections checkpoints (SQLite's default is
 * 1,000, 4 MB). While the app serves, a worker thread checkpoints every half second instead
 * (checkpointer.ts): this is the backstop should it fall behind or fail. A one-off `npm run tick`
 * runs no worker; its first tick on a 10,000-POC morning writes ~1,400 rows, a few thousand pages,
 * and closing the database checkpoints them once at the end.
 */
export const walBackstopPages = 10_000;

/** One connection with pocbot's pragmas: WAL so readers never block the writer, foreign keys on. */
export function openConnection(path: string, options: ConnectionOptions = {}): Database.Database {
  if (path !== ':memory:') ensureFolder(dirname(path));
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    sqlite.pragma('journal_mode = WAL');
  } catch (err) {
    throw new DatabaseOpenError(
      `cannot open the database at ${path} (DATABASE_PATH): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${walBackstopPages}`);
  return sqlite;
}

/**
 * Opens (creating it and its folder if needed) and migrates the database. The pragmas live here
 * and nowhere else (openConnection).
 */
export function openDatabase(
  path: string,
  migrations: string = migrationsFolder,
  options: ConnectionOptions = {},
): OpenDatabase {
  const sqlite = openConnection(path, options);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrations });
  // drizzle applies the migrations newer than the last one recorded; the newest shipped must be there.
  const shipped = readMigrationFiles({ migrationsFolder: migrations });
  const newest = Math.max(0, ...shipped.map((m) => m.folderMillis));
  const status = (): DatabaseStatus => {
    if (!sqlite.open) return { ok: false, reason: 'the database is closed' };
    const row = sqlite.prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations').get() as {
      n: number;
      last: number | null;
    };
    if (row.n < shipped.length || Number(row.last ?? 0) < newest) {
      return { ok: false, reason: `${row.n} of ${shipped.length} migrations applied` };
    }
    return { ok: true, migrations: row.n };
  };
  return { db, sqlite, status, close: () => sqlite.close() };
}

/** A second connection to an open database (no migration): the inbox's, which never waits for a lock. */
export function openSideConnection(
  path: string,
  options: ConnectionOptions = {},
): { db: Db; sqlite: Database.Database } {
  const sqlite = openConnection(path, options);
  return { db: drizzle(sqlite, { schema }), sqlite };
}
