import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { pocs } from '../../db/schema.js';
import type { Poc, Stage } from '../domain/poc.js';
import type { Db } from './db.js';

export type NewPoc = Omit<Poc, 'id'>;

export class PocStore {
  constructor(private readonly db: Db) {}

  insert(poc: NewPoc): Poc {
    return this.db.insert(pocs).values(poc).returning().get();
  }

  get(teamId: string, id: number): Poc | undefined {
    return this.db.select().from(pocs).where(and(eq(pocs.teamId, teamId), eq(pocs.id, id))).get();
  }

  /** By id alone: for jobs and the outbox, which act on rows they selected themselves. */
  byId(id: number): Poc | undefined {
    return this.db.select().from(pocs).where(eq(pocs.id, id)).get();
  }

  /** The channel's POC that is not closed, if any. */
  openInChannel(teamId: string, channelId: string): Poc | undefined {
    return this.db
      .select()
      .from(pocs)
      .where(and(eq(pocs.teamId, teamId), eq(pocs.channelId, channelId), isNull(pocs.closedAt)))
      .get();
  }

  /** Every POC not closed, in any workspace: what the scheduler looks at. */
  listOpen(): Poc[] {
    return this.db.select().from(pocs).where(isNull(pocs.closedAt)).all();
  }

  listInStages(stages: readonly Stage[]): Poc[] {
    return this.db.select().from(pocs).where(inArray(pocs.stage, [...stages])).all();
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
