// compiled.ts binds parameters with a function generated per statement: placeholders by name,
// column encoders applied, constants kept, and a missing value refused as drizzle refuses it.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { pocs } from '../../db/schema.js';
import { compileGet, compileRun } from '../../src/store/compiled.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { createStore } from '../../src/store/index.js';
import { seedPoc } from '../../src/testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('compiled statements', () => {
  it('bind placeholders by name, encode through the column, and keep constants', () => {
    open = openDatabase(':memory:');
    const { db, sqlite } = open;
    const { poc } = seedPoc(createStore(db));
    const update = compileRun(
      db,
      db
        .update(pocs)
        .set({ longOverride: sql.placeholder('long'), name: sql.placeholder('name'), nextStep: 'call the buyer' })
        .where(eq(pocs.id, sql.placeholder('id'))),
    );
    expect(update({ id: poc.id, long: true, name: 'Renamed' }).changes).toBe(1);
    expect(update({ id: poc.id + 1, long: true, name: 'Nobody' }).changes).toBe(0);
    // The boolean went through the column's encoder: stored as 1, read back as true.
    expect(sqlite.prepare('select long_override, name, next_step from pocs where id = ?').get(poc.id)).toEqual({ long_override: 1, name: 'Renamed', next_step: 'call the buyer' });
    const read = compileGet(db, { id: pocs.id, longOverride: pocs.longOverride }, db.select({ id: pocs.id, longOverride: pocs.longOverride }).from(pocs).where(eq(pocs.id, sql.placeholder('id'))));
    expect(read({ id: poc.id })).toEqual({ id: poc.id, longOverride: true });
    expect(read({ id: poc.id + 1 })).toBeUndefined();
  });

  it('refuse a run without a value for a placeholder, as drizzle does', () => {
    open = openDatabase(':memory:');
    const { db } = open;
    const update = compileRun(db, db.update(pocs).set({ name: sql.placeholder('name') }).where(eq(pocs.id, sql.placeholder('id'))));
    expect(() => update({ name: 'x' })).toThrow('No value for placeholder "id" was provided');
  });
});
