import { and, eq } from 'drizzle-orm';
import { replacesState } from '../domain/reaction-order.js';
import type { StoreDb } from './handle.js';

/** The latest ✅ state per person on a POC's criteria document, in Slack's order (as criterion votes). */
export class SignoffReactionStore {
  constructor(private readonly h: StoreDb) {}

  /**
   * Records a ✅ added or removed at `eventTs`; false when an event newer than this one already
   * set that person's reaction (this one arrived late and changes nothing).
   */
  async apply(r: {
    pocId: number;
    userId: string;
    reaction: string;
    eventTs: string;
    removed: boolean;
  }): Promise<boolean> {
    const { signoffReactions } = this.h.t;
    return this.h.transaction(async () => {
      const key = and(
        eq(signoffReactions.pocId, r.pocId),
        eq(signoffReactions.userId, r.userId),
        eq(signoffReactions.reaction, r.reaction),
      );
      // The person's first: a row of its own. Otherwise compared with what is stored, read locked
      // on PostgreSQL, so two replicas with two events about one ✅ take turns.
      if ((await this.h.run(this.h.db.insert(signoffReactions).values(r).onConflictDoNothing())) > 0) return true;
      const read = this.h.db
        .select({ eventTs: signoffReactions.eventTs, removed: signoffReactions.removed })
        .from(signoffReactions)
        .where(key);
      const stored = await this.h.one(this.h.locked(read));
      if (!replacesState(r.eventTs, stored)) return false;
      await this.h.run(this.h.db.update(signoffReactions).set({ eventTs: r.eventTs, removed: r.removed }).where(key));
      return true;
    });
  }
}
