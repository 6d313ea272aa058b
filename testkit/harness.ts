// Starts the real app over HTTP against the fake Slack API on a real SQLite file. Tests, the
// demo and the bench all drive pocbot through this.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPocbot, type Pocbot } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { DispatcherOptions } from '../src/jobs/dispatcher.js';
import { createLogger } from '../src/logger.js';
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
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(new Date(options.now ?? '2026-11-23T15:00:00Z'));
  const fake = options.fake ?? new FakeSlack({ botToken: testBotToken, clock });
  if (!options.fake) await fake.start();
  const dir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'pocbot-'));
  const dbPath = options.dbPath ?? join(dir as string, 'pocbot.db');
  const capture = new LogCapture();
  const config: Config = {
    botToken: testBotToken,
    signingSecret: testSigningSecret,
    appToken: undefined,
    port: 0,
    databasePath: dbPath,
    slackApiUrl: fake.apiUrl,
    scheduler: 'off',
    logLevel: 'info',
    ...options.config,
  };
  const logger = createLogger(config.logLevel, capture, { secrets: [config.botToken, config.signingSecret, config.appToken] });

  const harness = {} as Harness;
  const boot = async () => {
    const bot = createPocbot({ config, clock, logger, dispatcher: options.dispatcher });
    const { port } = await bot.start();
    const appUrl = `http://127.0.0.1:${port}`;
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
export async function eventually<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 3000): Promise<T> {
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
export async function commandReply(h: Harness, fields: Omit<CommandFields, 'responseUrl'>): Promise<{ status: number; reply: Record<string, unknown> }> {
  const id = randomUUID();
  const res = await h.slack.command({ ...fields, responseUrl: h.fake.responseUrl(id) });
  if (res.json !== null && typeof res.json === 'object') return { status: res.status, reply: res.json as Record<string, unknown> };
  const posted = await eventually(() => h.fake.responses.find((r) => r.id === id));
  return { status: res.status, reply: posted.body };
}
