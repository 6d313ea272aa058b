import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const mainScript = resolve('src/main.ts');

const valid = { SLACK_BOT_TOKEN: 'xoxb-123-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c).toMatchObject({
      port: 3000,
      databasePath: './data/pocbot.db',
      scheduler: 'on',
      logLevel: 'info',
      appToken: undefined,
      slackApiUrl: undefined,
    });
  });

  it('reads DATABASE_URL as PostgreSQL, a TCP host or a Unix socket, and keeps DATABASE_PATH for SQLite without it', () => {
    expect(loadConfig(valid).databaseUrl).toBeUndefined();
    const url = 'postgres://pocbot:s3cret@db.internal:5432/pocbot?sslmode=require';
    expect(loadConfig({ ...valid, DATABASE_URL: url })).toMatchObject({
      databaseUrl: url,
      databasePath: './data/pocbot.db',
    });
    expect(loadConfig({ ...valid, DATABASE_URL: 'postgresql:///pocbot?host=/var/run/postgresql' }).databaseUrl).toBe(
      'postgresql:///pocbot?host=/var/run/postgresql',
    );
    // An empty value copied from .env.example means "not set", as for every variable.
    expect(loadConfig({ ...valid, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  const oauth = {
    SLACK_SIGNING_SECRET: valid.SLACK_SIGNING_SECRET,
    SLACK_CLIENT_ID: '1234567890.987654321',
    SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef',
    SLACK_STATE_SECRET: 'a-long-random-state-secret',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  };

  it('installs through OAuth with all four variables, without SLACK_BOT_TOKEN (one left set is ignored)', () => {
    const c = loadConfig(oauth);
    expect(c.botToken).toBeUndefined();
    expect(c.oauth).toMatchObject({
      clientId: oauth.SLACK_CLIENT_ID,
      clientSecret: oauth.SLACK_CLIENT_SECRET,
      stateSecret: oauth.SLACK_STATE_SECRET,
    });
    expect(c.oauth?.tokenKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(loadConfig({ ...oauth, SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN }).botToken).toBeUndefined();
    expect(
      loadConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('hex') }).oauth?.tokenKey.equals(
        Buffer.alloc(32, 7),
      ),
    ).toBe(true);
    expect(loadConfig(valid).oauth).toBeUndefined();
  });

  it('reports every OAuth variable missing or wrong at once, never their values', () => {
    const { TOKEN_ENCRYPTION_KEY: _key, SLACK_STATE_SECRET: _state, ...partial } = oauth;
    let error: unknown;
    try {
      loadConfig({ ...partial, SLACK_CLIENT_SECRET: 'short' });
    } catch (err) {
      error = err;
    }
    const message = (error as Error).message;
    expect(message).toContain('SLACK_CLIENT_SECRET is malformed');
    expect(message).toContain('SLACK_STATE_SECRET is missing (needed to install through OAuth');
    expect(message).toContain('TOKEN_ENCRYPTION_KEY is missing');
    expect(message).not.toContain('SLACK_BOT_TOKEN');
    expect(() => loadConfig({ ...oauth, TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      'TOKEN_ENCRYPTION_KEY is malformed (expected 32 random bytes',
    );
    expect(() => loadConfig({ ...oauth, SLACK_APP_TOKEN: 'xapp-1-abc' })).toThrow(
      'SLACK_APP_TOKEN cannot be used with OAuth installs',
    );
  });

  it('normalises SLACK_API_URL to end with a slash', () => {
    expect(loadConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:9/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: valid.SLACK_SIGNING_SECRET }, 'SLACK_BOT_TOKEN is missing'],
    [{ ...valid, SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN is malformed'],
    [{ SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET is missing'],
    [{ ...valid, PORT: 'eighty' }, 'PORT must be a port number'],
    [{ ...valid, SCHEDULER: 'sometimes' }, 'SCHEDULER must be on or off'],
    [{ ...valid, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' }, 'SLACK_APP_TOKEN is malformed'],
    [
      { ...valid, DATABASE_URL: 'postgres://pocbot:s3cret@db.internal:notaport/pocbot' },
      'DATABASE_URL is malformed (expected postgres://user:password@host:5432/database)',
    ],
    [{ ...valid, DATABASE_URL: 'mysql://pocbot:s3cret@db.internal/pocbot' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ ...valid, DATABASE_URL: 'postgres:///pocbot' }, 'DATABASE_URL names no host'],
    [{ ...valid, DATABASE_URL: 'postgres://pocbot:s3cret@db.internal:5432' }, 'DATABASE_URL names no database'],
  ])('names the variable and never its value (%#)', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    for (const value of Object.values(env)) if (value) expect((error as Error).message).not.toContain(value);
  });
});

describe('every configuration error at once', () => {
  it('lists each problem on a line of its own, in the order of the variables, never a value', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-user-token-value',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root:hunter2@db/pocbot',
      SCHEDULER: 'sometimes',
      LOG_LEVEL: 'loud',
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.split('\n')).toEqual([
      'Configuration error: SLACK_BOT_TOKEN is malformed (expected a bot token starting with xoxb-)',
      'Configuration error: SLACK_SIGNING_SECRET is missing (needed over HTTP; Socket Mode with SLACK_APP_TOKEN does without it)',
      'Configuration error: PORT must be a port number',
      'Configuration error: DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); without it, pocbot uses SQLite at DATABASE_PATH',
      'Configuration error: SCHEDULER must be on or off',
      'Configuration error: LOG_LEVEL must be one of debug, info, warn, error',
    ]);
    for (const value of Object.values(env)) expect((error as Error).message).not.toContain(value);
  });

  it('needs no signing secret in Socket Mode (an app-level token set)', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' });
    expect(c.appToken).toBe('xapp-1-A0-123-abc');
    expect(c.signingSecret).toBeUndefined();
    // A secret given anyway must still be well-formed.
    expect(() =>
      loadConfig({
        SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0-123-abc',
        SLACK_SIGNING_SECRET: 'no!',
      }),
    ).toThrow('SLACK_SIGNING_SECRET is malformed');
  });
});

describe('npm start without a signing secret', () => {
  it('stops with one clear line naming the variable and no stack trace', () => {
    // In an empty folder, so a developer's own .env cannot fill in the missing secret.
    const cwd = mkdtempSync(join(tmpdir(), 'pocbot-start-'));
    const res = spawnSync(process.execPath, ['--import', tsxLoader, mainScript, 'start'], {
      cwd,
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: 'xoxb-123-secretvalue' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toEqual([
      'Configuration error: SLACK_SIGNING_SECRET is missing (needed over HTTP; Socket Mode with SLACK_APP_TOKEN does without it)',
    ]);
    expect(res.stderr).not.toContain('secretvalue');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reads the variables from a .env in its folder', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pocbot-start-'));
    writeFileSync(
      join(cwd, '.env'),
      'SLACK_BOT_TOKEN=xoxb-123-abc\nSLACK_SIGNING_SECRET=abcdef0123456789\nSCHEDULER=maybe\n',
    );
    const res = spawnSync(process.execPath, ['--import', tsxLoader, mainScript, 'start'], {
      cwd,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 20_000,
    });
    // Both secrets came from .env: the first thing it stops at is the malformed SCHEDULER.
    expect(res.stderr.trim()).toBe('Configuration error: SCHEDULER must be on or off');
    rmSync(cwd, { recursive: true, force: true });
  });
});

describe('a DATABASE_PATH that cannot be created', () => {
  it('stops at once with one line saying where and why (Node alone loops for ever under /proc)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pocbot-start-'));
    const started = Date.now();
    const res = spawnSync(process.execPath, ['--import', tsxLoader, mainScript, 'tick', '--dry-run'], {
      cwd,
      env: { PATH: process.env.PATH, ...valid, DATABASE_PATH: '/proc/pocbot/data/pocbot.db' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    rmSync(cwd, { recursive: true, force: true });
    expect(res.signal).toBeNull(); // not killed by the timeout
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      'pocbot failed: cannot create the folder /proc/pocbot for the database (DATABASE_PATH): ENOENT',
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
