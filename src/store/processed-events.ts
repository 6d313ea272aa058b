import { eq, lt, sql } from 'drizzle-orm';
import { processedEvents } from '../../db/schema.js';
import type { Db } from './db.js';

/** Slack's event_id is globally unique; a row here means that delivery was already handled. */
export class ProcessedEventStore {
  constructor(private readonly db: Db) {}

  // Every event claims its id: prepared once, not rebuilt per event.
  private insertOnce = () =>
    this.db
      .insert(processedEvents)
      .values({ eventId: sql.placeholder('eventId'), receivedAt: sql.placeholder('receivedAt') })
      .onConflictDoNothing()
      .prepare();
  private insert: ReturnType<ProcessedEventStore['insertOnce']> | undefined;

  /** True the first time an event id is seen, false for every retry after. */
  claim(eventId: string, receivedAt: Date): boolean {
    this.insert ??= this.insertOnce();
    return this.insert.run({ eventId, receivedAt: receivedAt.toISOString() }).changes > 0;
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
