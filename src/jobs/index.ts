import type { Logger } from '@slack/bolt';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { keepKeysForMs } from '../domain/inbox.js';
import { redact } from '../logger.js';
import type { Services } from '../services/index.js';
import type { SlackPort, SlackPorts } from '../services/ports.js';
import type { Store } from '../store/index.js';
import type { Poc } from '../domain/poc.js';
import { nextDueAt } from '../domain/next-due.js';
import { TickSnapshot } from '../services/tick-snapshot.js';
import { nudgeDmPrefix } from '../services/nudge-dms.js';
import { nudgePostKinds } from '../services/nudge-sweep.js';
import type { OutboxRow } from '../store/outbox.js';
import { pocCalendars } from '../services/calendars.js';
import type { SideCalendars } from '../domain/sides.js';
import type { Holidays } from '../domain/calendar.js';
import {
  defaultMaxPerTick,
  Dispatcher,
  type DispatcherOptions,
  type DispatchResult,
  type RecheckPost,
  type RenderDeferred,
} from './dispatcher.js';
import { isScheduledKind, scheduledKinds, type SendCheck, stillDue } from './planner.js';
import { isUserTarget } from '../slack/ids.js';
import { jobRegistry } from './registry.js';
import { PlanSink } from './plan-sink.js';
import { renderCheckpoint } from './checkpoints.js';
import { renderReminder } from './reminders.js';
import { renderStandup } from './standups.js';
import type { Job, QueueRoom } from './types.js';

/** How often a tick drops the inbox's finished requests. */
const pruneEveryMs = 15 * 60_000;

/** DMs the jobs plan (nudges, escalations, reminders), and the escalation channel's post: they reach people in their working hours. Replies to something a person just did go at once. */
const heldForWorkingHours: ReadonlySet<string> = new Set([
  'nudge',
  'escalation',
  'reminder_readout',
  'handoff_reminder',
]);

export interface JobDeps {
  store: Store;
  services: Services;
  /** Each workspace's port: the dispatcher posts every row with its own workspace's token. */
  slack: SlackPorts | SlackPort;
  clock: Clock;
  logger: Logger;
  /** The jobs tick runs; default: registry.ts. */
  jobs?: Job[];
  dispatcher?: DispatcherOptions;
  /** Calendar posts, and nudge posts, that may wait in the outbox at once (see QueueRoom); default: two ticks' worth of sending. */
  queueDepth?: number;
  /** Told of every tick that ran to its end (the composition root: metrics, readiness). */
  onTick?: (report: TickReport, results: readonly DispatchResult[]) => void;
  /** The cron's tick waits on it while the database is locked by another connection (store/write-gate.ts). */
  whenWritable?: () => Promise<void> | undefined;
}

export interface TickOptions {
  /** Plan and print, write nothing, send nothing. */
  dryRun?: boolean;
  /**
   * Plan every open POC, not only those due (store/poc-schedule.ts): the full sweep the due index
   * replaced, kept as the reference it is tested against (test/jobs/due-equivalence.test.ts). A
   * dry run always does.
   */
  allPocs?: boolean;
  /** The most POCs due a tick claims (store/poc-schedule.ts); default: the outbox's room. */
  batch?: number;
}

export interface TickReport {
  now: string;
  dryRun: boolean;
  /** One line per post planned or sent, for `npm run tick` and the logs. */
  lines: string[];
  /** Wall time spent deciding and queueing, then sending (0 on a dry run), in milliseconds. */
  planMs: number;
  sendMs: number;
  /**
   * Jobs that failed, and posts the dispatcher could not handle for a reason other than Slack
   * (the database): `npm run tick` then exits non-zero, so cron sees it.
   */
  failures: number;
  /** The tick in numbers: its one log line. */
  summary: TickSummary;
  /** Open POCs planned: a batch of those due by the tick's now and the POCs of the same people (a dry run: every open POC). */
  pocsPlanned: number;
}

export interface TickSummary {
  /** Posts the jobs added to the outbox (a dry run: would add). */
  planned: number;
  /** Posted, or found already posted. */
  sent: number;
  /** Skipped when their turn came: no longer due, expired, or the POC's jobs halted. */
  withdrawn: number;
  /** Refused for good by Slack, or failed to build. */
  failed: number;
  /** Still in the outbox and due: held, retrying, rate limited, or left for the next tick. */
  waiting: number;
  /** Jobs that threw. */
  jobsFailed: number;
}

export interface Jobs {
  /** Runs every job due at `now` once. Two ticks for the same instant never post twice. */
  tick(now: Date, options?: TickOptions): Promise<TickReport>;
  startCron(): void;
  stop(): void;
}

/**
 * After the jobs planned the claimed POCs: each gets its next wake (domain/next-due.ts), unless a
 * job failed (all stay due, planned again next tick) or left something of it for a later tick.
 * A POC whose facts changed while it was planned stays due too (setNextDue).
 */
async function scheduleNext(
  store: Store,
  snapshot: TickSnapshot,
  claimed: readonly number[],
  keptDue: ReadonlySet<number>,
  jobFailed: boolean,
  now: Date,
): Promise<void> {
  if (jobFailed) return;
  const wasClaimed = new Set(claimed);
  const wakes: Array<{ id: number; at: Date }> = [];
  for (const id of claimed) {
    if (keptDue.has(id)) continue;
    const poc = snapshot.pocById(id);
    if (poc) wakes.push({ id, at: nextDueAt(poc, now) });
  }
  await store.schedule.setNextDue(wakes);
  // Kept due and not claimed (a POC planned with the batch for one of its people): due at the next tick.
  await store.schedule.markDue([...keptDue].filter((id) => !wasClaimed.has(id)));
}

/**
 * How many of the POCs due a tick claims: about what it sends (a POC due has a post or two), and
 * no more than the outbox has room for calendar posts; but never none, so stage moves and nudge
 * decisions go on while the outbox is full. Not bounded by the room for nudge posts: the
 * calendar's posts go out first (they are due earlier), and a morning's standups must not wait
 * behind its nudges; a nudge without room is decided at a later tick (QueueRoom).
 */
function claimLimit(calendarRoom: QueueRoom | undefined, sends: number, batch?: number): number {
  if (batch !== undefined) return batch;
  return Math.max(minClaim, Math.min(sends, calendarRoom?.left ?? Number.POSITIVE_INFINITY));
}

/** The fewest POCs due a tick claims (see claimLimit). */
const minClaim = 25;

export function createJobs(deps: JobDeps): Jobs {
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();

  // A row's recheck and its deferred message read the POC's calendars once: the dispatcher hands
  // both the POC it read for that row, so the memo is keyed by that object and lives as long as
  // the row's send (the next row reads its POC, and so its calendars, afresh). The dispatcher
  // reads a calendar post's POC with its days off in one statement (readPoc), which the
  // calendars then use; other posts do not ask for the calendars (a DM's recipient hours read them
  // in dm-hours.ts), so their POC is read alone. The same statement gives the lead evaluator's
  // zone, for the channel's posts on the customer's days off (stillDue).
  const readWith = new WeakMap<Poc, { daysOff: Holidays; leadZone: string | null }>();
  const readPoc = async (pocId: number, kind: string): Promise<Poc | undefined> => {
    if (!isScheduledKind(kind)) return deps.store.pocs.byId(pocId);
    const read = await deps.store.pocs.byIdWithDaysOff(pocId);
    if (read) readWith.set(read.poc, read);
    return read?.poc;
  };
  const calendarsRead = new WeakMap<Poc, Promise<SideCalendars>>();
  const calendarsOf = (poc: Poc): Promise<SideCalendars> => {
    let read = calendarsRead.get(poc);
    if (!read) {
      read = pocCalendars(deps.store, poc, readWith.get(poc)?.daysOff);
      calendarsRead.set(poc, read);
    }
    return read;
  };
  const render: RenderDeferred = async (poc, deferred) => {
    if (deferred.view === 'nudge') return deps.services.nudges.dmFor(deferred.key, poc);
    const holidays = (await calendarsOf(poc)).customer;
    switch (deferred.view) {
      case 'standup':
        return renderStandup(deps.store, poc, deferred.day, holidays);
      case 'checkpoint':
        return renderCheckpoint(deps.store, poc, deferred.day, holidays);
      case 'reminder':
        return renderReminder(deps.store, poc, deferred.kind, deferred.day, holidays);
    }
  };
  // Asked of each row when its turn to be sent comes: the calendar for scheduled posts, the
  // nudges for a nudge's DM or escalation post. Other posts (announcements, replies) always go.
  // Then a DM the jobs planned waits for its recipient's working hours (dm-hours.ts).
  const recheck: RecheckPost = async (row, poc, now) => {
    let check: SendCheck = { send: true };
    if (isScheduledKind(row.kind)) {
      const holidays = (await calendarsOf(poc)).customer;
      check = stillDue({ poc, holidays, customerZone: readWith.get(poc)?.leadZone }, row.key, now);
    } else if ((row.kind === 'nudge' || row.kind === 'escalation') && row.key.startsWith(nudgeDmPrefix)) {
      const reason = await deps.services.nudges.recheckPost(row.key.slice(nudgeDmPrefix.length), poc, now);
      if (reason) check = { send: false, reason };
    }
    // The escalation channel's post mentions the AE, so it notifies them as a DM would: it waits
    // for the AE's working hours too (the AE in Los Angeles is not pinged at 06:31 because the
    // customer's morning is New York's).
    const reader = isUserTarget(row.target) ? row.target : row.kind === 'escalation' ? poc.aeId : undefined;
    if (!check.send || !reader || !heldForWorkingHours.has(row.kind)) return check;
    const timing = await deps.services.dmHours.timing(reader, poc, now);
    return timing.send
      ? check
      : { send: false, reason: `held for <@${reader}>: ${timing.reason}`, notBefore: timing.notBefore };
  };
  const undeliverable = (row: OutboxRow, poc: Poc, problem: { code: string; reason?: string }) =>
    deps.services.delivery.tellUndeliverable(poc, {
      key: row.key,
      target: row.target,
      what: postLabel(row.kind, poc.name),
      ...problem,
    });
  const dispatcher = new Dispatcher({ ...deps, render, recheck, undeliverable, readPoc }, deps.dispatcher);
  const registry = deps.jobs ?? jobRegistry;
  const maxPerTick = deps.dispatcher?.maxPerTick ?? defaultMaxPerTick;
  const queueDepth = deps.queueDepth ?? 2 * maxPerTick;
  const room = async (now: Date, kinds: readonly string[]): Promise<QueueRoom> => ({
    depth: queueDepth,
    left: Math.max(0, queueDepth - (await deps.store.outbox.pendingDueCount(now, kinds))),
  });

  let lastPruneAt = Number.NEGATIVE_INFINITY;
  const tick = async (now: Date, options: TickOptions = {}): Promise<TickReport> => {
    const dryRun = Boolean(options.dryRun);
    const summary: TickSummary = { planned: 0, sent: 0, withdrawn: 0, failed: 0, waiting: 0, jobsFailed: 0 };
    const report: TickReport = {
      now: now.toISOString(),
      dryRun,
      lines: [],
      planMs: 0,
      sendMs: 0,
      failures: 0,
      summary,
      pocsPlanned: 0,
    };
    const planStarted = performance.now();
    // Finished requests are kept 48 hours: dropping them every quarter of an hour is enough, and
    // a quiet minute does not pay for the delete (a write, ~5 ms at 10,000 POCs' worth of rows).
    if (!dryRun && (now.getTime() - lastPruneAt >= pruneEveryMs || now.getTime() < lastPruneAt)) {
      lastPruneAt = now.getTime();
      try {
        await deps.store.inbox.prune(new Date(now.getTime() - keepKeysForMs));
      } catch (err) {
        report.failures++;
        report.lines.push(
          redact(`inbox: FAILED to drop finished requests (${err instanceof Error ? err.message : String(err)})`),
        );
      }
    }
    // Posts go to the outbox job by job, as they are built (see plan-sink.ts).
    const sink = new PlanSink(deps.store, now, dryRun);
    const planBatch = async () => {
      // A dry run writes nothing, so it shows every post due, however many the outbox would take.
      const calendarRoom = dryRun ? undefined : await room(now, scheduledKinds);
      const nudgeRoom = dryRun ? undefined : await room(now, nudgePostKinds);
      // Only a batch of the POCs due by now is planned: claimed here, given their next wake once
      // planned. About as many as the tick sends (claimLimit), so a morning of 10,000 standups is
      // planned over the ticks that send it, each planning what it can send; the rest stay due. A
      // dry run plans every open POC, as before the due index: it shows what is already queued or
      // sent too, and an operator's check should not depend on the index it checks.
      const everyPoc = dryRun || Boolean(options.allPocs);
      const batch = everyPoc
        ? undefined
        : await deps.store.schedule.claimDue(now, claimLimit(calendarRoom, maxPerTick, options.batch));
      const claimed = batch?.claimed ?? [];
      const keptDue = new Set<number>();
      const keepDue = (pocId: number) => keptDue.add(pocId);
      const cache = new Map<string, unknown>();
      // Everything the jobs read about the POCs, read once for all of them. When that fails (the
      // database), no job plans: the claimed POCs stay due, and the dispatcher still sends.
      let snapshot: TickSnapshot | undefined;
      try {
        snapshot = await TickSnapshot.load(deps.store, batch ? { pocs: batch.pocs } : {});
        cache.set('snapshot', snapshot);
      } catch (err) {
        deps.logger.error('reading the POCs to plan failed:', err);
        report.failures++;
        report.lines.push(
          redact(`plan: FAILED to read the POCs (${err instanceof Error ? err.message : String(err)})`),
        );
        summary.jobsFailed++;
      }
      for (const job of snapshot ? registry : []) {
        try {
          const note = (line: string) => report.lines.push(`${job.name}: ${line}`);
          const ctx = {
            now,
            dryRun,
            store: deps.store,
            services: deps.services,
            logger: deps.logger,
            note,
            cache,
            calendarRoom,
            nudgeRoom,
            keepDue,
          };
          const started = performance.now();
          await sink.take(await job.run(ctx));
          deps.logger.debug(`job ${job.name} planned in ${Math.round(performance.now() - started)} ms`);
        } catch (err) {
          // One job's bug must not stop the others or the dispatcher.
          const message = err instanceof Error ? err.message : String(err);
          deps.logger.error(`job ${job.name} failed:`, err);
          report.failures++;
          report.lines.push(redact(`${job.name}: FAILED (${message})`));
          summary.jobsFailed++;
        }
      }
      report.pocsPlanned = snapshot?.pocs().length ?? 0;
      if (!dryRun && snapshot) {
        try {
          await scheduleNext(deps.store, snapshot, claimed, keptDue, summary.jobsFailed > 0, now);
        } catch (err) {
          report.failures++;
          report.lines.push(
            redact(
              `schedule: FAILED to set the POCs' next wake (${err instanceof Error ? err.message : String(err)}); they stay due`,
            ),
          );
        }
      }
      // The snapshot and due items are for planning; the dispatcher reads the outbox. Let go of
      // them here, or they stay reachable (10,000 POCs of them) through the sends that follow.
      cache.clear();
    };
    // One replica plans at a time (on PostgreSQL, under an advisory lock: handle.ts), so each
    // person's nudges and budget are decided once; a replica that finds another planning only sends.
    if (dryRun) await planBatch();
    else {
      try {
        if (!(await deps.store.handle.plannerTurn(planBatch)))
          report.lines.push('plan: another replica is planning now; this one only sends');
      } catch (err) {
        // The planner's lock could not be asked for (PostgreSQL unreachable a moment): nothing was
        // planned, the POCs stay due, and what the outbox holds is still sent.
        deps.logger.error('planning failed:', err);
        report.failures++;
        summary.jobsFailed++;
        report.lines.push(redact(`plan: FAILED (${err instanceof Error ? err.message : String(err)})`));
      }
    }
    for (const line of sink.lines) report.lines.push(line);
    summary.planned = sink.planned;
    if (dryRun) {
      for (const row of await deps.store.outbox.dueTargets(now, 1000)) {
        if (!sink.plannedKeys.has(row.key)) report.lines.push(`would send (queued) ${row.key} → ${row.target}`);
      }
      report.planMs = performance.now() - planStarted;
      logTick(report);
      return report;
    }
    const dispatchStarted = performance.now();
    report.planMs = dispatchStarted - planStarted;
    const results = await dispatcher.dispatch(now);
    for (const r of results) report.lines.push(dispatchLine(r));
    for (const r of results) if (r.outcome === 'error') report.failures++;
    report.sendMs = performance.now() - dispatchStarted;
    for (const r of results) {
      if (r.outcome === 'sent' || r.outcome === 'found') summary.sent++;
      else if (r.outcome === 'skipped') summary.withdrawn++;
      else if (r.outcome === 'failed' || r.outcome === 'error') summary.failed++;
    }
    summary.waiting = (await deps.store.outbox.pendingCounts(now)).due;
    logTick(report);
    deps.onTick?.(report, results);
    return report;
  };

  // One line per tick at info: what it planned and sent, and how long it took.
  const logTick = (report: TickReport): void => {
    const s = report.summary;
    const ms = { plan_ms: Math.round(report.planMs), send_ms: Math.round(report.sendMs) };
    const text = report.dryRun
      ? `tick at ${report.now} (dry run): ${s.planned} would be planned, in ${ms.plan_ms} ms`
      : `tick at ${report.now}: planned ${s.planned}, sent ${s.sent}, withdrawn ${s.withdrawn}, failed ${s.failed}, waiting ${s.waiting}${s.jobsFailed ? `, ${s.jobsFailed} jobs FAILED` : ''} (plan ${ms.plan_ms} ms, send ${ms.send_ms} ms)`;
    deps.logger.info({ tick: report.now, dry_run: report.dryRun, ...s, ...ms }, text);
  };

  return {
    tick,
    startCron() {
      // node-cron only calls tick; ticks never overlap (a slow one delays the next). While the
      // database is locked, one tick waits for it and the minutes meanwhile add none.
      let waiting = false;
      task = cron.schedule('* * * * *', () => {
        if (waiting) return;
        waiting = true;
        running = running
          .then(async () => {
            await deps.whenWritable?.();
            waiting = false;
            return tick(deps.clock.now());
          })
          .catch((err: unknown) => {
            waiting = false;
            deps.logger.error('tick failed:', err);
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
    evaluator_back: 'the note that the evaluation team is active again',
  };
  return `${labels[kind] ?? `a ${kind.replace(/_/g, ' ')} post`} of ${pocName}`;
}
