// Read-only selects the readout and the hand-off need that no other store module offers.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { activity, pocs } from '../../db/schema.js';
import type { Poc } from '../domain/poc.js';
import type { ActiveDays } from '../domain/readout-model.js';
import { compileAll } from './compiled.js';
import type { Db } from './db.js';

// group_concat's separator: LocalDates ('YYYY-MM-DD') never hold a comma.
const activeDaysFields = { userId: activity.userId, days: sql<string>`group_concat(${activity.day})` };

export class ReadoutSourceStore {
  constructor(private readonly db: Db) {}

  private compiledActiveDays: ((values: { pocId: number }) => Array<{ userId: string; days: string }>) | undefined;

  /**
   * The days each person was active in the POC's channel, one row per person, days in no
   * particular order (the readout counts them). Grouped by SQLite: a long POC has tens of
   * thousands of per-person-per-day rows, and building an object for each was most of the
   * readout's time (~17–34 ms for 20,000; grouped, ~7).
   */
  activeDays(pocId: number): ActiveDays[] {
    this.compiledActiveDays ??= compileAll(
      this.db,
      activeDaysFields,
      this.db
        .select(activeDaysFields)
        .from(activity)
        .where(
          and(eq(activity.pocId, sql.placeholder('pocId')), gt(sql`${activity.messages} + ${activity.reactions}`, 0)),
        )
        .groupBy(activity.userId),
      { read: 'all' },
    );
    return this.compiledActiveDays({ pocId }).map((r) => ({ userId: r.userId, days: r.days.split(',') }));
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
