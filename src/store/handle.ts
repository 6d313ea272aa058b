// What a store module runs its queries through, on either database. The modules are written once,
// against SQLite's drizzle types: `db` builds the queries and `t` holds the tables, and on
// PostgreSQL they are node-postgres's drizzle and db/pg/schema.ts's tables under the same names,
// columns and JS types (test/store/schema-dialects.test.ts keeps the two schemas in step). So a
// module only builds queries and hands them to `all`, `one` or `run`, never calling a builder's
// SQLite-only `.all()`/`.get()`/`.run()` itself; SQL the dialects write differently comes from here
// (`ids`, `texts`, `pairs`, `distinct`, `commaList`).
import type { Placeholder } from 'drizzle-orm';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import * as sqliteTables from '../../db/schema.js';
import * as pgTables from '../../db/pg/schema.js';
import type { Db } from './db.js';
import type { PgDb } from './pg/db.js';
import { plannerLockKey } from './pg/locks.js';
import { ContextSlot } from '../async-context.js';
import { SqliteSerial } from './serial.js';

export type Dialect = 'sqlite' | 'postgres';
export type Tables = typeof sqliteTables;

/** A query as the store builds it: SQLite's builders, or (at run time) PostgreSQL's, which are awaited. */
interface Query<T> {
  all(): T[];
}
interface OneQuery<T> {
  get(): T | undefined;
}
interface RunQuery {
  run(): { changes: number };
}

export interface StoreDb {
  readonly dialect: Dialect;
  /** The query builder: inside a transaction, the transaction's. */
  readonly db: Db;
  readonly t: Tables;
  /** Every row. */
  all<T>(query: Query<T>): Promise<T[]>;
  /** The first row (give the query a key or a limit), or undefined. */
  one<T>(query: OneQuery<T>): Promise<T | undefined>;
  /** A write; the number of rows it changed. */
  run(query: RunQuery): Promise<number>;
  /**
   * fn in one transaction: committed when it resolves, rolled back when it throws; inside one, a
   * savepoint. fn awaits only the store: on SQLite every other caller waits for it (serial.ts).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * fn's statements in one transaction, for a method whose read and write must not be split: the
   * caller's transaction when one is open (no savepoint, two statements fewer: a failure inside is
   * the caller's to roll back, with the rest of its transaction), else one of its own.
   */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * fn's reads all see one state of the database, as of its first read: on SQLite a transaction
   * (WAL gives it one snapshot); on PostgreSQL a READ ONLY transaction at REPEATABLE READ, since
   * at READ COMMITTED, its default, each statement sees its own. fn must not write. Inside a
   * transaction already, fn runs in it as it is.
   */
  readSnapshot<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs fn as the one planner of the scheduler's tick: at once on SQLite (one process, its ticks
   * never overlap); on PostgreSQL only if no other replica is planning (an advisory lock, held by
   * a connection of its own and freed with it if the process dies). Whether fn ran.
   */
  plannerTurn(fn: () => Promise<void>): Promise<boolean>;
  /** Runs fn alone on the connection (SQLite; on PostgreSQL, as is): a method's statements that must not interleave. */
  exclusive<T>(fn: () => T | Promise<T>): Promise<T>;
  /**
   * The select with its rows locked until the transaction ends on PostgreSQL (`FOR UPDATE`), so
   * that two replicas, or two events handled at once, take turns over them; as is on SQLite,
   * where a transaction holds the connection alone anyway (serial.ts).
   */
  locked<Q>(query: Q): Q;
  /**
   * Runs the select locked (as `locked`) for its locks alone: on SQLite, nothing to run (the
   * caller's transaction holds the database alone), so no statement is built or run there.
   */
  lock(query: () => unknown): Promise<void>;
  /** PostgreSQL only: runs a prepared statement's config on the connection in use (compiled.ts). */
  readonly pgQuery?: PgQuery;
  /** A list of numbers bound as one JSON parameter, as a subquery of its values: `id in ${ids(...)}`. */
  ids(value: SQL | Placeholder | readonly number[] | string): SQL;
  /** A list of strings bound as one JSON parameter, as a subquery of its values: `key in ${texts(...)}`. */
  texts(value: SQL | Placeholder | readonly string[] | string): SQL;
  /** A list of [text, text] pairs bound as one JSON parameter, as a subquery of two columns: `(a, b) in ${pairs(...)}`. */
  pairs(value: SQL | Placeholder | string): SQL;
  /** `a IS DISTINCT FROM b` (SQLite: `a IS NOT b`). */
  distinct(a: SQL | unknown, b: SQL | unknown): SQL;
  /** An aggregate: the group's values of a text expression joined with commas, in no set order (SQLite's group_concat). */
  commaList(value: SQL | unknown): SQL<string>;
}

/** A query config run on the PostgreSQL connection in use (the transaction's, or the pool): compiled.ts. */
export type PgQuery = (config: {
  name: string;
  text: string;
  values: unknown[];
  rowMode: 'array';
}) => Promise<{ rows: unknown[][]; rowCount: number | null }>;

/** A list as the one JSON parameter it is bound as; a placeholder or SQL as is. */
const asParam = (value: SQL | Placeholder | readonly (number | string)[] | string): SQL | Placeholder | string =>
  Array.isArray(value) ? JSON.stringify(value) : (value as SQL | Placeholder | string);

export function sqliteStoreDb(db: Db): StoreDb {
  const serial = new SqliteSerial(db.$client);
  return {
    dialect: 'sqlite',
    db,
    t: sqliteTables,
    all: (query) => serial.run(() => query.all()),
    one: (query) => serial.run(() => query.get()),
    run: (query) => serial.run(() => query.run().changes),
    transaction: (fn) => serial.transaction(fn),
    readSnapshot: (fn) => serial.transaction(fn),
    atomic: (fn) => serial.atomic(fn),
    exclusive: (fn) => serial.run(fn),
    locked: (query) => query,
    lock: async () => undefined,
    plannerTurn: async (fn) => {
      await fn();
      return true;
    },
    ids: (value) => sql`(select value from json_each(${asParam(value)}))`,
    texts: (value) => sql`(select value from json_each(${asParam(value)}))`,
    pairs: (value) => sql`(select value ->> 0, value ->> 1 from json_each(${value}))`,
    distinct: (a, b) => sql`${a} IS NOT ${b}`,
    commaList: (value) => sql<string>`group_concat(${value})`,
  };
}

export function postgresStoreDb(root: PgDb): StoreDb {
  // The transaction a caller is in, through its async context. Work started inside a transaction
  // (a queue's loop, a timer) keeps that context after the transaction ends: a finished one is
  // ignored, or its queries would run on a connection back in the pool, inside someone else's work.
  const context = new ContextSlot<{ tx: PgDb; open: boolean }>('postgres transaction');
  const current = () => {
    const inside = context.get();
    return inside?.open ? inside.tx : root;
  };
  // The connection current() runs on: the pool, or the client of drizzle's transaction session.
  const connection = (): { query: PgQuery } => {
    const db = current();
    return db === root
      ? (root.$client as unknown as { query: PgQuery })
      : (db as unknown as { session: { client: { query: PgQuery } } }).session.client;
  };
  const pgQuery: PgQuery = (config) => connection().query(config);
  // fn in a transaction of drizzle's (a savepoint inside one): its queries go there until it ends.
  const begin = <T>(fn: () => Promise<T>, config?: PgTransactionConfig): Promise<T> =>
    current().transaction(async (tx) => {
      const open = { tx: tx as unknown as PgDb, open: true };
      try {
        return await context.run(open, fn);
      } finally {
        open.open = false;
      }
    }, config) as Promise<T>;
  return {
    dialect: 'postgres',
    pgQuery,
    get db() {
      return current() as unknown as Db;
    },
    t: pgTables as unknown as Tables,
    all: async (query) => (await (query as unknown as PromiseLike<unknown[]>)) as never,
    one: async (query) => ((await (query as unknown as PromiseLike<unknown[]>)) as never[])[0],
    run: async (query) => (await (query as unknown as PromiseLike<{ rowCount: number | null }>)).rowCount ?? 0,
    transaction: (fn) => begin(fn),
    atomic: (fn) => (current() === root ? begin(fn) : fn()),
    readSnapshot: (fn) =>
      current() === root ? begin(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' }) : fn(),
    exclusive: async (fn) => fn(),
    locked: (query) => (query as unknown as { for(strength: 'update'): typeof query }).for('update'),
    lock: async (query) => {
      await (query() as { for(strength: 'update'): PromiseLike<unknown> }).for('update');
    },
    plannerTurn: async (fn) => {
      const client = await root.$client.connect();
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [
          plannerLockKey,
        ]);
        if (!rows[0]?.ok) return false;
        try {
          await fn();
          return true;
        } finally {
          await client.query('select pg_advisory_unlock($1::bigint)', [plannerLockKey]);
        }
      } finally {
        client.release();
      }
    },
    ids: (value) => sql`(select (value)::integer from jsonb_array_elements_text(${asParam(value)}::jsonb))`,
    texts: (value) => sql`(select value from jsonb_array_elements_text(${asParam(value)}::jsonb))`,
    pairs: (value) => sql`(select value ->> 0, value ->> 1 from jsonb_array_elements(${value}::jsonb))`,
    distinct: (a, b) => sql`${a} IS DISTINCT FROM ${b}`,
    commaList: (value) => sql<string>`string_agg(${value}, ',')`,
  };
}
