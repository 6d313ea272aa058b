// Part (1) of the bench: ack latency and throughput of pocbot against a Bolt app that only acks.
// Three kinds of process, as in production, where Slack is not on the app's machine:
//   this one             the load generator (and the orchestrator)
//   fake-slack           the Slack Web API and response_url endpoint the app calls
//   app, bare            the two servers under test, each in its own process
// On Linux with taskset, the server under test runs alone on the last CPU and the generator and
// the fake Slack share the others, so the app's Slack calls are not charged to the app's core.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { people } from '../testkit/fixtures.js';
import { testSigningSecret } from '../testkit/harness.js';
import { reactionEvent } from '../testkit/payloads.js';
import { SlackRequests, signature } from '../testkit/signed-requests.js';
import { placeDatabaseServer, placement, ServerProcess } from './server-process.js';
import { connections, type LoadResult, type PreparedRequest, median, percentile, runLoad, summarize } from './load.js';

const concurrency = 32;
/** Requests per kind per app, in `rounds` × 2 runs each (after warm-up). */
const perKind = 4000;
const rounds = 4;
const warmUp = 2000;
const order = ['bare', 'app', 'app', 'bare'] as const;

function signed(body: string, contentType: string): PreparedRequest {
  const ts = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(testSigningSecret, ts, body),
    },
  };
}

/** A run's requests that are answered through response_url: how long until the answer got there. */
interface Delivered {
  latenciesMs: number[];
  /** Requests whose answer never arrived. */
  missing: number;
}

export interface DeliveredSummary {
  p50: number;
  p99: number;
  missing: number;
}

function delivered(run: LoadResult, arrivals: Array<[string, number]>): Delivered {
  const latenciesMs: number[] = [];
  const seen = new Set<string>();
  for (const [id, at] of arrivals) {
    const sent = run.sentAt.get(id);
    if (sent === undefined || seen.has(id)) continue;
    seen.add(id);
    latenciesMs.push(at - sent);
  }
  return { latenciesMs, missing: run.sentAt.size - seen.size };
}

/** Medians over the runs, as for the acks; undefined when no request of the kind is answered later (the bare app). */
function summarizeDelivered(runs: Delivered[]): DeliveredSummary | undefined {
  const answered = runs.filter((r) => r.latenciesMs.length > 0);
  if (answered.length === 0) return undefined;
  const at = (p: number) =>
    median(
      answered.map((r) =>
        percentile(
          [...r.latenciesMs].sort((a, b) => a - b),
          p,
        ),
      ),
    );
  return { p50: at(50), p99: at(99), missing: runs.reduce((n, r) => n + r.missing, 0) };
}

/** `postgresUrl`: the app on that (empty) PostgreSQL database instead of a SQLite file. */
export async function ackBench(postgresUrl?: string) {
  if (postgresUrl) process.env.BENCH_DATABASE_URL = postgresUrl; // the app's process inherits it
  const place = placement();
  const started: ServerProcess[] = [];
  const database = postgresUrl ? placeDatabaseServer(place) : undefined;
  try {
    const fake = await ServerProcess.start('fake-slack', [], place);
    started.push(fake.proc);
    const apiUrl = fake.ready.url;
    const app = await ServerProcess.start('app', [apiUrl], place);
    started.push(app.proc);
    const bare = await ServerProcess.start('bare', [apiUrl], place);
    started.push(bare.proc);

    const channelId = app.ready.channelId ?? '';
    const criterionTs = app.ready.criterionTs ?? [];
    const responseBase = apiUrl.replace(/\/api\/$/, '/response/');
    let seq = 0;
    // Only builds bodies; the load generator sends them.
    const slack = new SlackRequests('http://127.0.0.1', testSigningSecret, {
      teamId: app.ready.teamId ?? 'T0VENDOR',
      responseUrl: () => `${responseBase}bench-${seq++}`,
      triggerId: () => `${Date.now()}.${seq++}.trigger`,
    });
    const voters = [people.evaluator, people.se, people.champion];
    const reactions = ['white_check_mark', 'x', 'large_yellow_circle', 'eyes'];
    const make: Record<string, (n: number) => PreparedRequest[]> = {
      // Each with its own response_url, so the status's arrival there can be timed too.
      'command status': (n) =>
        Array.from({ length: n }, () => {
          const id = `status-${seq++}`;
          const body = slack.commandBody({
            text: 'status',
            userId: people.se,
            channelId,
            responseUrl: `${responseBase}${id}`,
          });
          return { ...signed(body, 'application/x-www-form-urlencoded'), id };
        }),
      reaction_added: (n) =>
        Array.from({ length: n }, () => {
          const i = seq++;
          const event = reactionEvent('reaction_added', {
            user: voters[i % voters.length] as string,
            reaction: reactions[i % reactions.length] as string,
            channel: channelId,
            ts: criterionTs[i % criterionTs.length] ?? '1.1',
            eventTs: `${1795446000 + i}.000100`,
          });
          return signed(slack.eventBody(event).body, 'application/json');
        }),
    };
    const target = { app, bare };
    const agents = { app: connections(concurrency), bare: connections(concurrency) };

    type Side = { results: LoadResult[]; busyAfterMs: number[]; generatorDelayMaxMs: number[]; delivered: Delivered[] };
    type SideSummary = ReturnType<typeof summarize> & { busyAfterMs: number; delivered?: DeliveredSummary };
    const kinds: Record<string, { app: SideSummary; bare: SideSummary }> = {};
    // BENCH_KINDS=status (a substring of the kind's name) runs just that kind, e.g. under a profiler.
    const only = process.env.BENCH_KINDS;
    for (const [kind, build] of Object.entries(make).filter(([k]) => !only || k.includes(only))) {
      for (const side of ['bare', 'app'] as const) {
        await runLoad(target[side].ready.url, build(warmUp), concurrency, agents[side]);
        await target[side].proc.ask({ type: 'settle' }, 'settled');
      }
      await fake.proc.ask({ type: 'settle' }, 'settled');
      const sides: Record<'app' | 'bare', Side> = {
        app: { results: [], busyAfterMs: [], generatorDelayMaxMs: [], delivered: [] },
        bare: { results: [], busyAfterMs: [], generatorDelayMaxMs: [], delivered: [] },
      };
      // Alternate so neither app always runs on a warmer (or more tired) machine.
      for (let r = 0; r < rounds; r++) {
        for (const side of order) {
          const batch = build(perKind / (rounds * 2));
          const genLoop = monitorEventLoopDelay({ resolution: 5 });
          genLoop.enable();
          sides[side].results.push(await runLoad(target[side].ready.url, batch, concurrency, agents[side]));
          genLoop.disable();
          sides[side].generatorDelayMaxMs.push(genLoop.max / 1e6);
          // Work left behind the acks (the app's listeners, its Slack calls) finishes before the
          // next run starts, and how long it took is reported beside the ack figures.
          const settled = await target[side].proc.ask({ type: 'settle' }, 'settled');
          sides[side].busyAfterMs.push(settled.busyMs);
          if (process.env.BENCH_DEBUG)
            console.error(
              kind,
              side,
              JSON.stringify({ ...summarize([sides[side].results.at(-1) as LoadResult]), runs: undefined }),
              'generator loop max',
              sides[side].generatorDelayMaxMs.at(-1),
              'server',
              JSON.stringify(settled),
            );
          const fakeSettled = await fake.proc.ask({ type: 'settle' }, 'settled');
          const run = sides[side].results.at(-1) as LoadResult;
          if (run.sentAt.size > 0) sides[side].delivered.push(delivered(run, fakeSettled.responses ?? []));
        }
      }
      kinds[kind] = {
        app: {
          ...summarize(sides.app.results),
          busyAfterMs: median(sides.app.busyAfterMs),
          delivered: summarizeDelivered(sides.app.delivered),
        },
        bare: {
          ...summarize(sides.bare.results),
          busyAfterMs: median(sides.bare.busyAfterMs),
          delivered: summarizeDelivered(sides.bare.delivered),
        },
      };
    }
    for (const agent of Object.values(agents)) agent.destroy();
    const appStopped = await app.proc.ask({ type: 'stop' }, 'stopped');
    await bare.proc.ask({ type: 'stop' }, 'stopped');
    const fakeStopped = await fake.proc.ask({ type: 'stop' }, 'stopped');
    return {
      concurrency,
      perKind,
      runsPerApp: rounds * 2,
      order: order.join('/'),
      placement: place,
      kinds,
      appLogLines: appStopped.logLines,
      appErrorLines: appStopped.errorLines,
      slackCalls: fakeStopped.calls,
      ...(database ? { databaseServer: database.note } : {}),
    };
  } finally {
    for (const p of started) p.kill();
    database?.restore();
  }
}
