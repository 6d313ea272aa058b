import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { pocEvaluators, pocs } from '../../db/schema.js';
import type { Poc, Stage } from '../domain/poc.js';
import { compileAll, compileGet } from './compiled.js';
import type { Db } from './db.js';

export type NewPoc = Omit<Poc, 'id'>;

const columns = getTableColumns(pocs);

export class PocStore {
  constructor(private readonly db: Db) {}

  // Compiled once (see compiled.ts): the scheduler reads every open POC each tick, and the
  // dispatcher reads one POC per post it sends.
  private compiledListOpen: (() => Poc[]) | undefined;
  private compiledById: ((values: { id: number }) => Poc | undefined) | undefined;
  private compiledOpenInChannel: ((values: { teamId: string; channelId: string }) => Poc | undefined) | undefined;

  /** Inserts the POC with its lead as its evaluation team (the others: `evaluators.setTeam`). In the caller's transaction. */
  insert(poc: NewPoc): Poc {
    const saved = this.db.insert(pocs).values(poc).returning().get();
    this.db
      .insert(pocEvaluators)
      .values({ pocId: saved.id, userId: saved.evaluatorId, role: 'lead', addedAt: saved.createdAt })
      .run();
    return saved;
  }

  get(teamId: string, id: number): Poc | undefined {
    return this.db
      .select()
      .from(pocs)
      .where(and(eq(pocs.teamId, teamId), eq(pocs.id, id)))
      .get();
  }

  /** By id alone: for jobs and the outbox, which act on rows they selected themselves. */
  byId(id: number): Poc | undefined {
    this.compiledById ??= compileGet(
      this.db,
      columns,
      this.db
        .select(columns)
        .from(pocs)
        .where(eq(pocs.id, sql.placeholder('id'))),
    );
    return this.compiledById({ id });
  }

  /** The channel's POC that is not closed, if any. */
  openInChannel(teamId: string, channelId: string): Poc | undefined {
    // Every event and most commands start here: compiled once, not rebuilt per request. No
    // `limit`: `.get()` reads one row, the unique partial index allows no second, and drizzle
    // binds a limit as a parameter, which costs SQLite a fresh plan on every run (~30 µs).
    this.compiledOpenInChannel ??= compileGet(
      this.db,
      columns,
      this.db
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
    return this.compiledOpenInChannel({ teamId, channelId });
  }

  /** The channel's most recently closed POC, if any. */
  latestClosedInChannel(teamId: string, channelId: string): Poc | undefined {
    return this.db
      .select()
      .from(pocs)
      .where(and(eq(pocs.teamId, teamId), eq(pocs.channelId, channelId), isNotNull(pocs.closedAt)))
      .orderBy(desc(pocs.closedAt))
      .limit(1)
      .get();
  }

  /** Every POC not closed, in any workspace, in id order: what the scheduler looks at (without an order SQLite may take an index's). */
  listOpen(): Poc[] {
    this.compiledListOpen ??= compileAll(
      this.db,
      columns,
      this.db.select(columns).from(pocs).where(isNull(pocs.closedAt)).orderBy(asc(pocs.id)),
    );
    return this.compiledListOpen();
  }

  listInStages(stages: readonly Stage[]): Poc[] {
    return this.db
      .select()
      .from(pocs)
      .where(inArray(pocs.stage, [...stages]))
      .all();
  }

  /** POCs where the user is SE or AE, newest first. */
  listForUser(teamId: string, userId: string): Poc[] {
    return this.db
      .select()
      .from(pocs)
      .where(and(eq(pocs.teamId, teamId), or(eq(pocs.seId, userId), eq(pocs.aeId, userId))))
      .orderBy(pocs.id)
      .all()
      .reverse();
  }

  update(id: number, patch: Partial<NewPoc>): Poc | undefined {
    return this.db.update(pocs).set(patch).where(eq(pocs.id, id)).returning().get();
  }

  /** Updates only while the POC is still in `from`; undefined when it had moved on (a race, a retry). */
  updateIfStage(id: number, from: Stage, patch: Partial<NewPoc>): Poc | undefined {
    return this.db
      .update(pocs)
      .set(patch)
      .where(and(eq(pocs.id, id), eq(pocs.stage, from)))
      .returning()
      .get();
  }

  delete(id: number): void {
    this.db.delete(pocs).where(eq(pocs.id, id)).run();
  }
}
