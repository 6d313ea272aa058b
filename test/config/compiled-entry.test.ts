// `npm start` and `npm run tick` run the compiled JavaScript in dist/ (built by `npm install` and
// `npm run build`), not the TypeScript through a loader: this builds it and runs a tick with it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pocbot-compiled-'));
const main = resolve('dist/src/main.js');
const env = {
  PATH: process.env.PATH ?? '',
  SLACK_BOT_TOKEN: 'xoxb-123-abc',
  SLACK_SIGNING_SECRET: 'abcdef0123456789',
  DATABASE_PATH: join(dir, 'pocbot.db'),
  SCHEDULER: 'off',
};

describe('the compiled entry point (what npm start and npm run tick run)', () => {
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a dry-run tick from dist/, migrating a new database from the copied migrations', () => {
    expect(existsSync(resolve('dist/db/migrations/meta/_journal.json'))).toBe(true);
    const run = spawnSync(process.execPath, [main, 'tick', '--dry-run', '--now', '2026-12-01T14:30:00Z'], { encoding: 'utf8', env, cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('tick at 2026-12-01T14:30:00.000Z (dry run: nothing sent)');
    expect(run.stdout).toContain('nothing due');
    expect(run.stdout).toMatch(/^planned in \d+ ms$/m);
    expect(run.stderr).not.toContain('dist/ is older than src/');
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    try {
      const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['pocs', 'criteria', 'outbox', 'nudges']));
    } finally {
      db.close();
    }
  });

  it('warns, and still runs, when the build is older than the sources', () => {
    const built = statSync(main);
    utimesSync(main, built.atime, new Date('2020-01-01T00:00:00Z'));
    try {
      const run = spawnSync(process.execPath, [main, 'tick', '--dry-run', '--now', '2026-12-01T14:30:00Z'], { encoding: 'utf8', env, cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('dist/ is older than src/');
      expect(run.stdout).toContain('tick at 2026-12-01T14:30:00.000Z');
    } finally {
      utimesSync(main, built.atime, built.mtime);
    }
  });

  it('answers a bad configuration with the one-line message, as under tsx', () => {
    const run = spawnSync(process.execPath, [main, 'tick'], { encoding: 'utf8', env: { ...env, SLACK_BOT_TOKEN: '' }, cwd: dir });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN is missing');
  });
});
