import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema.js';
import type { LocalDate } from '../domain/calendar.js';
import type { OutgoingMessage } from '../slack/message.js';
import { compileAll, compileGet, compileRun, jsonList } from './compiled.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * A post whose message is built when it is sent, from the state at that moment, rather than when
 * it is planned: a tick plans a standup (and on its day a checkpoint, a reminder, a nudge DM) for
 * every running POC at once, and most of them wait in the outbox for later ticks. Once sent, the
 * row holds the message that went out.
 */
export interface DeferredMessage {
  deferred:
    | { view: 'standup'; day: LocalDate }
    | { view: 'checkpoint'; day: LocalDate }
    | { view: 'reminder'; kind: 'reminder_end_soon' | 'reminder_end' | 'reminder_readout'; day: LocalDate }
    | { view: 'nudge'; key: string };
}

/** What an outbox row holds until it is sent: the message, or how to build it. */
export type PlannedMessage = OutgoingMessage | DeferredMessage;

export function isDeferred(message: PlannedMessage): message is DeferredMessage {
  return 'deferred' in message;
}

export interface OutboxRow {
  id: number;
  key: string;
  pocId: number | null;
  /** Its POC's workspace ('' for a row of no POC): whose token posts it. */
  teamId: string;
  enterpriseId: string;
  kind: string;
  target: string;
  threadTs: string | null;
  message: PlannedMessage;
  dueAt: string;
  expiresAt: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  sentChannel: string | null;
  sentTs: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  rank: number;
}

export interface NewOutboxRow {
  key: string;
  pocId: number | null;
  kind: string;
  target: string;
  threadTs?: string | undefined;
  message: PlannedMessage;
  dueAt: Date;
  expiresAt?: Date | undefined;
  /** Among rows due at the same instant, lower goes first (default 0; see the schema). */
  rank?: number | undefined;
}

type Raw = typeof outbox.$inferSelect;

function toRow(r: Raw): OutboxRow {
  const { payload, ...rest } = r;
  return { ...rest, message: JSON.parse(payload) as PlannedMessage };
}

/** Every scheduled post goes through here under a unique business key. */
export class OutboxStore {
  constructor(private readonly db: Db) {}

  // Compiled once (see compiled.ts): a tick queues thousands of posts, and claims and marks
  // every row it sends.
  private compiledInsert: ReturnType<typeof compileRun> | undefined;
  private compiledClaim: ReturnType<typeof compileRun> | undefined;
  private compiledMarkSent: ReturnType<typeof compileRun> | undefined;
  private compiledStatuses: ((values: { keys: string }) => Array<{ key: string; status: OutboxStatus }>) | undefined;
  private compiledPendingDue: ((values: { now: string; kinds: string }) => { n: number } | undefined) | undefined;

  private compileInsert() {
    const p = (name: string) => sql.placeholder(name);
    const query = this.db
      .insert(outbox)
      .values({
        key: p('key'),
        pocId: p('pocId'),
        // The POC's workspace, read in the same statement: every row says whose token posts it.
        teamId: sql`coalesce((select team_id from pocs where id = ${p('pocId')}), '')`,
        enterpriseId: sql`coalesce((select enterprise_id from pocs where id = ${p('pocId')}), '')`,
        kind: p('kind'),
        target: p('target'),
        threadTs: p('threadTs'),
        payload: p('payload'),
        dueAt: p('dueAt'),
        expiresAt: p('expiresAt'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: p('dueAt'),
        createdAt: p('createdAt'),
        rank: p('rank'),
      })
      .onConflictDoNothing();
    return compileRun(this.db, query);
  }

  /**
   * Inserts each post whose key is new, all in one transaction; a key already present (any
   * status) is left alone. Returns the keys inserted.
   */
  insert(rows: NewOutboxRow[], now: Date): string[] {
    if (rows.length === 0) return [];
    return inTransaction(this.db, () => rows.filter((r) => this.insertOne(r, now)).map((r) => r.key));
  }

  /** `insert` of one row, in the caller's transaction: true when its key was new. */
  insertOne(r: NewOutboxRow, now: Date): boolean {
    this.compiledInsert ??= this.compileInsert();
    const res = this.compiledInsert({
      key: r.key,
      pocId: r.pocId,
      kind: r.kind,
      target: r.target,
      threadTs: r.threadTs ?? null,
      payload: JSON.stringify(r.message),
      dueAt: r.dueAt.toISOString(),
      expiresAt: r.expiresAt ? r.expiresAt.toISOString() : null,
      createdAt: now.toISOString(),
      rank: r.rank ?? 0,
    });
    return res.changes > 0;
  }

  byKey(key: string): OutboxRow | undefined {
    const r = this.db.select().from(outbox).where(eq(outbox.key, key)).get();
    return r ? toRow(r) : undefined;
  }

  /** Which of these keys are already in the outbox, with their status. */
  statuses(keys: string[]): Map<string, OutboxStatus> {
    const out = new Map<string, OutboxStatus>();
    if (keys.length === 0) return out;
    // The keys as one JSON parameter: one compiled statement for any number of keys.
    const fields = { key: outbox.key, status: outbox.status };
    this.compiledStatuses ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(outbox)
        .where(inArray(outbox.key, jsonList('keys'))),
    );
    for (const r of this.compiledStatuses({ keys: JSON.stringify(keys) })) out.set(r.key, r.status);
    return out;
  }

  /** The post that went out as this message (a thread parent, a clicked message). */
  bySentMessage(channel: string, ts: string): OutboxRow | undefined {
    const r = this.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.sentChannel, channel), eq(outbox.sentTs, ts)))
      .get();
    return r ? toRow(r) : undefined;
  }

  /** How many rows of these kinds wait in the queue at `now`: pending, their next attempt due. */
  pendingDueCount(now: Date, kinds: readonly string[]): number {
    this.compiledPendingDue ??= compileGet(
      this.db,
      { n: sql<number>`count(*)` },
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(
          and(
            eq(outbox.status, 'pending'),
            lte(outbox.nextAttemptAt, sql.placeholder('now')),
            inArray(outbox.kind, jsonList('kinds')),
          ),
        ),
    );
    return this.compiledPendingDue({ now: now.toISOString(), kinds: JSON.stringify(kinds) })?.n ?? 0;
  }

  /** The queue's depth for /metrics and the tick's log line: every pending row, and those due at `now`. */
  pendingCounts(now: Date): { pending: number; due: number } {
    const r = this.db
      .select({
        pending: sql<number>`count(*)`,
        due: sql<number>`coalesce(sum(${outbox.nextAttemptAt} <= ${now.toISOString()}), 0)`,
      })
      .from(outbox)
      .where(eq(outbox.status, 'pending'))
      .get();
    return { pending: r?.pending ?? 0, due: r?.due ?? 0 };
  }

  /** Pending rows whose next attempt is due, in queue order: oldest first, then by rank. */
  due(now: Date, limit: number): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.rank), asc(outbox.id))
      .limit(limit)
      .all()
      .map(toRow);
  }

  /** `due` without the messages: what a dry run lists. */
  dueTargets(now: Date, limit: number): Array<{ key: string; target: string }> {
    return this.db
      .select({ key: outbox.key, target: outbox.target })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.rank), asc(outbox.id))
      .limit(limit)
      .all();
  }

  list(filter: { pocId?: number; kind?: string; status?: OutboxStatus } = {}): OutboxRow[] {
    const conds = [
      filter.pocId === undefined ? undefined : eq(outbox.pocId, filter.pocId),
      filter.kind === undefined ? undefined : eq(outbox.kind, filter.kind),
      filter.status === undefined ? undefined : eq(outbox.status, filter.status),
    ].filter((c) => c !== undefined);
    return this.db
      .select()
      .from(outbox)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(asc(outbox.id))
      .all()
      .map(toRow);
  }

  /**
   * Claims a pending row for one attempt: counts the attempt and leases the row until `leaseUntil`
   * so a concurrent tick does not pick it up. False when someone else claimed it first. The
   * attempt is stored before Slack is called, so after a crash the row says it may have gone out.
   */
  claim(row: Pick<OutboxRow, 'id' | 'attempts'>, leaseUntil: Date): boolean {
    const p = (name: string) => sql.placeholder(name);
    this.compiledClaim ??= compileRun(
      this.db,
      this.db
        .update(outbox)
        .set({ attempts: sql`${p('next')}`, nextAttemptAt: sql`${p('leaseUntil')}` })
        .where(and(eq(outbox.id, p('id')), eq(outbox.status, 'pending'), eq(outbox.attempts, p('attempts')))),
    );
    return (
      this.compiledClaim({
        id: row.id,
        attempts: row.attempts,
        next: row.attempts + 1,
        leaseUntil: leaseUntil.toISOString(),
      }).changes > 0
    );
  }

  /** `message`: what was posted, when the row held a deferred one (the row then keeps what went out). */
  markSent(id: number, sent: { channel: string; ts: string; at: Date; message?: OutgoingMessage }): void {
    const p = (name: string) => sql.placeholder(name);
    this.compiledMarkSent ??= compileRun(
      this.db,
      this.db
        .update(outbox)
        .set({
          status: 'sent',
          sentChannel: sql`${p('channel')}`,
          sentTs: sql`${p('ts')}`,
          sentAt: sql`${p('at')}`,
          payload: sql`coalesce(${p('payload')}, ${outbox.payload})`,
          error: null,
        })
        .where(eq(outbox.id, p('id'))),
    );
    this.compiledMarkSent({
      id,
      channel: sent.channel,
      ts: sent.ts,
      at: sent.at.toISOString(),
      payload: sent.message ? JSON.stringify(sent.message) : null,
    });
  }

  markFailed(id: number, error: string): void {
    this.db.update(outbox).set({ status: 'failed', error }).where(eq(outbox.id, id)).run();
  }

  markSkipped(id: number, reason: string): void {
    this.db.update(outbox).set({ status: 'skipped', error: reason }).where(eq(outbox.id, id)).run();
  }

  /** Puts a row back in the queue for a later attempt, the later posts of its series behind it (holdBehind). */
  reschedule(
    row: Pick<OutboxRow, 'id' | 'pocId' | 'kind' | 'target'>,
    next: { at: Date; attempts: number; error: string },
    seriesKinds: readonly string[] = [row.kind],
  ): void {
    inTransaction(this.db, () => {
      this.db
        .update(outbox)
        .set({ nextAttemptAt: next.at.toISOString(), attempts: next.attempts, error: next.error })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')))
        .run();
      this.holdBehind(row, next.at, seriesKinds);
    });
  }

  /**
   * Holds the pending rows planned after `row` (higher id) with its POC and target, of its kind
   * or the kinds of its series, until at least `until`, so the queue (ordered by next attempt, rank,
   * then id; the rows of a series share a rank) gives them after it.
   */
  holdBehind(
    row: Pick<OutboxRow, 'id' | 'pocId' | 'kind' | 'target'>,
    until: Date,
    seriesKinds: readonly string[] = [row.kind],
  ): number {
    const at = until.toISOString();
    return this.db
      .update(outbox)
      .set({ nextAttemptAt: at })
      .where(
        and(
          row.pocId === null ? isNull(outbox.pocId) : eq(outbox.pocId, row.pocId),
          inArray(outbox.kind, [...seriesKinds]),
          eq(outbox.target, row.target),
          eq(outbox.status, 'pending'),
          gt(outbox.id, row.id),
          lt(outbox.nextAttemptAt, at),
        ),
      )
      .run().changes;
  }

  /** Skips every pending row of a POC to one target (a channel that was archived or deleted). */
  skipPendingFor(pocId: number, target: string, reason: string, exceptId?: number): number {
    return this.db
      .update(outbox)
      .set({ status: 'skipped', error: reason })
      .where(
        and(
          eq(outbox.pocId, pocId),
          eq(outbox.target, target),
          eq(outbox.status, 'pending'),
          exceptId === undefined ? undefined : ne(outbox.id, exceptId),
        ),
      )
      .run().changes;
  }
}
