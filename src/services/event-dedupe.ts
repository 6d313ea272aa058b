import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';

/** Slack retries deliveries (X-Slack-Retry-Num); a retry must change nothing the second time. */
export class EventDedupe {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  claim(eventId: string): boolean {
    return this.store.events.claim(eventId, this.clock.now());
  }

  release(eventId: string): void {
    this.store.events.release(eventId);
  }

  /** Keeps two days: past Slack's 2-hour delivery limit, and its 24-hour Delayed Events window. */
  prune(now: Date): number {
    return this.store.events.prune(new Date(now.getTime() - 48 * 3_600_000));
  }
}
