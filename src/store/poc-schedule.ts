// The scheduler's index of what comes due next: `pocs.next_due_at` (see db/schema.ts and the
// 'next_due' migration, whose triggers set it to `dueAtOnce` whenever a fact the jobs plan from
// changes). A tick claims the POCs due by its `now`, plans them, then gives each its next wake,
// unless a fact changed meanwhile (the claim mark is gone): then it stays due for the next tick.
import { and, asc, eq, getTableColumns, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { pgStatement, prepareAll, prepareRun } from './compiled.js';
import type { Poc } from '../domain/poc.js';
import type { StoreDb } from './handle.js';

/** Due at once: what the triggers write, and the column's default (a new POC is planned at the next tick). */
export const dueAtOnce = '1970-01-01T00:00:00.000Z';
/** Claimed by a tick that is planning the POC: still due (a tick that dies half-way leaves it due). */
export const dueClaimed = '1970-01-01T00:00:00.001Z';
/** Due because one of its posts went out (the 'post_sent_due' migration): claimed after everything else due. */
export const dueAfterPost = '1970-01-01T00:00:00.002Z';

type LightPoc = { id: number; teamId: string; seId: string; aeId: string; nextDueAt: string | null };

const personKey = (teamId: string, userId: string) => `${teamId}\u0000${userId}`;

/** What a tick plans: the POCs it claimed (due), and every POC planned with them. */
export interface DueBatch {
  claimed: number[];
  pocs: Poc[];
}

export class PocScheduleStore {
  private preparedSetNextDue: ((values: Record<string, unknown>) => Promise<number>) | undefined;
  private preparedClaim: ((values: Record<string, unknown>) => Promise<number>) | undefined;
  private preparedById: ((values: Record<string, unknown>) => Promise<Poc[]>) | undefined;
  private preparedOfPeople: ((values: Record<string, unknown>) => Promise<LightPoc[]>) | undefined;

  constructor(private readonly h: StoreDb) {}

  /** Every column of pocs, for the prepared reads (which need their fields named). */
  private get columns() {
    return getTableColumns(this.h.t.pocs);
  }

  /** What grouping a batch reads of each POC. */
  private get lightColumns() {
    const { pocs } = this.h.t;
    return {
      id: pocs.id,
      teamId: pocs.teamId,
      seId: pocs.seId,
      aeId: pocs.aeId,
      nextDueAt: pocs.nextDueAt,
    };
  }

  /**
   * Claims a batch of the POCs due by `now` and returns it with every open POC it is planned
   * with. The batch: the `limit` POCs due earliest (then by id), and with them every open POC that
   * shares a person with one of them, as SE or AE, and with those theirs, until no one is left out.
   * Each person's rules and daily nudge budget then see all of their POCs in one tick (the
   * overload rule counts an SE's POCs; the budget weighs a person's nudges together, urgent first).
   * A limit keeps a morning's tick to what the outbox can take; the POCs not in the batch stay
   * due for the next tick. Among the POCs planned, those due are claimed (their ids, in id order).
   */
  async claimDue(now: Date, limit = Number.POSITIVE_INFINITY): Promise<DueBatch> {
    const { pocs } = this.h.t;
    const dueBy = now.toISOString();
    const head = await this.head(dueBy, limit);
    if (head.length === 0) return { claimed: [], pocs: [] };
    const members = await this.together(head);
    const claimed = members.filter((p) => p.nextDueAt !== null && p.nextDueAt <= dueBy).map((p) => p.id);
    this.preparedClaim ??= prepareRun(this.h, () =>
      this.h.db
        .update(pocs)
        .set({ nextDueAt: dueClaimed })
        .where(
          // Not those claimed already (a tick that died): writing the same mark again would read,
          // to the POC's trigger, as an edit of the POC, and make it due at once.
          and(
            inArray(pocs.id, this.h.ids(sql`${sql.placeholder('ids')}`)),
            isNull(pocs.closedAt),
            lte(pocs.nextDueAt, sql.placeholder('dueBy')),
            ne(pocs.nextDueAt, dueClaimed),
          ),
        ),
    );
    await this.preparedClaim({ ids: JSON.stringify(claimed), dueBy });
    const columns = this.columns;
    this.preparedById ??= prepareAll(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(pocs)
        .where(inArray(pocs.id, this.h.ids(sql`${sql.placeholder('ids')}`)))
        .orderBy(asc(pocs.id)),
    );
    return {
      claimed: claimed.sort((a, b) => a - b),
      pocs: await this.preparedById({ ids: JSON.stringify(members.map((p) => p.id)) }),
    };
  }

  /**
   * The POCs due first: those whose wake came (a standup time, a midnight), those a fact change
   * made due at once and those a dead tick claimed, by when, then by id; and only after them those
   * due because a post of theirs went out. On a morning the POCs just planned have their standups
   * go out: they must not fill each batch again ahead of the standups still waiting.
   * Both reads see one state (readSnapshot): a POC due after a post that a fact change makes due
   * at once between them (an event handled meanwhile) would be in neither, and miss this tick.
   */
  private head(dueBy: string, limit: number): Promise<LightPoc[]> {
    return this.h.readSnapshot(() => this.readHead(dueBy, limit));
  }

  private async readHead(dueBy: string, limit: number): Promise<LightPoc[]> {
    const { pocs } = this.h.t;
    const lightColumns = this.lightColumns;
    const size = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : undefined;
    const due = and(isNull(pocs.closedAt), lte(pocs.nextDueAt, dueBy));
    const first = this.h.db
      .select(lightColumns)
      .from(pocs)
      .where(and(due, ne(pocs.nextDueAt, dueAfterPost)))
      .orderBy(asc(pocs.nextDueAt), asc(pocs.id))
      .$dynamic();
    const head = await this.h.all(size === undefined ? first : first.limit(size));
    if (size !== undefined && head.length >= size) return head;
    const after = this.h.db
      .select(lightColumns)
      .from(pocs)
      .where(and(due, eq(pocs.nextDueAt, dueAfterPost)))
      .orderBy(asc(pocs.id))
      .$dynamic();
    return [...head, ...(await this.h.all(size === undefined ? after : after.limit(size - head.length)))];
  }

  /** The open POCs that share a person (SE or AE) with these, and theirs in turn: `head` included. */
  private async together(head: readonly LightPoc[]): Promise<LightPoc[]> {
    const { pocs } = this.h.t;
    const lightColumns = this.lightColumns;
    const people = new Set<string>();
    const members = new Map<number, LightPoc>();
    const join = (p: LightPoc) => {
      people.add(personKey(p.teamId, p.seId));
      people.add(personKey(p.teamId, p.aeId));
      members.set(p.id, p);
    };
    for (const p of head) join(p);
    // Round by round, each person's POCs through pocs_se and pocs_ae (a seek per person, where
    // reading every open POC to find them costs ~9 ms at 10,000).
    this.preparedOfPeople ??= prepareAll(
      this.h,
      lightColumns,
      () => {
        const inPeople = this.h.pairs(sql`${sql.placeholder('people')}`);
        return this.h.db
          .select(lightColumns)
          .from(pocs)
          .where(
            and(
              isNull(pocs.closedAt),
              or(
                sql`(${pocs.teamId}, ${pocs.seId}) in ${inPeople}`,
                sql`(${pocs.teamId}, ${pocs.aeId}) in ${inPeople}`,
              ),
            ),
          );
      },
      { read: 'all' },
    );
    let asked = new Set<string>();
    while (asked.size < people.size) {
      const round = [...people].filter((key) => !asked.has(key));
      asked = new Set(people);
      const found = await this.preparedOfPeople({ people: JSON.stringify(round.map((key) => key.split('\u0000'))) });
      for (const p of found) if (!members.has(p.id)) join(p);
    }
    return [...members.values()];
  }

  /** The next wake of each POC planned, unless a fact of it changed since the claim (then it stays due). */
  async setNextDue(wakes: ReadonlyArray<{ id: number; at: Date }>): Promise<void> {
    if (wakes.length === 0) return;
    if (this.h.dialect === 'postgres') {
      // One statement for the batch (a round trip per POC was a fifth of a morning's planning there).
      await pgStatement(
        this.h,
        'pocs_set_next_due',
        `update pocs set next_due_at = w.at from unnest($1::int4[], $2::text[]) as w(id, at)
          where pocs.id = w.id and pocs.next_due_at = $3`,
        [wakes.map((w) => w.id), wakes.map((w) => w.at.toISOString()), dueClaimed],
      );
      return;
    }
    const { pocs } = this.h.t;
    // Prepared once (compiled.ts): a standup morning gives 10,000 POCs their wake in one tick.
    this.preparedSetNextDue ??= prepareRun(this.h, () =>
      this.h.db
        .update(pocs)
        .set({ nextDueAt: sql`${sql.placeholder('at')}` })
        .where(and(eq(pocs.id, sql.placeholder('id')), eq(pocs.nextDueAt, dueClaimed))),
    );
    const run = this.preparedSetNextDue;
    await this.h.transaction(async () => {
      for (const w of wakes) await run({ id: w.id, at: w.at.toISOString() });
    });
  }

  /** Due at the next tick (what the triggers do, for what a tick left undone: no room in the outbox). */
  async markDue(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const { pocs } = this.h.t;
    await this.h.run(
      this.h.db
        .update(pocs)
        .set({ nextDueAt: dueAtOnce })
        .where(and(inArray(pocs.id, [...ids]), isNull(pocs.closedAt))),
    );
  }

  /** When the POC is next due (tests, and `npm run tick` reports). */
  async nextDueOf(id: number): Promise<string | null | undefined> {
    const { pocs } = this.h.t;
    return (await this.h.one(this.h.db.select({ at: pocs.nextDueAt }).from(pocs).where(eq(pocs.id, id))))?.at;
  }
}
