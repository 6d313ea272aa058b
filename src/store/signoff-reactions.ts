import { and, eq } from 'drizzle-orm';
import { signoffReactions } from '../../db/schema.js';
import { replacesState } from '../domain/reaction-order.js';
import type { Db } from './db.js';
import { inTransaction } from './transaction.js';

/** The latest ✅ state per person on a POC's criteria document, in Slack's order (as criterion votes). */
export class SignoffReactionStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a ✅ added or removed at `eventTs`; false when an event newer than this one already
   * set that person's reaction (this one arrived late and changes nothing).
   */
  apply(r: { pocId: number; userId: string; reaction: string; eventTs: string; removed: boolean }): boolean {
    return inTransaction(this.db, () => {
      const key = and(
        eq(signoffReactions.pocId, r.pocId),
        eq(signoffReactions.userId, r.userId),
        eq(signoffReactions.reaction, r.reaction),
      );
      const stored = this.db
        .select({ eventTs: signoffReactions.eventTs, removed: signoffReactions.removed })
        .from(signoffReactions)
        .where(key)
        .get();
      if (!replacesState(r.eventTs, stored)) return false;
      this.db
        .insert(signoffReactions)
        .values(r)
        .onConflictDoUpdate({
          target: [signoffReactions.pocId, signoffReactions.userId, signoffReactions.reaction],
          set: { eventTs: r.eventTs, removed: r.removed },
        })
        .run();
      return true;
    });
  }
}
