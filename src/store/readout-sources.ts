// Read-only selects the readout and the hand-off need that no other store module offers.
import { and, desc, eq, sql } from 'drizzle-orm';
import { activity, pocs } from '../../db/schema.js';
import type { Poc } from '../domain/poc.js';
import type { ActivityRow } from '../domain/readout.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';

const activityFields = { userId: activity.userId, day: activity.day, messages: activity.messages, reactions: activity.reactions };

export class ReadoutSourceStore {
  constructor(private readonly db: Db) {}

  private compiledActivity: ((values: { pocId: number }) => ActivityRow[]) | undefined;

  /**
   * Per user per local day activity in the POC's channel, in no particular order (the readout
   * counts days per person). Compiled and read whole (see compiled.ts): a long POC has tens of
   * thousands of these narrow rows, and reading them was most of the readout's time.
   */
  activity(pocId: number): ActivityRow[] {
    this.compiledActivity ??= compileAll(
      this.db,
      activityFields,
      this.db.select(activityFields).from(activity).where(eq(activity.pocId, sql.placeholder('pocId'))),
      { read: 'all' },
    );
    return this.compiledActivity({ pocId });
  }

  /** The channel's newest POC, closed or not: `/poc handoff` runs after the close. */
  latestInChannel(teamId: string, channelId: string): Poc | undefined {
    return this.db
      .select()
      .from(pocs)
      .where(and(eq(pocs.teamId, teamId), eq(pocs.channelId, channelId)))
      .orderBy(desc(pocs.id))
      .limit(1)
      .get();
  }
}
