import { and, desc, eq, isNull } from 'drizzle-orm';
import { pauses, pocs } from '../../db/schema.js';
import type { LocalDate } from '../domain/calendar.js';
import type { Db } from './db.js';

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
  constructor(private readonly db: Db) {}

  /** Records a pause and sets it on the POC, in one transaction; a pause still open is closed first. */
  pause(p: Omit<Pause, 'id' | 'resumedAt'>, now: Date): Pause {
    return this.db.transaction((tx) => {
      tx.update(pauses)
        .set({ resumedAt: now.toISOString() })
        .where(and(eq(pauses.pocId, p.pocId), isNull(pauses.resumedAt)))
        .run();
      const row = tx.insert(pauses).values(p).returning().get();
      tx.update(pocs)
        .set({ pausedUntil: p.untilDate, pauseReason: p.reason, updatedAt: now.toISOString() })
        .where(eq(pocs.id, p.pocId))
        .run();
      return row;
    });
  }

  /** Ends the POC's pause now. */
  resume(pocId: number, now: Date): void {
    this.db.transaction((tx) => {
      tx.update(pauses)
        .set({ resumedAt: now.toISOString() })
        .where(and(eq(pauses.pocId, pocId), isNull(pauses.resumedAt)))
        .run();
      tx.update(pocs)
        .set({ pausedUntil: null, pauseReason: null, updatedAt: now.toISOString() })
        .where(eq(pocs.id, pocId))
        .run();
    });
  }

  forPoc(pocId: number): Pause[] {
    return this.db.select().from(pauses).where(eq(pauses.pocId, pocId)).orderBy(desc(pauses.id)).all();
  }
}
