// Sends pending outbox rows, each with its own workspace's token: paced per channel, a 429
// holding back only the posts of the workspace (token) that got it, rescheduled by Retry-After; transient errors
// retried with backoff for as long as the post still means something (domain/post-retry.ts),
// permanent ones recorded; whatever is finally not delivered is told to the SE. Every post carries its outbox key in message
// metadata, and a row that was attempted before is looked up in Slack before it is posted again,
// so a crash between "posted" and "marked sent" never gives a second post.
import type { Logger } from '@slack/bolt';
import { dateToSlackTs } from '../domain/calendar.js';
import type { Poc } from '../domain/poc.js';
import {
  type FoundMessage,
  type OutgoingMessage,
  SlackCallError,
  type SlackPort,
  type SlackPorts,
  type WorkspaceKey,
} from '../services/ports.js';
import { nextRetry } from '../domain/post-retry.js';
import { deliveryNoticeKind } from '../services/slack-delivery.js';
import { TurnBatch } from '../services/turn-batch.js';
import { isUserTarget, postMetadataType } from '../slack/ids.js';
import { channelGoneText, withNote } from '../slack/views/slack-problems.js';
import type { Store } from '../store/index.js';
import { type DeferredMessage, isDeferred, type OutboxRow, type SentMark } from '../store/outbox.js';
import { isScheduledKind, scheduledKinds, type SendCheck } from './planner.js';
import { withLogContext } from '../log-context.js';
import { inWorkspace } from '../workspace-scope.js';

/** Real time for pacing (not the scheduler's `now`); tests pass one that does not sleep. */
export interface Pacer {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacer: Pacer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Rows sent per tick at most, unless the options say otherwise: about Slack's own pace. */
export const defaultMaxPerTick = 200;

export interface DispatcherOptions {
  pacer?: Pacer;
  /** Slack allows about one message per second per channel. */
  channelIntervalMs?: number;
  /** Rows sent per tick at most; the rest wait for the next tick. */
  maxPerTick?: number;
  /** Posts in flight at once, each to a different target (default 8). */
  concurrency?: number;
  /** Real time a tick may spend sending before it leaves the rest for the next tick. */
  timeBudgetMs?: number;
  /** A claimed row is not picked up by another tick for this long (a crash mid-send ends the lease). */
  leaseMs?: number;
  /** First retry delay after a transient error; doubles per attempt, capped at 5 minutes (domain/post-retry.ts). */
  backoffBaseMs?: number;
}

export type DispatchOutcome = 'sent' | 'found' | 'held' | 'retry' | 'ratelimited' | 'failed' | 'skipped' | 'error';

export interface DispatchResult {
  key: string;
  kind: string;
  target: string;
  outcome: DispatchOutcome;
  detail: string;
}

/** Builds a deferred message (see outbox.ts) from the POC as it stands when the post goes out. */
export type RenderDeferred = (poc: Poc, deferred: DeferredMessage['deferred']) => Promise<OutgoingMessage>;

/**
 * Whether a row of this POC should still go out when its turn comes (planned minutes or an hour
 * earlier); the composition root asks the calendar and the nudges (jobs/index.ts).
 */
export type RecheckPost = (row: OutboxRow, poc: Poc, now: Date) => SendCheck | Promise<SendCheck>;

export interface DispatcherDeps {
  store: Store;
  /** Each workspace's port (a row goes out with its own workspace's token); one port serves all in unit tests. */
  slack: SlackPorts | SlackPort;
  logger: Logger;
  /** Needed once any job plans a deferred message; without it such a row fails with a clear reason. */
  render?: RenderDeferred;
  /** Reads a row's POC when its turn comes (jobs/index.ts: a calendar post's with its days off, for the recheck); default: by id. */
  readPoc?: (pocId: number, kind: string) => Promise<Poc | undefined>;
  /** Without it every row due goes out. */
  recheck?: RecheckPost;
  /**
   * Told of a row that will not be delivered (Slack refused it for good, or kept failing until
   * the post no longer meant anything: `reason`), to tell the SE; best effort.
   */
  undeliverable?: (row: OutboxRow, poc: Poc, problem: { code: string; reason?: string }) => Promise<void>;
}

/** Errors after which this channel will not take posts: the POC's jobs stop. */
const haltingChannelErrors = new Set(['channel_not_found', 'is_archived']);
const channelErrors = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);
const dmErrors: Record<string, string> = {
  account_inactive: 'the account is deactivated',
  cannot_dm_bot: 'that user is a bot',
  user_not_found: 'no such user',
  user_disabled: 'the account is disabled',
};

/** Outcomes after which the row is still pending, to be tried again later. */
const waits = new Set<DispatchOutcome>(['held', 'retry', 'ratelimited', 'error']);

/**
 * The kinds that go out in planning order with this one, from one POC to one place: the parts of
 * a readout, or two announcements, must not be read out of order because the first had to wait;
 * nor a day's calendar posts (the checkpoint after the standup it follows).
 */
function seriesKinds(kind: string): readonly string[] {
  return isScheduledKind(kind) ? scheduledKinds : [kind];
}

/** The workspace whose token posts the row: its own ids (filled from its POC on insert), else its POC's. */
export function rowWorkspace(row: OutboxRow, poc?: Poc): WorkspaceKey {
  if (row.teamId) return { teamId: row.teamId, enterpriseId: row.enterpriseId || undefined };
  return poc ? { teamId: poc.teamId, enterpriseId: poc.enterpriseId || undefined } : { teamId: '' };
}

/** Targets are paced per workspace: a user id or a shared channel id can be in two workspaces' rows. */
const targetKey = (row: OutboxRow): string => `${row.enterpriseId}/${row.teamId}/${row.target}`;

function sameSeries(a: OutboxRow | undefined, b: OutboxRow): boolean {
  return a !== undefined && a.pocId === b.pocId && a.target === b.target && seriesKinds(b.kind).includes(a.kind);
}

export class Dispatcher {
  private readonly pacer: Pacer;
  private readonly channelIntervalMs: number;
  private readonly maxPerTick: number;
  private readonly concurrency: number;
  private readonly timeBudgetMs: number;
  private readonly leaseMs: number;
  private readonly backoffBaseMs: number;
  /** When each target may take its next post, on the pacer's clock. Kept across ticks. */
  private readonly readyAt = new Map<string, number>();
  /**
   * Rows marked sent with the other posts answered in the same turn of the event loop, together
   * (turn-batch.ts; outbox markSentMany: one transaction on SQLite, one statement on PostgreSQL):
   * a morning's first tick marks 200. A failure fails each of them as
   * markSent would have (the rows stay claimed, their attempt counted: looked up in Slack before
   * any second post).
   */
  private readonly marks = new TurnBatch<{ id: number; sent: SentMark }, void>(async (marks) => {
    await this.deps.store.outbox.markSentMany(marks);
    return marks.map(() => undefined);
  });

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions = {},
  ) {
    this.pacer = options.pacer ?? realPacer;
    this.channelIntervalMs = options.channelIntervalMs ?? 1000;
    this.maxPerTick = options.maxPerTick ?? defaultMaxPerTick;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.timeBudgetMs = options.timeBudgetMs ?? 40_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 30_000;
  }

  /**
   * Sends what is due at `now`. Returns one result per row it touched, in the order the rows were
   * taken. Posts to different targets overlap (up to `concurrency` in flight; one per target, so
   * the per-channel pace holds): with Slack at ~100 ms a call, 200 posts one after another would
   * take 20 s. The first post of a tick goes alone, so a rate limit stops the tick after one call.
   */
  async dispatch(now: Date): Promise<DispatchResult[]> {
    const queue = await this.deps.store.outbox.due(now, this.maxPerTick);
    const taken: Array<Promise<DispatchResult | undefined>> = [];
    const running = new Set<Promise<unknown>>();
    const busy = new Set<string>();
    // Ports (tokens) Slack rate limited this tick: their rows wait for a later tick, the others go on.
    const limited = new Set<SlackPort>();
    let limit = 1;
    let halted = false;
    const started = this.pacer.now();
    while (queue.length > 0 && !halted) {
      if (this.pacer.now() - started > this.timeBudgetMs) break;
      if (running.size >= limit) {
        await Promise.race(running);
        continue;
      }
      const at = this.pacer.now();
      // The first row (oldest due) whose target is free and ready; other channels do not wait behind a busy one.
      const index = queue.findIndex((r) => !busy.has(targetKey(r)) && (this.readyAt.get(targetKey(r)) ?? 0) <= at);
      if (index < 0) {
        if (running.size > 0) {
          await Promise.race(running);
          continue;
        }
        const next = Math.min(...queue.map((r) => this.readyAt.get(targetKey(r)) ?? 0));
        await this.pacer.sleep(Math.max(1, next - at));
        continue;
      }
      const [row] = queue.splice(index, 1);
      if (!row) break;
      const port = this.portOf(row);
      if (limited.has(port)) continue;
      const target = targetKey(row);
      busy.add(target);
      // Each line logged about this post (a failed Slack call too) names its POC and target.
      const about = {
        poc: row.pocId ?? undefined,
        outbox_key: row.key,
        ...(isUserTarget(row.target) ? { user: row.target } : { channel: row.target }),
      };
      const sending = withLogContext(about, () => this.send(row, now, port)).then((result) => {
        busy.delete(target);
        // The channel's pace counts calls to Slack: a row skipped or held made none.
        if (result && result.outcome !== 'skipped' && result.outcome !== 'held')
          this.readyAt.set(target, this.pacer.now() + this.channelIntervalMs);
        // The rows planned after it in the same series wait too (send() held them in the outbox).
        if (result && waits.has(result.outcome)) {
          for (let i = queue.length - 1; i >= 0; i--)
            if (sameSeries(queue[i], row) && (queue[i]?.id ?? 0) > row.id) queue.splice(i, 1);
        }
        // Slack asks this workspace's token to wait: its rows are left for a later tick; other
        // workspaces' posts go on. The database failed (locked, full): every row after it would too.
        if (result?.outcome === 'ratelimited') {
          limited.add(port);
          for (let i = queue.length - 1; i >= 0; i--)
            if (this.portOf(queue[i] as OutboxRow) === port) queue.splice(i, 1);
        } else if (result?.outcome === 'error') halted = true;
        else if (result?.outcome === 'sent' || result?.outcome === 'found') limit = this.concurrency;
        return result;
      });
      taken.push(sending);
      const tracked: Promise<unknown> = sending.catch(() => undefined).finally(() => running.delete(tracked));
      running.add(tracked);
    }
    const results: DispatchResult[] = [];
    for (const result of await Promise.all(taken)) if (result) results.push(result);
    return results;
  }

  private result(row: OutboxRow, outcome: DispatchOutcome, detail: string): DispatchResult {
    return { key: row.key, kind: row.kind, target: row.target, outcome, detail };
  }

  /** The port of the row's workspace (one port for all in single-token mode). */
  private portOf(row: OutboxRow): SlackPort {
    const slack = this.deps.slack;
    return 'of' in slack ? slack.of(rowWorkspace(row)) : slack;
  }

  private async send(row: OutboxRow, now: Date, port: SlackPort): Promise<DispatchResult | undefined> {
    const read = this.deps.readPoc ?? ((id: number) => this.deps.store.pocs.byId(id));
    const poc = row.pocId === null ? undefined : await read(row.pocId, row.kind);
    // What the post's recheck and any notice about it call in Slack goes with this workspace's token too.
    return inWorkspace(rowWorkspace(row, poc), () => this.sendAs(row, now, port, poc));
  }

  private async sendAs(
    row: OutboxRow,
    now: Date,
    port: SlackPort,
    poc: Poc | undefined,
  ): Promise<DispatchResult | undefined> {
    const { store, logger } = this.deps;
    // A halt is about the POC's channel (deleted, unshared, archived): only the posts there stop.
    // DMs and escalations still go, saying why the channel is silent (below).
    if (poc?.jobsHaltedReason && row.target === poc.channelId) {
      await store.outbox.markSkipped(row.id, `POC jobs halted: ${poc.jobsHaltedReason}`);
      return this.result(row, 'skipped', `POC jobs halted (${poc.jobsHaltedReason})`);
    }
    let claimed: boolean;
    try {
      claimed = await store.outbox.claim(row, new Date(now.getTime() + this.leaseMs));
    } catch (err) {
      // The database (locked, full): nothing was sent; the row is tried at a later tick.
      logger.error(`outbox ${row.key}: could not be claimed:`, err);
      return this.result(row, 'error', err instanceof Error ? err.message : String(err));
    }
    if (!claimed) return undefined; // another tick has it
    const attempt = row.attempts + 1;
    try {
      if (row.attempts > 0) {
        const found = await this.lookUp(row, port);
        if (found) {
          // A deferred row keeps what went out, as when it is sent: here, what Slack shows of it.
          await store.outbox.markSent(row.id, {
            channel: found.channel,
            ts: found.ts,
            at: now,
            ...(isDeferred(row.message) ? { message: found.message } : {}),
          });
          return this.result(row, 'found', `already posted as ${found.channel}/${found.ts}; not posted again`);
        }
      }
      if (row.expiresAt !== null && now.getTime() >= new Date(row.expiresAt).getTime()) {
        // Never posted late; and someone hears it did not go out (tried and failed, or never reached).
        await store.outbox.markSkipped(row.id, 'expired: its day is over in the POC’s time zone');
        await this.tellUndeliverable(
          row,
          poc,
          row.attempts > 0 && row.error
            ? { code: row.error, reason: 'its day ended' }
            : { code: 'expired', reason: 'its day ended' },
        );
        return this.result(row, 'skipped', 'its day is over; not posted late');
      }
      const check = poc && this.deps.recheck ? await this.deps.recheck(row, poc, now) : undefined;
      if (check && !check.send) {
        if (check.notBefore) {
          // Nothing was posted: the attempt is not counted (as after a 429).
          await store.outbox.reschedule(
            row,
            { at: check.notBefore, attempts: row.attempts, error: check.reason },
            seriesKinds(row.kind),
          );
          return this.result(row, 'held', `${check.reason}; not before ${check.notBefore.toISOString()}`);
        }
        await store.outbox.markSkipped(row.id, `no longer due: ${check.reason}`);
        return this.result(row, 'skipped', `no longer due: ${check.reason}`);
      }
      // A deferred message is built now, from the POC as it is (and only for a row that will be
      // posted). One that cannot be built fails here, once, with the reason.
      let built: OutgoingMessage | undefined;
      if (isDeferred(row.message)) {
        const made = await this.build(row, row.message, poc);
        if (!made.ok) {
          await store.outbox.markFailed(row.id, made.reason);
          logger.warn(`outbox ${row.key}: ${made.reason}`);
          await this.tellUndeliverable(row, poc, { code: 'not_built', reason: made.reason });
          return this.result(row, 'failed', made.reason);
        }
        built = made.message;
      }
      let content = built ?? (row.message as OutgoingMessage);
      if (poc?.jobsHaltedReason && row.kind !== deliveryNoticeKind)
        content = withNote(content, channelGoneText(poc.channelId, poc.jobsHaltedReason));
      const message: OutgoingMessage = {
        ...content,
        metadata: { event_type: postMetadataType, event_payload: { key: row.key } },
      };
      const posted = isUserTarget(row.target)
        ? await port.postDirect(row.target, message)
        : await port.postMessage(row.target, message, row.threadTs ? { threadTs: row.threadTs } : undefined);
      await this.marks.add({ id: row.id, sent: { channel: posted.channel, ts: posted.ts, at: now, message: built } });
      return this.result(row, 'sent', `${posted.channel}/${posted.ts}`);
    } catch (err) {
      if (!(err instanceof SlackCallError)) {
        // Not Slack: e.g. the database write after the post. The row stays claimed with its
        // attempt counted; when the lease ends it is looked up before any second post.
        logger.error(`outbox ${row.key}:`, err);
        try {
          await store.outbox.holdBehind(row, new Date(now.getTime() + this.leaseMs), seriesKinds(row.kind));
        } catch {
          // The database itself may be what failed: the tick's queue still holds them back (dispatch()).
        }
        return this.result(row, 'error', err instanceof Error ? err.message : String(err));
      }
      return this.failed(row, err, attempt, now, poc);
    }
  }

  /** A row that will not be delivered: the SE hears of it (not of a notice to the SE itself). */
  private async tellUndeliverable(
    row: OutboxRow,
    poc: Poc | undefined,
    problem: { code: string; reason?: string },
  ): Promise<void> {
    if (!poc || !this.deps.undeliverable || row.kind === deliveryNoticeKind) return;
    await this.deps.undeliverable(row, poc, problem).catch((e: unknown) => {
      this.deps.logger.warn(
        `outbox ${row.key}: could not tell anyone it failed (${e instanceof Error ? e.message : String(e)})`,
      );
    });
  }

  private async build(
    row: OutboxRow,
    message: DeferredMessage,
    poc: Poc | undefined,
  ): Promise<{ ok: true; message: OutgoingMessage } | { ok: false; reason: string }> {
    if (!poc) return { ok: false, reason: `its POC ${row.pocId ?? '(none)'} no longer exists` };
    if (!this.deps.render)
      return { ok: false, reason: `no renderer for the deferred ${message.deferred.view} message` };
    try {
      return { ok: true, message: await this.deps.render(poc, message.deferred) };
    } catch (err) {
      return {
        ok: false,
        reason: `could not build the ${message.deferred.view} message: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  }

  /** The earlier attempt's post, if it reached Slack. A lookup that cannot be done is not a reason to lose the post. */
  private async lookUp(row: OutboxRow, port: SlackPort): Promise<FoundMessage | undefined> {
    const since = Math.min(new Date(row.createdAt).getTime(), new Date(row.dueAt).getTime()) - 10 * 60_000;
    try {
      return await port.findPostedByKey(row.target, row.key, dateToSlackTs(new Date(since)), row.threadTs ?? undefined);
    } catch (err) {
      if (err instanceof SlackCallError && err.transient) throw err;
      this.deps.logger.warn(
        `outbox ${row.key}: could not look for an earlier post (${err instanceof Error ? err.message : String(err)}); posting`,
      );
      return undefined;
    }
  }

  private async failed(
    row: OutboxRow,
    err: SlackCallError,
    attempt: number,
    now: Date,
    poc: Poc | undefined,
  ): Promise<DispatchResult> {
    const { store, logger } = this.deps;
    const code = err.code;
    const channelPocId = poc?.channelId === row.target ? poc.id : undefined;
    if (code === 'ratelimited') {
      const waitSec = err.retryAfterSec ?? 30;
      // A 429 means nothing was posted: the attempt is not counted, so no lookup is needed next time.
      await store.outbox.reschedule(
        row,
        { at: new Date(now.getTime() + waitSec * 1000), attempts: row.attempts, error: 'ratelimited' },
        seriesKinds(row.kind),
      );
      return this.result(row, 'ratelimited', `rate limited; retry in ${waitSec}s`);
    }
    if (channelErrors.has(code)) {
      await store.outbox.markFailed(row.id, `${code}: cannot post in ${row.target}`);
      if (haltingChannelErrors.has(code) && channelPocId !== undefined) {
        const reason = `channel ${row.target} ${code === 'is_archived' ? 'is archived' : 'was not found'} (${now.toISOString()})`;
        await store.pocs.update(channelPocId, { jobsHaltedReason: reason, updatedAt: now.toISOString() });
        const skipped = await store.outbox.skipPendingFor(channelPocId, row.target, `POC jobs halted: ${reason}`);
        logger.warn(`POC ${channelPocId}: jobs halted, ${reason}; ${skipped} pending posts skipped`);
      }
      await this.tellUndeliverable(row, poc, { code });
      return this.result(row, 'failed', code);
    }
    const dm = dmErrors[code];
    if (dm !== undefined && isUserTarget(row.target)) {
      await store.outbox.markFailed(row.id, `cannot DM ${row.target}: ${dm} (${code})`);
      await this.tellUndeliverable(row, poc, { code });
      return this.result(row, 'failed', `cannot DM ${row.target}: ${dm}`);
    }
    let reason: string | undefined;
    if (err.transient) {
      // Slack is down or slow: wait while the post still means something.
      const next = nextRetry(
        { dueAt: new Date(row.dueAt), expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt) },
        attempt,
        now,
        this.backoffBaseMs,
      );
      if (next.retry) {
        await store.outbox.reschedule(row, { at: next.at, attempts: attempt, error: code }, seriesKinds(row.kind));
        return this.result(
          row,
          'retry',
          `${code}; attempt ${attempt}, next in ${Math.round((next.at.getTime() - now.getTime()) / 1000)}s`,
        );
      }
      reason = next.reason;
    }
    const error = reason ? `${code} after ${attempt} attempts: ${reason}` : code;
    await store.outbox.markFailed(row.id, error);
    logger.warn(`outbox ${row.key}: failed (${error})`);
    await this.tellUndeliverable(row, poc, { code, ...(reason ? { reason } : {}) });
    return this.result(row, 'failed', error);
  }
}
