// The scheduler's index of what comes due next: `pocs.next_due_at` (see db/schema.ts and the
// 'next_due' migration, whose triggers set it to `dueAtOnce` whenever a fact the jobs plan from
// changes). A tick claims the POCs due by its `now`, plans them, then gives each its next wake,
// unless a fact changed meanwhile (the claim mark is gone): then it stays due for the next tick.
import { and, asc, eq, getTableColumns, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { compileRun } from './compiled.js';
import { pocs } from '../../db/schema.js';
import type { Poc } from '../domain/poc.js';
import type { Db } from './db.js';
import type { PocStore } from './pocs.js';
import { inTransaction } from './transaction.js';

/** Due at once: what the triggers write, and the column's default (a new POC is planned at the next tick). */
export const dueAtOnce = '1970-01-01T00:00:00.000Z';
/** Claimed by a tick that is planning the POC: still due (a tick that dies half-way leaves it due). */
export const dueClaimed = '1970-01-01T00:00:00.001Z';

const columns = getTableColumns(pocs);

export class PocScheduleStore {
  private compiledSetNextDue: ((values: Record<string, unknown>) => { changes: number }) | undefined;

  constructor(
    private readonly db: Db,
    private readonly pocStore: PocStore,
  ) {}

  /** Marks the open POCs due by `now` as claimed; their ids, in id order. */
  claimDue(now: Date): number[] {
    const dueBy = now.toISOString();
    const rows = this.db
      .update(pocs)
      .set({ nextDueAt: dueClaimed })
      .where(and(isNull(pocs.closedAt), lte(pocs.nextDueAt, dueBy), ne(pocs.nextDueAt, dueClaimed)))
      .returning({ id: pocs.id })
      .all();
    const claimedBefore = this.db
      .select({ id: pocs.id })
      .from(pocs)
      .where(and(isNull(pocs.closedAt), eq(pocs.nextDueAt, dueClaimed)))
      .all();
    return [...new Set([...rows.map((r) => r.id), ...claimedBefore.map((r) => r.id)])].sort((a, b) => a - b);
  }

  /**
   * The open POCs a tick at `now` plans, in id order (as `pocs.listOpen`): those due by then, and
   * every open POC of the same SE (the overload rule counts an SE's POCs together and reports on
   * their newest).
   */
  listDue(now: Date): Poc[] {
    const dueBy = now.toISOString();
    // The SEs of the POCs due (through pocs_next_due), then their POCs (through pocs_se): a POC
    // due is among its own SE's.
    const due = this.db
      .select({ teamId: pocs.teamId, seId: pocs.seId })
      .from(pocs)
      .where(and(isNull(pocs.closedAt), lte(pocs.nextDueAt, dueBy)))
      .all();
    // Not `select distinct`: SQLite would walk all of pocs_se for it, instead of the due range.
    const ses = [...new Map(due.map((d) => [`${d.teamId}\u0000${d.seId}`, d])).values()];
    if (ses.length === 0) return [];
    // Many SEs (a morning): every open POC read at once and those of other SEs left out; a few
    // (a quiet minute): each SE's POCs through pocs_se.
    if (ses.length > 100) {
      const wanted = new Set(ses.map((d) => `${d.teamId}\u0000${d.seId}`));
      return this.pocStore.listOpen().filter((p) => wanted.has(`${p.teamId}\u0000${p.seId}`));
    }
    return this.db
      .select(columns)
      .from(pocs)
      .where(and(isNull(pocs.closedAt), or(...ses.map((d) => and(eq(pocs.teamId, d.teamId), eq(pocs.seId, d.seId))))))
      .orderBy(asc(pocs.id))
      .all();
  }

  /** The next wake of each POC planned, unless a fact of it changed since the claim (then it stays due). */
  setNextDue(wakes: ReadonlyArray<{ id: number; at: Date }>): void {
    if (wakes.length === 0) return;
    // Compiled once (compiled.ts): a standup morning gives 10,000 POCs their wake in one tick.
    this.compiledSetNextDue ??= compileRun(
      this.db,
      this.db
        .update(pocs)
        .set({ nextDueAt: sql`${sql.placeholder('at')}` })
        .where(and(eq(pocs.id, sql.placeholder('id')), eq(pocs.nextDueAt, dueClaimed))),
    );
    const run = this.compiledSetNextDue;
    inTransaction(this.db, () => {
      for (const w of wakes) run({ id: w.id, at: w.at.toISOString() });
    });
  }

  /** Due at the next tick (what the triggers do, for what a tick left undone: no room in the outbox). */
  markDue(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db
      .update(pocs)
      .set({ nextDueAt: dueAtOnce })
      .where(and(inArray(pocs.id, [...ids]), isNull(pocs.closedAt)))
      .run();
  }

  /** When the POC is next due (tests, and `npm run tick` reports). */
  nextDueOf(id: number): string | null | undefined {
    return this.db.select({ at: pocs.nextDueAt }).from(pocs).where(eq(pocs.id, id)).get()?.at;
  }
}
