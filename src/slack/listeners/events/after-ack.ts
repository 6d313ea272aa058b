import type { App } from '@slack/bolt';
import { dispatchedFromQueue, receiptOf } from '../../inbox.js';
import type { ListenerDeps } from '../deps.js';

function queued(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
  // function_executed is the one event its listener acks itself: it cannot wait in the queue.
  if (b.type !== 'event_callback' || b.event?.type === 'function_executed') return undefined;
  return typeof b.event_id === 'string' ? b.event_id : 'without an id';
}

/**
 * Runs before every listener. An event is acked when this runs, so its listeners go to the work
 * queue, behind the acks of the requests that follow (unless it came from there). The event is in
 * the inbox already (slack/inbox.ts: a retry of it never gets this far); the work holds its
 * receipt, so the inbox marks it done only when the listeners are, and tries it again if one throws.
 */
export function registerAfterAck(app: App, deps: ListenerDeps): void {
  app.use(async ({ body, next, logger, context }) => {
    const eventId = queued(body);
    if (!eventId) return next();
    const release = receiptOf(context)?.hold();
    const listeners = async () => {
      let failure: unknown;
      try {
        await next();
      } catch (err) {
        failure = err;
        // Kept from Bolt's own error handler, which would log it and let the request be marked
        // done: the inbox logs it and says what it does about it (tries again); one it does not
        // hold is logged here.
        if (!release) logger.error('unhandled error in a listener:', err);
      } finally {
        release?.(failure);
      }
    };
    // Answered at the door, it reached Bolt from the work queue: it is behind the acks already.
    if (dispatchedFromQueue(context)) await listeners();
    else deps.work.enqueue(`event ${eventId}`, listeners);
  });
}
