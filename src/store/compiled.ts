// Drizzle builds the SQL once; better-sqlite3 runs it. For the few statements a tick runs
// thousands of times, or that return tens of thousands of rows, drizzle's per-call query building
// and its generic per-cell row mapping cost more than SQLite itself. These compile a drizzle query
// once (its SQL text and parameters, placeholders included) and map rows with one decoder per
// column worked out up front: the same values drizzle's `.all()` / `.run()` give, faster.
import { createHash } from 'node:crypto';
import { Column, is, noopDecoder, Param, Placeholder, SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import type { PgQuery, StoreDb } from './handle.js';

type Values = Record<string, unknown>;
type Bind = (values: Values) => unknown;

interface Compilable {
  toSQL(): { sql: string; params: unknown[] };
}

function placeholderValue(values: Values, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

/** As drizzle's fillPlaceholders, decided once per parameter rather than on every run. */
function binders(params: unknown[]): Bind[] {
  return params.map((p): Bind => {
    if (is(p, Placeholder)) return (v) => placeholderValue(v, p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { name } = p.value;
      const encoder = p.encoder;
      return (v) => encoder.mapToDriverValue(placeholderValue(v, name));
    }
    return () => p;
  });
}

type Decode = (raw: unknown) => unknown;

/**
 * A decoder per field, or none where the driver's value is already the result. Only columns whose
 * class changes the stored value (a boolean stored as 0/1) get one; with `expressions`, so does an
 * sql`` expression's .mapWith() (count(*) as a number), as drizzle applies it.
 */
function decodersOf(
  fields: Record<string, Column | SQL | SQL.Aliased> | undefined,
  keys: string[],
  options: { expressions: boolean },
): Array<Decode | undefined> {
  return keys.map((k) => {
    const field = fields?.[k];
    if (is(field, Column))
      return field.mapFromDriverValue === Column.prototype.mapFromDriverValue
        ? undefined
        : (raw) => (raw === null ? null : field.mapFromDriverValue(raw));
    const expression = is(field, SQL.Aliased) ? field.sql : field;
    if (!options.expressions || !is(expression, SQL)) return undefined;
    const decoder = (expression as unknown as { decoder?: { mapFromDriverValue(v: unknown): unknown } }).decoder;
    if (!decoder || decoder.mapFromDriverValue === noopDecoder.mapFromDriverValue) return undefined;
    return (raw) => (raw === null ? null : decoder.mapFromDriverValue(raw));
  });
}

/**
 * A function that turns a raw row into an object literal with these keys. An object built key by
 * key in a loop ends up in V8's slow dictionary mode, twice the memory of a literal over 10,000
 * POCs; a literal has one fixed shape. The keys are our own field names (never input), quoted
 * with JSON.stringify.
 */
function rowBuilder(
  keys: string[],
  decoders: Array<Decode | undefined>,
): (row: unknown[], d: Array<Decode | undefined>) => unknown {
  const props = keys.map((k, i) => `${JSON.stringify(k)}: ${decoders[i] ? `d[${i}](row[${i}])` : `row[${i}]`}`);
  return new Function('row', 'd', `return { ${props.join(', ')} };`) as (
    row: unknown[],
    d: Array<Decode | undefined>,
  ) => unknown;
}

/** A write (insert, update) compiled once; `run` binds the placeholders by name. */
export function compileRun(db: Db, query: Compilable): (values?: Values) => { changes: number } {
  const { sql, params } = query.toSQL();
  const statement = db.$client.prepare(sql);
  const bind = binders(params);
  return (values = {}) => statement.run(...bind.map((b) => b(values)));
}

/**
 * A select compiled once. `fields` must be the object passed to `db.select(fields)`: its keys give
 * the result's keys, in the order drizzle selects them. Flat fields only (columns, or `sql`
 * expressions whose value needs no decoding: no `.mapWith`).
 */
function compileSelect(db: Db, fields: Record<string, Column | SQL | SQL.Aliased>, query: Compilable) {
  const { sql, params } = query.toSQL();
  const statement = db.$client.prepare(sql).raw(true);
  const bind = binders(params);
  const keys = Object.keys(fields);
  // An sql`` expression (max(), count()) comes as SQLite gives it, which is what these need.
  const decoders = decodersOf(fields, keys, { expressions: false });
  return { statement, bind, decoders, build: rowBuilder(keys, decoders) };
}

/**
 * A select compiled once, for many rows. By default the raw rows are read one at a time
 * (`iterate`), so the whole result is never held as arrays and as objects at once: the tick reads
 * tens of thousands of wide rows. `read: 'all'` fetches them in one call instead, about a third
 * faster, for narrow rows whose arrays cost little.
 */
export function compileAll<Q extends Compilable & { all(): unknown[] }>(
  db: Db,
  fields: Record<string, Column | SQL | SQL.Aliased>,
  query: Q,
  options: { read?: 'iterate' | 'all' } = {},
): (values?: Values) => ReturnType<Q['all']> {
  const { statement, bind, decoders, build } = compileSelect(db, fields, query);
  if (options.read === 'all') {
    return (values = {}) =>
      (statement.all(...bind.map((b) => b(values))) as unknown[][]).map((row) => build(row, decoders)) as ReturnType<
        Q['all']
      >;
  }
  return (values = {}) => {
    const out: unknown[] = [];
    for (const row of statement.iterate(...bind.map((b) => b(values))) as Iterable<unknown[]>)
      out.push(build(row, decoders));
    return out as ReturnType<Q['all']>;
  };
}

/**
 * As compileAll, for a query that returns at most one row (by key, or `.limit(1)`): the first row
 * or undefined. `.get()` runs the statement for one row; `iterate()` costs a JS iterator and
 * three times the time for the same row.
 */
export function compileGet<Q extends Compilable & { get(): unknown }>(
  db: Db,
  fields: Record<string, Column | SQL | SQL.Aliased>,
  query: Q,
): (values?: Values) => ReturnType<Q['get']> {
  const { statement, bind, decoders, build } = compileSelect(db, fields, query);
  return (values = {}) => {
    const row = statement.get(...bind.map((b) => b(values))) as unknown[] | undefined;
    return (row === undefined ? undefined : build(row, decoders)) as ReturnType<Q['get']>;
  };
}

/**
 * On PostgreSQL the same: the SQL text built once, sent as a named prepared statement (each
 * connection parses and plans it once, on its first use), rows asked for as arrays and mapped as
 * above. Drizzle would build the query again on every call (~50–100 µs of CPU each) and the
 * server parse it again. The statement runs on the caller's transaction's connection, if any.
 */
function compilePg(h: StoreDb, fields: Record<string, Column | SQL | SQL.Aliased> | undefined, query: Compilable) {
  const { sql: text, params } = query.toSQL();
  const bind = binders(params);
  const name = `pocbot_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  const keys = fields ? Object.keys(fields) : [];
  const decoders = decodersOf(fields, keys, { expressions: true });
  const build = rowBuilder(keys, decoders);
  const run = (values: Values) =>
    pgQuery(h)({ name, text, values: bind.map((b) => b(values)), rowMode: 'array' as const });
  return { run, rows: (rows: unknown[][]) => rows.map((row) => build(row, decoders)) };
}

/** The PostgreSQL handle's way to run a query config on the connection in use (handle.ts). */
function pgQuery(h: StoreDb): PgQuery {
  const query = h.pgQuery;
  if (!query) throw new Error('a PostgreSQL statement on a handle that is not PostgreSQL');
  return query;
}

/**
 * A PostgreSQL-only statement of fixed text, run as a named prepared statement on the connection
 * in use (rows as arrays). For the batch writes a tick and the inbox make: each column's values
 * bound as one array and `unnest`ed, so one statement takes any number of rows, where drizzle
 * would build a VALUES list per batch and the server parse and plan it again.
 */
export function pgStatement(h: StoreDb, name: string, text: string, values: unknown[]) {
  return pgQuery(h)({ name: `pocbot_${name}`, text, values, rowMode: 'array' as const });
}

/**
 * The dialect-neutral forms (handle.ts), each returning a promise. `build` makes the query from
 * `h.db`, once: compiled as above for SQLite, or as a named statement for PostgreSQL.
 */
export function prepareAll<Q extends Compilable & { all(): unknown[] }>(
  h: StoreDb,
  fields: Record<string, Column | SQL | SQL.Aliased>,
  build: () => Q,
  options: { read?: 'iterate' | 'all' } = {},
): (values?: Values) => Promise<ReturnType<Q['all']>> {
  if (h.dialect === 'sqlite') {
    const run = compileAll(h.db, fields, build(), options);
    return async (values) => run(values);
  }
  const pg = compilePg(h, fields, build());
  return async (values = {}) => pg.rows((await pg.run(values)).rows) as ReturnType<Q['all']>;
}

export function prepareGet<Q extends Compilable & { get(): unknown }>(
  h: StoreDb,
  fields: Record<string, Column | SQL | SQL.Aliased>,
  build: () => Q,
): (values?: Values) => Promise<ReturnType<Q['get']>> {
  if (h.dialect === 'sqlite') {
    const run = compileGet(h.db, fields, build());
    return async (values) => run(values);
  }
  const pg = compilePg(h, fields, build());
  return async (values = {}) => {
    const { rows } = await pg.run(values);
    return (rows.length === 0 ? undefined : pg.rows(rows.slice(0, 1))[0]) as ReturnType<Q['get']>;
  };
}

/** A write; the number of rows it changed. */
export function prepareRun(h: StoreDb, build: () => Compilable): (values?: Values) => Promise<number> {
  if (h.dialect === 'sqlite') {
    const run = compileRun(h.db, build());
    return async (values) => run(values).changes;
  }
  const pg = compilePg(h, undefined, build());
  return async (values = {}) => (await pg.run(values)).rowCount ?? 0;
}
