import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { outbox } from '../../db/schema.js';
import type { LocalDate } from '../domain/calendar.js';
import type { OutgoingMessage } from '../slack/message.js';
import { pgStatement, prepareAll, prepareGet, prepareRun } from './compiled.js';
import type { StoreDb } from './handle.js';

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

/** Where and when a row went out; `message`: what was posted, for a row that held a deferred one. */
export interface SentMark {
  channel: string;
  ts: string;
  at: Date;
  message?: OutgoingMessage | undefined;
}

/** A new row's values as stored (dates as ISO text, absent fields as null or 0): the one and the batch insert. */
function insertValues(r: NewOutboxRow, now: Date) {
  return {
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
  };
}

/** A sent mark's values as stored (payload: what went out of a deferred row, else null): the one and the batch update. */
function sentValues(sent: SentMark) {
  return {
    channel: sent.channel,
    ts: sent.ts,
    at: sent.at.toISOString(),
    payload: sent.message ? JSON.stringify(sent.message) : null,
  };
}

/** Every scheduled post goes through here under a unique business key. */
export class OutboxStore {
  constructor(private readonly h: StoreDb) {}

  // Prepared once (see compiled.ts): a tick queues thousands of posts, and claims and marks
  // every row it sends.
  private preparedInsert: ReturnType<typeof prepareRun> | undefined;
  private preparedClaim: ReturnType<typeof prepareRun> | undefined;
  private preparedMarkSent: ReturnType<typeof prepareRun> | undefined;
  private preparedStatuses:
    | ((values: { keys: string }) => Promise<Array<{ key: string; status: OutboxStatus }>>)
    | undefined;
  private preparedPendingDue:
    | ((values: { now: string; kinds: string }) => Promise<{ n: number } | undefined>)
    | undefined;

  private prepareInsert() {
    const { outbox } = this.h.t;
    const p = (name: string) => sql.placeholder(name);
    return prepareRun(this.h, () =>
      this.h.db
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
        .onConflictDoNothing(),
    );
  }

  /**
   * Inserts each post whose key is new, all in one transaction; a key already present (any
   * status) is left alone. Returns the keys inserted.
   */
  async insert(rows: NewOutboxRow[], now: Date): Promise<string[]> {
    if (rows.length === 0) return [];
    return this.h.transaction(async () => {
      const inserted: string[] = [];
      for (const r of rows) if (await this.insertOne(r, now)) inserted.push(r.key);
      return inserted;
    });
  }

  /**
   * `insert` of several rows in the caller's transaction: whether each one's key was new (a key
   * twice in the list: the first). On SQLite each row's prepared insert; on PostgreSQL one
   * statement for them all (a round trip per row was most of a tick's planning there).
   */
  async insertMany(rows: readonly NewOutboxRow[], now: Date): Promise<boolean[]> {
    if (rows.length === 0) return [];
    if (this.h.dialect === 'sqlite') {
      const added: boolean[] = [];
      for (const r of rows) added.push(await this.insertOne(r, now));
      return added;
    }
    // Inserted in the list's order (its ids ascending, as one insert a row gives), each with its
    // POC's workspace, as insertOne.
    const values = rows.map((r) => insertValues(r, now));
    const { rows: stored } = await pgStatement(
      this.h,
      'outbox_insert_many',
      `insert into outbox (key, poc_id, team_id, enterprise_id, kind, target, thread_ts, payload,
          due_at, expires_at, status, attempts, next_attempt_at, created_at, rank)
        select r.key, r.poc_id, coalesce(p.team_id, ''), coalesce(p.enterprise_id, ''), r.kind, r.target,
          r.thread_ts, r.payload, r.due_at, r.expires_at, 'pending', 0, r.due_at, $10, r.rank
        from unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::int4[]) with ordinality
          as r(key, poc_id, kind, target, thread_ts, payload, due_at, expires_at, rank, ord)
          left join pocs p on p.id = r.poc_id
        order by r.ord
        on conflict do nothing
        returning key`,
      [
        values.map((v) => v.key),
        values.map((v) => v.pocId),
        values.map((v) => v.kind),
        values.map((v) => v.target),
        values.map((v) => v.threadTs),
        values.map((v) => v.payload),
        values.map((v) => v.dueAt),
        values.map((v) => v.expiresAt),
        values.map((v) => v.rank),
        now.toISOString(),
      ],
    );
    const added = new Set(stored.map(([key]) => key as string));
    return rows.map((r) => added.delete(r.key));
  }

  /** `insert` of one row, in the caller's transaction: true when its key was new. */
  async insertOne(r: NewOutboxRow, now: Date): Promise<boolean> {
    this.preparedInsert ??= this.prepareInsert();
    const changes = await this.preparedInsert(insertValues(r, now));
    return changes > 0;
  }

  async byKey(key: string): Promise<OutboxRow | undefined> {
    const { outbox } = this.h.t;
    const r = await this.h.one(this.h.db.select().from(outbox).where(eq(outbox.key, key)));
    return r ? toRow(r) : undefined;
  }

  /** Which of these keys are already in the outbox, with their status. */
  async statuses(keys: string[]): Promise<Map<string, OutboxStatus>> {
    const out = new Map<string, OutboxStatus>();
    if (keys.length === 0) return out;
    const { outbox } = this.h.t;
    // The keys as one JSON parameter: one prepared statement for any number of keys.
    const fields = { key: outbox.key, status: outbox.status };
    this.preparedStatuses ??= prepareAll(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(outbox)
        .where(inArray(outbox.key, this.h.texts(sql.placeholder('keys')))),
    );
    for (const r of await this.preparedStatuses({ keys: JSON.stringify(keys) })) out.set(r.key, r.status);
    return out;
  }

  /** The post that went out as this message (a thread parent, a clicked message). */
  async bySentMessage(channel: string, ts: string): Promise<OutboxRow | undefined> {
    const { outbox } = this.h.t;
    const r = await this.h.one(
      this.h.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.sentChannel, channel), eq(outbox.sentTs, ts)))
        .limit(1),
    );
    return r ? toRow(r) : undefined;
  }

  /** How many rows of these kinds wait in the queue at `now`: pending, their next attempt due. */
  async pendingDueCount(now: Date, kinds: readonly string[]): Promise<number> {
    const { outbox } = this.h.t;
    // count(*) is a bigint on PostgreSQL, which node-postgres reads as a string: `mapWith(Number)`.
    const fields = { n: sql<number>`count(*)`.mapWith(Number) };
    this.preparedPendingDue ??= prepareGet(this.h, fields, () =>
      this.h.db
        .select(fields)
        .from(outbox)
        .where(
          and(
            eq(outbox.status, 'pending'),
            lte(outbox.nextAttemptAt, sql.placeholder('now')),
            inArray(outbox.kind, this.h.texts(sql.placeholder('kinds'))),
          ),
        ),
    );
    return (await this.preparedPendingDue({ now: now.toISOString(), kinds: JSON.stringify(kinds) }))?.n ?? 0;
  }

  /** The queue's depth for /metrics and the tick's log line: every pending row, and those due at `now`. */
  async pendingCounts(now: Date): Promise<{ pending: number; due: number }> {
    const { outbox } = this.h.t;
    const r = await this.h.one(
      this.h.db
        .select({
          pending: sql<number>`count(*)`.mapWith(Number),
          // A count of the rows due (PostgreSQL sums no booleans).
          due: sql<number>`count(case when ${outbox.nextAttemptAt} <= ${now.toISOString()} then 1 end)`.mapWith(Number),
        })
        .from(outbox)
        .where(eq(outbox.status, 'pending')),
    );
    return { pending: r?.pending ?? 0, due: r?.due ?? 0 };
  }

  /** Pending rows whose next attempt is due, in queue order: oldest first, then by rank. */
  async due(now: Date, limit: number): Promise<OutboxRow[]> {
    const { outbox } = this.h.t;
    const rows = await this.h.all(
      this.h.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.rank), asc(outbox.id))
        .limit(limit),
    );
    return rows.map(toRow);
  }

  /** `due` without the messages: what a dry run lists. */
  async dueTargets(now: Date, limit: number): Promise<Array<{ key: string; target: string }>> {
    const { outbox } = this.h.t;
    return this.h.all(
      this.h.db
        .select({ key: outbox.key, target: outbox.target })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.rank), asc(outbox.id))
        .limit(limit),
    );
  }

  async list(filter: { pocId?: number; kind?: string; status?: OutboxStatus } = {}): Promise<OutboxRow[]> {
    const { outbox } = this.h.t;
    const conds = [
      filter.pocId === undefined ? undefined : eq(outbox.pocId, filter.pocId),
      filter.kind === undefined ? undefined : eq(outbox.kind, filter.kind),
      filter.status === undefined ? undefined : eq(outbox.status, filter.status),
    ].filter((c) => c !== undefined);
    const rows = await this.h.all(
      this.h.db
        .select()
        .from(outbox)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(outbox.id)),
    );
    return rows.map(toRow);
  }

  /**
   * Claims a pending row for one attempt: counts the attempt and leases the row until `leaseUntil`
   * so a concurrent tick does not pick it up. False when someone else claimed it first. The
   * attempt is stored before Slack is called, so after a crash the row says it may have gone out.
   */
  async claim(row: Pick<OutboxRow, 'id' | 'attempts'>, leaseUntil: Date): Promise<boolean> {
    const { outbox } = this.h.t;
    const p = (name: string) => sql.placeholder(name);
    this.preparedClaim ??= prepareRun(this.h, () =>
      this.h.db
        .update(outbox)
        .set({ attempts: sql`${p('next')}`, nextAttemptAt: sql`${p('leaseUntil')}` })
        .where(and(eq(outbox.id, p('id')), eq(outbox.status, 'pending'), eq(outbox.attempts, p('attempts')))),
    );
    return (
      (await this.preparedClaim({
        id: row.id,
        attempts: row.attempts,
        next: row.attempts + 1,
        leaseUntil: leaseUntil.toISOString(),
      })) > 0
    );
  }

  /**
   * Several rows marked sent at once (the posts a turn of the dispatcher's loop got answers for):
   * in one transaction on SQLite, one statement on PostgreSQL.
   */
  async markSentMany(marks: ReadonlyArray<{ id: number; sent: SentMark }>): Promise<void> {
    if (marks.length === 0) return;
    if (this.h.dialect === 'sqlite') {
      await this.h.transaction(async () => {
        for (const m of marks) await this.markSent(m.id, m.sent);
      });
      return;
    }
    const values = marks.map((m) => sentValues(m.sent));
    await pgStatement(
      this.h,
      'outbox_mark_sent_many',
      `update outbox set status = 'sent', sent_channel = m.channel, sent_ts = m.ts, sent_at = m.at,
          payload = coalesce(m.payload, outbox.payload), error = null
        from unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::text[]) as m(id, channel, ts, at, payload)
        where outbox.id = m.id`,
      [
        marks.map((m) => m.id),
        values.map((v) => v.channel),
        values.map((v) => v.ts),
        values.map((v) => v.at),
        values.map((v) => v.payload),
      ],
    );
  }

  /** `message`: what was posted, when the row held a deferred one (the row then keeps what went out). */
  async markSent(id: number, sent: SentMark): Promise<void> {
    const { outbox } = this.h.t;
    const p = (name: string) => sql.placeholder(name);
    this.preparedMarkSent ??= prepareRun(this.h, () =>
      this.h.db
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
    await this.preparedMarkSent({ id, ...sentValues(sent) });
  }

  async markFailed(id: number, error: string): Promise<void> {
    const { outbox } = this.h.t;
    await this.h.run(this.h.db.update(outbox).set({ status: 'failed', error }).where(eq(outbox.id, id)));
  }

  async markSkipped(id: number, reason: string): Promise<void> {
    const { outbox } = this.h.t;
    await this.h.run(this.h.db.update(outbox).set({ status: 'skipped', error: reason }).where(eq(outbox.id, id)));
  }

  /** Puts a row back in the queue for a later attempt, the later posts of its series behind it (holdBehind). */
  async reschedule(
    row: Pick<OutboxRow, 'id' | 'pocId' | 'kind' | 'target'>,
    next: { at: Date; attempts: number; error: string },
    seriesKinds: readonly string[] = [row.kind],
  ): Promise<void> {
    const { outbox } = this.h.t;
    await this.h.transaction(async () => {
      await this.h.run(
        this.h.db
          .update(outbox)
          .set({ nextAttemptAt: next.at.toISOString(), attempts: next.attempts, error: next.error })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'))),
      );
      await this.holdBehind(row, next.at, seriesKinds);
    });
  }

  /**
   * Holds the pending rows planned after `row` (higher id) with its POC and target, of its kind
   * or the kinds of its series, until at least `until`, so the queue (ordered by next attempt, rank,
   * then id; the rows of a series share a rank) gives them after it.
   */
  async holdBehind(
    row: Pick<OutboxRow, 'id' | 'pocId' | 'kind' | 'target'>,
    until: Date,
    seriesKinds: readonly string[] = [row.kind],
  ): Promise<number> {
    const { outbox } = this.h.t;
    const at = until.toISOString();
    return this.h.run(
      this.h.db
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
        ),
    );
  }

  /** Skips every pending row of a POC to one target (a channel that was archived or deleted). */
  async skipPendingFor(pocId: number, target: string, reason: string, exceptId?: number): Promise<number> {
    const { outbox } = this.h.t;
    return this.h.run(
      this.h.db
        .update(outbox)
        .set({ status: 'skipped', error: reason })
        .where(
          and(
            eq(outbox.pocId, pocId),
            eq(outbox.target, target),
            eq(outbox.status, 'pending'),
            exceptId === undefined ? undefined : ne(outbox.id, exceptId),
          ),
        ),
    );
  }
}
