// Closing a POC: the outcome on the POC row, and every post still waiting in the outbox for it
// skipped, in one transaction, so nothing planned before the close goes out after it.
import { and, eq, isNull } from 'drizzle-orm';
import type { ClosedStage, Poc } from '../domain/poc.js';
import type { StoreDb } from './handle.js';

export class PocCloseStore {
  constructor(private readonly h: StoreDb) {}

  /** Closes the POC if it is still open; undefined when it was already closed (a race, a retry). */
  async close(
    pocId: number,
    outcome: { stage: ClosedStage; reason: string | null; at: Date },
  ): Promise<{ poc: Poc; skipped: number } | undefined> {
    const { pocs, outbox } = this.h.t;
    return this.h.transaction(async () => {
      const at = outcome.at.toISOString();
      const poc = await this.h.one(
        this.h.db
          .update(pocs)
          .set({ stage: outcome.stage, outcomeReason: outcome.reason, closedAt: at, updatedAt: at })
          .where(and(eq(pocs.id, pocId), isNull(pocs.closedAt)))
          .returning(),
      );
      if (!poc) return undefined;
      const skipped = await this.h.run(
        this.h.db
          .update(outbox)
          .set({ status: 'skipped', error: `poc closed: ${outcome.stage}` })
          .where(and(eq(outbox.pocId, pocId), eq(outbox.status, 'pending'))),
      );
      return { poc, skipped };
    });
  }
}
