// Starts the real app over HTTP against the fake Slack API on a real SQLite file. Tests, the
// demo and the bench all drive pocbot through this.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createPocbot, type Pocbot } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { DispatcherOptions } from '../src/jobs/dispatcher.js';
import { createLogger } from '../src/logger.js';
import { postgresAppDatabase } from '../src/store/app-database.js';
import { openPostgres } from '../src/store/pg/db.js';
import { createPgDatabase } from './postgres.js';
import { FakeSlack } from './fake-slack.js';
import { type LogEntry, LogCapture } from './log-capture.js';
import { type CommandFields, SlackRequests } from './signed-requests.js';

export const testSigningSecret = 'testsigningsecret0123456789abcdef';
export const testBotToken = 'xoxb-1111-2222-testtoken';

export interface Harness {
  fake: FakeSlack;
  bot: Pocbot;
  slack: SlackRequests;
  clock: ManualClock;
  appUrl: string;
  dbPath: string;
  /** Every entry the app logged, as a readable line: `<time> ERROR [pocbot] <msg>` (log-capture.ts). */
  logs: string[];
  /** The same entries as parsed JSON objects, with all their fields. */
  logEntries: LogEntry[];
  /** The JSON lines exactly as written. */
  logLines: string[];
  /** Stops the app and starts a new one on the same database (a process restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  now?: string | Date;
  config?: Partial<Config>;
  /** Reuse a database file (e.g. the demo's), instead of a fresh temp one. */
  dbPath?: string;
  fake?: FakeSlack;
  /** Outbox dispatcher settings; e.g. `{ pacer: virtualPacer() }` so ticks never sleep. */
  dispatcher?: DispatcherOptions;
  /**
   * Many workspaces through OAuth instead of the one bot token: the app serves /slack/install and
   * /slack/oauth_redirect, and each team added with `fake.addTeam` installs with installThroughOAuth().
   */
  oauth?: boolean;
}

/** The app's config for a test server: the test secrets, any free port, no scheduler (tests tick it). */
export function testConfig(where: {
  slackApiUrl: string | undefined;
  databasePath?: string;
  databaseUrl?: string | undefined;
}): Config {
  return {
    botToken: testBotToken,
    signingSecret: testSigningSecret,
    appToken: undefined,
    port: 0,
    databasePath: where.databasePath ?? '',
    databaseUrl: where.databaseUrl,
    slackApiUrl: where.slackApiUrl,
    scheduler: 'off',
    logLevel: 'info',
  };
}

/**
 * Whether the harness runs the app on PostgreSQL (`npm run test:pg` sets POCBOT_TEST_DB=postgres):
 * each harness then gets a database of its own on the test server, dropped at stop().
 */
export const onPostgres = process.env.POCBOT_TEST_DB === 'postgres';

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(new Date(options.now ?? '2026-11-23T15:00:00Z'));
  const pgDatabase = onPostgres && !options.dbPath ? await createPgDatabase('e2e') : undefined;
  const fake = options.fake ?? new FakeSlack({ botToken: testBotToken, clock });
  if (!options.fake) await fake.start();
  const dir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'pocbot-'));
  const dbPath = options.dbPath ?? join(dir as string, 'pocbot.db');
  const capture = new LogCapture();
  const config: Config = {
    botToken: options.oauth ? undefined : testBotToken,
    oauth: options.oauth
      ? {
          clientId: fake.oauthClient.id,
          clientSecret: fake.oauthClient.secret,
          stateSecret: 'test-state-secret-0123456789',
          tokenKey: randomBytes(32),
        }
      : undefined,
    signingSecret: testSigningSecret,
    appToken: undefined,
    port: 0,
    databasePath: dbPath,
    slackApiUrl: fake.apiUrl,
    scheduler: 'off',
    logLevel: 'info',
    ...options.config,
  };
  const logger = createLogger(config.logLevel, capture, {
    secrets: [config.botToken, config.signingSecret, config.appToken],
  });

  const harness = {} as Harness;
  const boot = async () => {
    const database = pgDatabase
      ? postgresAppDatabase(await openPostgres(pgDatabase.url, { maxConnections: 4 }))
      : undefined;
    const bot = createPocbot({ config, clock, logger, dispatcher: options.dispatcher, database });
    const { port } = await bot.start();
    const appUrl = `http://127.0.0.1:${port}`;
    if (config.oauth) fake.oauthRedirectUrl = `${appUrl}/slack/oauth_redirect`;
    Object.assign(harness, {
      bot,
      appUrl,
      slack: new SlackRequests(appUrl, config.signingSecret ?? '', {
        teamId: fake.teamId,
        responseUrl: () => fake.responseUrl(),
        triggerId: () => fake.issueTrigger(),
      }),
    });
  };
  Object.assign(harness, {
    fake,
    clock,
    dbPath,
    logs: capture.lines,
    logEntries: capture.entries,
    logLines: capture.raw,
    restart: async () => {
      await harness.bot.stop();
      await boot();
    },
    stop: async () => {
      await harness.bot.stop();
      await pgDatabase?.drop();
      if (!options.fake) await fake.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });
  await boot();
  return harness;
}

/**
 * Polls until `check` returns a value (listeners run after the ack, so effects land a bit later):
 * anything but undefined, null or false (a column still null has not landed yet).
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw last instanceof Error ? last : new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 15));
  }
}

/**
 * What the user sees for a slash command: the ack's body when it carries the reply, otherwise the
 * first message the app posts to the command's response_url (commands that answer after the ack).
 */
export async function commandReply(
  h: Harness,
  fields: Omit<CommandFields, 'responseUrl'>,
): Promise<{ status: number; reply: Record<string, unknown> }> {
  const id = randomUUID();
  const res = await h.slack.command({ ...fields, responseUrl: h.fake.responseUrl(id) });
  if (res.json !== null && typeof res.json === 'object')
    return { status: res.status, reply: res.json as Record<string, unknown> };
  const posted = await eventually(() => h.fake.responses.find((r) => r.id === id));
  return { status: res.status, reply: posted.body };
}

/** Signed requests as from another workspace (OAuth mode: each installed team sends its own). */
export function requestsFrom(h: Harness, teamId: string): SlackRequests {
  return new SlackRequests(h.appUrl, h.bot.config.signingSecret ?? '', {
    teamId,
    responseUrl: () => h.fake.responseUrl(),
    triggerId: () => h.fake.issueTrigger(),
  });
}

/**
 * A workspace admin installing the app through OAuth, as a browser does it: GET /slack/install
 * (Bolt sets the state cookie and links to Slack's authorize page), Slack's approval for `teamId`
 * (the fake redirects back with a code), then GET /slack/oauth_redirect with the cookie; Bolt
 * checks the state, calls oauth.v2.access and stores the install. Returns the redirect's answer.
 */
export async function installThroughOAuth(
  h: Harness,
  teamId: string,
  options: { cookie?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const page = await fetch(`${h.appUrl}/slack/install`, { redirect: 'manual' });
  const html = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const href = /<a href="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !href) throw new Error(`/slack/install answered ${page.status} without a link to Slack`);
  const authorize = new URL(href.replace(/&amp;/g, '&'));
  authorize.searchParams.set('team', teamId);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const back = approved.headers.get('location');
  if (approved.status !== 302 || !back) throw new Error(`the authorize page answered ${approved.status}`);
  const done = await fetch(back, { redirect: 'manual', headers: options.cookie === false ? {} : { cookie } });
  return { status: done.status, body: await done.text() };
}

/** The app's SQLite connection, for a test that reads or breaks the file itself (SQLite only). */
export function sqliteOf(bot: Pocbot): Database.Database {
  const sqlite = bot.database.sqlite?.sqlite;
  if (!sqlite) throw new Error('this test reads the SQLite file: it runs on SQLite only');
  return sqlite;
}
