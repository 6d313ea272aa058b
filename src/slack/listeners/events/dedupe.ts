import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
  // function_executed is the one event its listener acks itself: it cannot wait in the queue.
  if (b.event?.type === 'function_executed') return undefined;
  return b.type === 'event_callback' && typeof b.event_id === 'string' ? b.event_id : undefined;
}

/**
 * Runs before every listener. Bolt has already acked an event when this runs, so its listeners
 * go to the work queue, behind the acks of the requests that follow. There, an event_id seen
 * before stops; a listener that throws releases the id, so Slack's next retry gets a second
 * chance instead of the event being lost.
 */
export function registerDedupe(app: App, deps: ListenerDeps): void {
  app.use(async ({ body, next, logger }) => {
    const eventId = eventIdOf(body);
    if (!eventId) return next();
    deps.work.enqueue(`event ${eventId}`, async () => {
      if (!deps.services.eventDedupe.claim(eventId)) {
        logger.debug(`event ${eventId} already handled; ignoring the retry`);
        return;
      }
      try {
        await next();
      } catch (err) {
        deps.services.eventDedupe.release(eventId);
        // Past Bolt's own error handler (the event left its dispatch when it was queued).
        logger.error('unhandled error in a listener:', err);
      }
    });
  });
}
