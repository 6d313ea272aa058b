// The three benchmark parts; each runs in its own process (see main.ts) and returns plain JSON.
import { createPocbot } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { buildReadout } from '../src/domain/readout-model.js';
import { createLogger } from '../src/logger.js';
import { readoutMessages } from '../src/slack/views/readout-blocks.js';
import { openDatabase } from '../src/store/db.js';
import { postgresAppDatabase } from '../src/store/app-database.js';
import { openPostgres } from '../src/store/pg/db.js';
import { copySqliteToPostgres } from '../src/store/pg/copy.js';
import { createStore } from '../src/store/index.js';
import { startHarness, sqliteOf } from '../testkit/harness.js';
import { percentile } from './load.js';
import { isTickScenario, seedActivePocs, seedReadoutPoc, type TickScenarioName, tickScenarios } from './seed.js';
import { ServerProcess } from './server-process.js';
import { closeSync, copyFileSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { startCpuProfile } from './cpu-profile.js';
import { benchConfig } from './bench-config.js';

// Part (1) lives in ack-bench.ts: it runs the app, a bare Bolt app and the fake Slack as
// processes of their own.
export { ackBench } from './ack-bench.js';

/** The scenario named on the command line (`--part tick-seed DB checkpoint`); the standup morning by default. */
export function tickScenarioNamed(name: string | undefined): TickScenarioName {
  if (name === undefined) return 'standup';
  if (!isTickScenario(name)) throw new Error(`no tick scenario "${name}" (${Object.keys(tickScenarios).join(', ')})`);
  return name;
}

/** Puts what the page cache holds of a file on disk. */
function flushToDisk(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The POCs the tick bench seeds. */
const tickPocs = 10_000;

export async function tickSeed(dbPath: string, scenario: TickScenarioName) {
  const started = performance.now();
  const database = openDatabase(dbPath);
  try {
    const seeded = await seedActivePocs(createStore(database.db), tickPocs, tickScenarios[scenario]);
    return { ...seeded, ms: performance.now() - started };
  } finally {
    database.close();
  }
}

/**
 * One tick as `npm run tick` runs it (src/main.ts: the app built, not listening, one call to
 * jobs.tick), on the seeded database, against a fake Slack in another process: in production
 * Slack is another machine, so answering the posts is not charged to the tick's time or memory.
 */
export async function tickBench(dbPath: string, scenario: TickScenarioName, postgresUrl?: string) {
  const { now, what } = tickScenarios[scenario];
  // The seeded database as it was before any tick, for the same first tick again at the end (SQLite).
  const untouched = postgresUrl ? undefined : `${dbPath}.untouched`;
  if (untouched) copyFileSync(dbPath, untouched);
  // The seeding and that copy leave tens of MB not yet on disk, and the tick's first fsync (its WAL
  // starting) would wait for them: 36 ms of the bench's own writing, charged to the tick.
  for (const path of postgresUrl ? [] : [dbPath, untouched]) if (path) flushToDisk(path);
  const fake = await ServerProcess.start('fake-slack', [String(tickPocs)], { pinned: false });
  const logger = createLogger('info', { write: () => undefined });
  const clock = new ManualClock(now);
  // On PostgreSQL: the database the parent copied the seeded SQLite file into (db:copy).
  const database = postgresUrl ? postgresAppDatabase(await openPostgres(postgresUrl)) : undefined;
  const bot = createPocbot({
    config: benchConfig(dbPath, fake.ready.url),
    clock,
    logger,
    database,
  });
  try {
    // Rows written: SQLite counts them per connection; on PostgreSQL, the database's own counters
    // (pg_stat_database, as of the transactions committed).
    const changes = async () => {
      if (!postgresUrl) {
        const sqlite = sqliteOf(bot);
        return (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
      }
      await bot.database.query('select pg_stat_clear_snapshot()');
      const [row] = await bot.database.query<{ n: number }>(
        'select (tup_inserted + tup_updated + tup_deleted)::int8 as n from pg_stat_database where datname = current_database()',
      );
      return row?.n ?? 0;
    };
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const before = await changes();
    // BENCH_CPU_PROF=DIR: a profile of the first tick (its time then counts the profiler too).
    const writeProfile = await startCpuProfile('first-tick');
    let t = performance.now();
    const report = await bot.jobs.tick(now);
    const tickMs = performance.now() - t;
    await writeProfile();
    // The process's peak so far: start-up plus this one tick (the second tick and the dry run below come after).
    const peakRssTickMb = process.resourceUsage().maxRSS / 1024;
    const rowsWritten = (await changes()) - before;
    t = performance.now();
    const second = await bot.jobs.tick(now);
    const secondTickMs = performance.now() - t;
    t = performance.now();
    const dry = await bot.jobs.tick(now, { dryRun: true });
    const dryRunMs = performance.now() - t;
    const count = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix)).length;
    // Before the rest of the morning, which reports its own peak.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // The rest of the morning and the quiet minutes: on SQLite (on PostgreSQL, the first ticks only).
    const morning = postgresUrl
      ? undefined
      : await restOfMorning(bot, clock, now, count(report.lines, 'posted') + count(second.lines, 'posted'));
    const quiet = morning ? await quietMinutes(bot, clock, new Date(morning.lastTickAtMs)) : undefined;
    const warm = untouched ? await tickOnce(untouched, fake.ready.url, now) : undefined;
    return {
      now: now.toISOString(),
      what,
      tickMs,
      planMs: report.planMs,
      sendMs: report.sendMs,
      rowsWritten,
      queued: count(report.lines, 'queued'),
      sent: count(report.lines, 'posted'),
      failedLines: report.lines.filter((l) => /FAILED|ERROR/.test(l)).length,
      secondTickMs,
      secondQueued: count(second.lines, 'queued'),
      dryRunMs,
      dryRunLines: dry.lines.length,
      rssBeforeMb,
      peakRssTickMb,
      peakRssMb,
      morning,
      quiet,
      warm,
      note: report.lines.length === 0 ? 'tick planned nothing: the jobs are still a skeleton' : undefined,
    };
  } finally {
    await bot.stop();
    await fake.proc.stop();
    if (untouched) rmSync(untouched, { force: true });
  }
}

/**
 * Only the first tick, in a new process, on a copy of the database as seeded: the bench runs it in
 * a few more processes after the whole morning, because one new process's first tick varies by a
 * third from one process to the next on the same machine minutes apart (its code compiles as it
 * runs); the target is judged on the median (main.ts).
 */
export async function firstTickBench(dbPath: string, scenario: TickScenarioName) {
  flushToDisk(dbPath);
  const fake = await ServerProcess.start('fake-slack', [String(tickPocs)], { pinned: false });
  try {
    return await tickOnce(dbPath, fake.ready.url, tickScenarios[scenario].now);
  } finally {
    await fake.proc.stop();
  }
}

/**
 * One tick by a new app in this process, on `dbPath`. After the whole morning and the quiet
 * minutes, on the database as seeded, it is the same first tick by a process that has ticked
 * before: as the long-running app (`npm start`, its scheduler in the process) meets a morning
 * after earlier ones, its code compiled and optimized. The first figure is a process's first
 * work, as `npm run tick` does it.
 */
async function tickOnce(dbPath: string, slackApiUrl: string, now: Date) {
  const bot = createPocbot({
    config: benchConfig(dbPath, slackApiUrl),
    clock: new ManualClock(now),
    logger: createLogger('info', { write: () => undefined }),
  });
  try {
    const t = performance.now();
    const report = await bot.jobs.tick(now);
    return {
      tickMs: performance.now() - t,
      planMs: report.planMs,
      sendMs: report.sendMs,
      sent: report.lines.filter((l) => l.startsWith('posted')).length,
    };
  } finally {
    await bot.stop();
  }
}

/**
 * The rest of the morning after the first two ticks: a tick a minute, as cron runs them, until
 * one queues and sends nothing. The outbox takes two ticks' worth of posts at a time, so the
 * morning's posts go out over many ticks: this says what each costs, and checks that every
 * standup due went out exactly once.
 */
async function restOfMorning(bot: ReturnType<typeof createPocbot>, clock: ManualClock, from: Date, sentBefore: number) {
  const wall: number[] = [];
  const plan: number[] = [];
  let sent = sentBefore;
  let queued = 0;
  let last = from;
  for (let minute = 1; minute <= 240; minute++) {
    last = new Date(from.getTime() + minute * 60_000);
    clock.set(last);
    const t = performance.now();
    const report = await bot.jobs.tick(last);
    wall.push(performance.now() - t);
    plan.push(report.planMs);
    const posted = report.lines.filter((l) => l.startsWith('posted')).length;
    const newlyQueued = report.lines.filter((l) => l.startsWith('queued')).length;
    sent += posted;
    queued += newlyQueued;
    // Done when a tick finds nothing to do: nothing queued, and nothing in the queue it could send, fail or skip.
    if (
      newlyQueued === 0 &&
      !report.lines.some((l) => /^(posted|found|FAILED|skipped|held|will retry|rate limited|ERROR) /.test(l))
    )
      break;
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const day = from.toISOString().slice(0, 10);
  const standups = (await bot.store.outbox.list({ kind: 'standup' })).filter((r) => r.key.endsWith(`:${day}`));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    ticks: wall.length,
    lastTickAt: last.toISOString(),
    lastTickAtMs: last.getTime(),
    wallP50: percentile(sorted(wall), 50),
    wallMax: Math.max(...wall),
    planP50: percentile(sorted(plan), 50),
    planMax: Math.max(...plan),
    queued,
    sent,
    standupsSent: standups.filter((r) => r.status === 'sent').length,
    standupsNotSent: standups.filter((r) => r.status !== 'sent').length,
    peakRssMb,
  };
}

/** Quiet minutes: an hour after the morning settled, nothing due; a tick a minute, planning time of each. */
async function quietMinutes(bot: ReturnType<typeof createPocbot>, clock: ManualClock, settled: Date) {
  const plan: number[] = [];
  const planned: number[] = [];
  for (let minute = 60; minute < 80; minute++) {
    const at = new Date(settled.getTime() + minute * 60_000);
    clock.set(at);
    const report = await bot.jobs.tick(at);
    plan.push(report.planMs);
    planned.push(report.pocsPlanned);
  }
  const sorted = [...plan].sort((a, b) => a - b);
  return {
    ticks: plan.length,
    planP50: percentile(sorted, 50),
    planMax: Math.max(...plan),
    pocsPlannedMax: Math.max(...planned),
  };
}

/**
 * The quiet minute at a small scale, for the ratio the issue sets: `count` active POCs seeded as
 * for the standup morning, the morning played to its end, then the quiet minutes.
 */
export async function quietBench(dbPath: string, count: number) {
  const scenario = tickScenarios.standup;
  {
    const database = openDatabase(dbPath);
    try {
      await seedActivePocs(createStore(database.db), count, scenario);
    } finally {
      database.close();
    }
  }
  const fake = await ServerProcess.start('fake-slack', [String(count)], { pinned: false });
  const clock = new ManualClock(scenario.now);
  const bot = createPocbot({
    config: benchConfig(dbPath, fake.ready.url),
    clock,
    logger: createLogger('info', { write: () => undefined }),
  });
  try {
    const first = await bot.jobs.tick(scenario.now);
    const morning = await restOfMorning(
      bot,
      clock,
      scenario.now,
      first.lines.filter((l) => l.startsWith('posted')).length,
    );
    return { pocs: count, quiet: await quietMinutes(bot, clock, new Date(morning.lastTickAtMs)) };
  } finally {
    await bot.stop();
    await fake.proc.stop();
  }
}

export async function readoutBench() {
  const criteriaCount = 50;
  const activityRows = 20_000;
  const h = await startHarness({ now: '2026-03-02T15:00:00Z' });
  try {
    const { pocId } = await seedReadoutPoc(h.bot.store, criteriaCount, activityRows);
    const poc = await h.bot.store.pocs.byId(pocId);
    if (!poc) throw new Error('the readout POC was not stored');
    const runs = 30;
    const load: number[] = [];
    const build: number[] = [];
    const render: number[] = [];
    let messages = 0;
    let blocks = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const sources = await h.bot.services.readout.sources(poc);
      const t1 = performance.now();
      const model = buildReadout(sources, h.clock.now());
      const t2 = performance.now();
      const out = readoutMessages(model);
      const t3 = performance.now();
      if (i < 3) continue; // warm-up
      load.push(t1 - t0);
      build.push(t2 - t1);
      render.push(t3 - t2);
      messages = out.length;
      blocks = out.reduce((n, m) => n + (m.blocks?.length ?? 0), 0);
      const days = sources.activeDays.reduce((n, a) => n + a.days.length, 0);
      if (days !== activityRows) throw new Error(`expected ${activityRows} active person-days, loaded ${days}`);
    }
    const total = load.map((l, i) => l + (build[i] ?? 0) + (render[i] ?? 0));
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const p95 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        95,
      );
    return {
      criteria: criteriaCount,
      activityRows,
      runs,
      loadMs: med(load),
      loadP95: p95(load),
      buildMs: med(build),
      buildP95: p95(build),
      renderMs: med(render),
      renderP95: p95(render),
      totalMs: med(total),
      totalP95: p95(total),
      messages,
      blocks,
    };
  } finally {
    await h.stop();
  }
}

/** The seeded SQLite file copied into an empty PostgreSQL database (as `npm run db:copy` does). */
export async function tickCopyToPostgres(dbPath: string, url: string) {
  const started = performance.now();
  const report = await copySqliteToPostgres({ from: dbPath, to: url });
  return { rows: report.tables.reduce((n, t) => n + t.sqlite, 0), ms: performance.now() - started };
}
