// The one way services speak to Slack on a user's behalf when the record is already stored:
// transient failures are retried a bounded number of times; a channel post Slack still will not
// take (a long 429, repeated 5xx) goes to the outbox under a unique key so the dispatcher delivers
// it later; and what will not get better by waiting is handled by its code: not_in_channel and
// channel_not_found tell the SE the next step, is_archived halts the POC's jobs, a DM to a
// deactivated account or a bot is recorded and someone else is told. Never throws a Slack error.
import { dateToSlackTs } from '../domain/calendar.js';
import { channelArchivedReason } from '../domain/jobs-halt.js';
import type { Poc } from '../domain/poc.js';
import { postMetadataType } from '../slack/ids.js';
import {
  busyText,
  channelProblemText,
  deliveryNotice,
  dmProblemText,
  undeliveredNotice,
} from '../slack/views/slack-problems.js';
import type { ServiceDeps } from './deps.js';
import { type OutgoingMessage, type PostedMessage, SlackCallError } from './ports.js';
import { isRetryable, type RetryOptions, withSlackRetry } from './slack-retry.js';

export type Delivery =
  | { status: 'posted'; posted: PostedMessage }
  /** Slack did not take it now; the outbox holds it under `key` and the next ticks deliver it. */
  | { status: 'queued'; key: string; code: string; dueAt: Date }
  /** Not delivered and not queued; `notice` says why and what to do. */
  | { status: 'failed'; code: string; notice: string };

/** On failure: `problem` is the reason with the next step; `notice` the whole message (what, why, next step). */
export type CallResult<T> = { ok: true; value: T } | { ok: false; code: string; problem: string; notice: string };

export interface ChannelPost {
  /** Unique business key: the outbox key if it has to be queued, and the message's metadata. */
  key: string;
  /** The outbox kind (for the tick report and the readout's counts). */
  kind: string;
  /** Shown in notices: "the decision on criterion 2". */
  what: string;
  threadTs?: string | undefined;
  /** Who hears about a failure that waiting will not fix (default the SE); null: the caller tells the user itself. */
  tell?: string | null;
}

export interface DeliveryOptions extends RetryOptions {
  /** The same problem with the same POC is told to the SE at most once in this long. */
  noticeEveryMs?: number;
}

/** The outbox kind of a notice to the SE about a post that did not go out (queued when Slack is down as it is told). */
export const deliveryNoticeKind = 'delivery_notice';

const codeOf = (err: unknown): string =>
  err instanceof SlackCallError ? err.code : err instanceof Error ? err.message : String(err);

/** A 5xx or a dropped connection may have posted after all: look before posting again. */
const maybeDelivered = (err: unknown): boolean => isRetryable(err) && err.code !== 'ratelimited';

export class SlackDelivery {
  private readonly told = new Map<string, number>();
  private readonly retry: RetryOptions;
  private readonly noticeEveryMs: number;

  constructor(
    private readonly deps: ServiceDeps,
    options: DeliveryOptions = {},
  ) {
    const { noticeEveryMs, ...retry } = options;
    this.retry = retry;
    this.noticeEveryMs = noticeEveryMs ?? 60 * 60_000;
  }

  /** A channel post about a POC whose facts are already stored. */
  async post(poc: Poc, message: OutgoingMessage, post: ChannelPost): Promise<Delivery> {
    const { slack, logger } = this.deps;
    const tagged: OutgoingMessage = {
      ...message,
      metadata: { event_type: postMetadataType, event_payload: { key: post.key } },
    };
    const since = dateToSlackTs(new Date(this.deps.clock.now().getTime() - 10 * 60_000));
    let ambiguous = false;
    try {
      const posted = await withSlackRetry(async (attempt) => {
        if (attempt > 1 && ambiguous) {
          const found = await slack
            .findPostedByKey(poc.channelId, post.key, since, post.threadTs)
            .catch(() => undefined);
          if (found) return found;
        }
        try {
          return await slack.postMessage(
            poc.channelId,
            tagged,
            post.threadTs ? { threadTs: post.threadTs } : undefined,
          );
        } catch (err) {
          ambiguous ||= maybeDelivered(err);
          throw err;
        }
      }, this.retry);
      return { status: 'posted', posted };
    } catch (err) {
      const code = codeOf(err);
      if (isRetryable(err)) {
        const dueAt = await this.queue(poc, tagged, post, err, ambiguous);
        logger.warn(`POC ${poc.id}: ${post.what} not posted (${code}); queued as ${post.key} for the next tick`);
        return { status: 'queued', key: post.key, code, dueAt };
      }
      const { notice } = await this.problem(poc, err, post.what, post.tell === undefined ? poc.seId : post.tell);
      return { status: 'failed', code, notice };
    }
  }

  /**
   * A Slack call about the POC's channel that cannot wait in the outbox (its answer is needed now:
   * a ts to store, an update in place). Retried; on failure the problem is handled by its code.
   */
  async call<T>(poc: Poc, what: string, run: () => Promise<T>, tell: string | null = poc.seId): Promise<CallResult<T>> {
    try {
      return { ok: true, value: await withSlackRetry(run, this.retry) };
    } catch (err) {
      return { ok: false, code: codeOf(err), ...(await this.problem(poc, err, what, tell)) };
    }
  }

  /**
   * A DM. When the person cannot get DMs (deactivated, a bot), the failure is logged and
   * `fallback` (e.g. the AE) is told instead, with the message itself.
   */
  async direct(
    userId: string,
    message: OutgoingMessage,
    args: { poc: Poc | undefined; what: string; fallback?: string | undefined },
  ): Promise<CallResult<PostedMessage>> {
    const { slack, logger } = this.deps;
    try {
      return { ok: true, value: await withSlackRetry(() => slack.postDirect(userId, message), this.retry) };
    } catch (err) {
      const code = codeOf(err);
      const dmProblem = dmProblemText(code, userId);
      const where = args.poc ? ` (POC ${args.poc.id})` : '';
      logger.warn(`${args.what}${where}: DM to ${userId} failed: ${code}`);
      if (!dmProblem) {
        const problem = `${isRetryable(err) ? busyText(code) : `Slack answered \`${code}\`.`} Try again in a minute.`;
        return { ok: false, code, problem, notice: `I could not send ${args.what} to <@${userId}>. ${problem}` };
      }
      const fallback = args.fallback && args.fallback !== userId ? args.fallback : undefined;
      if (fallback) {
        const forwarded = await slack
          .postDirect(fallback, {
            ...message,
            text: `${dmProblem} Here is ${args.what} for you instead.\n\n${message.text}`,
          })
          .then(() => true)
          .catch(() => false);
        if (forwarded)
          return {
            ok: false,
            code,
            problem: dmProblem,
            notice: `${dmProblem} I sent ${args.what} to <@${fallback}> instead.`,
          };
      }
      return {
        ok: false,
        code,
        problem: dmProblem,
        notice: `${dmProblem} Change who it goes to with \`/poc edit\`, then try again.`,
      };
    }
  }

  /** Handles a failure by its code and returns what to tell the user. */
  private async problem(
    poc: Poc,
    err: unknown,
    what: string,
    tell: string | null,
  ): Promise<{ problem: string; notice: string }> {
    const { logger } = this.deps;
    const code = codeOf(err);
    if (code === 'is_archived') await this.haltJobs(poc);
    const channelProblem = channelProblemText(code, poc.channelId);
    const problem =
      channelProblem ?? (isRetryable(err) ? `${busyText(code)} Try again in a minute.` : `Slack answered \`${code}\`.`);
    const notice = deliveryNotice({ what, channelId: poc.channelId, problem, saved: true });
    logger.warn(`POC ${poc.id}: ${what} not posted in ${poc.channelId}: ${code}`);
    if (tell && channelProblem) await this.tellOnce(poc, code, tell, notice);
    return { problem, notice: notice.text };
  }

  /**
   * A scheduled post (a standup, an escalation, a nudge DM) that will not go out: Slack refused it
   * for good, or kept failing until it no longer meant anything (`reason`). The SE hears what did
   * not go out and the next step, once an hour at most per problem, as for posts made on a user's
   * behalf (the AE when the SE cannot be reached). `key`: the post's outbox key; when Slack is
   * still down, the notice itself waits in the outbox under `notice:<key>` and goes out once it is back.
   */
  async tellUndeliverable(
    poc: Poc,
    args: { key: string; target: string; code: string; what: string; reason?: string },
  ): Promise<void> {
    const channelProblem = channelProblemText(args.code, args.target);
    const dmProblem = channelProblem ? undefined : dmProblemText(args.code, args.target);
    const notice: OutgoingMessage = channelProblem
      ? deliveryNotice({ what: args.what, channelId: args.target, problem: channelProblem, saved: false })
      : dmProblem
        ? {
            text: `:warning: I could not send ${args.what}. ${dmProblem} Change who it goes to with \`/poc edit\` in <#${poc.channelId}>.`,
          }
        : undeliveredNotice({
            what: args.what,
            target: args.target,
            code: args.code,
            reason: args.reason,
            channelId: poc.channelId,
          });
    await this.tellOnce(poc, `${args.code}:${args.target}`, poc.seId, notice, `notice:${args.key}`);
  }

  /**
   * The SE hears about a problem once an hour at most, by DM (the channel may be what failed).
   * With `queueKey`, a DM Slack does not take now (down, rate limited) waits in the outbox.
   */
  private async tellOnce(
    poc: Poc,
    code: string,
    userId: string,
    notice: OutgoingMessage,
    queueKey?: string,
  ): Promise<void> {
    const key = `${poc.id}:${code}:${userId}`;
    const now = this.deps.clock.now();
    const last = this.told.get(key);
    if (last !== undefined && now.getTime() - last < this.noticeEveryMs) return;
    this.told.set(key, now.getTime());
    let failure: unknown;
    const sent = await this.deps.slack
      .postDirect(userId, notice)
      .then(() => true)
      .catch((err: unknown) => {
        failure = err;
        this.deps.logger.warn(`POC ${poc.id}: could not tell ${userId} about ${code}: ${codeOf(err)}`);
        return false;
      });
    if (sent) return;
    if (queueKey && isRetryable(failure)) {
      await this.deps.store.outbox.insert(
        [{ key: queueKey, pocId: poc.id, kind: deliveryNoticeKind, target: userId, message: notice, dueAt: now }],
        now,
      );
      return;
    }
    if (poc.aeId !== userId) await this.deps.slack.postDirect(poc.aeId, notice).catch(() => undefined);
  }

  /** An archived channel takes no posts: stop the POC's jobs, as the dispatcher does. */
  async haltJobs(poc: Poc): Promise<void> {
    const { store, clock, logger } = this.deps;
    const current = await store.pocs.byId(poc.id);
    if (!current || current.jobsHaltedReason !== null) return;
    // Together: no post of the channel goes out between the halt and the skip.
    const skipped = await store.transaction(async () => {
      await store.pocs.update(poc.id, {
        jobsHaltedReason: channelArchivedReason,
        updatedAt: clock.now().toISOString(),
      });
      return store.outbox.skipPendingFor(poc.id, poc.channelId, `POC jobs halted: ${channelArchivedReason}`);
    });
    logger.warn(`POC ${poc.id}: jobs halted (${channelArchivedReason}); ${skipped} pending posts skipped`);
  }

  /** Straight into the outbox, due at `dueAt` (parts that must follow one already queued, in order). */
  async queueLater(poc: Poc, message: OutgoingMessage, post: ChannelPost, dueAt: Date): Promise<void> {
    const tagged: OutgoingMessage = {
      ...message,
      metadata: { event_type: postMetadataType, event_payload: { key: post.key } },
    };
    await this.deps.store.outbox.insert(
      [
        {
          key: post.key,
          pocId: poc.id,
          kind: post.kind,
          target: poc.channelId,
          threadTs: post.threadTs,
          message: tagged,
          dueAt,
        },
      ],
      this.deps.clock.now(),
    );
  }

  /** Into the outbox, due when Slack said to come back; marked as attempted when it may have gone out. */
  private async queue(
    poc: Poc,
    message: OutgoingMessage,
    post: ChannelPost,
    err: SlackCallError,
    ambiguous: boolean,
  ): Promise<Date> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const dueAt = new Date(now.getTime() + (err.code === 'ratelimited' ? (err.retryAfterSec ?? 30) : 30) * 1000);
    // One transaction: no dispatcher (another replica's) may take the row before it is marked.
    await store.transaction(async () => {
      await store.outbox.insert(
        [
          {
            key: post.key,
            pocId: poc.id,
            kind: post.kind,
            target: poc.channelId,
            threadTs: post.threadTs,
            message,
            dueAt,
          },
        ],
        now,
      );
      // attempts > 0 makes the dispatcher look for the post in the channel before posting it again.
      const row = ambiguous ? await store.outbox.byKey(post.key) : undefined;
      if (row && row.status === 'pending' && row.attempts === 0)
        await store.outbox.reschedule(row, { at: dueAt, attempts: 1, error: err.code });
    });
    return dueAt;
  }
}
