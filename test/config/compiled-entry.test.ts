// `npm start` and `npm run tick` run the compiled JavaScript in dist/ (built by `npm install` and
// `npm run build`), not the TypeScript through a loader: this builds it and runs a tick with it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../testkit/fake-slack.js';

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
    const run = spawnSync(process.execPath, [main, 'tick', '--dry-run', '--now', '2026-12-01T14:30:00Z'], {
      encoding: 'utf8',
      env,
      cwd: dir,
    });
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
      const run = spawnSync(process.execPath, [main, 'tick', '--dry-run', '--now', '2026-12-01T14:30:00Z'], {
        encoding: 'utf8',
        env,
        cwd: dir,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('dist/ is older than src/');
      expect(run.stdout).toContain('tick at 2026-12-01T14:30:00.000Z');
    } finally {
      utimesSync(main, built.atime, built.mtime);
    }
  });

  it('answers a bad configuration with the one-line message, as under tsx', () => {
    const run = spawnSync(process.execPath, [main, 'tick'], {
      encoding: 'utf8',
      env: { ...env, SLACK_BOT_TOKEN: '' },
      cwd: dir,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN is missing');
  });

  it('starts as npm start runs it (no compile), answers /healthz and /readyz, logs JSON lines, and stops on SIGTERM', async () => {
    const fake = new FakeSlack({ botToken: env.SLACK_BOT_TOKEN });
    await fake.start();
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const started = performance.now();
    const app = spawn(process.execPath, [main, 'start'], {
      cwd: dir,
      env: { ...env, SLACK_API_URL: fake.apiUrl, PORT: String(port), SCHEDULER: 'on' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    app.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => app.once('exit', (code) => r(code)));
    try {
      let healthyMs: number | undefined;
      while (healthyMs === undefined && performance.now() - started < 15_000 && app.exitCode === null) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (res?.status === 200) healthyMs = performance.now() - started;
        else await new Promise((r) => setTimeout(r, 20));
      }
      expect(healthyMs, stderr).toBeDefined();
      // The budget is 3 s on a quiet machine (CI's release smoke holds it to that); tests run beside others here.
      expect(healthyMs).toBeLessThan(10_000);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        checks: { database: { ok: true }, scheduler: { ok: true } },
      });
    } finally {
      app.kill('SIGTERM');
      expect(await exited).toBe(0);
      await fake.stop();
    }
    const lines = stderr.trim().split('\n');
    for (const line of lines)
      expect((JSON.parse(line) as { level: string }).level).toMatch(/^(debug|info|warn|error)$/);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(
      `pocbot listening (HTTP on port ${port})`,
    );
    expect(stderr).not.toContain(env.SLACK_BOT_TOKEN);
  });

  it('is started with the same node flags by npm start, npm run tick and the container image', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const flagsOf = (command: string[]) => command.slice(1, command.indexOf('dist/src/main.js'));
    const start = flagsOf((scripts.start ?? '').split(' '));
    expect(start).toContain('--min-semi-space-size=16');
    expect(flagsOf((scripts.tick ?? '').split(' '))).toEqual(start);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1] ?? '[]';
    expect(flagsOf(JSON.parse(cmd) as string[])).toEqual(start);
    expect(readFileSync('docs/deploy.md', 'utf8')).toContain(
      `ExecStart=/usr/bin/node ${start.join(' ')} dist/src/main.js start`,
    );
  });
});
