// `npm run db:copy` on a real server: a SQLite database with rows in every table arrives whole in
// an empty PostgreSQL one, ids and values as they were, sequences past the ids; anything else
// (a non-empty target, a row the server refuses, counts that differ) leaves the target empty.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { getTableName, is, Table } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/pg/schema.js';
import * as sqliteSchema from '../../db/schema.js';
import { runDbCopy } from '../../src/db-copy-command.js';
import { migrationsFolder, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { copyPlan } from '../../src/store/pg/copy.js';
import { migratePostgres, openPostgres } from '../../src/store/pg/db.js';
import { everyTableName, seedEveryTable } from '../helpers/every-table.js';
import { createPgDatabase, type EmptyPgDatabase } from '../helpers/pg.js';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const entry = resolve('src/db-copy.ts');

const databases: EmptyPgDatabase[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'h22a-db-copy-'));
});
afterAll(async () => {
  for (const d of databases.splice(0)) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function target(): Promise<EmptyPgDatabase> {
  const d = await createPgDatabase('copy');
  databases.push(d);
  return d;
}

let files = 0;
/** A pocbot SQLite database with rows in every table; `tweak` may write more through its connection. */
async function sqliteWithEveryTable(tweak?: (raw: Database.Database) => void): Promise<string> {
  const path = join(dir, `source-${++files}.db`);
  const opened = openDatabase(path);
  await seedEveryTable(createStore(opened.db));
  tweak?.(opened.sqlite);
  opened.close();
  return path;
}

/** Every row of every table, each table's rows in one order (whatever order each database returns them in). */
async function contents(source: { sqlite: string } | { pg: string }): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  if ('sqlite' in source) {
    const opened = openDatabase(source.sqlite);
    for (const t of Object.values(sqliteSchema as Record<string, unknown>)) {
      if (is(t, Table))
        out[getTableName(t)] = sorted(
          opened.db
            .select()
            .from(t as never)
            .all(),
        );
    }
    opened.close();
  } else {
    const opened = await openPostgres(source.pg);
    for (const t of Object.values(pgSchema as Record<string, unknown>)) {
      if (is(t, Table)) out[getTableName(t)] = sorted(await opened.db.select().from(t as never));
    }
    await opened.close();
  }
  return out;
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of everyTableName())
      counts[t] = (await client.query<{ n: number }>(`select count(*)::int as n from "${t}"`)).rows[0]?.n ?? -1;
    return counts;
  } finally {
    await client.end();
  }
}

const allZero = () => Object.fromEntries(everyTableName().map((t) => [t, 0]));

async function copyInProcess(from: string, to: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runDbCopy({ from, to }, (line) => lines.push(line));
  return { code, lines };
}

describe('npm run db:copy', () => {
  it('copies a database with rows in every table into an empty PostgreSQL one: same rows, same ids, counts printed', async () => {
    const from = await sqliteWithEveryTable();
    const before = await contents({ sqlite: from });
    // The seed reaches every table (a table added to the schema must be seeded too: test/helpers/every-table.ts).
    expect(
      Object.entries(before)
        .filter(([, rows]) => rows.length === 0)
        .map(([t]) => t),
    ).toEqual([]);
    const to = await target();

    const res = spawnSync(process.execPath, ['--import', tsxLoader, entry, '--from', from, '--to', to.url], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `Copying the SQLite database ${from} into PostgreSQL at 127.0.0.1:5432/${to.name}, in one transaction.`,
    );
    expect(lines[1]).toMatch(/^table\s+SQLite\s+PostgreSQL$/);
    // Parents before children: each table's line says both counts.
    const printed = lines.slice(2, -1).map((l) => l.trim().split(/\s+/));
    expect(printed.map(([t]) => t)).toEqual(copyPlan().map((t) => t.name));
    for (const [table, fromCount, toCount] of printed) {
      expect(Number(fromCount), table).toBe(before[table as string]?.length);
      expect(toCount, table).toBe(fromCount);
    }
    const total = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    expect(lines.at(-1)).toBe(
      `Copied ${total} rows in ${everyTableName().length} tables; every count matches. Each id sequence now starts after the largest id copied.`,
    );

    expect(await contents({ pg: to.url })).toEqual(before);
  });

  it('moves each id sequence past the largest copied id, so the next row gets a new id', async () => {
    const from = await sqliteWithEveryTable();
    const to = await target();
    expect((await copyInProcess(from, to.url)).code).toBe(0);
    // Through the schema, as the store will insert: the inbox's ids had a gap up to 1000.
    const opened = await openPostgres(to.url);
    const [row] = await opened.db
      .insert(pgSchema.inbox)
      .values({
        key: 'event:after-copy',
        kind: 'event',
        body: '{}',
        receivedAt: '2026-11-25T00:00:00.000Z',
        status: 'pending',
      })
      .returning({ id: pgSchema.inbox.id });
    await opened.close();
    expect(row?.id).toBe(1001);
    const client = new pg.Client({ connectionString: to.url });
    await client.connect();
    try {
      for (const t of copyPlan().filter((p) => p.identity)) {
        const { rows } = await client.query<{ next: number; max: number }>(
          `select nextval(pg_get_serial_sequence('"${t.name}"', 'id'))::int as next, (select max(id) from "${t.name}")::int as max`,
        );
        expect(rows[0]?.next, t.name).toBe((rows[0]?.max ?? 0) + 1);
      }
    } finally {
      await client.end();
    }
  });

  it('migrates a SQLite database of an older schema to the newest before copying it', async () => {
    const older = join(dir, 'older-migrations');
    cpSync(migrationsFolder, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(journalPath, JSON.stringify(journal));
    const from = join(dir, 'older.db');
    const old = openDatabase(from, older);
    old.sqlite
      .prepare(
        `insert into pocs (team_id, channel_id, kind, name, stage, time_zone, start_date, end_date, readout_date,
          checkpoint_weekday, standup_time, evaluator_id, ae_id, se_id, created_by, created_at, updated_at)
         values ('T1', 'C1', 'poc', 'Kept across the move', 'active', 'UTC', '2026-01-05', '2026-01-16', '2026-01-19',
          5, '09:00', 'W1', 'U2', 'U3', 'U3', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    old.close();

    const to = await target();
    const { code } = await copyInProcess(from, to.url);
    expect(code).toBe(0);
    const raw = new Database(from, { readonly: true });
    const recorded = (raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    raw.close();
    expect(recorded).toBe(journal.entries.length + 1);
    expect((await rowCounts(to.url)).pocs).toBe(1);
  });
});

describe('npm run db:copy refuses, and leaves the target as it was', () => {
  it('a PostgreSQL database that already holds pocbot data', async () => {
    const to = await target();
    expect((await copyInProcess(await sqliteWithEveryTable(), to.url)).code).toBe(0);
    const counts = await rowCounts(to.url);
    const { code, lines } = await copyInProcess(await sqliteWithEveryTable(), to.url);
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^db:copy failed: the database at 127\\.0\\.0\\.1:5432/${to.name} \\(--to\\) already holds pocbot data \\(rows in .*\\bpocs: 2\\b.*\\): db:copy copies into an empty database only$`,
      ),
    );
    expect(await rowCounts(to.url)).toEqual(counts);
  });

  it('a row PostgreSQL refuses (text with a NUL character): one line naming the table, nothing copied', async () => {
    const from = await sqliteWithEveryTable((raw) => {
      raw.prepare("update evidence set text = 'before' || char(0) || 'after' where id = 1").run();
    });
    const to = await target();
    const { code, lines } = await copyInProcess(from, to.url);
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^db:copy failed: copying evidence failed \(rows after SQLite rowid 0\): invalid byte sequence for encoding "UTF8": 0x00; nothing was copied$/,
    );
    expect(await rowCounts(to.url)).toEqual(allZero());
  });

  it('row counts that differ: printed, exit 1, rolled back', async () => {
    const to = await target();
    await migratePostgres(to.url);
    // A trigger on the target that quietly drops one evidence row: the copy must notice.
    const client = new pg.Client({ connectionString: to.url });
    await client.connect();
    await client.query(
      `create function drop_unlinked() returns trigger language plpgsql as $$ begin return null; end $$`,
    );
    await client.query(
      'create trigger drop_unlinked before insert on evidence for each row when (new.permalink is null) execute function drop_unlinked()',
    );
    await client.end();

    const { code, lines } = await copyInProcess(await sqliteWithEveryTable(), to.url);
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith('evidence '))).toMatch(/^evidence\s+2\s+1 {2}← differs$/);
    expect(lines.at(-1)).toBe('db:copy failed: the row counts differ in evidence; rolled back, nothing was copied.');
    expect(await rowCounts(to.url)).toEqual(allZero());
  });

  it('no SQLite file where --from says (and none is created)', async () => {
    const to = await target();
    const missing = join(dir, 'nowhere', 'pocbot.db');
    const { code, lines } = await copyInProcess(missing, to.url);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(`db:copy failed: there is no SQLite database at ${missing} (--from)`);
    expect(existsSync(missing)).toBe(false);
  });

  it('a --to that is not a PostgreSQL URL, or missing: usage, exit 2, never the URL', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', tsxLoader, entry, ...args], { encoding: 'utf8', timeout: 60_000 });
    const bad = run('--from', 'x.db', '--to', 'mysql://root:hunter2@db/pocbot');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('db:copy: --to must be a PostgreSQL URL (postgres://user:password@host:5432/database)\n');
    const none = run('--from', 'x.db');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /^db:copy: --to missing; usage: npm run db:copy -- --from <SQLite file> --to <postgres:/,
    );
  });

  it('a --to that cannot be reached: one line, never the password', async () => {
    const { code, lines } = await copyInProcess(
      await sqliteWithEveryTable(),
      'postgres://pocbot:s3cret-pw@127.0.0.1:1/pocbot',
    );
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      'db:copy failed: cannot connect to PostgreSQL at 127.0.0.1:1/pocbot (--to): connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
