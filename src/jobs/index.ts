import type { Logger } from '@slack/bolt';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { redact } from '../logger.js';
import type { Services } from '../services/index.js';
import type { SlackPort } from '../services/ports.js';
import type { Store } from '../store/index.js';
import type { Poc } from '../domain/poc.js';
import { nudgeDmPrefix } from '../services/nudges.js';
import { nudgePostKinds } from '../services/nudge-sweep.js';
import type { OutboxRow } from '../store/outbox.js';
import { pocCalendars } from '../services/calendars.js';
import { defaultMaxPerTick, Dispatcher, type DispatcherOptions, type DispatchResult, type RecheckPost, type RenderDeferred } from './dispatcher.js';
import { isScheduledKind, scheduledKinds, type SendCheck, stillDue } from './planner.js';
import { isUserTarget } from '../slack/ids.js';
import { jobRegistry } from './registry.js';
import { PlanSink } from './plan-sink.js';
import { renderCheckpoint } from './checkpoints.js';
import { renderReminder } from './reminders.js';
import { renderStandup } from './standups.js';
import type { Job, QueueRoom } from './types.js';

/** DMs the jobs plan (nudges, escalations, reminders): they reach people in their working hours. Replies to something a person just did go at once. */
const heldForWorkingHours: ReadonlySet<string> = new Set(['nudge', 'escalation', 'reminder_readout', 'handoff_reminder']);

export interface JobDeps {
  store: Store;
  services: Services;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  /** The jobs tick runs; default: registry.ts. */
  jobs?: Job[];
  dispatcher?: DispatcherOptions;
  /** Calendar posts, and nudge posts, that may wait in the outbox at once (see QueueRoom); default: two ticks' worth of sending. */
  queueDepth?: number;
}

export interface TickOptions {
  /** Plan and print, write nothing, send nothing. */
  dryRun?: boolean;
}

export interface TickReport {
  now: string;
  dryRun: boolean;
  /** One line per post planned or sent, for `npm run tick` and the logs. */
  lines: string[];
  /** Wall time spent deciding and queueing, then sending (0 on a dry run), in milliseconds. */
  planMs: number;
  sendMs: number;
}

export interface Jobs {
  /** Runs every job due at `now` once. Two ticks for the same instant never post twice. */
  tick(now: Date, options?: TickOptions): Promise<TickReport>;
  startCron(): void;
  stop(): void;
}

export function createJobs(deps: JobDeps): Jobs {
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const render: RenderDeferred = (poc, deferred) => {
    switch (deferred.view) {
      case 'standup':
        return renderStandup(deps.store, poc, deferred.day);
      case 'checkpoint':
        return renderCheckpoint(deps.store, poc, deferred.day);
      case 'reminder':
        return renderReminder(deps.store, poc, deferred.kind, deferred.day);
      case 'nudge':
        return deps.services.nudges.dmFor(deferred.key, poc);
    }
  };
  // Asked of each row when its turn to be sent comes: the calendar for scheduled posts, the
  // nudges for a nudge's DM or escalation post. Other posts (announcements, replies) always go.
  // Then a DM the jobs planned waits for its recipient's working hours (dm-hours.ts).
  const recheck: RecheckPost = async (row, poc, now) => {
    let check: SendCheck = { send: true };
    if (isScheduledKind(row.kind)) check = stillDue({ poc, holidays: pocCalendars(deps.store, poc).customer }, row.key, now);
    else if ((row.kind === 'nudge' || row.kind === 'escalation') && row.key.startsWith(nudgeDmPrefix)) {
      const reason = await deps.services.nudges.recheckPost(row.key.slice(nudgeDmPrefix.length), poc, now);
      if (reason) check = { send: false, reason };
    }
    if (!check.send || !isUserTarget(row.target) || !heldForWorkingHours.has(row.kind)) return check;
    const timing = await deps.services.dmHours.timing(row.target, poc, now);
    return timing.send ? check : { send: false, reason: `held for <@${row.target}>: ${timing.reason}`, notBefore: timing.notBefore };
  };
  const undeliverable = (row: OutboxRow, poc: Poc, code: string) =>
    deps.services.delivery.tellUndeliverable(poc, { target: row.target, code, what: postLabel(row.kind, poc.name) });
  const dispatcher = new Dispatcher({ ...deps, render, recheck, undeliverable }, deps.dispatcher);
  const registry = deps.jobs ?? jobRegistry;
  const queueDepth = deps.queueDepth ?? 2 * (deps.dispatcher?.maxPerTick ?? defaultMaxPerTick);
  const room = (now: Date, kinds: readonly string[]): QueueRoom => ({ depth: queueDepth, left: Math.max(0, queueDepth - deps.store.outbox.pendingDueCount(now, kinds)) });

  const tick = async (now: Date, options: TickOptions = {}): Promise<TickReport> => {
    const dryRun = Boolean(options.dryRun);
    const report: TickReport = { now: now.toISOString(), dryRun, lines: [], planMs: 0, sendMs: 0 };
    const planStarted = performance.now();
    if (!dryRun) deps.services.eventDedupe.prune(now);
    // Posts go to the outbox job by job, as they are built (see plan-sink.ts).
    const sink = new PlanSink(deps.store, now, dryRun);
    const cache = new Map<string, unknown>();
    // A dry run writes nothing, so it shows every post due, however many the outbox would take.
    const calendarRoom = dryRun ? undefined : room(now, scheduledKinds);
    const nudgeRoom = dryRun ? undefined : room(now, nudgePostKinds);
    for (const job of registry) {
      try {
        const note = (line: string) => report.lines.push(`${job.name}: ${line}`);
        const ctx = { now, dryRun, store: deps.store, services: deps.services, logger: deps.logger, note, cache, calendarRoom, nudgeRoom };
        const started = performance.now();
        sink.take(await job.run(ctx));
        deps.logger.debug(`job ${job.name} planned in ${Math.round(performance.now() - started)} ms`);
      } catch (err) {
        // One job's bug must not stop the others or the dispatcher.
        const message = err instanceof Error ? err.message : String(err);
        deps.logger.error(`job ${job.name} failed: ${message}`);
        report.lines.push(redact(`${job.name}: FAILED (${message})`));
      }
    }
    // The snapshot and due items are for planning; the dispatcher reads the outbox. Let go of
    // them here, or they stay reachable (10,000 POCs of them) through the sends that follow.
    cache.clear();
    for (const line of sink.lines) report.lines.push(line);
    if (dryRun) {
      for (const row of deps.store.outbox.dueTargets(now, 1000)) {
        if (!sink.plannedKeys.has(row.key)) report.lines.push(`would send (queued) ${row.key} → ${row.target}`);
      }
      report.planMs = performance.now() - planStarted;
      return report;
    }
    const dispatchStarted = performance.now();
    report.planMs = dispatchStarted - planStarted;
    for (const r of await dispatcher.dispatch(now)) report.lines.push(dispatchLine(r));
    report.sendMs = performance.now() - dispatchStarted;
    deps.logger.debug(`dispatch took ${Math.round(report.sendMs)} ms`);
    return report;
  };

  return {
    tick,
    startCron() {
      // node-cron only calls tick; ticks never overlap (a slow one delays the next).
      task = cron.schedule('* * * * *', () => {
        running = running.then(() => tick(deps.clock.now())).catch((err: unknown) => {
          deps.logger.error(`tick failed: ${err instanceof Error ? err.message : String(err)}`);
        });
      });
    },
    stop() {
      void task?.stop();
      task = undefined;
    },
  };
}

function dispatchLine(r: DispatchResult): string {
  const verb: Record<DispatchResult['outcome'], string> = {
    sent: 'posted',
    found: 'found already posted',
    held: 'held',
    retry: 'will retry',
    ratelimited: 'rate limited',
    failed: 'FAILED',
    skipped: 'skipped',
    error: 'ERROR',
  };
  // Slack's error text is in `detail`; the report goes to stdout (`npm run tick`), not through the logger.
  return redact(`${verb[r.outcome]} ${r.key} → ${r.target}: ${r.detail}`);
}

/** What a post of this kind is, in a notice to the SE ("I could not post … in #channel"). */
function postLabel(kind: string, pocName: string): string {
  const labels: Record<string, string> = {
    standup: 'the standup',
    checkpoint: 'the weekly checkpoint',
    reminder_end_soon: 'the end-date reminder',
    reminder_end: 'the end-date reminder',
    reminder_readout: 'the readout-day reminder',
    nudge: 'a nudge',
    escalation: 'the escalation',
    evaluator_back: 'the note that the evaluator is back',
  };
  return `${labels[kind] ?? `a ${kind.replace(/_/g, ' ')} post`} of ${pocName}`;
}
