// Read-only selects the readout and the hand-off need that no other store module offers.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Poc } from '../domain/poc.js';
import type { ActiveDays } from '../domain/readout-model.js';
import { prepareAll } from './compiled.js';
import type { StoreDb } from './handle.js';

export class ReadoutSourceStore {
  constructor(private readonly h: StoreDb) {}

  private preparedActiveDays:
    | ((values: { pocId: number }) => Promise<Array<{ userId: string; days: string }>>)
    | undefined;

  /**
   * The days each person was active in the POC's channel, one row per person, days in no
   * particular order (the readout counts them). Grouped by the database: a long POC has tens of
   * thousands of per-person-per-day rows, and building an object for each was most of the
   * readout's time (~17–34 ms for 20,000; grouped, ~7).
   */
  async activeDays(pocId: number): Promise<ActiveDays[]> {
    const { activity } = this.h.t;
    // The list's separator is a comma: LocalDates ('YYYY-MM-DD') never hold one.
    const fields = { userId: activity.userId, days: this.h.commaList(activity.day) };
    this.preparedActiveDays ??= prepareAll(
      this.h,
      fields,
      () =>
        this.h.db
          .select(fields)
          .from(activity)
          .where(
            and(eq(activity.pocId, sql.placeholder('pocId')), gt(sql`${activity.messages} + ${activity.reactions}`, 0)),
          )
          .groupBy(activity.userId),
      { read: 'all' },
    );
    const rows = await this.preparedActiveDays({ pocId });
    return rows.map((r) => ({ userId: r.userId, days: r.days.split(',') }));
  }

  /** The channel's newest POC, closed or not: `/poc handoff` runs after the close. */
  async latestInChannel(teamId: string, channelId: string): Promise<Poc | undefined> {
    const { pocs } = this.h.t;
    return this.h.one(
      this.h.db
        .select()
        .from(pocs)
        .where(and(eq(pocs.teamId, teamId), eq(pocs.channelId, channelId)))
        .orderBy(desc(pocs.id))
        .limit(1),
    );
  }
}
