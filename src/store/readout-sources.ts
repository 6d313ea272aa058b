// Read-only selects the readout and the hand-off need that no other store module offers.
import { and, asc, desc, eq } from 'drizzle-orm';
import { activity, pocs } from '../../db/schema.js';
import type { Poc } from '../domain/poc.js';
import type { ActivityRow } from '../domain/readout.js';
import type { Db } from './db.js';

export class ReadoutSourceStore {
  constructor(private readonly db: Db) {}

  /** Per user per local day activity in the POC's channel. */
  activity(pocId: number): ActivityRow[] {
    return this.db
      .select({ userId: activity.userId, day: activity.day, messages: activity.messages, reactions: activity.reactions })
      .from(activity)
      .where(eq(activity.pocId, pocId))
      .orderBy(asc(activity.day))
      .all();
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
