import { eq, lt } from 'drizzle-orm';
import { processedEvents } from '../../db/schema.js';
import type { Db } from './db.js';

/** Slack's event_id is globally unique; a row here means that delivery was already handled. */
export class ProcessedEventStore {
  constructor(private readonly db: Db) {}

  /** True the first time an event id is seen, false for every retry after. */
  claim(eventId: string, receivedAt: Date): boolean {
    const res = this.db
      .insert(processedEvents)
      .values({ eventId, receivedAt: receivedAt.toISOString() })
      .onConflictDoNothing()
      .run();
    return res.changes > 0;
  }

  /** Lets a retry through again when handling failed, so a crash does not lose the event. */
  release(eventId: string): void {
    this.db.delete(processedEvents).where(eq(processedEvents.eventId, eventId)).run();
  }

  /** Drops ids older than the retry window (Delayed Events retries for 24 h; keep a margin). */
  prune(before: Date): number {
    return this.db.delete(processedEvents).where(lt(processedEvents.receivedAt, before.toISOString())).run().changes;
  }
}
