// Opening and migrating PostgreSQL (src/store/pg/db.ts) on a real server: a fresh database is
// migrated once even by two processes at once, and a database this build cannot run on stops
// start-up with one line and is left as it was.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, is, Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/pg/schema.js';
import { DatabaseOpenError } from '../../src/store/db.js';
import { migratePostgres, openPostgres, pgMigrationsFolder, shippedMigrations } from '../../src/store/pg/db.js';
import { migrationLockKey } from '../../src/store/pg/locks.js';
import { createPgDatabase, type EmptyPgDatabase, pgUrlFor } from '../helpers/pg.js';

const databases: EmptyPgDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const d of databases.splice(0)) await d.drop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<EmptyPgDatabase> {
  const d = await createPgDatabase('db');
  databases.push(d);
  return d;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const tablesIn = async (url: string) =>
  (
    await query<{ name: string }>(
      url,
      "select table_name as name from information_schema.tables where table_schema = 'public' order by 1",
    )
  ).map((r) => r.name);
const recordedIn = async (url: string) =>
  (await query<{ n: number }>(url, 'select count(*)::int as n from drizzle.__drizzle_migrations'))[0]?.n;

const shipped = shippedMigrations(pgMigrationsFolder);
const newestShipped = Math.max(...shipped.map((m) => m.when));
const schemaTables = Object.values(pgSchema as Record<string, unknown>)
  .filter((t): t is Table => is(t, Table))
  .map((t) => getTableName(t))
  .sort();

/** Another build's migrations folder: this one's, plus migrations of its own (or fewer). */
function build(extra: Array<{ tag: string; when: number; sql: string }>, keep = shipped.length): string {
  const dir = mkdtempSync(join(tmpdir(), 'h22a-pg-migrations-'));
  dirs.push(dir);
  cpSync(pgMigrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<Record<string, unknown>> };
  journal.entries = journal.entries.slice(0, keep);
  for (const m of extra) {
    writeFileSync(join(dir, `${m.tag}.sql`), m.sql);
    journal.entries.push({ idx: journal.entries.length, version: '7', when: m.when, tag: m.tag, breakpoints: true });
  }
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function openError(promise: Promise<unknown>): Promise<DatabaseOpenError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseOpenError);
  const message = (err as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return err as DatabaseOpenError;
}

describe('migratePostgres on a fresh database', () => {
  it('creates every table of db/pg/schema.ts and records each shipped migration once, also when run again', async () => {
    const d = await emptyDatabase();
    expect(await migratePostgres(d.url)).toEqual({ applied: shipped.map((m) => m.tag), recorded: shipped.length });
    expect(await migratePostgres(d.url)).toEqual({ applied: [], recorded: shipped.length });
    expect(await tablesIn(d.url)).toEqual(schemaTables);
    expect(await recordedIn(d.url)).toBe(shipped.length);
  });

  it('opens a pool on it whose status says every migration is applied, and not once closed', async () => {
    const d = await emptyDatabase();
    const opened = await openPostgres(d.url);
    expect(await opened.status()).toEqual({ ok: true, migrations: shipped.length });
    const [row] = await opened.db.select().from(pgSchema.pocs).limit(1);
    expect(row).toBeUndefined();
    await opened.close();
    expect(await opened.status()).toEqual({ ok: false, reason: 'the database is closed' });
  });
});

describe('two processes starting at once on a fresh database', () => {
  /**
   * Starts both migrations while a third connection holds drizzle's journal table, so that both
   * are under way (each has connected and is waiting) before either can read what is applied;
   * then lets them go. Without the gate they would still race, only less surely.
   */
  async function startTogether(url: string, run: () => Promise<unknown>): Promise<PromiseSettledResult<unknown>[]> {
    const gate = new pg.Client({ connectionString: url });
    await gate.connect();
    try {
      await gate.query('create schema if not exists drizzle');
      await gate.query(
        'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
      );
      await gate.query('begin');
      await gate.query('lock table drizzle.__drizzle_migrations in access exclusive mode');
      const both = Promise.allSettled([run(), run()]);
      // Both wait on a lock: one on the journal table (or, unguarded, both on it), the other on the advisory lock.
      for (let waited = 0; ; waited += 20) {
        // Inside a transaction the activity view is read once, then kept: read it anew each time.
        await gate.query('select pg_stat_clear_snapshot()');
        const [{ n } = { n: 0 }] = (
          await gate.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
          )
        ).rows;
        if (n >= 2) break;
        if (waited > 10_000) throw new Error(`only ${n} of the two migrations reached the database`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await gate.query('commit');
      return await both;
    } finally {
      await gate.end();
    }
  }

  it('migrate it once: both succeed, each migration is recorded once', async () => {
    const d = await emptyDatabase();
    const results = await startTogether(d.url, () => migratePostgres(d.url));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const applied = results.map((r) => (r as PromiseFulfilledResult<{ applied: string[] }>).value.applied);
    // One applied everything, the other found it done.
    expect(applied.flat()).toEqual(shipped.map((m) => m.tag));
    expect(await recordedIn(d.url)).toBe(shipped.length);
    expect(await tablesIn(d.url)).toEqual(schemaTables);
  });

  it('would collide without the lock: drizzle alone, twice at once, fails one of them', async () => {
    // What the lock prevents: both read "nothing applied", both create the same tables.
    const d = await emptyDatabase();
    const results = await startTogether(d.url, async () => {
      const client = new pg.Client({ connectionString: d.url });
      await client.connect();
      try {
        await migrate(drizzle({ client }), { migrationsFolder: pgMigrationsFolder });
      } finally {
        await client.end();
      }
    });
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('waits for the lock no longer than it is told, then says so in one line', async () => {
    const d = await emptyDatabase();
    const holder = new pg.Client({ connectionString: d.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1::bigint)', [migrationLockKey]);
      const err = await openError(migratePostgres(d.url, { migrationLockTimeoutMs: 300 }));
      expect(err.message).toBe(
        `another process held pocbot's migration lock on 127.0.0.1:5432/${d.name} for 0.3 s (a migration still running elsewhere?)`,
      );
    } finally {
      await holder.end();
    }
    // Its holder gone, the lock is free: the same call now migrates.
    expect((await migratePostgres(d.url)).recorded).toBe(shipped.length);
  });
});

describe('a DATABASE_URL that cannot be reached', () => {
  it('stops with one line naming the host and database, never the password: nothing listening', async () => {
    // A port nothing listens on: bind one, then close it.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const err = await openError(openPostgres(`postgres://pocbot:s3cret-pw@127.0.0.1:${port}/pocbot`));
    expect(err.message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}/pocbot (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('stops with one line when the server answers that there is no such database', async () => {
    const err = await openError(openPostgres(pgUrlFor('pocbot_no_such_database')));
    expect(err.message).toBe(
      'cannot connect to PostgreSQL at 127.0.0.1:5432/pocbot_no_such_database (DATABASE_URL): database "pocbot_no_such_database" does not exist',
    );
  });

  it('stops after the connect timeout when the host accepts the connection and never answers', async () => {
    const sockets: Array<{ destroy(): void }> = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    try {
      const started = Date.now();
      const err = await openError(
        openPostgres(`postgres://pocbot:s3cret-pw@127.0.0.1:${port}/pocbot`, { connectTimeoutMs: 500 }),
      );
      expect(err.message).toMatch(
        new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/pocbot \\(DATABASE_URL\\): .*timeout`),
      );
      expect(err.message).not.toContain('s3cret-pw');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

describe('a database of another schema', () => {
  const futureTable = (name: string) => `CREATE TABLE "${name}" ("id" integer PRIMARY KEY);`;

  it('migrated by a newer pocbot: stops with one line, applies nothing, changes nothing', async () => {
    const d = await emptyDatabase();
    const newer = build([{ tag: '0001_future', when: newestShipped + 60_000, sql: futureTable('future_feature') }]);
    await migratePostgres(d.url, { migrationsFolder: newer });
    const before = await tablesIn(d.url);
    const err = await openError(openPostgres(d.url));
    expect(err.message).toBe(
      `the database at 127.0.0.1:5432/${d.name} (DATABASE_URL) cannot be used by this pocbot: it was migrated by a newer pocbot: it records 1 migration this build does not ship (the newest of ${new Date(newestShipped + 60_000).toISOString()}); run that version or a later one`,
    );
    expect(await tablesIn(d.url)).toEqual(before);
    expect(await recordedIn(d.url)).toBe(shipped.length + 1);
  });

  it('newer than a migration this build would apply: that migration is not applied either', async () => {
    const d = await emptyDatabase();
    // The database went on to a later version; this build has a pending migration of its own.
    await migratePostgres(d.url, {
      migrationsFolder: build([
        { tag: '0001_later', when: newestShipped + 120_000, sql: futureTable('later_feature') },
      ]),
    });
    const thisBuild = build([{ tag: '0001_ours', when: newestShipped + 60_000, sql: futureTable('our_feature') }]);
    const err = await openError(migratePostgres(d.url, { migrationsFolder: thisBuild }));
    expect(err.message).toContain('it was migrated by a newer pocbot');
    expect(await tablesIn(d.url)).not.toContain('our_feature');
  });

  it('missing a migration older than one it records (merged out of order): stops rather than skip it for ever', async () => {
    const d = await emptyDatabase();
    const first = { tag: '0001_first', when: newestShipped + 60_000, sql: futureTable('first_feature') };
    const second = { tag: '0002_second', when: newestShipped + 120_000, sql: futureTable('second_feature') };
    await migratePostgres(d.url, { migrationsFolder: build([second]) });
    const err = await openError(migratePostgres(d.url, { migrationsFolder: build([first, second]) }));
    expect(err.message).toContain('migration 0001_first is not applied but a later one is, so it never would be');
    expect(await tablesIn(d.url)).not.toContain('first_feature');
  });
});

describe('a migration that fails', () => {
  const failing = {
    tag: '0001_fails',
    when: newestShipped + 60_000,
    // The first statement works, the second cannot: the first must not stay.
    sql: 'CREATE TABLE "half_done" ("id" integer PRIMARY KEY);\n--> statement-breakpoint\nALTER TABLE "pocs" ADD COLUMN "name" text;',
  };

  it('on an up-to-date database: one line, and none of its statements stays', async () => {
    const d = await emptyDatabase();
    await migratePostgres(d.url);
    const err = await openError(migratePostgres(d.url, { migrationsFolder: build([failing]) }));
    expect(err.message).toBe(
      `migrating the database at 127.0.0.1:5432/${d.name} failed, nothing of it applied: column "name" of relation "pocs" already exists`,
    );
    expect(await tablesIn(d.url)).not.toContain('half_done');
    expect(await recordedIn(d.url)).toBe(shipped.length);
  });

  it('on a fresh database: the migrations before it, pending with it, are not applied either (one transaction)', async () => {
    const d = await emptyDatabase();
    await openError(migratePostgres(d.url, { migrationsFolder: build([failing]) }));
    expect(await tablesIn(d.url)).toEqual([]);
    expect(await recordedIn(d.url)).toBe(0);
  });
});
