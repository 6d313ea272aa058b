// Closing a POC: the outcome on the POC row, and every post still waiting in the outbox for it
// skipped, in one transaction, so nothing planned before the close goes out after it.
import { and, eq, isNull } from 'drizzle-orm';
import { outbox, pocs } from '../../db/schema.js';
import type { ClosedStage, Poc } from '../domain/poc.js';
import type { Db } from './db.js';

export class PocCloseStore {
  constructor(private readonly db: Db) {}

  /** Closes the POC if it is still open; undefined when it was already closed (a race, a retry). */
  close(
    pocId: number,
    outcome: { stage: ClosedStage; reason: string | null; at: Date },
  ): { poc: Poc; skipped: number } | undefined {
    return this.db.transaction((tx) => {
      const at = outcome.at.toISOString();
      const poc = tx
        .update(pocs)
        .set({ stage: outcome.stage, outcomeReason: outcome.reason, closedAt: at, updatedAt: at })
        .where(and(eq(pocs.id, pocId), isNull(pocs.closedAt)))
        .returning()
        .get();
      if (!poc) return undefined;
      const skipped = tx
        .update(outbox)
        .set({ status: 'skipped', error: `poc closed: ${outcome.stage}` })
        .where(and(eq(outbox.pocId, pocId), eq(outbox.status, 'pending')))
        .run().changes;
      return { poc, skipped };
    });
  }
}
