import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { LocalDate } from '../domain/calendar.js';
import type { NudgeOutcome, NudgeStatus } from '../domain/nudge-rules.js';
import { pgStatement, prepareAll, prepareRun } from './compiled.js';
import type { StoreDb } from './handle.js';

export interface NudgeRow {
  id: number;
  key: string;
  pocId: number;
  kind: string;
  level: number;
  recipientId: string;
  localDate: LocalDate;
  detail: string;
  createdAt: string;
  outcome: NudgeOutcome | null;
  outcomeBy: string | null;
  outcomeAt: string | null;
  snoozedUntil: LocalDate | null;
  episode: string;
  status: NudgeStatus;
  carriedBy: string | null;
}

export type NewNudge = Omit<NudgeRow, 'id' | 'outcome' | 'outcomeBy' | 'outcomeAt' | 'snoozedUntil' | 'carriedBy'>;

export interface NudgeSignal {
  id: number;
  pocId: number;
  kind: string;
  userId: string;
  messageTs: string;
  detail: string;
  createdAt: string;
  consumedBy: string | null;
}

/** Every nudge and escalation, what became of it, and the signals waiting to become one. */
export class NudgeStore {
  constructor(private readonly h: StoreDb) {}

  /** Every column of nudges, for the prepared reads (which need their fields named). */
  private get nudgeColumns() {
    return getTableColumns(this.h.t.nudges);
  }

  /** Prepared once (see compiled.ts): a sweep over thousands of POCs records thousands of nudges. */
  private preparedInsert: ReturnType<typeof prepareRun> | undefined;
  private preparedAllWaiting: (() => Promise<NudgeRow[]>) | undefined;
  private preparedSentCounts:
    | ((values: {
        recipients: string;
        days: string;
      }) => Promise<Array<{ recipientId: string; localDate: LocalDate; n: number }>>)
    | undefined;

  private prepareInsert() {
    const { nudges } = this.h.t;
    const p = (name: keyof NewNudge) => sql.placeholder(name);
    return prepareRun(this.h, () =>
      this.h.db
        .insert(nudges)
        .values({
          key: p('key'),
          pocId: p('pocId'),
          kind: p('kind'),
          level: p('level'),
          recipientId: p('recipientId'),
          localDate: p('localDate'),
          detail: p('detail'),
          createdAt: p('createdAt'),
          episode: p('episode'),
          status: p('status'),
        })
        .onConflictDoNothing(),
    );
  }

  /** Inserts once per key; false when the key is there already. */
  async insert(row: NewNudge): Promise<boolean> {
    this.preparedInsert ??= this.prepareInsert();
    const { key, pocId, kind, level, recipientId, localDate, detail, createdAt, episode, status } = row;
    return (
      (await this.preparedInsert({
        key,
        pocId,
        kind,
        level,
        recipientId,
        localDate,
        detail,
        createdAt,
        episode,
        status,
      })) > 0
    );
  }

  /**
   * `insert` of several rows, in the caller's transaction and the list's order (a key there
   * already, or twice in the list, is left alone). One statement on PostgreSQL, where a morning's
   * nudges were a round trip each; each row's prepared insert on SQLite.
   */
  async insertMany(rows: readonly NewNudge[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.h.dialect === 'sqlite') {
      for (const row of rows) await this.insert(row);
      return;
    }
    await pgStatement(
      this.h,
      'nudges_insert_many',
      `insert into nudges (key, poc_id, kind, level, recipient_id, local_date, detail, created_at, episode, status)
        select key, poc_id, kind, level, recipient_id, local_date, detail, created_at, episode, status
        from unnest($1::text[], $2::int4[], $3::text[], $4::int4[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[]) with ordinality
          as r(key, poc_id, kind, level, recipient_id, local_date, detail, created_at, episode, status, ord)
        order by ord
        on conflict do nothing`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.pocId),
        rows.map((r) => r.kind),
        rows.map((r) => r.level),
        rows.map((r) => r.recipientId),
        rows.map((r) => r.localDate),
        rows.map((r) => r.detail),
        rows.map((r) => r.createdAt),
        rows.map((r) => r.episode),
        rows.map((r) => r.status),
      ],
    );
  }

  async byKey(key: string): Promise<NudgeRow | undefined> {
    const { nudges } = this.h.t;
    return this.h.one(this.h.db.select().from(nudges).where(eq(nudges.key, key)));
  }

  async forPoc(pocId: number): Promise<NudgeRow[]> {
    const { nudges } = this.h.t;
    return this.h.all(this.h.db.select().from(nudges).where(eq(nudges.pocId, pocId)).orderBy(asc(nudges.id)));
  }

  /** DMs sent to this person on this local day (what counts against the budget). */
  async countSent(recipientId: string, day: LocalDate): Promise<number> {
    const { nudges } = this.h.t;
    const rows = await this.h.all(
      this.h.db
        .select({ id: nudges.id })
        .from(nudges)
        .where(and(eq(nudges.recipientId, recipientId), eq(nudges.localDate, day), eq(nudges.status, 'sent'))),
    );
    return rows.length;
  }

  /** `countSent` for many people at once, on these days: recipient → day → DMs sent. */
  async sentCounts(recipientIds: string[], days: LocalDate[]): Promise<Map<string, Map<LocalDate, number>>> {
    const out = new Map<string, Map<LocalDate, number>>();
    if (days.length === 0 || recipientIds.length === 0) return out;
    const { nudges } = this.h.t;
    // Prepared once, the lists bound as JSON: every sweep asks this for thousands of people.
    // count(*) is a bigint on PostgreSQL, which node-postgres reads as a string: `mapWith(Number)`.
    const fields = {
      recipientId: nudges.recipientId,
      localDate: nudges.localDate,
      n: sql<number>`count(*)`.mapWith(Number),
    };
    this.preparedSentCounts ??= prepareAll(
      this.h,
      fields,
      () =>
        this.h.db
          .select(fields)
          .from(nudges)
          .where(
            and(
              inArray(nudges.recipientId, this.h.texts(sql.placeholder('recipients'))),
              inArray(nudges.localDate, this.h.texts(sql.placeholder('days'))),
              eq(nudges.status, 'sent'),
            ),
          )
          .groupBy(nudges.recipientId, nudges.localDate),
      { read: 'all' },
    );
    const rows = await this.preparedSentCounts({
      recipients: JSON.stringify(recipientIds),
      days: JSON.stringify(days),
    });
    for (const r of rows) {
      let byDay = out.get(r.recipientId);
      if (!byDay) {
        byDay = new Map();
        out.set(r.recipientId, byDay);
      }
      byDay.set(r.localDate, r.n);
    }
    return out;
  }

  /** Every nudge still waiting for a DM to ride in, oldest first. */
  async allWaiting(): Promise<NudgeRow[]> {
    const { nudges } = this.h.t;
    const columns = this.nudgeColumns;
    // Prepared (see compiled.ts): every sweep reads it, and after a busy day it holds thousands.
    this.preparedAllWaiting ??= prepareAll(this.h, columns, () =>
      this.h.db.select(columns).from(nudges).where(eq(nudges.status, 'deferred')).orderBy(asc(nudges.id)),
    );
    return this.preparedAllWaiting();
  }

  /** The nudges that rode along in this nudge's DM. */
  async carriedBy(key: string): Promise<NudgeRow[]> {
    const { nudges } = this.h.t;
    return this.h.all(this.h.db.select().from(nudges).where(eq(nudges.carriedBy, key)).orderBy(asc(nudges.id)));
  }

  /** A waiting nudge goes out today as its own DM. */
  async promote(key: string, day: LocalDate): Promise<void> {
    const { nudges } = this.h.t;
    await this.h.run(this.h.db.update(nudges).set({ status: 'sent', localDate: day }).where(eq(nudges.key, key)));
  }

  async fold(keys: string[], into: string): Promise<void> {
    if (keys.length === 0) return;
    const { nudges } = this.h.t;
    // One statement: atomic on PostgreSQL too, where statements outside a transaction commit alone.
    await this.h.run(
      this.h.db
        .update(nudges)
        .set({ status: 'folded', carriedBy: into })
        .where(inArray(nudges.key, this.h.texts(keys))),
    );
  }

  /**
   * A sent nudge whose DM or post was not sent after all (see NudgeStatus): the nudges that were
   * to ride in its DM wait again for the next one. False when it was not a sent nudge.
   */
  async withdraw(key: string): Promise<boolean> {
    const { nudges } = this.h.t;
    return this.h.transaction(async () => {
      const withdrawn =
        (await this.h.run(
          this.h.db
            .update(nudges)
            .set({ status: 'withdrawn' })
            .where(and(eq(nudges.key, key), eq(nudges.status, 'sent'))),
        )) > 0;
      if (withdrawn)
        await this.h.run(
          this.h.db
            .update(nudges)
            .set({ status: 'deferred', carriedBy: null })
            .where(and(eq(nudges.carriedBy, key), eq(nudges.status, 'folded'))),
        );
      return withdrawn;
    });
  }

  /** Records the recipient's choice once; false when a choice was already recorded. */
  async setOutcome(
    key: string,
    o: { outcome: NudgeOutcome; by: string; at: string; snoozedUntil?: LocalDate },
  ): Promise<boolean> {
    const { nudges } = this.h.t;
    return (
      (await this.h.run(
        this.h.db
          .update(nudges)
          .set({ outcome: o.outcome, outcomeBy: o.by, outcomeAt: o.at, snoozedUntil: o.snoozedUntil ?? null })
          .where(and(eq(nudges.key, key), isNull(nudges.outcome))),
      )) > 0
    );
  }

  /** Takes back a choice recorded by `setOutcome` whose action then failed (the check-in could not be posted), if it is still that one. */
  async clearOutcome(key: string, o: { outcome: NudgeOutcome; by: string; at: string }): Promise<boolean> {
    const { nudges } = this.h.t;
    return (
      (await this.h.run(
        this.h.db
          .update(nudges)
          .set({ outcome: null, outcomeBy: null, outcomeAt: null, snoozedUntil: null })
          .where(
            and(
              eq(nudges.key, key),
              eq(nudges.outcome, o.outcome),
              eq(nudges.outcomeBy, o.by),
              eq(nudges.outcomeAt, o.at),
            ),
          ),
      )) > 0
    );
  }

  async addSignal(s: Omit<NudgeSignal, 'id' | 'consumedBy'>): Promise<boolean> {
    const { nudgeSignals } = this.h.t;
    return (await this.h.run(this.h.db.insert(nudgeSignals).values(s).onConflictDoNothing())) > 0;
  }

  async pendingSignals(pocId: number, kind: string): Promise<NudgeSignal[]> {
    const { nudgeSignals } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(nudgeSignals)
        .where(and(eq(nudgeSignals.pocId, pocId), eq(nudgeSignals.kind, kind), isNull(nudgeSignals.consumedBy)))
        .orderBy(asc(nudgeSignals.id)),
    );
  }

  async consumeSignals(ids: number[], by: string): Promise<void> {
    if (ids.length === 0) return;
    const { nudgeSignals } = this.h.t;
    await this.h.run(
      this.h.db
        .update(nudgeSignals)
        .set({ consumedBy: by })
        .where(inArray(nudgeSignals.id, this.h.ids(ids))),
    );
  }

  async signalsForPoc(pocId: number): Promise<NudgeSignal[]> {
    const { nudgeSignals } = this.h.t;
    return this.h.all(
      this.h.db.select().from(nudgeSignals).where(eq(nudgeSignals.pocId, pocId)).orderBy(asc(nudgeSignals.id)),
    );
  }

  // Every /poc status reads this: prepared once (drizzle builds an unprepared query on each call).
  private preparedForStatus: ((values: { pocId: number }) => Promise<NudgeRow[]>) | undefined;

  /** Nudges of a POC other than the "evaluator is back" notes, newest first (for `/poc status`). */
  async forStatus(pocId: number): Promise<NudgeRow[]> {
    const { nudges } = this.h.t;
    const columns = this.nudgeColumns;
    this.preparedForStatus ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(nudges)
        .where(and(eq(nudges.pocId, sql.placeholder('pocId')), ne(nudges.kind, 'evaluator_back')))
        .orderBy(desc(nudges.id)),
    );
    return this.preparedForStatus({ pocId });
  }
}
