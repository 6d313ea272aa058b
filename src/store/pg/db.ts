// Opening and migrating a PostgreSQL database (DATABASE_URL): the counterpart of ../db.ts for
// SQLite. Several replicas may start at once against one database: the migrations run under an
// advisory lock, so one applies them and the others find them applied. A database this build
// cannot run on (unreachable, or migrated by a newer pocbot) stops start-up with one line, and
// nothing is half-applied: drizzle applies the pending migrations in one transaction.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type * as schema from '../../../db/pg/schema.js';
import { DatabaseOpenError, type DatabaseStatus } from '../db.js';
import { migrationLockKey } from './locks.js';

/** The query builder over the pool, with the pool as `$client`. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const pgMigrationsFolder = fileURLToPath(new URL('../../../db/pg/migrations', import.meta.url));

/** Where drizzle's migrator records what it applied (its defaults, named here for our own reads). */
const journalTable = 'drizzle.__drizzle_migrations';

export interface PostgresOptions {
  migrationsFolder?: string;
  /** How long a connection attempt may take: an unreachable host fails then instead of hanging. */
  connectTimeoutMs?: number;
  /** How long start-up waits for another process's migration to finish. */
  migrationLockTimeoutMs?: number;
  /** The pool's size (connections kept open at most). */
  maxConnections?: number;
  /** An idle pooled connection failed (the server restarted, a network blip): the next query reconnects. */
  onIdleError?: (err: Error) => void;
  /** What the URL is called in an error line: where the person running it set it. */
  urlName?: string;
}

/** PostgreSQL's bigint (int8). */
const int8Oid = 20;
const toNumber = (value: string) => Number(value);

const defaults = { connectTimeoutMs: 10_000, migrationLockTimeoutMs: 120_000, maxConnections: 10 };

export interface OpenPostgres {
  db: PgDb;
  pool: pg.Pool;
  /**
   * The inbox's own connections (store/inbox.ts), whose commits do not wait for the disk
   * (`synchronous_commit = off`): every Slack request is stored there before its ack. A crash of
   * the app loses none of them; a crash of the database server may lose its last ~0.6 s of
   * requests, as a power cut may SQLite's last commits (WAL, synchronous NORMAL). Everything else
   * commits as the server is set to.
   */
  inboxDb: PgDb;
  /** Whether the database answers and every migration shipped with this build is applied (for /readyz). */
  status(): Promise<DatabaseStatus>;
  close(): Promise<void>;
}

/** host:port/database, never the user or password: what an error line may say of DATABASE_URL. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}${u.port ? `:${u.port}` : ''}/${decodeURIComponent(u.pathname.replace(/^\//, ''))}`;
  } catch {
    return '(DATABASE_URL is not a URL)';
  }
}

/**
 * An error's words, however node-postgres or the socket put them: a refused connection to a name
 * with two addresses (localhost) is an AggregateError with an empty message.
 */
export function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return reasonOf(err.errors[0]);
  const e = err as { message?: unknown; code?: unknown } | null;
  const words =
    typeof e?.message === 'string' && e.message !== ''
      ? e.message
      : e?.code !== undefined
        ? String(e.code)
        : String(err);
  // One line, whatever the server said.
  return words.replace(/\s*\n\s*/g, ' ').trim();
}

export interface ShippedMigration {
  tag: string;
  /** The journal's `when`: drizzle records it as `created_at`, and it is how a migration is known. */
  when: number;
}

/** The migrations in a folder, from its journal, oldest first. */
export function shippedMigrations(folder: string): ShippedMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: ShippedMigration[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}

export type MigrationPlan = { ok: true; pending: ShippedMigration[] } | { ok: false; reason: string };

/**
 * What migrating a database would do, from the `created_at` of each migration it records. drizzle
 * applies the shipped migrations newer than the newest recorded one and skips the rest, so it
 * would run this build on a database it does not understand, without a word, in two cases:
 * - it records a migration this build does not ship: a newer pocbot migrated it (or another
 *   build); this one must not run on a schema it does not know.
 * - a shipped migration older than the newest recorded one is missing: drizzle would never apply
 *   it (two branches' migrations merged out of order).
 */
export function planMigrations(shipped: ShippedMigration[], recorded: number[]): MigrationPlan {
  const known = new Set(shipped.map((m) => m.when));
  const unknown = recorded.filter((when) => !known.has(when)).sort((a, b) => a - b);
  if (unknown.length > 0) {
    const newest = Math.max(0, ...shipped.map((m) => m.when));
    const newer = unknown.filter((when) => when > newest);
    const stamp = (when: number) => new Date(when).toISOString();
    return newer.length > 0
      ? {
          ok: false,
          reason: `it was migrated by a newer pocbot: it records ${newer.length} migration${newer.length === 1 ? '' : 's'} this build does not ship (the newest of ${stamp(Math.max(...newer))}); run that version or a later one`,
        }
      : {
          ok: false,
          reason: `it records a migration this build does not ship (of ${stamp(unknown[0] as number)}): it was migrated by another build of pocbot`,
        };
  }
  const applied = new Set(recorded);
  const newestRecorded = Math.max(0, ...recorded);
  const pending = shipped.filter((m) => !applied.has(m.when));
  const skipped = pending.filter((m) => m.when <= newestRecorded);
  if (skipped.length > 0) {
    return {
      ok: false,
      reason: `migration ${skipped.map((m) => m.tag).join(', ')} is not applied but a later one is, so it never would be`,
    };
  }
  return { ok: true, pending };
}

/** One connection, or a DatabaseOpenError saying where (never the password) and why. */
async function connect(url: string, connectTimeoutMs: number, urlName: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'pocbot migrate',
  });
  // A connection lost mid-migration fails the query under way; without a listener it would also crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new DatabaseOpenError(
      `cannot connect to PostgreSQL at ${describeDatabaseUrl(url)} (${urlName}): ${reasonOf(err)}`,
    );
  }
  return client;
}

async function recordedMigrations(client: pg.Client): Promise<number[]> {
  const exists = await client.query<{ found: string | null }>(`select to_regclass('${journalTable}')::text as found`);
  if (exists.rows[0]?.found == null) return [];
  const rows = await client.query<{ created_at: string }>(`select created_at::text from ${journalTable}`);
  return rows.rows.map((r) => Number(r.created_at));
}

export interface MigrationReport {
  /** The tags of the migrations this call applied (none: another process had, or nothing was pending). */
  applied: string[];
  /** Migrations recorded in the database afterwards. */
  recorded: number;
}

/**
 * Applies the pending migrations, holding the advisory lock all the while: a second process
 * starting at the same time waits, then finds nothing to do. The lock is the connection's, so a
 * process that dies while holding it releases it.
 */
export async function migratePostgres(url: string, options: PostgresOptions = {}): Promise<MigrationReport> {
  const folder = options.migrationsFolder ?? pgMigrationsFolder;
  const where = describeDatabaseUrl(url);
  const lockTimeoutMs = options.migrationLockTimeoutMs ?? defaults.migrationLockTimeoutMs;
  const urlName = options.urlName ?? 'DATABASE_URL';
  const client = await connect(url, options.connectTimeoutMs ?? defaults.connectTimeoutMs, urlName);
  try {
    try {
      await client.query(`set lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
      await client.query('select pg_advisory_lock($1::bigint)', [migrationLockKey]);
      await client.query('reset lock_timeout');
    } catch (err) {
      const waited = (err as { code?: unknown }).code === '55P03';
      throw new DatabaseOpenError(
        waited
          ? `another process held pocbot's migration lock on ${where} for ${lockTimeoutMs / 1000} s (a migration still running elsewhere?)`
          : `cannot take pocbot's migration lock on ${where}: ${reasonOf(err)}`,
      );
    }
    const shipped = shippedMigrations(folder);
    const plan = planMigrations(
      shipped,
      await recordedMigrations(client).catch((err: unknown) => {
        throw new DatabaseOpenError(`cannot read the migrations recorded in ${where}: ${reasonOf(err)}`);
      }),
    );
    if (!plan.ok)
      throw new DatabaseOpenError(
        `the database at ${where} (${urlName}) cannot be used by this pocbot: ${plan.reason}`,
      );
    if (plan.pending.length > 0) {
      try {
        await migrate(drizzle({ client }), { migrationsFolder: folder });
      } catch (err) {
        // drizzle ran every pending migration in one transaction: none of them is left half-applied.
        const cause = (err as { cause?: unknown }).cause ?? err;
        throw new DatabaseOpenError(
          `migrating the database at ${where} failed, nothing of it applied: ${reasonOf(cause)}`,
        );
      }
    }
    const recorded = await recordedMigrations(client);
    return { applied: plan.pending.map((m) => m.tag), recorded: recorded.length };
  } finally {
    // Ending the session releases its advisory lock.
    await client.end().catch(() => {});
  }
}

/** The inbox's own connections: as many of its writes can be under way at once (services/inbox.ts). */
export const inboxConnections = 2;

/** Migrates (under the lock), then opens the pools the store uses. What main.ts calls when DATABASE_URL is set. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<OpenPostgres> {
  const folder = options.migrationsFolder ?? pgMigrationsFolder;
  await migratePostgres(url, options);
  const poolOf = (config: pg.PoolConfig) => {
    const made = new pg.Pool({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
      // count(*) and sums are bigint, which node-postgres gives as strings: the store counts in
      // numbers, as SQLite gives them (no count here comes near 2^53).
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === int8Oid ? toNumber : pg.types.getTypeParser(oid, format as 'text'),
      },
      ...config,
    });
    // Without a listener, an idle connection's error (a server restart) would crash the process.
    made.on('error', options.onIdleError ?? (() => {}));
    return made;
  };
  const pool = poolOf({ max: options.maxConnections ?? defaults.maxConnections, application_name: 'pocbot' });
  // A request's row waits on the server's WAL flush otherwise (~1 ms here, more on a network disk),
  // and every ack behind it waits too.
  const inboxPool = poolOf({
    max: inboxConnections,
    application_name: 'pocbot inbox',
    options: '-c synchronous_commit=off',
  });
  // Without drizzle's relational schema (the store never uses db.query): given one, drizzle builds
  // a query helper per table for every transaction it opens, about a fifth of a reaction's CPU.
  const db = drizzle({ client: pool }) as unknown as PgDb;
  const inboxDb = drizzle({ client: inboxPool }) as unknown as PgDb;
  const shipped = shippedMigrations(folder);
  const newest = Math.max(0, ...shipped.map((m) => m.when));
  let closed = false;
  const status = async (): Promise<DatabaseStatus> => {
    if (closed) return { ok: false, reason: 'the database is closed' };
    try {
      const { rows } = await pool.query<{ n: number; last: string | null }>(
        `select count(*)::int as n, max(created_at)::text as last from ${journalTable}`,
      );
      const row = rows[0] ?? { n: 0, last: null };
      if (row.n < shipped.length || Number(row.last ?? 0) < newest)
        return { ok: false, reason: `${row.n} of ${shipped.length} migrations applied` };
      return { ok: true, migrations: row.n };
    } catch (err) {
      return { ok: false, reason: `the database does not answer: ${reasonOf(err)}` };
    }
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all([pool.end(), inboxPool.end()]);
  };
  return { db, pool, inboxDb, status, close };
}
