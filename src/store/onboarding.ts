import { and, eq } from 'drizzle-orm';
import type { StoreDb } from './handle.js';

/** What the bot has said to introduce itself: one greeting per channel, the onboarding at a first App Home visit. */
export class OnboardingStore {
  constructor(private readonly h: StoreDb) {}

  /** True for the first claim of this channel's greeting; false once claimed (posted, or being posted). */
  async claimGreeting(teamId: string, channelId: string, at: Date): Promise<boolean> {
    const { channelGreetings } = this.h.t;
    const changes = await this.h.run(
      this.h.db
        .insert(channelGreetings)
        .values({ teamId, channelId, createdAt: at.toISOString() })
        .onConflictDoNothing(),
    );
    return changes > 0;
  }

  async greeted(teamId: string, channelId: string, messageTs: string): Promise<void> {
    const { channelGreetings } = this.h.t;
    await this.h.run(
      this.h.db
        .update(channelGreetings)
        .set({ messageTs })
        .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId))),
    );
  }

  /** The greeting did not go out: the next time the bot joins, it may try again. */
  async releaseGreeting(teamId: string, channelId: string): Promise<void> {
    const { channelGreetings } = this.h.t;
    await this.h.run(
      this.h.db
        .delete(channelGreetings)
        .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId))),
    );
  }

  async greeting(
    teamId: string,
    channelId: string,
  ): Promise<{ messageTs: string | null; createdAt: string } | undefined> {
    const { channelGreetings } = this.h.t;
    return this.h.one(
      this.h.db
        .select({ messageTs: channelGreetings.messageTs, createdAt: channelGreetings.createdAt })
        .from(channelGreetings)
        .where(and(eq(channelGreetings.teamId, teamId), eq(channelGreetings.channelId, channelId))),
    );
  }

  /** True at the user's first App Home visit (recorded now), false at every later one. */
  async firstHomeVisit(teamId: string, userId: string, at: Date): Promise<boolean> {
    const { homeVisits } = this.h.t;
    const changes = await this.h.run(
      this.h.db.insert(homeVisits).values({ teamId, userId, firstAt: at.toISOString() }).onConflictDoNothing(),
    );
    return changes > 0;
  }

  /** The onboarding did not reach the user: show it at the next visit. */
  async forgetHomeVisit(teamId: string, userId: string): Promise<void> {
    const { homeVisits } = this.h.t;
    await this.h.run(
      this.h.db.delete(homeVisits).where(and(eq(homeVisits.teamId, teamId), eq(homeVisits.userId, userId))),
    );
  }
}
