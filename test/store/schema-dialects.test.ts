// One schema per dialect (db/schema.ts for SQLite, db/pg/schema.ts for PostgreSQL), and one store
// over both: a table, column, default, key or index changed in one file only would work on one
// database and fail, or mean something else, on the other. This test says where they differ.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index as pgIndex,
  integer as pgInteger,
  pgTable,
  text as pgText,
  uniqueIndex as pgUniqueIndex,
} from 'drizzle-orm/pg-core';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/pg/schema.js';
import * as sqliteSchema from '../../db/schema.js';
import { schemaDifferences, schemaShape } from '../helpers/schema-shape.js';

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, columns, value types, nullability, defaults, keys and indexes', () => {
    expect(schemaDifferences(sqliteSchema, pgSchema)).toEqual([]);
  });

  it('are both read in full: every table, and the partial indexes with their conditions', () => {
    // Guards the comparison itself: a reader that saw no tables or no indexes would find no difference.
    const shapes = schemaShape(pgSchema);
    expect(shapes.size).toBe(Object.keys(sqliteSchema).length);
    expect(shapes.get('pocs')?.indexes.pocs_open_channel).toEqual({
      unique: true,
      columns: ['team_id', 'channel_id'],
      where: 'closed_at IS NULL',
    });
    expect(shapes.get('workspaces')?.primaryKeys).toEqual(['enterprise_id,team_id']);
    expect(shapes.get('outbox')?.columns.status?.enumValues).toEqual(['failed', 'pending', 'sent', 'skipped']);
    expect(schemaShape(sqliteSchema).get('time_off')?.foreignKeys).toEqual([
      '(poc_id) → pocs(id) on delete set null on update no action',
    ]);
  });
});

describe('the comparison', () => {
  // The same small table in both dialects, then one change at a time on the PostgreSQL side.
  const sqliteSide = {
    things: sqliteTable(
      'things',
      {
        id: integer('id').primaryKey({ autoIncrement: true }),
        name: text('name').notNull(),
        state: text('state', { enum: ['open', 'closed'] })
          .notNull()
          .default('open'),
        done: integer('done', { mode: 'boolean' }).notNull().default(false),
        score: real('score'),
        closedAt: text('closed_at'),
      },
      (t) => [uniqueIndex('things_open').on(t.name).where(sql`closed_at IS NULL`), index('things_state').on(t.state)],
    ),
  };
  const pgThings = (
    change: {
      name?: 'nullable' | 'renamed';
      stateDefault?: string;
      stateEnum?: [string, ...string[]];
      done?: 'integer';
      score?: 'text';
      id?: 'plain';
      openWhere?: string;
      stateIndex?: 'renamed' | 'unique' | 'other column';
    } = {},
  ) => ({
    things: pgTable(
      'things',
      {
        id:
          change.id === 'plain'
            ? pgInteger('id').primaryKey()
            : pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
        name:
          change.name === 'nullable' ? pgText('name') : pgText(change.name === 'renamed' ? 'title' : 'name').notNull(),
        state: pgText('state', { enum: change.stateEnum ?? ['open', 'closed'] })
          .notNull()
          .default(change.stateDefault ?? 'open'),
        done:
          change.done === 'integer' ? pgInteger('done').notNull().default(0) : boolean('done').notNull().default(false),
        score: change.score === 'text' ? pgText('score') : doublePrecision('score'),
        closedAt: pgText('closed_at'),
      },
      (t) => [
        pgUniqueIndex('things_open')
          .on(t.name)
          .where(sql.raw(change.openWhere ?? 'closed_at IS NULL')),
        change.stateIndex === 'unique'
          ? pgUniqueIndex('things_state').on(t.state)
          : pgIndex(change.stateIndex === 'renamed' ? 'things_by_state' : 'things_state').on(
              change.stateIndex === 'other column' ? t.closedAt : t.state,
            ),
      ],
    ),
  });

  it('finds none between the same table in both dialects', () => {
    expect(schemaDifferences(sqliteSide, pgThings())).toEqual([]);
  });

  it.each([
    [{ name: 'nullable' as const }, 'column things.name: notNull is true in SQLite, false in PostgreSQL'],
    [{ name: 'renamed' as const }, 'column things.name: only in SQLite'],
    [
      { stateDefault: 'closed' },
      'column things.state: default is "\\"open\\"" in SQLite, "\\"closed\\"" in PostgreSQL',
    ],
    [{ stateEnum: ['open', 'closed', 'archived'] as [string, ...string[]] }, 'column things.state: enumValues'],
    [{ done: 'integer' as const }, 'column things.done: dataType is "boolean" in SQLite, "number" in PostgreSQL'],
    [{ score: 'text' as const }, 'column things.score: dataType is "number" in SQLite, "string" in PostgreSQL'],
    [{ id: 'plain' as const }, 'column things.id: generatedId is true in SQLite, false in PostgreSQL'],
    [{ openWhere: 'closed_at IS NOT NULL' }, 'index things.things_open:'],
    [{ stateIndex: 'renamed' as const }, 'index things.things_state: only in SQLite'],
    [{ stateIndex: 'unique' as const }, 'index things.things_state: {"unique":false'],
    [{ stateIndex: 'other column' as const }, 'index things.things_state: {"unique":false,"columns":["state"]'],
  ])('reports a difference made on one side only (%#)', (change, expected) => {
    const differences = schemaDifferences(sqliteSide, pgThings(change));
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
      ]),
    );
  });

  it('reports a table or a foreign key on one side only', () => {
    const parent = pgTable('parents', { id: pgInteger('id').primaryKey() });
    const withChild = {
      ...pgThings(),
      parents: parent,
      children: pgTable('children', {
        parentId: pgInteger('parent_id').references(() => parent.id, { onDelete: 'cascade' }),
      }),
    };
    const sqliteParent = sqliteTable('parents', { id: integer('id').primaryKey() });
    const sqliteWithChild = {
      ...sqliteSide,
      parents: sqliteParent,
      children: sqliteTable('children', { parentId: integer('parent_id').references(() => sqliteParent.id) }),
    };
    expect(schemaDifferences(sqliteSide, withChild)).toEqual([
      'table parents: only in PostgreSQL',
      'table children: only in PostgreSQL',
    ]);
    expect(schemaDifferences(sqliteWithChild, withChild)).toEqual([
      'foreign key children (parent_id) → parents(id) on delete no action on update no action: only in SQLite',
      'foreign key children (parent_id) → parents(id) on delete cascade on update no action: only in PostgreSQL',
    ]);
  });
});
