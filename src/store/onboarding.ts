import { and, eq } from 'drizzle-orm';
import { channelGreetings, homeVisits } from '../../db/schema.js';
import type { Db } from './db.js';

/** What the bot has said to introduce itself: one greeting per channel, the onboarding at a first App Home visit. */
export class OnboardingStore {
  constructor(private readonly db: Db) {}

  /** True for the first claim of this channel's greeting; false once claimed (posted, or being posted). */
  claimGreeting(teamId: string, channelId: string, at: Date): boolean {
    return (
      this.db
        .insert(channelGreetings)
        .values({ teamId, channelId, createdAt: at.toISOString() })
        .onConflictDoNothing()
        .run().changes > 0
    );
  }

  greeted(teamId: string, channelId: string, messageTs: string): void {
    this.db
      .update(channelGreetings)
      .set({ messageTs })
      .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId)))
      .run();
  }

  /** The greeting did not go out: the next time the bot joins, it may try again. */
  releaseGreeting(teamId: string, channelId: string): void {
    this.db
      .delete(channelGreetings)
      .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId)))
      .run();
  }

  greeting(teamId: string, channelId: string): { messageTs: string | null; createdAt: string } | undefined {
    return this.db
      .select({ messageTs: channelGreetings.messageTs, createdAt: channelGreetings.createdAt })
      .from(channelGreetings)
      .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId)))
      .get();
  }

  /** True at the user's first App Home visit (recorded now), false at every later one. */
  firstHomeVisit(teamId: string, userId: string, at: Date): boolean {
    return (
      this.db.insert(homeVisits).values({ teamId, userId, firstAt: at.toISOString() }).onConflictDoNothing().run()
        .changes > 0
    );
  }

  /** The onboarding did not reach the user: show it at the next visit. */
  forgetHomeVisit(teamId: string, userId: string): void {
    this.db
      .delete(homeVisits)
      .where(and(eq(homeVisits.teamId, teamId), eq(homeVisits.userId, userId)))
      .run();
  }
}
