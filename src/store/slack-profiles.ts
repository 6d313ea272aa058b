import { eq, sql } from 'drizzle-orm';
import { slackProfiles } from '../../db/schema.js';
import type { Db } from './db.js';

export interface CachedProfile {
  userId: string;
  tz: string | null;
  statusText: string;
  statusEmoji: string;
  statusExpiration: number;
  /** ISO instant of the users.info answer. */
  fetchedAt: string;
}

/** What users.info last said of each person (zone and status), see the schema. */
export class SlackProfileStore {
  constructor(private readonly db: Db) {}

  get(userId: string): CachedProfile | undefined {
    return this.db.select().from(slackProfiles).where(eq(slackProfiles.userId, userId)).get();
  }

  put(p: CachedProfile): void {
    this.db
      .insert(slackProfiles)
      .values(p)
      .onConflictDoUpdate({
        target: slackProfiles.userId,
        set: { tz: sql`excluded.tz`, statusText: sql`excluded.status_text`, statusEmoji: sql`excluded.status_emoji`, statusExpiration: sql`excluded.status_expiration`, fetchedAt: sql`excluded.fetched_at` },
      })
      .run();
  }
}
