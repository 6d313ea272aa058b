// Each dialect's schema and its committed migrations must say the same thing (db/schema.ts with
// db/migrations for SQLite, db/pg/schema.ts with db/pg/migrations for PostgreSQL): a change to a
// schema without its migration would pass every test (they build databases from the migrations)
// and then never reach a real database. drizzle-kit is asked to generate into a copy of the
// migrations; it must find nothing to write. (No database is needed: drizzle-kit compares the
// schema with the newest snapshot in meta/.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const drizzleKit = join(dirname(createRequire(import.meta.url).resolve('drizzle-kit')), 'bin.cjs');
// Under node_modules/.cache, so the probe schema below resolves drizzle-orm as db/schema.ts does.
mkdirSync(resolve('node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(resolve('node_modules/.cache/pocbot-schema-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Dialect = 'sqlite' | 'postgresql';

function generate(
  dialect: Dialect,
  committedFolder: string,
  schema: string | string[],
): { status: number | null; out: string; sqlFiles: string[] } {
  const migrations = join(dir, `migrations-${dialect}`);
  rmSync(migrations, { recursive: true, force: true });
  cpSync(resolve(committedFolder), migrations, { recursive: true });
  const config = join(dir, `drizzle.${dialect}.config.cjs`);
  writeFileSync(
    config,
    `module.exports = ${JSON.stringify({ dialect, schema, out: relative(process.cwd(), migrations) })};\n`,
  );
  // drizzle-kit reads `out` relative to the working directory. No TTY: were drizzle-kit to ask a question (a rename?), it fails rather than waits; the timeout is the backstop.
  const res = spawnSync(process.execPath, [drizzleKit, 'generate', '--config', config], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    status: res.status,
    out: `${res.stdout}${res.stderr}`,
    sqlFiles: readdirSync(migrations).filter((f) => f.endsWith('.sql')),
  };
}

const dialects = [
  {
    dialect: 'sqlite' as const,
    schema: 'db/schema.ts',
    migrations: 'db/migrations',
    probe:
      "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\nexport const schemaSyncProbe = sqliteTable('schema_sync_probe', { id: integer('id').primaryKey() });\n",
  },
  {
    dialect: 'postgresql' as const,
    schema: 'db/pg/schema.ts',
    migrations: 'db/pg/migrations',
    probe:
      "import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const schemaSyncProbe = pgTable('schema_sync_probe', { id: integer('id').primaryKey() });\n",
  },
];

describe.each(dialects)('$schema and $migrations ($dialect)', ({ dialect, schema, migrations, probe }) => {
  const committed = readdirSync(resolve(migrations)).filter((f) => f.endsWith('.sql'));

  it('are in step: drizzle-kit generate finds no change to write', () => {
    const res = generate(dialect, migrations, resolve(schema));
    expect(res.out).toMatch(/No schema changes/);
    expect(res.sqlFiles).toEqual(committed);
  });

  it('would not be: a table added to the schema alone makes drizzle-kit write a migration', () => {
    // The check itself must be able to fail: the same schema with one more table.
    const probeFile = join(dir, `probe-${dialect}.ts`);
    writeFileSync(probeFile, probe);
    const res = generate(dialect, migrations, [resolve(schema), probeFile]);
    expect(res.sqlFiles.length).toBe(committed.length + 1);
  });
});
