// compiled.ts binds parameters with a function generated per statement: placeholders by name,
// column encoders applied, constants kept, and a missing value refused as drizzle refuses it.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { pocs } from '../../db/schema.js';
import { compileGet, compileRun } from '../../src/store/compiled.js';
import { type OpenDatabase, openDatabase } from '../../src/store/db.js';
import { pocRow } from '../../testkit/fixtures.js';

let open: OpenDatabase | undefined;
afterEach(() => open?.close());

describe('compiled statements', () => {
  it('bind placeholders by name, encode through the column, and keep constants', () => {
    open = openDatabase(':memory:');
    const { db, sqlite } = open;
    const p = (name: string) => sql.placeholder(name);
    // An inserted placeholder goes through its column's encoder: `long` is a boolean, which
    // better-sqlite3 itself refuses to bind.
    const insert = compileRun(
      db,
      db
        .insert(pocs)
        .values({ ...pocRow(), channelId: p('channel'), longOverride: p('long'), nextStep: 'call the buyer' }),
    );
    expect(insert({ channel: 'C0LONG', long: true }).changes).toBe(1);
    expect(insert({ channel: 'C0SHORT', long: false }).changes).toBe(1);
    expect(sqlite.prepare('select channel_id, long_override, next_step from pocs order by id').all()).toEqual([
      { channel_id: 'C0LONG', long_override: 1, next_step: 'call the buyer' },
      { channel_id: 'C0SHORT', long_override: 0, next_step: 'call the buyer' },
    ]);
    const fields = { channelId: pocs.channelId, longOverride: pocs.longOverride };
    const read = compileGet(
      db,
      fields,
      db
        .select(fields)
        .from(pocs)
        .where(eq(pocs.channelId, p('channel'))),
    );
    expect(read({ channel: 'C0LONG' })).toEqual({ channelId: 'C0LONG', longOverride: true });
    expect(read({ channel: 'C0NONE' })).toBeUndefined();
  });

  it('refuse a run without a value for a placeholder, as drizzle does', () => {
    open = openDatabase(':memory:');
    const { db } = open;
    const update = compileRun(
      db,
      db
        .update(pocs)
        .set({ name: sql`${sql.placeholder('name')}` })
        .where(eq(pocs.id, sql.placeholder('id'))),
    );
    expect(() => update({ name: 'x' })).toThrow('No value for placeholder "id" was provided');
  });
});
