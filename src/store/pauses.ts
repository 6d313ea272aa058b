import { and, desc, eq, isNull } from 'drizzle-orm';
import type { LocalDate } from '../domain/calendar.js';
import type { StoreDb } from './handle.js';

export interface Pause {
  id: number;
  pocId: number;
  fromDate: LocalDate;
  untilDate: LocalDate;
  reason: string;
  pausedBy: string;
  resumedAt: string | null;
}

/** Pauses of a POC (customer holidays, a freeze). The POC row carries the current one in pausedUntil. */
export class PauseStore {
  constructor(private readonly h: StoreDb) {}

  /** Records a pause and sets it on the POC, in one transaction; a pause still open is closed first. */
  async pause(p: Omit<Pause, 'id' | 'resumedAt'>, now: Date): Promise<Pause> {
    const { pauses, pocs } = this.h.t;
    return this.h.transaction(async () => {
      await this.h.run(
        this.h.db
          .update(pauses)
          .set({ resumedAt: now.toISOString() })
          .where(and(eq(pauses.pocId, p.pocId), isNull(pauses.resumedAt))),
      );
      const row = await this.h.one(this.h.db.insert(pauses).values(p).returning());
      if (!row) throw new Error('inserting a pause returned no row');
      await this.h.run(
        this.h.db
          .update(pocs)
          .set({ pausedUntil: p.untilDate, pauseReason: p.reason, updatedAt: now.toISOString() })
          .where(eq(pocs.id, p.pocId)),
      );
      return row;
    });
  }

  /** Ends the POC's pause now. */
  async resume(pocId: number, now: Date): Promise<void> {
    const { pauses, pocs } = this.h.t;
    await this.h.transaction(async () => {
      await this.h.run(
        this.h.db
          .update(pauses)
          .set({ resumedAt: now.toISOString() })
          .where(and(eq(pauses.pocId, pocId), isNull(pauses.resumedAt))),
      );
      await this.h.run(
        this.h.db
          .update(pocs)
          .set({ pausedUntil: null, pauseReason: null, updatedAt: now.toISOString() })
          .where(eq(pocs.id, pocId)),
      );
    });
  }

  async forPoc(pocId: number): Promise<Pause[]> {
    const { pauses } = this.h.t;
    return this.h.all(this.h.db.select().from(pauses).where(eq(pauses.pocId, pocId)).orderBy(desc(pauses.id)));
  }
}
