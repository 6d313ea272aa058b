// One server of the ack benchmark, in a process of its own so that what the load generator
// measures is that server's event loop only, as in production (where Slack is another machine):
//   fake-slack [<n>]      the Slack Web API and response_url endpoint the app calls (knowing the people of n seeded POCs)
//   app <slackApiUrl>     pocbot itself (createPocbot, real SQLite or BENCH_DATABASE_URL's PostgreSQL, HTTP receiver), one POC seeded
//   bare <slackApiUrl>    a Bolt app that only acks (bare-app.ts)
// The bench (parts.ts, ackBench) talks to it over the IPC channel: the server sends `ready` with
// its URL, then answers `settle` (waits until its event loop is idle: the app's after-ack work
// is done) and `stop`.
import { mkdtempSync, rmSync } from 'node:fs';
import { startCpuProfile } from './cpu-profile.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { createPocbot } from '../src/app.js';
import { postgresAppDatabase } from '../src/store/app-database.js';
import { openPostgres } from '../src/store/pg/db.js';
import { ManualClock } from '../src/clock.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack } from '../testkit/fake-slack.js';
import { people, seedPoc } from '../testkit/fixtures.js';
import { testBotToken, testSigningSecret } from '../testkit/harness.js';
import { startBareApp } from './bare-app.js';
import { benchConfig } from './bench-config.js';
import { epochMs } from './load.js';
import { seededUserIds } from './seed.js';

export const ackBenchNow = '2026-11-24T15:00:00Z';

export type ServerRole = 'fake-slack' | 'app' | 'bare';

export type ToServer = { type: 'settle' } | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; url: string; teamId?: string; channelId?: string; criterionTs?: string[] }
  | {
      type: 'settled';
      busyMs: number;
      cpuMs: number;
      calls?: number;
      /** Fake Slack only: each response_url post since the last settle, as [id, arrival in epoch ms]. */
      responses?: Array<[string, number]>;
      loopDelayMaxMs: number;
      loopDelayP99Ms: number;
      gcMaxMs: number;
      gcTotalMs: number;
    }
  | { type: 'stopped'; logLines: number; errorLines: number; calls?: number };

/** Log lines are counted, not written: the formatting and redaction cost stays, the terminal does not. */
function countingLogger() {
  const counts = { lines: 0, errors: 0 };
  const logger = createLogger('info', {
    write: (line) => {
      counts.lines++;
      if (line.includes('"level":"error"')) counts.errors++;
    },
  });
  return { logger, counts };
}

/**
 * Resolves once the event loop has been idle (utilisation under 5 %) for three 50 ms windows in a
 * row, i.e. every piece of work queued behind the acks has run; bounded at 60 s.
 */
async function settle(): Promise<number> {
  // An in-process profiler session keeps the loop's utilisation high: just give the work time.
  if (process.env.BENCH_CPU_PROF) return new Promise((r) => setTimeout(() => r(Number.NaN), 1500));
  const started = performance.now();
  let quiet = 0;
  let last = performance.eventLoopUtilization();
  while (quiet < 3 && performance.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 50));
    const now = performance.eventLoopUtilization();
    quiet = performance.eventLoopUtilization(now, last).utilization < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  return Math.max(0, performance.now() - started - 150);
}

/**
 * Before it says ready, the fake Slack answers a few hundred posts of its own, as Slack is a
 * service long warm: a new process's first answers (its code not yet compiled) are several times
 * slower, and the wait would be charged to what the bench times next, a tick's first posts.
 * What they leave (calls, messages) is cleared.
 */
async function warmUp(fake: FakeSlack, posts = 400, concurrency = 8): Promise<void> {
  const channel = 'C0BENCHWARMUP';
  fake.addChannel({ id: channel });
  const blocks = Array.from({ length: 8 }, (_, i) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `*Criterion ${i + 1}*: warm-up of the fake Slack` },
  }));
  let sent = 0;
  const one = async () => {
    while (sent < posts) {
      sent++;
      const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${testBotToken}` },
        body: JSON.stringify({ channel, text: 'warm-up', blocks, metadata: { event_type: 'warm', event_payload: {} } }),
      });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
  fake.calls.length = 0;
  fake.messages.length = 0;
}

function send(message: FromServer): void {
  process.send?.(message);
}

async function serve(role: ServerRole, slackApiUrl: string): Promise<void> {
  // BENCH_CPU_PROF=DIR: a profile of the app or the bare server, written when it stops.
  const writeProfile = role === 'fake-slack' ? async () => {} : await startCpuProfile(role);
  const clock = new ManualClock(new Date(ackBenchNow));
  const { logger, counts } = countingLogger();
  let stop: () => Promise<void>;
  let calls: () => number | undefined = () => undefined;
  let responses: Array<[string, number]> = [];

  if (role === 'fake-slack') {
    const fake = new FakeSlack({ botToken: testBotToken, clock });
    // `fake-slack <n>`: it also knows the people of the tick bench's n seeded POCs, whom the nudges DM.
    const seeded = Number(slackApiUrl) > 0 ? seededUserIds(Number(slackApiUrl)) : [];
    for (const id of [...Object.values(people), ...seeded])
      fake.addUser({ id, team_id: id.startsWith('W') ? 'T0ACME' : fake.teamId });
    await fake.start();
    await warmUp(fake);
    calls = () => fake.calls.length + fake.responses.length;
    fake.observe((call) => {
      if (call.method === 'response_url') responses.push([String(call.result.response_id), epochMs()]);
    });
    stop = () => fake.stop();
    send({ type: 'ready', url: fake.apiUrl, teamId: fake.teamId });
  } else if (role === 'app') {
    const dir = mkdtempSync(join(tmpdir(), 'pocbot-ack-'));
    // BENCH_DATABASE_URL (the ack bench on PostgreSQL): that database instead of a SQLite file.
    const url = process.env.BENCH_DATABASE_URL;
    const bot = createPocbot({
      config: benchConfig(join(dir, 'pocbot.db'), slackApiUrl),
      clock,
      logger,
      database: url ? postgresAppDatabase(await openPostgres(url)) : undefined,
    });
    const { poc, criteria } = await seedPoc(bot.store);
    const { port } = await bot.start();
    stop = async () => {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    send({
      type: 'ready',
      url: `http://127.0.0.1:${port}`,
      teamId: poc.teamId,
      channelId: poc.channelId,
      criterionTs: criteria.map((c) => c.messageTs ?? ''),
    });
  } else {
    const bare = await startBareApp({ signingSecret: testSigningSecret, botToken: testBotToken, slackApiUrl, logger });
    stop = () => bare.stop();
    send({ type: 'ready', url: bare.url });
  }

  // How the server's own event loop fared during a run: its longest stall and its GC pauses.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const gc = { max: 0, total: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.max = Math.max(gc.max, e.duration);
      gc.total += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  let cpuMark = process.cpuUsage();
  process.on('message', (message: ToServer) => {
    if (message.type === 'settle') {
      void settle().then((busyMs) => {
        const cpu = process.cpuUsage(cpuMark);
        cpuMark = process.cpuUsage();
        const arrived = responses;
        responses = [];
        send({
          type: 'settled',
          busyMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          calls: calls(),
          responses: role === 'fake-slack' ? arrived : undefined,
          loopDelayMaxMs: loop.max / 1e6,
          loopDelayP99Ms: loop.percentile(99) / 1e6,
          gcMaxMs: gc.max,
          gcTotalMs: gc.total,
        });
        loop.reset();
        gc.max = 0;
        gc.total = 0;
      });
    } else if (message.type === 'stop') {
      void stop()
        .then(writeProfile)
        .then(() => {
          send({ type: 'stopped', logLines: counts.lines, errorLines: counts.errors, calls: calls() });
          process.disconnect?.();
          process.exit(0);
        });
    }
  });
  // The bench went away without saying stop: do not linger.
  process.on('disconnect', () => process.exit(0));
}

const role = process.argv[2] as ServerRole | undefined;
if (role === 'fake-slack' || role === 'app' || role === 'bare') {
  serve(role, process.argv[3] ?? '').catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
