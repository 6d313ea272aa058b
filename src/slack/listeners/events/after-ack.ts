import type { App } from '@slack/bolt';
import { receiptOf } from '../../inbox.js';
import type { ListenerDeps } from '../deps.js';

function queued(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
  // function_executed is the one event its listener acks itself: it cannot wait in the queue.
  if (b.type !== 'event_callback' || b.event?.type === 'function_executed') return undefined;
  return typeof b.event_id === 'string' ? b.event_id : 'without an id';
}

/**
 * Runs before every listener. Bolt has already acked an event when this runs, so its listeners
 * go to the work queue, behind the acks of the requests that follow. The event is in the inbox
 * already (slack/inbox.ts: a retry of it never gets this far); the queued work holds its receipt,
 * so the inbox marks it done only when the listeners are, and tries it again if one throws.
 */
export function registerAfterAck(app: App, deps: ListenerDeps): void {
  app.use(async ({ body, next, logger, context }) => {
    const eventId = queued(body);
    if (!eventId) return next();
    const release = receiptOf(context)?.hold();
    deps.work.enqueue(`event ${eventId}`, async () => {
      let failure: unknown;
      try {
        await next();
      } catch (err) {
        failure = err;
        // Past Bolt's own error handler (the event left its dispatch when it was queued). The
        // inbox logs it and says what it does about it (tries again); one it does not hold is logged here.
        if (!release) logger.error('unhandled error in a listener:', err);
      } finally {
        release?.(failure);
      }
    });
  });
}
