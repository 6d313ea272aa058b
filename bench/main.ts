// `npm run bench`: what pocbot costs on this machine. Each part runs in its own child process
// so its peak RSS is its own: (1) ack latency against a bare Bolt app, (2) one tick over 10,000
// active POCs on a standup morning and (2b) on a checkpoint morning, (3) a readout of 50 criteria
// over 20,000 activity rows.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ackBench,
  firstTickBench,
  quietBench,
  readoutBench,
  tickBench,
  tickCopyToPostgres,
  tickScenarioNamed,
  tickSeed,
} from './parts.js';
import { createPgDatabase } from '../testkit/postgres.js';
import { appNodeFlags } from './node-flags.js';
import { median } from './load.js';

const targets = {
  ackP99Ratio: 1.15,
  tickMs: 300,
  tickRssMb: 250,
  readoutMs: 50,
  quietPlanMs: 20,
  quietRatio: 2,
  pgTickMs: 2000,
  pgAckP99Ratio: 1.3,
};

type Json = Record<string, unknown>;

function runChild(part: string, args: string[] = []): Json {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, [...process.execArgv, ...appNodeFlags(), self, '--part', part, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60 * 1000,
  });
  const line = res.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (res.status !== 0 || !line)
    throw new Error(`bench part ${part} failed (exit ${res.status}): ${res.stdout.slice(-2000)}`);
  return JSON.parse(line) as Json;
}

/** How many more new processes tick the first tick of a morning, after the one that plays the whole morning. */
const firstTickRepeats = 4;

/** The first tick of the scenario in new processes, each on a fresh copy of the database as seeded. */
function firstTicksAgain(dir: string, asSeeded: string, scenario: string): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < firstTickRepeats; i++) {
    const copy = join(dir, `first-tick-${i}.db`);
    copyFileSync(asSeeded, copy);
    out.push(runChild('first-tick', [copy, scenario]));
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
  return out;
}

const f = (n: unknown, digits = 2) => (typeof n === 'number' ? n.toFixed(digits) : String(n));
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');

async function child(part: string, args: string[]): Promise<void> {
  const result =
    part === 'ack'
      ? await ackBench(args[0])
      : part === 'tick-seed'
        ? await tickSeed(args[0] ?? '', tickScenarioNamed(args[1]))
        : part === 'tick'
          ? await tickBench(args[0] ?? '', tickScenarioNamed(args[1]), args[2])
          : part === 'first-tick'
            ? await firstTickBench(args[0] ?? '', tickScenarioNamed(args[1]))
            : part === 'tick-copy'
              ? await tickCopyToPostgres(args[0] ?? '', args[1] ?? '')
              : part === 'quiet'
                ? await quietBench(args[0] ?? '', Number(args[1] ?? 100))
                : await readoutBench();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * (2pg) The standup morning's first tick on PostgreSQL: the same 10,000 POCs, seeded in SQLite and
 * copied over (db:copy), against the server at PG_TEST_URL or 127.0.0.1:5432. Skipped, saying so,
 * when there is no server.
 */
async function postgresTick(): Promise<void> {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  try {
    database = await createPgDatabase('bench');
  } catch (err) {
    console.log(`(2pg) tick on PostgreSQL: skipped, no server (${err instanceof Error ? err.message : String(err)})`);
    console.log('');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pocbot-bench-'));
  try {
    const dbPath = join(dir, 'tick.db');
    const seeded = runChild('tick-seed', [dbPath, 'standup']);
    const copied = runChild('tick-copy', [dbPath, database.url]);
    const tick = runChild('tick', [dbPath, 'standup', database.url]);
    console.log(
      `(2pg) the same tick on PostgreSQL (${seeded.pocs} active POCs; ${copied.rows} rows copied in ${f(copied.ms, 0)} ms) at ${tick.now}: ${tick.what}`,
    );
    console.log(`    plan only (dry run): ${f(tick.dryRunMs, 0)} ms, ${tick.dryRunLines} lines`);
    console.log(
      `    tick:                ${f(tick.tickMs, 0)} ms wall (planning ${f(tick.planMs, 0)} ms, then sending ${f(tick.sendMs, 0)} ms), ${tick.rowsWritten} rows written, ${tick.queued} posts queued, ${tick.sent} sent, ${tick.failedLines} failed`,
    );
    console.log(`    second tick, same instant: ${f(tick.secondTickMs, 0)} ms, ${tick.secondQueued} more queued`);
    console.log(
      `    RSS: ${f(tick.rssBeforeMb, 0)} MB after start, peak ${f(tick.peakRssTickMb, 0)} MB through the first tick`,
    );
    console.log(
      `    target: first tick < ${targets.pgTickMs} ms in all → ${verdict((tick.tickMs as number) < targets.pgTickMs)}`,
    );
    // The acks on PostgreSQL, on a database of their own (the app seeds one POC, as on SQLite).
    const ackDatabase = await createPgDatabase('ack');
    try {
      const ack = runChild('ack', [ackDatabase.url]) as {
        kinds: Record<string, { app: Json; bare: Json }>;
        databaseServer?: string;
      };
      console.log(
        `    ack latency with the app on PostgreSQL (as (1), medians over the runs; ${ack.databaseServer ?? 'PostgreSQL not moved'}):`,
      );
      let worst = 0;
      for (const [kind, { app, bare }] of Object.entries(ack.kinds)) {
        const p99r = (app.p99 as number) / (bare.p99 as number);
        worst = Math.max(worst, p99r);
        console.log(
          `      ${kind.padEnd(16)} app p50 ${f(app.p50)} ms, p99 ${f(app.p99)} ms; bare p99 ${f(bare.p99)} ms; p99 × ${f(p99r)}; errors ${app.errors}`,
        );
      }
      console.log(
        `    target: ack p99 ratio ≤ ${targets.pgAckP99Ratio} → ${f(worst)}× ${verdict(worst <= targets.pgAckP99Ratio)}`,
      );
    } finally {
      await ackDatabase.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
  console.log('');
}

async function parent(): Promise<void> {
  const cpu = cpus();
  console.log('pocbot benchmark');
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  console.log('');

  const ack = runChild('ack') as {
    concurrency: number;
    perKind: number;
    runsPerApp: number;
    order: string;
    placement: { pinned: boolean; server?: string; others?: string };
    kinds: Record<string, { app: Json; bare: Json }>;
    appErrorLines: number;
  };
  const where = ack.placement.pinned
    ? `server under test alone on CPU ${ack.placement.server}, load generator and fake Slack on CPU ${ack.placement.others}`
    : 'processes not pinned to CPUs';
  console.log(
    `(1) ack latency at concurrency ${ack.concurrency}: ${ack.perKind} signed requests per kind per app, in ${ack.runsPerApp} runs alternating ${ack.order}, after warm-up;`,
  );
  console.log(
    `    app, bare Bolt app, fake Slack and load generator each in a process of its own (${where}; ${cpu.length} cores in all).`,
  );
  console.log(
    '    Figures are medians over the runs. "busy after" = how long the app kept working after its last ack of a run.',
  );
  console.log(
    '    kind              app p50   app p99  bare p50  bare p99   p50 ×   p99 ×   app rps  bare rps  rps ×   busy after  errors',
  );
  let worstP99 = 0;
  for (const [kind, { app, bare }] of Object.entries(ack.kinds)) {
    const p50r = (app.p50 as number) / (bare.p50 as number);
    const p99r = (app.p99 as number) / (bare.p99 as number);
    worstP99 = Math.max(worstP99, p99r);
    console.log(
      `    ${kind.padEnd(16)} ${f(app.p50).padStart(7)}ms ${f(app.p99).padStart(7)}ms ${f(bare.p50).padStart(7)}ms ${f(bare.p99).padStart(7)}ms ${f(p50r).padStart(7)} ${f(p99r).padStart(7)} ${f(app.rps, 0).padStart(9)} ${f(bare.rps, 0).padStart(9)} ${f((app.rps as number) / (bare.rps as number)).padStart(6)} ${f(app.busyAfterMs, 0).padStart(9)}ms   ${app.errors}/${bare.errors}`,
    );
  }
  for (const [kind, { app }] of Object.entries(ack.kinds)) {
    const d = app.delivered as { p50: number; p99: number; missing: number } | undefined;
    if (d)
      console.log(
        `    ${kind}: acked empty at once; the status itself reached the user (response_url) p50 ${f(d.p50)} ms, p99 ${f(d.p99)} ms after the command${d.missing ? `; ${d.missing} never arrived` : ''}`,
      );
  }
  console.log(
    `    target: p99 ratio ≤ ${targets.ackP99Ratio} → worst ${f(worstP99)} ${verdict(worstP99 <= targets.ackP99Ratio)}${ack.appErrorLines ? `; the app logged ${ack.appErrorLines} error line(s)` : ''}`,
  );
  console.log('');

  // Two mornings: every standup due (Tuesday), and every standup and weekly checkpoint due (Friday).
  let quietLarge: { planP50: number; planMax: number; pocsPlannedMax: number; ticks: number } | undefined;
  for (const [label, scenario] of [
    ['(2)', 'standup'],
    ['(2b)', 'checkpoint'],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'pocbot-bench-'));
    try {
      const dbPath = join(dir, 'tick.db');
      const seeded = runChild('tick-seed', [dbPath, scenario]);
      // The database as seeded, for the first tick again in new processes once the morning is over.
      const asSeeded = join(dir, 'seeded.db');
      copyFileSync(dbPath, asSeeded);
      const tick = runChild('tick', [dbPath, scenario]);
      const again = firstTicksAgain(dir, asSeeded, scenario);
      const firstTicks = [tick.tickMs as number, ...again.map((t) => t.tickMs as number)];
      const firstTickMedian = median(firstTicks);
      console.log(
        `${label} tick over ${seeded.pocs} active POCs (5 criteria each; ${seeded.rows} rows seeded in ${f(seeded.ms, 0)} ms) at ${tick.now}: ${tick.what}`,
      );
      console.log(`    plan only (dry run): ${f(tick.dryRunMs, 0)} ms, ${tick.dryRunLines} lines`);
      console.log(
        `    tick:                ${f(tick.tickMs, 0)} ms wall (planning ${f(tick.planMs, 0)} ms, then sending ${f(tick.sendMs, 0)} ms), ${tick.rowsWritten} rows written, ${tick.queued} posts queued, ${tick.sent} sent (the dispatcher sends at most its per-tick cap), ${tick.failedLines} failed`,
      );
      console.log(
        `    second tick, same instant: ${f(tick.secondTickMs, 0)} ms, ${tick.secondQueued} more queued (the next of the posts due, as the first tick sent 200: the outbox holds two ticks' worth; no key twice)`,
      );
      console.log(
        `    RSS: ${f(tick.rssBeforeMb, 0)} MB after start, peak ${f(tick.peakRssTickMb, 0)} MB through the first tick, ${f(tick.peakRssMb, 0)} MB after the second tick and the dry run`,
      );
      console.log(
        `    the same first tick in ${again.length} more new processes, after the morning below: ${again.map((t) => `${f(t.tickMs, 0)} ms (${f(t.planMs, 0)} + ${f(t.sendMs, 0)})`).join(', ')}; median of the ${firstTicks.length}: ${f(firstTickMedian, 0)} ms`,
      );
      console.log(
        `    target: first tick < ${targets.tickMs} ms in all, median of ${firstTicks.length} new processes → ${verdict(firstTickMedian < targets.tickMs)}; < ${targets.tickRssMb} MB RSS (first tick) → ${verdict((tick.peakRssTickMb as number) < targets.tickRssMb)}`,
      );
      const m = tick.morning as {
        ticks: number;
        lastTickAt: string;
        wallP50: number;
        wallMax: number;
        planP50: number;
        planMax: number;
        queued: number;
        sent: number;
        standupsSent: number;
        standupsNotSent: number;
        peakRssMb: number;
      };
      console.log(
        `    the rest of the morning, a tick a minute until one queues and sends nothing: ${m.ticks} ticks (the last at ${m.lastTickAt}), each ${f(m.wallP50, 0)} ms median, ${f(m.wallMax, 0)} ms at most (planning ${f(m.planP50, 0)} / ${f(m.planMax, 0)} ms; the rest is sending, paced a second apart per channel or person); ${m.queued} more posts queued, ${m.sent} sent in all from the first tick; peak RSS ${f(m.peakRssMb, 0)} MB`,
      );
      console.log(
        `    every standup due that morning went out once: ${m.standupsSent} sent, ${m.standupsNotSent} not (${m.standupsNotSent === 0 ? 'OK' : 'MISSED'})`,
      );
      const w = tick.warm as { tickMs: number; planMs: number; sendMs: number; sent: number } | undefined;
      if (w)
        console.log(
          `    the same first tick by the app in a process that has ticked a morning before (as \`npm start\` runs its scheduler; the first figure is a fresh process, as \`npm run tick\`): ${f(w.tickMs, 0)} ms (planning ${f(w.planMs, 0)} ms, sending ${f(w.sendMs, 0)} ms), ${w.sent} sent`,
        );
      const q = tick.quiet as { ticks: number; planP50: number; planMax: number; pocsPlannedMax: number };
      if (scenario === 'standup') quietLarge = q;
      console.log(
        `    an hour after, quiet minutes (nothing due): ${q.ticks} ticks, planning ${f(q.planP50, 1)} ms median, ${f(q.planMax, 1)} ms at most; at most ${q.pocsPlannedMax} POCs planned in one`,
      );
      if (tick.note) console.log(`    note: ${tick.note}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log('');
  }

  {
    const dir = mkdtempSync(join(tmpdir(), 'pocbot-bench-'));
    try {
      const small = runChild('quiet', [join(dir, 'quiet.db'), '100']) as {
        pocs: number;
        quiet: { ticks: number; planP50: number; planMax: number; pocsPlannedMax: number };
      };
      const large = quietLarge;
      console.log(
        `(2c) a quiet minute (nothing due), the tick's planning, median of ${small.quiet.ticks} ticks: ${f(small.quiet.planP50, 1)} ms at ${small.pocs} open POCs; ${large ? f(large.planP50, 1) : '?'} ms at 10,000 (from (2))`,
      );
      if (large) {
        const ratio = large.planP50 / small.quiet.planP50;
        console.log(
          `    target: < ${targets.quietPlanMs} ms at 10,000 → ${verdict(large.planP50 < targets.quietPlanMs)}; < ${targets.quietRatio}× its time at 100 → ${f(ratio)}× ${verdict(ratio < targets.quietRatio)}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log('');
  }

  await postgresTick();

  const readout = runChild('readout');
  console.log(
    `(3) readout of ${readout.criteria} criteria over ${readout.activityRows} activity rows (median of ${readout.runs} runs, p95 in brackets)`,
  );
  if (readout.todo) {
    console.log(`    TODO: ${readout.todo}`);
  } else {
    console.log(
      `    load sources ${f(readout.loadMs)} ms [${f(readout.loadP95)}], build model ${f(readout.buildMs)} ms [${f(readout.buildP95)}], render blocks ${f(readout.renderMs)} ms [${f(readout.renderP95)}]`,
    );
    console.log(
      `    total ${f(readout.totalMs)} ms [${f(readout.totalP95)}] → ${readout.messages} message(s), ${readout.blocks} blocks`,
    );
    console.log(`    target: < ${targets.readoutMs} ms → ${verdict((readout.totalMs as number) < targets.readoutMs)}`);
  }
}

const partAt = process.argv.indexOf('--part');
if (partAt >= 0) {
  const part = process.argv[partAt + 1] ?? '';
  child(part, process.argv.slice(partAt + 2)).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  parent().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
