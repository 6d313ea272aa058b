// db/schema.ts and the committed migrations must say the same thing: a change to the schema
// without its migration would pass every test (they build databases from the migrations) and
// then never reach a real database. drizzle-kit is asked to generate into a copy of the
// migrations; it must find nothing to write.
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

function generate(schema: string | string[]): { status: number | null; out: string; sqlFiles: string[] } {
  const migrations = join(dir, 'migrations');
  rmSync(migrations, { recursive: true, force: true });
  cpSync(resolve('db/migrations'), migrations, { recursive: true });
  const config = join(dir, 'drizzle.config.cjs');
  writeFileSync(config, `module.exports = ${JSON.stringify({ dialect: 'sqlite', schema, out: relative(process.cwd(), migrations) })};\n`);
  // drizzle-kit reads `out` relative to the working directory. No TTY: were drizzle-kit to ask a question (a rename?), it fails rather than waits; the timeout is the backstop.
  const res = spawnSync(process.execPath, [drizzleKit, 'generate', '--config', config], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: res.status, out: `${res.stdout}${res.stderr}`, sqlFiles: readdirSync(migrations).filter((f) => f.endsWith('.sql')) };
}

describe('db/schema.ts and db/migrations', () => {
  const committed = readdirSync(resolve('db/migrations')).filter((f) => f.endsWith('.sql'));

  it('are in step: drizzle-kit generate finds no change to write', () => {
    const res = generate(resolve('db/schema.ts'));
    expect(res.out).toMatch(/No schema changes/);
    expect(res.sqlFiles).toEqual(committed);
  });

  it('would not be: a table added to the schema alone makes drizzle-kit write a migration', () => {
    // The check itself must be able to fail: the same schema with one more table.
    const probe = join(dir, 'probe.ts');
    writeFileSync(
      probe,
      "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';\n" +
        "export const schemaSyncProbe = sqliteTable('schema_sync_probe', { id: integer('id').primaryKey() });\n",
    );
    const res = generate([resolve('db/schema.ts'), probe]);
    expect(res.sqlFiles.length).toBe(committed.length + 1);
  });
});
