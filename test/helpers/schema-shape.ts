// What a drizzle schema says about each table, in terms both dialects share: the store's queries
// rely on these being the same on SQLite and PostgreSQL (names, JS value types, nullability,
// defaults, keys, indexes and their partial conditions). Types themselves differ by dialect
// (db/pg/schema.ts says how they map); only the JS value type a column reads as is compared.
import { type Column, getTableName, is, SQL, Table } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

export interface TableShape {
  /** The export's name in the schema module. */
  exportName: string;
  columns: Record<string, Record<string, unknown>>;
  primaryKeys: string[];
  indexes: Record<string, { unique: boolean; columns: string[]; where: string | null }>;
  uniqueConstraints: Record<string, string[]>;
  foreignKeys: string[];
}

/** The text of a `sql` template with no parameters (index conditions, SQL defaults), whitespace folded. */
function sqlText(value: unknown): string {
  if (!is(value, SQL)) return JSON.stringify(value);
  const parts = value.queryChunks.map((chunk) => {
    const c = chunk as { value?: unknown; name?: unknown };
    if (Array.isArray(c.value)) return c.value.join('');
    if (typeof c.name === 'string') return c.name;
    return `?${JSON.stringify(c.value ?? null)}`;
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function columnShape(column: Column): Record<string, unknown> {
  const c = column as Column & { autoIncrement?: boolean; generatedIdentity?: unknown };
  return {
    key: undefined as unknown, // filled by the caller (the JS property name)
    dataType: c.dataType,
    notNull: c.notNull,
    primary: c.primary,
    default: c.hasDefault && c.default !== undefined ? sqlText(c.default) : null,
    enumValues: c.enumValues ? [...c.enumValues].sort() : null,
    // An id the database hands out: AUTOINCREMENT in SQLite, an identity in PostgreSQL.
    generatedId: Boolean(c.autoIncrement) || c.generatedIdentity !== undefined,
  };
}

export function schemaShape(schema: Record<string, unknown>): Map<string, TableShape> {
  const tables = new Map<string, TableShape>();
  for (const [exportName, table] of Object.entries(schema)) {
    if (!is(table, Table)) continue;
    const config = is(table, PgTable)
      ? pgTableConfig(table)
      : is(table, SQLiteTable)
        ? sqliteTableConfig(table)
        : undefined;
    if (!config) throw new Error(`${exportName}: neither a SQLite nor a PostgreSQL table`);
    const keyOf = new Map(Object.entries(table as unknown as Record<string, Column>).map(([key, col]) => [col, key]));
    const columns: TableShape['columns'] = {};
    for (const column of config.columns) columns[column.name] = { ...columnShape(column), key: keyOf.get(column) };
    const indexes: TableShape['indexes'] = {};
    for (const index of config.indexes) {
      const ic = index.config as { name?: string; unique: boolean; columns: unknown[]; where?: SQL };
      indexes[ic.name ?? '(unnamed)'] = {
        unique: ic.unique,
        columns: ic.columns.map((col) => (is(col, SQL) ? sqlText(col) : String((col as { name?: unknown }).name))),
        where: ic.where ? sqlText(ic.where) : null,
      };
    }
    const uniqueConstraints: TableShape['uniqueConstraints'] = {};
    for (const u of config.uniqueConstraints)
      uniqueConstraints[u.getName() ?? '(unnamed)'] = u.columns.map((col) => col.name);
    tables.set(config.name, {
      exportName,
      columns,
      primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((col) => col.name).join(',')).sort(),
      indexes,
      uniqueConstraints,
      foreignKeys: config.foreignKeys
        .map((fk) => {
          const ref = fk.reference();
          return `(${ref.columns.map((col) => col.name).join(',')}) → ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((col) => col.name).join(',')}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
        })
        .sort(),
    });
  }
  return tables;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every difference between two schemas, one line each naming the table and what differs (empty: in step). */
export function schemaDifferences(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  names: [string, string] = ['SQLite', 'PostgreSQL'],
): string[] {
  const [nameA, nameB] = names;
  const left = schemaShape(a);
  const right = schemaShape(b);
  const out: string[] = [];
  const onlyIn = (what: string, keysA: Iterable<string>, keysB: Iterable<string>) => {
    const setB = new Set(keysB);
    const setA = new Set(keysA);
    for (const k of setA) if (!setB.has(k)) out.push(`${what}${k}: only in ${nameA}`);
    for (const k of setB) if (!setA.has(k)) out.push(`${what}${k}: only in ${nameB}`);
  };
  onlyIn('table ', left.keys(), right.keys());
  for (const [table, ta] of left) {
    const tb = right.get(table);
    if (!tb) continue;
    if (ta.exportName !== tb.exportName)
      out.push(`table ${table}: exported as ${ta.exportName} in ${nameA}, ${tb.exportName} in ${nameB}`);
    onlyIn(`column ${table}.`, Object.keys(ta.columns), Object.keys(tb.columns));
    for (const [column, ca] of Object.entries(ta.columns)) {
      const cb = tb.columns[column];
      if (!cb) continue;
      for (const prop of Object.keys(ca)) {
        if (!same(ca[prop], cb[prop]))
          out.push(
            `column ${table}.${column}: ${prop} is ${JSON.stringify(ca[prop])} in ${nameA}, ${JSON.stringify(cb[prop])} in ${nameB}`,
          );
      }
    }
    if (!same(ta.primaryKeys, tb.primaryKeys))
      out.push(
        `table ${table}: primary key (${ta.primaryKeys.join('; ')}) in ${nameA}, (${tb.primaryKeys.join('; ')}) in ${nameB}`,
      );
    onlyIn(`index ${table}.`, Object.keys(ta.indexes), Object.keys(tb.indexes));
    for (const [index, ia] of Object.entries(ta.indexes)) {
      const ib = tb.indexes[index];
      if (ib && !same(ia, ib))
        out.push(`index ${table}.${index}: ${JSON.stringify(ia)} in ${nameA}, ${JSON.stringify(ib)} in ${nameB}`);
    }
    onlyIn(`unique key ${table}.`, Object.keys(ta.uniqueConstraints), Object.keys(tb.uniqueConstraints));
    for (const [name, ua] of Object.entries(ta.uniqueConstraints)) {
      const ub = tb.uniqueConstraints[name];
      if (ub && !same(ua, ub))
        out.push(`unique key ${table}.${name}: (${ua.join(',')}) in ${nameA}, (${ub.join(',')}) in ${nameB}`);
    }
    onlyIn(`foreign key ${table} `, ta.foreignKeys, tb.foreignKeys);
  }
  return out;
}
