// What /metrics exposes (Prometheus text format, prom-client): Slack requests by kind and
// outcome, how long their acks took, the outbox's depth, posts sent and failed, failed Slack
// calls, and how long ticks take; plus Node's own process metrics. One registry per app, so two
// apps in one process (the tests) never share counters.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsSources {
  /** Read at each scrape: pending outbox rows, and those due now. */
  outboxDepth(): Promise<{ pending: number; due: number }>;
}

export class Metrics {
  readonly registry = new Registry();
  /** Every Slack request (HTTP or Socket Mode) by `kind` (`event:reaction_added`, `command:/poc`, `block_actions`…) and `outcome`. */
  readonly requests: Counter<'kind' | 'outcome'>;
  /** From the request's arrival to its ack (Slack wants 3 s at most). */
  readonly ackSeconds: Histogram<'kind'>;
  /** Outbox posts by what became of them in a tick: sent, found (already posted), failed, retry, ratelimited, held, skipped, error. */
  readonly posts: Counter<'outcome'>;
  /** Web API calls Slack refused or that did not get through, by method and Slack's error code. */
  readonly slackCallFailures: Counter<'method' | 'error'>;
  /** A tick's planning and sending time. */
  readonly tickSeconds: Histogram<'phase'>;
  readonly ticks: Counter<'outcome'>;

  constructor(sources: MetricsSources, options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'pocbot_slack_requests_total',
      help: 'Slack requests received, by kind and outcome (ok, refused, invalid, unanswered, error)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.ackSeconds = new Histogram({
      name: 'pocbot_ack_duration_seconds',
      help: 'Time from a Slack request arriving to its acknowledgement',
      labelNames: ['kind'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    });
    this.posts = new Counter({
      name: 'pocbot_outbox_posts_total',
      help: 'Outbox posts by outcome in a tick: sent, found, failed, error, retry, ratelimited, held, skipped',
      labelNames: ['outcome'],
      registers,
    });
    this.slackCallFailures = new Counter({
      name: 'pocbot_slack_api_failures_total',
      help: 'Slack Web API calls that failed, by method and error code',
      labelNames: ['method', 'error'],
      registers,
    });
    this.tickSeconds = new Histogram({
      name: 'pocbot_tick_duration_seconds',
      help: 'Time a tick spent planning and sending',
      labelNames: ['phase'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.ticks = new Counter({
      name: 'pocbot_ticks_total',
      help: 'Ticks run, by outcome (ok, failed)',
      labelNames: ['outcome'],
      registers,
    });
    new Gauge({
      name: 'pocbot_outbox_pending',
      help: 'Outbox rows waiting to be sent (state: all pending, or due now)',
      labelNames: ['state'],
      registers,
      async collect() {
        const depth = await sources.outboxDepth();
        this.set({ state: 'all' }, depth.pending);
        this.set({ state: 'due' }, depth.due);
      },
    });
  }

  /** The text a scrape gets, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
