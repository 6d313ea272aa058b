// The three benchmark parts; each runs in its own process (see main.ts) and returns plain JSON.
import { createLogger } from '../src/logger.js';
import { buildReadout } from '../src/domain/readout.js';
import { readoutMessages } from '../src/slack/views/readout.js';
import { openDatabase } from '../src/store/db.js';
import { createStore } from '../src/store/index.js';
import { people, seedPoc } from '../src/testkit/fixtures.js';
import { startHarness, testBotToken, testSigningSecret } from '../src/testkit/harness.js';
import { reactionEvent } from '../src/testkit/payloads.js';
import { signature } from '../src/testkit/signed-requests.js';
import { startBareApp } from './bare-app.js';
import { type LoadResult, type PreparedRequest, percentile, runLoad, summarize } from './load.js';
import { seedActivePocs, seedReadoutPoc, tickScenario } from './seed.js';

const concurrency = 32;
const perKind = 2000;
const warmUp = 200;

function signed(body: string, contentType: string): PreparedRequest {
  const ts = Math.floor(Date.now() / 1000);
  return { body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(testSigningSecret, ts, body) } };
}

export async function ackBench() {
  const h = await startHarness({ now: '2026-11-24T15:00:00Z' });
  for (const id of Object.values(people)) h.fake.addUser({ id, team_id: id.startsWith('W') ? 'T0ACME' : h.fake.teamId });
  const { poc, criteria } = seedPoc(h.bot.store);
  const bare = await startBareApp({
    signingSecret: testSigningSecret,
    botToken: testBotToken,
    slackApiUrl: h.fake.apiUrl,
    logger: createLogger('info', { write: () => {} }),
  });
  const voters = [people.evaluator, people.se, people.champion];
  const reactions = ['white_check_mark', 'x', 'large_yellow_circle', 'eyes'];
  let seq = 0;
  const make: Record<string, (n: number) => PreparedRequest[]> = {
    'command status': (n) =>
      Array.from({ length: n }, () => signed(h.slack.commandBody({ text: 'status', userId: people.se, channelId: poc.channelId }), 'application/x-www-form-urlencoded')),
    'reaction_added': (n) =>
      Array.from({ length: n }, () => {
        const i = seq++;
        const criterion = criteria[i % criteria.length];
        const event = reactionEvent('reaction_added', {
          user: voters[i % voters.length] as string,
          reaction: reactions[i % reactions.length] as string,
          channel: poc.channelId,
          ts: criterion?.messageTs ?? '1.1',
          eventTs: `${1795446000 + i}.000100`,
        });
        return signed(h.slack.eventBody(event).body, 'application/json');
      }),
  };
  const kinds: Record<string, { app: ReturnType<typeof summarize>; bare: ReturnType<typeof summarize> }> = {};
  try {
    for (const [kind, build] of Object.entries(make)) {
      await runLoad(bare.url, build(warmUp), concurrency);
      await runLoad(h.appUrl, build(warmUp), concurrency);
      const app: LoadResult[] = [];
      const base: LoadResult[] = [];
      // Alternate so neither app always runs on a warmer (or more tired) process.
      for (const target of ['bare', 'app', 'app', 'bare'] as const) {
        const batch = build(perKind / 2);
        if (target === 'app') app.push(await runLoad(h.appUrl, batch, concurrency));
        else base.push(await runLoad(bare.url, batch, concurrency));
      }
      kinds[kind] = { app: summarize(app), bare: summarize(base) };
    }
  } finally {
    await bare.stop();
    await h.stop();
  }
  return { concurrency, perKind, kinds, appErrorLines: h.logs.filter((l) => / ERROR /.test(l)).length };
}

export function tickSeed(dbPath: string) {
  const started = performance.now();
  const database = openDatabase(dbPath);
  try {
    const seeded = seedActivePocs(createStore(database.db), 10_000);
    return { ...seeded, ms: performance.now() - started };
  } finally {
    database.close();
  }
}

export async function tickBench(dbPath: string) {
  const now = tickScenario.now;
  const h = await startHarness({ dbPath, now });
  try {
    const sqlite = h.bot.database.sqlite;
    const changes = () => (sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const before = changes();
    let t = performance.now();
    const report = await h.bot.jobs.tick(now);
    const tickMs = performance.now() - t;
    const rowsWritten = changes() - before;
    t = performance.now();
    const second = await h.bot.jobs.tick(now);
    const secondTickMs = performance.now() - t;
    t = performance.now();
    const dry = await h.bot.jobs.tick(now, { dryRun: true });
    const dryRunMs = performance.now() - t;
    const count = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix)).length;
    return {
      now: now.toISOString(),
      tickMs,
      rowsWritten,
      queued: count(report.lines, 'queued'),
      sent: count(report.lines, 'posted'),
      failedLines: report.lines.filter((l) => /FAILED|ERROR/.test(l)).length,
      secondTickMs,
      secondQueued: count(second.lines, 'queued'),
      dryRunMs,
      dryRunLines: dry.lines.length,
      rssBeforeMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      note: report.lines.length === 0 ? 'tick planned nothing: the jobs are still a skeleton' : undefined,
    };
  } finally {
    await h.stop();
  }
}

export async function readoutBench() {
  const criteriaCount = 50;
  const activityRows = 20_000;
  const h = await startHarness({ now: '2026-03-02T15:00:00Z' });
  try {
    const { pocId } = seedReadoutPoc(h.bot.store, criteriaCount, activityRows);
    const poc = h.bot.store.pocs.byId(pocId);
    if (!poc) throw new Error('the readout POC was not stored');
    const runs = 30;
    const load: number[] = [];
    const build: number[] = [];
    const render: number[] = [];
    let messages = 0;
    let blocks = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const sources = h.bot.services.readout.sources(poc);
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
      if (sources.activity.length !== activityRows) throw new Error(`expected ${activityRows} activity rows, loaded ${sources.activity.length}`);
    }
    const total = load.map((l, i) => l + (build[i] ?? 0) + (render[i] ?? 0));
    const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95);
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
