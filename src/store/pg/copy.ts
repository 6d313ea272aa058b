// `npm run db:copy`: moves a pocbot SQLite database into an empty PostgreSQL one. Everything is
// read from one SQLite snapshot and written in one PostgreSQL transaction, ids kept, so the copy
// is whole or absent: a failure or a row count that differs rolls it all back.
import { existsSync } from 'node:fs';
import { type Column, getTableColumns, getTableName, is, sql, Table } from 'drizzle-orm';
import { type PgColumn, getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import Database from 'better-sqlite3';
import type pg from 'pg';
import * as pgSchema from '../../../db/pg/schema.js';
import * as sqliteSchema from '../../../db/schema.js';
import { type OpenDatabase, migrationsFolder as sqliteMigrationsFolder, openDatabase } from '../db.js';
import {
  describeDatabaseUrl,
  openPostgres,
  planMigrations,
  type PostgresOptions,
  reasonOf,
  shippedMigrations,
} from './db.js';

/** db:copy would not, or could not, copy: one line saying why. Nothing was written to PostgreSQL. */
export class CopyError extends Error {
  override name = 'CopyError';
}

export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

export interface CopyReport {
  /** Each table, parents before children, with its rows on each side. */
  tables: TableCount[];
  /** True when every count matched and the copy was committed; false: rolled back, nothing copied. */
  committed: boolean;
}

export interface CopyOptions {
  /** The SQLite file (DATABASE_PATH of the install being moved). */
  from: string;
  /** The PostgreSQL URL (its DATABASE_URL to be). */
  to: string;
  sqliteMigrations?: string;
  postgres?: PostgresOptions;
  /** Each table as it is done (for a progress line). */
  onTable?: (count: TableCount) => void;
}

interface TablePair {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** The column of a generated id, whose sequence is moved past the copied ids. */
  identity: string | undefined;
}

function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  return new Map(
    Object.values(schema)
      .filter((t): t is Table => is(t, Table))
      .map((t) => [getTableName(t), t]),
  );
}

/**
 * Every table in both schemas, parents before children (foreign keys), or a CopyError when the two
 * schemas disagree (test/store/schema-dialects.test.ts keeps them in step; this is the last guard
 * against copying a column into nowhere).
 */
export function copyPlan(): TablePair[] {
  const fromSqlite = tablesOf(sqliteSchema);
  const fromPg = tablesOf(pgSchema);
  // By name, then parents first: the same order wherever it runs (a module's exports come in no set order).
  const names = [...fromPg.keys()].sort();
  const onlyOneSide = [...fromSqlite.keys()]
    .filter((n) => !fromPg.has(n))
    .concat(names.filter((n) => !fromSqlite.has(n)));
  if (onlyOneSide.length > 0)
    throw new CopyError(
      `this build's SQLite and PostgreSQL schemas differ (tables ${onlyOneSide.join(', ')}): it cannot copy`,
    );
  const pairs = new Map<string, TablePair>();
  for (const name of names) {
    const s = fromSqlite.get(name) as SQLiteTable;
    const p = fromPg.get(name) as PgTable;
    const columnsOf = (t: Table) =>
      Object.entries(getTableColumns(t) as Record<string, Column>)
        .map(([key, c]) => `${key}:${c.name}`)
        .sort();
    if (columnsOf(s).join() !== columnsOf(p).join())
      throw new CopyError(
        `this build's SQLite and PostgreSQL schemas differ in the columns of ${name}: it cannot copy`,
      );
    const identity = pgTableConfig(p).columns.find(
      (c) => (c as { generatedIdentity?: unknown }).generatedIdentity !== undefined,
    )?.name;
    pairs.set(name, { name, sqlite: s, pg: p, identity });
  }
  // Parents first: a row's foreign keys must find their rows (checked at each insert).
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name))
      throw new CopyError(`the tables' foreign keys form a cycle (${[...path, name].join(' → ')})`);
    const pair = pairs.get(name) as TablePair;
    for (const fk of pgTableConfig(pair.pg).foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) place(parent, [...path, name]);
    }
    placed.add(name);
    ordered.push(pair);
  };
  for (const name of names) place(name, []);
  return ordered;
}

/** The SQLite file must exist (openDatabase would create an empty one) and be of a schema this build knows. */
function checkSource(path: string, migrations: string): void {
  if (!existsSync(path)) throw new CopyError(`there is no SQLite database at ${path} (--from)`);
  let recorded: number[];
  try {
    const raw = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const journal = raw
        .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
        .get();
      recorded = journal
        ? (raw.prepare('select created_at from __drizzle_migrations').all() as Array<{ created_at: number }>).map((r) =>
            Number(r.created_at),
          )
        : [];
    } finally {
      raw.close();
    }
  } catch (err) {
    throw new CopyError(`cannot read the SQLite database at ${path} (--from): ${reasonOf(err)}`);
  }
  if (recorded.length === 0) throw new CopyError(`${path} (--from) is not a pocbot database: it records no migration`);
  const plan = planMigrations(shippedMigrations(migrations), recorded);
  if (!plan.ok)
    throw new CopyError(`the SQLite database at ${path} (--from) cannot be copied by this pocbot: ${plan.reason}`);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(30_000 / columns));

/**
 * Copies every table of the SQLite database at `from` (migrated to this build's newest schema
 * first) into the PostgreSQL database at `to` (migrated, under the lock, and empty: refused
 * otherwise), in one transaction; then moves each id sequence past the largest id copied, and
 * compares the row counts of every table before committing.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const migrations = options.sqliteMigrations ?? sqliteMigrationsFolder;
  checkSource(options.from, migrations);
  const plan = copyPlan();
  const source = openDatabase(options.from, migrations);
  let target: Awaited<ReturnType<typeof openPostgres>> | undefined;
  try {
    target = await openPostgres(options.to, { urlName: '--to', ...options.postgres });
    const where = describeDatabaseUrl(options.to);
    // One snapshot of the SQLite file for every read, even if a bot still writes to it (WAL).
    source.sqlite.exec('begin');
    const tables: TableCount[] = [];
    // One connection of the pool for the whole transaction.
    const client = await target.pool.connect();
    const count = async (table: string) =>
      Number((await client.query<{ n: number }>(`select count(*)::int as n from ${quote(table)}`)).rows[0]?.n ?? 0);
    try {
      await client.query('begin');
      // Nobody else writes while the emptiness is checked and the rows go in.
      await client.query(`lock table ${plan.map((t) => quote(t.name)).join(', ')} in exclusive mode`);
      const occupied: string[] = [];
      for (const t of plan) {
        const n = await count(t.name);
        if (n > 0) occupied.push(`${t.name}: ${n}`);
      }
      if (occupied.length > 0) {
        const named =
          occupied.length > 4
            ? `${occupied.slice(0, 3).join(', ')} and ${occupied.length - 3} more tables`
            : occupied.join(', ');
        throw new CopyError(
          `the database at ${where} (--to) already holds pocbot data (rows in ${named}): db:copy copies into an empty database only`,
        );
      }
      for (const t of plan) {
        await copyTable(t, source, client);
        if (t.identity) {
          // The next id handed out follows the largest copied (1 for an empty table).
          await client.query(
            `select setval(pg_get_serial_sequence('${quote(t.name)}', '${t.identity}'), coalesce((select max(${quote(t.identity)}) from ${quote(t.name)}), 0) + 1, false)`,
          );
        }
        const fromCount = (source.sqlite.prepare(`select count(*) as n from ${quote(t.name)}`).get() as { n: number })
          .n;
        const counted = { table: t.name, sqlite: fromCount, postgres: await count(t.name) };
        tables.push(counted);
        options.onTable?.(counted);
      }
      const committed = tables.every((c) => c.sqlite === c.postgres);
      await client.query(committed ? 'commit' : 'rollback');
      // Fresh statistics for the planner: until autovacuum gets to the copied tables, PostgreSQL
      // would plan the tick's reads as if they were empty (the bench's first tick at 10,000 POCs
      // took 171 s before this, 1.6 s after).
      if (committed) await client.query('analyze');
      return { tables, committed };
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
      source.sqlite.exec('commit');
    }
  } finally {
    source.close();
    await target?.close();
  }
}

/**
 * One table's rows, a page at a time in SQLite's rowid order, each page one INSERT. The values
 * are read through the SQLite schema (0/1 become booleans…) and written through each PostgreSQL
 * column's own mapping, as the store's inserts would be; the statement is put together here, since
 * drizzle's query builder takes longer to build an insert of thousands of rows than the server
 * takes to run it.
 */
async function copyTable(t: TablePair, source: OpenDatabase, client: pg.PoolClient): Promise<void> {
  const columns = Object.entries(getTableColumns(t.pg) as Record<string, PgColumn>);
  const names = columns.map(([, c]) => quote(c.name)).join(', ');
  const batch = rowsPerInsert(columns.length);
  let after = 0;
  for (;;) {
    const page = source.db
      .select({ ...getTableColumns(t.sqlite), copyRowid: sql<number>`rowid` })
      .from(t.sqlite)
      .where(sql`rowid > ${after}`)
      .orderBy(sql`rowid`)
      .limit(batch)
      .all() as Array<Record<string, unknown> & { copyRowid: number }>;
    if (page.length === 0) return;
    const params: unknown[] = [];
    const tuples = page.map((row) => {
      const slots = columns.map(([key, column]) => {
        const value = row[key];
        params.push(value === null || value === undefined ? null : column.mapToDriverValue(value));
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    try {
      await client.query(`insert into ${quote(t.name)} (${names}) values ${tuples.join(', ')}`, params);
    } catch (err) {
      throw new CopyError(
        `copying ${t.name} failed (rows after SQLite rowid ${after}): ${reasonOf(err)}; nothing was copied`,
      );
    }
    after = (page[page.length - 1] as { copyRowid: number }).copyRowid;
  }
}
