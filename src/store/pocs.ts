import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Holidays } from '../domain/calendar.js';
import type { Poc, Stage } from '../domain/poc.js';
import { prepareAll, prepareGet } from './compiled.js';
import type { StoreDb } from './handle.js';

export type NewPoc = Omit<Poc, 'id'>;

export class PocStore {
  constructor(private readonly h: StoreDb) {}

  /** Every column of pocs, for the prepared reads (which need their fields named). */
  private get columns() {
    return getTableColumns(this.h.t.pocs);
  }

  // Prepared once (see compiled.ts): the scheduler reads every open POC each tick, and the
  // dispatcher reads one POC per post it sends.
  private preparedListOpen: (() => Promise<Poc[]>) | undefined;
  private preparedById: ((values: { id: number }) => Promise<Poc | undefined>) | undefined;
  private preparedByIdWithDaysOff:
    | ((values: { id: number }) => Promise<(Poc & { daysOff: string; leadZone: string | null }) | undefined>)
    | undefined;
  private preparedOpenInChannel:
    | ((values: { teamId: string; channelId: string }) => Promise<Poc | undefined>)
    | undefined;

  /** Inserts the POC with its lead as its evaluation team (the others: `evaluators.setTeam`). In the caller's transaction. */
  async insert(poc: NewPoc): Promise<Poc> {
    const { pocs, pocEvaluators } = this.h.t;
    const saved = await this.h.one(this.h.db.insert(pocs).values(poc).returning());
    if (!saved) throw new Error('inserting a POC returned no row');
    await this.h.run(
      this.h.db
        .insert(pocEvaluators)
        .values({ pocId: saved.id, userId: saved.evaluatorId, role: 'lead', addedAt: saved.createdAt }),
    );
    return saved;
  }

  async get(teamId: string, id: number): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    return this.h.one(
      this.h.db
        .select()
        .from(pocs)
        .where(and(eq(pocs.teamId, teamId), eq(pocs.id, id))),
    );
  }

  /** By id alone: for jobs and the outbox, which act on rows they selected themselves. */
  async byId(id: number): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    const columns = this.columns;
    this.preparedById ??= prepareGet(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(pocs)
        .where(eq(pocs.id, sql.placeholder('id'))),
    );
    return this.preparedById({ id });
  }

  /**
   * By id, with the POC's own days off (`/poc holiday`, the holidays table) and its lead
   * evaluator's Slack zone as the POC's workspace last saw it (null when unknown) read in the same
   * statement: what the dispatcher asks again of each post when its turn comes. On PostgreSQL each
   * statement is a round trip, and a morning's tick sends 200 posts.
   */
  async byIdWithDaysOff(id: number): Promise<{ poc: Poc; daysOff: Holidays; leadZone: string | null } | undefined> {
    this.preparedByIdWithDaysOff ??= this.prepareByIdWithDaysOff();
    const row = await this.preparedByIdWithDaysOff({ id });
    if (!row) return undefined;
    const { daysOff, leadZone, ...poc } = row;
    return { poc, daysOff: new Set(JSON.parse(daysOff) as string[]), leadZone };
  }

  /** Built once: the dispatcher asks it for every calendar post it sends. */
  private prepareByIdWithDaysOff() {
    const { pocs } = this.h.t;
    // Written out: drizzle leaves column names unqualified in a one-table select, so in a correlated
    // subquery `team_id = team_id` would compare slack_profiles with itself.
    // Each dialect's JSON array of the dates, as text: [] when there are none.
    const dates =
      this.h.dialect === 'sqlite'
        ? sql<string>`(select json_group_array(holidays.date) from holidays where holidays.poc_id = pocs.id)`
        : sql<string>`(select coalesce(json_agg(holidays.date), '[]')::text from holidays where holidays.poc_id = pocs.id)`;
    const leadZone = sql<string | null>`(select slack_profiles.tz from slack_profiles
      where slack_profiles.team_id = pocs.team_id and slack_profiles.user_id = pocs.evaluator_id)`;
    const columns = { ...this.columns, daysOff: dates, leadZone };
    return prepareGet(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(pocs)
        .where(eq(pocs.id, sql.placeholder('id'))),
    );
  }

  /**
   * Holds the POC's row until the caller's transaction ends (PostgreSQL; SQLite's transactions
   * run alone): decisions about one POC made by two events at once, or on two replicas, take
   * turns, each seeing what the other stored.
   */
  async lock(id: number): Promise<void> {
    const { pocs } = this.h.t;
    await this.h.lock(() => this.h.db.select({ id: pocs.id }).from(pocs).where(eq(pocs.id, id)));
  }

  /** The channel's POC that is not closed, if any. */
  async openInChannel(teamId: string, channelId: string): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    const columns = this.columns;
    // Every event and most commands start here: prepared once, not rebuilt per request. No
    // `limit`: `.get()` reads one row, the unique partial index allows no second, and drizzle
    // binds a limit as a parameter, which costs SQLite a fresh plan on every run (~30 µs).
    this.preparedOpenInChannel ??= prepareGet(this.h, columns, () =>
      this.h.db
        .select(columns)
        .from(pocs)
        .where(
          and(
            eq(pocs.teamId, sql.placeholder('teamId')),
            eq(pocs.channelId, sql.placeholder('channelId')),
            isNull(pocs.closedAt),
          ),
        ),
    );
    return this.preparedOpenInChannel({ teamId, channelId });
  }

  /** The channel's most recently closed POC, if any. */
  async latestClosedInChannel(teamId: string, channelId: string): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    return this.h.one(
      this.h.db
        .select()
        .from(pocs)
        .where(and(eq(pocs.teamId, teamId), eq(pocs.channelId, channelId), isNotNull(pocs.closedAt)))
        .orderBy(desc(pocs.closedAt))
        .limit(1),
    );
  }

  /** Every POC not closed, in any workspace, in id order: what the scheduler looks at (without an order SQLite may take an index's). */
  async listOpen(): Promise<Poc[]> {
    const { pocs } = this.h.t;
    const columns = this.columns;
    this.preparedListOpen ??= prepareAll(this.h, columns, () =>
      this.h.db.select(columns).from(pocs).where(isNull(pocs.closedAt)).orderBy(asc(pocs.id)),
    );
    return this.preparedListOpen();
  }

  async listInStages(stages: readonly Stage[]): Promise<Poc[]> {
    const { pocs } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(pocs)
        .where(inArray(pocs.stage, [...stages])),
    );
  }

  /** POCs where the user is SE or AE, newest first. */
  async listForUser(teamId: string, userId: string): Promise<Poc[]> {
    const { pocs } = this.h.t;
    return this.h.all(
      this.h.db
        .select()
        .from(pocs)
        .where(and(eq(pocs.teamId, teamId), or(eq(pocs.seId, userId), eq(pocs.aeId, userId))))
        .orderBy(desc(pocs.id)),
    );
  }

  async update(id: number, patch: Partial<NewPoc>): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    return this.h.one(this.h.db.update(pocs).set(patch).where(eq(pocs.id, id)).returning());
  }

  /** Updates only while the POC is still in `from`; undefined when it had moved on (a race, a retry). */
  async updateIfStage(id: number, from: Stage, patch: Partial<NewPoc>): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    return this.h.one(
      this.h.db
        .update(pocs)
        .set(patch)
        .where(and(eq(pocs.id, id), eq(pocs.stage, from)))
        .returning(),
    );
  }

  async delete(id: number): Promise<void> {
    const { pocs } = this.h.t;
    await this.h.run(this.h.db.delete(pocs).where(eq(pocs.id, id)));
  }
}
