// A PostgreSQL database of a test's own on the server the machine provides (CI's too):
// created under a unique name, dropped after. PG_TEST_URL names another server or user.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenPostgres, openPostgres, type PostgresOptions } from '../src/store/pg/db.js';

/** The server's maintenance database, through which test databases are created and dropped. */
export const pgAdminUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The same server and user, another database. */
export function pgUrlFor(database: string, base: string = pgAdminUrl): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl, application_name: 'pocbot tests' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface EmptyPgDatabase {
  name: string;
  url: string;
  /** Drops it, ending whatever connections are left on it. */
  drop(): Promise<void>;
}

/** A new, empty database (not migrated), named after the process and a random suffix. */
export async function createPgDatabase(label = 't'): Promise<EmptyPgDatabase> {
  const name = `pocbot_${label}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await admin((c) => c.query(`create database "${name}"`));
  return {
    name,
    url: pgUrlFor(name),
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

export interface FreshPgDatabase extends EmptyPgDatabase {
  /** The database opened and migrated as the app opens it (its pool). */
  pg: OpenPostgres;
}

/** A new database, migrated and opened; drop() closes the pool, then drops it. */
export async function freshPgDatabase(options: PostgresOptions & { label?: string } = {}): Promise<FreshPgDatabase> {
  const empty = await createPgDatabase(options.label);
  try {
    const opened = await openPostgres(empty.url, options);
    return {
      ...empty,
      pg: opened,
      drop: async () => {
        await opened.close();
        await empty.drop();
      },
    };
  } catch (err) {
    await empty.drop();
    throw err;
  }
}
