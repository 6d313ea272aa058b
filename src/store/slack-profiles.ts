import { and, eq, sql } from 'drizzle-orm';
import type { StoreDb } from './handle.js';

export interface CachedProfile {
  /** The workspace whose bot asked ('' when none is known); each workspace keeps its own view. */
  teamId: string;
  userId: string;
  tz: string | null;
  statusText: string;
  statusEmoji: string;
  statusExpiration: number;
  /** ISO instant of the users.info answer. */
  fetchedAt: string;
}

/** What users.info last said of each person (zone and status) to each workspace, see the schema. */
export class SlackProfileStore {
  constructor(private readonly h: StoreDb) {}

  async get(teamId: string, userId: string): Promise<CachedProfile | undefined> {
    const { slackProfiles } = this.h.t;
    return this.h.one(
      this.h.db
        .select()
        .from(slackProfiles)
        .where(and(eq(slackProfiles.teamId, teamId), eq(slackProfiles.userId, userId))),
    );
  }

  async put(p: CachedProfile): Promise<void> {
    const { slackProfiles } = this.h.t;
    await this.h.run(
      this.h.db
        .insert(slackProfiles)
        .values(p)
        .onConflictDoUpdate({
          target: [slackProfiles.teamId, slackProfiles.userId],
          set: {
            tz: sql`excluded.tz`,
            statusText: sql`excluded.status_text`,
            statusEmoji: sql`excluded.status_emoji`,
            statusExpiration: sql`excluded.status_expiration`,
            fetchedAt: sql`excluded.fetched_at`,
          },
        }),
    );
  }
}
