// Work that runs after Slack has its ack: the requests the inbox answers at the door (every event,
// the commands that answer through response_url) and the slow half of other commands. Slack
// wants every request answered within 3 s, and a burst of events (a channel reacting at once)
// must not delay the acks of the requests behind it. So the work waits here and starts one task
// per turn of the event loop (setImmediate), after the turn's network I/O: new requests are read
// and acked first. At most `concurrency` tasks are in flight (awaiting Slack calls) at once.
// Nothing is dropped: the queue has no length limit, only a warning when it runs long, and
// stop() drains it before the database closes.
import type { Logger } from '@slack/bolt';
import { currentBindings, runWithBindings } from '../log-context.js';
import { bindWorkspace } from '../workspace-scope.js';

export interface WorkQueueOptions {
  /** Tasks in flight at once (a task is mostly waiting for Slack). */
  concurrency?: number;
  /** Queue length at which one warning says the app is falling behind. */
  warnAt?: number;
  /**
   * Awaited before each task when it returns a promise: while the database is locked by another
   * connection (store/write-gate.ts) tasks wait here, off the event loop, instead of each
   * stalling it in SQLite's busy wait.
   */
  ready?: () => Promise<void> | undefined;
  /**
   * While true, no task starts this turn: requests waiting to be stored before their ack (the
   * inbox writes them at setImmediate too) go first, as the acks went first before the inbox.
   */
  yieldTo?: () => boolean;
  /**
   * True while requests are coming in (one was received moments ago). Then one task at a time is
   * in flight: every step of a task (each database answer resumes one) takes the event loop from
   * the acks, and eight tasks' steps crowded them out (on PostgreSQL the app acked about a fifth
   * fewer requests a second). But a task never waits on this more than `holdMs`.
   */
  receiving?: () => boolean;
  /** The longest the oldest queued task is held to one at a time by incoming requests (default 1 s). */
  holdMs?: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

interface Task {
  label: string;
  run: () => Promise<void>;
  queuedAt: number;
}

/** How soon a queue held behind incoming requests looks again. */
const heldRecheckMs = 5;

export class WorkQueue {
  private readonly pending: Array<Task | undefined> = [];
  private head = 0;
  private running = 0;
  private scheduled = false;
  private warned = false;
  private idle: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly warnAt: number;
  private readonly ready: (() => Promise<void> | undefined) | undefined;
  private readonly yieldTo: (() => boolean) | undefined;
  private readonly receiving: (() => boolean) | undefined;
  private readonly holdMs: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: WorkQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.warnAt = options.warnAt ?? 1000;
    this.ready = options.ready;
    this.yieldTo = options.yieldTo;
    this.receiving = options.receiving;
    this.holdMs = options.holdMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Tasks waiting or running. */
  get size(): number {
    return this.pending.length - this.head + this.running;
  }

  /** Queues `run`; a failure is logged with `label` (a task should handle its own errors first). */
  enqueue(label: string, run: () => Promise<void>): void {
    // Run in the enqueuer's log context, so the task's lines name its request (log-context.ts).
    // (Not AsyncResource.bind: on Node 20 it builds a deprecation wrapper on every call.)
    // And in its workspace: the task's Slack calls use that workspace's token (workspace-scope.ts).
    const bindings = currentBindings();
    const inScope = bindWorkspace(run);
    this.pending.push({
      label,
      run: bindings ? () => runWithBindings(bindings, inScope) : inScope,
      queuedAt: this.now(),
    });
    const waiting = this.pending.length - this.head;
    if (waiting >= this.warnAt && !this.warned) {
      this.warned = true;
      this.logger.warn(`${waiting} tasks are waiting behind the acks: the app is falling behind its events`);
    }
    this.schedule();
  }

  /** Resolves when every task queued so far (and any they queue) has finished. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Tasks that may be in flight now: one while requests are coming in, unless the oldest has waited too long. */
  private limit(): number {
    if (!this.receiving?.()) return this.concurrency;
    const oldest = this.pending[this.head];
    return oldest && this.now() - oldest.queuedAt >= this.holdMs ? this.concurrency : 1;
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.head >= this.pending.length) return;
    this.scheduled = true;
    if (this.running >= this.limit() || this.yieldTo?.()) {
      // Held behind incoming requests, or requests wait to be stored (on PostgreSQL for a round
      // trip): look again shortly, rather than every turn (a task that ends looks again too).
      setTimeout(() => {
        this.scheduled = false;
        this.schedule();
      }, heldRecheckMs);
      return;
    }
    setImmediate(() => {
      this.scheduled = false;
      if (!this.yieldTo?.()) this.startOne();
      this.schedule();
    });
  }

  private startOne(): void {
    if (this.running >= this.limit()) return;
    const task = this.pending[this.head];
    if (!task) return;
    this.pending[this.head++] = undefined; // let it be collected
    if (this.head === this.pending.length) {
      this.pending.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    this.running++;
    let done: Promise<void>;
    const waiting = this.ready?.();
    if (waiting) done = waiting.then(task.run);
    else {
      try {
        done = task.run();
      } catch (err) {
        done = Promise.reject(err);
      }
    }
    done
      .catch((err: unknown) => {
        this.logger.error(`${task.label} failed:`, err);
      })
      .finally(() => {
        this.running--;
        if (this.pending.length - this.head < this.warnAt / 2) this.warned = false;
        if (this.size === 0) {
          const waiters = this.idle;
          this.idle = [];
          for (const resolve of waiters) resolve();
        }
        this.schedule();
      });
  }
}
