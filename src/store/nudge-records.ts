import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm';
import { nudgeSignals, nudges } from '../../db/schema.js';
import type { LocalDate } from '../domain/calendar.js';
import type { NudgeOutcome, NudgeStatus } from '../domain/nudge-rules.js';
import { compileAll, compileRun, jsonList } from './compiled.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

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

const nudgeColumns = getTableColumns(nudges);

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
  constructor(private readonly db: Db) {}

  /** Compiled once (see compiled.ts): a sweep over thousands of POCs records thousands of nudges. */
  private compiledInsert: ReturnType<typeof compileRun> | undefined;
  private compiledAllWaiting: (() => NudgeRow[]) | undefined;
  private compiledSentCounts:
    | ((values: {
        recipients: string;
        days: string;
      }) => Array<{ recipientId: string; localDate: LocalDate; n: number }>)
    | undefined;

  private compileInsert() {
    const p = (name: keyof NewNudge) => sql.placeholder(name);
    const query = this.db
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
      .onConflictDoNothing();
    return compileRun(this.db, query);
  }

  /** Inserts once per key; false when the key is there already. */
  insert(row: NewNudge): boolean {
    this.compiledInsert ??= this.compileInsert();
    const { key, pocId, kind, level, recipientId, localDate, detail, createdAt, episode, status } = row;
    return (
      this.compiledInsert({ key, pocId, kind, level, recipientId, localDate, detail, createdAt, episode, status })
        .changes > 0
    );
  }

  byKey(key: string): NudgeRow | undefined {
    return this.db.select().from(nudges).where(eq(nudges.key, key)).get();
  }

  forPoc(pocId: number): NudgeRow[] {
    return this.db.select().from(nudges).where(eq(nudges.pocId, pocId)).orderBy(asc(nudges.id)).all();
  }

  /** DMs sent to this person on this local day (what counts against the budget). */
  countSent(recipientId: string, day: LocalDate): number {
    return this.db
      .select({ id: nudges.id })
      .from(nudges)
      .where(and(eq(nudges.recipientId, recipientId), eq(nudges.localDate, day), eq(nudges.status, 'sent')))
      .all().length;
  }

  /** `countSent` for many people at once, on these days: recipient → day → DMs sent. */
  sentCounts(recipientIds: string[], days: LocalDate[]): Map<string, Map<LocalDate, number>> {
    const out = new Map<string, Map<LocalDate, number>>();
    if (days.length === 0 || recipientIds.length === 0) return out;
    // Compiled once, the lists bound as JSON: every sweep asks this for thousands of people.
    const fields = { recipientId: nudges.recipientId, localDate: nudges.localDate, n: sql<number>`count(*)` };
    this.compiledSentCounts ??= compileAll(
      this.db,
      fields,
      this.db
        .select(fields)
        .from(nudges)
        .where(
          and(
            inArray(nudges.recipientId, jsonList('recipients')),
            inArray(nudges.localDate, jsonList('days')),
            eq(nudges.status, 'sent'),
          ),
        )
        .groupBy(nudges.recipientId, nudges.localDate),
      { read: 'all' },
    );
    for (const r of this.compiledSentCounts({ recipients: JSON.stringify(recipientIds), days: JSON.stringify(days) })) {
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
  allWaiting(): NudgeRow[] {
    // Compiled (see compiled.ts): every sweep reads it, and after a busy day it holds thousands.
    this.compiledAllWaiting ??= compileAll(
      this.db,
      nudgeColumns,
      this.db.select(nudgeColumns).from(nudges).where(eq(nudges.status, 'deferred')).orderBy(asc(nudges.id)),
    );
    return this.compiledAllWaiting();
  }

  /** The nudges that rode along in this nudge's DM. */
  carriedBy(key: string): NudgeRow[] {
    return this.db.select().from(nudges).where(eq(nudges.carriedBy, key)).orderBy(asc(nudges.id)).all();
  }

  /** A waiting nudge goes out today as its own DM. */
  promote(key: string, day: LocalDate): void {
    this.db.update(nudges).set({ status: 'sent', localDate: day }).where(eq(nudges.key, key)).run();
  }

  fold(keys: string[], into: string): void {
    for (const key of keys)
      this.db.update(nudges).set({ status: 'folded', carriedBy: into }).where(eq(nudges.key, key)).run();
  }

  /**
   * A sent nudge whose DM or post was not sent after all (see NudgeStatus): the nudges that were
   * to ride in its DM wait again for the next one. False when it was not a sent nudge.
   */
  withdraw(key: string): boolean {
    return inTransaction(this.db, () => {
      const withdrawn =
        this.db
          .update(nudges)
          .set({ status: 'withdrawn' })
          .where(and(eq(nudges.key, key), eq(nudges.status, 'sent')))
          .run().changes > 0;
      if (withdrawn)
        this.db
          .update(nudges)
          .set({ status: 'deferred', carriedBy: null })
          .where(and(eq(nudges.carriedBy, key), eq(nudges.status, 'folded')))
          .run();
      return withdrawn;
    });
  }

  /** Records the recipient's choice once; false when a choice was already recorded. */
  setOutcome(key: string, o: { outcome: NudgeOutcome; by: string; at: string; snoozedUntil?: LocalDate }): boolean {
    return (
      this.db
        .update(nudges)
        .set({ outcome: o.outcome, outcomeBy: o.by, outcomeAt: o.at, snoozedUntil: o.snoozedUntil ?? null })
        .where(and(eq(nudges.key, key), isNull(nudges.outcome)))
        .run().changes > 0
    );
  }

  /** Takes back a choice recorded by `setOutcome` whose action then failed (the check-in could not be posted), if it is still that one. */
  clearOutcome(key: string, o: { outcome: NudgeOutcome; by: string; at: string }): boolean {
    return (
      this.db
        .update(nudges)
        .set({ outcome: null, outcomeBy: null, outcomeAt: null, snoozedUntil: null })
        .where(
          and(
            eq(nudges.key, key),
            eq(nudges.outcome, o.outcome),
            eq(nudges.outcomeBy, o.by),
            eq(nudges.outcomeAt, o.at),
          ),
        )
        .run().changes > 0
    );
  }

  addSignal(s: Omit<NudgeSignal, 'id' | 'consumedBy'>): boolean {
    return this.db.insert(nudgeSignals).values(s).onConflictDoNothing().run().changes > 0;
  }

  pendingSignals(pocId: number, kind: string): NudgeSignal[] {
    return this.db
      .select()
      .from(nudgeSignals)
      .where(and(eq(nudgeSignals.pocId, pocId), eq(nudgeSignals.kind, kind), isNull(nudgeSignals.consumedBy)))
      .orderBy(asc(nudgeSignals.id))
      .all();
  }

  consumeSignals(ids: number[], by: string): void {
    for (const id of ids) this.db.update(nudgeSignals).set({ consumedBy: by }).where(eq(nudgeSignals.id, id)).run();
  }

  signalsForPoc(pocId: number): NudgeSignal[] {
    return this.db.select().from(nudgeSignals).where(eq(nudgeSignals.pocId, pocId)).orderBy(asc(nudgeSignals.id)).all();
  }

  // Every /poc status reads this: prepared once (drizzle builds an unprepared query on each call).
  private forStatusQuery: ReturnType<NudgeStore['prepareForStatus']> | undefined;
  private prepareForStatus() {
    return this.db
      .select()
      .from(nudges)
      .where(and(eq(nudges.pocId, sql.placeholder('pocId')), ne(nudges.kind, 'evaluator_back')))
      .orderBy(desc(nudges.id))
      .prepare();
  }

  /** Nudges of a POC other than the "evaluator is back" notes, newest first (for `/poc status`). */
  forStatus(pocId: number): NudgeRow[] {
    this.forStatusQuery ??= this.prepareForStatus();
    return this.forStatusQuery.all({ pocId });
  }
}
