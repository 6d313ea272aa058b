import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/**
 * Opens (creating it and its folder if needed) and migrates the database. The pragmas live here
 * and nowhere else: WAL so readers never block the writer, foreign keys on, and a busy timeout
 * so `npm run tick` from an external cron can share the file with a running bot.
 */
export function openDatabase(path: string, migrations: string = migrationsFolder): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrations });
  // drizzle applies the migrations newer than the last one recorded; the newest shipped must be there.
  const shipped = readMigrationFiles({ migrationsFolder: migrations });
  const newest = Math.max(0, ...shipped.map((m) => m.folderMillis));
  const status = (): DatabaseStatus => {
    if (!sqlite.open) return { ok: false, reason: 'the database is closed' };
    const row = sqlite.prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations').get() as { n: number; last: number | null };
    if (row.n < shipped.length || Number(row.last ?? 0) < newest) {
      return { ok: false, reason: `${row.n} of ${shipped.length} migrations applied` };
    }
    return { ok: true, migrations: row.n };
  };
  return { db, sqlite, status, close: () => sqlite.close() };
}
