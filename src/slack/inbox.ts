// The durable inbox at the door (domain/inbox.ts). Slack never sends an acknowledged event again,
// so every request is stored before it is answered: Bolt's processEvent runs only after the row
// is written, and the row is marked done once the request's work is over, including the work its
// listeners queue behind the ack (they hold the request's receipt until then). A request whose
// response carries nothing (an event, a command that answers through response_url) is answered
// as soon as it is stored, and Bolt sees it from the work queue, as a leftover is seen. A request seen
// before (an event retried by Slack, a signed command replayed) is answered and does nothing.
// When the row cannot be written in time (a lock held past the bound, a full disk), the request
// is refused in a way Slack or the person retries: 503 for events and clicks, "try again" for a
// command; never a 200 for work that would be lost. What a crash left unfinished is done at the
// next start; work that failed is tried again while the process runs.
import { createHash } from 'node:crypto';
import { type App, type Logger, type ReceiverEvent, ReceiverMultipleAckError } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { type InboxKind, maxWorkAttempts, replayDecision, retryDelayMs } from '../domain/inbox.js';
import type { InboxService } from '../services/inbox.js';
import type { InboxRow, NewInboxRow } from '../store/inbox.js';
import { databaseProblem, DatabaseUnavailableError } from '../store/write-gate.js';
import { isRecord, isRoutable, malformedPart, RefusedRequest } from './http-receiver.js';
import { postToResponseUrl } from './response-url.js';

/** Where a listener finds its request's receipt: `context[inboxReceiptKey]`. */
export const inboxReceiptKey = 'inboxReceipt';

/**
 * Kept by a request until its work is over: the dispatch holds it, and so does each piece of
 * work a listener queues behind the ack (`hold()`, released when that work ends, with its error).
 */
export class InboxReceipt {
  private holds = 1;
  private failure: unknown;

  constructor(private readonly settled: (failure: unknown) => void) {}

  /** Call the returned function when the held work ends; pass what it threw, if it did. */
  hold(): (failure?: unknown) => void {
    this.holds++;
    let released = false;
    return (failure) => {
      if (released) return;
      released = true;
      this.release(failure);
    };
  }

  /** The request's dispatch through Bolt is over. */
  end(failure?: unknown): void {
    this.release(failure);
  }

  private release(failure: unknown): void {
    if (failure !== undefined && this.failure === undefined) this.failure = failure;
    if (--this.holds === 0) this.settled(this.failure);
  }
}

export function receiptOf(context: Record<string, unknown>): InboxReceipt | undefined {
  const receipt = context[inboxReceiptKey];
  return receipt instanceof InboxReceipt ? receipt : undefined;
}

/** Set in the context of a request the door answered and Bolt sees from the work queue. */
const fromQueueKey = 'inboxFromQueue';

/**
 * The request is already behind the acks, in a task of the work queue (answered at the door): its
 * listeners do their work in that task rather than queue it again at the back.
 */
export function dispatchedFromQueue(context: Record<string, unknown>): boolean {
  return context[fromQueueKey] === true;
}

const interactionTypes = new Set([
  'block_actions',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
]);

const hashOf = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 32);

/**
 * What a request is kept as, or undefined for what is not kept: anything unroutable or malformed
 * (answered at the door), an options request (block_suggestion: it only reads), and
 * function_executed (its listener acks it itself). Events are keyed by event_id; commands and
 * interactions by their trigger_id, unique to one invocation, or when there is none by a hash of
 * the signed body (a replay sends the same bytes).
 */
export function inboxKeyOf(body: Record<string, unknown>, json: string): { kind: InboxKind; key: string } | undefined {
  if (!isRoutable(body) || malformedPart(body)) return undefined;
  const trigger = typeof body.trigger_id === 'string' && body.trigger_id !== '' ? body.trigger_id : undefined;
  if (body.type === 'event_callback') {
    const event = body.event;
    // An event that is not an object is Bolt's to refuse (400), before any ack.
    if (!isRecord(event)) return undefined;
    if (typeof body.event_id !== 'string' || body.event_id === '' || event.type === 'function_executed')
      return undefined;
    return { kind: 'event', key: `event:${body.event_id}` };
  }
  if (typeof body.command === 'string')
    return { kind: 'command', key: `command:${trigger ?? `sha256:${hashOf(json)}`}` };
  if (typeof body.type === 'string' && interactionTypes.has(body.type)) {
    return { kind: 'interaction', key: `interaction:${trigger ?? `sha256:${hashOf(json)}`}` };
  }
  return undefined;
}

const tryAgainText =
  'Sorry, I could not save that just now (my database is busy or full), so nothing was done. Please try again in a minute.';

/**
 * The ack of a request dispatched after its HTTP response was written (answered at the door, or
 * done again): what it would have answered goes to its response_url, while that still takes replies.
 */
function laterAck(body: Record<string, unknown>, logger: Logger): ReceiverEvent['ack'] {
  const url = typeof body.response_url === 'string' ? body.response_url : undefined;
  return async (response) => {
    if (!url || response === undefined || response === '') return;
    if (typeof response === 'object' && response !== null && 'response_action' in response) return; // a modal's answer: the modal is gone
    const message = typeof response === 'string' ? { response_type: 'ephemeral', text: response } : response;
    await postToResponseUrl(url, message).catch((err: unknown) => {
      logger.warn(
        `an answer given after the ack could not be delivered through response_url: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  };
}

interface Work extends NewInboxRow {
  id: number;
  /** Failed tries so far. */
  attempts: number;
}

const fromRow = (r: InboxRow): Work => ({
  id: r.id,
  key: r.key,
  kind: r.kind,
  body: r.body,
  retryNum: r.retryNum ?? undefined,
  retryReason: r.retryReason ?? undefined,
  receivedAt: new Date(r.receivedAt),
  attempts: r.attempts,
});

export interface SlackInboxDeps {
  inbox: InboxService;
  clock: Clock;
  logger: Logger;
  /**
   * Requests whose HTTP response carries nothing (every event; the commands that answer through
   * response_url): acknowledged as soon as they are stored, their dispatch through Bolt queued
   * behind the acks (`queue`). Without both, every request is dispatched before its ack.
   */
  answeredAtTheDoor?: (body: Record<string, unknown>, kind: InboxKind) => boolean;
  /** Where those dispatches wait: the app's work queue. */
  queue?: (label: string, work: () => Promise<void>) => void;
  /** Runs a leftover's dispatch in its request's log context: no HTTP request is around it. */
  inRequestContext?: (body: Record<string, unknown>, run: () => Promise<void>) => Promise<void>;
}

export class SlackInbox {
  private readonly dispatch: (event: ReceiverEvent) => Promise<void>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly settling = new Set<Promise<void>>();
  private leftover: InboxRow[] = [];
  private stopping = false;
  private watching: NodeJS.Timeout | undefined;
  private adopting = false;

  /**
   * Wraps `app.processEvent`: install after every wrapper that answers a request (http-receiver.ts),
   * so the row is written first; only one that names and times requests may go around it.
   */
  constructor(
    app: App,
    private readonly deps: SlackInboxDeps,
  ) {
    this.dispatch = app.processEvent.bind(app);
    app.processEvent = (event) => this.receive(event);
  }

  /** Before the app listens: what the last process acknowledged and never finished. */
  async takeLeftover(): Promise<void> {
    this.leftover = await this.deps.inbox.unfinished();
  }

  /**
   * After the app listens: does the leftover, in the order it came (events always; commands and
   * clicks while their answer can still reach the person, their answers through response_url).
   */
  async resume(): Promise<void> {
    const rows = this.leftover;
    this.leftover = [];
    const replayed = await this.takeUpAll(rows, 'after a restart');
    if (replayed > 0)
      this.deps.logger.info(`doing ${replayed} request(s) acknowledged before a restart and never finished`);
  }

  /**
   * With replicas (PostgreSQL): every 30 s, vouches for the requests this process is doing and
   * takes up those another replica acknowledged and stopped vouching for two minutes ago (it was
   * killed, or its machine went away), so that they wait for no restart. Stopped by stop().
   */
  watch(everyMs = 30_000): void {
    if (!this.deps.inbox.shared || this.watching) return;
    this.watching = setInterval(() => {
      void this.watchOnce().catch((err: unknown) => {
        this.deps.logger.warn(
          `inbox: could not look after the unfinished requests (${err instanceof Error ? err.message : String(err)})`,
        );
      });
    }, everyMs);
    this.watching.unref();
  }

  /** One beat of watch(): the requests taken up (tests call it with their clock moved on). */
  async watchOnce(): Promise<number> {
    if (this.stopping || this.adopting) return 0;
    this.adopting = true;
    try {
      await this.deps.inbox.keepAlive();
      const rows = await this.deps.inbox.unfinished();
      const replayed = await this.takeUpAll(rows, 'from a replica that stopped answering for it');
      if (replayed > 0)
        this.deps.logger.warn(
          `doing ${replayed} request(s) another replica acknowledged and stopped working on over two minutes ago`,
        );
      return replayed;
    } finally {
      this.adopting = false;
    }
  }

  /** Does these leftovers, in the order they came, each taken up first; how many were. */
  private async takeUpAll(rows: readonly InboxRow[], why: string): Promise<number> {
    if (rows.length === 0) return 0;
    const now = this.deps.clock.now();
    let replayed = 0;
    for (const row of rows) {
      if (this.stopping) break;
      const work = fromRow(row);
      const decision = replayDecision(work, now);
      if (!decision.replay) {
        this.deps.inbox.givenUp(row.id, 'expired', decision.reason);
        this.deps.logger.warn(`${row.key} was acknowledged and never finished; not done now: ${decision.reason}`);
        continue;
      }
      // Another replica read it too (starting at the same time, or watching): one of them does it.
      if (!(await this.deps.inbox.takeUp(row, why))) continue;
      replayed++;
      await this.dispatchStored(work, { leftover: true });
    }
    return replayed;
  }

  /** Stops trying failed work again: it stays pending, for the next start. */
  stop(): void {
    this.stopping = true;
    clearInterval(this.watching);
    this.watching = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deps.inbox.stop();
  }

  /** Resolves once every outcome under way is recorded (after the work queue has drained). */
  async settled(): Promise<void> {
    while (this.settling.size > 0) await Promise.allSettled([...this.settling]);
  }

  private async receive(event: ReceiverEvent): Promise<void> {
    const body = event.body;
    const json = JSON.stringify(body);
    const kept = inboxKeyOf(body, json);
    if (!kept) return this.dispatch(event);
    let id: number | undefined;
    try {
      id = await this.deps.inbox.accept({
        ...kept,
        body: json,
        retryNum: event.retryNum,
        retryReason: event.retryReason,
      });
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError)) throw err;
      this.deps.logger.warn(
        `refused ${kept.key}: ${err.message}; ${kept.kind === 'command' ? 'asked the person to try again' : 'answered 503 so Slack tries again'}`,
      );
      if (kept.kind === 'command') return event.ack({ response_type: 'ephemeral', text: tryAgainText } as never);
      throw new RefusedRequest(503, err.message);
    }
    if (id === undefined) {
      // Slack retries an event it thinks was not answered; a command or click twice is a replay.
      const log = kept.kind === 'event' ? this.deps.logger.debug : this.deps.logger.warn;
      log.call(this.deps.logger, `${kept.key} was received before; answered it and did nothing`);
      return event.ack();
    }
    const work: Work = {
      id,
      ...kept,
      body: json,
      retryNum: event.retryNum,
      retryReason: event.retryReason,
      receivedAt: this.deps.clock.now(),
      attempts: 0,
    };
    if (this.deps.queue && this.deps.answeredAtTheDoor?.(body, kept.kind)) {
      // Nothing is said in its response, so nothing waits for Bolt: the ack costs what a bare
      // Bolt app's does, and a burst queues a stored body per request (a string) rather than
      // hundreds of parsed bodies and listener contexts, which every young collection would copy.
      this.deps.queue(work.key, () => this.dispatchStored(work, { fromQueue: true }));
      return event.ack();
    }
    return this.run(work, event);
  }

  /** `answered`: its HTTP response went out before this dispatch (at the door, or before a restart). */
  private async run(work: Work, event: ReceiverEvent, answered = false): Promise<void> {
    let acked = false;
    let refused = false;
    const receipt = new InboxReceipt((failure) => {
      if (!refused) this.settle(work, failure);
    });
    // The receiver's ack holds the HTTP request and response. Work a listener queues waits in the
    // work queue with Bolt's arguments, this ack among them: let go of the receiver's once used,
    // or a burst keeps hundreds of requests and responses alive, each copied by every young
    // collection until the work runs.
    let receiverAck: ReceiverEvent['ack'] | undefined = event.ack;
    const ack: ReceiverEvent['ack'] = async (response) => {
      const once = receiverAck;
      // As the receiver's own ack says of a second call.
      if (!once) throw new ReceiverMultipleAckError();
      acked = true;
      receiverAck = undefined;
      await once(response);
    };
    const { body, retryNum, retryReason, customProperties } = event;
    let failure: unknown;
    try {
      await this.dispatch({
        body,
        retryNum,
        retryReason,
        ack,
        customProperties: { ...customProperties, [inboxReceiptKey]: receipt },
      });
    } catch (err) {
      failure = err;
      // Answered already, it failed as any work does: the receipt has it tried again, then set aside.
      if (answered) return;
      // Bolt could not take it, before any ack (a body missing a part it needs): the receiver
      // answers 4xx, so nothing was acknowledged and there is nothing to do later.
      if (!acked) {
        refused = true;
        this.deps.inbox.refused(work.id);
      }
      throw err;
    } finally {
      receipt.end(failure);
    }
  }

  /**
   * Dispatches a stored request through Bolt after its ack (answered at the door, left over, or
   * tried again): what its listener would say in the ack goes to its response_url.
   */
  private dispatchStored(work: Work, options: { leftover?: boolean; fromQueue?: boolean } = {}): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(work.body) as Record<string, unknown>;
    } catch {
      this.deps.inbox.givenUp(work.id, 'failed', 'its stored body is not JSON');
      return Promise.resolve();
    }
    const event: ReceiverEvent = {
      body,
      ack: laterAck(body, this.deps.logger),
      retryNum: work.retryNum,
      retryReason: work.retryReason,
      customProperties: options.fromQueue ? { [fromQueueKey]: true } : {},
    };
    const inContext = options.leftover ? this.deps.inRequestContext : undefined;
    const run = () => this.run(work, event, true);
    return (inContext ? inContext(body, run) : run()).catch((err: unknown) => {
      this.deps.logger.error(`${work.key}: its work could not be done:`, err);
    });
  }

  private settle(work: Work, failure: unknown): void {
    const settled = this.record(work, failure).catch((err: unknown) => {
      this.deps.logger.warn(
        `${work.key}: its outcome could not be recorded (${err instanceof Error ? err.message : String(err)}); it will be done again at the next start`,
      );
    });
    this.settling.add(settled);
    void settled.finally(() => this.settling.delete(settled));
  }

  private async record(work: Work, failure: unknown): Promise<void> {
    const { inbox, logger } = this.deps;
    if (failure === undefined) {
      await inbox.done(work.id);
      return;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    const database = databaseProblem(failure);
    if (database) inbox.gate.report(failure);
    const attempts = work.attempts + 1;
    // A bug is logged with its stack the first time; the database being locked or full is expected, and waited out.
    if (!database && attempts === 1) logger.error('unhandled error in a listener:', failure);
    // The database's own failures (a lock, a full disk) pass: try again until it recovers. A bug does not.
    if (!database && attempts >= maxWorkAttempts) {
      inbox.givenUp(work.id, 'failed', message);
      logger.error(`${work.key}: its work failed ${attempts} times; set aside as failed:`, failure);
      return;
    }
    inbox.attemptFailed(work.id, attempts, message);
    if (this.stopping) return;
    const delay = retryDelayMs(attempts);
    logger.warn(`${work.key}: its work failed (${message}); trying again in ${Math.round(delay / 1000)} s`);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.dispatchStored({ ...work, attempts });
    }, delay);
    this.timers.add(timer);
  }
}
