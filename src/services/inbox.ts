// The inbox's writes (domain/inbox.ts): a request is stored before its 200 goes out, within a
// bound well under Slack's 3 s, on the connection that never waits for a lock (store/write-gate.ts);
// its work is marked done, or failed and tried again, or given up, as the Slack side says.
import type { Logger } from '@slack/bolt';
import type { Clock } from '../clock.js';
import { type InboxKind, keepKeysForMs } from '../domain/inbox.js';
import type { InboxRow, InboxStore } from '../store/inbox.js';
import type { InboxGate } from '../store/app-database.js';
import { databaseProblem } from '../store/write-gate.js';
import { TurnBatch } from './turn-batch.js';

export interface InboxRequest {
  key: string;
  kind: InboxKind;
  /** The parsed body as JSON. */
  body: string;
  retryNum: number | undefined;
  retryReason: string | undefined;
}

export interface InboxOptions {
  /**
   * How long storing a request may wait for another connection's lock before it is refused
   * (503, or "try again" for a command). Slack wants the answer within 3 s; this leaves room.
   */
  acceptBudgetMs?: number;
  /**
   * Other processes may be doing requests on the same database (replicas on PostgreSQL): leave
   * the unfinished requests received or vouched for this recently to whoever is doing them
   * (default 0: one process, and every unfinished request at its start is its own leftover).
   */
  othersWorkingMs?: number;
  /**
   * Writes of new requests under way at once (the inbox's connections, on PostgreSQL): requests
   * that come meanwhile are stored together in the next (turn-batch.ts). Unbounded by default.
   */
  writesAtOnce?: number | undefined;
}

/** A request received this recently means more are coming: the work queue holds back. */
const receivingWindowMs = 20;

/** How long done marks gather before they are written together. */
const doneGatherMs = 10;

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

export class InboxService {
  private readonly acceptBudgetMs: number;
  private stopped = false;
  // Requests of one turn of the event loop are written together, in one transaction (turn-batch.ts).
  // Done marks wait a few milliseconds more to gather (work ends a turn at a time): a crash in
  // between only means work done again at the next start, as a crash just before the mark would.
  private readonly adds: TurnBatch<InboxRequest & { receivedAt: Date }, number | undefined>;
  private dones: Array<Waiting<number, void>> = [];
  private lastAcceptAt = Number.NEGATIVE_INFINITY;
  private donesScheduled = false;

  constructor(
    private readonly store: InboxStore,
    readonly gate: InboxGate,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: InboxOptions = {},
  ) {
    this.acceptBudgetMs = options.acceptBudgetMs ?? 500;
    this.adds = new TurnBatch((items) => this.gate.write(() => this.store.addMany(items), this.acceptBudgetMs), {
      writesAtOnce: options.writesAtOnce,
    });
    this.othersWorkingMs = options.othersWorkingMs ?? 0;
  }

  private readonly othersWorkingMs: number;
  /** Requests this process acknowledged or took up and has not finished (kept when shared). */
  private readonly mine = new Set<number>();

  /** Requests wait to be stored (and answered) at the next setImmediate: queued work lets them go first. */
  get storing(): boolean {
    return this.adds.waiting;
  }

  /** Requests are coming in: one is waiting, or one came within the last few milliseconds (slack/work-queue.ts). */
  get receiving(): boolean {
    return this.adds.waiting || performance.now() - this.lastAcceptAt < receivingWindowMs;
  }

  /**
   * Stores a request before it is answered: its row id, or undefined when it was received before
   * (a retry, a replay). Rejects with DatabaseUnavailableError when it cannot be stored in time.
   */
  accept(request: InboxRequest): Promise<number | undefined> {
    this.lastAcceptAt = performance.now();
    const stored = this.adds.add({ ...request, receivedAt: this.clock.now() });
    if (!this.shared) return stored;
    return stored.then((id) => {
      if (id !== undefined) this.mine.add(id);
      return id;
    });
  }

  /** Other processes answer requests on the same inbox (replicas on PostgreSQL). */
  get shared(): boolean {
    return this.othersWorkingMs > 0;
  }

  /**
   * Says, for every request this process acknowledged or took up and has not finished, that it
   * is still doing it (the replicas' heartbeat: SlackInbox calls it every 30 s). Best effort: a
   * missed beat only lets another replica take them up after two minutes, as if this one had died.
   */
  async keepAlive(): Promise<void> {
    if (this.mine.size === 0) return;
    await this.store.keepAlive([...this.mine], this.clock.now());
  }

  /**
   * Its work is done. Waits out a locked or full database (tried again a few times a minute)
   * rather than leave the row pending: a pending row is done again at the next start. Gives up
   * only when the app stops.
   */
  done(id: number): Promise<void> {
    this.mine.delete(id);
    return new Promise((resolve, reject) => {
      this.dones.push({ item: id, resolve, reject });
      if (this.donesScheduled) return;
      this.donesScheduled = true;
      setTimeout(() => void this.flushDones(), doneGatherMs);
    });
  }

  private async flushDones(): Promise<void> {
    const batch = this.dones;
    this.dones = [];
    this.donesScheduled = false;
    for (let attempt = 1; ; attempt++) {
      await this.gate.ready();
      try {
        const at = this.clock.now();
        await this.gate.write(
          () =>
            this.store.markDoneMany(
              batch.map((b) => b.item),
              at,
            ),
          1000,
        );
        for (const b of batch) b.resolve();
        return;
      } catch (err) {
        if (!databaseProblem(err) || this.stopped) {
          for (const b of batch) b.reject(err);
          return;
        }
        if (attempt === 1)
          this.logger.warn(
            `inbox: ${batch.length} request(s) could not be marked done (${err instanceof Error ? err.message : String(err)}); trying again`,
          );
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * attempt, 15_000)));
      }
    }
  }

  /** A try of its work failed; best effort (the row stays pending either way). */
  attemptFailed(id: number, attempts: number, error: string): void {
    this.bestEffort(() => this.store.markAttemptFailed(id, attempts, error.slice(0, 500)));
  }

  /** Given up: its work kept failing, or it is too late to do. */
  givenUp(id: number, status: 'failed' | 'expired', reason: string): void {
    this.mine.delete(id);
    this.bestEffort(() => this.store.markGivenUp(id, status, reason.slice(0, 500)));
  }

  /** A request refused after it was stored (Bolt could not take it; answered 4xx): forgotten, so a retry is taken afresh. */
  refused(id: number): void {
    this.mine.delete(id);
    this.bestEffort(() => this.store.remove(id));
  }

  /**
   * What was acknowledged and never finished, up to the newest row now: at a start, what the last
   * process left; on PostgreSQL, also every 30 s, what a replica that stopped (killed, its
   * machine gone) left. There, a row another replica received or vouched for (keepAlive) within
   * the last two minutes is its to do, and this process's own rows are never its leftovers.
   */
  async unfinished(): Promise<InboxRow[]> {
    const rows = await this.store.unfinished(await this.store.lastId());
    if (!this.shared) return rows;
    const before = this.clock.now().getTime() - this.othersWorkingMs;
    const lastHeardOf = (r: InboxRow) =>
      Math.max(new Date(r.receivedAt).getTime(), r.aliveAt === null ? 0 : new Date(r.aliveAt).getTime());
    return rows.filter((r) => !this.mine.has(r.id) && lastHeardOf(r) <= before);
  }

  /** This process takes up a leftover request: false when another (a replica starting too) took it first. */
  async takeUp(row: InboxRow, why = 'after a restart'): Promise<boolean> {
    const now = this.clock.now();
    const taken = await this.store.takeUp(row, `taken up ${why} at ${now.toISOString()}`, now);
    if (taken && this.shared) this.mine.add(row.id);
    return taken;
  }

  /** Drops finished rows past the retry window (the tick calls it). */
  prune(now: Date): Promise<number> {
    return this.store.prune(new Date(now.getTime() - keepKeysForMs));
  }

  stop(): void {
    this.stopped = true;
  }

  /** Not awaited: a failure is logged (and reported to the gate), never thrown. */
  private bestEffort(write: () => Promise<void>): void {
    write().catch((err: unknown) => {
      this.gate.report(err);
      this.logger.warn(
        `inbox: could not record what became of a request (${err instanceof Error ? err.message : String(err)})`,
      );
    });
  }
}
